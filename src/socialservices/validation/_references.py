"""REF: references that lead nowhere, and ids used twice."""

from __future__ import annotations

import itertools
import operator
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import date

from .._agreement import PartyKind
from ._facts import Facts
from ._finding import Entity, Finding, Severity
from ._rule import Check, Rule

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


Reference = tuple[Entity, str, str, date | None]
"""A reference: the kind of the referrer, its id, the id it names, the day."""

References = Callable[[Facts, Collection[str]], Iterator[Reference]]
"""The references of one kind that name an id not among the known ones."""


def _dangling(
    field: str, noun: str, known: Callable[[Facts], Collection[str]], refs: References
) -> Check:
    """A check that every id ``refs`` name is among the ``known`` ones."""

    def check(rule: Rule, facts: Facts) -> Iterator[Finding]:
        ids = known(facts)
        for kind, referrer, named, on in refs(facts, ids):
            twin = facts.look_alike(noun, ids, named)
            yield rule.finding(
                f"{kind.value} {referrer} names {noun} {named!r}, which is not "
                f"known{_hint(named, twin)}",
                (kind, referrer),
                fields=[field],
                on=on,
                look_alike=twin,
            )

    return check


def _hint(named: str, twin: str | None) -> str:
    """The words that point to a look-alike known id, if there is one."""
    if twin is None:
        return ""
    swapped = [
        f"{_script(a)} {a!r} for {_script(b)} {b!r}"
        for a, b in dict.fromkeys(zip(named, twin, strict=True))
        if a != b
    ]
    shown = ", ".join(swapped[:3]) + (", ..." if len(swapped) > 3 else "")
    return (
        f"; it looks like {twin!r}, which is known and differs from it only "
        f"by look-alike letters ({shown})"
    )


def _script(letter: str) -> str:
    """The script a letter is from, e.g. ``"Cyrillic"``, from its Unicode name."""
    return unicodedata.name(letter, "?").split()[0].title()


def _of_services(attribute: str) -> References:
    name_of = operator.attrgetter(attribute)

    def refs(facts: Facts, known: Collection[str]) -> Iterator[Reference]:
        services = facts.registry.services
        for service, named in zip(services, map(name_of, services), strict=True):
            if named not in known:
                yield Entity.SERVICE, service.id, named, None

    return refs


def _of_placements(attribute: str) -> References:
    name_of = operator.attrgetter(attribute)

    def refs(facts: Facts, known: Collection[str]) -> Iterator[Reference]:
        placements = facts.registry.placements
        for placement, named in zip(placements, map(name_of, placements), strict=True):
            if named is not None and named not in known:  # None: in no service
                yield Entity.PLACEMENT, placement.id, named, placement.period.start

    return refs


def _homes(facts: Facts, known: Collection[str]) -> Iterator[Reference]:
    for person in facts.registry.persons:
        if person.home_municipality not in known:
            yield Entity.PERSON, person.id, person.home_municipality, None
        for earlier in person.previous_homes:
            if earlier.municipality not in known:
                yield Entity.PERSON, person.id, earlier.municipality, None


def _covered(facts: Facts, known: Collection[str]) -> Iterator[Reference]:
    for agreement in facts.registry.agreements:
        for service in sorted(agreement.services):
            if service not in known:
                yield Entity.AGREEMENT, agreement.id, service, None


def _held(attribute: str) -> References:
    def refs(facts: Facts, known: Collection[str]) -> Iterator[Reference]:
        for agreement in facts.registry.agreements:
            for reservation in agreement.reservations:
                named = getattr(reservation, attribute)
                if named not in known:
                    yield Entity.AGREEMENT, agreement.id, named, None

    return refs


def _requested(facts: Facts, known: Collection[str]) -> Iterator[Reference]:
    for request in facts.registry.requests:
        for person in request.persons:
            if person not in known:
                yield Entity.REQUEST, request.id, person, request.requested_on


def _regions_of(facts: Facts, known: Collection[str]) -> Iterator[Reference]:
    for municipality in facts.registry.geography.municipalities:
        if municipality.region not in known:
            yield Entity.MUNICIPALITY, municipality.code, municipality.region, None


def _providers(facts: Facts) -> Collection[str]:
    return facts.providers


def _service_types(facts: Facts) -> Collection[str]:
    return facts.service_types


def _municipalities(facts: Facts) -> Collection[str]:
    return facts.municipalities


def _persons(facts: Facts) -> Collection[str]:
    return facts.persons


