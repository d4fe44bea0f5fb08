"""Bulgarian identifiers: the EIK/BULSTAT of a legal entity, and the EGN of a person.

Both end in a check digit computed with weighted sums modulo 11; the rules
themselves live in the core (``_checks``), which checks an EIK wherever a
:class:`~socialservices.Provider` gives one in the scheme ``BG-EIK``; an EGN
is personal data that a :class:`~socialservices.Person` never stores, so it
is only screened here, for callers who receive one.
"""

from __future__ import annotations

from datetime import date

from .. import _checks
from .._errors import InvalidValueError

__all__ = [
    "birth_date_from_egn",
    "is_valid_egn",
    "is_valid_eik",
    "validate_egn",
    "validate_eik",
]


def eik_problem(text: object) -> str | None:
    """Why ``text`` is not a valid EIK/BULSTAT (a code), or ``None`` when it is."""
    if not isinstance(text, str):
        return "wrong_type"
    return _checks.eik_problem(text)


def is_valid_eik(text: object) -> bool:
    """Whether ``text`` is a valid EIK/BULSTAT: 9 digits, or 13 for a unit.

    >>> is_valid_eik("175074752"), is_valid_eik("1213961230342")
    (True, True)
    >>> is_valid_eik("123456789")
    False
    """
    return eik_problem(text) is None


def validate_eik(text: object) -> None:
    """Raise :class:`~socialservices.InvalidValueError` unless ``text`` is a valid EIK.

    Its ``code`` is ``"wrong_type"``, ``"malformed"`` (not 9 or 13 digits)
    or ``"checksum"``.
    """
    problem = eik_problem(text)
    if problem is not None:
        raise InvalidValueError(
            "validate_eik", "text", text, problem, EIK_REASONS[problem]
        )


EIK_REASONS = {"wrong_type": "an EIK must be a string", **_checks.EIK_REASONS}


def egn_problem(text: object) -> str | None:
    """Why ``text`` is not a valid EGN (a code), or ``None`` when it is."""
    if not isinstance(text, str):
        return "wrong_type"
    return _checks.egn_problem(text)


def is_valid_egn(text: object) -> bool:
    """Whether ``text`` is a valid EGN: 10 digits, a real birth date, the check digit.

    >>> is_valid_egn("8032056031"), is_valid_egn("7523169263")
    (True, True)
    >>> is_valid_egn("8032056032")
    False
    """
    return egn_problem(text) is None


def validate_egn(text: object) -> None:
    """Raise :class:`~socialservices.InvalidValueError` unless ``text`` is a valid EGN.

    Its ``code`` is ``"wrong_type"``, ``"malformed"`` (not 10 digits),
    ``"invalid_date"`` (no such birth date) or ``"checksum"``. An EGN is
    personal data, so the error does not hold it: its ``value`` is masked
    (``"**********"``), and the error can be logged.
    """
    _refuse_egn("validate_egn", text)


def _refuse_egn(function: str, text: object) -> None:
    """Raise :func:`validate_egn`'s error, naming ``function``."""
    problem = egn_problem(text)
    if problem is not None:
        masked = "*" * len(text) if isinstance(text, str) else type(text).__name__
        reason = _EGN_REASONS[problem]
        raise InvalidValueError(function, "text", masked, problem, reason)


_EGN_REASONS = {
    "wrong_type": "an EGN must be a string",
    "malformed": "an EGN has 10 digits",
    "invalid_date": "its first six digits are not a birth date",
    "checksum": "the check digit does not match: a digit is wrong or swapped",
}


def birth_date_from_egn(text: str) -> date:
    """The birth date an EGN encodes (months +20 for the 1800s, +40 for the 2000s).

    >>> birth_date_from_egn("7523169263")
    datetime.date(1875, 3, 16)

    Raises:
        InvalidValueError: ``text`` is not a valid EGN (as for
            :func:`validate_egn`: the value is masked).
    """
    _refuse_egn("birth_date_from_egn", text)
    birth_date = _checks.egn_birth_date(text)
    assert birth_date is not None
    return birth_date
