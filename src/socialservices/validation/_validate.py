"""The three ways to run rules: iterate findings, get a report, or ask yes or no."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from .. import _checks
from .._errors import InvalidValueError
from .._policy import ChildPolicy
from .._registry import Registry
from ..bulgaria._law import CHILD_POLICY
from ._catalogue import DEFAULT_RULES
from ._facts import Facts
from ._finding import Finding
from ._report import Report
from ._rule import Rule

__all__ = ["is_valid", "iter_findings", "select_rules", "validate"]


def _checked_rules(function: str, rules: Iterable[Rule]) -> tuple[Rule, ...]:
    if isinstance(rules, (str, bytes)) or not _checks.is_collection(rules):
        raise InvalidValueError(
            function, "rules", rules, "wrong_type", "must be a collection of Rule"
        )
    chosen = tuple(rules)
    for rule in chosen:
        if not isinstance(rule, Rule):
            raise InvalidValueError(
                function, "rules", rule, "wrong_type", "every rule must be a Rule"
            )
    codes = [rule.code for rule in chosen]
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise InvalidValueError(
            function, "rules", repeated, "duplicate", "two rules share a code"
        )
    return tuple(sorted(chosen, key=lambda rule: rule.code))


def iter_findings(
    registry: Registry,
    *,
    on: date | None = None,
    rules: Iterable[Rule] = DEFAULT_RULES,
    policy: ChildPolicy = CHILD_POLICY,
) -> Iterator[Finding]:
    """Every finding of ``rules`` over ``registry``, rule by rule in code order.

    Arguments are checked at once, before the first finding. ``on`` is the
    date of the audit: a validation on a date reports what had happened by
    then, so findings about later days (a contract that will lapse, places
    planned for next year) are left out; without ``on`` every recorded day
    counts. ``policy`` is the child policy the rules about children follow. A
    rule reports only findings about days on which it is in force.

    Raises:
        InvalidValueError: for arguments of the wrong type, two rules with one
            code, or a rule whose check yields something that is not a
            :class:`Finding` of its own code.
    """
    chosen = _checked_rules("iter_findings", rules)
    facts = Facts(registry, on=on, policy=policy)
    return _findings(chosen, facts)


def _findings(rules: tuple[Rule, ...], facts: Facts) -> Iterator[Finding]:
    for rule in rules:
        found = list(rule.check(rule, facts))
        for finding in found:
            if not isinstance(finding, Finding) or finding.code != rule.code:
                raise InvalidValueError(
                    f"Rule {rule.code}",
                    "check",
                    finding,
                    "wrong_type",
                    "a check must yield Findings made with rule.finding()",
                )
        found.sort(key=Finding.sort_key)
        for finding in found:
            day = finding.on
            if day is None or (
                rule.applies_on(day) and (facts.on is None or day <= facts.on)
            ):
                yield finding


def validate(
    registry: Registry,
    *,
    on: date | None = None,
    rules: Iterable[Rule] = DEFAULT_RULES,
    policy: ChildPolicy = CHILD_POLICY,
) -> Report:
    """Check ``registry`` against ``rules`` and report every finding.

    >>> from socialservices.examples import SCENARIO_DATE, sofia_oblast
    >>> report = validate(sofia_oblast(), on=SCENARIO_DATE)
    >>> sorted({finding.on.isoformat() for finding in report.by_code()["LOC001"]})
    ['2019-01-07', '2025-11-17', '2026-03-09', '2026-06-01']

    Raises:
        InvalidValueError: as :func:`iter_findings`.

    .. versionadded:: 0.2
    """
    chosen = _checked_rules("validate", rules)
    findings = tuple(iter_findings(registry, on=on, rules=chosen, policy=policy))
    return Report(findings=findings, rules=[rule.code for rule in chosen], on=on)


def is_valid(
    registry: Registry,
    *,
    on: date | None = None,
    rules: Iterable[Rule] = DEFAULT_RULES,
    policy: ChildPolicy = CHILD_POLICY,
) -> bool:
    """``True`` when ``rules`` find no error in ``registry`` (it stops at the first).

    .. versionadded:: 0.2
    """
    findings = iter_findings(registry, on=on, rules=rules, policy=policy)
    return not any(finding.is_error for finding in findings)


def select_rules(
    *,
    include: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    rules: Iterable[Rule] = DEFAULT_RULES,
) -> tuple[Rule, ...]:
    """The rules whose code or family is in ``include`` and not in ``exclude``.

    ``include=None`` keeps every rule. Naming a code or family no rule has
    is an error, so that a typo does not silently check nothing.

    >>> [rule.code for rule in select_rules(include=["LOC", "SIB001"])]
    ['LOC001', 'LOC002', 'SIB001']
    >>> len(select_rules(exclude=["REF"])) == len(DEFAULT_RULES) - 14
    True

    Raises:
        InvalidValueError: for an unknown code or family.

    .. versionadded:: 0.2
    """
    chosen = _checked_rules("select_rules", rules)
    names = {rule.code for rule in chosen} | {rule.family for rule in chosen}
    wanted = None if include is None else _names("include", include, names)
    unwanted = _names("exclude", exclude, names)
    return tuple(
        rule
        for rule in chosen
        if (wanted is None or rule.code in wanted or rule.family in wanted)
        and rule.code not in unwanted
        and rule.family not in unwanted
    )


def _names(argument: str, given: Iterable[str], known: set[str]) -> frozenset[str]:
    if isinstance(given, str) or not _checks.is_collection(given):
        raise InvalidValueError(
            "select_rules",
            argument,
            given,
            "wrong_type",
            "must be a collection of rule codes or families",
        )
    names = frozenset(given)
    unknown = sorted(str(name) for name in names - known)
    if unknown:
        raise InvalidValueError(
            "select_rules",
            argument,
            unknown,
            "unknown_value",
            "names no rule code or family",
        )
    return names
