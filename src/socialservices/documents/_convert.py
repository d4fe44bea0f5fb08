"""Values to JSON-ready data and back: ``to_dict``, ``from_dict``, ``dumps``, ``loads``, ``make_converter``.

The format, in one place: dates are ISO 8601 strings (``"2026-11-02"``),
enums their names in lower case (``"foster_family"``, ``"same_region"``),
frozensets sorted arrays, tuples arrays, and every value an object of its
fields. ``to_dict`` writes every field, ``None`` as ``null``;
``from_dict`` also takes a document that leaves out a field with a default.
A registry document carries ``"schema": "socialservices/2"`` (version 1,
which version 2 only extends, is read too).

Reading tries the fast, strict reader first (``_compiled``); when that
refuses the document, the careful reader (``_careful``) reads it again and
names every problem, each with its JSON path, in one
:class:`~socialservices.InvalidDocument`. :func:`make_converter` gives the
same readers and writers as the hooks of a new ``cattrs.Converter``.

This module uses the format, both readers and the writers; it must not know
salvage (``_salvage``), which is built on it.
"""

from __future__ import annotations

import enum
import functools
import json
import typing
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar, cast, overload

import attrs
import cattrs

from .._errors import DocumentProblem, InvalidDocument, InvalidValueError
from .._geography import Proximity
from . import _careful
from ._compiled import REFUSED, document_reader, document_writer, sequence
from ._format import (
    ClassShape,
    DateShape,
    DuplicateKeys,
    EnumShape,
    ListShape,
    LongInteger,
    Shape,
    shape_of,
)

__all__ = ["dumps", "from_dict", "loads", "make_converter", "parse_json", "to_dict"]

_T = TypeVar("_T")

_Documents = ClassShape | ListShape
"""What ``from_dict`` reads: one value of a class, or a list or tuple of them."""


def _shape_or_none(kind: object) -> Shape | None:
    """``kind``'s shape, or ``None`` when it has none."""
    try:
        return shape_of(kind)
    # The shape of a caller's attrs class evaluates the caller's annotations:
    # their code, which may raise anything (a name it does not define, an
    # expression in a string that fails); none of it is a bug of ours.
    except Exception:
        return None


def _documents_shape(kind: object) -> _Documents | None:
    shape = _shape_or_none(kind)
    if isinstance(shape, ClassShape) or (
        isinstance(shape, ListShape) and isinstance(shape.item, ClassShape)
    ):
        return shape
    return None


def _kind_argument(function: str, kind: object) -> _Documents:
    shape = _documents_shape(kind)
    if shape is None:
        raise InvalidValueError(
            function,
            "kind",
            kind,
            "wrong_type",
            "must be a socialservices type, or a list or tuple of one",
        )
    return shape


@functools.cache
def _fast(shape: _Documents) -> Callable[[object], Any]:
    """The fast reader of a document of ``shape`` (a list of documents too)."""
    if isinstance(shape, ClassShape):
        return document_reader(shape)
    read = document_reader(cast(ClassShape, shape.item))
    container = shape.container
    return lambda data: container(map(read, sequence(data)))


def _read(shape: _Documents, data: object) -> Any:
    """The value of ``data``: the fast reader's, or, when that refuses, the careful one's."""
    try:
        return _fast(shape)(data)
    except REFUSED:  # the careful reader says what was wrong
        pass
    return _careful.read(shape, data)


@overload
def to_dict(value: list[Any] | tuple[Any, ...]) -> list[dict[str, Any]]: ...  # type: ignore[overload-overlap]
@overload
def to_dict(value: object) -> dict[str, Any]: ...
def to_dict(value: object) -> dict[str, Any] | list[dict[str, Any]]:
    """``value`` as JSON-ready data: dicts, lists, strings, numbers, ``None``.

    A :class:`Registry` becomes a document with ``"schema"`` first; a list
    or tuple of values becomes a list. The result goes to ``json.dumps``
    unchanged.

    >>> from datetime import date
    >>> from socialservices import Period
    >>> to_dict(Period(start=date(2026, 1, 1)))
    {'start': '2026-01-01', 'end': None}

    Raises:
        InvalidValueError: ``value`` is not of a socialservices type.
    """
    if isinstance(value, (list, tuple)):
        return [_write(item) for item in value]
    return _write(value)


