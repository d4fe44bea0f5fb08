"""Worlds that break exactly one rule of the default catalogue, and the worlds
that come nearest to breaking it without doing so.

A broken world is a coherent world from :func:`registries` with a small world
of its own beside it: two more regions, three municipalities, four service
types of its own and a handful of services, people, placements and a management
contract, which no rule finds anything in. The small world is then changed as
little as possible to break the rule asked for: one more placement, one date
moved, one reference changed. Its regions have no border with the coherent
world's, so the two cannot interfere: the coherent world's placements are all in
their own region, and nothing in the small world can count for or against them.
When the coherent world's geography already uses the small world's codes
(``R1``, ``M1``, ...), the small world's are renamed (``M1.1``, ...), so the
two never clash.

The small world and its two tables are public data (:data:`SMALL_WORLD`,
:data:`BROKEN_WORLDS`, :data:`NEAR_MISS_WORLDS`): one changed world per rule
code, that finds exactly that code, and one that is as near as can be and does
not find it. The library's own tests assert them; a user's tool can be checked
against them too.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .._agreement import (
    Agreement,
    AgreementKind,
    CapacityCeiling,
    Party,
    PartyKind,
    Reservation,
)
from .._geography import Geography, Municipality, Region
from .._period import Period
from .._person import Person, PlacementRequest
from .._placement import EndReason, Measure, Placement
from .._provider import Licence, Provider, ProviderKind
from .._registry import COLLECTIONS, Registry
from .._service import CapacityChange, Eligibility, Service, ServiceType
from ._worlds import registries

__all__ = [
    "AUDIT_DATE",
    "BROKEN_WORLDS",
    "NEAR_MISS_WORLDS",
    "SMALL_WORLD",
    "SMALL_WORLD_GEOGRAPHY",
    "beside",
    "broken_registries",
]

AUDIT_DATE = date(2026, 11, 2)
"""The date of the audit broken worlds are made for (``LIC002`` needs one)."""

START = date(2021, 1, 4)
SINCE_2020 = Period(start=date(2020, 1, 1))
ON = AUDIT_DATE
CHILDREN = Eligibility(target_groups={"children"}, min_age=3, max_age=17)
ANY_CHILD = Eligibility(target_groups={"children"}, max_age=17)
ADULTS = Eligibility(target_groups={"adults"}, min_age=18)

SMALL_WORLD_GEOGRAPHY = Geography(
    regions=[Region(code="R1", name="One"), Region(code="R2", name="Two")],
    municipalities=[
        Municipality(code="M1", name="Home", region="R1"),
        Municipality(code="M2", name="Next door", region="R1"),
        Municipality(code="M3", name="Far", region="R2"),
    ],
    municipality_neighbours=[("M1", "M2")],
    region_neighbours=[("R1", "R2")],
)
"""The small world's geography: two bordering regions, ``R1`` with the
municipalities ``M1`` and ``M2`` (neighbours) and ``R2`` with ``M3``."""

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


def _small_world() -> Registry:
    return Registry(
        geography=SMALL_WORLD_GEOGRAPHY,
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


SMALL_WORLD = _small_world()
"""The small world that broken worlds are made from: validation finds nothing
in it, with or without ``on``.

