"""A report: the findings of one validation, grouped the ways people read them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import TypeVar

import attrs

from .. import _checks
from ._finding import Entity, Finding, Severity, Subject, _strings, _to_tuple

__all__ = ["Report"]

_K = TypeVar("_K")


def _group(pairs: Iterator[tuple[_K, Finding]]) -> dict[_K, tuple[Finding, ...]]:
    grouped: dict[_K, list[Finding]] = {}
    for key, finding in pairs:
        grouped.setdefault(key, []).append(finding)
    return {key: tuple(found) for key, found in grouped.items()}


def _findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    return _to_tuple(value)


@attrs.frozen(kw_only=True)
class Report:
    """Every finding of one validation, in the order rules report them.

    Findings are sorted by rule code, and within a rule by their subjects and
    day, so the same data always give the same report. ``rules`` are the
    codes of the rules that were checked and ``on`` the date of the audit.

    >>> from socialservices import validate
    >>> from socialservices.examples import SCENARIO_DATE, sofia_oblast
    >>> report = validate(sofia_oblast(), on=SCENARIO_DATE)
    >>> report.is_valid, sorted(report.by_code())[:2]
    (False, ['CHD002', 'LOC001'])

    .. versionadded:: 0.2
    """

    findings: tuple[Finding, ...] = attrs.field(
        converter=_findings, validator=_checks.tuple_of(Finding)
    )
    rules: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_checks.tuple_of(str)
    )
    on: date | None = attrs.field(default=None, validator=_checks.optional_date)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def is_valid(self) -> bool:
        """``True`` when no finding is an error (warnings and infos may remain)."""
        return not any(finding.is_error for finding in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error-severity findings."""
        return self.with_severity(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The warning-severity findings."""
        return self.with_severity(Severity.WARNING)

    def with_severity(self, severity: Severity) -> tuple[Finding, ...]:
        """The findings of one severity, in report order.

        ``severity`` is a :class:`Severity`; its value (``"error"``) is
        refused, as everywhere enums are arguments, rather than matching
        nothing.

        >>> Report(findings=[]).with_severity("error")
        Traceback (most recent call last):
        ...
        socialservices.InvalidValueError: Report.with_severity.severity='error': must be a Severity

        Raises:
            InvalidValueError: ``severity`` is not a :class:`Severity`.
        """
        _checks.argument("Report.with_severity", "severity", severity, Severity)
        return tuple(f for f in self.findings if f.severity is severity)

    def by_code(self) -> Mapping[str, tuple[Finding, ...]]:
        """Findings grouped by rule code, in code order."""
        return _group((finding.code, finding) for finding in self.findings)

    def by_severity(self) -> Mapping[Severity, tuple[Finding, ...]]:
        """Findings grouped by severity: errors, then warnings, then infos."""
        grouped = _group((finding.severity, finding) for finding in self.findings)
        return {s: grouped[s] for s in Severity if s in grouped}

    def by_subject(self) -> Mapping[Subject, tuple[Finding, ...]]:
        """Findings grouped by every entity they concern, in subject order."""
        grouped = _group(
            (subject, finding)
            for finding in self.findings
            for subject in dict.fromkeys(finding.subjects)
        )
        return {subject: grouped[subject] for subject in sorted(grouped)}

    def about(self, kind: Entity, id: str) -> tuple[Finding, ...]:
        """The findings that concern one entity.

        Raises:
            InvalidValueError: ``kind`` is not an :class:`Entity`, or ``id`` is
                not a string.
        """
        _checks.argument("Report.about", "kind", kind, Entity)
        _checks.argument("Report.about", "id", id, str)
        return tuple(f for f in self.findings if f.concerns(kind, id))

    def counts(self) -> Mapping[str, int]:
        """How many findings each rule code has, in code order."""
        return {code: len(found) for code, found in self.by_code().items()}