def _write(value: object) -> dict[str, Any]:
    kind = type(value)
    try:
        write = _WRITERS[kind]
    except KeyError:
        write = _WRITERS[kind] = _writer_of(value)
    return write(value)


def _writer_of(value: object) -> Callable[[Any], dict[str, Any]]:
    kind = type(value)
    shape = _shape_or_none(kind) if attrs.has(kind) else None
    if not isinstance(shape, ClassShape):
        raise InvalidValueError(
            "to_dict", "value", value, "wrong_type", "must be a socialservices value"
        )
    return document_writer(shape)


_WRITERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


def from_dict(data: object, kind: type[_T]) -> _T:
    """The ``kind`` value that ``data`` describes (as :func:`to_dict` writes it).

    ``kind`` is a socialservices type, or ``list[T]`` / ``tuple[T, ...]``
    of one. A :class:`Registry` document must carry a ``"schema"`` this
    library understands (:data:`SCHEMAS`).

    >>> from socialservices import Period
    >>> from_dict({"start": "2024-02-29", "end": "2024-03-01"}, Period).days
    1

    Raises:
        InvalidDocument: with every problem in ``data`` and its path.
        InvalidValueError: ``kind`` is not a type this function reads.
    """
    return cast(_T, _read(_kind_argument("from_dict", kind), data))


def dumps(value: object, *, indent: int | None = None) -> str:
    """``value`` as JSON text (UTF-8 friendly: Cyrillic is kept as it is).

    >>> from datetime import date
    >>> from socialservices import Period
    >>> dumps(Period(start=date(2026, 1, 1), end=date(2026, 7, 1)))
    '{"start": "2026-01-01", "end": "2026-07-01"}'
    """
    return json.dumps(
        to_dict(value), ensure_ascii=False, allow_nan=False, indent=indent
    )


def loads(text: str | bytes, kind: type[_T]) -> _T:
    """The ``kind`` value in JSON ``text``: :func:`json.loads`, then :func:`from_dict`.

    A key that appears twice in one object is a problem (``duplicate_key``),
    not silently the last one; an integer too long to read (over 4,300
    digits) is a problem at its path (``number_out_of_range``).

    Raises:
        InvalidDocument: the text is not JSON (``invalid_json``), or the
            document has problems, all of them listed.
    """
    if not isinstance(text, (str, bytes, bytearray)):
        raise InvalidValueError(
            "loads", "text", text, "wrong_type", "must be str or bytes"
        )
    try:
        data = parse_json(text)
    except RecursionError:
        raise _not_json("nested too deeply to read") from None
    except json.JSONDecodeError as error:
        raise _not_json(
            f"{error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except ValueError as error:  # bad UTF-8
        raise _not_json(str(error)) from None
    return from_dict(data, kind)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) == len(pairs):
        return value
    seen: set[str] = set()
    marked = DuplicateKeys(value)
    marked.duplicates = tuple(
        key
        for key, _ in pairs
        if key in seen or seen.add(key)  # type: ignore[func-returns-value]
    )
    return marked


def parse_json(text: str | bytes) -> Any:
    """JSON ``text`` as data, marking an object that gives a key twice
    (:class:`~._format.DuplicateKeys`) and an integer too long to read
    (:class:`~._format.LongInteger`) for the careful reader to report.

    Raises:
        json.JSONDecodeError: it is not JSON.
        ValueError: it is bytes that are not UTF-8.
        RecursionError: it is nested too deeply to read.
    """
    try:
        return json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError:
        raise
    except ValueError:  # perhaps an integer too long to read: again, marking it
        return json.loads(text, object_pairs_hook=_object, parse_int=_integer)


