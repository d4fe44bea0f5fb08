"""Test-only Hypothesis strategies for the core types.

Dates are drawn from a small window around a leap year, so that periods
often touch, overlap, start on the day another ends, and cross 29 February.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from socialservices import Period, Placement

FIRST_DAY = date(2023, 12, 1)
LAST_DAY = date(2024, 4, 1)
WINDOW = (LAST_DAY - FIRST_DAY).days


def days() -> st.SearchStrategy[date]:
    """A day in the window (December 2023 to March 2024)."""
    return st.integers(0, WINDOW).map(lambda n: FIRST_DAY + timedelta(days=n))


@st.composite
def periods(draw: st.DrawFn, *, open_ended: bool | None = None) -> Period:
    """A period within the window, possibly empty or open-ended."""
    start = draw(days())
    ends = draw(st.booleans()) if open_ended is None else open_ended
    if ends:
        return Period(start=start)
    length = draw(st.integers(0, 60))
    return Period(start=start, end=start + timedelta(days=length))


@st.composite
def placements(
    draw: st.DrawFn,
    *,
    services: tuple[str, ...] = ("S1", "S2"),
    max_size: int = 30,
    unique_ids: bool = True,
) -> list[Placement]:
    """Placements in a few services, with distinct ids unless ``unique_ids=False``."""
    count = draw(st.integers(0, max_size))
    return [
        Placement(
            id=f"PL{i if unique_ids else draw(st.integers(0, 3))}",
            person=f"C{draw(st.integers(0, 9))}",
            service=draw(st.sampled_from(services)),
            period=draw(periods()),
        )
        for i in range(count)
    ]
