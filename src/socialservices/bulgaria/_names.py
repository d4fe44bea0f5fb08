"""Finding a place or a service type by the name people write.

Names are compared after :func:`normalise`: case-insensitive, without the
words that say what kind of place it is (гр., община, област, Municipality,
Province and the like), quotes and extra spaces. Sofia has several names;
each is an alias of the place it means. A few names mean something else than
what is left of them once those words are dropped ("Sofia" is the capital,
"Sofia Province" the oblast around it): they are *exact* names, compared
after :func:`literal` only, and looked up first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from .._errors import AmbiguousNameError, InvalidValueError, UnknownReferenceError

__all__ = ["NameIndex", "literal", "normalise", "qualified"]

_T = TypeVar("_T")

_QUOTES = re.compile(r"[\"'„“”«»‘’]")
_SPACES = re.compile(r"\s+")
_DOTS = re.compile(r"\.(?=\S)")
_PREFIXES = re.compile(
    r"^(?:(?:гр|с|общ|обл)\.\s*|(?:град|село|община|област|municipality of|"
    r"municipality|province of|province|oblast|region of|district of)\s+)"
)
_SUFFIXES = re.compile(
    r"\s+(?:община|област|municipality|province|oblast|region|district)$"
)


_QUALIFIED = re.compile(r"^(.*?)\s*(?:\((.*)\)|,(.*))$")


def normalise(name: str) -> str:
    """A name reduced for comparison.

    >>> normalise("  Община ПРАВЕЦ "), normalise("гр. Правец"), normalise("Pravets Municipality")
    ('правец', 'правец', 'pravets')
    >>> normalise("Звено „Майка и бебе“")
    'звено майка и бебе'
    >>> normalise("Бяла, обл. Варна"), normalise("Byala (Varna Province)")
    ('бяла (варна)', 'byala (varna)')
    """
    parts = qualified(name)
    return _bare(name) if parts is None else f"{parts[0]} ({parts[1]})"


def qualified(name: str) -> tuple[str, str] | None:
    """The place and its qualifier, normalised, of a qualified name; else ``None``.

    >>> qualified("с. Ново село, община Видин"), qualified("Ново село")
    (('ново село', 'видин'), None)
    """
    match = _QUALIFIED.fullmatch(name.strip())
    if match is None or not match.group(1):
        return None
    return _bare(match.group(1)), _bare(match.group(2) or match.group(3))


def literal(name: str) -> str:
    """A name reduced for comparison as written: case, quotes and spacing aside.

    >>> literal("  Sofia   PROVINCE "), literal("гр.София")
    ('sofia province', 'гр. софия')
    """
    text = _SPACES.sub(" ", _QUOTES.sub("", name.casefold())).strip()
    return _DOTS.sub(". ", text)


def _bare(name: str) -> str:
    text = _SPACES.sub(" ", _QUOTES.sub("", name.casefold())).strip()
    previous = None
    while previous != text:
        previous = text
        text = _SUFFIXES.sub("", _PREFIXES.sub("", text)).strip()
    return text or name.casefold().strip()


class NameIndex(Generic[_T]):
    """Values by every name and code they go by, compared normalised.

    A name that several values go by is kept for all of them: looking it up
    raises :class:`~socialservices.AmbiguousNameError` naming their codes,
    never a guess. ``exact`` names (compared after :func:`literal`) are
    looked up first, each for one value, or for none (``None``: the name is
    known to mean nothing of this kind, however it normalises).
    """

    def __init__(
        self,
        kind: str,
        code_of: Callable[[_T], str],
        entries: Iterable[tuple[_T, Iterable[str]]],
        *,
        exact: Iterable[tuple[_T | None, Iterable[str]]] = (),
    ) -> None:
        self._kind = kind
        self._code_of = code_of
        self._index: dict[str, list[_T]] = {}
        for value, names in entries:
            for name in names:
                values = self._index.setdefault(normalise(name), [])
                if value not in values:
                    values.append(value)
        self._exact: dict[str, list[_T]] = {}
        for value_, names in exact:
            for name in names:
                self._exact[literal(name)] = [] if value_ is None else [value_]

    def find(self, name: object) -> _T:
        """The value called ``name``.

        Raises:
            UnknownReferenceError: nothing goes by ``name``.
            AmbiguousNameError: several values do.
        """
        name = self.checked(name)
        return self.resolve(name, self.matches(name))

    def checked(self, name: object) -> str:
        """``name``, refused with the library's error unless it is a string."""
        if not isinstance(name, str):
            raise InvalidValueError(
                f"find_{self._kind.replace(' ', '_')}",
                "name",
                name,
                "wrong_type",
                "must be a string",
            )
        return name

    def matches(self, name: str) -> list[_T] | None:
        """Every value called ``name``; ``None`` when the name is not known.

        An exact name known to mean nothing of this kind gives an empty list.
        """
        values = self._exact.get(literal(name))
        return self._index.get(normalise(name)) if values is None else values

    def resolve(self, name: str, values: list[_T] | None) -> _T:
        """The one value of ``values`` (the matches of ``name``).

        Raises:
            UnknownReferenceError: there is none.
            AmbiguousNameError: there are several, named by their codes.
        """
        if values and len(values) == 1:
            return values[0]
        if not values:
            raise UnknownReferenceError(self._kind, name)
        codes = tuple(sorted(map(self._code_of, values)))
        raise AmbiguousNameError(self._kind, name, codes)
