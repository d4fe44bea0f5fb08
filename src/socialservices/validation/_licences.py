"""LIC: private providers need a licence for what they run."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from datetime import date

from dateutil.relativedelta import relativedelta

from .._period import Period
from .._provider import Licence, Provider
from .._service import operating_as_known
from ._coverage import gaps
from ._facts import Facts, shifted
from ._finding import Entity, Finding, Severity
from ._rule import Rule

__all__ = ["RULES", "WARNING_TERM"]

WARNING_TERM = relativedelta(months=3)
"""How far ahead LIC002 looks for licences about to end."""


def _periods_by_kind(provider: Provider) -> dict[tuple[str, str | None], list[Period]]:
    """The provider's licence periods by service type and target group, and by
    service type alone (target group ``None``): one pass over its licences."""
    found: dict[tuple[str, str | None], list[Period]] = {}
    for licence in provider.licences:
        found.setdefault((licence.service_type, licence.target_group), []).append(
            licence.period
        )
        found.setdefault((licence.service_type, None), []).append(licence.period)
    return found


def _unlicensed(rule: Rule, facts: Facts) -> Iterator[Finding]:
    licensed: dict[str, dict[tuple[str, str | None], list[Period]]] = {}
    for service in facts.registry.services:
        provider = facts.providers.get(service.provider)
        if provider is None or provider.kind.is_public:
            continue
        known = operating_as_known(service)
        operating = None if known is None else known.intersection(rule.in_force)
        if operating is None:
            continue
        by_kind = licensed.get(provider.id)
        if by_kind is None:
            by_kind = licensed[provider.id] = _periods_by_kind(provider)
        eligibility = facts.eligibility(service)
        groups: list[str | None] = [*sorted(eligibility.target_groups)] or [None]
        for group in groups:
            covering = by_kind.get((service.type, group), [])
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
                    period=facts.as_known(gap),
                )


_OPEN = date.max.toordinal() + 1
"""The ordinal standing for "no end"."""


class _Followers:
    """Which licences of one provider, service type and target group another
    licence of the group follows on from: one sort, then a search per licence.

    A licence is followed on when another licence of the group, with another
    number, is in force on the day it ends. Of the licences that start by
    that day, the two latest ends with different numbers say it at once.
    """

    def __init__(self, licences: list[Licence]) -> None:
        ordered = sorted(licences, key=lambda licence: licence.period.start)
        self.starts = [licence.period.start for licence in ordered]
        # after the first k licences: the latest end, its number, and the
        # latest end of a licence with another number
        self.best: list[tuple[int, str, int]] = []
        best, number, second = -1, "", -1
        for licence in ordered:
            end = licence.period.end
            until = _OPEN if end is None else end.toordinal()
            if licence.number == number:
                best = max(best, until)
            elif until > best:
                best, number, second = until, licence.number, best
            elif until > second:
                second = until
            self.best.append((best, number, second))

    def follows(self, licence: Licence, end: date) -> bool:
        """Whether a licence with another number than ``licence`` holds ``end``."""
        k = bisect.bisect_right(self.starts, end)
        if k == 0:
            return False
        best, number, second = self.best[k - 1]
        latest = second if number == licence.number else best
        return latest > end.toordinal()


def _ending_soon(rule: Rule, facts: Facts) -> Iterator[Finding]:
    on = facts.on
    if on is None:
        return
    horizon = shifted(on, WARNING_TERM)
    for provider in facts.registry.providers:
        groups: dict[tuple[str, str], list[Licence]] = {}
        for licence in provider.licences:
            key = (licence.service_type, licence.target_group)
            groups.setdefault(key, []).append(licence)
        followers: dict[tuple[str, str], _Followers] = {}
        for licence in provider.licences:
            end = licence.period.end
            if end is None or not on < end <= horizon:
                continue
            key = (licence.service_type, licence.target_group)
            if key not in followers:
                followers[key] = _Followers(groups[key])
            if not followers[key].follows(licence, end):
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
        jurisdiction="BG",
    ),
    Rule(
        code="LIC002",
        title="A licence ends within three months",
        severity=Severity.INFO,
        rationale="A licence ends within three months of the date of the audit "
        "and no licence of the same provider follows on: apply for renewal in "
        "time. Reported only when the audit has a date.",
        check=_ending_soon,
        jurisdiction="BG",
    ),
)
