"""Validation under hostile and careless use (issue 15): output that stays
linear, dates at the edge of the calendar, empty rule selections, look-alike
ids, and wrong arguments."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    DEFAULT_RULES,
    Agreement,
    AgreementKind,
    CapacityCeiling,
    EndReason,
    Entity,
    Finding,
    InvalidValueError,
    Licence,
    Municipality,
    Party,
    PartyKind,
    Period,
    Person,
    Placement,
    PlacementRequest,
    Provider,
    ProviderKind,
    Registry,
    Reservation,
    Severity,
    from_dict,
    is_valid,
    iter_findings,
    select_rules,
    to_dict,
    validate,
)
from socialservices.bulgaria import CHILD_POLICY
from socialservices.examples import SCENARIO_DATE, sofia_oblast
from socialservices.validation import Facts, Report
from socialservices.validation._coverage import overlapping_runs
from socialservices.validation._facts import shifted
from socialservices.validation._licences import _Followers
from socialservices.validation._look_alike import LOOK_ALIKES, skeleton
from socialservices.validation._placements import coming_of_age

from ..worlds import ON, placement
from ..worlds import small_world as world

START = date(2021, 1, 1)


def _with(registry: Registry, **more: Any) -> Registry:
    changes: dict[str, Any] = {
        name: [*getattr(registry, name), *items] for name, items in more.items()
    }
    return attrs.evolve(registry, **changes)


def _found(registry: Registry, code: str, on: date | None = ON) -> tuple[Finding, ...]:
    report = validate(registry, on=on, rules=select_rules(include=[code]))
    return report.findings


def _stay(
    id: str, start: date, end: date | None = None, person: str = "C1"
) -> Placement:
    return attrs.evolve(
        placement(id, person, "S-RES-M1", start),
        period=Period(start=start, end=end),
        end_reason=None if end is None else EndReason.TRANSFERRED,
    )


# -- item 2: one finding per run of overlapping stays -------------------------------


def test_a_chain_of_overlapping_stays_is_one_finding_naming_them_all() -> None:
    # PL1 (C1's own, open since START) overlaps every one of these
    chain = [
        _stay("PL-A", date(2022, 1, 1), date(2022, 3, 1)),
        _stay("PL-B", date(2022, 2, 1), date(2022, 5, 1)),
    ]
    found = _found(_with(world(), placements=chain), "PLC001")
    assert len(found) == 1
    (finding,) = found
    ids = [s.id for s in finding.subjects if s.kind is Entity.PLACEMENT]
    assert ids == ["PL1", "PL-A", "PL-B"]
    assert finding.concerns(Entity.PERSON, "C1")
    assert finding.on == date(2022, 1, 1)
    assert finding.period == Period(start=date(2022, 1, 1), end=date(2022, 5, 1))
    assert finding.peak == 2  # three placements at once in February


def test_separate_runs_of_overlaps_are_separate_findings() -> None:
    registry = attrs.evolve(
        world(),
        placements=[p for p in world().placements if p.person != "C1"]
        + [
            _stay("PL-A", date(2021, 1, 1), date(2021, 6, 1)),
            _stay("PL-B", date(2021, 5, 1), date(2021, 7, 1)),
            _stay("PL-C", date(2022, 1, 1), date(2022, 6, 1)),
            _stay("PL-D", date(2022, 5, 1), date(2022, 7, 1)),
        ],
    )
    found = _found(registry, "PLC001")
    assert [[s.id for s in f.subjects] for f in found] == [
        ["PL-A", "PL-B", "C1"],
        ["PL-C", "PL-D", "C1"],
    ]
    assert [f.peak for f in found] == [1, 1]


def test_twenty_thousand_overlapping_stays_of_one_person_make_one_finding() -> None:
    # n(n-1)/2 pairs would be 200 million findings: minutes, and gigabytes
    stays = [_stay(f"X{i:05}", START + timedelta(days=i % 97)) for i in range(20_000)]
    found = _found(_with(world(), placements=stays), "PLC001")
    assert len(found) == 1
    assert len(found[0].subjects) == 20_000 + 2  # with PL1, and the person
    assert found[0].peak == 20_000
    assert len(found[0].message) < 300


def test_stays_starting_after_the_audit_are_not_in_a_run() -> None:
    later = _stay("PL-LATER", ON + timedelta(days=1))
    assert _found(_with(world(), placements=[later]), "PLC001") == ()
    assert len(_found(_with(world(), placements=[later]), "PLC001", on=None)) == 1


def _contract(id: str, start: date, end: date | None = None) -> Agreement:
    return Agreement(
        id=id,
        kind=AgreementKind.MANAGEMENT_CONTRACT,
        title="contract",
        parties=[
            Party(kind=PartyKind.MUNICIPALITY, id="M2"),
            Party(kind=PartyKind.PROVIDER, id="P-NGO"),
        ],
        signed=start,
        period=Period(start=start, end=end),
        services={"S-RES-M2"},
    )


def test_overlapping_management_contracts_are_one_finding_per_run() -> None:
    contracts = [
        _contract(f"A-{i:04}", START + timedelta(days=i)) for i in range(2_000)
    ]
    found = _found(_with(world(), agreements=contracts), "AGR002")
    assert len(found) == 1
    (finding,) = found
    assert finding.subjects[0].id == "S-RES-M2"
    named = [s.id for s in finding.subjects if s.kind is Entity.AGREEMENT]
    assert named == ["A-NGO", *(c.id for c in contracts)]  # A-NGO: from 2020, open
    assert finding.peak == 2_000  # all 2,001 in force at once, from the last start
    assert finding.on == START


_PERIODS = st.builds(
    lambda start, length: Period(
        start=date(2020, 1, 1) + timedelta(days=start),
        end=None
        if length is None
        else date(2020, 1, 1) + timedelta(days=start + length),
    ),
    st.integers(0, 60),
    st.none() | st.integers(0, 30),
)


@given(st.lists(_PERIODS, max_size=12))
def test_runs_are_the_connected_chains_of_overlapping_periods(
    periods: list[Period],
) -> None:
    ordered = sorted(periods, key=lambda p: p.start)
    runs = list(overlapping_runs(ordered, lambda p: p))
    # brute force: join every overlapping pair, then compare the groups
    group = list(range(len(ordered)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i, j in itertools.combinations(range(len(ordered)), 2):
        if ordered[i].overlaps(ordered[j]):
            group[root(i)] = root(j)
    expected: dict[int, list[int]] = {}
    for i in range(len(ordered)):
        expected.setdefault(root(i), []).append(i)
    chains = sorted(m for m in expected.values() if len(m) > 1)
    positions = [sorted(_positions(ordered, run.items)) for run in runs]
    assert sorted(positions) == chains
    for run in runs:
        shared = [a.intersection(b) for a, b in itertools.combinations(run.items, 2)]
        days = [s for s in shared if s is not None]
        assert run.shared.start == min(s.start for s in days)
        ends = [s.end for s in days]
        assert run.shared.end == (None if None in ends else max(e for e in ends if e))
        assert run.most == max(
            sum(p.contains(s.start) for p in run.items) for s in days
        )


def _positions(items: list[Period], chosen: list[Period]) -> Iterator[int]:
    taken: set[int] = set()
    for period in chosen:
        i = next(k for k, p in enumerate(items) if p is period and k not in taken)
        taken.add(i)
        yield i


# other rules that worked pairwise: bounded sizes that took minutes before


def test_many_licences_of_one_provider_ending_soon_are_checked_in_linear_time() -> None:
    ends = ON + timedelta(days=30)
    licences = [
        Licence(
            number=f"L-{i:05}",
            service_type="RES",
            target_group="children",
            period=Period(start=date(2020, 1, 1) + timedelta(days=i % 300), end=ends),
        )
        for i in range(20_000)
    ]
    ngo = Provider(id="P-MANY", name="Many", kind=ProviderKind.NGO, licences=licences)
    found = _found(_with(world(), providers=[ngo]), "LIC002")
    assert len(found) == 20_000


@given(
    st.lists(
        st.tuples(
            st.sampled_from("abc"), st.integers(0, 40), st.none() | st.integers(0, 40)
        ),
        min_size=1,
        max_size=8,
    ),
    st.integers(0, 80),
)
def test_a_licence_follows_on_exactly_when_another_holds_the_day(
    given_licences: list[tuple[str, int, int | None]], day: int
) -> None:
    licences = [
        Licence(
            number=number,
            service_type="RES",
            target_group="children",
            period=Period(
                start=date(2020, 1, 1) + timedelta(days=start),
                end=None
                if length is None
                else date(2020, 1, 1) + timedelta(days=start + length),
            ),
        )
        for number, start, length in given_licences
    ]
    end = date(2020, 1, 1) + timedelta(days=day)
    followers = _Followers(licences)
    for licence in licences:
        expected = any(
            other.number != licence.number and other.period.contains(end)
            for other in licences
        )
        assert followers.follows(licence, end) is expected


def _holding_from(day: date, number: int) -> Agreement:
    return Agreement(
        id=f"A-HOLD-{number:05}",
        kind=AgreementKind.INTER_MUNICIPAL,
        title="places",
        parties=[
            Party(kind=PartyKind.MUNICIPALITY, id="M1"),
            Party(kind=PartyKind.MUNICIPALITY, id="M3"),
        ],
        signed=day,
        period=Period(start=day, end=day + timedelta(days=400)),
        services={"S-RES-M3"},
        reservations=[Reservation(service="S-RES-M3", for_municipality="M1", places=1)],
    )


def test_places_held_by_many_agreements_are_summed_in_linear_time() -> None:
    # 10,000 agreements: 20,000 days on which the held places change
    holding = [_holding_from(START + timedelta(days=i), i) for i in range(10_000)]
    found = _found(_with(world(), agreements=holding), "CAP003")
    assert len(found) == 1
    assert len(found[0].subjects) == 1 + 10_000
    assert found[0].peak == 400 - 3  # 400 held at once, in 3 places


def test_a_ceiling_over_many_services_is_summed_in_linear_time() -> None:
    # 10,000 services opening on 10,000 days
    base = world().service("S-RES-M3")
    services = [
        attrs.evolve(
            base, id=f"S-{i:05}", operating=Period(start=START + timedelta(days=i))
        )
        for i in range(10_000)
    ]
    ceiling = CapacityCeiling(area="R2", service_type="RES", max_users=3)
    registry = _with(world(), services=services, ceilings=[ceiling])
    found = _found(registry, "CAP002", on=None)  # every day, to the last opening
    assert len(found) == 1
    assert found[0].on == START
    assert found[0].peak == 3 * 10_000


def test_a_sibling_with_many_stays_is_checked_in_linear_time() -> None:
    c1 = attrs.evolve(world().person("C1"), sibling_group="G")
    sister = Person(
        id="C9", birth_date=date(2012, 1, 1), home_municipality="M1", sibling_group="G"
    )
    stays = [
        _stay(
            f"X{i:05}", START + timedelta(days=i), START + timedelta(days=i + 1), "C9"
        )
        for i in range(20_000)
    ]
    stays = [attrs.evolve(s, service="S-RES-M3") for s in stays]
    registry = attrs.evolve(
        _with(world(), persons=[sister], placements=stays),
        persons=[c1, *[p for p in world().persons if p.id != "C1"], sister],
    )
    report = validate(registry, on=ON, rules=select_rules(include=["SIB"]))
    assert all(f.code == "SIB001" for f in report)


# -- item 3: dates at the edge of the calendar --------------------------------------

_EDGES = [date.max, date.min, date(9999, 10, 1), date(9999, 12, 30), date(1, 1, 2)]
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _shifted_document(value: Any, by: timedelta) -> Any:
    if isinstance(value, dict):
        return {key: _shifted_document(item, by) for key, item in value.items()}
    if isinstance(value, list):
        return [_shifted_document(item, by) for item in value]
    if isinstance(value, str) and _ISO.fullmatch(value):
        return (date.fromisoformat(value) + by).isoformat()
    return value


def _dates(value: Any) -> Iterator[date]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _dates(item)
    elif isinstance(value, list):
        for item in value:
            yield from _dates(item)
    elif isinstance(value, str) and _ISO.fullmatch(value):
        yield date.fromisoformat(value)


def _scenario_at(edge: str) -> Registry:
    """The Sofia scenario moved so that its last (or first) date is the calendar's."""
    document = to_dict(sofia_oblast())
    days = list(_dates(document))
    by = date.max - max(days) if edge == "end" else date.min - min(days)
    return from_dict(_shifted_document(document, by), Registry)


