"""Family-based care (FAM01, FAM02): hand-computed examples, child populations
as data (a municipality not given is unknown, not zero), and a naive
reference on random care histories."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import InvalidValueError, Measure, Person, Registry
from socialservices.examples import sofia_oblast
from socialservices.indicators import Unit, measure

from .careers import careers
from .test_indicators import BOTEVGRAD, ON, PRAVETS, counts, service, stay, world

pytestmark = pytest.mark.properties

SINCE = date(2025, 1, 1)


def _registry() -> Registry:
    def child(id: str, home: str = PRAVETS, born: date = date(2015, 1, 1)) -> Person:
        return Person(id=id, birth_date=born, home_municipality=home)

    return world(
        [
            service("S-A", PRAVETS),
            service("S-F", PRAVETS, type="FOSTER_CARE"),
            service("S-D", PRAVETS, type="DAY_CENTRE"),
            service("S-X", PRAVETS, type="NO_SUCH_TYPE"),
        ],
        [child(c) for c in "ABCDEGH"]
        + [child("F", BOTEVGRAD), child("I", born=ON.replace(year=ON.year - 18))],
        [
            stay("A1", "A", "S-F", SINCE),  # foster family: family-based
            stay(
                "B1", "B", None, SINCE, measure=Measure.RELATIVES
            ),  # kinship: family-based
            stay("C1", "C", "S-A", SINCE),  # residential
            stay("D1", "D", "S-D", SINCE),  # a day centre and residential: residential
            stay("D2", "D", "S-A", SINCE),
            stay("E1", "E", "S-D", SINCE),  # a day centre only: not formal care
            stay("F1", "F", "S-A", SINCE),  # residential, from Ботевград
            stay(
                "G1", "G", None, SINCE, measure=Measure.WITH_PARENTS
            ),  # not formal care
            stay("H1", "H", "S-X", SINCE),  # a type nobody knows: unknown
            stay("I1", "I", "S-A", SINCE),  # 18 on the day: not a child
        ],
    )


def test_family_based_share_of_children_in_formal_care() -> None:
    assert counts(measure(_registry(), on=ON, indicators=["FAM01"])) == {
        ("FAM01", None): (2, 5, 1)
    }


def test_residential_care_per_10000_children_of_the_populations_given() -> None:
    children = {PRAVETS: 2000}
    (whole,) = measure(_registry(), on=ON, indicators=["FAM02"], children=children)
    # C and D of Правец; F's Ботевград has no population given; H is unknown
    assert (whole.numerator, whole.denominator, whole.unknown) == (2, 2000, 2)
    assert (whole.scale, whole.value) == (10000, 10.0)
    by = {
        m.unit_id: (m.numerator, m.denominator, m.unknown)
        for m in measure(
            _registry(),
            on=ON,
            by=Unit.MUNICIPALITY,
            indicators=["FAM02"],
            children=children,
        )
    }
    assert by == {PRAVETS: (2, 2000, 1), BOTEVGRAD: (0, 0, 1)}


def test_child_populations_of_an_oblast_are_the_sum_of_its_municipalities() -> None:
    children = {PRAVETS: 2000, BOTEVGRAD: 3000}
    (oblast,) = measure(
        _registry(), on=ON, by=Unit.REGION, indicators=["FAM02"], children=children
    )
    assert (oblast.unit_id, oblast.numerator, oblast.denominator, oblast.unknown) == (
        "SFO",
        3,
        5000,
        1,
    )


def test_without_child_populations_fam02_is_not_measured() -> None:
    assert "FAM02" not in {m.indicator for m in measure(_registry(), on=ON)}
    with pytest.raises(InvalidValueError) as caught:
        measure(_registry(), on=ON, indicators=["FAM02"])
    assert (caught.value.field, caught.value.code) == ("children", "missing")


@pytest.mark.parametrize(
    ("children", "code"),
    [
        ({PRAVETS: -1}, "wrong_type"),
        ({PRAVETS: True}, "wrong_type"),
        ([PRAVETS], "wrong_type"),
        ({"XXX99": 10}, "unknown_value"),
    ],
)
def test_bad_child_populations_are_refused_with_a_code(
    children: object, code: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        measure(sofia_oblast(), on=ON, children=children)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("children", code)


def _naive_family(
    registry: Registry, on: date, children: dict[str, int]
) -> dict[str, tuple[int, int, int]]:
    services = {s.id: s for s in registry.services}
    types = {t.code: t for t in registry.service_types}
    share, rate = Counter[str](), Counter[str]()
    rate["denominator"] = sum(children.values())
    for person in registry.persons:
        if not 0 <= person.age_on(on) < 18:
            continue
        kinds = []
        for p in sorted(registry.placements, key=lambda p: (p.period.start, p.id)):
            if p.person != person.id or not p.is_active_on(on):
                continue
            if p.measure is Measure.RELATIVES:
                kinds.append("family")
            elif p.service is not None:
                kind = types[services[p.service].type]
                if kind.family_based:
                    kinds.append("family")
                elif kind.residential:
                    kinds.append("residential")
        if not kinds:
            continue
        share["denominator"] += 1
        share["numerator"] += kinds[0] == "family"
        if kinds[0] == "residential":
            if person.home_on(on) in children:
                rate["numerator"] += 1
            else:
                rate["unknown"] += 1
    return {
        "FAM01": (share["numerator"], share["denominator"], 0),
        "FAM02": (rate["numerator"], rate["denominator"], rate["unknown"]),
    }


@given(
    careers(),
    st.dates(date(2019, 1, 1), date(2027, 12, 31)),
    st.dictionaries(st.sampled_from([PRAVETS, BOTEVGRAD]), st.integers(0, 5000)),
)
def test_family_based_care_agrees_with_reading_each_child(
    registry: Registry, on: date, children: dict[str, int]
) -> None:
    found = counts(
        measure(registry, on=on, indicators=["FAM01", "FAM02"], children=children)
    )
    assert {code: total for (code, _), total in found.items()} == _naive_family(
        registry, on, children
    )
