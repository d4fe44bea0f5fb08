"""LOC: the audit of placements away from home while there was room closer by."""

from __future__ import annotations

from collections.abc import Iterator

from .._geography import Proximity
from .._person import Person
from .._service import Service
from ._facts import Facts, Stay
from ._finding import Entity, Finding, FreePlaces, Severity
from ._rule import Rule
from ._vacancies import Query

__all__ = ["RULES", "closest_first", "describe_free", "placed_stays"]


def closest_first(
    facts: Facts, home: str, found: list[tuple[Service, int]]
) -> list[FreePlaces]:
    """Services with free places, the closest to ``home`` first, then by id."""
    geography = facts.registry.geography
    ranked = []
    for service, free in found:
        tier = geography.proximity(home, service.municipality)
        distance = geography.distance_km(home, service.municipality)
        ranked.append((tier, 0.0 if distance is None else distance, service.id, free))
    ranked.sort()
    return [
        FreePlaces(service=id, places=free, proximity=Proximity(tier))
        for tier, _, id, free in ranked
    ]


def placed_stays(facts: Facts) -> Iterator[tuple[Stay, Person, Service, str, str]]:
    """Stays with a known person, service, home and site, starting after birth.

    Each comes with the home region and the service's region.
    """
    for stay in facts.stays:
        person, service = stay.person, stay.service
        if person is None or service is None or stay.service_type is None:
            continue
        if stay.placement.period.start < person.birth_date:
            continue
        home_region = facts.region_of(person.home_municipality)
        site_region = facts.region_of(service.municipality)
        if home_region is None or site_region is None:
            continue
        yield stay, person, service, home_region, site_region


def describe_free(free: list[FreePlaces]) -> str:
    places = sum(item.places for item in free)
    services = ", ".join(f"{item.service} ({item.places})" for item in free[:5])
    more = f" and {len(free) - 5} more" if len(free) > 5 else ""
    return f"{places} free place{'s' if places != 1 else ''} in {services}{more}"


def _away_from_region(rule: Rule, facts: Facts) -> Iterator[Finding]:
    stays, queries = [], []
    for stay, person, service, home_region, site_region in placed_stays(facts):
        if home_region != site_region:
            assert stay.service_type is not None
            profile = (stay.service_type.residential, stay.service_type.family_based)
            stays.append((stay, person, service))
            queries.append(
                Query(stay.placement.period.start, home_region, profile, person)
            )
    for (stay, person, service), found in zip(
        stays, facts.vacancies.answer(queries), strict=True
    ):
        if not found:
            continue
        free = closest_first(facts, person.home_municipality, found)
        placement = stay.placement
        yield rule.finding(
            f"person {person.id} from {person.home_municipality} was placed in "
            f"{service.municipality}, outside the home region, on "
            f"{placement.period.start} (placement {placement.id}), while the home "
            f"region had {describe_free(free)}",
            (Entity.PLACEMENT, placement.id),
            (Entity.PERSON, person.id),
            (Entity.SERVICE, service.id),
            *((Entity.SERVICE, item.service) for item in free),
            fields=["Placement.service", "Person.home_municipality"],
            on=placement.period.start,
            free_places=free,
        )


def _away_from_municipality(rule: Rule, facts: Facts) -> Iterator[Finding]:
    stays, queries = [], []
    for stay, person, service, home_region, site_region in placed_stays(facts):
        if (
            home_region == site_region
            and service.municipality != person.home_municipality
        ):
            assert stay.service_type is not None
            profile = (stay.service_type.residential, stay.service_type.family_based)
            stays.append((stay, person, service))
            queries.append(
                Query(stay.placement.period.start, home_region, profile, person)
            )
    for (stay, person, service), found in zip(
        stays, facts.vacancies.answer(queries), strict=True
    ):
        at_home = [
            (candidate, free)
            for candidate, free in found
            if candidate.municipality == person.home_municipality
        ]
        if not at_home:
            continue
        free = closest_first(facts, person.home_municipality, at_home)
        placement = stay.placement
        yield rule.finding(
            f"person {person.id} was placed in {service.municipality}, outside the "
            f"home municipality {person.home_municipality}, on "
            f"{placement.period.start} (placement {placement.id}), while it had "
            f"{describe_free(free)}",
            (Entity.PLACEMENT, placement.id),
            (Entity.PERSON, person.id),
            (Entity.SERVICE, service.id),
            *((Entity.SERVICE, item.service) for item in free),
            fields=["Placement.service", "Person.home_municipality"],
            on=placement.period.start,
            free_places=free,
        )


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
