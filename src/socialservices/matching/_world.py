"""What matching knows of a registry on one day: sites, people, tiers.

Shared by :func:`rank`, :func:`allocate` and :func:`allocate_first_come`, so
that the three agree on who qualifies where and how many places are free.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date

from .._age import whole_years
from .._geography import Geography, Proximity
from .._person import Person
from .._placement import Measure
from .._registry import Registry
from .._service import Eligibility
from ._policy import UNKNOWN_DISTANCE_M, Policy
from ._reasons import ExclusionReason

__all__ = [
    "Map",
    "Member",
    "Site",
    "home_of",
    "member_reasons",
    "sites",
    "slots",
    "type_reasons",
]


def slots(names: str) -> tuple[str, ...]:
    """``__slots__`` from space-separated names."""
    return tuple(names.split())


class Site:
    """A service as matching sees it on one day."""

    __slots__ = slots(
        "capacity_known eligibility family_based general held id known_type measure municipality operating profile raw_free residential type"
    )

    def __init__(
        self,
        *,
        id: str,
        municipality: str,
        type: str,
        eligibility: Eligibility,
        known_type: bool,
        residential: bool,
        family_based: bool,
        operating: bool,
        capacity_known: bool,
        raw_free: int,
        general: int,
        held: dict[str, int],
    ) -> None:
        self.id = id
        self.municipality = municipality
        self.type = type
        self.eligibility = eligibility
        self.known_type = known_type
        self.residential = residential
        self.family_based = family_based
        self.measure = (
            Measure.FOSTER_FAMILY
            if family_based
            else Measure.RESIDENTIAL
            if residential
            else None
        )
        self.operating = operating
        self.capacity_known = capacity_known
        """Whether the service's capacity on the day is recorded: a service of
        unknown capacity offers no place (its free places count as 0 here)."""
        self.raw_free = raw_free
        """Places free on the day, reservations aside."""
        self.general = general
        """Places free to anyone: what no agreement holds for someone."""
        self.held = held
        """Places free only to residents of a municipality, by municipality."""
        self.profile = (type, eligibility)

    def free_for(self, home: str) -> int:
        """Places free to a resident of ``home``."""
        return self.general + self.held.get(home, 0)

    def fits(self, homes: Iterable[str]) -> bool:
        """Whether persons of these homes (one entry each) fit at once: each
        uses the places held for their own home, then the general ones."""
        return needing_general(self.held, Counter(homes).items()) <= self.general


def needing_general(held: Mapping[str, int], counts: Iterable[tuple[str, int]]) -> int:
    """How many of these persons (``(home, how many)``) need general places,
    once each has taken those held for their own home."""
    return sum(max(0, count - held.get(home, 0)) for home, count in counts)


def _reserved_on(registry: Registry, on: date) -> dict[str, set[str]]:
    reserved: dict[str, set[str]] = {}
    for agreement in registry.agreements:
        if agreement.period.contains(on):
            for reservation in agreement.reservations:
                reserved.setdefault(reservation.service, set()).add(
                    reservation.for_municipality
                )
    return reserved


def sites(
    registry: Registry, on: date, released: frozenset[str] = frozenset()
) -> list[Site]:
    """Every service of ``registry`` (the first of a duplicated id), by id.

    Places held for requests (``registry.holds``) are not free, but those
    held for the requests in ``released``: the ones being decided now."""
    reserved = _reserved_on(registry, on)
    mine = registry.index.held_for(released, on)  # held for the released
    found: list[Site] = []
    seen: set[str] = set()
    types = {kind.code: kind for kind in reversed(registry.service_types)}
    free_places = registry.free_places
    eligibility_of = registry.eligibility_of
    steps = registry.index.occupancy_steps  # one look-up each, no argument checks
    held_steps = registry.index.held_steps
    holding = bool(registry.holds)
    day = on.toordinal()
    for service in registry.services:
        if service.id in seen:
            continue
        seen.add(service.id)
        kind = types.get(service.type)
        capacity = service.capacity_on(on)  # 0 when not operating, None unknown
        # not recorded (None): taken to operate, and its capacity says unknown
        operating = service.operates_on(on) is not False
        days, values = steps(service.id)
        at = bisect.bisect_right(days, day) - 1
        occupied = values[at] if at >= 0 else 0
        on_hold = 0
        if holding:  # most registries hold no place: no look-up then
            days, values = held_steps(service.id)
            at = bisect.bisect_right(days, day) - 1
            on_hold = (values[at] if at >= 0 else 0) - mine.get(service.id, 0)
        raw = 0 if capacity is None else max(0, capacity - occupied - on_hold)
        holders = reserved.get(service.id)
        held: dict[str, int] = {}
        general = raw
        if holders and raw:
            back = mine.get(service.id, 0)
            general = min(raw, _known(free_places(service.id, on)) + back)
            for municipality in sorted(holders):
                theirs = min(
                    raw, _known(free_places(service.id, on, home=municipality)) + back
                )
                if theirs > general:
                    held[municipality] = theirs - general
        found.append(
            Site(
                id=service.id,
                municipality=service.municipality,
                type=service.type,
                eligibility=eligibility_of(service.id),
                known_type=kind is not None,
                residential=kind is not None and kind.residential,
                family_based=kind is not None and kind.family_based,
                operating=operating,
                capacity_known=capacity is not None,
                raw_free=raw,
                general=general,
                held=held,
            )
        )
    return found


def _known(free: int | None) -> int:
    """Free places of a service whose capacity is recorded on the day."""
    assert free is not None, "asked only where the capacity is known"
    return free


age = whole_years
"""Whole years, as :func:`~socialservices.age_on` counts them, without its checks."""


class Member:
    """A person of a request, with what the policy makes of them on the day."""

    __slots__ = slots("age child home person residential_allowed")

    def __init__(self, person: Person, on: date, policy: Policy) -> None:
        self.person = person
        self.home = home_on(person, on)
        self.age = age(person.birth_date, on)
        children = policy.children
        self.child = children is not None and children.is_child(person, on)
        self.residential_allowed = children is None or (
            children.allows_residential_care(person, on)
        )


def type_reasons(site: Site, acceptable: frozenset[str]) -> list[ExclusionReason]:
    """Why a request with these ``acceptable`` types cannot use ``site``'s type."""
    if acceptable:
        if site.type not in acceptable:
            return [ExclusionReason.MEASURE_NOT_ACCEPTABLE]
        return []
    if not site.known_type:
        return [ExclusionReason.UNKNOWN_SERVICE_TYPE]
    if not (site.residential or site.family_based):
        return [ExclusionReason.MEASURE_NOT_ACCEPTABLE]
    return []


