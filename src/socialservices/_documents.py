"""Values to JSON-ready data and back: ``to_dict``, ``from_dict``, ``dumps``, ``loads``.

The format, in one place: dates are ISO 8601 strings (``"2026-11-02"``),
enums their names in lower case (``"foster_family"``, ``"same_region"``),
frozensets sorted arrays, tuples arrays, and every value an object of its
fields. ``to_dict`` writes every field, ``None`` as ``null``;
``from_dict`` also takes a document that leaves out a field with a default.
A registry document carries ``"schema": "socialservices/2"`` (version 1,
which version 2 only extends, is read too).

Reading tries a fast, strict reader first (``_fast``); when that refuses the
document, the inspector (``_inspect``) reads it again and names every
problem, each with its JSON path, in one :class:`~socialservices.InvalidDocument`.

The converter is a ``cattrs.Converter`` made for this library (never the
global one), whose hooks are the generated functions.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, TypeVar, cast, overload

import attrs
import cattrs

from ._errors import DocumentProblem, InvalidDocument, InvalidValueError
from ._fast import RejectedError, sequence, structure_function, unstructure_function
from ._inspect import INVALID, Inspector, LongInteger
from ._registry import Registry
from ._shapes import (
    SCHEMA,
    SCHEMAS,
    WRITTEN_WHEN_GIVEN,
    WRITTEN_WHEN_SET,
    ClassShape,
    EnumShape,
    ListShape,
    OptionalShape,
    SetShape,
    Shape,
    shape_of,
)

__all__ = ["SCHEMA", "SCHEMAS", "dumps", "from_dict", "loads", "to_dict"]

_T = TypeVar("_T")


@functools.cache
def _reader(shape: ClassShape) -> Callable[[object], Any]:
    return structure_function(shape, _complete, _reader)


@functools.cache
def _writer(shape: ClassShape) -> Callable[[Any], dict[str, Any]]:
    write = unstructure_function(shape, _writer)
    later = WRITTEN_WHEN_GIVEN.get(shape.kind.__name__)
    if later is None:
        return write

    def without_what_is_not_given(value: Any) -> dict[str, Any]:
        body = write(value)
        for key in later:
            if body.get(key) in (None, [], ()):
                del body[key]
        return body

    return without_what_is_not_given


def _complete(shape: ClassShape, value: object) -> dict[str, Any]:
    """``value`` with its omitted optional fields filled in, or :class:`RejectedError`."""
    if type(value) is not dict or not value.keys() <= shape.names:
        raise RejectedError
    filled = dict(value)
    for field in shape.fields:
        if field.name not in filled:
            if field.default is None:
                raise RejectedError
            filled[field.name] = _plain(field.shape, field.default())
    return filled


def _plain(shape: Shape, value: Any) -> Any:
    """A default value in its document form."""
    if value is None:
        return None
    if isinstance(shape, OptionalShape):
        return _plain(shape.inner, value)
    if isinstance(shape, (ListShape, SetShape)):
        items = [_plain(shape.item, item) for item in value]
        return sorted(items) if isinstance(shape, SetShape) else items
    if isinstance(shape, ClassShape):
        return _writer(shape)(value)
    if isinstance(shape, EnumShape):
        return shape.texts[value]
    return value


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter()
    converter.register_structure_hook_factory(
        attrs.has, lambda kind: _hook(_reader(_class_shape(kind)))
    )
    converter.register_unstructure_hook_factory(
        attrs.has, lambda kind: _writer(_class_shape(kind))
    )
    return converter


def _hook(read: Callable[[object], Any]) -> Callable[[object, Any], Any]:
    return lambda value, _: read(value)


def _class_shape(kind: type) -> ClassShape:
    shape = shape_of(kind)
    assert isinstance(shape, ClassShape)
    return shape


_CONVERTER = _make_converter()


def _shape_argument(function: str, kind: object) -> Shape:
    try:
        shape = shape_of(kind)
    except Exception:  # unhashable, unresolvable annotations, no shape: all say "no"
        shape = None
    if isinstance(shape, ClassShape) or (
        isinstance(shape, ListShape) and isinstance(shape.item, ClassShape)
    ):
        return shape
    raise InvalidValueError(
        function,
        "kind",
        kind,
        "wrong_type",
        "must be a socialservices type, or a list or tuple of one",
    )


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
    try:
        readable = attrs.has(kind) and isinstance(shape_of(kind), ClassShape)
    except Exception:  # annotations that do not resolve, fields with no shape
        readable = False
    if not readable:
        raise InvalidValueError(
            "to_dict", "value", value, "wrong_type", "must be a socialservices value"
        )
    write = _CONVERTER.get_unstructure_hook(kind)
    if kind is Registry:
        return lambda registry: _document(write(registry))
    return write


def _document(body: dict[str, Any]) -> dict[str, Any]:
    """A registry's fields as a document: the schema first, and the keys of
    :data:`~socialservices._shapes.WRITTEN_WHEN_SET` only when they hold a value."""
    for key in WRITTEN_WHEN_SET:
        if body[key] is None:
            del body[key]
    return {"schema": SCHEMA, **body}


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
    shape = _shape_argument("from_dict", kind)
    if isinstance(shape, ListShape):
        read = _fast_reader(cast(ClassShape, shape.item))
        container = shape.container
        return cast(
            _T, _read(shape, data, lambda: container(map(read, sequence(data))))
        )
    read_one = _fast_reader(cast(ClassShape, shape))
    return cast(_T, _read(shape, data, lambda: read_one(data)))


def _fast_reader(shape: ClassShape) -> Callable[[object], Any]:
    """The converter's hook for one class, taking a registry's ``schema`` off first."""
    kind = shape.kind
    hook = _CONVERTER.get_structure_hook(kind)
    if not shape.versioned:
        return lambda value: hook(value, kind)

    def read_document(value: object) -> Any:
        if type(value) is not dict or value.get("schema") not in SCHEMAS:
            raise RejectedError
        body = dict(value)
        del body["schema"]
        return hook(body, kind)

    return read_document


def _read(shape: Shape, data: object, fast: Callable[[], object]) -> object:
    """``fast()``, or when the fast reader refuses, the inspector's reading."""
    try:
        return fast()
    except Exception:  # the inspector says what was wrong
        pass
    return _inspect(shape, data, "$")