def _integer(digits: str) -> int | LongInteger:
    """A JSON integer, or a :class:`LongInteger` the careful reader reports at its path."""
    try:
        return int(digits)
    except ValueError:  # more digits than sys.get_int_max_str_digits()
        return LongInteger(len(digits.lstrip("-")))


def _not_json(message: str) -> InvalidDocument:
    return InvalidDocument([DocumentProblem("invalid_json", "$", message)])


def make_converter() -> cattrs.Converter:
    """A new ``cattrs.Converter`` that reads and writes our types as :func:`from_dict` and :func:`to_dict` do.

    Its hooks cover every socialservices value type and enum, ``list[T]`` and
    ``tuple[T, ...]`` of a value type, and ``datetime.date`` (an ISO 8601
    string). Register hooks of your own on it for your own classes, which
    may hold ours; each call gives a converter of its own, so hooks added to
    one change neither another nor :func:`to_dict` and :func:`from_dict`.

    A :class:`Registry` is a whole document wherever it is (its
    ``"schema"`` first). ``structure`` of a bad document raises
    :class:`InvalidDocument` with every problem, paths starting at the value
    being structured (``$``); within a class of yours, cattrs groups that
    error under the field, as it does for any hook's error.

    >>> from datetime import date
    >>> from socialservices import Period
    >>> converter = make_converter()
    >>> converter.unstructure(Period(start=date(2026, 1, 1)))
    {'start': '2026-01-01', 'end': None}
    >>> converter.structure({"start": "2026-01-01"}, Period).end is None
    True
    >>> converter.structure({"start": "2026-02-30"}, Period)
    Traceback (most recent call last):
    ...
    socialservices.InvalidDocument: 1 problem in the document:
    $.start: '2026-02-30' is not a valid date (YYYY-MM-DD) [invalid_date]

    .. versionadded:: 0.5
    """
    converter = cattrs.Converter()
    converter.register_structure_hook_factory(_ours, _structure_hook)
    converter.register_unstructure_hook_factory(_ours, _unstructure_hook)
    for kind in PRIMITIVE_ENUMS:
        converter.register_structure_hook(kind, _structure_hook(kind))
        converter.register_unstructure_hook(kind, _unstructure_hook(kind))
    return converter


PRIMITIVE_ENUMS: tuple[type[enum.Enum], ...] = (Proximity,)
"""Our enums that are also ``int`` or ``str``: cattrs looks up the hooks of
those classes before any factory, so the converter names them one by one."""


def _ours(kind: Any) -> bool:
    """Whether the converter's hooks for ``kind`` are ours."""
    return _hooked_shape(kind) is not None


def _hooked_shape(kind: Any) -> Shape | None:
    """The shape of a type the converter reads and writes as the documents do."""
    if kind is date:
        return DateShape()
    if typing.get_origin(kind) in (list, tuple):
        shape = _documents_shape(kind)
        if isinstance(shape, ListShape) and _is_ours(cast(ClassShape, shape.item).kind):
            return shape
        return None
    ours = isinstance(kind, type) and _is_ours(kind)
    if ours and (attrs.has(kind) or issubclass(kind, enum.Enum)):
        return _shape_or_none(kind)
    return None


def _is_ours(kind: type) -> bool:
    """Whether ``kind`` is defined in this library."""
    return kind.__module__.split(".")[0] == "socialservices"


def _structure_hook(kind: Any) -> Callable[[object, Any], Any]:
    shape = _hooked_shape(kind)
    if isinstance(shape, (ClassShape, ListShape)):
        documents = shape
        return lambda data, _: _read(documents, data)
    other = cast(Shape, shape)
    return lambda data, _: _careful.read(other, data)


def _unstructure_hook(kind: Any) -> Callable[[Any], Any]:
    match _hooked_shape(kind):
        case ClassShape() as shape:
            return document_writer(shape)
        case ListShape(item=ClassShape() as item):
            write = document_writer(item)
            return lambda values: [write(value) for value in values]
        case EnumShape(texts=texts):
            return texts.__getitem__
        case _:  # a date
            return date.isoformat
