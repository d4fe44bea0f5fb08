"""Agreements between municipalities and providers, and the places they reserve."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from . import _checks
from ._period import Period

__all__ = [
    "Agreement",
    "AgreementKind",
    "CapacityCeiling",
    "Party",
    "PartyKind",
    "Reservation",
]


class AgreementKind(enum.Enum):
    """What an agreement is.

    .. versionadded:: 0.1
    """

    MEMORANDUM = "memorandum"
    """A memorandum of understanding (меморандум)."""
    PARTNERSHIP = "partnership"
    """A multilateral partnership agreement (споразумение за партньорство)."""
    MANAGEMENT_CONTRACT = "management_contract"
    """A municipality delegates running a service to a provider (договор)."""
    INTER_MUNICIPAL = "inter_municipal"
    """Municipalities share services or places (междуобщинско споразумение)."""


class PartyKind(enum.Enum):
    """What a party's ``id`` refers to.

    .. versionadded:: 0.1
    """

    MUNICIPALITY = "municipality"
    REGION = "region"
    PROVIDER = "provider"


@attrs.frozen(kw_only=True)
class Party:
    """One party to an agreement: a municipality, region or provider, by id.

    .. versionadded:: 0.1
    """

    kind: PartyKind = attrs.field(validator=_checks.instance_of(PartyKind))
    id: str = attrs.field(validator=_checks.identifier)
    role: str | None = attrs.field(default=None, validator=_checks.optional_text)


@attrs.frozen(kw_only=True)
class Reservation:
    """``places`` places of ``service`` held for residents of ``for_municipality``.

    Held places are not free to anyone else while the agreement runs; the
    residents they are held for fill them first.

    .. versionadded:: 0.1
    """

    service: str = attrs.field(validator=_checks.identifier)
    for_municipality: str = attrs.field(validator=_checks.code)
    places: int = attrs.field(validator=_checks.count)


def _to_parties(value: Iterable[Party]) -> tuple[Party, ...]:
    return _checks.canonical(value, key=lambda party: (party.kind.value, party.id))


def _to_reservations(value: Iterable[Reservation]) -> tuple[Reservation, ...]:
    return _checks.canonical(
        value, key=lambda held: (held.service, held.for_municipality, held.places)
    )


def _service_ids(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _checks.frozenset_of(str, each=_checks.identifier)(instance, attribute, value)


@attrs.frozen(kw_only=True)
class Agreement:
    """A memorandum, partnership, management contract or inter-municipal agreement.

    ``services`` are the ids of the services it covers; ``reservations``
    hold places of those services for partner municipalities while
    ``period`` runs.

    >>> from datetime import date
    >>> contract = Agreement(
    ...     id="A1", kind=AgreementKind.MANAGEMENT_CONTRACT, title="ЦНСТ Правец",
    ...     parties=[Party(kind=PartyKind.MUNICIPALITY, id="SFO34"),
    ...              Party(kind=PartyKind.PROVIDER, id="P7")],
    ...     period=Period(start=date(2024, 1, 1), end=date(2029, 1, 1)),
    ...     services={"S1"},
    ... )
    >>> contract.is_active_on(date(2028, 12, 31)), contract.is_active_on(date(2029, 1, 1))
    (True, False)

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=_checks.identifier)
    kind: AgreementKind = attrs.field(validator=_checks.instance_of(AgreementKind))
    title: str = attrs.field(validator=_checks.text)
    period: Period = attrs.field(validator=_checks.instance_of(Period))
    parties: tuple[Party, ...] = attrs.field(
        default=(), converter=_to_parties, validator=_checks.tuple_of(Party)
    )
    signed: date | None = attrs.field(default=None, validator=_checks.optional_date)
    services: frozenset[str] = attrs.field(
        default=frozenset(), converter=_checks.to_str_frozenset, validator=_service_ids
    )
    reservations: tuple[Reservation, ...] = attrs.field(
        default=(), converter=_to_reservations, validator=_checks.tuple_of(Reservation)
    )

    def is_active_on(self, day: date) -> bool:
        """Whether the agreement is in force on ``day``."""
        return self.period.contains(day)


@attrs.frozen(kw_only=True)
class CapacityCeiling:
    """The most users of a service type an area may have (the National Map).

    ``area`` is a municipality or region code.

    .. versionadded:: 0.1
    """

    area: str = attrs.field(validator=_checks.code)
    service_type: str = attrs.field(validator=_checks.code)
    max_users: int = attrs.field(validator=_checks.count)
