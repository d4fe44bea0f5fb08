"""REF: references that lead nowhere, and ids used twice."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator

from .._agreement import PartyKind
from ._facts import Facts
from ._finding import Entity, Finding, Severity
from ._rule import Rule

__all__ = ["RULES"]


def _repeated(ids: Iterable[str]) -> list[tuple[str, int]]:
    """The ids given more than once, with how often, in id order."""
    given = list(ids)
    if all(a < b for a, b in itertools.pairwise(given)):
        return []  # the registry keeps ids sorted, so this is the common case
    counted = Counter(given)
    return sorted((id, times) for id, times in counted.items() if times > 1)


def _duplicates(rule: Rule, facts: Facts) -> Iterator[Finding]:
    registry = facts.registry
    collections: Iterable[tuple[Entity, Iterable[str], str]] = (
        (Entity.REGION, (r.code for r in registry.geography.regions), "Region.code"),
        (
            Entity.MUNICIPALITY,
            (m.code for m in registry.geography.municipalities),
            "Municipality.code",
        ),
        (Entity.PROVIDER, (p.id for p in registry.providers), "Provider.id"),
        (
            Entity.LICENCE,
            (lic.number for p in registry.providers for lic in p.licences),
            "Licence.number",
        ),
        (
            Entity.SERVICE_TYPE,
            (t.code for t in registry.service_types),
            "ServiceType.code",
        ),
        (Entity.SERVICE, (s.id for s in registry.services), "Service.id"),
        (Entity.PERSON, (p.id for p in registry.persons), "Person.id"),
        (Entity.PLACEMENT, (p.id for p in registry.placements), "Placement.id"),
        (Entity.AGREEMENT, (a.id for a in registry.agreements), "Agreement.id"),
        (Entity.REQUEST, (r.id for r in registry.requests), "PlacementRequest.id"),
    )
    for kind, ids, field in collections:
        for id, times in _repeated(ids):
            yield rule.finding(
                f"{kind.value} id {id!r} is used {times} times",
                (kind, id),
                fields=[field],
            )


def _service_provider(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for service in facts.registry.services:
        if service.provider not in facts.providers:
            yield rule.finding(
                f"service {service.id} names provider {service.provider!r}, "
                "which is not in the registry",
                (Entity.SERVICE, service.id),
                fields=["Service.provider"],
            )


def _service_type(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for service in facts.registry.services:
        if service.type not in facts.service_types:
            yield rule.finding(
                f"service {service.id} is of type {service.type!r}, "
                "which is not in the registry",
                (Entity.SERVICE, service.id),
                fields=["Service.type"],
            )


def _service_municipality(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for service in facts.registry.services:
        if service.municipality not in facts.municipalities:
            yield rule.finding(
                f"service {service.id} is in municipality {service.municipality!r}, "
                "which is not in the geography",
                (Entity.SERVICE, service.id),
                fields=["Service.municipality"],
            )


def _placement_person(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for placement, person, _, _ in facts.rows:
        if person is None:
            yield rule.finding(
                f"placement {placement.id} is of person {placement.person!r}, "
                "who is not in the registry",
                (Entity.PLACEMENT, placement.id),
                fields=["Placement.person"],
                on=placement.period.start,
            )


def _placement_service(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for placement, _, service, _ in facts.rows:
        if service is None:
            yield rule.finding(
                f"placement {placement.id} is in service {placement.service!r}, "
                "which is not in the registry",
                (Entity.PLACEMENT, placement.id),
                fields=["Placement.service"],
                on=placement.period.start,
            )


def _person_home(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for person in facts.registry.persons:
        if person.home_municipality not in facts.municipalities:
            yield rule.finding(
                f"person {person.id} lives in municipality "
                f"{person.home_municipality!r}, which is not in the geography",
                (Entity.PERSON, person.id),
                fields=["Person.home_municipality"],
            )


def _agreement_party(rule: Rule, facts: Facts) -> Iterator[Finding]:
    known = {
        PartyKind.MUNICIPALITY: facts.municipalities,
        PartyKind.REGION: facts.regions,
        PartyKind.PROVIDER: facts.providers,
    }
    for agreement in facts.registry.agreements:
        for party in agreement.parties:
            if party.id not in known[party.kind]:
                yield rule.finding(
                    f"agreement {agreement.id} names {party.kind.value} "
                    f"{party.id!r} as a party, which is not in the registry",
                    (Entity.AGREEMENT, agreement.id),
                    fields=["Agreement.parties"],
                )


def _agreement_service(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for agreement in facts.registry.agreements:
        for service in sorted(agreement.services):
            if service not in facts.services:
                yield rule.finding(
                    f"agreement {agreement.id} covers service {service!r}, "
                    "which is not in the registry",
                    (Entity.AGREEMENT, agreement.id),
                    fields=["Agreement.services"],
                )


def _reservation_service(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for agreement in facts.registry.agreements:
        for reservation in agreement.reservations:
            if reservation.service not in facts.services:
                yield rule.finding(
                    f"agreement {agreement.id} holds places in service "
                    f"{reservation.service!r}, which is not in the registry",
                    (Entity.AGREEMENT, agreement.id),
                    fields=["Reservation.service"],
                )


def _reservation_municipality(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for agreement in facts.registry.agreements:
        for reservation in agreement.reservations:
            if reservation.for_municipality not in facts.municipalities:
                yield rule.finding(
                    f"agreement {agreement.id} holds places for municipality "
                    f"{reservation.for_municipality!r}, which is not in the geography",
                    (Entity.AGREEMENT, agreement.id),
                    fields=["Reservation.for_municipality"],
                )


def _request_person(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for request in facts.registry.requests:
        for person in request.persons:
            if person not in facts.persons:
                yield rule.finding(
                    f"request {request.id} asks to place person {person!r}, "
                    "who is not in the registry",
                    (Entity.REQUEST, request.id),
                    fields=["PlacementRequest.persons"],
                    on=request.requested_on,
                )


def _municipality_region(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for municipality in facts.registry.geography.municipalities:
        if municipality.region not in facts.regions:
            yield rule.finding(
                f"municipality {municipality.code} is in region "
                f"{municipality.region!r}, which is not in the geography",
                (Entity.MUNICIPALITY, municipality.code),
                fields=["Municipality.region"],
            )


def _ceiling_area(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for ceiling in facts.registry.ceilings:
        area_known = (
            ceiling.area in facts.municipalities or ceiling.area in facts.regions
        )
        if not area_known or ceiling.service_type not in facts.service_types:
            what = "area" if not area_known else "service type"
            yield rule.finding(
                f"the capacity ceiling for {ceiling.service_type} in {ceiling.area} "
                f"names an unknown {what}",
                (Entity.CEILING, f"{ceiling.area}/{ceiling.service_type}"),
                fields=[
                    "CapacityCeiling.area"
                    if not area_known
                    else "CapacityCeiling.service_type"
                ],
            )


_WHY = (
    "A reference that leads nowhere means a record is missing or mistyped; "
    "every count and rule that follows it is then incomplete."
)


def _ref(code: str, title: str, check: object, rationale: str = _WHY) -> Rule:
    return Rule(
        code=code,
        title=title,
        severity=Severity.ERROR,
        rationale=rationale,
        check=check,  # type: ignore[arg-type]
    )


RULES = (
    _ref(
        "REF001",
        "An id is used twice",
        _duplicates,
        "Two records share an id, so nobody can tell which one a placement, "
        "contract or report means. Look-ups take the first in id order.",
    ),
    _ref("REF002", "A service's provider is unknown", _service_provider),
    _ref("REF003", "A service's type is unknown", _service_type),
    _ref("REF004", "A service's municipality is unknown", _service_municipality),
    _ref("REF005", "A placement's person is unknown", _placement_person),
    _ref("REF006", "A placement's service is unknown", _placement_service),
    _ref("REF007", "A person's home municipality is unknown", _person_home),
    _ref("REF008", "An agreement's party is unknown", _agreement_party),
    _ref("REF009", "An agreement covers an unknown service", _agreement_service),
    _ref("REF010", "Places are held in an unknown service", _reservation_service),
    _ref(
        "REF011",
        "Places are held for an unknown municipality",
        _reservation_municipality,
    ),
    _ref("REF012", "A request names an unknown person", _request_person),
    _ref("REF013", "A municipality's region is unknown", _municipality_region),
    _ref(
        "REF014",
        "A capacity ceiling names an unknown area or service type",
        _ceiling_area,
    ),
)
