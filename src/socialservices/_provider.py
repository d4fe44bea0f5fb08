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

__all__ = [
    "Licence",
    "OrganisationIdentifier",
    "Provider",
    "ProviderKind",
]


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


_SCHEME = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,16}")
"""What an identifier scheme is: an org-id.guide list code, such as
``BG-EIK``, ``US-EIN`` or ``GB-COH`` (two capital letters for the country,
or ``XI``/``XM`` for international lists, a hyphen, the list's letters)."""

_PREFIXED = re.compile(r"([A-Z]{2}-[A-Z0-9]{1,16})-(.+)", re.DOTALL)
_BARE_BULGARIAN = re.compile(r"(?:BG)?([0-9]+)")

_BULGARIAN_EIK = "BG-EIK"
"""The scheme of a Bulgarian EIK/BULSTAT, the one scheme whose identifiers
are checked (9 or 13 digits with valid check digits); a bare ``uic`` of
digits is read in it."""

_CHECKED = {_BULGARIAN_EIK: (_checks.eik_problem, _checks.EIK_REASONS)}
"""The schemes whose identifiers the library checks, with their rule."""


def _scheme(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An identifier scheme: an org-id.guide list code (see ``_SCHEME``)."""
    _checks.code(instance, attribute, value)
    if _SCHEME.fullmatch(str(value)) is None:
        raise _checks.fail(
            instance,
            attribute,
            value,
            "malformed",
            "a scheme is an org-id.guide list code such as 'BG-EIK', 'US-EIN' or 'GB-COH'",
        )


def _in_scheme(
    instance: object,
    attribute: attrs.Attribute[Any],
    value: str,
    scheme: str | None,
    identifier: str,
) -> None:
    """Refuse ``identifier`` (as written in ``value``) unless it follows ``scheme``'s rule.

    An identifier that is a personal number (an EGN) is refused with its
    value masked, as a person's id is, so that the error can be logged.
    """
    rule = _CHECKED.get(scheme) if scheme is not None else None
    if rule is None:
        return  # a scheme the library does not know: kept as given
    problem_of, reasons = rule
    problem = problem_of(identifier)
    if problem is None:
        return
    reason = reasons[problem]
    if _checks.is_egn(identifier):
        value, reason = "*" * len(value), f"{reason}; this is a personal number (EGN)"
    raise _checks.fail(instance, attribute, value, problem, reason)


def _identifier(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """An id that follows its scheme's rule (an EIK for ``BG-EIK``)."""
    _checks.identifier(instance, attribute, value)
    scheme = getattr(instance, "scheme", None)
    _in_scheme(instance, attribute, str(value), scheme, str(value))


@attrs.frozen(kw_only=True)
class OrganisationIdentifier:
    """An identifier of an organisation in a named scheme, as HSDS's
    ``organization_identifiers`` give them.

    ``scheme`` is an org-id.guide list code (two capital letters, a hyphen,
    capital letters or digits): ``BG-EIK`` for
    a Bulgarian EIK/BULSTAT, ``US-EIN``, ``GB-COH``, ``GB-CHC``, ...
    ``identifier`` is the code in that list. In ``BG-EIK`` it must be an
    EIK: 9 digits, or 13 for a unit, with valid check digits (codes
    ``"malformed"`` and ``"checksum"``). Any other scheme's identifier is
    kept as given: it is only checked to be an id. ``str()`` gives the
    org-id form, the scheme and the identifier joined by a hyphen.

    >>> str(OrganisationIdentifier(scheme="US-EIN", identifier="12-3456789"))
    'US-EIN-12-3456789'
    >>> OrganisationIdentifier(scheme="BG-EIK", identifier="12345678")
    Traceback (most recent call last):
    ...
    socialservices.InvalidValueError: OrganisationIdentifier.identifier='12345678': an EIK has 9 digits...

    .. versionadded:: 0.5
    """

    scheme: str = attrs.field(validator=_scheme)
    identifier: str = attrs.field(validator=_identifier)

    def __str__(self) -> str:
        return f"{self.scheme}-{self.identifier}"


def _to_identifiers(
    value: Iterable[OrganisationIdentifier],
) -> tuple[OrganisationIdentifier, ...]:
    return _checks.canonical(value, key=lambda each: (each.scheme, each.identifier))


def _uic(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An id, read in its scheme: ``BG-EIK-`` and an EIK, or a bare EIK.

    A ``uic`` that starts with an org-id.guide scheme and a hyphen
    (``"BG-EIK-175074752"``, ``"GB-COH-1234567"``) is in that scheme; one of
    digits alone, optionally after ``BG`` as in a VAT number, is a Bulgarian
    EIK (the library's home). Anything else is kept as given.
    """
    _checks.identifier(instance, attribute, value)
    text = str(value)
    prefixed = _PREFIXED.fullmatch(text)
    if prefixed is not None:
        _in_scheme(instance, attribute, text, prefixed.group(1), prefixed.group(2))
        return
    bare = _BARE_BULGARIAN.fullmatch(text)
    if bare is not None:
        _in_scheme(instance, attribute, text, _BULGARIAN_EIK, bare.group(1))


@attrs.frozen(kw_only=True)
class Provider:
    """A municipality, state body, NGO or company that provides services.

    ``uic`` is the unified identification code of the legal entity, when
    known, read in its scheme. Written after an org-id.guide scheme and a
    hyphen, it is in that scheme: ``"BG-EIK-175074752"`` is a Bulgarian
    EIK/BULSTAT and is checked as one, ``"US-EIN-12-3456789"`` or
    ``"GB-COH-1234567"`` is kept as given. Written as digits alone
    (optionally after ``BG``, as in a VAT number) it is a Bulgarian EIK, the
    library's home: it must have 9 or 13 digits (else code ``"malformed"``:
    ``"12345678"`` is refused) and valid check digits (code ``"checksum"``).
    Any other ``uic`` (``"DE123456789"``) is only checked to be an id.

    ``identifiers`` are the provider's other identifiers, each with its
    scheme (:class:`OrganisationIdentifier`), as HSDS's
    ``organization_identifiers`` list them; they are kept in order of scheme
    and identifier.

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
    identifiers: tuple[OrganisationIdentifier, ...] = attrs.field(
        default=(),
        converter=_to_identifiers,
        validator=_checks.tuple_of(OrganisationIdentifier),
    )
    """The provider's other identifiers, each in its scheme, as HSDS's
    ``organization_identifiers`` give them.

    .. versionadded:: 0.5
    """
