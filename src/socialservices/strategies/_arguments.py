"""Eager checks of strategy arguments: a bad argument fails when the strategy is made.

Hypothesis's own convention: :class:`hypothesis.errors.InvalidArgument`,
raised by the call that builds the strategy, not by the first draw.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

__all__ = ["check_bounds", "check_date", "check_flag", "check_strategy", "given_or"]

_T = TypeVar("_T")


def check_bounds(
    function: str, name: str, low: object, high: object, floor: int = 0
) -> None:
    """``low`` and ``high`` are whole numbers with ``floor <= low <= high``."""
    for label, value in ((f"min_{name}", low), (f"max_{name}", high)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidArgument(
                f"{function}: {label}={value!r} must be a whole number"
            )
        if value < floor:
            raise InvalidArgument(
                f"{function}: {label}={value!r} must be at least {floor}"
            )
    if low > high:  # type: ignore[operator]
        raise InvalidArgument(
            f"{function}: min_{name}={low!r} is above max_{name}={high!r}"
        )


def check_date(function: str, name: str, value: object) -> None:
    """``value`` is a ``datetime.date`` (not a ``datetime``)."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidArgument(f"{function}: {name}={value!r} must be a datetime.date")


def check_strategy(function: str, name: str, value: object) -> None:
    """``value`` is a Hypothesis strategy."""
    if not isinstance(value, st.SearchStrategy):
        raise InvalidArgument(f"{function}: {name}={value!r} must be a strategy")


def check_flag(function: str, name: str, value: object) -> None:
    """``value`` is ``True`` or ``False``."""
    if not isinstance(value, bool):
        raise InvalidArgument(f"{function}: {name}={value!r} must be True or False")


def given_or(
    function: str, name: str, value: object, default: st.SearchStrategy[_T]
) -> st.SearchStrategy[_T]:
    """The strategy the caller gave for ``name``, or ``default`` when none."""
    if value is None:
        return default
    check_strategy(function, name, value)
    return value  # type: ignore[return-value]
