"""LIC: private providers need a licence for what they run."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from dateutil.relativedelta import relativedelta

from .._period import Period
from ._coverage import gaps
from ._facts import Facts
from ._finding import Entity, Finding, Severity
from ._rule import Rule

__all__ = ["RULES", "WARNING_TERM"]

WARNING_TERM = relativedelta(months=3)
"""How far ahead LIC002 looks for licences about to end."""


def _unlicensed(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for service in facts.registry.services:
        provider = facts.providers.get(service.provider)
        if provider is None or provider.kind.is_public:
            continue
        operating = service.operating.intersection(rule.in_force)
        if operating is None:
            continue
        groups: list[str | None] = [*sorted(service.eligibility.target_groups)] or [
            None
        ]
        for group in groups:
            covering = [
                licence.period
                for licence in provider.licences
                if licence.service_type == service.type
                and (group is None or licence.target_group == group)
            ]
            for gap in gaps(operating, covering):
                whom = "" if group is None else f" for {group}"
                yield rule.finding(
                    f"provider {provider.id} runs service {service.id} "
                    f"({service.type}{whom}) with no licence covering it "
                    f"from {gap.start}",
                    (Entity.SERVICE, service.id),
                    (Entity.PROVIDER, provider.id),
                    fields=["Provider.licences", "Service.type"],
                    on=gap.start,
                    period=gap,
                )


def _ending_soon(rule: Rule, facts: Facts) -> Iterator[Finding]:
    on = facts.on
    if on is None:
        return
    horizon = on + WARNING_TERM
    for provider in facts.registry.providers:
        for licence in provider.licences:
            end = licence.period.end
            if end is None or not on < end <= horizon:
                continue
            renewed = any(
                other.number != licence.number
                and other.service_type == licence.service_type
                and other.target_group == licence.target_group
                and other.period.contains(end)
                for other in provider.licences
            )
            if not renewed:
                yield rule.finding(
                    f"licence {licence.number} of provider {provider.id} "
                    f"({licence.service_type} for {licence.target_group}) ends on "
                    f"{end}, and no licence follows on",
                    (Entity.LICENCE, licence.number),
                    (Entity.PROVIDER, provider.id),
                    fields=["Licence.period"],
                    on=on,
                    period=Period(start=on, end=end),
                )


RULES = (
    Rule(
        code="LIC001",
        title="A private provider runs a service without a licence",
        severity=Severity.ERROR,
        rationale="Under the Social Services Act, in force since 1 July 2020, an "
        "NGO or company may provide a social service only under a licence from "
        "the Agency for Quality of Social Services for that type of service and "
        "target group. On these days no licence of the provider covers the "
        "service. Days before the Act took effect are not checked.",
        check=_unlicensed,
        in_force=Period(start=date(2020, 7, 1)),
    ),
    Rule(
        code="LIC002",
        title="A licence ends within three months",
        severity=Severity.INFO,
        rationale="A licence ends within three months of the date of the audit "
        "and no licence of the same provider follows on: apply for renewal in "
        "time. Reported only when the audit has a date.",
        check=_ending_soon,
    ),
)