@pytest.mark.parametrize("on", _EDGES, ids=str)
def test_validating_an_empty_registry_on_any_date_does_not_fail(on: date) -> None:
    assert validate(Registry(), on=on).findings == ()


@pytest.mark.parametrize("edge", ["end", "start"])
@pytest.mark.parametrize("on", [None, *_EDGES], ids=str)
def test_data_at_the_edge_of_the_calendar_validates(edge: str, on: date | None) -> None:
    registry = _scenario_at(edge)
    report = validate(registry, on=on)
    assert all(f.on is None or on is None or f.on <= on for f in report)
    assert is_valid(registry, on=on) is report.is_valid


def test_a_licence_ending_on_the_last_day_is_reported_soon_before() -> None:
    licence = Licence(
        number="L-END",
        service_type="RES",
        target_group="children",
        period=Period(start=date(9999, 1, 1), end=date.max),
    )
    ngo = Provider(id="P-END", name="End", kind=ProviderKind.NGO, licences=[licence])
    found = _found(_with(world(), providers=[ngo]), "LIC002", on=date(9999, 10, 1))
    assert [f.subjects[0].id for f in found] == ["L-END"]
    assert found[0].period == Period(start=date(9999, 10, 1), end=date.max)


def test_date_arithmetic_stops_at_the_ends_of_the_calendar() -> None:
    assert shifted(date(9999, 10, 1), relativedelta(months=3)) == date.max
    assert shifted(date.min, relativedelta(months=-3)) == date.min
    assert shifted(date.min, timedelta(days=-1)) == date.min
    assert shifted(date.max, timedelta(days=1)) == date.max
    assert shifted(date(2026, 1, 31), relativedelta(months=1)) == date(2026, 2, 28)
    assert coming_of_age(date(9990, 1, 1), 18) == date.max
    assert coming_of_age(date(2, 1, 1), -5) == date.min


