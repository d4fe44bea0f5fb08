"""Ages in whole years: the one way the library counts them."""

from __future__ import annotations

import calendar
from datetime import date

from . import _checks

__all__ = ["age_on", "whole_years"]


def age_on(birth_date: date, day: date) -> int:
    """Age in whole years on ``day``.

    A person born on 29 February turns a year older on 28 February in common
    years (dateutil's calendar arithmetic, the same as
    ``birth_date + relativedelta(years=n)``).

    >>> from datetime import date
    >>> leapling = date(2008, 2, 29)
    >>> age_on(leapling, date(2026, 2, 27)), age_on(leapling, date(2026, 2, 28))
    (17, 18)

    .. versionadded:: 0.1
    """
    _checks.date_argument("age_on", "birth_date", birth_date)
    _checks.date_argument("age_on", "day", day)
    return whole_years(birth_date, day)


def whole_years(birth_date: date, day: date) -> int:
    """:func:`age_on` without its argument checks: for code that asks millions
    of times. The tests hold it to ``relativedelta(day, birth_date).years``.
    """
    if day < birth_date:
        return -whole_years(day, birth_date)  # dateutil counts down from zero
    month, day_of_month = birth_date.month, birth_date.day
    if month == 2 and day_of_month == 29 and not calendar.isleap(day.year):
        day_of_month = 28
    years = day.year - birth_date.year
    if (day.month, day.day) < (month, day_of_month):
        years -= 1
    return years
