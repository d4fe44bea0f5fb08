"""Tests that kill mutants mutation testing found alive (see docs/mutation.md).

Each error test pins the whole error but its wording: the class or function
(``type_name``), the field or argument, the value as given and the code.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from dateutil.relativedelta import MO, TU, relativedelta

from socialservices import (
    CLOSEST_FIRST,
    Eligibility,
    Entity,
    Finding,
    FreePlaces,
    InvalidValueError,
    Level,
    Period,
    Policy,
    Proximity,
    Registry,
    Subject,
    validate,
)
from socialservices.matching._levels import Penalties
from socialservices.strategies import BROKEN_WORLDS

from .worlds import (
    ANY_CHILD,
    ON,
    START,
    Change,
    adding,
    both,
    child,
    in_m3,
    placement,
    replacing,
    service,
    small_world,
)


def _pinned(error: InvalidValueError) -> tuple[str, str, object, str]:
    return (error.type_name, error.field, error.value, error.code)


def test_an_end_before_the_start_names_period_end_and_the_value() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Period(start=date(2024, 3, 1), end=date(2024, 2, 1))
    assert _pinned(caught.value) == ("Period", "end", date(2024, 2, 1), "before_start")


@pytest.mark.parametrize("end", ["2024-02-01", datetime(2024, 4, 1)])
def test_an_end_that_is_not_a_date_names_period_end_and_the_value(
    end: object,
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Period(start=date(2024, 3, 1), end=end)  # type: ignore[arg-type]
    assert _pinned(caught.value) == ("Period", "end", end, "wrong_type")


def test_contains_names_itself_its_argument_and_the_value() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Period(start=date(2024, 1, 1)).contains("2024-01-02")  # type: ignore[arg-type]
    assert _pinned(caught.value) == (
        "Period.contains",
        "day",
        "2024-01-02",
        "wrong_type",
    )


def test_intersection_names_itself_its_argument_and_the_value() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Period(start=date(2024, 1, 1)).intersection(date(2024, 1, 2))  # type: ignore[arg-type]
    assert _pinned(caught.value) == (
        "Period.intersection",
        "other",
        date(2024, 1, 2),
        "wrong_type",
    )


def test_from_term_names_the_term_that_is_not_a_relativedelta() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Period.from_term(date(2024, 1, 1), 3)  # type: ignore[arg-type]
    assert _pinned(caught.value) == ("Period", "term", 3, "wrong_type")


@pytest.mark.parametrize("start", ["2024-01-01", datetime(2024, 1, 1)])
def test_from_term_names_a_start_that_is_not_a_date(start: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Period.from_term(start, relativedelta(months=1))  # type: ignore[arg-type]
    assert _pinned(caught.value) == ("Period", "start", start, "wrong_type")


def test_from_term_names_a_term_with_a_time_of_day() -> None:
    term = relativedelta(hours=1)
    with pytest.raises(InvalidValueError) as caught:
        Period.from_term(date(2026, 1, 1), term)
    assert _pinned(caught.value) == ("Period", "term", term, "not_whole_days")


@pytest.mark.parametrize(
    ("start", "term"),
    [
        (date.min, relativedelta(weekday=TU(-1))),  # 1 January 1 is a Monday
        (date.min, relativedelta(years=-1, days=300)),  # 300 days into year 0
    ],
)
def test_from_term_refuses_a_term_ending_before_the_calendar(
    start: date, term: relativedelta
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Period.from_term(start, term)
    assert _pinned(caught.value) == ("Period", "term", term, "before_start")


@pytest.mark.parametrize(
    ("start", "term"),
    [
        (date.max, relativedelta(weekday=MO)),  # 31 December 9999 is a Friday
        (date.min, relativedelta(year=10_001, months=-1)),  # December 10000
    ],
)
def test_from_term_leaves_open_a_term_ending_after_the_calendar(
    start: date, term: relativedelta
) -> None:
    assert Period.from_term(start, term) == Period(start=start)


def test_from_term_ends_a_term_that_ends_on_the_start_on_the_start() -> None:
    period = Period.from_term(date(2024, 1, 1), relativedelta())
    assert (period.start, period.end, period.days) == (
        date(2024, 1, 1),
        date(2024, 1, 1),
        0,
    )


def test_the_shared_days_of_two_periods_end_with_the_earlier_end() -> None:
    early = Period(start=date(2024, 1, 1), end=date(2024, 3, 1))
    late = Period(start=date(2024, 2, 1), end=date(2024, 4, 1))
    expected = Period(start=date(2024, 2, 1), end=date(2024, 3, 1))
    assert early.intersection(late) == late.intersection(early) == expected
    assert early.intersection(Period(start=date(2024, 2, 1))) == expected


# CHD: the Child Protection Act's rules, on the small world of the rule tests.


def _chd(registry: Registry, code: str) -> list[Finding]:
    return [finding for finding in validate(registry, on=ON) if finding.code == code]


def _ids(findings: list[Finding]) -> list[str]:
    return [finding.subjects[0].id for finding in findings]


def test_chd001_records_the_placement_person_service_fields_and_day() -> None:
    (finding,) = _chd(BROKEN_WORLDS["CHD001"], "CHD001")
    assert finding.subjects == (
        Subject(kind=Entity.PLACEMENT, id="PL-C9"),
        Subject(kind=Entity.PERSON, id="C9"),
        Subject(kind=Entity.SERVICE, id="S-RES-M3"),
    )
    assert finding.fields == (
        "Person.birth_date",
        "Person.needs",
        "ServiceType.residential",
    )
    assert finding.on == START


def test_chd001_finds_a_baby_placed_in_residential_care_on_the_birth_date() -> None:
    registry = both(
        replacing("services", "S-RES-M3", eligibility=ANY_CHILD),
        in_m3("C9", START),
    )(small_world())
    assert _ids(_chd(registry, "CHD001")) == ["PL-C9"]


_UNDER_THREE = both(
    replacing("services", "S-RES-M3", eligibility=ANY_CHILD),
    in_m3("C9", date(2019, 6, 1)),
)


@pytest.mark.parametrize(
    "first",
    [
        adding(placements=[placement("PL-0", "C1", "S-NONE")]),  # unknown service
        adding(placements=[placement("PL-0", "C3", "S-FOS-M2", date(2020, 1, 1))]),
    ],
    ids=["unresolvable", "not residential"],
)
def test_chd001_reads_on_past_a_placement_it_does_not_check(first: Change) -> None:
    registry = both(_UNDER_THREE, first)(small_world())
    assert registry.placements[0].id == "PL-0"
    assert _ids(_chd(registry, "CHD001")) == ["PL-C9"]


_FOSTER_FREE = BROKEN_WORLDS["CHD002"]


def test_chd002_records_the_free_foster_places_fields_and_day() -> None:
    findings = _chd(_FOSTER_FREE, "CHD002")
    assert _ids(findings) == ["PL1", "PL2"]
    first = findings[0]
    assert first.subjects == (
        Subject(kind=Entity.PLACEMENT, id="PL1"),
        Subject(kind=Entity.PERSON, id="C1"),
        Subject(kind=Entity.SERVICE, id="S-RES-M1"),
        Subject(kind=Entity.SERVICE, id="S-FOS-M2"),
    )
    assert first.free_places == (
        FreePlaces(
            service="S-FOS-M2", places=1, proximity=Proximity.NEIGHBOURING_MUNICIPALITY
        ),
    )
    assert first.fields == ("Placement.service", "Placement.measure")
    assert first.on == START


_FOSTER_FOR_ALL_AGES = replacing(
    "services", "S-FOS-M2", eligibility=Eligibility(target_groups={"children"})
)


def test_chd002_leaves_out_a_person_of_age_and_reads_on() -> None:
    # C0 turns 18 on the day of the placement: an adult, though the foster
    # service would take them; PL1 and PL2 still count.
    registry = both(
        _FOSTER_FOR_ALL_AGES,
        adding(
            persons=[child("C0", born=date(2003, 1, 4))],
            placements=[placement("PL-0", "C0", "S-RES-M1")],
        ),
    )(_FOSTER_FREE)
    assert registry.placements[0].id == "PL-0"
    assert _ids(_chd(registry, "CHD002")) == ["PL1", "PL2"]


def test_chd002_does_not_count_a_day_centre_as_residential_care() -> None:
    registry = adding(
        services=[service("S-DAY-M1", "DAY", "M1", eligibility=ANY_CHILD)],
        persons=[child("C0")],
        placements=[placement("PL-0", "C0", "S-DAY-M1")],
    )(_FOSTER_FREE)
    assert _ids(_chd(registry, "CHD002")) == ["PL1", "PL2"]


# The penalty digits of allocate()'s objective.

CHILD, ADULT = 1, 0


@pytest.mark.parametrize(
    ("children", "family", "tier", "digits"),
    [
        (CHILD, False, None, (1, 1, 1, 1, 1, 1)),
        (3, False, None, (1, 3, 1, 1, 1, 1)),
        (CHILD, True, Proximity.SAME_MUNICIPALITY, (0, 0, 0, 0, 0, 0)),
        (CHILD, False, Proximity.NEIGHBOURING_MUNICIPALITY, (0, 1, 1, 0, 0, 0)),
        (CHILD, True, Proximity.SAME_REGION, (0, 0, 1, 1, 0, 0)),
        (ADULT, False, Proximity.NEIGHBOURING_REGION, (0, 0, 1, 1, 1, 0)),
        (ADULT, True, Proximity.ELSEWHERE, (0, 0, 1, 1, 1, 1)),
    ],
)
def test_closest_first_digits_count_each_level_missed(
    children: int, family: bool, tier: Proximity | None, digits: tuple[int, ...]
) -> None:
    penalties = Penalties(Policy())
    assert penalties.distance
    assert penalties.tiered == CLOSEST_FIRST[:-1]
    assert penalties.digits(children, family, tier) == digits


def test_weighted_digits_cost_the_tier_of_a_placed_person_only() -> None:
    penalties = Penalties(Policy.weighted((0, 1, 3, 10, 10)))
    assert penalties.digits(CHILD, False, Proximity.SAME_REGION) == (0, 1, 3)
    assert penalties.digits(CHILD, True, None) == (1, 1, 0)


def test_without_the_distance_level_every_level_is_tiered() -> None:
    levels = (Level.PLACED, Level.SAME_MUNICIPALITY)
    penalties = Penalties(Policy(levels=levels))
    assert not penalties.distance
    assert penalties.tiered == penalties.levels == levels
    assert penalties.zero() == (0, 0)
    assert penalties.vector([(2, 0, False, Proximity.SAME_REGION, 900)]) == (0, 2)


@pytest.mark.parametrize("costs", [(0, 0, 0, 0, 0), (0, 1, 2, 3, 4), (0, 1, 3, 10, 10)])
@pytest.mark.parametrize("persons", [0, 1, 4, 7, 100])
def test_the_base_is_beyond_any_total_so_digits_never_carry(
    costs: tuple[int, ...], persons: int
) -> None:
    penalties = Penalties(Policy.weighted(costs))
    base = penalties.base(persons)
    largest = persons * max(1, *costs)  # every person unplaced, or the dearest
    assert base > largest
    digits = (largest, 0, largest)
    packed = Penalties.encode(digits, base)
    assert (packed // base**2, packed // base % base, packed % base) == digits


def test_encode_packs_the_first_digit_most_significant() -> None:
    assert Penalties.encode((1, 2, 3), 10) == 123
    assert Penalties.encode([], 10) == 0


def test_the_vector_totals_each_level_over_rows_and_metres_of_the_placed() -> None:
    penalties = Penalties(Policy())
    rows = [
        (2, 1, False, Proximity.SAME_REGION, 5000),  # 2 persons, 1 of them a child
        (1, 1, True, None, 700),  # unplaced: its metres do not count
    ]
    assert penalties.zero() == (0,) * 7
    assert penalties.vector(rows) == (1, 2, 3, 3, 1, 1, 5000)


def test_add_sums_two_vectors_level_by_level() -> None:
    assert Penalties.add((1, 2, 3), (10, 20, 30)) == (11, 22, 33)
