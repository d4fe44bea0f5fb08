"""PER: periods that hold no day, and placements outside the life of what they need
(the service, and the person: not before the birth, not after the death)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .._period import Period
from ._facts import Facts
from ._finding import Entity, Finding, Severity
from ._rule import Rule

__all__ = ["RULES"]


def _dated(facts: Facts) -> Iterator[tuple[Entity, str, str, Period]]:
    registry = facts.registry
    for provider in registry.providers:
        for licence in provider.licences:
            yield Entity.LICENCE, licence.number, "Licence.period", licence.period
    for service in registry.services:
        if service.operating is not None:  # not recorded: no period to check
            yield Entity.SERVICE, service.id, "Service.operating", service.operating
    for placement in registry.placements:
        yield Entity.PLACEMENT, placement.id, "Placement.period", placement.period
    for agreement in registry.agreements:
        yield Entity.AGREEMENT, agreement.id, "Agreement.period", agreement.period


def _empty_periods(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for kind, id, field, period in _dated(facts):
        if period.end == period.start:
            yield rule.finding(
                f"{kind.value} {id} has an empty period: it ends on the day it starts",
                (kind, id),
                fields=[field],
                on=period.start,
            )


def _before_birth(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for placement, person, _, _ in facts.rows:
        if person is not None and placement.period.start < person.birth_date:
            yield rule.finding(
                f"placement {placement.id} starts on {placement.period.start}, "
                f"before person {person.id} was born",
                (Entity.PLACEMENT, placement.id),
                (Entity.PERSON, person.id),
                fields=["Placement.period", "Person.birth_date"],
                on=placement.period.start,
            )


def _after_death(rule: Rule, facts: Facts) -> Iterator[Finding]:
    on = facts.on
    for placement, person, _, _ in facts.rows:
        died = person.died if person is not None else None
        if died is None or (on is not None and died > on):
            continue  # alive, or not yet dead on the day of the audit
        assert person is not None
        period = placement.period
        start = period.start
        if start >= died:
            message = (
                f"placement {placement.id} of person {person.id} starts on "
                f"{start}, on or after the day of the person's recorded death"
            )
        elif period.end is None or period.end > died:
            message = (
                f"placement {placement.id} of person {person.id}, from {start}, "
                "is still in force after the person's recorded death"
            )
        else:
            continue
        yield rule.finding(
            message,
            (Entity.PLACEMENT, placement.id),
            (Entity.PERSON, person.id),
            fields=["Placement.period", "Person.died"],
            on=start,
        )


def first_day_outside(period: Period, within: Period) -> date | None:
    """The first day of ``period`` outside ``within``, or ``None``."""
    if period.start < within.start:
        return period.start
    if within.end is not None and (period.end is None or period.end > within.end):
        return max(within.end, period.start)
    return None


def _outside_operating(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for placement, _, service, _ in facts.rows:
        if service is None or placement.period.end == placement.period.start:
            continue
        if service.operating is None:
            continue  # when it opened is not recorded
        day = first_day_outside(placement.period, service.operating)
        if day is not None:
            yield rule.finding(
                f"placement {placement.id} holds a place in service {service.id} "
                f"on {day}, when the service does not operate",
                (Entity.PLACEMENT, placement.id),
                (Entity.SERVICE, service.id),
                fields=["Placement.period", "Service.operating"],
                on=day,
            )


def _capacity_outside_operating(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for service in facts.registry.services:
        operating = service.operating
        if operating is None:
            continue  # when it opened is not recorded
        for change in service.capacity:
            if not operating.contains(change.effective):
                yield rule.finding(
                    f"service {service.id} changes its capacity on "
                    f"{change.effective}, when it does not operate",
                    (Entity.SERVICE, service.id),
                    fields=["CapacityChange.effective", "Service.operating"],
                    on=change.effective,
                )


RULES = (
    Rule(
        code="PER001",
        title="A period holds no day",
        severity=Severity.ERROR,
        rationale="A placement, service, licence or agreement that ends on the day "
        "it starts never existed: most often a date was typed twice. (A period "
        "ending before it starts cannot even be read: the data format refuses it.)",
        check=_empty_periods,
    ),
    Rule(
        code="PER002",
        title="A placement starts before the person was born",
        severity=Severity.ERROR,
        rationale="The placement's start or the birth date is wrong; ages, and every "
        "rule that depends on them, cannot be trusted for this placement.",
        check=_before_birth,
    ),
    Rule(
        code="PER003",
        title="A placement falls outside its service's operating period",
        severity=Severity.ERROR,
        rationale="Someone is recorded in a service that had not opened yet or had "
        "already closed: the placement, or the service's dates, are wrong.",
        check=_outside_operating,
    ),
    Rule(
        code="PER004",
        title="A capacity change falls outside the operating period",
        severity=Severity.WARNING,
        rationale="Places that take effect before a service opens or after it "
        "closes count for nothing; the capacity history or the dates are off.",
        check=_capacity_outside_operating,
    ),
    Rule(
        code="PER005",
        title="A placement after the person's death",
        severity=Severity.ERROR,
        rationale="A placement that starts on or after the day the person died, "
        "or has not ended by then, counts a place for someone who no longer needs "
        "it: the placement was not closed, or the date of death or the placement's "
        "dates are wrong. A placement that ends on the day of death (with the end "
        "reason 'deceased') is how a death in care is recorded, and is fine. "
        "With a date of audit, a death after it is not yet known. England's "
        "SSDA903 rule 437 (an episode after one that ended with the child's "
        "death) is its counterpart. The finding's day is the placement's start; "
        "neither it nor the message gives the date of death.",
        check=_after_death,
    ),
)
