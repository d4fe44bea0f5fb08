"""CHD: the Child Protection Act's limits on residential care (Bulgaria)."""

from __future__ import annotations

from collections.abc import Iterator

from .._service import ServiceType
from ..bulgaria._law import CHILD_POLICY
from ._facts import Facts, age
from ._finding import Entity, Finding, Severity
from ._location import placed_stays, room_finding
from ._rule import Rule
from ._vacancies import Questions

__all__ = ["RULES"]

_FAMILY_BASED = (False, True)


def _under_age(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for placement, person, service, service_type in facts.rows:
        if person is None or service is None or service_type is None:
            continue
        start = placement.period.start
        if not service_type.residential or start < person.birth_date:
            continue
        if not facts.policy.allows_residential_care(person, start):
            years = age(person.birth_date, start)
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
    questions, positions = Questions(), []
    majority = facts.majority

    def residential(kind: ServiceType, home: str, site: str) -> bool:
        return kind.residential and not kind.family_based

    for position, placement, person, _, home in placed_stays(facts, residential):
        start = placement.period.start
        if age(person.birth_date, start) >= majority:
            continue
        questions.ask(start, home, _FAMILY_BASED, person)
        positions.append(position)
    for number, found in sorted(facts.vacancies.answer(questions).items()):
        yield room_finding(
            rule, facts, positions[number], found,
            placed="in residential care", room="foster care in the home region",
            fields=("Placement.service", "Placement.measure"),
        )  # fmt: skip


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
        jurisdiction="BG",
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
        jurisdiction="BG",
    ),
)
