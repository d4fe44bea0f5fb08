"""Periods of time: half-open ranges of days, possibly open-ended."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import attrs
from dateutil.relativedelta import relativedelta

from . import _checks
from ._errors import InvalidValueError

__all__ = ["Period"]

_TIME_OF_DAY = ("hours", "minutes", "seconds", "microseconds")
_CLOCK = ("hour", "minute", "second", "microsecond")


def _forwards(start: date, term: relativedelta) -> bool:
    """Whether ``start + term``, too far to compute, lies after ``start``.

    Only called when the sum leaves the calendar, so it is far from
    ``start`` in one direction: the years, months, weeks and days of the term
    (and a relative weekday's direction) tell which.
    """
    year = start.year if term.year is None else term.year
    years = year - start.year + term.years + (term.months + term.days / 30.44) / 12
    if years:
        return years > 0
    weekday = term.weekday
    return weekday is None or weekday.n is None or weekday.n > 0


def _end_not_before_start(
    instance: Period, attribute: attrs.Attribute[date | None], value: date | None
) -> None:
    if value is None:
        return
    if type(value) is not date:  # the common case skips the full check
        _checks.a_date(instance, attribute, value)
    if value < instance.start:
        raise _checks.fail(
            instance, attribute, value, "before_start", "the end is before the start"
        )


_CYCLE = timedelta(days=146_097)
"""The Gregorian calendar repeats every 400 years, which hold 146,097 days."""


def _end_of_term(start: date, term: relativedelta) -> date:
    """``start + term``, also when dateutil's steps pass an end of the
    calendar on the way (``years=1, days=-300`` from June 9999): the sum is
    taken 400 years nearer the middle, where the calendar is the same, and
    moved back. Raises ``OverflowError`` or ``ValueError`` when the end
    itself lies outside the calendar."""
    try:
        return start + term
    except (OverflowError, ValueError):
        shift = -_CYCLE if start.year > 5000 else _CYCLE
        return start + shift + term - shift


@attrs.frozen(kw_only=True)
class Period:
    """The days from ``start`` up to, but not including, ``end``.

    A period is half-open, ``[start, end)``: a placement that ends on 1 March
    and another that starts on 1 March never overlap, and share one place on
    that day. ``end=None`` means open-ended (still running). ``end == start``
    is an empty period of zero days; ``end`` before ``start`` is refused.

    >>> from datetime import date, datetime
    >>> march = Period(start=date(2024, 3, 1), end=date(2024, 4, 1))
    >>> march.days, march.contains(date(2024, 3, 31)), date(2024, 4, 1) in march
    (31, True, False)
    >>> Period(start=date(2024, 3, 1), end=date(2024, 2, 1))
    Traceback (most recent call last):
    ...
    socialservices.InvalidValueError: Period.end=...: the end is before the start

    .. versionadded:: 0.1
    """

    start: date = attrs.field(validator=_checks.a_date)
    end: date | None = attrs.field(default=None, validator=_end_not_before_start)

    @classmethod
    def from_term(cls, start: date, term: relativedelta) -> Period:
        """The period that starts on ``start`` and lasts ``term``.

        Calendar arithmetic is dateutil's: a five-year term from 29 February
        ends on 28 February (exclusive) five years on. A term that would end
        after the last day the calendar holds (31 December 9999) gives an
        open-ended period: it holds the same days, every one from ``start``
        on, and no date a caller passes makes it fail.

        >>> from datetime import date, datetime
        >>> from dateutil.relativedelta import relativedelta
        >>> Period.from_term(date(2024, 2, 29), relativedelta(years=1)).end
        datetime.date(2025, 2, 28)
        >>> Period.from_term(date(9999, 6, 1), relativedelta(years=1)).is_open_ended
        True
        >>> Period.from_term(date(2024, 1, 1), relativedelta(days=-1))
        Traceback (most recent call last):
        ...
        socialservices.InvalidValueError: Period.end=...: the end is before the start

        Raises:
            InvalidValueError: when ``term`` is not a ``relativedelta``
                (``"wrong_type"``), holds a time of day, such as
                ``hours=12`` (``"not_whole_days"``), or would end before
                ``start`` (``"before_start"``, also when that is before the
                first day of the calendar).
        """
        if not isinstance(term, relativedelta):
            raise InvalidValueError(
                "Period", "term", term, "wrong_type", "must be a relativedelta"
            )
        if any(getattr(term, name) for name in _TIME_OF_DAY) or any(
            getattr(term, name) is not None for name in _CLOCK
        ):
            raise InvalidValueError(
                "Period",
                "term",
                term,
                "not_whole_days",
                "a term is whole days, months or years, not hours or seconds",
            )
        if not isinstance(start, date) or isinstance(start, datetime):
            return cls(start=start)  # the validator names the bad start
        try:
            end: date | None = _end_of_term(start, term)
        except (OverflowError, ValueError):  # past either end of the calendar
            if not _forwards(start, term):
                raise InvalidValueError(
                    "Period",
                    "term",
                    term,
                    "before_start",
                    "the term ends before the start, and before the calendar's first day",
                ) from None
            end = None  # every day from start on, as far as the calendar goes
        return cls(start=start, end=end)

    @property
    def is_open_ended(self) -> bool:
        """``True`` when the period has no end."""
        return self.end is None

    @property
    def days(self) -> int | None:
        """How many days the period holds; ``None`` when it is open-ended."""
        return None if self.end is None else (self.end - self.start).days

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls within ``[start, end)``."""
        _checks.date_argument("Period.contains", "day", day)
        return self.start <= day and (self.end is None or day < self.end)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.contains(day)

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day.

        >>> from datetime import date, datetime
        >>> first = Period(start=date(2024, 1, 1), end=date(2024, 3, 1))
        >>> first.overlaps(Period(start=date(2024, 3, 1)))
        False
        """
        return self.intersection(other) is not None

    def intersection(self, other: Period) -> Period | None:
        """The days both periods share, or ``None`` when they share none."""
        _checks.argument("Period.intersection", "other", other, Period)
        start = max(self.start, other.start)
        ends = [end for end in (self.end, other.end) if end is not None]
        end = min(ends) if ends else None
        if end is not None and end <= start:
            return None
        return Period(start=start, end=end)