def test_a_child_born_near_the_end_of_the_calendar_is_checked() -> None:
    baby = Person(id="C-LATE", birth_date=date(9995, 1, 1), home_municipality="M1")
    stay = placement("PL-LATE", "C-LATE", "S-RES-M1", date(9999, 1, 1))
    registry = _with(world(), persons=[baby], placements=[stay])
    for on in (None, date.max, date(9999, 10, 1)):
        report = validate(registry, on=on)
        about = {f.code for f in report.about(Entity.PERSON, "C-LATE")}
        assert "PLC006" not in about  # not an adult before the calendar ends


# -- item 6: an empty selection is refused ------------------------------------------

_EMPTY: dict[str, Callable[[], object]] = {
    "include=[]": lambda: select_rules(include=[]),
    "include and exclude LOC": lambda: select_rules(include=["LOC"], exclude=["LOC"]),
    "include a code, exclude its family": lambda: select_rules(
        include=["LOC001"], exclude=["LOC"]
    ),
    "exclude every family": lambda: select_rules(
        exclude=sorted({rule.family for rule in DEFAULT_RULES})
    ),
    "select from no rules": lambda: select_rules(rules=()),
    "validate rules=()": lambda: validate(world(), rules=()),
    "validate rules=[]": lambda: validate(world(), rules=[]),
    "iter_findings rules=()": lambda: iter_findings(world(), rules=()),
    "is_valid rules=()": lambda: is_valid(world(), rules=()),
}


