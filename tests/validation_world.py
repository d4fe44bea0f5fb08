"""A small, clean world for the rule tests, and ways to change it.

The world has two regions, three municipalities and a handful of services,
people and placements, and no rule finds anything in it. Each rule's test
changes it as little as possible to trigger the rule, and as little as
possible to come close without triggering it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import attrs

from socialservices import (
    Agreement,
    AgreementKind,
    CapacityChange,
    Eligibility,
    Geography,
    Licence,
    Measure,
    Municipality,
    Party,
    PartyKind,
    Period,
    Person,
    Placement,
    Provider,
    ProviderKind,
    Region,
    Registry,
    Service,
    ServiceType,
)

START = date(2021, 1, 4)
SINCE_2020 = Period(start=date(2020, 1, 1))
ON = date(2026, 11, 2)
CHILDREN = Eligibility(target_groups={"children"}, min_age=3, max_age=17)
ANY_CHILD = Eligibility(target_groups={"children"}, max_age=17)
ADULTS = Eligibility(target_groups={"adults"}, min_age=18)

GEOGRAPHY = Geography(
    regions=[Region(code="R1", name="One"), Region(code="R2", name="Two")],
    municipalities=[
        Municipality(code="M1", name="Home", region="R1"),
        Municipality(code="M2", name="Next door", region="R1"),
        Municipality(code="M3", name="Far", region="R2"),
    ],
    municipality_neighbours=[("M1", "M2")],
    region_neighbours=[("R1", "R2")],
)

TYPES = [
    ServiceType(code="RES", name="Residential", residential=True),
    ServiceType(code="FOS", name="Foster care", family_based=True),
    ServiceType(code="ADU", name="Adults' home", residential=True),
    ServiceType(code="DAY", name="Day centre"),
]


def service(
    id: str,
    type: str,
    municipality: str,
    *,
    provider: str | None = None,
    places: int = 2,
    eligibility: Eligibility = CHILDREN,
    operating: Period = SINCE_2020,
) -> Service:
    return Service(
        id=id,
        name=id,
        type=type,
        provider=provider or f"P-{municipality}",
        municipality=municipality,
        operating=operating,
        capacity=[CapacityChange(effective=operating.start, places=places)],
        eligibility=eligibility,
    )


def child(
    id: str, home: str = "M1", born: date = date(2012, 5, 5), **kw: object
) -> Person:
    fields: dict[str, object] = {"target_groups": {"children"}, **kw}
    return Person(id=id, birth_date=born, home_municipality=home, **fields)  # type: ignore[arg-type]


def placement(
    id: str,
    person: str,
    service: str,
    start: date = START,
    end: date | None = None,
    **kw: object,
) -> Placement:
    if "measure" not in kw:
        kw["measure"] = {"RES": Measure.RESIDENTIAL, "FOS": Measure.FOSTER_FAMILY}.get(
            service.split("-")[1] if service.count("-") else ""
        )
    if end is not None and "end_reason" not in kw:
        from socialservices import EndReason

        kw["end_reason"] = EndReason.RETURNED_TO_FAMILY
    return Placement(
        id=id, person=person, service=service,
        period=Period(start=start, end=end), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


NGO_LICENCE = Licence(
    number="L-1",
    service_type="RES",
    target_group="children",
    period=Period(start=date(2020, 1, 1)),
)
CONTRACT = Agreement(
    id="A-NGO",
    kind=AgreementKind.MANAGEMENT_CONTRACT,
    title="Contract",
    parties=[
        Party(kind=PartyKind.MUNICIPALITY, id="M2"),
        Party(kind=PartyKind.PROVIDER, id="P-NGO"),
    ],
    period=Period(start=date(2020, 1, 1)),
    services={"S-RES-M2"},
)


def world() -> Registry:
    """The clean world: validation finds nothing in it, with or without ``on``."""
    return Registry(
        geography=GEOGRAPHY,
        service_types=TYPES,
        providers=[
            Provider(id="P-M1", name="M1", kind=ProviderKind.MUNICIPALITY),
            Provider(id="P-M2", name="M2", kind=ProviderKind.MUNICIPALITY),
            Provider(id="P-M3", name="M3", kind=ProviderKind.MUNICIPALITY),
            Provider(
                id="P-NGO", name="NGO", kind=ProviderKind.NGO, licences=[NGO_LICENCE]
            ),
        ],
        services=[
            service("S-RES-M1", "RES", "M1"),
            service("S-RES-M2", "RES", "M2", provider="P-NGO"),
            service("S-FOS-M2", "FOS", "M2", places=1, eligibility=ANY_CHILD),
            service("S-RES-M3", "RES", "M3", places=3),
            service("S-ADU-M1", "ADU", "M1", eligibility=ADULTS),
        ],
        persons=[
            child("C1"),
            child("C2", home="M2"),
            child("C3", home="M2", born=date(2019, 1, 1)),
            child("C4", home="M3"),
        ],
        placements=[
            placement("PL1", "C1", "S-RES-M1"),
            placement("PL2", "C2", "S-RES-M2"),
            placement("PL3", "C3", "S-FOS-M2"),
            placement("PL4", "C4", "S-RES-M3"),
        ],
        agreements=[CONTRACT],
    )


Change = Callable[[Registry], Registry]


def adding(**collections: Sequence[object]) -> Change:
    """Add members to the registry's collections."""

    def change(registry: Registry) -> Registry:
        more: dict[str, Any] = {
            name: [*getattr(registry, name), *items]
            for name, items in collections.items()
        }
        return attrs.evolve(registry, **more)

    return change


def replacing(collection: str, id: str, **fields: object) -> Change:
    """Change fields of the member ``id`` (or code) of a collection."""

    def change(registry: Registry) -> Registry:
        items = []
        for item in getattr(registry, collection):
            key = getattr(item, "id", None) or getattr(item, "code", None)
            items.append(attrs.evolve(item, **fields) if key == id else item)
        changed: dict[str, Any] = {collection: items}
        return attrs.evolve(registry, **changed)

    return change


def both(*changes: Change) -> Change:
    def change(registry: Registry) -> Registry:
        for one in changes:
            registry = one(registry)
        return registry

    return change
