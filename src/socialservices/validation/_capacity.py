"""CAP: more people than places, more places than the National Map allows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from .._period import Period
from .._service import Service
from ._facts import Facts, runs_of
from ._finding import Entity, Finding, Severity
from ._rule import Rule

__all__ = ["RULES"]


def _period(start: int, end: int | None) -> Period:
    return Period(
        start=date.fromordinal(start),
        end=None if end is None else date.fromordinal(end),
    )


def _over_capacity(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for service in facts.registry.services:
        if not facts.occupancy_steps(service.id)[0]:
            continue  # nobody was ever placed there
        spare, closes = facts.spare_places(service)
        excess = [(day, -free) for day, free in spare]
        for start, end, peak in runs_of(excess, closes, facts.on):
            yield rule.finding(
                f"service {service.id} has {peak} more people than places at most, "
                f"from {date.fromordinal(start)}",
                (Entity.SERVICE, service.id),
                fields=["Service.capacity", "Placement.period"],
                on=date.fromordinal(start),
                period=_period(start, end),
                peak=peak,
            )


def _capacity_steps(service: Service) -> Iterator[tuple[int, int]]:
    """``(day ordinal, places from then)`` for each day the service's places
    change: its opening, its capacity changes while it operates, its closing."""
    operating = service.operating
    days = {operating.start}
    days.update(
        c.effective for c in service.capacity if operating.contains(c.effective)
    )
    for day in sorted(days):
        yield day.toordinal(), service.capacity_on(day)
    if operating.end is not None:
        yield operating.end.toordinal(), 0


def _added(steps: Iterable[tuple[int, int]], into: dict[int, int]) -> None:
    """Add a step function's changes, day by day, to ``into``."""
    before = 0
    for day, value in steps:
        into[day] = into.get(day, 0) + value - before
        before = value


def _running(changes: dict[int, int]) -> list[tuple[int, int]]:
    """The running total of ``changes``, from each day that changes it."""
    total = 0
    steps = []
    for day in sorted(changes):
        total += changes[day]
        steps.append((day, total))
    return steps


def _running_dict(steps: Iterable[tuple[int, int]]) -> dict[int, int]:
    """A step function as ``{day ordinal: value from then}``."""
    return dict(steps)


def _above_ceiling(rule: Rule, facts: Facts) -> Iterator[Finding]:
    # services by type and area (municipality or region), in registry order
    in_area: dict[tuple[str, str], list[Service]] = {}
    for service in facts.registry.services:
        in_area.setdefault((service.type, service.municipality), []).append(service)
        region = facts.region_of(service.municipality)
        if region is not None and region != service.municipality:
            in_area.setdefault((service.type, region), []).append(service)
    for ceiling in facts.registry.ceilings:
        services = in_area.get((ceiling.service_type, ceiling.area), [])
        changes: dict[int, int] = {}
        for service in services:
            _added(_capacity_steps(service), changes)
        totals = [(day, total - ceiling.max_users) for day, total in _running(changes)]
        for start, end, peak in runs_of(totals, None, facts.on):
            yield rule.finding(
                f"services of type {ceiling.service_type} in {ceiling.area} have "
                f"{peak} places more than the ceiling of {ceiling.max_users}, "
                f"from {date.fromordinal(start)}",
                (Entity.CEILING, f"{ceiling.area}/{ceiling.service_type}"),
                *((Entity.SERVICE, service.id) for service in services),
                fields=["CapacityCeiling.max_users", "Service.capacity"],
                on=date.fromordinal(start),
                period=_period(start, end),
                peak=peak,
            )


def _reservations_above_capacity(rule: Rule, facts: Facts) -> Iterator[Finding]:
    holders: dict[str, set[str]] = {}  # agreements by the services they hold places in
    for agreement in facts.registry.agreements:
        for reservation in agreement.reservations:
            holders.setdefault(reservation.service, set()).add(agreement.id)
    for service in facts.registry.services:
        held = facts.registry._reservations_of(service.id)
        if not held:
            continue
        changes: dict[int, int] = {}
        places = _running_dict(_capacity_steps(service))
        for period, reservation in held:
            if period.end is not None and period.end <= period.start:
                continue  # holds no day
            first = period.start.toordinal()
            changes[first] = changes.get(first, 0) + reservation.places
            if period.end is not None:
                until = period.end.toordinal()
                changes[until] = changes.get(until, 0) - reservation.places
        days = sorted(set(changes) | set(places))
        excess = []
        total = capacity = 0
        for day in days:
            total += changes.get(day, 0)
            capacity = places.get(day, capacity)
            excess.append((day, total - capacity if total else 0))
        agreements = sorted(holders.get(service.id, ()))
        for start, end, peak in runs_of(excess, None, facts.on):
            yield rule.finding(
                f"agreements hold {peak} places more than service {service.id} has, "
                f"from {date.fromordinal(start)}",
                (Entity.SERVICE, service.id),
                *((Entity.AGREEMENT, id) for id in agreements),
                fields=["Reservation.places", "Service.capacity"],
                on=date.fromordinal(start),
                period=_period(start, end),
                peak=peak,
            )


RULES = (
    Rule(
        code="CAP001",
        title="A service is over capacity",
        severity=Severity.ERROR,
        rationale="More people are placed than the service has places: care "
        "suffers, and the service's licence and financing assume its capacity. "
        "One finding per run of days over capacity, with its first day and the "
        "largest excess.",
        check=_over_capacity,
    ),
    Rule(
        code="CAP002",
        title="Capacity exceeds the National Map ceiling",
        severity=Severity.ERROR,
        rationale="The National Map of social services sets the most users of each "
        "type of service an area may have; places above it are not financed.",
        check=_above_ceiling,
    ),
    Rule(
        code="CAP003",
        title="More places are held than the service has",
        severity=Severity.ERROR,
        rationale="Agreements hold more places for partner municipalities than "
        "the service has, so at least one partner cannot get what it was promised.",
        check=_reservations_above_capacity,
    ),
)