@pytest.mark.parametrize("call", _EMPTY.values(), ids=_EMPTY.keys())
def test_a_selection_of_no_rule_is_refused(call: Callable[[], object]) -> None:
    with pytest.raises(InvalidValueError) as caught:
        call()
    assert caught.value.code == "empty"


def test_the_empty_selection_names_what_was_asked() -> None:
    with pytest.raises(InvalidValueError) as caught:
        select_rules(include=["LOC"], exclude=["LOC"])
    assert (caught.value.type_name, caught.value.field) == ("select_rules", "include")
    assert caught.value.value == ["LOC"]
    with pytest.raises(InvalidValueError) as caught:
        validate(world(), rules=())
    assert (caught.value.type_name, caught.value.field) == ("validate", "rules")


# -- item 8: look-alike letters in references ---------------------------------------

S = sofia_oblast()


def _placed_in(service: str = "S-PRAVETS-FTPC", person: str = "C-01") -> Registry:
    stay = attrs.evolve(S.placements[0], id="PL-X", service=service, person=person)
    return _with(S, placements=[stay])


def _party(kind: PartyKind, id: str) -> Registry:
    memo = Agreement(
        id="A-X",
        kind=AgreementKind.MEMORANDUM,
        title="memorandum",
        parties=[
            Party(kind=PartyKind.MUNICIPALITY, id="SFO34"),
            Party(kind=kind, id=id),
        ],
        signed=date(2024, 1, 1),
        period=Period(start=date(2024, 1, 1)),
    )
    return _with(S, agreements=[memo])


