"""The three ways to run rules: iterate findings, get a report, or ask yes or no."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date

from .. import _checks
from .._child_policy import ChildPolicy
from .._errors import InvalidValueError
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
    if not chosen:
        raise InvalidValueError(
            function,
            "rules",
            chosen,
            "empty",
            "no rule to check: nothing would be checked and the data would look clean",
        )
    counted = Counter(rule.code for rule in chosen)
    repeated = sorted(code for code, times in counted.items() if times > 1)
    if repeated:
        raise InvalidValueError(
            function, "rules", repeated, "duplicate", "two rules share a code"
        )
    return tuple(sorted(chosen, key=lambda rule: rule.code))


def _start(
    function: str,
    registry: Registry,
    on: date | None,
    rules: Iterable[Rule],
    policy: ChildPolicy,
) -> tuple[tuple[Rule, ...], Facts]:
    """Check every argument of ``function`` at once, naming it in the errors.

    The audit is on ``on``, or without it as of the registry's ``as_of``.
    """
    _checks.argument(function, "registry", registry, Registry)
    if on is not None:
        _checks.date_argument(function, "on", on)
    else:
        on = registry.as_of
    _checks.argument(function, "policy", policy, ChildPolicy)
    chosen = _checked_rules(function, rules)
    return chosen, Facts(registry, on=on, policy=policy)


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
    planned for next year) are left out, and a stay that ends after it is
    still open on it. Without ``on`` the audit is as of the registry's
    :attr:`~socialservices.Registry.as_of`, the day its data was taken; with
    neither, every recorded day counts (the library reads no clock). ``policy``
    is the child policy the rules about children follow. A rule reports only
    findings about days on which it is in force.

    Raises:
        InvalidValueError: for arguments of the wrong type (code
            ``"wrong_type"``), no rule at all (``"empty"``: nothing would be
            checked), two rules with one code, or a rule whose check yields
            something that is not a :class:`Finding` of its own code.
    """
    return _findings(*_start("iter_findings", registry, on, rules, policy))


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
    .. versionchanged:: 0.5
       Without ``on``, checks as of the registry's ``as_of``; the report's
       ``on`` is the date used.
    """
    chosen, facts = _start("validate", registry, on, rules, policy)
    findings = tuple(_findings(chosen, facts))
    codes = [rule.code for rule in chosen]
    return Report(findings=findings, rules=codes, on=facts.on)


def is_valid(
    registry: Registry,
    *,
    on: date | None = None,
    rules: Iterable[Rule] = DEFAULT_RULES,
    policy: ChildPolicy = CHILD_POLICY,
) -> bool:
    """``True`` when ``rules`` find no error in ``registry`` (it stops at the first).

    Raises:
        InvalidValueError: as :func:`iter_findings`.

    .. versionadded:: 0.2
    """
    findings = _findings(*_start("is_valid", registry, on, rules, policy))
    return not any(finding.is_error for finding in findings)


def select_rules(
    *,
    include: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    rules: Iterable[Rule] = DEFAULT_RULES,
    jurisdiction: str | None = None,
) -> tuple[Rule, ...]:
    """The rules whose code or family is in ``include`` and not in ``exclude``.

    ``include=None`` keeps every rule. Naming a code or family no rule has
    is an error, and so is a selection that keeps no rule (``include=[]``,
    or excluding all that was included), so that a typo does not silently
    check nothing. ``jurisdiction``, the ISO 3166 code of the data's
    jurisdiction (``"GB-ENG"``, ``"BG"``, as :attr:`Registry.jurisdiction`),
    keeps only the rules any data can be held to and those resting on that
    country's law (:attr:`Rule.jurisdiction`); ``None`` keeps them all.

    >>> england = select_rules(jurisdiction="GB-ENG")
    >>> sorted({rule.code for rule in DEFAULT_RULES} - {rule.code for rule in england})
    ['AGR001', 'AGR003', 'CHD001', 'CHD002', 'LIC001', 'LIC002']
    >>> len(select_rules(jurisdiction="BG")) == len(DEFAULT_RULES)
    True

    >>> [rule.code for rule in select_rules(include=["LOC", "SIB001"])]
    ['LOC001', 'LOC002', 'SIB001']
    >>> len(select_rules(exclude=["REF"])) == len(DEFAULT_RULES) - 14
    True
    >>> select_rules(include=["LOC"], exclude=["LOC"])
    Traceback (most recent call last):
    ...
    socialservices.InvalidValueError: select_rules.include=['LOC']: the selection keeps no rule, so nothing would be checked

    Raises:
        InvalidValueError: for an argument of the wrong type (``code``
            ``"wrong_type"``), an unknown code or family (``"unknown_value"``),
            or a selection that keeps no rule (``"empty"``).

    .. versionadded:: 0.2
    """
    chosen = _checked_rules("select_rules", rules)
    names = {rule.code for rule in chosen} | {rule.family for rule in chosen}
    if jurisdiction is not None:
        if not isinstance(jurisdiction, str) or not jurisdiction.strip():
            raise InvalidValueError(
                "select_rules",
                "jurisdiction",
                jurisdiction,
                "wrong_type",
                "must be an ISO 3166 code such as 'BG' or 'GB-ENG', or None",
            )
        country = jurisdiction.split("-", 1)[0].upper()
        chosen = tuple(rule for rule in chosen if rule.jurisdiction in (None, country))
    wanted = None if include is None else _names("include", include, names)
    unwanted = _names("exclude", exclude, names)
    kept = tuple(
        rule
        for rule in chosen
        if (wanted is None or rule.code in wanted or rule.family in wanted)
        and rule.code not in unwanted
        and rule.family not in unwanted
    )
    if not kept:
        given = sorted(wanted) if wanted is not None else sorted(unwanted)
        raise InvalidValueError(
            "select_rules",
            "include" if wanted is not None else "exclude",
            given,
            "empty",
            "the selection keeps no rule, so nothing would be checked",
        )
    return kept


def _names(argument: str, given: Iterable[str], known: set[str]) -> frozenset[str]:
    if isinstance(given, str) or not _checks.is_collection(given):
        raise InvalidValueError(
            "select_rules",
            argument,
            given,
            "wrong_type",
            "must be a collection of rule codes or families",
        )
    names = tuple(given)
    for name in names:
        if not isinstance(name, str):
            raise InvalidValueError(
                "select_rules",
                argument,
                name,
                "wrong_type",
                "every rule code or family must be a string",
            )
    unknown = sorted(set(names) - known)
    if unknown:
        raise InvalidValueError(
            "select_rules",
            argument,
            unknown,
            "unknown_value",
            "names no rule code or family",
        )
    return frozenset(names)
