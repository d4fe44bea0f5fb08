"""What the demo shows beyond the capacity table: a few indicators of the
day (occupancy, close to home, siblings together), a ranking with its
reasons, and a batch allocation next to first come, first served (text
only; the CLI prints it)."""

from __future__ import annotations

from datetime import date

import attrs

from .._person import PlacementRequest
from .._registry import Registry
from ..indicators import INDICATORS, Measurement, Reference, measure
from ..matching import Allocation, allocate, allocate_first_come, rank

__all__ = [
    "DEMO_FAMILIES",
    "demo_measurements",
    "matching_demo",
    "out_of_region_requests",
]

DEMO_FAMILIES = ("OCC", "LOC", "SIB")
"""The families of indicators the demo shows, by the letters their codes
begin with: occupancy, close to home, siblings together."""


def demo_measurements(registry: Registry, on: date) -> tuple[Measurement, ...]:
    """The indicators of a day in :data:`DEMO_FAMILIES`, for the whole
    registry on ``on``, in the catalogue's order."""
    codes = [
        indicator.code
        for indicator in INDICATORS
        if indicator.reference is Reference.ON
        and indicator.code.startswith(DEMO_FAMILIES)
    ]
    return measure(registry, on=on, indicators=codes)


def out_of_region_requests(
    registry: Registry, on: date
) -> tuple[Registry, tuple[PlacementRequest, ...]]:
    """The registry without the placements active on ``on`` that took people
    out of their home region, and a request for each of them (siblings
    together), made on the day their placement started."""
    outside = []
    for placement in registry.placements:
        if not placement.is_active_on(on) or placement.service is None:
            continue
        home = registry.person(placement.person).home_on(on)
        site = registry.service(placement.service).municipality
        if not registry.geography.proximity(home, site).in_region:
            outside.append(placement)
    groups: dict[str, list[str]] = {}
    started: dict[str, date] = {}
    for placement in outside:
        person = registry.person(placement.person)
        key = person.sibling_group or person.id
        groups.setdefault(key, []).append(person.id)
        started[key] = min(
            started.get(key, placement.period.start), placement.period.start
        )
    requests = tuple(
        PlacementRequest(id=f"R-{key}", persons=ids, requested_on=started[key])
        for key, ids in sorted(groups.items())
    )
    kept = [p for p in registry.placements if p not in outside]
    return attrs.evolve(registry, placements=kept), requests


def _where(allocation: Allocation, request: str) -> str:
    found = allocation.assignment_of(request)
    if found is None:
        return "unplaced"
    return f"{found.service} ({found.tier.name.lower()})"


def _in_region(allocation: Allocation) -> int:
    return sum(len(a.persons) for a in allocation.assignments if a.tier.in_region)


def matching_demo(registry: Registry, on: date) -> str:
    """The text block the demo prints about matching, for the example registry.

    First the ranking of the open request ``R-01`` with the reasons for each
    rank and each exclusion; then the children placed outside their oblast,
    placed again as one batch on ``on`` by :func:`allocate`, next to first
    come, first served.
    """
    lines: list[str] = []
    request = next(r for r in registry.requests if r.id == "R-01")
    ranking = rank(request, registry, on=on)
    persons = ", ".join(request.persons)
    lines.append(
        f"Ranking for request {request.id} ({persons}, home {ranking.home}) "
        f"on {on.isoformat()}"
    )
    for candidate in ranking.candidates:
        codes = ", ".join(reason.value for reason in candidate.reasons)
        lines.append(
            f"  {candidate.rank}. {candidate.service}: {candidate.message} [{codes}]"
        )
    for exclusion in ranking.exclusions:
        codes = ", ".join(reason.value for reason in exclusion.reasons)
        lines.append(f"  excluded {exclusion.service}: {exclusion.message} [{codes}]")
    before, moved = out_of_region_requests(registry, on)
    batch = (*moved, request)
    first = allocate_first_come(batch, before, on=on)
    best = allocate(batch, before, on=on)
    placed_as = {
        p.person: p.service or "-" for p in registry.placements if p.is_active_on(on)
    }
    lines += [
        "",
        f"The children placed outside their oblast, and {request.id}, "
        f"placed again on {on.isoformat()}:",
    ]
    rows = [("Request", "Persons", "As placed", "First come", "Allocate")]
    for item in batch:
        services = sorted({placed_as.get(p, "-") for p in item.persons})
        rows.append(
            (
                item.id,
                ", ".join(item.persons),
                ", ".join(services),
                _where(first, item.id),
                _where(best, item.id),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines += [
        "  "
        + "  ".join(
            cell.ljust(width) for cell, width in zip(row, widths, strict=True)
        ).rstrip()
        for row in rows
    ]
    placed_total = sum(len(item.persons) for item in moved)
    lines += [
        "",
        f"In their own oblast: as placed 0 of {placed_total}; "
        f"first come {_in_region(first)} of {first.persons_placed}; "
        f"allocate {_in_region(best)} of {best.persons_placed} "
        f"({'proven optimal' if best.optimal else 'not proven optimal'})",
    ]
    return "\n".join(lines)
