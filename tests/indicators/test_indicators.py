"""Indicators: each against a hand-computed example at its edges, and against a
naive day-by-day reference on random registries."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    CapacityChange,
    Eligibility,
    EndReason,
    InvalidValueError,
    Measure,
    Period,
    Person,
    Placement,
    PreviousHome,
    Provider,
    ProviderKind,
    Registry,
    Service,
    dumps,
    loads,
)
from socialservices.bulgaria import GEOGRAPHY, SERVICE_TYPES
from socialservices.examples import SCENARIO_DATE, sofia_oblast
from socialservices.indicators import INDICATORS, Measurement, Unit, measure
from socialservices.strategies import registries

pytestmark = pytest.mark.properties

ON = date(2026, 11, 2)
PRAVETS, BOTEVGRAD, LOVECH, VARNA = "SFO34", "SFO07", "LOV18", "VAR06"
SINCE = Period(start=date(2016, 1, 1))


def service(
    id: str, at: str, places: int | None = 4, type: str = "FTPC", **fields: Any
) -> Service:
    capacity = (
        [] if places is None else [CapacityChange(effective=SINCE.start, places=places)]
    )
    return Service(
        id=id,
        name=id,
        type=type,
        provider="P1",
        municipality=at,
        operating=SINCE,
        capacity=capacity,
        eligibility=Eligibility(max_age=17),
        **fields,
    )


def person(id: str, home: str, group: str | None = None) -> Person:
    return Person(
        id=id, birth_date=date(2015, 1, 1), home_municipality=home, sibling_group=group
    )


def stay(
    id: str,
    who: str,
    at: str | None,
    start: date,
    end: date | None = None,
    **more: Any,
) -> Placement:
    return Placement(
        id=id, person=who, service=at, period=Period(start=start, end=end), **more
    )


def world(
    services: list[Service], persons: list[Person], placements: list[Placement]
) -> Registry:
    return Registry(
        geography=GEOGRAPHY,
        providers=[Provider(id="P1", name="Община", kind=ProviderKind.MUNICIPALITY)],
        service_types=SERVICE_TYPES,
        services=services,
        persons=persons,
        placements=placements,
    )


def counts(
    found: tuple[Measurement, ...],
) -> dict[tuple[str, str | None], tuple[int, int, int]]:
    return {
        (m.indicator, m.unit_id): (m.numerator, m.denominator, m.unknown) for m in found
    }


# -- occupancy -------------------------------------------------------------------


def test_occupancy_on_a_date_leaves_unknown_capacity_apart() -> None:
    registry = world(
        [service("S-A", PRAVETS, 3), service("S-B", PRAVETS, None)],
        [person("C1", PRAVETS), person("C2", PRAVETS), person("C3", PRAVETS)],
        [
            stay("P1", "C1", "S-A", date(2026, 1, 1)),
            stay("P2", "C2", "S-A", date(2026, 1, 1), ON),  # ends on the day: not there
            stay("P3", "C3", "S-B", date(2026, 1, 1)),
        ],
    )
    found = counts(measure(registry, on=ON, indicators=["OCC01"]))
    assert found == {("OCC01", None): (1, 3, 1)}  # S-B: unknown, not 0 of 0
    by_service = counts(measure(registry, on=ON, by=Unit.SERVICE, indicators=["OCC01"]))
    assert by_service == {("OCC01", "S-A"): (1, 3, 0), ("OCC01", "S-B"): (0, 0, 1)}


def test_a_service_exactly_full_is_occupied_to_one() -> None:
    registry = world(
        [service("S-A", PRAVETS, 2)],
        [person("C1", PRAVETS), person("C2", PRAVETS)],
        [
            stay("P1", "C1", "S-A", ON),
            stay("P2", "C2", "S-A", ON - timedelta(days=400)),
        ],
    )
    (only,) = measure(registry, on=ON, indicators=["OCC01"])
    assert only.value == 1.0


def test_occupancy_over_a_period_counts_place_days_on_a_leap_year() -> None:
    year = Period(start=date(2024, 1, 1), end=date(2025, 1, 1))  # 366 days
    registry = world(
        [service("S-A", PRAVETS, 2)],
        [person("C1", PRAVETS)],
        [stay("P1", "C1", "S-A", date(2024, 2, 29), date(2024, 3, 1))],  # one day
    )
    found = counts(measure(registry, period=year, indicators=["OCC02"]))
    assert found == {("OCC02", None): (1, 2 * 366, 0)}


def test_a_period_to_measure_over_must_end() -> None:
    with pytest.raises(InvalidValueError) as caught:
        measure(sofia_oblast(), period=Period(start=ON))
    assert (caught.value.field, caught.value.code) == ("period", "malformed")


# -- close to home ---------------------------------------------------------------------


def test_close_to_home_reads_the_home_on_the_day_and_keeps_unknown_apart() -> None:
    moved = Person(
        id="C2",
        birth_date=date(2015, 1, 1),
        home_municipality=BOTEVGRAD,
        previous_homes=[PreviousHome(municipality=PRAVETS, until=ON)],
    )
    registry = world(
        [
            service("S-PRAVETS", PRAVETS),
            service("S-LOVECH", LOVECH),
            service("S-X", "XXX01"),
        ],
        [person("C1", PRAVETS), moved, person("C3", VARNA), person("C4", PRAVETS)],
        [
            stay("P1", "C1", "S-PRAVETS", date(2025, 1, 1)),
            stay("P2", "C2", "S-PRAVETS", date(2025, 1, 1)),  # home Ботевград from ON
            stay("P3", "C3", "S-LOVECH", date(2025, 1, 1)),
            stay("P4", "C4", "S-X", date(2025, 1, 1)),  # a municipality nobody knows
        ],
    )
    found = counts(
        measure(registry, on=ON, indicators=["LOC01", "LOC02", "LOC03", "LOC04"])
    )
    assert found == {
        ("LOC01", None): (1, 3, 1),
        ("LOC02", None): (2, 3, 1),
        ("LOC03", None): (1, 3, 1),
        ("LOC04", None): (1, 3, 1),  # only Варна → Ловеч; Ботевград → Правец is near
    }


def test_far_from_home_is_more_than_32_km_between_centroids() -> None:
    near = GEOGRAPHY.distance_km(BOTEVGRAD, PRAVETS)
    far = GEOGRAPHY.distance_km(VARNA, LOVECH)
    assert near is not None
    assert far is not None
    assert (near > 32, far > 32) == (False, True)


def test_placements_in_no_service_are_not_in_care_here() -> None:
    registry = world(
        [service("S-A", PRAVETS)],
        [person("C1", PRAVETS)],
        [stay("P1", "C1", None, date(2025, 1, 1), measure=Measure.WITH_PARENTS)],
    )
    assert counts(measure(registry, on=ON, indicators=["LOC01"])) == {
        ("LOC01", None): (0, 0, 0)
    }


# -- siblings and exits ------------------------------------------------------------


def test_siblings_together_counts_groups_with_two_in_care() -> None:
    registry = world(
        [service("S-A", PRAVETS), service("S-B", PRAVETS)],
        [
            person("A1", PRAVETS, "G1"),
            person("A2", PRAVETS, "G1"),
            person("B1", PRAVETS, "G2"),
            person("B2", PRAVETS, "G2"),
            person("C1", PRAVETS, "G3"),
        ],
        [
            stay("P1", "A1", "S-A", date(2025, 1, 1)),
            stay("P2", "A2", "S-A", date(2025, 1, 1)),
            stay("P3", "B1", "S-A", date(2025, 1, 1)),
            stay("P4", "B2", "S-B", date(2025, 1, 1)),
            stay(
                "P5", "C1", "S-A", date(2025, 1, 1)
            ),  # alone in care: not a group here
        ],
    )
    assert counts(measure(registry, on=ON, indicators=["SIB01"])) == {
        ("SIB01", None): (1, 2, 0)
    }


def test_exits_to_a_family_count_the_last_day_in_the_period() -> None:
    period = Period(start=date(2026, 1, 1), end=date(2027, 1, 1))
    registry = world(
        [service("S-A", PRAVETS)],
        [person(f"C{i}", PRAVETS) for i in range(1, 7)],
        [
            stay(
                "P1",
                "C1",
                "S-A",
                date(2025, 1, 1),
                date(2026, 1, 1),
                end_reason=EndReason.ADOPTED,
            ),  # last day 2025-12-31
            stay(
                "P2",
                "C2",
                "S-A",
                date(2025, 1, 1),
                date(2026, 1, 2),
                end_reason=EndReason.RETURNED_TO_FAMILY,
            ),
            stay(
                "P3",
                "C3",
                "S-A",
                date(2025, 1, 1),
                date(2027, 1, 1),
                end_reason=EndReason.TRANSFERRED,
            ),  # last day 2026-12-31
            stay(
                "P4",
                "C4",
                "S-A",
                date(2025, 1, 1),
                date(2026, 6, 1),
                end_reason=EndReason.CONTINUES,
            ),  # no exit
            stay(
                "P5", "C5", "S-A", date(2025, 1, 1), date(2026, 6, 1)
            ),  # no reason: unknown
            stay(
                "P6",
                "C6",
                "S-A",
                date(2025, 1, 1),
                date(2027, 1, 2),
                end_reason=EndReason.ADOPTED,
            ),  # after
        ],
    )
    assert counts(measure(registry, period=period, indicators=["EXT01"])) == {
        ("EXT01", None): (1, 2, 1)
    }


# -- the catalogue and the call ------------------------------------------------------


def test_the_catalogue_has_unique_codes_and_sources() -> None:
    codes = [indicator.code for indicator in INDICATORS]
    assert len(codes) == len(set(codes))
    assert all(
        indicator.source and indicator.numerator and indicator.denominator
        for indicator in INDICATORS
    )


@pytest.mark.parametrize(
    ("arguments", "field", "code"),
    [
        ({"indicators": ["XXX99"]}, "indicators", "unknown_value"),
        ({"indicators": "OCC01"}, "indicators", "wrong_type"),
        ({"indicators": ["OCC02"]}, "period", "missing"),
        ({"on": "2026-11-02"}, "on", "wrong_type"),
        ({"by": "municipality"}, "by", "wrong_type"),
    ],
)
def test_bad_arguments_are_refused_with_a_code(
    arguments: dict[str, object], field: str, code: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        measure(attrs.evolve(sofia_oblast(), as_of=None), **{"on": ON, **arguments})  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == (field, code)


def test_without_a_day_the_extracts_date_is_used() -> None:
    registry = attrs.evolve(sofia_oblast(), as_of=SCENARIO_DATE)
    assert measure(registry) == measure(registry, on=SCENARIO_DATE)
    assert {m.on for m in measure(registry)} == {SCENARIO_DATE}


def test_measurements_round_trip_as_a_document() -> None:
    found = measure(sofia_oblast(), on=SCENARIO_DATE, by=Unit.MUNICIPALITY)
    assert loads(dumps(list(found)), list[Measurement]) == list(found)


# -- properties ----------------------------------------------------------------------

YEAR = Period(start=date(2024, 1, 1), end=date(2025, 1, 1))


def _naive_occupancy(registry: Registry, period: Period) -> tuple[int, int, int]:
    """Day by day: occupied and available place-days, and unknown ones."""
    taken = available = unknown = 0
    assert period.end is not None
    day = period.start
    while day < period.end:
        for s in registry.services:
            places = s.capacity_on(day)
            occupied = sum(
                1
                for p in registry.placements
                if p.service == s.id and p.is_active_on(day)
            )
            if places is None:
                unknown += 1 if s.operates_on(day) is not False else 0
            else:
                taken += occupied
                available += places
        day += timedelta(days=1)
    return taken, available, unknown


@given(registries(max_placements=12, max_services=3))
def test_occupancy_over_a_period_agrees_with_counting_day_by_day(
    registry: Registry,
) -> None:
    period = Period(start=date(2024, 1, 1), end=date(2024, 3, 1))
    ((_, total),) = counts(
        measure(registry, period=period, indicators=["OCC02"])
    ).items()
    assert total == _naive_occupancy(registry, period)


@given(
    registries(max_placements=20, bulgaria=True),
    st.dates(date(2016, 1, 1), date(2026, 12, 31)),
)
def test_municipalities_add_up_to_their_oblast_and_to_the_registry(
    registry: Registry, on: date
) -> None:
    whole = counts(measure(registry, on=on))
    for by in (Unit.MUNICIPALITY, Unit.REGION, Unit.SERVICE):
        added: Counter[tuple[str, int]] = Counter()
        for m in measure(registry, on=on, by=by):
            added[(m.indicator, 0)] += m.numerator
            added[(m.indicator, 1)] += m.denominator
            added[(m.indicator, 2)] += m.unknown
        for (indicator, _), (numerator, denominator, unknown) in whole.items():
            assert (
                added[(indicator, 0)],
                added[(indicator, 1)],
                added[(indicator, 2)],
            ) == (
                numerator,
                denominator,
                unknown,
            )


@given(registries(max_placements=15, bulgaria=True), st.randoms(use_true_random=False))
def test_the_order_of_the_data_changes_nothing(
    registry: Registry, random: object
) -> None:
    import random as random_module

    assert isinstance(random, random_module.Random)
    shuffled = attrs.evolve(
        registry,
        placements=random.sample(list(registry.placements), len(registry.placements)),
        persons=random.sample(list(registry.persons), len(registry.persons)),
        services=random.sample(list(registry.services), len(registry.services)),
    )
    on = date(2026, 6, 1)
    assert measure(shuffled, on=on, period=YEAR) == measure(
        registry, on=on, period=YEAR
    )
