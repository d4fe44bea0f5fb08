from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given

from socialservices import InvalidValueError, Period

from ..values import LAST_DAY, days, periods


def test_contains_start_but_not_end() -> None:
    period = Period(start=date(2024, 1, 1), end=date(2024, 1, 10))
    assert period.contains(date(2024, 1, 1))
    assert period.contains(date(2024, 1, 9))
    assert not period.contains(date(2024, 1, 10))
    assert not period.contains(date(2023, 12, 31))


def test_period_ending_on_the_day_another_begins_does_not_overlap_it() -> None:
    first = Period(start=date(2024, 1, 1), end=date(2024, 2, 1))
    second = Period(start=date(2024, 2, 1), end=date(2024, 3, 1))
    assert not first.overlaps(second)
    assert not second.overlaps(first)
    assert first.intersection(second) is None


def test_open_ended_period_contains_every_later_day() -> None:
    period = Period(start=date(2024, 1, 1))
    assert period.is_open_ended
    assert period.days is None
    assert period.contains(date(9999, 12, 31))


def test_open_ended_periods_always_overlap_later_ones() -> None:
    assert Period(start=date(2030, 1, 1)).overlaps(Period(start=date(2024, 1, 1)))


def test_empty_period_has_no_days_and_overlaps_nothing() -> None:
    empty = Period(start=date(2024, 1, 1), end=date(2024, 1, 1))
    assert empty.days == 0
    assert not empty.contains(date(2024, 1, 1))
    assert not empty.overlaps(Period(start=date(2023, 1, 1)))


def test_days_counts_29_february_in_a_leap_year() -> None:
    assert Period(start=date(2024, 2, 1), end=date(2024, 3, 1)).days == 29
    assert Period(start=date(2023, 2, 1), end=date(2023, 3, 1)).days == 28


def test_day_in_period() -> None:
    period = Period(start=date(2024, 1, 1), end=date(2024, 1, 2))
    assert date(2024, 1, 1) in period
    assert "2024-01-01" not in period


def test_from_term_adds_calendar_time() -> None:
    period = Period.from_term(date(2024, 1, 31), relativedelta(months=1))
    assert period == Period(start=date(2024, 1, 31), end=date(2024, 2, 29))


def test_from_term_on_29_february_ends_on_28_february() -> None:
    period = Period.from_term(date(2024, 2, 29), relativedelta(years=5))
    assert period.end == date(2029, 2, 28)


def test_from_term_refuses_a_negative_term() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Period.from_term(date(2024, 1, 1), relativedelta(days=-1))
    assert (caught.value.field, caught.value.code) == ("end", "before_start")


def test_from_term_refuses_a_term_that_is_not_a_relativedelta() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Period.from_term(date(2024, 1, 1), timedelta(days=3))  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("term", "wrong_type")


def test_end_before_start_names_the_field_and_value() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Period(start=date(2024, 1, 2), end=date(2024, 1, 1))
    error = caught.value
    assert (error.type_name, error.field, error.code) == (
        "Period",
        "end",
        "before_start",
    )
    assert error.value == date(2024, 1, 1)
    assert "Period.end" in str(error)
    assert "2024, 1, 1" in str(error)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-01-01", None),
        (datetime(2024, 1, 1, 12), None),
        (date(2024, 1, 1), "2024-02-01"),
        (date(2024, 1, 1), datetime(2024, 2, 1)),
        (None, None),
    ],
)
def test_refuses_what_is_not_a_date(start: object, end: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Period(start=start, end=end)  # type: ignore[arg-type]
    assert caught.value.code == "wrong_type"
    assert isinstance(caught.value, ValueError)


def test_is_frozen() -> None:
    period = Period(start=date(2024, 1, 1))
    with pytest.raises(AttributeError):
        period.start = date(2025, 1, 1)  # type: ignore[misc]


def test_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        Period(date(2024, 1, 1))  # type: ignore[call-arg]


@given(periods(), periods())
def test_overlap_is_symmetric(a: Period, b: Period) -> None:
    assert a.overlaps(b) == b.overlaps(a)


@given(periods(), periods())
def test_overlap_means_a_shared_day(a: Period, b: Period) -> None:
    horizon = LAST_DAY + timedelta(days=62)
    shared = any(
        a.contains(day) and b.contains(day)
        for day in (
            a.start + timedelta(days=n) for n in range((horizon - a.start).days)
        )
    )
    assert a.overlaps(b) == shared


@given(periods(open_ended=False))
def test_contains_agrees_with_days(period: Period) -> None:
    assert period.end is not None
    scanned = period.start - timedelta(days=3)
    inside = 0
    while scanned < period.end + timedelta(days=3):
        inside += period.contains(scanned)
        scanned += timedelta(days=1)
    assert inside == period.days


@given(periods(), periods(), days())
def test_intersection_contains_exactly_the_shared_days(
    a: Period, b: Period, day: date
) -> None:
    both = a.intersection(b)
    expected = a.contains(day) and b.contains(day)
    assert (both is not None and both.contains(day)) == expected
