"""Placements: episodes of a person in a service."""

from __future__ import annotations

import enum
from datetime import date

import attrs

from . import _checks
from ._period import Period

__all__ = ["EndReason", "Measure", "Placement"]


class Measure(enum.Enum):
    """The protection measure under which a child is placed.

    In the order the Child Protection Act prefers them: with relatives or
    close people, then in a foster family, and residential care last.

    .. versionadded:: 0.1
    """

    RELATIVES = "relatives"
    FOSTER_FAMILY = "foster_family"
    RESIDENTIAL = "residential"


class EndReason(enum.Enum):
    """Why a placement ended.

    .. versionadded:: 0.1
    """

    RETURNED_TO_FAMILY = "returned_to_family"
    PLACED_WITH_RELATIVES = "placed_with_relatives"
    FOSTER_FAMILY = "foster_family"
    ADOPTED = "adopted"
    TRANSFERRED = "transferred"
    INDEPENDENT_LIVING = "independent_living"
    DECEASED = "deceased"
    OTHER = "other"

    @property
    def is_exit_to_family(self) -> bool:
        """``True`` when the person left for a family: their own, relatives, adopters."""
        return self in (
            EndReason.RETURNED_TO_FAMILY,
            EndReason.PLACED_WITH_RELATIVES,
            EndReason.ADOPTED,
        )


@attrs.frozen(kw_only=True)
class Placement:
    """A person placed in a service for a period.

    ``person`` and ``service`` are ids resolved by a :class:`Registry`. The
    placement holds one place on every day of its ``period``; one ending on
    day D and another starting on D share a place. ``measure`` is the
    protection measure for a child (``None`` where none applies);
    ``legal_basis`` cites the decision, e.g. an order or a court ruling, by
    its number and date: it must not hold a name, a national identity
    number or any other personal data. ``person`` is a pseudonymous person
    id; a national identity number (EGN) is refused, as for :class:`Person`.

    >>> from datetime import date
    >>> stay = Placement(id="PL1", person="C1", service="S1",
    ...                  period=Period(start=date(2025, 9, 1)), measure=Measure.RESIDENTIAL)
    >>> stay.is_active_on(date(2026, 1, 1))
    True

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=_checks.identifier)
    person: str = attrs.field(validator=_checks.person_identifier)
    service: str = attrs.field(validator=_checks.identifier)
    period: Period = attrs.field(validator=_checks.instance_of(Period))
    measure: Measure | None = attrs.field(
        default=None, validator=_checks.instance_of(Measure, optional=True)
    )
    legal_basis: str | None = attrs.field(default=None, validator=_checks.optional_text)
    end_reason: EndReason | None = attrs.field(
        default=None, validator=_checks.instance_of(EndReason, optional=True)
    )

    def is_active_on(self, day: date) -> bool:
        """Whether the placement holds a place on ``day``."""
        return self.period.contains(day)
