"""Length of stay: how long people stay in a service, completed and current.

Owns LOS01 (completed stays) and LOS02 (current stays), in :data:`STAYS`.
They are distributions: each stay counts its days over one stay, so a
measurement's value is the mean length and its quartiles are the
lengths'. Must not know how counts are grouped by unit (``_measure``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from ._indicator import Count, Indicator, Located, Measured, Reference

__all__ = ["STAYS"]


def _completed(measured: Measured) -> Iterator[Count]:
    period = measured.period
    assert period is not None
    assert period.end is not None
    first, last = period.start + timedelta(days=1), period.end
    for _, stays in measured.stays.items():
        for start, end, service, _ in stays:
            if service is not None and end is not None and first <= end <= last:
                yield service, None, (end - start).days, 1, 0


def _current(measured: Measured) -> Iterator[Count]:
    on = measured.on
    assert on is not None
    for _, stays in measured.stays.items():
        for start, end, service, _ in stays:
            if start > on:
                break
            if service is not None and (end is None or on < end):
                yield service, None, (on - start).days + 1, 1, 0


_STAY = (
    "a stay is a person's time in one service: consecutive placements there, each "
    "starting the day the one before ended, are one stay"
)
_SOURCE = (
    "length of stay as in the annual reports to the Agency for Quality of Social "
    "Services (Social Services Act, Art. 112) and England's children looked after "
    "statistics (duration of placements ceased)"
)

STAYS: tuple[Indicator, ...] = (
    Indicator(
        code="LOS01",
        count=_completed,
        title="Length of completed stays",
        reference=Reference.PERIOD,
        located=Located.SERVICE,
        numerator="days in the service (end minus start) of the stays whose last day falls "
        "in the period; their quartiles in days",
        denominator="those stays",
        excluded="placements in no service; " + _STAY,
        source=_SOURCE,
        differs="median and quartiles by nearest rank (lengths that occur); England "
        "publishes bands of duration",
        distribution=True,
    ),
    Indicator(
        code="LOS02",
        count=_current,
        title="Length of current stays",
        reference=Reference.ON,
        located=Located.SERVICE,
        numerator="days in the service so far (the day itself included) of the stays "
        "active on the day; their quartiles in days",
        denominator="those stays",
        excluded="as LOS01",
        source=_SOURCE,
        differs="as LOS01",
        distribution=True,
    ),
)
"""The length-of-stay indicators, in the catalogue's order."""
