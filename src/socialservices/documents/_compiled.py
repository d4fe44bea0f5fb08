"""Shapes compiled into straight-line functions: the fast way in and out.

For each attrs class, one generated function reads a document object into
the class and one writes it back, with no loop over fields and no per-field
dispatch, in the way ``cattrs.gen`` builds its functions. A class's reader
calls the readers of the classes in its fields directly; they are built
here, from the shapes alone (``_format``).

The reader is strict: it refuses anything unexpected by raising
:class:`RejectedError`, whatever the reason, and never guesses: it refuses
what the careful reader would refuse (an item twice in a set, ``NaN`` or
``true`` where a number belongs, ...). A value that reads but breaks an
invariant of its class raises the class's own
:class:`~socialservices.InvalidValueError`; :data:`REFUSED` names both.

This module must not know the careful reader (``_careful``) or the public
functions: whoever calls it falls back on the careful reader when it refuses.
"""

from __future__ import annotations

import functools
import itertools
import linecache
from collections.abc import Callable
from datetime import date
from typing import Any

from .._errors import InvalidValueError
from ._format import (
    SCHEMA,
    SCHEMAS,
    WRITTEN_WHEN_GIVEN,
    WRITTEN_WHEN_SET,
    ClassShape,
    DateShape,
    EnumShape,
    ListShape,
    OptionalShape,
    ScalarShape,
    SetShape,
    Shape,
    iso_date,
)

__all__ = [
    "REFUSED",
    "RejectedError",
    "document_reader",
    "document_writer",
    "reader",
    "sequence",
    "writer",
]

_counter = itertools.count()


class RejectedError(Exception):
    """The fast reader met something it does not take; the careful reader will say what."""


REFUSED: tuple[type[Exception], ...] = (RejectedError, InvalidValueError)
"""Every exception by which a fast reader refuses a document: its own, or
an invariant of one of our classes (their validators raise nothing else)."""

_EMPTY: tuple[object, ...] = (None, [], ())
"""What a field of :data:`~._format.WRITTEN_WHEN_GIVEN` holds when it is not written."""


def _refuse() -> Any:
    raise RejectedError


def sequence(value: object) -> list[Any] | tuple[Any, ...]:
    """``value`` if it is a JSON array (a list, or a tuple), else refused."""
    if type(value) is list or type(value) is tuple:
        return value
    raise RejectedError


def _strings(value: object) -> list[str] | tuple[str, ...]:
    items = sequence(value)
    for item in items:
        if type(item) is not str:
            raise RejectedError
    return items


def _set(items: list[Any] | tuple[Any, ...]) -> frozenset[Any]:
    """The set of ``items``, refused if one is there twice."""
    result = frozenset(items)
    if len(result) != len(items):
        raise RejectedError
    return result


def _real(value: object) -> float:
    """A whole number as a real one, refused if not one or too large."""
    if type(value) is int:
        try:
            return float(value)
        except OverflowError:
            raise RejectedError from None
    raise RejectedError


def _date(value: object) -> date:
    try:
        return iso_date(value)
    except (TypeError, ValueError):  # what iso_date raises on what it refuses
        raise RejectedError from None


def _member_reader(shape: EnumShape) -> Callable[[object], Any]:
    """The reader of an enum whose members are also read from numbers."""

    def member(value: object) -> Any:
        try:
            return shape.member(value)
        except KeyError:  # what EnumShape.member raises for a value it does not name
            raise RejectedError from None

    return member


def _string_enum(shape: EnumShape) -> bool:
    return all(isinstance(member.value, str) for member in shape.kind)


