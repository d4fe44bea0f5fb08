"""LOC: the audit of placements away from home while there was room closer by."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator

from .._geography import Proximity
from .._person import Person
from .._placement import Placement
from .._service import Service, ServiceType
from ._facts import Facts
from ._finding import Entity, Finding, FreePlaces, Severity
from ._rule import Rule
from ._vacancies import Questions

__all__ = [
    "RULES",
    "closest_first",
    "describe_free",
    "placed_stays",
    "room_finding",
    "stay_at",
]

Answer = list[tuple[Service, int]]


def closest_first(
    facts: Facts, home: str, found: list[tuple[Service, int]]
) -> list[FreePlaces]:
    """Services with free places, the closest to ``home`` first, then by id.

    Closest means the proximity tier, then the distance between centroids; a
    municipality without a known centroid comes last in its tier, as
    :func:`~socialservices.rank` puts it.
    """
    geography = facts.registry.geography
    ranked = []
    for service, free in found:
        tier = geography.proximity(home, service.municipality)
        distance = geography.distance_km(home, service.municipality)
        far = math.inf if distance is None else distance
        ranked.append((tier, far, service.id, free))
    ranked.sort()
    return [
        FreePlaces(service=id, places=free, proximity=Proximity(tier))
        for tier, _, id, free in ranked
    ]


def placed_stays(
    facts: Facts, wanted: Callable[[ServiceType, str, str], bool]
) -> Iterator[tuple[int, Placement, Person, ServiceType, str]]:
    """The stays ``wanted(type, home region, service's region)`` picks, of those
    whose person, service, type, home and site are known and that start after
    the birth; with their position and the home region.
    """
    homes, sites = facts.stay_regions
    people, _, types = facts.columns
    placements = facts.registry.placements
    for position, kind in enumerate(types):
        if kind is None:
            continue
        home, site = homes[position], sites[position]
        if home is None or site is None or not wanted(kind, home, site):
            continue
        placement, person = placements[position], people[position]
        assert person is not None  # its home is known
        if placement.period.start >= person.birth_date:
            yield position, placement, person, kind, home


def stay_at(facts: Facts, position: int) -> tuple[Placement, Person, Service]:
    """The placement at ``position`` with its (known) person and service."""
    people, services, _ = facts.columns
    person, service = people[position], services[position]
    assert person is not None
    assert service is not None
    return facts.registry.placements[position], person, service


def describe_free(free: list[FreePlaces]) -> str:
    """The free places in words: their total, the first five services with
    their places, and how many more services there are."""
    places = sum(item.places for item in free)
    services = ", ".join(f"{item.service} ({item.places})" for item in free[:5])
    more = f" and {len(free) - 5} more" if len(free) > 5 else ""
    return f"{places} free place{'s' if places != 1 else ''} in {services}{more}"


def _room_closer(facts: Facts, *, same_region: bool) -> Iterator[tuple[int, Answer]]:
    """Placements away from home, with the room the home region had that day."""
    questions, positions = Questions(within_municipality=same_region), []
    _, services, _ = facts.columns

    def away(kind: ServiceType, home: str, site: str) -> bool:
        return (home == site) is same_region

    for position, placement, person, kind, home in placed_stays(facts, away):
        if same_region:
            service = services[position]
            assert service is not None
            if service.municipality == person.home_on(placement.period.start):
                continue
        profile = (kind.residential, kind.family_based)
        area = person.home_on(placement.period.start) if same_region else home
        questions.ask(placement.period.start, area, profile, person)
        positions.append(position)
    for number, found in sorted(facts.vacancies.answer(questions).items()):
        yield positions[number], found


def room_finding(
    rule: Rule,
    facts: Facts,
    position: int,
    found: Answer,
    *,
    placed: str,
    room: str,
    fields: Iterable[str],
) -> Finding:
    """A finding about the placement at ``position``, made ``placed``, while
    ``room`` had the free places ``found``: named closest to home first."""
    placement, person, service = stay_at(facts, position)
    home = person.home_on(placement.period.start)
    free = closest_first(facts, home, found)
    return rule.finding(
        f"person {person.id} from {home} was placed in "
        f"{service.id} ({service.municipality}), {placed}, on "
        f"{placement.period.start} (placement {placement.id}), while {room} had "
        f"{describe_free(free)}",
        (Entity.PLACEMENT, placement.id),
        (Entity.PERSON, person.id),
        (Entity.SERVICE, service.id),
        *((Entity.SERVICE, item.service) for item in free),
        fields=fields,
        on=placement.period.start,
        free_places=free,
    )


_MOVED = ("Placement.service", "Person.home_municipality")


def _away_from_region(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for position, found in _room_closer(facts, same_region=False):
        yield room_finding(
            rule, facts, position, found,
            placed="outside the home region", room="the home region",  # pragma: no mutate
            fields=_MOVED,
        )  # fmt: skip


def _away_from_municipality(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for position, found in _room_closer(facts, same_region=True):
        yield room_finding(
            rule, facts, position, found,
            placed="outside the home municipality",  # pragma: no mutate
            room="the home municipality",  # pragma: no mutate
            fields=_MOVED,
        )  # fmt: skip


_WHY = (
    "Placements far from home break contact with family, school and community "
    "and slow the return home. A service of the same kind that admitted the "
    "person had a free place closer to home on the day of the placement: the "
    "finding names those services and their free places, closest first. "
)

RULES = (
    Rule(
        code="LOC001",
        title="Placed outside the home region while it had room",
        severity=Severity.ERROR,
        rationale=_WHY + "Services of the same kind means the same residential and "
        "family-based character (a foster family for a foster family, a "
        "residential service for a residential one). Only free places count: "
        "places held by an agreement for another municipality do not.",
        check=_away_from_region,
    ),
    Rule(
        code="LOC002",
        title="Placed outside the home municipality while it had room",
        severity=Severity.WARNING,
        rationale=_WHY + "This is the milder case: the person stayed in the home "
        "region (a placement outside the region is LOC001's).",
        check=_away_from_municipality,
    ),
)
