"""Coverage: the runs of days no period reaches (gaps), and the days two
periods share (overlaps)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import TypeVar

from .._period import Period

__all__ = ["gaps", "overlaps"]

T = TypeVar("T")


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


def overlaps(
    items: Sequence[T], period_of: Callable[[T], Period]
) -> Iterator[tuple[T, T, Period]]:
    """Each pair of ``items`` whose periods share days, the earlier in
    ``items`` first, with the days they share.

    >>> from datetime import date
    >>> spring = Period(start=date(2025, 3, 1), end=date(2025, 6, 1))
    >>> pairs = overlaps([spring, Period(start=date(2025, 5, 1))], lambda p: p)
    >>> [str(shared.start) for _, _, shared in pairs]
    ['2025-05-01']
    """
    for i, later in enumerate(items):
        for earlier in items[:i]:
            shared = period_of(earlier).intersection(period_of(later))
            if shared is not None:
                yield earlier, later, shared
