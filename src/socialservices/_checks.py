"""Validators and converters shared by the domain types.

Each validator checks what one value can know and raises
:class:`~socialservices.InvalidValueError` naming the class, the field and the
value. They follow the ``attrs`` validator signature ``(instance, attribute,
value)``.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

import attrs

from ._errors import InvalidValueError, UnknownReferenceError

_T = TypeVar("_T")
_INVISIBLE = (
    # controls (Cc), lone surrogates (Cs); white space other than these is \s
    "\x00-\x1f\x7f-\x9f\ud800-\udfff"
    # format characters (Cf): soft hyphen, Arabic marks, zero-width space and
    # joiners, left-to-right and right-to-left marks, bidi embeddings,
    # overrides and isolates, word joiner, invisible operators, BOM, ...
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    # other characters that show nothing (default-ignorable, or blank glyphs):
    # combining grapheme joiner, Hangul fillers, Khmer vowels inherent,
    # Mongolian variation selectors, variation selectors, braille blank
    "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u2800\u3164"
    "\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef"
)
_HIDDEN = re.compile(f"[^\\S ]|[{_INVISIBLE}]")  # a plain space shows
IDENTIFIER = re.compile(f"[^\\s{_INVISIBLE}]{{1,128}}")
"""What an id may be: shared by the validator and the test strategies.

An id holds no white space and nothing invisible: no control or format
character (zero-width spaces, joiners, soft hyphens, the byte-order mark,
bidirectional marks, embeddings, overrides and isolates) and no other
character that shows nothing, so that two ids that look the same are the
same.
"""
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CODE = re.compile(r"[\w.\-]{1,32}")


def fail(
    instance: object,
    attribute: attrs.Attribute[Any],
    value: object,
    code: str,
    reason: str,
) -> InvalidValueError:
    """Build the error for one bad field of ``instance``."""
    return InvalidValueError(
        type(instance).__name__, attribute.name, value, code, reason
    )


def optional(check: Any) -> Any:
    """``check``, letting ``None`` through: for fields that may be unknown."""

    def check_unless_none(
        instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if value is not None:
            check(instance, attribute, value)

    return check_unless_none


def identifier(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """An id: 1 to 128 characters, no white space, nothing invisible (see :data:`IDENTIFIER`).

    An invisible character is refused with code ``"invisible_character"``,
    naming its position and code point (``U+200B``), not the character.
    """
    if type(value) is str and IDENTIFIER.fullmatch(value) is not None:
        return  # the common case: one test
    if not isinstance(value, str):
        raise fail(instance, attribute, value, "wrong_type", "an id must be a string")
    if not value:
        raise fail(instance, attribute, value, "empty", "an id must not be empty")
    hidden = _HIDDEN.search(value)
    if hidden is not None:
        raise fail(
            instance,
            attribute,
            value,
            "invisible_character",
            f"an id must not hold invisible characters: character {hidden.start() + 1} "
            f"is {describe_character(hidden.group())}",
        )
    if IDENTIFIER.fullmatch(value) is None:
        raise fail(
            instance,
            attribute,
            value,
            "malformed",
            "an id has 1 to 128 characters and no white space",
        )


def describe_character(character: str) -> str:
    """A character by code point and name, for messages: ``U+200B ZERO WIDTH SPACE``.

    >>> describe_character("\\u202e")
    'U+202E RIGHT-TO-LEFT OVERRIDE'
    """
    name = unicodedata.name(character, "")
    point = f"U+{ord(character):04X}"
    return f"{point} {name}" if name else point


_EGN_WEIGHTS = (2, 4, 8, 5, 10, 9, 7, 3, 6)


def is_egn(text: str) -> bool:
    """Whether ``text`` is a valid Bulgarian EGN (personal number): 10 ASCII
    digits, a real birth date in the first six, and the check digit.

    The rule of :func:`socialservices.bulgaria.is_valid_egn`, kept here so
    that the core can refuse national identity numbers as person ids without
    importing a jurisdiction; ``bulgaria`` uses it.

    >>> is_egn("8032056031"), is_egn("8032056032"), is_egn("P-8032056031")
    (True, False, False)
    """
    return egn_problem(text) is None


def egn_problem(text: str) -> str | None:
    """Why the string ``text`` is not a valid EGN: ``"malformed"`` (not 10
    ASCII digits), ``"invalid_date"`` or ``"checksum"``; ``None`` when it is."""
    if len(text) != 10 or not (text.isascii() and text.isdigit()):
        return "malformed"
    if egn_birth_date(text) is None:
        return "invalid_date"
    digits = [int(character) for character in text]
    remainder = sum(d * w for d, w in zip(digits, _EGN_WEIGHTS, strict=False)) % 11
    return None if remainder % 10 == digits[9] else "checksum"


def egn_birth_date(text: str) -> date | None:
    """The birth date the first six digits of an EGN give, if there is one
    (the month says the century: +20 for the 1800s, +40 for the 2000s)."""
    year, month, day = int(text[0:2]), int(text[2:4]), int(text[4:6])
    century = 1900
    if month > 40:
        century, month = 2000, month - 40
    elif month > 20:
        century, month = 1800, month - 20
    try:
        return date(century + year, month, day)
    except ValueError:
        return None


_EIK_9 = ((1, 2, 3, 4, 5, 6, 7, 8), (3, 4, 5, 6, 7, 8, 9, 10))
_EIK_13 = ((2, 7, 3, 5), (4, 9, 5, 7))

EIK_REASONS = {
    "malformed": "an EIK has 9 digits (13 for a unit of an entity)",
    "checksum": "the check digit does not match: a digit is wrong or swapped",
}
"""What :func:`eik_problem`'s codes mean, for messages."""