def _holding(service: str, home: str) -> Registry:
    held = attrs.evolve(
        S.agreements[1],
        id="A-X",
        reservations=[Reservation(service=service, for_municipality=home, places=1)],
    )
    return _with(S, agreements=[held])


def _service_of(**fields: Any) -> Registry:
    return _with(
        S, services=[attrs.evolve(S.service("S-PRAVETS-FTPC"), id="S-X", **fields)]
    )


# code: (a registry naming a look-alike, the known id it looks like)
LOOK_ALIKE_BREAKS: dict[str, tuple[Callable[[], Registry], str]] = {
    "REF002": (lambda: _service_of(provider="Р-PRAVETS"), "P-PRAVETS"),
    "REF003": (lambda: _service_of(type="FTРC"), "FTPC"),
    "REF004": (lambda: _service_of(municipality="ЅFO34"), "SFO34"),
    "REF005": (lambda: _placed_in(person="С-01"), "C-01"),
    "REF006": (lambda: _placed_in(service="Ѕ-РRAVETS-FTPC"), "S-PRAVETS-FTPC"),
    "REF007": (
        lambda: _with(
            S,
            persons=[
                attrs.evolve(S.person("C-01"), id="C-X", home_municipality="ЅFО34")
            ],
        ),
        "SFO34",
    ),
    "REF008": (lambda: _party(PartyKind.PROVIDER, "P-РRAVETS"), "P-PRAVETS"),
    "REF009": (
        lambda: _with(
            S,
            agreements=[
                attrs.evolve(S.agreements[1], id="A-X", services={"Ѕ-PRAVETS-FTPC"})
            ],
        ),
        "S-PRAVETS-FTPC",
    ),
    "REF010": (lambda: _holding("S-PRAVETS-FТPC", "SFO18"), "S-PRAVETS-FTPC"),
    "REF011": (lambda: _holding("S-PRAVETS-FTPC", "ЅFO18"), "SFO18"),
    "REF012": (
        lambda: _with(
            S,
            requests=[
                PlacementRequest(id="R-X", persons=["С-01"], requested_on=SCENARIO_DATE)
            ],
        ),
        "C-01",
    ),
    "REF013": (
        lambda: attrs.evolve(
            S,
            geography=attrs.evolve(
                S.geography,
                municipalities=[
                    *S.geography.municipalities,
                    Municipality(
                        code="XX01", name="Нова", region="ЅFΟ"
                    ),  # Cyrillic, Greek
                ],
            ),
        ),
        "SFO",
    ),
    "REF014": (
        lambda: _with(
            S,
            ceilings=[CapacityCeiling(area="ЅFO34", service_type="FTPC", max_users=9)],
        ),
        "SFO34",
    ),
}


def test_every_rule_of_unknown_references_is_covered() -> None:
    refs = {rule.code for rule in DEFAULT_RULES if rule.family == "REF"} - {"REF001"}
    assert set(LOOK_ALIKE_BREAKS) == refs


@pytest.mark.parametrize("code", sorted(LOOK_ALIKE_BREAKS))
def test_an_unknown_reference_that_looks_like_a_known_id_says_so(code: str) -> None:
    build, known = LOOK_ALIKE_BREAKS[code]
    found = _found(build(), code, on=SCENARIO_DATE)
    assert [f.look_alike for f in found] == [known]
    assert repr(known) in found[0].message


def test_a_ceilings_unknown_service_type_can_look_alike() -> None:
    registry = _with(
        S, ceilings=[CapacityCeiling(area="SFO", service_type="FTРC", max_users=9)]
    )
    (finding,) = _found(registry, "REF014", on=SCENARIO_DATE)
    assert finding.look_alike == "FTPC"
    assert finding.fields == ("CapacityCeiling.service_type",)