class _Compiler:
    """Builds the source of one function, naming the helpers it uses."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {
            "_RejectedError": RejectedError,
            "_refuse": _refuse,
            "_sequence": sequence,
            "_strings": _strings,
            "_set": _set,
            "_real": _real,
            "_date": _date,
            "_EMPTY": _EMPTY,
        }
        self.lines: list[str] = []
        self._temporaries = itertools.count()

    def helper(self, value: object, stem: str) -> str:
        name = f"_{stem}_{next(_counter)}"
        self.namespace[name] = value
        return name

    def temporary(self) -> str:
        return f"_t{next(self._temporaries)}"

    def compile(self, name: str) -> Callable[..., Any]:
        source = "\n".join(self.lines) + "\n"
        filename = f"<socialservices generated {name}>"
        linecache.cache[filename] = (
            len(source),
            None,
            source.splitlines(True),
            filename,
        )
        exec(compile(source, filename, "exec"), self.namespace)
        function: Callable[..., Any] = self.namespace[name]
        return function


@functools.cache
def reader(shape: ClassShape) -> Callable[[object], Any]:
    """The fast reader of one class, as it is written inside another value.

    An object with every field is read by one straight-line expression; one
    that leaves out fields by another, which puts in their defaults.
    """
    compiler = _Compiler()
    kind = compiler.helper(shape.kind, "kind")
    names = compiler.helper(shape.names, "names")
    whole = [
        f"{field.name}={_read(compiler, field.shape, f'o[{field.name!r}]')}"
        for field in shape.fields
    ]
    partial = []
    for field in shape.fields:
        read = _read(compiler, field.shape, f"o[{field.name!r}]")
        if field.default is None:
            otherwise = "_refuse()"
        else:
            otherwise = f"{compiler.helper(field.default, 'default')}()"
        partial.append(f"{field.name}=({read} if {field.name!r} in o else {otherwise})")
    name = f"structure_{shape.kind.__name__}"
    compiler.lines += [
        f"def {name}_partial(o):",
        f"    if type(o) is not dict or not o.keys() <= {names}:",
        "        _refuse()",
        f"    return {kind}(",
        *(f"        {argument}," for argument in partial),
        "    )",
        f"def {name}(o):",
        f"    if type(o) is not dict or len(o) != {len(shape.fields)}:",
        f"        return {name}_partial(o)",
        "    try:",
        f"        return {kind}(",
        *(f"            {argument}," for argument in whole),
        "        )",
        "    except KeyError:  # as many keys as fields, but not the fields",
        "        raise _RejectedError from None",
    ]
    return compiler.compile(name)


def _read(compiler: _Compiler, shape: Shape, source: str) -> str:
    """An expression reading ``source`` as ``shape``, or raising :class:`RejectedError`."""
    match shape:
        case ScalarShape(kind=kind) if kind is float:
            # finite (JSON has no NaN), or a whole number made real
            value = compiler.temporary()
            return (
                f"({value} if type({value} := {source}) is float"
                f" and {value} - {value} == 0.0 else _real({value}))"
            )
        case ScalarShape(kind=kind):
            value = compiler.temporary()
            kind_name = compiler.helper(kind, "type")
            return (
                f"({value} if type({value} := {source}) is {kind_name} else _refuse())"
            )
        case DateShape():
            return f"_date({source})"
        case EnumShape() if _string_enum(shape):
            value, member = compiler.temporary(), compiler.temporary()
            names = compiler.helper(shape.names, "members")
            return (
                f"({member} if type({value} := {source}) is str"
                f" and ({member} := {names}.get({value})) is not None else _refuse())"
            )
        case EnumShape():
            return f"{compiler.helper(_member_reader(shape), 'member')}({source})"
        case OptionalShape(inner=inner):
            value = compiler.temporary()
            return f"(None if ({value} := {source}) is None else {_read(compiler, inner, value)})"
        case ListShape(item=item, container=container):
            return _read_collection(compiler, item, source, container)
        case SetShape(item=item):
            return _read_collection(compiler, item, source, frozenset)
        case ClassShape():
            return f"{compiler.helper(reader(shape), 'structure')}({source})"
    raise AssertionError(shape)  # pragma: no cover - the seven kinds are above


def _read_collection(
    compiler: _Compiler, item: Shape, source: str, container: type
) -> str:
    if container is frozenset:
        build, listed = "_set", "list"
    else:
        build, listed = compiler.helper(container, "container"), ""
    if isinstance(item, ScalarShape) and item.kind is str:
        return f"{build}(_strings({source}))"
    if isinstance(item, ClassShape):
        read = compiler.helper(reader(item), "structure")
        return f"{build}({listed}(map({read}, _sequence({source}))))"
    element = compiler.temporary()
    inner = _read(compiler, item, element)
    return f"{build}([{inner} for {element} in _sequence({source})])"


@functools.cache
def writer(shape: ClassShape) -> Callable[[Any], dict[str, Any]]:
    """The fast writer of one class: a dict of its fields, JSON-ready.

    The fields :data:`~._format.WRITTEN_WHEN_GIVEN` names for the class are
    left out when they hold nothing.
    """
    compiler = _Compiler()
    items = [
        f"{field.name!r}: {_write(compiler, field.shape, f'v.{field.name}')}"
        for field in shape.fields
    ]
    later = WRITTEN_WHEN_GIVEN.get(shape.kind.__name__, ())
    name = f"unstructure_{shape.kind.__name__}"
    body = ["{", *(f"    {item}," for item in items), "}"]
    if not later:
        compiler.lines += [f"def {name}(v):", "    return " + "\n    ".join(body)]
        return compiler.compile(name)
    compiler.lines += [
        f"def {name}(v):",
        "    d = " + "\n    ".join(body),
        *(f"    if d[{key!r}] in _EMPTY:\n        del d[{key!r}]" for key in later),
        "    return d",
    ]
    return compiler.compile(name)


def _write(compiler: _Compiler, shape: Shape, source: str) -> str:
    """An expression writing ``source``, a value of ``shape``, as JSON-ready data."""
    match shape:
        case ScalarShape():
            return source
        case DateShape():
            return f"{source}.isoformat()"
        case EnumShape() if _string_enum(shape):
            return f"{source}.value"
        case EnumShape():
            return f"{compiler.helper(shape.texts, 'texts')}[{source}]"
        case OptionalShape(inner=inner):
            value = compiler.temporary()
            return f"(None if ({value} := {source}) is None else {_write(compiler, inner, value)})"
        case ListShape(item=item) | SetShape(item=item):
            arrange = "sorted" if isinstance(shape, SetShape) else "list"
            if isinstance(item, ScalarShape):
                return f"{arrange}({source})"
            if isinstance(item, ClassShape):
                write = compiler.helper(writer(item), "unstructure")
                return f"{arrange}(map({write}, {source}))"
            element = compiler.temporary()
            inner_code = _write(compiler, item, element)
            return f"{arrange}([{inner_code} for {element} in {source}])"
        case ClassShape():
            return f"{compiler.helper(writer(shape), 'unstructure')}({source})"
    raise AssertionError(shape)  # pragma: no cover - the seven kinds are above


@functools.cache
def document_reader(shape: ClassShape) -> Callable[[object], Any]:
    """The fast reader of a whole document (or an item of a list that is one).

    For a versioned class (the registry) the object carries a ``"schema"``
    this library reads, taken off before its fields are read.
    """
    read = reader(shape)
    if not shape.versioned:
        return read

    def read_document(value: object) -> Any:
        if type(value) is not dict or value.get("schema") not in SCHEMAS:
            raise RejectedError
        body = dict(value)
        del body["schema"]
        return read(body)

    return read_document


@functools.cache
def document_writer(shape: ClassShape) -> Callable[[Any], dict[str, Any]]:
    """The fast writer of a whole document: a versioned class (the registry)
    gets ``"schema"`` first, and the keys of :data:`~._format.WRITTEN_WHEN_SET`
    only when they hold a value."""
    write = writer(shape)
    if not shape.versioned:
        return write

    def write_document(value: Any) -> dict[str, Any]:
        body = write(value)
        for key in WRITTEN_WHEN_SET:
            if body[key] is None:
                del body[key]
        return {"schema": SCHEMA, **body}

    return write_document
