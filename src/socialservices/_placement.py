"""Placements: episodes of a person in a service."""

from __future__ import annotations

import enum
from datetime import date

import attrs

from . import _checks
from ._period import Period

__all__ = ["NOT_IN_A_SERVICE", "EndReason", "Measure", "Placement"]


class Measure(enum.Enum):
    """The protection measure under which a child is placed.

    The first three in the order the Child Protection Act prefers them: with
    relatives or close people, then in a foster family, and residential care
    last. The others are what registers elsewhere record (England's SSDA903
    placement types are given for reference):

    - ``WITH_PARENTS``: placed with a parent, or another person with parental
      responsibility, while the child stays under the authority's measure
      (SSDA903 ``P1``).
    - ``FOR_ADOPTION``: placed with prospective adopters before an adoption
      order (SSDA903 ``A3`` to ``A6``).

    A policy's :class:`~socialservices.MeasureOrder` need not list every
    measure: one it does not list ranks after those it does.

    .. versionadded:: 0.1
    .. versionchanged:: 0.5
       ``WITH_PARENTS`` and ``FOR_ADOPTION``.
    """

    RELATIVES = "relatives"
    FOSTER_FAMILY = "foster_family"
    RESIDENTIAL = "residential"
    WITH_PARENTS = "with_parents"
    FOR_ADOPTION = "for_adoption"


class EndReason(enum.Enum):
    """Why a placement ended.

    England's SSDA903 codes for the reason an episode ceased are given for
    reference where one matches:

    - ``RETURNED_TO_FAMILY``: back home to the parents or another person with
      parental responsibility (``E4A``, ``E4B``).
    - ``ADOPTED``: an adoption order was made (``E11``, ``E12``).
    - ``SPECIAL_GUARDIANSHIP``: a special guardianship order was made to the
      carers, former foster carers or others (``E43`` to ``E46``).
    - ``CHILD_ARRANGEMENTS``: a residence or child arrangements order settled
      with whom the child lives (``E41``, ``E47``, ``E48``).
    - ``DECEASED``: the person died (``E2``).
    - ``CONTINUES``: the episode ended and the next began the same day, for
      a change of placement, measure or legal basis (``X1``). It is not an
      exit: the person stays, and the next placement, starting on this one's
      end day, does not overlap it.

    .. versionadded:: 0.1
    .. versionchanged:: 0.5
       ``SPECIAL_GUARDIANSHIP``, ``CHILD_ARRANGEMENTS`` and ``CONTINUES``.
    """

    RETURNED_TO_FAMILY = "returned_to_family"
    PLACED_WITH_RELATIVES = "placed_with_relatives"
    FOSTER_FAMILY = "foster_family"
    ADOPTED = "adopted"
    TRANSFERRED = "transferred"
    INDEPENDENT_LIVING = "independent_living"
    DECEASED = "deceased"
    OTHER = "other"
    SPECIAL_GUARDIANSHIP = "special_guardianship"
    CHILD_ARRANGEMENTS = "child_arrangements"
    CONTINUES = "continues"

    @property
    def is_exit_to_family(self) -> bool:
        """``True`` when the person left for a family: their own, relatives,
        adopters, or carers given a special guardianship or child arrangements
        order.

        >>> EndReason.SPECIAL_GUARDIANSHIP.is_exit_to_family
        True
        >>> EndReason.CONTINUES.is_exit_to_family
        False
        """
        return self in _TO_FAMILY

    @property
    def is_exit(self) -> bool:
        """``False`` only for ``CONTINUES``: the person did not leave, a new
        episode began the same day.

        .. versionadded:: 0.5
        """
        return self is not EndReason.CONTINUES


NOT_IN_A_SERVICE = frozenset(
    {Measure.WITH_PARENTS, Measure.RELATIVES, Measure.FOR_ADOPTION}
)
"""The measures under which a placement may be in no service: with parents,
with relatives or close people, or with prospective adopters."""


def _service_where_needed(
    instance: Placement, attribute: attrs.Attribute[Measure | None], value: object
) -> None:
    _checks.instance_of(Measure, optional=True)(instance, attribute, value)
    if instance.service is None and value not in NOT_IN_A_SERVICE:
        raise _checks.fail(
            instance,
            attrs.fields(Placement).service,
            None,
            "service_needed",
            "a placement that is not with parents, relatives or prospective "
            "adopters is in a service",
        )


_TO_FAMILY = frozenset(
    {
        EndReason.RETURNED_TO_FAMILY,
        EndReason.PLACED_WITH_RELATIVES,
        EndReason.ADOPTED,
        EndReason.SPECIAL_GUARDIANSHIP,
        EndReason.CHILD_ARRANGEMENTS,
    }
)


@attrs.frozen(kw_only=True)
class Placement:
    """A person placed in a service for a period.

    ``person`` and ``service`` are ids resolved by a :class:`Registry`. The
    placement holds one place on every day of its ``period``; one ending on
    day D and another starting on D share a place. A placement with parents,
    with relatives or close people, or with prospective adopters (the
    measures in :data:`NOT_IN_A_SERVICE`) may be in no service
    (``service=None``): it takes no place and needs no provider; any other
    placement is in a service (code ``"service_needed"``). ``measure`` is the
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
    >>> Placement(id="PL2", person="C1", service=None, period=Period(start=date(2025, 9, 1)),
    ...           measure=Measure.WITH_PARENTS).service is None
    True

    .. versionadded:: 0.1
    .. versionchanged:: 0.5
       ``service`` may be ``None`` for a placement in no service.
    """

    id: str = attrs.field(validator=_checks.identifier)
    person: str = attrs.field(validator=_checks.person_identifier)
    service: str | None = attrs.field(validator=_checks.optional(_checks.identifier))
    period: Period = attrs.field(validator=_checks.instance_of(Period))
    measure: Measure | None = attrs.field(default=None, validator=_service_where_needed)
    legal_basis: str | None = attrs.field(default=None, validator=_checks.optional_text)
    end_reason: EndReason | None = attrs.field(
        default=None, validator=_checks.instance_of(EndReason, optional=True)
    )

    def is_active_on(self, day: date) -> bool:
        """Whether the placement holds a place on ``day``."""
        return self.period.contains(day)