@pytest.mark.parametrize("kind", [PartyKind.MUNICIPALITY, PartyKind.REGION])
def test_a_partys_look_alike_is_looked_for_among_its_kind(kind: PartyKind) -> None:
    twin = "SFO34" if kind is PartyKind.MUNICIPALITY else "SFO"
    (finding,) = _found(_party(kind, "Ѕ" + twin[1:]), "REF008", on=SCENARIO_DATE)
    assert finding.look_alike == twin


def test_an_unknown_reference_with_no_look_alike_has_none() -> None:
    (finding,) = _found(_placed_in(service="S-NOWHERE"), "REF006", on=SCENARIO_DATE)
    assert finding.look_alike is None
    (finding,) = _found(
        _placed_in(service="s-pravets-ftpc"), "REF006", on=SCENARIO_DATE
    )
    assert finding.look_alike is None  # case is not a look-alike


def test_look_alike_findings_round_trip() -> None:
    report = validate(_placed_in(service="Ѕ-РRAVETS-FTPC"), on=SCENARIO_DATE)
    assert from_dict(to_dict(report), Report) == report


def test_every_look_alike_folds_to_a_latin_letter() -> None:
    for letter, latin in LOOK_ALIKES.items():
        assert len(letter) == len(latin) == 1
        assert latin.isascii()
        assert latin.isalpha()
        assert not letter.isascii()
        assert skeleton(letter) == latin


def test_look_alikes_among_many_unknown_references_are_found_in_linear_time() -> None:
    base = S.service("S-PRAVETS-FTPC")
    services = [attrs.evolve(base, id=f"S-{i:05}-FTPC") for i in range(20_000)]
    stays = [
        attrs.evolve(S.placements[0], id=f"PL-X{i:05}", service=f"Ѕ-{i:05}-FTPC")
        for i in range(20_000)
    ]
    registry = _with(S, services=services, placements=stays)
    found = _found(registry, "REF006", on=SCENARIO_DATE)
    assert len(found) == 20_000
    assert {f.look_alike for f in found} == {f"S-{i:05}-FTPC" for i in range(20_000)}


# -- item 9: wrong arguments ----------------------------------------------------------

REPORT = validate(sofia_oblast(), on=SCENARIO_DATE)
FINDING = REPORT.findings[0]
FACTS = Facts(world(), on=ON, policy=CHILD_POLICY)

