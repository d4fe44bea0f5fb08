"""What an indicator is: its kinds of reference and location, its counts,
and what one measurement reads of a registry, found once.

Owns :class:`Indicator`, :class:`Reference`, :class:`Located`, :data:`Count`
and :class:`Measured`. Must not know any indicator's definition (the family
modules and ``_catalogue``) nor how counts are grouped by unit (``_measure``).

Every indicator is a ratio of two counts, computed per item (a service, a
person in care, a sibling group, an exit) and then added up per unit, so the
figures of the municipalities of an oblast add up to the oblast's. An item
whose count rests on a fact the data does not hold (capacity not recorded, a
distance with no centroid, an exit with no reason) is counted apart as
unknown, never as zero.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterator
from datetime import date

import attrs

from .. import _checks
from .._period import Period
from .._registry import Registry

__all__ = ["DISTANT_KM", "Count", "Indicator", "Located", "Measured", "Reference"]

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


@attrs.frozen(kw_only=True)
class Indicator:
    """One indicator: a stable code, its definition, and where it comes from.

    ``numerator`` and ``denominator`` say what is counted, ``excluded`` what is
    left out or counted apart as unknown, ``source`` where the definition is
    published, and ``differs`` how ours differs from it (``None``: it does not).

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


class Measured:
    """What one call of :func:`~socialservices.indicators.measure` measures
    over: the registry, the day and the period, and what several indicators
    read of them, found once."""

    def __init__(
        self, registry: Registry, on: date | None, period: Period | None
    ) -> None:
        self.registry = registry
        self.on = on
        self.period = period

    @functools.cached_property
    def in_care(self) -> list[tuple[str, str, str]]:
        """(person, home on the day, service) of each person in a service on
        the day, by person id: one stay each (the earliest begun, then the
        first by id)."""
        on = self.on
        assert on is not None
        persons = self.registry.index.persons_by_id
        first: dict[str, tuple[date, str, str]] = {}
        for p in self.registry.placements:
            if p.service is None or not p.is_active_on(on):
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
