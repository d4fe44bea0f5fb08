"""Findings: what a validation rule reports, as plain values."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TypeVar

import attrs

from .. import _checks
from .._geography import Proximity
from .._period import Period

__all__ = ["Entity", "Finding", "FreePlaces", "Severity", "Subject"]

_T = TypeVar("_T")


def listing(ids: Sequence[str], most: int = 5) -> str:
    """``ids`` for a message: the first ``most``, then how many more."""
    shown = ", ".join(ids[:most])
    return shown if len(ids) <= most else f"{shown} and {len(ids) - most} more"


class Severity(enum.Enum):
    """How much a finding matters.

    ``ERROR``: the data are wrong or the law is broken. ``WARNING``: most
    likely wrong, or against a preference the law states. ``INFO``: worth
    knowing, nothing is wrong yet.

    .. versionadded:: 0.2
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Entity(enum.Enum):
    """The kinds of things a finding can be about.

    .. versionadded:: 0.2
    """

    REGION = "region"
    MUNICIPALITY = "municipality"
    PROVIDER = "provider"
    LICENCE = "licence"
    SERVICE_TYPE = "service_type"
    SERVICE = "service"
    PERSON = "person"
    PLACEMENT = "placement"
    AGREEMENT = "agreement"
    CEILING = "ceiling"
    REQUEST = "request"


@attrs.frozen(kw_only=True, order=True)
class Subject:
    """One entity a finding is about: its kind and its id (or code).

    >>> Subject(kind=Entity.PLACEMENT, id="PL-13")
    Subject(kind=<Entity.PLACEMENT: 'placement'>, id='PL-13')

    .. versionadded:: 0.2
    """

    kind: Entity = attrs.field(
        validator=_checks.instance_of(Entity), order=lambda kind: kind.value
    )
    id: str = attrs.field(validator=_checks.identifier)


@attrs.frozen(kw_only=True)
class FreePlaces:
    """A service that had free places a finding points to, e.g. close to home.

    .. versionadded:: 0.2
    """

    service: str = attrs.field(validator=_checks.identifier)
    places: int = attrs.field(validator=_checks.count)
    proximity: Proximity | None = attrs.field(
        default=None, validator=_checks.instance_of(Proximity, optional=True)
    )


def _to_tuple(value: Iterable[_T]) -> tuple[_T, ...]:
    return tuple(value) if _checks.is_collection(value) else value  # type: ignore[return-value]


def _subjects(value: Iterable[Subject]) -> tuple[Subject, ...]:
    return _to_tuple(value)


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return _to_tuple(value)


def _free_places(value: Iterable[FreePlaces]) -> tuple[FreePlaces, ...]:
    return _to_tuple(value)


@attrs.frozen(kw_only=True)
class Finding:
    """One problem, or one fact worth knowing, that a rule found in the data.

    ``code`` and ``severity`` are the rule's. ``subjects`` are the entities
    involved, the one the finding is chiefly about first; ``fields`` name the
    attributes involved as ``Type.attribute``; ``on`` is the day it concerns
    (the first, when it concerns a run of days, which is then ``period``);
    ``free_places`` lists the services it points to, with their free places;
    ``peak`` is the largest amount over a limit, for the rules that count one;
    ``look_alike``, for a reference to an id that is not known, is a known id
    that differs from it only by look-alike letters (Cyrillic ``Р`` for Latin
    ``P``, ...): most likely the one meant.

    >>> finding = Finding(code="PLC008", severity=Severity.WARNING,
    ...     message="placement PL-1 ended without an end reason",
    ...     subjects=[Subject(kind=Entity.PLACEMENT, id="PL-1")],
    ...     fields=["Placement.end_reason"])
    >>> finding.family, finding.is_error
    ('PLC', False)

    .. versionadded:: 0.2
    """

    code: str = attrs.field(validator=_checks.code)
    severity: Severity = attrs.field(validator=_checks.instance_of(Severity))
    message: str = attrs.field(validator=_checks.text)
    subjects: tuple[Subject, ...] = attrs.field(
        default=(), converter=_subjects, validator=_checks.tuple_of(Subject)
    )
    fields: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_checks.tuple_of(str)
    )
    on: date | None = attrs.field(default=None, validator=_checks.optional_date)
    period: Period | None = attrs.field(
        default=None, validator=_checks.instance_of(Period, optional=True)
    )
    free_places: tuple[FreePlaces, ...] = attrs.field(
        default=(), converter=_free_places, validator=_checks.tuple_of(FreePlaces)
    )
    peak: int | None = attrs.field(default=None, validator=_checks.optional_count)
    look_alike: str | None = attrs.field(
        default=None, validator=_checks.optional_identifier
    )

    @property
    def family(self) -> str:
        """The rule family: the letters of the code, e.g. ``"LOC"``."""
        return self.code.rstrip("0123456789")

    @property
    def is_error(self) -> bool:
        """``True`` for an error-severity finding."""
        return self.severity is Severity.ERROR

    def concerns(self, kind: Entity, id: str) -> bool:
        """Whether the entity ``kind``/``id`` is one of the subjects.

        Raises:
            InvalidValueError: ``kind`` is not an :class:`Entity`, or ``id`` is
                not a string.
        """
        _checks.argument("Finding.concerns", "kind", kind, Entity)
        _checks.argument("Finding.concerns", "id", id, str)
        return any(s.kind is kind and s.id == id for s in self.subjects)

    def sort_key(self) -> tuple[object, ...]:
        """The order findings of one rule are reported in: subjects, then day."""
        return (
            [(subject.kind.value, subject.id) for subject in self.subjects],
            self.on or date.min,
            self.message,
        )