Two regions, three municipalities (:data:`SMALL_WORLD_GEOGRAPHY`), four
service types of its own (``RES`` residential, ``FOS`` foster care, ``ADU``
adults' home, ``DAY`` day centre), five services, four children placed,
municipal providers ``P-M1`` to ``P-M3`` and a licensed NGO ``P-NGO`` that runs
``S-RES-M2`` under a management contract.

.. versionadded:: 0.5
"""

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


DAY_CENTRE = service(
    "S-DAY-M3", "DAY", "M3",
    eligibility=attrs.evolve(ANY_CHILD, min_age=5, max_age=10),
)  # fmt: skip


def _memorandum(**fields: object) -> Agreement:
    base = {
        "id": "A-X",
        "kind": AgreementKind.MEMORANDUM,
        "title": "Memorandum",
        "period": Period(start=date(2022, 1, 1)),
    }
    return Agreement(**{**base, **fields})  # type: ignore[arg-type]


def _holding(places: int, service: str = "S-RES-M3", home: str = "M2") -> Agreement:
    return _memorandum(
        kind=AgreementKind.INTER_MUNICIPAL,
        services={"S-RES-M3"},
        reservations=[
            Reservation(service=service, for_municipality=home, places=places)
        ],
    )


def _in_m3(id: str, born: date, *, at: str = "S-RES-M3", start: date = START,
           end: date | None = None, **person: object) -> Change:  # fmt: skip
    """Add a person from M3 and their placement."""
    return adding(
        persons=[child(id, home="M3", born=born, **person)],
        placements=[placement(f"PL-{id}", id, at, start, end)],
    )


def _licence_period(period: Period) -> Change:
    return replacing(
        "providers", "P-NGO", licences=[attrs.evolve(NGO_LICENCE, period=period)]
    )


def _fill(*ids_and_services: tuple[str, str, str]) -> Change:
    """Add children (id, home, service) placed on the world's start date."""
    return adding(
        persons=[child(id, home=home) for id, home, _ in ids_and_services],
        placements=[
            placement(f"PL-{id}", id, at, START) for id, _, at in ids_and_services
        ],
    )


_SECOND_CONTRACT = attrs.evolve(
    CONTRACT, id="A-NGO-2", period=Period(start=date(2024, 1, 1))
)
_CONTRACT_UNTIL_2024 = replacing(
    "agreements", "A-NGO", period=Period(start=date(2020, 1, 1), end=date(2024, 1, 1))
)
_SIBLINGS = [
    child("C8", sibling_group="G"),
    child("C9", sibling_group="G"),
]


def _siblings_apart(places_next_door: int) -> Change:
    return adding(
        services=[service("S-RES2-M2", "RES", "M2", places=places_next_door)],
        persons=_SIBLINGS,
        placements=[
            placement("PL-C8", "C8", "S-RES-M1"),
            placement("PL-C9", "C9", "S-RES-M2"),
        ],
    )


_BREAKS: dict[str, Change] = {
    "REF001": adding(persons=[child("C1", born=date(2011, 1, 1))]),
    "REF002": replacing("services", "S-RES-M1", provider="P-X"),
    "REF003": replacing("services", "S-RES-M1", type="XYZ"),
    "REF004": replacing("services", "S-RES-M1", municipality="M9"),
    "REF005": adding(placements=[placement("PL9", "GHOST", "S-RES-M3")]),
    "REF006": _in_m3("C9", date(2012, 1, 1), at="S-NONE"),
    "REF007": replacing("persons", "C1", home_municipality="M9"),
    "REF008": adding(
        agreements=[_memorandum(parties=[Party(kind=PartyKind.MUNICIPALITY, id="M9")])]
    ),
    "REF009": adding(agreements=[_memorandum(services={"S-NONE"})]),
    "REF010": adding(agreements=[_holding(1, service="S-NONE")]),
    "REF011": adding(agreements=[_holding(1, home="M9")]),
    "REF012": adding(
        requests=[PlacementRequest(id="R1", persons=["GHOST"], requested_on=ON)]
    ),
    "REF013": lambda registry: attrs.evolve(
        registry,
        geography=attrs.evolve(
            registry.geography,
            municipalities=[
                *registry.geography.municipalities,
                Municipality(code="M4", name="Lost", region="R9"),
            ],
        ),
    ),
    "REF014": adding(
        ceilings=[CapacityCeiling(area="M9", service_type="RES", max_users=9)]
    ),
    "PER001": _in_m3(
        "C9", date(2012, 1, 1), start=date(2022, 1, 1), end=date(2022, 1, 1)
    ),
    "PER002": _in_m3("C9", date(2022, 6, 1), start=date(2022, 1, 1)),
    "PER003": _in_m3("C9", date(2012, 1, 1), start=date(2019, 12, 31)),
    "PER004": replacing(
        "services",
        "S-RES-M3",
        capacity=[
            CapacityChange(effective=date(2019, 6, 1), places=3),
            CapacityChange(effective=date(2020, 1, 1), places=3),
        ],
    ),
    "PER005": _in_m3("C9", date(2012, 1, 1), died=date(2022, 1, 1)),
    "PLC001": adding(placements=[placement("PL9", "C4", "S-RES-M3", date(2022, 1, 1))]),
    "PLC002": both(
        adding(services=[DAY_CENTRE]), _in_m3("C9", date(2016, 1, 5), at="S-DAY-M3")
    ),
    "PLC003": both(
        adding(services=[DAY_CENTRE]), _in_m3("C9", date(2010, 1, 4), at="S-DAY-M3")
    ),
    "PLC004": _in_m3("C9", date(2012, 1, 1), target_groups={"disabled"}),
    "PLC005": _in_m3("C9", date(2012, 1, 1), needs={"constant-medical-care"}),
    "PLC006": _in_m3(
        "C9", date(2003, 1, 5), start=date(2020, 6, 1), end=date(2021, 1, 6)
    ),
    "PLC007": adding(
        persons=[Person(id="C9", birth_date=date(2003, 1, 5), home_municipality="M1")],
        placements=[placement("PL9", "C9", "S-ADU-M1")],
    ),
    "PLC008": replacing(
        "placements", "PL4", period=Period(start=START, end=date(2022, 1, 1))
    ),
    "PLC009": replacing("placements", "PL4", end_reason=EndReason.ADOPTED),
    "PLC010": replacing("placements", "PL4", measure=Measure.FOSTER_FAMILY),
    "CAP001": _fill(
        ("C7", "M3", "S-RES-M3"), ("C8", "M3", "S-RES-M3"), ("C9", "M3", "S-RES-M3")
    ),
    "CAP002": adding(
        ceilings=[CapacityCeiling(area="R2", service_type="RES", max_users=2)]
    ),
    "CAP003": adding(agreements=[_holding(4)]),
    "CAP004": replacing("services", "S-ADU-M1", capacity=()),
    "LOC001": _fill(("C9", "M1", "S-RES-M3")),
    "LOC002": _fill(("C9", "M1", "S-RES-M2")),
    "AGR001": replacing("agreements", "A-NGO", period=Period(start=date(2020, 1, 2))),
    "AGR002": adding(agreements=[_SECOND_CONTRACT]),
    "AGR003": _CONTRACT_UNTIL_2024,
    "LIC001": _licence_period(
        Period(start=date(2020, 7, 2))
    ),  # the Social Services Act requires licences from 1 July 2020
    "LIC002": _licence_period(Period(start=date(2020, 1, 1), end=date(2027, 2, 2))),
    "CHD001": both(
        replacing("services", "S-RES-M3", eligibility=ANY_CHILD),
        _in_m3("C9", date(2019, 6, 1)),
    ),
    "CHD002": replacing(
        "services",
        "S-FOS-M2",
        capacity=[CapacityChange(effective=date(2020, 1, 1), places=2)],
    ),
    "SIB001": _siblings_apart(3),
}
"""For each rule code, the smallest change that makes the small world break it."""

_NEAR_MISSES: dict[str, Change] = {
    "REF001": adding(persons=[child("C1b", born=date(2011, 1, 1))]),
    "REF002": replacing("services", "S-RES-M1", provider="P-M3"),
    "REF003": replacing("services", "S-RES-M1", type="DAY"),
    "REF004": replacing("services", "S-RES-M1", municipality="M3"),
    "REF005": _in_m3("C9", date(2012, 1, 1)),
    "REF006": _in_m3("C9", date(2012, 1, 1)),
    "REF007": replacing("persons", "C1", home_municipality="M2"),
    "REF008": adding(
        agreements=[_memorandum(parties=[Party(kind=PartyKind.MUNICIPALITY, id="M3")])]
    ),
    "REF009": adding(agreements=[_memorandum(services={"S-RES-M3"})]),
    "REF010": adding(agreements=[_holding(1)]),
    "REF011": adding(agreements=[_holding(1, home="M2")]),
    "REF012": adding(
        requests=[PlacementRequest(id="R1", persons=["C1"], requested_on=ON)]
    ),
    "REF013": lambda registry: attrs.evolve(
        registry,
        geography=attrs.evolve(
            registry.geography,
            municipalities=[
                *registry.geography.municipalities,
                Municipality(code="M4", name="Found", region="R2"),
            ],
        ),
    ),
    "REF014": adding(
        ceilings=[CapacityCeiling(area="M1", service_type="RES", max_users=9)]
    ),
    "PER001": _in_m3(
        "C9", date(2012, 1, 1), start=date(2022, 1, 1), end=date(2022, 1, 2)
    ),
    "PER002": _in_m3("C9", date(2017, 12, 31), start=date(2022, 1, 1)),
    "PER003": _in_m3("C9", date(2012, 1, 1), start=date(2020, 1, 1)),
    "PER004": replacing(
        "services",
        "S-RES-M3",
        capacity=[
            CapacityChange(effective=date(2020, 1, 1), places=3),
            CapacityChange(effective=date(2020, 6, 1), places=3),
        ],
    ),
    "PER005": _in_m3(  # left on the day of death: how a death in care is recorded
        "C9", date(2012, 1, 1), end=date(2022, 1, 1), died=date(2022, 1, 1)
    ),
    "PLC001": both(
        replacing(
            "placements",
            "PL4",
            period=Period(start=START, end=date(2022, 1, 1)),
            end_reason=EndReason.TRANSFERRED,
        ),
        adding(placements=[placement("PL9", "C4", "S-RES-M3", date(2022, 1, 1))]),
    ),
    "PLC002": both(
        adding(services=[DAY_CENTRE]), _in_m3("C9", date(2016, 1, 4), at="S-DAY-M3")
    ),
    "PLC003": both(
        adding(services=[DAY_CENTRE]), _in_m3("C9", date(2010, 1, 5), at="S-DAY-M3")
    ),
    "PLC004": _in_m3("C9", date(2012, 1, 1), target_groups={"children", "disabled"}),
    "PLC005": _in_m3("C9", date(2012, 1, 1)),
    "PLC006": _in_m3(
        "C9", date(2003, 1, 5), start=date(2020, 6, 1), end=date(2021, 1, 5)
    ),
    "PLC007": adding(
        persons=[Person(id="C9", birth_date=date(2003, 1, 4), home_municipality="M1")],
        placements=[placement("PL9", "C9", "S-ADU-M1")],
    ),
    "PLC008": replacing(
        "placements",
        "PL4",
        period=Period(start=START, end=date(2022, 1, 1)),
        end_reason=EndReason.ADOPTED,
    ),
    "PLC009": replacing(
        "placements",
        "PL4",
        period=Period(start=START, end=date(2022, 1, 1)),
        end_reason=EndReason.ADOPTED,
    ),
    "PLC010": replacing("placements", "PL4", measure=None),
    "CAP001": _fill(("C8", "M3", "S-RES-M3"), ("C9", "M3", "S-RES-M3")),
    "CAP002": adding(
        ceilings=[CapacityCeiling(area="R2", service_type="RES", max_users=3)]
    ),
    "CAP003": adding(agreements=[_holding(3)]),
    "CAP004": replacing(  # recorded from a later day: unknown before, not unrecorded
        "services",
        "S-ADU-M1",
        capacity=[CapacityChange(effective=date(2024, 1, 1), places=2)],
    ),
    "LOC001": _fill(
        ("C7", "M2", "S-RES-M2"), ("C8", "M1", "S-RES-M1"), ("C9", "M1", "S-RES-M3")
    ),
    "LOC002": _fill(("C8", "M1", "S-RES-M1"), ("C9", "M1", "S-RES-M2")),
    "AGR001": replacing("agreements", "A-NGO", period=Period(start=date(2020, 1, 1))),
    "AGR002": both(_CONTRACT_UNTIL_2024, adding(agreements=[_SECOND_CONTRACT])),
    "AGR003": both(_CONTRACT_UNTIL_2024, adding(agreements=[_SECOND_CONTRACT])),
    "LIC001": _licence_period(
        Period(start=date(2020, 7, 1))
    ),  # the Social Services Act requires licences from 1 July 2020
    "LIC002": _licence_period(Period(start=date(2020, 1, 1), end=date(2027, 2, 3))),
    "CHD001": both(
        replacing("services", "S-RES-M3", eligibility=ANY_CHILD),
        _in_m3("C9", date(2019, 6, 1), needs={"constant-medical-care"}),
    ),
    "CHD002": replacing(
        "services",
        "S-FOS-M2",
        capacity=[CapacityChange(effective=date(2020, 1, 1), places=1)],
    ),
    "SIB001": _siblings_apart(1),
}
"""For each rule code, the nearest change to the small world that does not
break it."""

BROKEN_WORLDS: Mapping[str, Registry] = MappingProxyType(
    {code: _BREAKS[code](SMALL_WORLD) for code in sorted(_BREAKS)}
)
"""For each rule code of the default catalogue, in code order, the small world
(:data:`SMALL_WORLD`) changed as little as possible to break that rule: one more
placement, one date moved, one reference changed.

Validated with ``on=AUDIT_DATE``, ``BROKEN_WORLDS[code]`` has findings of
``code`` and of no other code; without a date, so has every one but
``LIC002``'s (a licence ending soon after the audit). Its keys are the codes
:func:`broken_registries` takes, which puts such a world beside a coherent one.

>>> from socialservices import validate
>>> from socialservices.strategies import AUDIT_DATE, BROKEN_WORLDS
>>> {f.code for f in validate(BROKEN_WORLDS["CAP001"], on=AUDIT_DATE)}
{'CAP001'}

.. versionadded:: 0.5
"""

NEAR_MISS_WORLDS: Mapping[str, Registry] = MappingProxyType(
    {code: _NEAR_MISSES[code](SMALL_WORLD) for code in sorted(_NEAR_MISSES)}
)
"""For each rule code of the default catalogue, in code order, the small world
changed as nearly as can be to break that rule, but not quite: a service full
to the last place rather than over it, a child exactly of the age limit rather
than a day older, siblings apart because no service has room for both.

Validated with or without ``on=AUDIT_DATE``, ``NEAR_MISS_WORLDS[code]`` has no
finding of ``code`` (another rule may find something in it). A tool that reports
the library's findings in its own way should report ``code`` for
``BROKEN_WORLDS[code]`` and not for ``NEAR_MISS_WORLDS[code]``.

>>> from socialservices import validate
>>> from socialservices.strategies import AUDIT_DATE, NEAR_MISS_WORLDS
>>> "CAP001" in {f.code for f in validate(NEAR_MISS_WORLDS["CAP001"], on=AUDIT_DATE)}
False

.. versionadded:: 0.5
"""


def _merged(world: Registry, small: Registry) -> Registry:
    geography = Geography(
        regions=[*world.geography.regions, *small.geography.regions],
        municipalities=[
            *world.geography.municipalities,
            *small.geography.municipalities,
        ],
        municipality_neighbours=[
            *world.geography.municipality_neighbours,
            *small.geography.municipality_neighbours,
        ],
        region_neighbours=[
            *world.geography.region_neighbours,
            *small.geography.region_neighbours,
        ],
    )
    together: dict[str, Any] = {
        name: [*getattr(world, name), *getattr(small, name)] for name in COLLECTIONS
    }
    return Registry(geography=geography, **together)


_SIDE_CODES = ("R1", "R2", "R9", "M1", "M2", "M3", "M4", "M9", "NGO")
"""The small world's region and municipality codes, known and unknown ones, and
``NGO``, whose provider ``P-NGO`` would clash with a municipality ``NGO``'s."""


def _fresh_codes(taken: frozenset[str]) -> dict[str, str]:
    """New names for the small world's codes, none of them among ``taken``.

    The codes are kept when none clashes; otherwise all get the first suffix
    (``M1.1``, ``M1.2``, ...) that makes every one of them fresh, so that the
    unknown codes (``M9``, ``R9``) stay unknown too.
    """
    suffix = ""
    number = 0
    while any(code + suffix in taken for code in _SIDE_CODES):
        number += 1
        suffix = f".{number}"
    return {code: code + suffix for code in _SIDE_CODES}


def _renamed(small: Registry, names: dict[str, str]) -> Registry:
    """The small world with its region and municipality codes renamed, and the
    ids of the municipal providers (``P-M1``) with them."""

    def name(value: str) -> str:
        if value.startswith("P-") and value[2:] in names:
            return "P-" + names[value[2:]]
        return names.get(value, value)

    def borders(pairs: frozenset[frozenset[str]]) -> list[tuple[str, ...]]:
        return [tuple(name(code) for code in pair) for pair in pairs]

    geography = small.geography
    return Registry(
        geography=Geography(
            regions=[attrs.evolve(r, code=name(r.code)) for r in geography.regions],
            municipalities=[
                attrs.evolve(m, code=name(m.code), region=name(m.region))
                for m in geography.municipalities
            ],
            region_neighbours=borders(geography.region_neighbours),
            municipality_neighbours=borders(geography.municipality_neighbours),
        ),
        providers=[attrs.evolve(p, id=name(p.id)) for p in small.providers],
        service_types=small.service_types,
        services=[
            attrs.evolve(
                s, municipality=name(s.municipality), provider=name(s.provider)
            )
            for s in small.services
        ],
        persons=[
            attrs.evolve(p, home_municipality=name(p.home_municipality))
            for p in small.persons
        ],
        placements=small.placements,
        agreements=[
            attrs.evolve(
                a,
                parties=[attrs.evolve(p, id=name(p.id)) for p in a.parties],
                reservations=[
                    attrs.evolve(r, for_municipality=name(r.for_municipality))
                    for r in a.reservations
                ],
            )
            for a in small.agreements
        ],
        ceilings=[attrs.evolve(c, area=name(c.area)) for c in small.ceilings],
        requests=small.requests,
    )


def beside(coherent: Registry, broken: Registry) -> Registry:
    """The broken small world beside the coherent one, renamed where they clash."""
    geography = coherent.geography
    taken = frozenset(
        [region.code for region in geography.regions]
        + [municipality.code for municipality in geography.municipalities]
    )
    names = _fresh_codes(taken)
    if any(new != old for old, new in names.items()):
        broken = _renamed(broken, names)
    return _merged(coherent, broken)


def broken_registries(*, code: str, **world: Any) -> st.SearchStrategy[Registry]:
    """Worlds that break exactly the rule ``code`` of the default catalogue.

    Validated with ``on=AUDIT_DATE``, a world yields findings of ``code`` and
    no error finding of any other code (warnings of other rules may appear, as
    in any world). Without a date, so does every rule but ``LIC002``, which
    is about a licence ending soon after the date of the audit. The other
    keyword arguments go to :func:`registries`, for the coherent world the
    break is made beside; it shrinks as :func:`registries` does.

    The small world's codes (``R1``, ``M1``, ...) are renamed when the
    coherent world's geography uses them, so that nothing clashes. The
    codes it takes, and the small world broken for each, are
    :data:`BROKEN_WORLDS`.

    Raises:
        InvalidArgument: for a code that is not a rule of the default
            catalogue, or another argument that :func:`registries` does not take.
    """
    if not isinstance(code, str) or code not in BROKEN_WORLDS:
        raise InvalidArgument(
            f"broken_registries: code={code!r} is not a rule of the default "
            f"catalogue; expected one of {list(BROKEN_WORLDS)}"
        )
    unknown = sorted(set(world) - _REGISTRIES_ARGUMENTS)
    if unknown:
        raise InvalidArgument(
            f"broken_registries: unexpected arguments {unknown}; the others go "
            f"to registries(), which takes {sorted(_REGISTRIES_ARGUMENTS)}"
        )
    broken = BROKEN_WORLDS[code]
    return registries(**world).map(lambda coherent: beside(coherent, broken))


_REGISTRIES_ARGUMENTS = frozenset(inspect.signature(registries).parameters)