def _inspect(shape: Shape, data: object, path: str) -> object:
    inspector = Inspector()
    value = inspector.read(shape, data, path)
    if inspector.problems or value is INVALID:
        raise InvalidDocument(inspector.problems)
    return value


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


class _DuplicateKeys(dict[str, Any]):
    """A JSON object in which some key appeared twice (the last value kept)."""

    duplicates: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) == len(pairs):
        return value
    seen: set[str] = set()
    marked = _DuplicateKeys(value)
    marked.duplicates = tuple(
        key
        for key, _ in pairs
        if key in seen or seen.add(key)  # type: ignore[func-returns-value]
    )
    return marked


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
        data = _parse(text)
    except RecursionError:
        raise _not_json("nested too deeply to read") from None
    except json.JSONDecodeError as error:
        raise _not_json(
            f"{error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except ValueError as error:  # bad UTF-8
        raise _not_json(str(error)) from None
    return from_dict(data, kind)


def _parse(text: str | bytes) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError:
        raise
    except ValueError:  # perhaps an integer too long to read: again, marking it
        return json.loads(text, object_pairs_hook=_object, parse_int=_integer)


def _integer(digits: str) -> int | LongInteger:
    """A JSON integer, or a :class:`LongInteger` the inspector reports at its path."""
    try:
        return int(digits)
    except ValueError:  # more digits than sys.get_int_max_str_digits()
        return LongInteger(len(digits.lstrip("-")))


def _not_json(message: str) -> InvalidDocument:
    return InvalidDocument([DocumentProblem("invalid_json", "$", message)])
