"""The document format as data: how each public type looks as JSON-compatible data.

A :class:`Shape` says how a value is written: a string, a number, a date as
an ISO 8601 string, an enum by its name in lower case (its value, for all but
``Proximity``), a collection as a list (a set sorted), an attrs class as an
object of its ``__init__`` fields. This module also holds the schema versions
(:data:`SCHEMA`, :data:`SCHEMAS`), which fields later versions write only when
set, and the marks a parsed JSON text can carry for what the format does not
allow (:class:`DuplicateKeys`, :class:`LongInteger`).

It owns the format and nothing that reads or writes it: it must not know the
compiled readers and writers (``_compiled``), the careful reader (``_careful``)
or the public functions. Both readers walk these same shapes, so they cannot
disagree about the format.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from collections.abc import Callable
from datetime import date
from typing import Any, Union, cast

import attrs

from .._registry import Registry

__all__ = [
    "SCHEMA",
    "SCHEMAS",
    "WRITTEN_WHEN_GIVEN",
    "WRITTEN_WHEN_SET",
    "ClassShape",
    "DateShape",
    "DuplicateKeys",
    "EnumShape",
    "Field",
    "ListShape",
    "LongInteger",
    "OptionalShape",
    "ScalarShape",
    "SetShape",
    "Shape",
    "class_shape",
    "iso_date",
    "shape_of",
]


SCHEMA = "socialservices/2"
"""The schema version this library writes into registry documents.

Version 2 added fields to version 1 and let two be ``null``: a placement's
``service`` (a placement in no service) and a service's ``operating`` (not
recorded). Every version 1 document is a version 2 document with another
``schema``, and reads the same."""

SCHEMAS = ("socialservices/1", SCHEMA)
"""Every schema version this library reads."""

WRITTEN_WHEN_SET = ("as_of", "jurisdiction")
"""Registry fields a document holds only when they are set (added in version
2): a document without them has the body version 1 wrote."""

WRITTEN_WHEN_GIVEN: dict[str, tuple[str, ...]] = {
    "Person": ("died", "previous_homes"),
    "Provider": ("identifiers",),
    "Service": ("staffing",),
    "ServiceType": ("eligibility",),
}
"""Fields added to a record in version 2, by class name: written only when
they hold something (not ``None``, not empty), so a record that does not use
them reads as version 1 wrote it; an older reader refuses one that does
(``unexpected_field``) rather than misread it."""


class DuplicateKeys(dict[str, Any]):
    """A parsed JSON object in which some key appeared twice (the last value kept)."""

    duplicates: tuple[str, ...] = ()


@attrs.frozen
class LongInteger:
    """A JSON integer with too many digits for Python to read (over 4,300 by
    default, :func:`sys.get_int_max_str_digits`), left for the careful reader
    to report at its path."""

    digits: int


def iso_date(value: object) -> date:
    """A date from its ISO 8601 calendar form ``YYYY-MM-DD`` and nothing else.

    >>> iso_date("2024-02-29")
    datetime.date(2024, 2, 29)

    Raises:
        TypeError: ``value`` is not a string.
        ValueError: it is not a valid date in that form (``"20240229"``,
            ``"2023-02-29"`` and week dates are refused).
    """
    if type(value) is not str:
        raise TypeError("a date must be a string")
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise ValueError("a date is written YYYY-MM-DD")
    return date.fromisoformat(value)


@attrs.frozen
class ScalarShape:
    """A JSON string, whole number, real number or boolean, kept as is."""

    kind: type
    name: str

    def accepts(self, value: object) -> bool:
        """Whether ``value`` has this shape's JSON type (``bool`` is not a number)."""
        kind = type(value)
        if self.kind is float:
            return kind is float or kind is int
        return kind is self.kind


@attrs.frozen
class DateShape:
    """A date, written as an ISO 8601 string."""


