"""Places held for a request while it is decided.

Owns :class:`PlaceHold`: places of one service kept for one placement
request from the day they are offered until the offer is confirmed,
withdrawn or expires. Must not know where holds come from (a referral
system's events, the request lifecycle) nor how free places are counted
(the registry and its occupancy index read the holds).
"""

from __future__ import annotations

import attrs

from . import _checks
from ._period import Period

__all__ = ["PlaceHold"]


def _at_least_one(
    instance: object, attribute: attrs.Attribute[int], value: int
) -> None:
    _checks.count(instance, attribute, value)
    if value < 1:
        raise _checks.fail(
            instance, attribute, value, "out_of_range", "holds at least one place"
        )


@attrs.frozen(kw_only=True)
class PlaceHold:
    """``places`` places of ``service`` held for ``request`` through ``period``.

    The period starts on the day the places are held and ends on the first
    day they are no longer held: the day the hold expires, is withdrawn, or
    is confirmed (the placement that follows takes the place from that day).
    An open-ended period holds until a later record ends it. Nothing reads
    a clock: an expiry is data, the end of the period.

    A held place is not free: on every day, the places taken plus the places
    held never exceed capacity (:meth:`Registry.free_places`), except for the
    request it is held for.

    >>> from datetime import date
    >>> PlaceHold(request="R-1", service="S-1", places=2,
    ...           period=Period(start=date(2026, 11, 2), end=date(2026, 11, 9)))
    PlaceHold(request='R-1', service='S-1', places=2, period=Period(start=datetime.date(2026, 11, 2), end=datetime.date(2026, 11, 9)))

    .. versionadded:: 0.5
    """

    request: str = attrs.field(validator=_checks.identifier)
    service: str = attrs.field(validator=_checks.identifier)
    places: int = attrs.field(default=1, validator=_at_least_one)
    period: Period = attrs.field(validator=_checks.instance_of(Period))
