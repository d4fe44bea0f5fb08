"""PLC: placements that overlap, break eligibility, or are recorded inconsistently."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from .._period import Period
from .._person import Person
from .._placement import Measure, Placement
from .._service import Eligibility, Ineligibility, Service
from ._coverage import overlapping_runs
from ._facts import Facts, Stay, age
from ._finding import Entity, Finding, Severity, listing
from ._rule import Rule

__all__ = ["RULES", "coming_of_age"]


def coming_of_age(birth_date: date, years: int) -> date:
    """The day a person born on ``birth_date`` turns ``years`` old.

    A birthday after the calendar's last year is its last day (or, for a
    negative ``years``, before its first, its first day).
    """
    year = birth_date.year + years
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    if birth_date.month == 2 and birth_date.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return birth_date.replace(year=year)


def for_children(eligibility: Eligibility, majority: int) -> bool:
    """A children's service: it admits no one of the age of majority."""
    return eligibility.max_age is not None and eligibility.max_age < majority


def for_adults(eligibility: Eligibility, majority: int) -> bool:
    """An adults' service: it admits no one under the age of majority."""
    return eligibility.min_age is not None and eligibility.min_age >= majority


def _dated_stays(
    facts: Facts, services: Callable[[Service], bool]
) -> Iterator[tuple[Placement, Person, Service]]:
    """Stays in the ``services`` picked whose person is known and that start
    after the birth."""
    for placement, person, service, _ in facts.rows:
        if (
            service is not None
            and person is not None
            and services(service)
            and placement.period.start >= person.birth_date
        ):
            yield placement, person, service


def _overlaps(rule: Rule, facts: Facts) -> Iterator[Finding]:
    on = facts.on
    for person in facts.people_with_several_stays:
        stays: Iterable[Stay] = facts.stays_of(person)
        if on is not None:  # a stay that starts after the audit overlaps nothing yet
            stays = [stay for stay in stays if stay.placement.period.start <= on]
        for run in overlapping_runs(stays, _period_of_stay):
            ids = [stay.placement.id for stay in run.items]
            shared = run.shared
            if len(ids) == 2:
                message = (
                    f"person {person} is placed twice from {shared.start}: "
                    f"{ids[0]} and {ids[1]} overlap"
                )
            else:
                message = (
                    f"person {person} has {len(ids)} overlapping placements from "
                    f"{shared.start}, up to {run.most} at once: {listing(ids)}"
                )
            yield rule.finding(
                message,
                *((Entity.PLACEMENT, id) for id in ids),
                (Entity.PERSON, person),
                fields=["Placement.period"],
                on=shared.start,
                period=facts.as_known(shared),
                peak=run.most - 1,
            )


def _period_of_stay(stay: Stay) -> Period:
    return stay.placement.period


def _ineligible(reason: Ineligibility, field: str, what: str) -> object:
    def check(rule: Rule, facts: Facts) -> Iterator[Finding]:
        majority = facts.majority
        placements = facts.registry.placements
        people, services, _ = facts.columns
        for i, reasons in sorted(facts.ineligible_at_start.items()):
            if reason not in reasons:
                continue
            placement, person, service = placements[i], people[i], services[i]
            assert person is not None
            assert service is not None
            start = placement.period.start
            child = age(person.birth_date, start) < majority
            if (
                reason is Ineligibility.TOO_YOUNG
                and child
                and for_adults(facts.eligibility(service), majority)
            ):
                continue  # PLC007 says it more precisely
            if (
                reason is Ineligibility.TOO_OLD
                and not child
                and for_children(facts.eligibility(service), majority)
            ):
                continue  # PLC006 says it more precisely
            yield rule.finding(
                f"person {person.id} is {what} for service {service.id} "
                f"on {start}, when placement {placement.id} starts",
                (Entity.PLACEMENT, placement.id),
                (Entity.PERSON, person.id),
                (Entity.SERVICE, service.id),
                fields=[field],
                on=start,
            )

    return check


def _adult_in_childrens_service(rule: Rule, facts: Facts) -> Iterator[Finding]:
    majority = facts.majority
    on = facts.on

    def childrens(service: Service) -> bool:
        return for_children(facts.eligibility(service), majority)

    for placement, person, service in _dated_stays(facts, childrens):
        period = placement.period
        last = period.end or on  # the last day the stay can be known to last
        if last is None or last.year < person.birth_date.year + majority:
            continue  # gone, or the audit is, before the year of coming of age
        adult_from = max(coming_of_age(person.birth_date, majority), period.start)
        if period.end is None and on is not None:
            still_there = adult_from <= on
        else:
            still_there = period.end is not None and adult_from < period.end
        if still_there:
            yield rule.finding(
                f"person {person.id} is an adult from {adult_from} and still in "
                f"children's service {service.id} (placement {placement.id})",
                (Entity.PLACEMENT, placement.id),
                (Entity.PERSON, person.id),
                (Entity.SERVICE, service.id),
                fields=["Person.birth_date", "Placement.period", "Eligibility.max_age"],
                on=adult_from,
            )


def _child_in_adults_service(rule: Rule, facts: Facts) -> Iterator[Finding]:
    majority = facts.majority

    def adults(service: Service) -> bool:
        return for_adults(facts.eligibility(service), majority)

    for placement, person, service in _dated_stays(facts, adults):
        start = placement.period.start
        if age(person.birth_date, start) < majority:
            yield rule.finding(
                f"person {person.id}, a child on {start}, is placed in adults' "
                f"service {service.id} (placement {placement.id})",
                (Entity.PLACEMENT, placement.id),
                (Entity.PERSON, person.id),
                (Entity.SERVICE, service.id),
                fields=["Person.birth_date", "Eligibility.min_age"],
                on=start,
            )