@attrs.frozen
class EnumShape:
    """An enum member, written as its name in lower case.

    That is the value of every enum whose values are strings (all but
    :class:`~socialservices.Proximity`). A member whose value is a whole
    number is also read from that number, the form earlier versions wrote,
    but never from ``true``, ``false`` or ``1.0``.
    """

    kind: type[enum.Enum]

    @functools.cached_property
    def names(self) -> dict[str, enum.Enum]:
        """Each member by the string that documents hold."""
        return {self.written(member): member for member in self.kind}

    @functools.cached_property
    def numbers(self) -> dict[int, enum.Enum]:
        """Each member whose value is a whole number, by that number (the old form)."""
        return {
            member.value: member for member in self.kind if type(member.value) is int
        }

    @functools.cached_property
    def texts(self) -> dict[enum.Enum, str]:
        """The document string of each member."""
        return {member: text for text, member in self.names.items()}

    @staticmethod
    def written(member: enum.Enum) -> str:
        """``member`` as documents hold it."""
        value = member.value
        return value if isinstance(value, str) else member.name.lower()

    def member(self, value: object) -> enum.Enum:
        """The member ``value`` names, or :class:`KeyError`."""
        if type(value) is str:
            return self.names[value]
        if type(value) is int:
            return self.numbers[value]
        raise KeyError(value)

    @property
    def allowed(self) -> tuple[str, ...]:
        return tuple(self.names)


@attrs.frozen
class OptionalShape:
    """A value or ``None`` (JSON ``null``)."""

    inner: Shape


@attrs.frozen
class ListShape:
    """A tuple (or list), written as a JSON array in its order."""

    item: Shape
    container: type = tuple


@attrs.frozen
class SetShape:
    """A frozenset, written as a JSON array in sorted order."""

    item: Shape


@attrs.frozen
class Field:
    """One ``__init__`` field of an attrs class, as a document key."""

    name: str
    shape: Shape
    required: bool
    default: Callable[[], object] | None


@attrs.frozen
class ClassShape:
    """An attrs class, written as a JSON object of its fields.

    A ``versioned`` class (the registry) is a whole document: its object
    carries ``"schema"`` too.
    """

    kind: type
    fields: tuple[Field, ...] = attrs.field(eq=False, repr=False)
    versioned: bool = attrs.field(default=False, eq=False, repr=False)

    @functools.cached_property
    def names(self) -> frozenset[str]:
        return frozenset(field.name for field in self.fields)

    @functools.cached_property
    def index(self) -> dict[str, int]:
        """Each field's position, by its name."""
        return {field.name: i for i, field in enumerate(self.fields)}


Shape = (
    ScalarShape
    | DateShape
    | EnumShape
    | OptionalShape
    | ListShape
    | SetShape
    | ClassShape
)

_SCALARS = {
    str: "a string",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
}


@functools.cache
def shape_of(annotation: Any) -> Shape:
    """The shape of a type annotation, or :class:`TypeError` if it has none.

    >>> shape_of(date | None)
    OptionalShape(inner=DateShape())
    """
    if annotation in _SCALARS:
        return ScalarShape(annotation, _SCALARS[annotation])
    if annotation is date:
        return DateShape()
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return EnumShape(annotation)
    if isinstance(annotation, type) and attrs.has(annotation):
        return _class_shape(annotation)
    return _generic_shape(annotation)


def class_shape(kind: type) -> ClassShape:
    """The shape of an attrs class of ours (one whose fields all have shapes)."""
    shape = shape_of(kind)
    assert isinstance(shape, ClassShape)
    return shape


def _generic_shape(annotation: Any) -> Shape:
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if (
        origin in (Union, types.UnionType)
        and len(arguments) == 2
        and type(None) in arguments
    ):
        (inner,) = (argument for argument in arguments if argument is not type(None))
        return OptionalShape(shape_of(inner))
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        return ListShape(shape_of(arguments[0]))
    if origin is list and len(arguments) == 1:
        return ListShape(shape_of(arguments[0]), list)
    if origin is frozenset and len(arguments) == 1:
        return SetShape(shape_of(arguments[0]))
    raise TypeError(f"no document shape for {annotation!r}")


def _class_shape(kind: type) -> ClassShape:
    hints = typing.get_type_hints(kind)
    fields = tuple(
        Field(
            name=attribute.name,
            shape=shape_of(hints[attribute.name]),
            required=attribute.default is attrs.NOTHING,
            default=_default_of(attribute),
        )
        for attribute in attrs.fields(kind)
        if attribute.init
    )
    return ClassShape(kind, fields, versioned=kind is Registry)


def _default_of(attribute: attrs.Attribute[Any]) -> Callable[[], object] | None:
    default = attribute.default
    if default is attrs.NOTHING:
        return None
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        factory: Callable[[], object] = cast(Any, default).factory
        return factory
    return lambda: default
