"""The tests' own fixtures for changing the small world of the strategies.

:data:`socialservices.strategies.SMALL_WORLD` is a clean world of two regions,
three municipalities (``M1`` and ``M2`` in ``R1``, ``M3`` in ``R2``) and a few
services, children and placements; :data:`~socialservices.strategies.BROKEN_WORLDS`
and :data:`~socialservices.strategies.NEAR_MISS_WORLDS` change it for each rule.
The helpers here make the tests' own changes to it: a child, a placement or a
service written in one line, and changes (functions from registry to registry)
that add members, replace fields or do both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import attrs

from socialservices import (
    CapacityChange,
    Eligibility,
    EndReason,
    Measure,
    Period,
    Person,
    Placement,
    Registry,
    Service,
)
from socialservices.strategies import AUDIT_DATE, SMALL_WORLD

__all__ = [
    "ANY_CHILD",
    "CHILDREN",
    "ON",
    "START",
    "Change",
    "adding",
    "both",
    "child",
    "in_m3",
    "placement",
    "replacing",
    "service",
    "small_world",
]

ON = AUDIT_DATE
"""The day the tests validate on."""
START = date(2021, 1, 4)
"""The day the small world's placements start."""
SINCE_2020 = Period(start=date(2020, 1, 1))
CHILDREN = Eligibility(target_groups={"children"}, min_age=3, max_age=17)
"""The eligibility of the small world's residential services."""
ANY_CHILD = Eligibility(target_groups={"children"}, max_age=17)
"""The eligibility of its foster care."""

Change = Callable[[Registry], Registry]


def small_world() -> Registry:
    """The clean small world: validation finds nothing in it."""
    return SMALL_WORLD


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
    """A service with ``places`` from its opening, run by ``P-<municipality>``."""
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
    """A child of the target group ``children``, from ``M1`` unless told."""
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
    """A placement whose measure follows the service's type (``S-RES-...``:
    residential, ``S-FOS-...``: foster family), ended by a return to the
    family when it ends."""
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
    """The changes one after the other."""

    def change(registry: Registry) -> Registry:
        for one in changes:
            registry = one(registry)
        return registry

    return change


def in_m3(id: str, born: date, *, at: str = "S-RES-M3", start: date = START,
          end: date | None = None, **person: object) -> Change:  # fmt: skip
    """Add a child from ``M3`` and their placement (in ``S-RES-M3`` unless told)."""
    return adding(
        persons=[child(id, home="M3", born=born, **person)],
        placements=[placement(f"PL-{id}", id, at, start, end)],
    )
