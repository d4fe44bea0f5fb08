"""How many places are taken, day by day: an index built once per registry.

Each placement adds one at its start and removes one at its end, so the
occupancy of a service is a step function. The index keeps, for every
service, the days on which it changes and the value from that day on; a
query is a binary search. Building it takes one pass over the placements and
sorts each service's change days: O(n log n) over n placements.
"""

from __future__ import annotations

import bisect
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import Generic, TypeVar

import attrs

from . import _checks
from ._hold import PlaceHold
from ._period import Period
from ._placement import Placement

__all__ = ["Occupancy", "OccupancyIndex", "OccupancyStep"]

_K = TypeVar("_K")


class _Steps:
    """A step function over day ordinals: ``values[i]`` holds from ``days[i]``."""

    __slots__ = ("days", "values")

    def __init__(self, arrivals: Iterable[int], departures: Iterable[int]) -> None:
        came, left = Counter(arrivals), Counter(departures)
        self.days: list[int] = []
        self.values: list[int] = []
        running = 0
        for day in sorted(came.keys() | left.keys()):
            delta = came.get(day, 0) - left.get(day, 0)
            if delta:  # a departure and an arrival on one day share a place
                running += delta
                self.days.append(day)
                self.values.append(running)

    def at(self, day: int) -> int:
        index = bisect.bisect_right(self.days, day) - 1
        return self.values[index] if index >= 0 else 0

    def changes_within(self, start: int, end: int | None) -> list[int]:
        low = bisect.bisect_right(self.days, start)
        high = len(self.days) if end is None else bisect.bisect_left(self.days, end)
        return self.days[low:high]


_NO_STEPS = _Steps((), ())


class _Events(Generic[_K]):
    """Arrival and departure days collected per key, then turned into steps.

    The days go into compact arrays, one pair per key, and are counted and
    sorted key by key at the end: the pass over the placements then touches
    only the tail of a small array per key, which keeps it cache-friendly on
    large data sets.
    """

    __slots__ = ("arrivals", "departures")

    def __init__(self) -> None:
        self.arrivals: dict[_K, array[int]] = {}
        self.departures: dict[_K, array[int]] = {}

    def add(self, key: _K, period: Period, places: int = 1) -> None:
        start = period.start.toordinal()
        if period.end is not None:
            end = period.end.toordinal()
            if end <= start:
                return  # an empty period takes no place
            departures = self.departures.get(key)
            if departures is None:
                departures = self.departures[key] = array("l")
            departures.extend([end] * places)
        arrivals = self.arrivals.get(key)
        if arrivals is None:
            arrivals = self.arrivals[key] = array("l")
        arrivals.extend([start] * places)

    def steps(self) -> dict[_K, _Steps]:
        return {
            key: _Steps(arrivals, self.departures.get(key, ()))
            for key, arrivals in self.arrivals.items()
        }