def eik_problem(text: str) -> str | None:
    """Why the string ``text`` is not a valid Bulgarian EIK/BULSTAT:
    ``"malformed"`` (not 9 or 13 ASCII digits) or ``"checksum"``; ``None``
    when it is.

    The format of the identifier scheme ``BG-EIK``, kept here so that the
    core checks a provider's identifiers without importing a jurisdiction;
    :func:`socialservices.bulgaria.is_valid_eik` uses it.

    >>> eik_problem("175074752"), eik_problem("12345678"), eik_problem("123456789")
    (None, 'malformed', 'checksum')
    """
    if len(text) not in (9, 13) or not (text.isascii() and text.isdigit()):
        return "malformed"
    digits = [int(character) for character in text]
    if _eik_check_digit(digits[:8], _EIK_9) != digits[8]:
        return "checksum"
    if len(digits) == 13 and _eik_check_digit(digits[8:12], _EIK_13) != digits[12]:
        return "checksum"
    return None


def _eik_check_digit(digits: list[int], weights: tuple[tuple[int, ...], ...]) -> int:
    """The check digit: a first weighted pass, a second when it gives 10, else 0."""
    for pass_weights in weights:
        remainder = sum(d * w for d, w in zip(digits, pass_weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return 0


def person_identifier(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """The id of a person: an :func:`identifier` that is no national identity number.

    A person is known by a pseudonymous id only. An id that is a valid
    Bulgarian EGN is refused with code ``"national_id"``; the error's value is
    masked (``"**********"``) and its message does not repeat the number, so
    it can be logged.
    """
    identifier(instance, attribute, value)
    if isinstance(value, str) and len(value) == 10 and is_egn(value):
        raise fail(
            instance,
            attribute,
            "*" * 10,
            "national_id",
            "is a national identity number (EGN): give the person a pseudonymous id",
        )


def code(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A code: 1 to 32 letters, digits, ``_``, ``.`` or ``-``."""
    if not isinstance(value, str):
        raise fail(instance, attribute, value, "wrong_type", "a code must be a string")
    if not value:
        raise fail(instance, attribute, value, "empty", "a code must not be empty")
    if _CODE.fullmatch(value) is None:
        raise fail(
            instance,
            attribute,
            value,
            "malformed",
            "a code has 1 to 32 letters, digits, '_', '.' or '-'",
        )


optional_identifier = optional(identifier)


optional_code = optional(code)


def text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Human text such as a name: a string with something besides white space."""
    if not isinstance(value, str):
        raise fail(instance, attribute, value, "wrong_type", "must be a string")
    if not value.strip():
        raise fail(instance, attribute, value, "empty", "must not be blank")
    if _SURROGATE.search(value) is not None:
        raise fail(
            instance,
            attribute,
            value,
            "malformed",
            "must be Unicode text (it holds a lone surrogate)",
        )


optional_text = optional(text)


def a_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A calendar date (a ``datetime`` is refused: it does not compare with dates)."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise fail(instance, attribute, value, "wrong_type", "must be a datetime.date")


optional_date = optional(a_date)


LARGEST_COUNT = 2**53 - 1
"""The largest whole number every JSON reader carries exactly (RFC 7493)."""


def count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A whole number from 0 to :data:`LARGEST_COUNT` (``bool`` is refused)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise fail(instance, attribute, value, "wrong_type", "must be a whole number")
    if value < 0:
        raise fail(instance, attribute, value, "negative", "must not be negative")
    if value > LARGEST_COUNT:
        raise fail(
            instance,
            attribute,
            value,
            "out_of_range",
            "must be at most 2**53 - 1, the largest whole number JSON carries exactly",
        )


optional_count = optional(count)


def boolean(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise fail(instance, attribute, value, "wrong_type", "must be True or False")


def in_range(low: float, high: float) -> Any:
    """A finite real number between ``low`` and ``high`` inclusive."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise fail(instance, attribute, value, "wrong_type", "must be a number")
        if not low <= value <= high:  # NaN compares false; no float() overflow
            raise fail(
                instance,
                attribute,
                value,
                "out_of_range",
                f"must be between {low} and {high}",
            )

    return check


def instance_of(kind: type, *, optional: bool = False) -> Any:
    """The value is a ``kind`` (or ``None`` when ``optional``)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if optional and value is None:
            return
        if not isinstance(value, kind):
            raise fail(
                instance, attribute, value, "wrong_type", f"must be a {kind.__name__}"
            )

    return check


def members(kind: type, *, each: Any = None) -> Any:
    """Every member of a collection is a ``kind`` and passes ``each``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        for member in value:
            if not isinstance(member, kind):
                raise fail(
                    instance,
                    attribute,
                    member,
                    "wrong_type",
                    f"each member must be a {kind.__name__}",
                )
            if each is not None:
                each(instance, attribute, member)

    return check


def is_collection(value: object) -> bool:
    """An iterable that is not a string: what the collection converters accept."""
    return not isinstance(value, (str, bytes, bytearray)) and hasattr(value, "__iter__")


def to_str_frozenset(value: Iterable[str]) -> frozenset[str]:
    """Convert an iterable of strings; anything else is left for the validator."""
    if not is_collection(value):
        return value  # type: ignore[return-value]
    try:
        return frozenset(value)
    except TypeError:  # unhashable members: the validator names them
        return value  # type: ignore[return-value]


def frozenset_of(kind: type, *, each: Any = None) -> Any:
    """The value is a frozenset whose members are ``kind`` (and pass ``each``)."""
    return _container_of(frozenset, kind, each)


def dated_history(kind: type, day: Callable[[Any], object], reason: str) -> Any:
    """The value is a tuple of ``kind`` in day order (as :func:`canonical` keeps
    it) with no two members on the same ``day`` (code ``"duplicate"``,
    ``reason`` the message): a capacity history, a person's previous homes."""
    members_check = tuple_of(kind)

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        members_check(instance, attribute, value)
        for before, after in itertools.pairwise(value):
            if day(before) == day(after):
                raise fail(instance, attribute, day(after), "duplicate", reason)

    return check


def tuple_of(kind: type, *, each: Any = None) -> Any:
    """The value is a tuple whose members are ``kind`` (and pass ``each``)."""
    return _container_of(tuple, kind, each)


def _container_of(container: type, kind: type, each: Any) -> Any:
    members_check = members(kind, each=each)

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, container):
            raise fail(
                instance,
                attribute,
                value,
                "wrong_type",
                f"must be a collection of {kind.__name__}",
            )
        members_check(instance, attribute, value)

    return check


def canonical(items: Iterable[_T], *, key: Callable[[_T], Any]) -> tuple[_T, ...]:
    """Sort ``items`` by ``key``; members sharing a key are ordered by :func:`stable_repr`.

    This gives collections one canonical order, so values built from the same
    members in any order are equal, duplicates included (nothing is dropped).
    Input already in order is only checked, not sorted. A value that is not a
    collection, or whose members have unusable keys, is left as given, for the
    validators to name.
    """
    if not is_collection(items):
        return items  # type: ignore[return-value]
    items = list(items)
    try:
        if all(key(a) < key(b) for a, b in itertools.pairwise(items)):
            return tuple(items)
        ordered = sorted(items, key=key)
    except (TypeError, AttributeError):
        return tuple(items)
    keys = list(map(key, ordered))
    start = 0
    for end in range(1, len(ordered) + 1):
        if end == len(ordered) or keys[end] != keys[start]:
            if end - start > 1:
                ordered[start:end] = sorted(ordered[start:end], key=stable_repr)
            start = end
    return tuple(ordered)


def stable_repr(value: object) -> str:
    """``repr``, but with the members of sets sorted, so that equal values
    always give the same text (a set's own order can depend on its history).

    >>> stable_repr(frozenset({"b", "a"})) == stable_repr(frozenset({"a", "b"}))
    True
    """
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(map(stable_repr, value))) + "}"
    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(map(stable_repr, value)) + ")"
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))  # type: ignore[arg-type]
        inner = ", ".join(
            f"{f.name}={stable_repr(getattr(value, f.name))}" for f in fields
        )
        return f"{type(value).__name__}({inner})"
    return repr(value)


def first_by(items: Iterable[Any], name: str) -> Mapping[str, Any]:
    """An index from each item's ``name`` attribute to its first item.

    A plain dict, private to the value that holds it (so the value pickles).
    """
    index: dict[str, Any] = {}
    for item in items:
        index.setdefault(getattr(item, name), item)
    return index


def date_argument(function: str, name: str, value: object) -> None:
    """Refuse an argument that is not a date, naming the function and argument."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidValueError(
            function, name, value, "wrong_type", "must be a datetime.date"
        )


def argument(function: str, name: str, value: object, kind: type) -> None:
    """Refuse an argument that is not a ``kind``, naming the function and argument."""
    if not isinstance(value, kind):
        raise InvalidValueError(
            function, name, value, "wrong_type", f"must be a {kind.__name__}"
        )


def look_up(index: Mapping[str, _T], kind: str, id: str) -> _T:
    """``index[id]``, or :class:`UnknownReferenceError` naming ``kind`` and ``id``."""
    try:
        return index[id]
    except (KeyError, TypeError):  # TypeError: an unhashable id
        raise UnknownReferenceError(kind, str(id)) from None