def _services(facts: Facts) -> Collection[str]:
    return facts.services


def _regions(facts: Facts) -> Collection[str]:
    return facts.regions


def _agreement_party(rule: Rule, facts: Facts) -> Iterator[Finding]:
    known = {
        PartyKind.MUNICIPALITY: facts.municipalities,
        PartyKind.REGION: facts.regions,
        PartyKind.PROVIDER: facts.providers,
    }
    for agreement in facts.registry.agreements:
        for party in agreement.parties:
            ids = known[party.kind]
            if party.id not in ids:
                twin = facts.look_alike(party.kind.value, ids, party.id)
                yield rule.finding(
                    f"agreement {agreement.id} names {party.kind.value} "
                    f"{party.id!r} as a party, which is not in the "
                    f"registry{_hint(party.id, twin)}",
                    (Entity.AGREEMENT, agreement.id),
                    fields=["Agreement.parties"],
                    look_alike=twin,
                )


def _ceiling_area(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for ceiling in facts.registry.ceilings:
        area_known = (
            ceiling.area in facts.municipalities or ceiling.area in facts.regions
        )
        if not area_known or ceiling.service_type not in facts.service_types:
            what = "area" if not area_known else "service type"
            named = ceiling.area if not area_known else ceiling.service_type
            twin = (
                facts.look_alike("municipality", facts.municipalities, named)
                or facts.look_alike("region", facts.regions, named)
                if not area_known
                else facts.look_alike("service type", facts.service_types, named)
            )
            yield rule.finding(
                f"the capacity ceiling for {ceiling.service_type} in {ceiling.area} "
                f"names an unknown {what}{_hint(named, twin)}",
                (Entity.CEILING, f"{ceiling.area}/{ceiling.service_type}"),
                fields=[
                    "CapacityCeiling.area"
                    if not area_known
                    else "CapacityCeiling.service_type"
                ],
                look_alike=twin,
            )


_WHY = (
    "A reference that leads nowhere means a record is missing or mistyped; "
    "every count and rule that follows it is then incomplete."
)


def _ref(code: str, title: str, check: Check, rationale: str = _WHY) -> Rule:
    return Rule(
        code=code,
        title=title,
        severity=Severity.ERROR,
        rationale=rationale,
        check=check,
    )


RULES = (
    _ref(
        "REF001",
        "An id is used twice",
        _duplicates,
        "Two records share an id, so nobody can tell which one a placement, "
        "contract or report means. Look-ups take the first in id order.",
    ),
    _ref(
        "REF002",
        "A service's provider is unknown",
        _dangling("Service.provider", "provider", _providers, _of_services("provider")),
    ),
    _ref(
        "REF003",
        "A service's type is unknown",
        _dangling("Service.type", "service type", _service_types, _of_services("type")),
    ),
    _ref(
        "REF004",
        "A service's municipality is unknown",
        _dangling(
            "Service.municipality",
            "municipality",
            _municipalities,
            _of_services("municipality"),
        ),
    ),
    _ref(
        "REF005",
        "A placement's person is unknown",
        _dangling("Placement.person", "person", _persons, _of_placements("person")),
    ),
    _ref(
        "REF006",
        "A placement's service is unknown",
        _dangling("Placement.service", "service", _services, _of_placements("service")),
    ),
    _ref(
        "REF007",
        "A person's home municipality is unknown",
        _dangling("Person.home_municipality", "municipality", _municipalities, _homes),
    ),
    _ref("REF008", "An agreement's party is unknown", _agreement_party),
    _ref(
        "REF009",
        "An agreement covers an unknown service",
        _dangling("Agreement.services", "service", _services, _covered),
    ),
    _ref(
        "REF010",
        "Places are held in an unknown service",
        _dangling("Reservation.service", "service", _services, _held("service")),
    ),
    _ref(
        "REF011",
        "Places are held for an unknown municipality",
        _dangling(
            "Reservation.for_municipality",
            "municipality",
            _municipalities,
            _held("for_municipality"),
        ),
    ),
    _ref(
        "REF012",
        "A request names an unknown person",
        _dangling("PlacementRequest.persons", "person", _persons, _requested),
    ),
    _ref(
        "REF013",
        "A municipality's region is unknown",
        _dangling("Municipality.region", "region", _regions, _regions_of),
    ),
    _ref(
        "REF014",
        "A capacity ceiling names an unknown area or service type",
        _ceiling_area,
    ),
)
