"""Coverage: the runs of days no period reaches (gaps), and the runs of
periods that overlap (each reported once, however many overlap)."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Generic, TypeVar

from .._period import Period

__all__ = ["Run", "gaps", "overlapping_runs"]

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


class Run(Generic[T]):
    """Items whose periods overlap in a chain: each shares a day with one before it.

    ``items`` are in the order given (start first); ``shared`` runs from the
    first day two of them share to the day after the last (open-ended when
    two open-ended ones meet); ``most`` is the largest number of them that
    hold one day together.
    """

    __slots__ = ("items", "most", "shared")

    def __init__(self, items: list[T], shared: Period, most: int) -> None:
        self.items, self.shared, self.most = items, shared, most


def overlapping_runs(
    items: Iterable[T], period_of: Callable[[T], Period]
) -> Iterator[Run[T]]:
    """The runs of ``items`` whose periods overlap, each once, in order.

    ``items`` must be in order of start. A run is a connected chain: two
    items are in one run when a chain of overlapping items joins them, so n
    items that all overlap make one run, not n(n-1)/2 pairs. Periods that
    hold no day overlap nothing. One pass, and a heap for ``most``.

    >>> from datetime import date
    >>> spring = Period(start=date(2025, 3, 1), end=date(2025, 6, 1))
    >>> may = Period(start=date(2025, 5, 1), end=date(2025, 5, 20))
    >>> runs = list(overlapping_runs([spring, may, Period(start=date(2025, 5, 10))],
    ...     lambda p: p))
    >>> [(len(run.items), str(run.shared.start), run.most) for run in runs]
    [(3, '2025-05-01', 3)]
    """
    run: list[T] = []
    run_end: date | None = None  # the latest end of the run; None: open-ended
    first = date.max
    last: date | None = None  # the day after the last shared day; None: open
    ends: list[date] = []  # a heap of the ends of the items holding the day
    most = 0
    for item in items:
        period = period_of(item)
        start, end = period.start, period.end
        if end is not None and end <= start:
            continue  # holds no day
        if run and (run_end is None or start < run_end):
            shared_end = run_end if end is None else end
            if run_end is not None and end is not None:
                shared_end = min(run_end, end)
            if len(run) == 1:
                first, last = start, shared_end
            elif last is not None:
                last = None if shared_end is None else max(last, shared_end)
            run_end = None if end is None or run_end is None else max(run_end, end)
        else:
            if len(run) > 1:
                yield Run(run, Period(start=first, end=last), most)
            run, run_end, ends, most = [], end, [], 0
        run.append(item)
        while ends and ends[0] <= start:
            heapq.heappop(ends)
        heapq.heappush(ends, date.max if end is None else end)
        most = max(most, len(ends))
    if len(run) > 1:
        yield Run(run, Period(start=first, end=last), most)