def _ended_without_reason(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for placement in facts.registry.placements:
        if placement.period.end is not None and placement.end_reason is None:
            yield rule.finding(
                f"placement {placement.id} ended on {placement.period.end} "
                "with no end reason",
                (Entity.PLACEMENT, placement.id),
                fields=["Placement.end_reason"],
                on=placement.period.end,
            )


def _open_with_reason(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for placement in facts.registry.placements:
        if placement.period.end is None and placement.end_reason is not None:
            yield rule.finding(
                f"placement {placement.id} has not ended but has an end reason "
                f"({placement.end_reason.value})",
                (Entity.PLACEMENT, placement.id),
                fields=["Placement.end_reason", "Placement.period"],
                on=placement.period.start,
            )


def _measure_fits_type(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for placement, _, service, service_type in facts.rows:
        measure = placement.measure
        if measure is None or service is None or service_type is None:
            continue
        wrong = (measure is Measure.RESIDENTIAL and not service_type.residential) or (
            measure is Measure.FOSTER_FAMILY and not service_type.family_based
        )
        if wrong:
            yield rule.finding(
                f"placement {placement.id} is recorded as {measure.value} care in "
                f"service {service.id}, of type {service_type.code}",
                (Entity.PLACEMENT, placement.id),
                (Entity.SERVICE, service.id),
                fields=[
                    "Placement.measure",
                    "ServiceType.residential",
                    "ServiceType.family_based",
                ],
                on=placement.period.start,
            )


RULES = (
    Rule(
        code="PLC001",
        title="A person's placements overlap",
        severity=Severity.ERROR,
        rationale="A person can be in one place at a time. Overlapping placements "
        "count one person twice and take a place from someone else; usually an "
        "old placement was never closed when the person moved. One finding per "
        "run of a person's overlapping placements (placements joined by a chain "
        "of overlaps), naming every placement of the run: its day is the first "
        "the person is placed twice, its period runs to the last, and its peak "
        "is how many placements more than one the person held at most at once.",
        check=_overlaps,
    ),
    Rule(
        code="PLC002",
        title="A person is younger than the service admits",
        severity=Severity.ERROR,
        rationale="On the day the placement starts the person is below the "
        "service's minimum age.",
        check=_ineligible(Ineligibility.TOO_YOUNG, "Eligibility.min_age", "too young"),  # type: ignore[arg-type]
    ),
    Rule(
        code="PLC003",
        title="A person is older than the service admits",
        severity=Severity.ERROR,
        rationale="On the day the placement starts the person is above the "
        "service's maximum age.",
        check=_ineligible(Ineligibility.TOO_OLD, "Eligibility.max_age", "too old"),  # type: ignore[arg-type]
    ),
    Rule(
        code="PLC004",
        title="A person is outside the service's target groups",
        severity=Severity.ERROR,
        rationale="The service is for other groups of people than the person "
        "belongs to, e.g. an adults' shelter for a person recorded as a child.",
        check=_ineligible(  # type: ignore[arg-type]
            Ineligibility.TARGET_GROUP,
            "Eligibility.target_groups",
            "outside the target groups",
        ),
    ),
    Rule(
        code="PLC005",
        title="The service does not meet a person's needs",
        severity=Severity.WARNING,
        rationale="The person has a need the service does not state it can meet, "
        "e.g. constant medical care: check that the person gets the support they need.",
        check=_ineligible(  # type: ignore[arg-type]
            Ineligibility.NEEDS_NOT_MET,
            "Eligibility.needs",
            "in need of support not offered",
        ),
    ),
    Rule(
        code="PLC006",
        title="An adult is in a children's service",
        severity=Severity.ERROR,
        rationale="A children's service admits no one of the age of majority. A "
        "young person who comes of age must leave for a service for adults or "
        "independent life; the placement should have ended by the birthday. "
        "For an open-ended placement this is checked up to the date of the audit.",
        check=_adult_in_childrens_service,
    ),
    Rule(
        code="PLC007",
        title="A child is in an adults' service",
        severity=Severity.ERROR,
        rationale="A child placed among adults is unprotected: the service admits "
        "no one under the age of majority.",
        check=_child_in_adults_service,
    ),
    Rule(
        code="PLC008",
        title="An ended placement has no end reason",
        severity=Severity.WARNING,
        rationale="Why a placement ended (back to the family, adoption, transfer, "
        "...) is what outcome indicators are counted from; without it the exit "
        "is lost to them.",
        check=_ended_without_reason,
    ),
    Rule(
        code="PLC009",
        title="A placement that has not ended has an end reason",
        severity=Severity.ERROR,
        rationale="The record says the person left but gives no date: either the "
        "end date is missing or the reason was recorded by mistake.",
        check=_open_with_reason,
    ),
    Rule(
        code="PLC010",
        title="A placement's measure does not fit the service type",
        severity=Severity.WARNING,
        rationale="A foster-family measure in a residential centre, or residential "
        "care in a service that is not residential, means the measure or the "
        "service is recorded wrongly; measure statistics will be off.",
        check=_measure_fits_type,
    ),
)
