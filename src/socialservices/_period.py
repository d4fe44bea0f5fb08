"""Periods of time: half-open ranges of days, possibly open-ended."""

from __future__ import annotations

from datetime import date

import attrs
from dateutil.relativedelta import relativedelta

from . import _checks
from ._errors import InvalidValueError

__all__ = ["Period"]


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


@attrs.frozen(kw_only=True)
class Period:
    """The days from ``start`` up to, but not including, ``end``.

    A period is half-open, ``[start, end)``: a placement that ends on 1 March
    and another that starts on 1 March never overlap, and share one place on
    that day. ``end=None`` means open-ended (still running). ``end == start``
    is an empty period of zero days; ``end`` before ``start`` is refused.

    >>> from datetime import date
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
        ends on 28 February (exclusive) five years on.

        >>> from datetime import date
        >>> from dateutil.relativedelta import relativedelta
        >>> Period.from_term(date(2024, 2, 29), relativedelta(years=1)).end
        datetime.date(2025, 2, 28)

        Raises:
            InvalidValueError: when ``term`` is not a ``relativedelta`` or
                would end before ``start``.
        """
        if not isinstance(term, relativedelta):
            raise InvalidValueError(
                "Period", "term", term, "wrong_type", "must be a relativedelta"
            )
        if not isinstance(start, date):
            return cls(start=start)  # the validator names the bad start
        return cls(start=start, end=start + term)

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

        >>> from datetime import date
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
