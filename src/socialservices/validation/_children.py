"""CHD: the Child Protection Act's limits on residential care (Bulgaria)."""

from __future__ import annotations

from collections.abc import Iterator

from ..bulgaria._law import CHILD_POLICY
from ._facts import Facts, age
from ._finding import Entity, Finding, Severity
from ._location import closest_first, describe_free, placed_stays
from ._rule import Rule
from ._vacancies import Query

__all__ = ["RULES"]

_FAMILY_BASED = (False, True)


def _under_age(rule: Rule, facts: Facts) -> Iterator[Finding]:
    limit = facts.policy.residential_age_limit
    if limit is None:
        return
    for placement, person, service, service_type in facts.stays:
        if person is None or service is None or service_type is None:
            continue
        start = placement.period.start
        if not service_type.residential or start < person.birth_date:
            continue
        years = age(person.birth_date, start)
        exempt = (
            limit.exception_need is not None and limit.exception_need in person.needs
        )
        if years < limit.min_age and not exempt:
            yield rule.finding(
                f"person {person.id}, aged {years}, was placed in residential "
                f"service {service.id} on {start} (placement {placement.id})",
                (Entity.PLACEMENT, placement.id),
                (Entity.PERSON, person.id),
                (Entity.SERVICE, service.id),
                fields=["Person.birth_date", "Person.needs", "ServiceType.residential"],
                on=start,
            )


def _residential_before_foster(rule: Rule, facts: Facts) -> Iterator[Finding]:
    stays, queries = [], []
    majority = facts.majority
    for stay, person, service, home_region, _ in placed_stays(facts):
        assert stay.service_type is not None
        start = stay.placement.period.start
        if not stay.service_type.residential or stay.service_type.family_based:
            continue
        if age(person.birth_date, start) >= majority:
            continue
        stays.append((stay, person, service))
        queries.append(Query(start, home_region, _FAMILY_BASED, person))
    for (stay, person, service), found in zip(
        stays, facts.vacancies.answer(queries), strict=True
    ):
        if not found:
            continue
        free = closest_first(facts, person.home_municipality, found)
        placement = stay.placement
        yield rule.finding(
            f"child {person.id} was placed in residential service {service.id} on "
            f"{placement.period.start} (placement {placement.id}) while foster care "
            f"in the home region had {describe_free(free)}",
            (Entity.PLACEMENT, placement.id),
            (Entity.PERSON, person.id),
            (Entity.SERVICE, service.id),
            *((Entity.SERVICE, item.service) for item in free),
            fields=["Placement.service", "Placement.measure"],
            on=placement.period.start,
            free_places=free,
        )


_LIMIT = CHILD_POLICY.residential_age_limit
assert _LIMIT is not None
assert _LIMIT.basis is not None
assert CHILD_POLICY.measures.basis is not None

RULES = (
    Rule(
        code="CHD001",
        title="A child under 3 is in residential care",
        severity=Severity.ERROR,
        rationale="Children under three are not placed in residential care: they "
        "need a family, their own, relatives or a foster family. The one exception "
        "is a child with a lasting disability who needs constant medical care, "
        f"recorded as the need '{_LIMIT.exception_need}'.",
        check=_under_age,
        basis=[_LIMIT.basis],
    ),
    Rule(
        code="CHD002",
        title="Residential care while a foster family was free",
        severity=Severity.WARNING,
        rationale="Residential care is the last resort: a child is placed with "
        "relatives, then in a foster family, and only then in a residential "
        "service. A foster-care service in the child's home region that admitted "
        "the child had a free place on the day of the placement.",
        check=_residential_before_foster,
        basis=[CHILD_POLICY.measures.basis],
    ),
)