class OccupancyIndex:
    """Occupied places per service, and per service and home municipality.

    ``home_of`` maps a person id and a day to their home municipality on that
    day (``None`` when unknown); a placement counts for the person's home on
    its first day, the home they were placed from. Homes are indexed only for
    ``by_home`` services, those with reservations, where held places depend
    on who fills them. A placement in no service takes no place. ``holds``
    are indexed apart: the places held for requests (:meth:`held`).
    """

    __slots__ = ("_by_service", "_by_service_and_home", "_held")

    def __init__(
        self,
        placements: Iterable[Placement],
        *,
        home_of: Callable[[str, date], str | None],
        by_home: frozenset[str] = frozenset(),
        holds: Iterable[PlaceHold] = (),
    ) -> None:
        per_service: _Events[str] = _Events()
        per_home: _Events[tuple[str, str]] = _Events()
        for placement in placements:
            service = placement.service
            if service is None:  # with parents, say: no place is taken
                continue
            per_service.add(service, placement.period)
            if service in by_home:
                home = home_of(placement.person, placement.period.start)
                if home is not None:
                    per_home.add((service, home), placement.period)
        self._by_service = per_service.steps()
        self._by_service_and_home = per_home.steps()
        held: _Events[str] = _Events()
        for hold in holds:
            held.add(hold.service, hold.period, hold.places)
        self._held = held.steps()

    def held(self, service: str, day: date) -> int:
        """Places of ``service`` held for requests on ``day``."""
        return self._held.get(service, _NO_STEPS).at(day.toordinal())

    def held_steps(self, service: str) -> tuple[list[int], list[int]]:
        """The day ordinals on which the places held in ``service`` change, and the values."""
        steps = self._held.get(service, _NO_STEPS)
        return steps.days, steps.values

    def occupied(self, service: str, day: date) -> int:
        """Places of ``service`` taken on ``day``."""
        return self._by_service.get(service, _NO_STEPS).at(day.toordinal())

    def steps(self, service: str) -> tuple[list[int], list[int]]:
        """The day ordinals on which ``service``'s occupancy changes, and the values."""
        steps = self._by_service.get(service, _NO_STEPS)
        return steps.days, steps.values

    def occupied_by_residents(self, service: str, home: str, day: date) -> int:
        """Places of a ``by_home`` service taken by residents of ``home`` on ``day``."""
        steps = self._by_service_and_home.get((service, home), _NO_STEPS)
        return steps.at(day.toordinal())

    def changes_within(self, service: str, period: Period) -> list[date]:
        """The days within ``period`` (after its start) on which occupancy changes."""
        end = None if period.end is None else period.end.toordinal()
        steps = self._by_service.get(service, _NO_STEPS)
        days = steps.changes_within(period.start.toordinal(), end)
        held = self._held.get(service, _NO_STEPS)
        days += held.changes_within(period.start.toordinal(), end)
        return [date.fromordinal(day) for day in sorted(set(days))]


@attrs.frozen(kw_only=True)
class OccupancyStep:
    """Through ``period``, a service had ``capacity`` places, ``occupied``
    taken and ``held`` held for requests (:class:`PlaceHold`).

    ``capacity`` is ``None`` where the service's capacity is not recorded
    (see :meth:`Service.capacity_on`); ``occupied`` and ``held`` are always known.

    .. versionadded:: 0.1
    .. versionchanged:: 0.5
       ``capacity`` may be ``None``, and so :attr:`free` and
       :attr:`over_capacity` with it; ``held``.
    """

    period: Period = attrs.field(validator=_checks.instance_of(Period))
    capacity: int | None = attrs.field(validator=_checks.optional_count)
    occupied: int = attrs.field(validator=_checks.count)
    held: int = attrs.field(default=0, validator=_checks.count)

    @property
    def free(self) -> int | None:
        """Places neither taken nor held (never negative; see
        :attr:`over_capacity`), or ``None`` when the capacity is unknown."""
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.occupied - self.held)

    @property
    def over_capacity(self) -> int | None:
        """Places taken beyond capacity (0 when within it), or ``None`` when
        the capacity is unknown."""
        if self.capacity is None:
            return None
        return max(0, self.occupied - self.capacity)


def _to_steps(value: Iterable[OccupancyStep]) -> tuple[OccupancyStep, ...]:
    return tuple(value) if _checks.is_collection(value) else value  # type: ignore[return-value]


@attrs.frozen(kw_only=True)
class Occupancy:
    """The occupancy of one service over a period, as a step function.

    ``steps`` cover ``period`` without gaps, in date order; consecutive steps
    differ in capacity or occupied places.

    .. versionadded:: 0.1
    """

    service: str = attrs.field(validator=_checks.identifier)
    period: Period = attrs.field(validator=_checks.instance_of(Period))
    steps: tuple[OccupancyStep, ...] = attrs.field(
        converter=_to_steps, validator=_checks.tuple_of(OccupancyStep)
    )

    def on(self, day: date) -> OccupancyStep | None:
        """The step that holds on ``day``, or ``None`` outside the period."""
        _checks.date_argument("Occupancy.on", "day", day)
        index = bisect.bisect_right(self.steps, day, key=_step_start) - 1
        if index < 0 or not self.steps[index].period.contains(day):
            return None
        return self.steps[index]

    @property
    def peak(self) -> int:
        """The most places taken on any day of the period."""
        return max((step.occupied for step in self.steps), default=0)

    def place_days(self) -> int | None:
        """Occupied places summed over days (``None`` if open-ended and occupied)."""
        total = 0
        for step in self.steps:
            days = step.period.days
            if days is None:
                return None if step.occupied else total
            total += days * step.occupied
        return total


def _step_start(step: OccupancyStep) -> date:
    return step.period.start
