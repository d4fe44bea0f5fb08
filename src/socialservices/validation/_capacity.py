"""CAP: more people than places, more places than the National Map allows.

Capacity that is not recorded is unknown, never 0 places: a service with no
capacity history, and any service before its first capacity change, is not
over capacity, adds nothing to an area's places and holds no place too many;
CAP004 lists the services with no capacity recorded at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from .._period import Period
from .._service import Service, operating_as_known
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
        if not service.capacity:
            continue  # capacity unknown: neither full nor over (see CAP004)
        if not facts.occupancy_steps(service.id)[0]:
            continue  # nobody was ever placed there
        spare, closes = facts.spare_places(service)
        recorded = service.capacity[0].effective.toordinal()
        excess = [(day, -free) for day, free in spare if day >= recorded]
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


def _capacity_steps(service: Service) -> Iterator[tuple[int, int | None]]:
    """``(day ordinal, places from then)`` for each day the service's places
    change: its opening, its capacity changes while it operates, its closing.
    The places are ``None`` while not recorded (before the first change)."""
    operating = operating_as_known(service)
    if operating is None:  # nothing recorded: no place known
        return
    days = {operating.start}
    days.update(
        c.effective for c in service.capacity if operating.contains(c.effective)
    )
    for day in sorted(days):
        yield day.toordinal(), service.capacity_on(day)
    if operating.end is not None:
        yield operating.end.toordinal(), 0


def _added(steps: Iterable[tuple[int, int | None]], into: dict[int, int]) -> None:
    """Add a step function's changes, day by day, to ``into``; places not
    recorded add none (what an area has at least)."""
    before = 0
    for day, value in steps:
        known = 0 if value is None else value
        into[day] = into.get(day, 0) + known - before
        before = known


def _running(changes: dict[int, int]) -> list[tuple[int, int]]:
    """The running total of ``changes``, from each day that changes it."""
    total = 0
    steps = []
    for day in sorted(changes):
        total += changes[day]
        steps.append((day, total))
    return steps


def _running_dict(
    steps: Iterable[tuple[int, int | None]],
) -> dict[int, int | None]:
    """A step function as ``{day ordinal: value from then}``."""
    return dict(steps)


def _above_ceiling(rule: Rule, facts: Facts) -> Iterator[Finding]:
    # services by type and area (municipality or region), in registry order
    in_area: dict[tuple[str, str], list[Service]] = {}
    for service in facts.registry.services:
        if not service.capacity:
            continue  # adds no known place to its area
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
        held = facts.registry.index.reservations_of(service.id)
        if not held or not service.capacity:
            continue  # no place held, or how many it has is unknown
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
        total = 0
        capacity: int | None = 0
        for day in days:
            total += changes.get(day, 0)
            capacity = places.get(day, capacity)
            if capacity is None or not total:  # unknown before the first record
                excess.append((day, 0))
            else:
                excess.append((day, total - capacity))
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


_NAMED = 10
"""How many services CAP004's message names; its subjects name them all."""


def _capacity_not_recorded(rule: Rule, facts: Facts) -> Iterator[Finding]:
    unknown = sorted({s.id for s in facts.registry.services if not s.capacity})
    if not unknown:
        return
    named = ", ".join(unknown[:_NAMED])
    more = len(unknown) - _NAMED
    count = f"{len(unknown)} service{'' if len(unknown) == 1 else 's'}"
    yield rule.finding(
        f"{count} record no capacity, so their free places are unknown: "
        f"{named}{f' and {more} more' if more > 0 else ''}",
        *((Entity.SERVICE, id) for id in unknown),
        fields=["Service.capacity"],
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
    Rule(
        code="CAP004",
        title="Capacity is not recorded",
        severity=Severity.INFO,
        rationale="A service with no capacity history has an unknown number of "
        "places, not 0: it is never over capacity (CAP001), adds no place to its "
        "area (CAP002), is not counted as free close to home (LOC) and matching "
        "does not offer it. One finding names every such service, in id order, "
        "so that data which does not record capacity gives one line, not one "
        "per service.",
        check=_capacity_not_recorded,
    ),
)
