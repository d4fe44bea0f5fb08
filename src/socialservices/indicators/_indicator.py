"""What an indicator is: its kinds of reference and location, its counts,
and what one measurement reads of a registry, found once.

Owns :class:`Indicator`, :class:`Reference`, :class:`Located`, :data:`Count`
and :class:`Measured` (with the care histories several families read). Must not know any indicator's definition (the family
modules and ``_catalogue``) nor how counts are grouped by unit (``_measure``).

Every indicator is a ratio of two counts, computed per item (a service, a
person in care, a sibling group, an exit) and then added up per unit, so the
figures of the municipalities of an oblast add up to the oblast's; a rate
multiplies the ratio by its ``scale`` (per 1,000 days, per 10,000 children).
An indicator of lengths (``distribution``) counts each item's days over one
item, so its ratio is the mean, and its quartiles are found per unit (they
do not add up). An item
whose count rests on a fact the data does not hold (capacity not recorded, a
distance with no centroid, an exit with no reason) is counted apart as
unknown, never as zero.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterator, Mapping
from datetime import date, timedelta

import attrs

from .. import _checks
from .._age import whole_years
from .._period import Period
from .._placement import Placement
from .._registry import Registry

__all__ = [
    "DFE",
    "DISTANT_KM",
    "ChildInCare",
    "Count",
    "Indicator",
    "Located",
    "Measured",
    "Reference",
    "Stay",
    "open_end",
]

DFE = (
    "Department for Education (England), Children looked after in England "
    "including adoptions, methodology"
)
"""The source several families of indicators cite (close to home, stability)."""

DISTANT_KM = 32.0
"""Placed "far from home": more than 32 km (England's 20 miles) between the
centroids of the home municipality and the service's."""


class Reference(enum.Enum):
    """What an indicator is measured over: a day, or a period.

    .. versionadded:: 0.5
    """

    ON = "on"
    PERIOD = "period"


class Located(enum.Enum):
    """Which place puts an item in a municipality or oblast: the service's
    site, or the home of the person (the municipality responsible for them).

    .. versionadded:: 0.5
    """

    SERVICE = "service"
    HOME = "home"


Count = tuple[str | None, str | None, int, int, int]
"""One item's counts: its service id (or ``None``), the home municipality (or
``None``), the numerator, the denominator, and how many of it are unknown."""

Stay = tuple[date, date | None, str | None, str]
"""One stay of a person: start, end (``None``: open), service (``None``: in
no service) and the id of its first placement. Consecutive placements of the
person in one service (or under one measure in no service), each beginning on
the day the one before ended, are one stay: a change of legal basis or of
episode is no move."""

ChildInCare = tuple[str, str, Stay, date, list[Stay], int]
"""A child in care on the day: person id, home on the day, the stay active
on the day (the first begun), the day their period of care began, all their
stays, and their age. A period of care is a run of stays each beginning on
or before the day the run so far ends: a stay beginning the day after one
ended begins a new one."""

_SCALES = frozenset({1, 1000, 10000})


def _scale(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    _checks.count(instance, attribute, value)
    if value not in _SCALES:
        raise _checks.fail(
            instance, attribute, value, "unknown_value", "a scale is 1, 1000 or 10000"
        )


@attrs.frozen(kw_only=True)
class Indicator:
    """One indicator: a stable code, its definition, and where it comes from.

    ``numerator`` and ``denominator`` say what is counted, ``excluded`` what is
    left out or counted apart as unknown, ``source`` where the definition is
    published, and ``differs`` how ours differs from it (``None``: it does not).
    ``scale`` is what the ratio is given per (1, or per 1,000 or 10,000);
    a ``distribution`` counts lengths in days (its ratio is their mean, and
    each measurement carries their quartiles); one that ``needs_children``
    is measured only when the caller gives child populations.

    .. versionadded:: 0.5
    """

    code: str = attrs.field(validator=_checks.code)
    title: str = attrs.field(validator=_checks.text)
    reference: Reference = attrs.field(validator=_checks.instance_of(Reference))
    located: Located = attrs.field(validator=_checks.instance_of(Located))
    numerator: str = attrs.field(validator=_checks.text)
    denominator: str = attrs.field(validator=_checks.text)
    excluded: str = attrs.field(validator=_checks.text)
    source: str = attrs.field(validator=_checks.text)
    differs: str | None = attrs.field(default=None, validator=_checks.optional_text)
    count: Callable[[Measured], Iterator[Count]] = attrs.field(eq=False, repr=False)
    scale: int = attrs.field(default=1, validator=_scale)
    distribution: bool = attrs.field(default=False, validator=_checks.boolean)
    needs_children: bool = attrs.field(default=False, validator=_checks.boolean)


class Measured:
    """What one call of :func:`~socialservices.indicators.measure` measures
    over: the registry, the day and the period, and what several indicators
    read of them, found once."""

    def __init__(
        self,
        registry: Registry,
        on: date | None,
        period: Period | None,
        children: Mapping[str, int] | None = None,
    ) -> None:
        self.registry = registry
        self.on = on
        self.period = period
        self.children = children

    @functools.cached_property
    def dated(self) -> tuple[list[Placement], list[Placement], list[Placement]]:
        """The placements active on the day, those that begin in the period,
        and those whose last day (the day before their end) falls in it, in
        the registry's order: found in one pass."""
        on, period = self.on, self.period
        active: list[Placement] = []
        starting: list[Placement] = []
        ending: list[Placement] = []
        first = last = date.min
        if period is not None:
            assert period.end is not None
            first, last = period.start, period.end
        for p in self.registry.placements:
            start, end = p.period.start, p.period.end
            if on is not None and start <= on and (end is None or on < end):
                active.append(p)
            if period is not None:
                if first <= start < last:
                    starting.append(p)
                if end is not None and first < end <= last:
                    ending.append(p)
        return active, starting, ending

    @property
    def active(self) -> list[Placement]:
        """The placements active on the day, in the registry's order."""
        assert self.on is not None
        return self.dated[0]

    @functools.cached_property
    def ended(self) -> list[tuple[Placement, str | None]]:
        """Each placement whose last day (the day before its end) falls in the
        period, with the person's home on that day (``None``: an unknown
        person)."""
        assert self.period is not None
        persons = self.registry.index.persons_by_id
        found = []
        for p in self.dated[2]:
            person = persons.get(p.person)
            assert p.period.end is not None
            home = None if person is None else person.home_on(p.period.end - _DAY)
            found.append((p, home))
        return found

    @functools.cached_property
    def stays(self) -> dict[str, list[Stay]]:
        """Each person's stays (see :data:`Stay`), in order of start, for the
        people the indicators read: those in a placement on the day, and
        those with a placement that begins in the period or whose last day
        falls in it."""
        active, starting, ending = self.dated
        wanted = {p.person for p in active}
        wanted.update(p.person for p in starting)
        wanted.update(p.person for p in ending)
        placements = self.registry.placements
        placed: dict[str, list[Placement]] = {}
        for p in placements:
            if p.person in wanted:
                found = placed.get(p.person)
                if found is None:
                    placed[p.person] = [p]
                else:
                    found.append(p)
        return {person: _stays(found) for person, found in placed.items()}

    @functools.cached_property
    def children_in_care(self) -> list[ChildInCare]:
        """Each child (under 18) in a placement on the day, in a service or
        not, by person id: see :data:`ChildInCare`."""
        on = self.on
        assert on is not None
        persons = self.registry.index.persons_by_id
        found = []
        for id, stays in self.stays.items():
            now = _current(stays, on)
            person = persons.get(id)
            if now is None or person is None:
                continue
            age = whole_years(person.birth_date, on)
            if 0 <= age < 18:
                found.append((id, person.home_on(on), now[0], now[1], stays, age))
        found.sort(key=_first)
        return found

    @functools.cached_property
    def in_care(self) -> list[tuple[str, str, str]]:
        """(person, home on the day, service) of each person in a service on
        the day, by person id: one stay each (the earliest begun, then the
        first by id)."""
        on = self.on
        assert on is not None
        persons = self.registry.index.persons_by_id
        first: dict[str, tuple[date, str, str]] = {}
        for p in self.active:
            if p.service is None:
                continue
            key = (p.period.start, p.id, p.service)
            if p.person not in first or key < first[p.person]:
                first[p.person] = key
        found = []
        for id in sorted(first):
            person = persons.get(id)
            if person is not None:
                found.append((id, person.home_on(on), first[id][2]))
        return found


_DAY = timedelta(days=1)


def _by_start(placement: Placement) -> tuple[date, str]:
    return placement.period.start, placement.id


def _stays(placements: list[Placement]) -> list[Stay]:
    if len(placements) == 1:
        p = placements[0]
        return [(p.period.start, p.period.end, p.service, p.id)]
    placements.sort(key=_by_start)
    stays: list[Stay] = []
    last: object = None
    for p in placements:
        start = p.period.start
        key = p.service if p.service is not None else p.measure
        if stays and last == key and stays[-1][1] == start:
            stays[-1] = (stays[-1][0], p.period.end, p.service, stays[-1][3])
        else:
            stays.append((start, p.period.end, p.service, p.id))
        last = key
    return stays


def _first(child: ChildInCare) -> str:
    return child[0]


def open_end(end: date | None) -> date:
    """``end``, or the calendar's last day for an open end."""
    return date.max if end is None else end


def _current(stays: list[Stay], on: date) -> tuple[Stay, date] | None:
    """The first stay (by start) active on ``on``, and when its period of
    care began."""
    began = until = date.min
    for stay in stays:
        start, end = stay[0], open_end(stay[1])
        if start > on:
            break
        if start > until:
            began, until = start, end
        elif end > until:
            until = end
        if on < end:
            return stay, began
    return None
