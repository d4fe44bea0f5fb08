"""CAP: more people than places, more places than the National Map allows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .._period import Period
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
        for start, end, peak in runs_of(excess, closes):
            yield rule.finding(
                f"service {service.id} has {peak} more people than places at most, "
                f"from {date.fromordinal(start)}",
                (Entity.SERVICE, service.id),
                fields=["Service.capacity", "Placement.period"],
                on=date.fromordinal(start),
                period=_period(start, end),
                peak=peak,
            )


def _above_ceiling(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for ceiling in facts.registry.ceilings:
        services = [
            service
            for service in facts.registry.services
            if service.type == ceiling.service_type
            and ceiling.area
            in (service.municipality, facts.region_of(service.municipality))
        ]
        edges = set()
        for service in services:
            edges.add(service.operating.start.toordinal())
            if service.operating.end is not None:
                edges.add(service.operating.end.toordinal())
            edges.update(change.effective.toordinal() for change in service.capacity)
        totals = [
            (
                day,
                sum(s.capacity_on(date.fromordinal(day)) for s in services)
                - ceiling.max_users,
            )
            for day in sorted(edges)
        ]
        for start, end, peak in runs_of(totals, None):
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
    for service in facts.registry.services:
        held = facts.registry._reservations_of(service.id)
        if not held:
            continue
        edges = {service.operating.start.toordinal()}
        edges.update(change.effective.toordinal() for change in service.capacity)
        if service.operating.end is not None:
            edges.add(service.operating.end.toordinal())
        for period, _ in held:
            edges.add(period.start.toordinal())
            if period.end is not None:
                edges.add(period.end.toordinal())
        excess = []
        for day in sorted(edges):
            when = date.fromordinal(day)
            total = sum(r.places for p, r in held if p.contains(when))
            excess.append((day, total - service.capacity_on(when) if total else 0))
        agreements = sorted(
            {
                a.id
                for a in facts.registry.agreements
                for r in a.reservations
                if r.service == service.id
            }
        )
        for start, end, peak in runs_of(excess, None):
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
