"""A service's staffing over time: positions and filled posts, from each change on."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import InvalidValueError, Period, Service, StaffingChange

from ..values import dates, staffing_changes

OPENED = date(2020, 1, 1)
CLOSED = date(2025, 1, 1)


def _service(*staffing: StaffingChange, operating: Period | None = None) -> Service:
    return Service(
        id="S1",
        name="ЦНСТ 1",
        type="FTPC",
        provider="P1",
        municipality="SFO34",
        operating=Period(start=OPENED, end=CLOSED) if operating is None else operating,
        staffing=staffing,
    )


def _change(day: date, positions: int, filled: int) -> StaffingChange:
    return StaffingChange(effective=day, positions=positions, filled=filled)


def test_a_change_holds_from_the_day_it_takes_effect() -> None:
    later = date(2023, 6, 1)
    service = _service(_change(OPENED, 10, 8), _change(later, 12, 12))
    assert service.staffing_on(later - timedelta(days=1)) == _change(OPENED, 10, 8)
    assert service.staffing_on(later) == _change(later, 12, 12)


def test_no_staffing_recorded_is_unknown_not_zero() -> None:
    assert _service().staffing_on(date(2022, 1, 1)) is None


def test_before_the_first_change_staffing_is_unknown() -> None:
    service = _service(_change(date(2022, 1, 1), 10, 8))
    assert service.staffing_on(date(2021, 12, 31)) is None


def test_on_days_the_service_does_not_operate_it_has_no_staffing() -> None:
    service = _service(_change(OPENED, 10, 8))
    assert service.staffing_on(CLOSED - timedelta(days=1)) == _change(OPENED, 10, 8)
    assert service.staffing_on(CLOSED) is None
    assert service.staffing_on(OPENED - timedelta(days=1)) is None


def test_a_service_whose_opening_is_not_recorded_keeps_its_staffing() -> None:
    service = attrs.evolve(_service(_change(OPENED, 10, 8)), operating=None)
    assert service.staffing_on(date(2030, 1, 1)) == _change(OPENED, 10, 8)


def test_exactly_fully_staffed_is_allowed_and_has_no_vacancy() -> None:
    change = _change(OPENED, 10, 10)
    assert (change.filled, change.vacant) == (10, 0)


def test_more_filled_posts_than_positions_are_refused() -> None:
    with pytest.raises(InvalidValueError) as error:
        _change(OPENED, 10, 11)
    assert (error.value.type_name, error.value.field, error.value.code) == (
        "StaffingChange",
        "filled",
        "above_positions",
    )
    assert error.value.value == 11


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("positions", -1, "negative"),
        ("filled", -1, "negative"),
        ("positions", True, "wrong_type"),
        ("filled", 2.5, "wrong_type"),
        ("effective", "2024-01-01", "wrong_type"),
    ],
)
def test_a_malformed_change_is_refused_with_its_code(
    field: str, value: object, code: str
) -> None:
    fields: dict[str, object] = {"effective": OPENED, "positions": 10, "filled": 5}
    fields[field] = value
    with pytest.raises(InvalidValueError) as error:
        StaffingChange(**fields)  # type: ignore[arg-type]
    assert (error.value.field, error.value.code) == (field, code)


def test_two_changes_on_one_day_are_refused() -> None:
    with pytest.raises(InvalidValueError) as error:
        _service(_change(OPENED, 10, 8), _change(OPENED, 12, 8))
    assert (error.value.type_name, error.value.field, error.value.code) == (
        "Service",
        "staffing",
        "duplicate",
    )


def test_a_history_that_is_not_of_staffing_changes_is_refused() -> None:
    with pytest.raises(InvalidValueError) as error:
        Service(
            id="S1",
            name="S1",
            type="FTPC",
            provider="P1",
            municipality="SFO34",
            operating=None,
            staffing=[OPENED],  # type: ignore[list-item]
        )
    assert (error.value.field, error.value.code) == ("staffing", "wrong_type")


def test_staffing_on_refuses_a_day_that_is_not_a_date() -> None:
    with pytest.raises(InvalidValueError) as error:
        _service().staffing_on("2024-01-01")  # type: ignore[arg-type]
    assert (error.value.type_name, error.value.field, error.value.code) == (
        "Service.staffing_on",
        "day",
        "wrong_type",
    )


@given(
    history=st.lists(staffing_changes(), max_size=4, unique_by=lambda c: c.effective),
    day=dates(),
)
def test_the_history_is_kept_in_date_order_whatever_the_order_given(
    history: list[StaffingChange], day: date
) -> None:
    forwards = _service(*history, operating=Period(start=date.min))
    backwards = _service(*reversed(history), operating=Period(start=date.min))
    assert forwards == backwards
    assert [c.effective for c in forwards.staffing] == sorted(
        c.effective for c in history
    )
    in_effect = [c for c in history if c.effective <= day]
    expected = max(in_effect, key=lambda c: c.effective) if in_effect else None
    assert forwards.staffing_on(day) == expected
