"""Gaps: the runs of days within a period that no covering period reaches."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .._period import Period

__all__ = ["gaps"]


def gaps(within: Period, covers: Iterable[Period]) -> list[Period]:
    """The runs of days of ``within`` that none of ``covers`` contains, in order.

    >>> from datetime import date
    >>> year = Period(start=date(2025, 1, 1), end=date(2026, 1, 1))
    >>> [str(gap.start) for gap in gaps(year, [Period(start=date(2025, 3, 1))])]
    ['2025-01-01']
    """
    found: list[Period] = []
    cursor: date | None = within.start
    for cover in sorted(covers, key=lambda period: period.start):
        if cursor is None:
            break
        if cover.end is not None and (cover.end <= cursor or cover.end == cover.start):
            continue  # behind the cursor, or an empty period that covers no day
        if cover.start > cursor:
            end = cover.start if within.end is None else min(cover.start, within.end)
            if end > cursor:
                found.append(Period(start=cursor, end=end))
        cursor = cover.end
        if cursor is not None and within.end is not None and cursor >= within.end:
            cursor = None
    if cursor is not None and (within.end is None or cursor < within.end):
        found.append(Period(start=cursor, end=within.end))
    return found
