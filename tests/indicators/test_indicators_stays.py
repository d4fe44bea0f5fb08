"""Length of stay (LOS01, LOS02): hand-computed examples at their edges, and a
naive reference on random care histories."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import EndReason, Measure, Period, Registry, dumps, loads
from socialservices.indicators import Measurement, Quartiles, Unit, measure

from .careers import careers
from .test_indicators import ON, PRAVETS, person, service, stay, world

pytestmark = pytest.mark.properties

YEAR = Period(start=date(2026, 1, 1), end=date(2027, 1, 1))


def _registry() -> Registry:
    return world(
        [service("S-A", PRAVETS), service("S-F", PRAVETS, type="FOSTER_CARE")],
        [person(c, PRAVETS) for c in "TUVWXYZ"],
        [
            # T: last day 31 December 2025, before the year
            stay("T1", "T", "S-A", date(2025, 1, 1), date(2026, 1, 1)),
            # U: two days, ending on the year's second day
            stay("U1", "U", "S-A", date(2025, 12, 31), date(2026, 1, 2)),
            # V: two episodes in one service are one stay, from 29 February 2024
            stay(
                "V1",
                "V",
                "S-A",
                date(2024, 2, 29),
                date(2025, 3, 1),
                end_reason=EndReason.CONTINUES,
            ),
            stay("V2", "V", "S-A", date(2025, 3, 1), date(2026, 3, 1)),
            # W: ten days in foster care, then twenty in S-A: two stays
            stay("W1", "W", "S-F", date(2026, 6, 1), date(2026, 6, 11)),
            stay("W2", "W", "S-A", date(2026, 6, 11), date(2026, 7, 1)),
            # X: with relatives, in no service: no stay in a service
            stay(
                "X1",
                "X",
                None,
                date(2026, 2, 1),
                date(2026, 3, 1),
                measure=Measure.RELATIVES,
            ),
            # Y: ends on the reference day; Z: begins on it
            stay("Y1", "Y", "S-A", date(2026, 9, 1), ON),
            stay("Z1", "Z", "S-A", ON),
        ],
    )


def test_completed_stays_have_a_mean_and_quartiles_in_days() -> None:
    found = measure(_registry(), period=YEAR, indicators=["LOS01"])
    (whole,) = found
    lengths = [2, 731, 10, 20, (ON - date(2026, 9, 1)).days]
    assert (whole.numerator, whole.denominator) == (sum(lengths), len(lengths))
    assert whole.quartiles == Quartiles(lower=10, median=20, upper=62)
    assert whole.value == sum(lengths) / 5


def test_quartiles_are_per_service_type_and_do_not_add_up() -> None:
    found = {
        m.unit_id: m
        for m in measure(
            _registry(), period=YEAR, by=Unit.SERVICE_TYPE, indicators=["LOS01"]
        )
    }
    assert found["FOSTER_CARE"].quartiles == Quartiles(lower=10, median=10, upper=10)
    assert found["FTPC"].quartiles == Quartiles(lower=2, median=20, upper=62)
    assert (found["FTPC"].denominator, found["FOSTER_CARE"].denominator) == (4, 1)


def test_current_stays_count_the_day_itself() -> None:
    (only,) = measure(_registry(), on=ON, indicators=["LOS02"])
    assert (only.numerator, only.denominator, only.quartiles) == (
        1,
        1,
        Quartiles(lower=1, median=1, upper=1),
    )


def test_a_measurement_with_quartiles_round_trips_as_a_document() -> None:
    found = list(measure(_registry(), on=ON, period=YEAR, by=Unit.SERVICE_TYPE))
    assert any(m.quartiles is not None for m in found)
    assert loads(dumps(found), list[Measurement]) == found


def test_nothing_counted_has_no_quartiles() -> None:
    (only,) = measure(_registry(), on=date(2020, 1, 1), indicators=["LOS02"])
    assert (only.denominator, only.quartiles, only.value) == (0, None, None)


@pytest.mark.parametrize(
    ("lengths", "expected"),
    [
        ([5], (5, 5, 5)),
        ([1, 2], (1, 1, 2)),
        ([1, 2, 3], (1, 2, 3)),
        ([4, 1, 3, 2, 5], (2, 3, 4)),
    ],
)
def test_quartiles_by_nearest_rank(
    lengths: list[int], expected: tuple[int, int, int]
) -> None:
    found = Quartiles.of(lengths)
    assert found is not None
    assert (found.lower, found.median, found.upper) == expected


# -- against a naive reference ------------------------------------------------------


def _naive_lengths(
    registry: Registry, period: Period, on: date
) -> tuple[list[int], list[int]]:
    """Walk each stay in a service day by day, back from its last day."""
    assert period.end is not None
    completed, current = [], []

    def held(person: str, service: str, day: date) -> bool:
        return any(
            p.person == person and p.service == service and p.is_active_on(day)
            for p in registry.placements
        )

    def began(person: str, service: str, day: date) -> date:
        while held(person, service, day - timedelta(days=1)):
            day -= timedelta(days=1)
        return day

    for p in registry.placements:
        if p.service is None:
            continue
        end = p.period.end
        last = None if end is None else end - timedelta(days=1)
        if (
            last is not None
            and period.contains(last)
            and not held(p.person, p.service, last + timedelta(days=1))
        ):
            completed.append((last - began(p.person, p.service, last)).days + 1)
        if p.is_active_on(on):
            current.append((on - began(p.person, p.service, on)).days + 1)
    return sorted(completed), sorted(current)


@given(careers(), st.dates(date(2019, 1, 1), date(2027, 12, 31)))
def test_lengths_of_stay_agree_with_walking_day_by_day(
    registry: Registry, on: date
) -> None:
    period = Period(start=date(2024, 1, 1), end=date(2025, 1, 1))
    completed, current = _naive_lengths(registry, period, on)
    found = {
        m.indicator: m
        for m in measure(registry, on=on, period=period, indicators=["LOS01", "LOS02"])
    }
    for code, lengths in (("LOS01", completed), ("LOS02", current)):
        assert (found[code].numerator, found[code].denominator) == (
            sum(lengths),
            len(lengths),
        )
        assert found[code].quartiles == Quartiles.of(lengths)