# name: (call, the function named in the error, the argument named, bad value)
WRONG: dict[str, tuple[Callable[[], object], str, str, object]] = {
    "select_rules include [['LOC']]": (
        lambda: select_rules(include=[["LOC"]]),  # type: ignore[list-item]
        "select_rules", "include", ["LOC"],
    ),
    "select_rules include [1]": (
        lambda: select_rules(include=[1]),  # type: ignore[list-item]
        "select_rules", "include", 1,
    ),
    "select_rules exclude [None]": (
        lambda: select_rules(exclude=[None]),  # type: ignore[list-item]
        "select_rules", "exclude", None,
    ),
    "select_rules include 'LOC'": (
        lambda: select_rules(include="LOC"),
        "select_rules", "include", "LOC",
    ),
    "select_rules include 7": (
        lambda: select_rules(include=7),  # type: ignore[arg-type]
        "select_rules", "include", 7,
    ),
    "select_rules rules [None]": (
        lambda: select_rules(rules=[None]),  # type: ignore[list-item]
        "select_rules", "rules", None,
    ),
    "validate registry": (
        lambda: validate("registry"),  # type: ignore[arg-type]
        "validate", "registry", "registry",
    ),
    "validate on str": (
        lambda: validate(world(), on="2026-11-02"),  # type: ignore[arg-type]
        "validate", "on", "2026-11-02",
    ),
    "validate on datetime": (
        lambda: validate(world(), on=datetime(2026, 11, 2)),
        "validate", "on", datetime(2026, 11, 2),
    ),
    "validate policy": (
        lambda: validate(world(), policy=None),  # type: ignore[arg-type]
        "validate", "policy", None,
    ),
    "validate rules str": (
        lambda: validate(world(), rules="REF001"),  # type: ignore[arg-type]
        "validate", "rules", "REF001",
    ),
    "is_valid on": (
        lambda: is_valid(world(), on=20261102),  # type: ignore[arg-type]
        "is_valid", "on", 20261102,
    ),
    "iter_findings registry": (
        lambda: iter_findings(None),  # type: ignore[arg-type]
        "iter_findings", "registry", None,
    ),
    "Report.with_severity 'error'": (
        lambda: REPORT.with_severity("error"),  # type: ignore[arg-type]
        "Report.with_severity", "severity", "error",
    ),
    "Report.with_severity None": (
        lambda: REPORT.with_severity(None),  # type: ignore[arg-type]
        "Report.with_severity", "severity", None,
    ),
    "Report.about kind str": (
        lambda: REPORT.about("person", "C-03"),  # type: ignore[arg-type]
        "Report.about", "kind", "person",
    ),
    "Report.about id list": (
        lambda: REPORT.about(Entity.PERSON, ["C-03"]),  # type: ignore[arg-type]
        "Report.about", "id", ["C-03"],
    ),
    "Finding.concerns kind": (
        lambda: FINDING.concerns(None, "PL-01"),  # type: ignore[arg-type]
        "Finding.concerns", "kind", None,
    ),
    "Finding.concerns id": (
        lambda: FINDING.concerns(Entity.PLACEMENT, 1),  # type: ignore[arg-type]
        "Finding.concerns", "id", 1,
    ),
    "Rule.applies_on": (
        lambda: DEFAULT_RULES[0].applies_on("2026-11-02"),  # type: ignore[arg-type]
        "Rule.applies_on", "day", "2026-11-02",
    ),
    "Rule.finding subject": (
        lambda: DEFAULT_RULES[0].finding("m", "PL-1"),  # type: ignore[arg-type]
        "Rule AGR001.finding", "subjects", "PL-1",
    ),
    "Rule.finding subject kind": (
        lambda: DEFAULT_RULES[0].finding("m", ("placement", "PL-1")),  # type: ignore[arg-type]
        "Subject", "kind", "placement",
    ),
    "Facts.stays_of": (
        lambda: FACTS.stays_of(["C1"]),  # type: ignore[arg-type]
        "Facts.stays_of", "person", ["C1"],
    ),
    "Facts.region_of": (
        lambda: FACTS.region_of(["M1"]),  # type: ignore[arg-type]
        "Facts.region_of", "municipality", ["M1"],
    ),
    "Facts.region_of int": (
        lambda: FACTS.region_of(1),  # type: ignore[arg-type]
        "Facts.region_of", "municipality", 1,
    ),
    "Facts.profile": (
        lambda: FACTS.profile("S-RES-M1"),  # type: ignore[arg-type]
        "Facts.profile", "service", "S-RES-M1",
    ),
    "Facts.spare_places": (
        lambda: FACTS.spare_places("S-RES-M1"),  # type: ignore[arg-type]
        "Facts.spare_places", "service", "S-RES-M1",
    ),
    "Facts.occupancy_steps": (
        lambda: FACTS.occupancy_steps(["S-RES-M1"]),  # type: ignore[arg-type]
        "Facts.occupancy_steps", "service", ["S-RES-M1"],
    ),
    "Facts.allows_residential_care": (
        lambda: FACTS.allows_residential_care("C1", ON),  # type: ignore[arg-type]
        "Facts.allows_residential_care", "person", "C1",
    ),
    "Facts.look_alike": (
        lambda: FACTS.look_alike(None, (), "x"),  # type: ignore[arg-type]
        "Facts.look_alike", "what", None,
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", WRONG.values(), ids=WRONG.keys())
def test_a_wrong_argument_is_refused_by_name(
    case: tuple[Callable[[], object], str, str, object],
) -> None:
    call, function, argument, value = case
    with pytest.raises(InvalidValueError) as caught:
        call()
    error = caught.value
    assert (error.code, error.type_name, error.field) == (
        "wrong_type",
        function,
        argument,
    )
    assert error.value == value


def test_the_right_arguments_still_work() -> None:
    assert REPORT.with_severity(Severity.ERROR) == REPORT.errors
    assert [f.code for f in REPORT.about(Entity.PERSON, "C-17")] == ["CHD002", "LOC001"]
    assert FINDING.concerns(FINDING.subjects[0].kind, FINDING.subjects[0].id)
    assert FACTS.region_of("M1") == "R1"
    assert FACTS.region_of("nowhere") is None
    assert DEFAULT_RULES[0].applies_on(ON)