def member_reasons(member: Member, site: Site, on: date) -> list[ExclusionReason]:
    """Why one person does not qualify for ``site`` on ``on``."""
    reasons = [
        ExclusionReason(reason.value)
        for reason in site.eligibility.check(member.person, on=on)
    ]
    if site.residential and not member.residential_allowed:
        reasons.insert(0, ExclusionReason.RESIDENTIAL_CARE_NOT_ALLOWED)
    return reasons


def home_on(person: Person, on: date) -> str:
    """The municipality ``person`` lives in on ``on`` (:meth:`Person.home_on`
    without its argument check, and without a search for the many who never
    moved)."""
    if not person.previous_homes:
        return person.home_municipality
    return person.home_on(on)


def home_of(persons: Iterable[Person], on: date) -> str:
    """A request's home on ``on``: the municipality most of its persons live
    in (the smallest code on a tie)."""
    counts = Counter(home_on(person, on) for person in persons)
    most = max(counts.values())
    return min(code for code, n in counts.items() if n == most)


class Map:
    """Tiers and distances between municipalities, tolerant of unknown codes:
    a municipality the geography does not know is far from all but itself."""

    __slots__ = slots("_distances _geography _metres _region _tiers")

    def __init__(self, geography: Geography) -> None:
        self._geography = geography
        self._region: dict[str, str] = {}
        for municipality in geography.municipalities:
            self._region.setdefault(municipality.code, municipality.region)
        self._tiers: dict[tuple[str, str], Proximity] = {}
        self._distances: dict[tuple[str, str], float | None] = {}
        self._metres: dict[tuple[str, str], int] = {}

    def region(self, municipality: str) -> str | None:
        """The region of ``municipality``, ``None`` if unknown."""
        return self._region.get(municipality)

    def tier(self, home: str, site: str) -> Proximity:
        """How close ``site`` is to ``home``."""
        key = (home, site)
        found = self._tiers.get(key)
        if found is None:
            if home == site:
                found = Proximity.SAME_MUNICIPALITY
            elif home in self._region and site in self._region:
                found = self._geography.proximity(home, site)
            else:
                found = Proximity.ELSEWHERE
            self._tiers[key] = found
        return found

    def distance_km(self, home: str, site: str) -> float | None:
        """Kilometres between the centroids, ``None`` when one is unknown."""
        key = (home, site)
        if key not in self._distances:
            known = home in self._region and site in self._region
            self._distances[key] = (
                self._geography.distance_km(home, site) if known else None
            )
        return self._distances[key]

    def metres(self, home: str, site: str) -> int:
        """Whole metres between the centroids: 0 within a municipality,
        :data:`UNKNOWN_DISTANCE_M` when a centroid is unknown."""
        key = (home, site)
        found = self._metres.get(key)
        if found is None:
            if home == site:
                found = 0
            else:
                km = self.distance_km(home, site)
                found = UNKNOWN_DISTANCE_M if km is None else round(km * 1000)
            self._metres[key] = found
        return found
