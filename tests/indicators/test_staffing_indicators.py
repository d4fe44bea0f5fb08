"""Staffing indicators: staff per place and the vacancy rate, on a day and over a
period, against hand-computed examples at their edges and a naive day-by-day
reading of random services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    CapacityChange,
    Period,
    Registry,
    Service,
    StaffingChange,
    dumps,
    loads,
)
from socialservices.indicators import INDICATORS, Measurement, Unit, measure

from ..values import days, periods

pytestmark = pytest.mark.properties

OPENED = date(2020, 1, 1)
CHANGED = date(2024, 3, 1)
FEBRUARY = Period(start=date(2024, 2, 1), end=CHANGED)
FEBRUARY_AND_MARCH = Period(start=date(2024, 2, 1), end=date(2024, 4, 1))
STAFFING_CODES = ("STF01", "STF02", "STF03", "STF04")


def _service(
    id: str,
    *,
    places: int | None = 10,
    staffing: tuple[StaffingChange, ...] = (),
    operating: Period | None = Period(start=OPENED),  # noqa: B008 - a frozen value
) -> Service:
    return Service(
        id=id,
        name=id,
        type="FTPC",
        provider="P1",
        municipality="SFO34",
        operating=operating,
        capacity=[]
        if places is None
        else [CapacityChange(effective=OPENED, places=places)],
        staffing=staffing,
    )


def _staffed(day: date, positions: int, filled: int) -> StaffingChange:
    return StaffingChange(effective=day, positions=positions, filled=filled)


def _registry() -> Registry:
    """S1 8 posts, 6 filled, then from 1 March 10 of 10 (exactly fully staffed)
    for 10 places; S2 10 places, staffing not recorded; S3 4 posts, 3 filled,
    capacity not recorded; S4 staffed but closed at the end of 2023."""
    return Registry(
        services=[
            _service(
                "S1",
                staffing=(
                    _staffed(date(2024, 1, 1), 8, 6),
                    _staffed(CHANGED, 10, 10),
                ),
            ),
            _service("S2"),
            _service("S3", places=None, staffing=(_staffed(date(2024, 1, 1), 4, 3),)),
            _service(
                "S4",
                staffing=(_staffed(OPENED, 5, 5),),
                operating=Period(start=OPENED, end=date(2024, 1, 1)),
            ),
        ]
    )


def _counts(
    registry: Registry,
    code: str,
    *,
    on: date | None = None,
    period: Period | None = None,
    by: Unit = Unit.REGISTRY,
) -> list[tuple[str | None, int, int, int]]:
    return [
        (m.unit_id, m.numerator, m.denominator, m.unknown)
        for m in measure(registry, on=on, period=period, by=by, indicators=[code])
    ]


def test_the_staffing_indicators_are_in_the_catalogue() -> None:
    assert [i.code for i in INDICATORS if i.code.startswith("STF")] == list(
        STAFFING_CODES
    )


def test_staff_per_place_reads_the_change_taking_effect_on_the_day() -> None:
    registry = _registry()
    day_before = CHANGED - timedelta(days=1)
    # S2 (no staffing) and S3 (no capacity) apart as unknown; S4 is closed
    assert _counts(registry, "STF01", on=day_before) == [(None, 6, 10, 2)]
    assert _counts(registry, "STF01", on=CHANGED) == [(None, 10, 10, 2)]


def test_a_service_exactly_fully_staffed_has_no_vacancy() -> None:
    found = measure(_registry(), on=CHANGED, by=Unit.SERVICE, indicators=["STF02"])
    assert [(m.unit_id, m.numerator, m.denominator, m.unknown) for m in found] == [
        ("S1", 0, 10, 0),
        ("S2", 0, 0, 1),
        ("S3", 1, 4, 0),
    ]
    assert found[0].value == 0.0


def test_the_vacancy_rate_adds_vacant_posts_over_positions() -> None:
    registry = _registry()
    assert _counts(registry, "STF02", on=CHANGED - timedelta(days=1)) == [
        (None, 2 + 1, 8 + 4, 1)
    ]


def test_no_staffing_recorded_is_counted_apart_never_as_no_staff() -> None:
    registry = Registry(services=[_service("S2")])
    for code in ("STF01", "STF02"):
        (found,) = measure(registry, on=CHANGED, indicators=[code])
        assert (found.numerator, found.denominator, found.unknown) == (0, 0, 1)
        assert found.value is None
    (over,) = measure(registry, period=FEBRUARY, indicators=["STF04"])
    assert (over.numerator, over.denominator, over.unknown) == (0, 0, 29)


def test_a_closed_service_counts_in_nothing() -> None:
    registry = Registry(services=[_registry().services[3]])
    assert _counts(registry, "STF01", on=CHANGED) == [(None, 0, 0, 0)]
    assert _counts(registry, "STF04", period=FEBRUARY) == [(None, 0, 0, 0)]


def test_staff_per_place_over_a_period_counts_post_days_and_place_days() -> None:
    # S1: 29 February days at 6 filled, 31 March days at 10, 10 places all 60;
    # S2 and S3 unknown all 60 days
    assert _counts(_registry(), "STF03", period=FEBRUARY_AND_MARCH) == [
        (None, 6 * 29 + 10 * 31, 10 * 60, 60 + 60)
    ]


def test_the_vacancy_rate_over_a_period_counts_vacant_and_position_days() -> None:
    assert _counts(
        _registry(), "STF04", period=FEBRUARY_AND_MARCH, by=Unit.SERVICE
    ) == [
        ("S1", 2 * 29 + 0 * 31, 8 * 29 + 10 * 31, 0),
        ("S2", 0, 0, 60),
        ("S3", 1 * 60, 4 * 60, 0),
    ]


def test_a_period_ending_the_day_a_change_takes_effect_does_not_see_it() -> None:
    assert _counts(_registry(), "STF03", period=FEBRUARY) == [
        (None, 6 * 29, 10 * 29, 29 + 29)
    ]


def test_staffing_measurements_round_trip_as_documents() -> None:
    found = measure(_registry(), on=CHANGED, period=FEBRUARY, indicators=STAFFING_CODES)
    assert [m.indicator for m in found] == list(STAFFING_CODES)
    assert loads(dumps(list(found)), list[Measurement]) == list(found)


# -- against a naive reading, day by day ----------------------------------------


def _in_effect(
    changes: tuple[StaffingChange, ...] | tuple[CapacityChange, ...], day: date
) -> StaffingChange | CapacityChange | None:
    found = None
    for change in changes:
        if change.effective <= day:
            found = change
    return found


def _naive_day(service: Service, day: date, code: str) -> tuple[int, int, int] | None:
    """(numerator, denominator, unknown) of one service on one day, or ``None``
    when it is known to be closed."""
    operating = service.operating
    if operating is not None and not (
        operating.start <= day and (operating.end is None or day < operating.end)
    ):
        return None
    staffing = _in_effect(service.staffing, day)
    capacity = _in_effect(service.capacity, day)
    assert staffing is None or isinstance(staffing, StaffingChange)
    assert capacity is None or isinstance(capacity, CapacityChange)
    if code in ("STF01", "STF03"):
        if staffing is None or capacity is None:
            return 0, 0, 1
        return staffing.filled, capacity.places, 0
    if staffing is None:
        return 0, 0, 1
    return staffing.positions - staffing.filled, staffing.positions, 0


def _naive(
    services: list[Service], code: str, days_measured: list[date]
) -> dict[str, tuple[int, int, int]]:
    """Each service's counts over ``days_measured``: a service not closed on a
    day of an indicator of a day counts, even 0 of 0; over a period, one that
    counted something."""
    of_a_day = code in ("STF01", "STF02")
    found: dict[str, tuple[int, int, int]] = {}
    for service in services:
        total = [0, 0, 0]
        seen = False
        for day in days_measured:
            counts = _naive_day(service, day, code)
            if counts is not None:
                seen = True
                total = [a + b for a, b in zip(total, counts, strict=True)]
        if seen and (of_a_day or any(total)):
            found[service.id] = (total[0], total[1], total[2])
    return found


@st.composite
def _random_services(draw: st.DrawFn) -> list[Service]:
    found = []
    for number in range(draw(st.integers(1, 4))):
        capacity_days = draw(st.lists(days(), unique=True, min_size=1, max_size=3))
        staffing_days = draw(st.lists(days(), unique=True, min_size=1, max_size=3))
        staffing = []
        for day in staffing_days:
            positions = draw(st.integers(0, 12))
            staffing.append(_staffed(day, positions, draw(st.integers(0, positions))))
        found.append(
            Service(
                id=f"S{number}",
                name=f"S{number}",
                type="FTPC",
                provider="P1",
                municipality="SFO34",
                operating=draw(st.none() | periods()),
                capacity=[
                    CapacityChange(effective=day, places=draw(st.integers(0, 12)))
                    for day in capacity_days
                ],
                staffing=staffing,
            )
        )
    return found


@pytest.mark.parametrize("code", STAFFING_CODES)
@given(services=_random_services(), start=days(), length=st.integers(1, 90))
def test_every_staffing_indicator_agrees_with_a_naive_day_by_day_reading(
    services: list[Service], start: date, length: int, code: str
) -> None:
    registry = Registry(services=services)
    period = Period(start=start, end=start + timedelta(days=length))
    if code in ("STF01", "STF02"):
        measured = [start]
        found = measure(registry, on=start, by=Unit.SERVICE, indicators=[code])
    else:
        measured = [start + timedelta(days=n) for n in range(length)]
        found = measure(registry, period=period, by=Unit.SERVICE, indicators=[code])
    expected = _naive(services, code, measured)
    assert {
        m.unit_id: (m.numerator, m.denominator, m.unknown) for m in found
    } == expected
    totals = measure(registry, on=start, period=period, indicators=[code])
    assert [(m.numerator, m.denominator, m.unknown) for m in totals] == [
        tuple(sum(counts[i] for counts in expected.values()) for i in range(3))
    ]
