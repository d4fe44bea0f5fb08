"""Rules: a code, what it means, where the law says so, and a pure check."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from .. import _checks
from .._child_policy import Citation
from .._errors import InvalidValueError
from .._period import Period
from ._finding import Entity, Finding, FreePlaces, Severity, Subject

if TYPE_CHECKING:
    from ._facts import Facts

__all__ = ["ALWAYS", "Check", "Family", "Rule"]

ALWAYS = Period(start=date.min)
"""The period of a rule that has always applied."""

_RULE_CODE = re.compile(r"[A-Z]{2,8}[0-9]{3}")

Check = Callable[["Rule", "Facts"], Iterable[Finding]]
"""A rule's check: given the rule and the facts, it yields findings."""


def _rule_code(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or _RULE_CODE.fullmatch(value) is None:
        raise _checks.fail(
            instance,
            attribute,
            value,
            "malformed",
            "a rule code is 2 to 8 capital letters (the family) and 3 digits",
        )


def _callable(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not callable(value):
        raise _checks.fail(
            instance, attribute, value, "wrong_type", "must be a function"
        )


def _to_basis(value: Iterable[Citation]) -> tuple[Citation, ...]:
    return tuple(value) if _checks.is_collection(value) else value  # type: ignore[return-value]


@attrs.frozen(kw_only=True)
class Family:
    """A family of rules: the letters their codes share, a title and a summary.

    .. versionadded:: 0.2
    """

    code: str = attrs.field(validator=_checks.code)
    title: str = attrs.field(validator=_checks.text)
    summary: str = attrs.field(validator=_checks.text)


@attrs.frozen(kw_only=True)
class Rule:
    """One rule of a catalogue, as data.

    ``code`` never changes once published: its letters name the family
    (``REF``, ``PER``, ``PLC``, ``CAP``, ``LOC``, ``AGR``, ``LIC``, ``CHD``,
    ``SIB``, or a caller's own) and its digits the rule. ``rationale`` says
    what the rule means for a caseworker; ``basis`` cites the law, where there
    is a provision to cite. A rule reports only findings about days within
    ``in_force``, since laws change. ``check`` is a pure function of the rule
    and the :class:`Facts`, yielding :class:`Finding` values made with
    :meth:`finding`. ``jurisdiction`` names the country whose law the rule
    rests on, if it rests on one country's law.

    Rules compare by their data and by the identity of their check.

    >>> from socialservices.validation import DEFAULT_RULES
    >>> rule = next(rule for rule in DEFAULT_RULES if rule.code == "PLC008")
    >>> rule.family, rule.severity.value
    ('PLC', 'warning')

    .. versionadded:: 0.2
    """

    code: str = attrs.field(validator=_rule_code)
    title: str = attrs.field(validator=_checks.text)
    severity: Severity = attrs.field(validator=_checks.instance_of(Severity))
    rationale: str = attrs.field(validator=_checks.text)
    check: Check = attrs.field(validator=_callable, repr=False)
    basis: tuple[Citation, ...] = attrs.field(
        default=(), converter=_to_basis, validator=_checks.tuple_of(Citation)
    )
    in_force: Period = attrs.field(
        default=ALWAYS, validator=_checks.instance_of(Period)
    )
    jurisdiction: str | None = attrs.field(
        default=None, validator=_checks.optional_code
    )
    """The country whose law the rule rests on (ISO 3166, ``"BG"``), or
    ``None`` for a rule any jurisdiction's data can be held to (see
    :func:`select_rules`'s ``jurisdiction``).

    .. versionadded:: 0.5
    """

    @property
    def family(self) -> str:
        """The letters of the code, e.g. ``"LOC"``."""
        return self.code.rstrip("0123456789")

    def applies_on(self, day: date) -> bool:
        """Whether the rule is in force on ``day``.

        Raises:
            InvalidValueError: ``day`` is not a date.
        """
        _checks.date_argument("Rule.applies_on", "day", day)
        return self.in_force.contains(day)

    def finding(
        self,
        message: str,
        *subjects: tuple[Entity, str],
        fields: Iterable[str] = (),
        on: date | None = None,
        period: Period | None = None,
        free_places: Iterable[FreePlaces] = (),
        peak: int | None = None,
        look_alike: str | None = None,
    ) -> Finding:
        """A finding of this rule: its code and severity, and what it is about.

        ``subjects`` are ``(Entity, id)`` pairs, the main one first.

        Raises:
            InvalidValueError: a subject is not an ``(Entity, id)`` pair, or
                a value is not what :class:`Finding` holds.
        """
        for subject in subjects:
            if not isinstance(subject, tuple) or len(subject) != 2:
                raise InvalidValueError(
                    f"Rule {self.code}.finding",
                    "subjects",
                    subject,
                    "wrong_type",
                    "each subject must be an (Entity, id) pair",
                )
        return Finding(
            code=self.code,
            severity=self.severity,
            message=message,
            subjects=[Subject(kind=kind, id=id) for kind, id in subjects],
            fields=fields,
            on=on,
            period=period,
            free_places=free_places,
            peak=peak,
            look_alike=look_alike,
        )
