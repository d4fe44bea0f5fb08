"""Providers of social services and the licences they hold."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from . import _checks
from ._period import Period

__all__ = ["Licence", "Provider", "ProviderKind"]


class ProviderKind(enum.Enum):
    """Who a provider is: public bodies need no licence, private ones do.

    .. versionadded:: 0.1
    """

    MUNICIPALITY = "municipality"
    STATE = "state"
    NGO = "ngo"
    COMPANY = "company"

    @property
    def is_public(self) -> bool:
        """``True`` for a municipality or a state body."""
        return self in (ProviderKind.MUNICIPALITY, ProviderKind.STATE)


@attrs.frozen(kw_only=True)
class Licence:
    """A licence to provide one service type for one target group, for a period.

    ``service_type`` is a :class:`ServiceType` code and ``target_group`` a
    target-group code, as the jurisdiction defines them.

    .. versionadded:: 0.1
    """

    number: str = attrs.field(validator=_checks.identifier)
    service_type: str = attrs.field(validator=_checks.code)
    target_group: str = attrs.field(validator=_checks.code)
    period: Period = attrs.field(validator=_checks.instance_of(Period))

    def covers(self, service_type: str, target_group: str, day: date) -> bool:
        """Whether this licence covers the service type and group on ``day``."""
        return (
            self.service_type == service_type
            and self.target_group == target_group
            and self.period.contains(day)
        )


def _to_licences(value: Iterable[Licence]) -> tuple[Licence, ...]:
    return _checks.canonical(value, key=lambda licence: licence.number)


_BULGARIAN_UIC = re.compile(r"(?:BG)?(\d{9}|\d{13})", re.ASCII)


def _uic(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An identifier; a Bulgarian EIK/BULSTAT (9 or 13 digits) with valid check digits."""
    _checks.identifier(instance, attribute, value)
    bulgarian = _BULGARIAN_UIC.fullmatch(str(value))
    if bulgarian is None:
        return
    from .bulgaria._identifiers import (  # the jurisdiction's rule
        EIK_REASONS,
        eik_problem,
    )

    problem = eik_problem(bulgarian.group(1))
    if problem is not None:
        raise _checks.fail(instance, attribute, value, problem, EIK_REASONS[problem])


@attrs.frozen(kw_only=True)
class Provider:
    """A municipality, state body, NGO or company that provides services.

    ``uic`` is the unified identification code of the legal entity, when
    known. Written as 9 or 13 digits, optionally after ``BG`` as in a VAT
    number, it is a Bulgarian EIK/BULSTAT and its check digits must match
    (code ``"checksum"``); write another country's code after its ISO 3166
    prefix (``"DE..."``), and it is only checked to be an identifier.

    >>> provider = Provider(id="P1", name="Правец", kind=ProviderKind.MUNICIPALITY,
    ...                     uic="000776331")
    >>> provider.kind.is_public
    True
    >>> Provider(id="P2", name="Фондация", kind=ProviderKind.NGO, uic="123456789")
    Traceback (most recent call last):
    ...
    socialservices.InvalidValueError: Provider.uic='123456789': the check digit does not match...

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=_checks.identifier)
    name: str = attrs.field(validator=_checks.text)
    kind: ProviderKind = attrs.field(validator=_checks.instance_of(ProviderKind))
    uic: str | None = attrs.field(default=None, validator=_checks.optional(_uic))
    licences: tuple[Licence, ...] = attrs.field(
        default=(), converter=_to_licences, validator=_checks.tuple_of(Licence)
    )
