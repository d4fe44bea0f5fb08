"""Shapes compiled into straight-line functions: the fast way in and out.

For each attrs class, one generated function reads a document object into
the class (``structure``) and one writes it back (``unstructure``), with no
loop over fields and no per-field dispatch, in the way ``cattrs.gen`` builds
its functions. The reader is strict: anything unexpected raises, and the
caller falls back to the inspector (``_inspect``), which names every problem.
It never guesses: it refuses what the inspector would refuse (an item twice
in a set, ``NaN`` or ``true`` where a number belongs, ...).
"""

from __future__ import annotations

import itertools
import linecache
from collections.abc import Callable
from typing import Any

from ._shapes import (
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

__all__ = ["RejectedError", "sequence", "structure_function", "unstructure_function"]

_counter = itertools.count()


class RejectedError(Exception):
    """The fast reader met something it does not take; the inspector will say what."""


def _refuse() -> Any:
    raise RejectedError


def sequence(value: object) -> list[Any] | tuple[Any, ...]:
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
    """A whole number as a real one (``OverflowError`` if too large)."""
    if type(value) is int:
        return float(value)
    raise RejectedError


def _string_enum(shape: EnumShape) -> bool:
    return all(isinstance(member.value, str) for member in shape.kind)


class _Compiler:
    """Builds the source of one function, naming the helpers it uses."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {
            "_refuse": _refuse,
            "_sequence": sequence,
            "_strings": _strings,
            "_set": _set,
            "_real": _real,
            "_date": iso_date,
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


def structure_function(
    shape: ClassShape,
    complete: Callable[[ClassShape, object], dict[str, Any]],
    nested: Callable[[ClassShape], Callable[[object], Any]],
) -> Callable[[object], Any]:
    """The fast reader for one class.

    ``complete(shape, value)`` fills in omitted optional fields (or raises);
    ``nested(shape)`` gives the reader of a field's class.
    """
    compiler = _Compiler()
    kind = compiler.helper(shape.kind, "kind")
    fill = compiler.helper(complete, "complete")
    me = compiler.helper(shape, "shape")
    arguments = [
        f"{field.name}={_read(compiler, field.shape, f'o[{field.name!r}]', nested)}"
        for field in shape.fields
    ]
    name = f"structure_{shape.kind.__name__}"
    compiler.lines += [
        f"def {name}(o):",
        f"    if type(o) is not dict or len(o) != {len(shape.fields)}:",
        f"        o = {fill}({me}, o)",
        f"    return {kind}(",
        *(f"        {argument}," for argument in arguments),
        "    )",
    ]
    return compiler.compile(name)


def _read(compiler: _Compiler, shape: Shape, source: str, nested: Any) -> str:
    if isinstance(shape, ScalarShape):
        if shape.kind is float:  # finite (JSON has no NaN), a whole number made real
            value = compiler.temporary()
            return (
                f"({value} if type({value} := {source}) is float"
                f" and {value} - {value} == 0.0 else _real({value}))"
            )
        value = compiler.temporary()
        kind = compiler.helper(shape.kind, "type")
        return f"({value} if type({value} := {source}) is {kind} else _refuse())"
    if isinstance(shape, DateShape):
        return f"_date({source})"
    if isinstance(shape, EnumShape):
        if not _string_enum(shape):
            return f"{compiler.helper(shape.member, 'member')}({source})"
        value = compiler.temporary()
        names = compiler.helper(shape.names, "members")
        return f"({names}[{value}] if type({value} := {source}) is str else _refuse())"
    if isinstance(shape, OptionalShape):
        value = compiler.temporary()
        inner = _read(compiler, shape.inner, value, nested)
        return f"(None if ({value} := {source}) is None else {inner})"
    if isinstance(shape, ListShape):
        return _read_collection(compiler, shape.item, source, shape.container, nested)
    if isinstance(shape, SetShape):
        return _read_collection(compiler, shape.item, source, frozenset, nested)
    return f"{compiler.helper(nested(shape), 'structure')}({source})"


def _read_collection(
    compiler: _Compiler, item: Shape, source: str, container: type, nested: Any
) -> str:
    if container is frozenset:
        build, listed = "_set", "list"
    else:
        build, listed = compiler.helper(container, "container"), ""
    if isinstance(item, ScalarShape) and item.kind is str:
        return f"{build}(_strings({source}))"
    if isinstance(item, ClassShape):
        reader = compiler.helper(nested(item), "structure")
        return f"{build}({listed}(map({reader}, _sequence({source}))))"
    element = compiler.temporary()
    inner = _read(compiler, item, element, nested)
    return f"{build}([{inner} for {element} in _sequence({source})])"


def unstructure_function(
    shape: ClassShape, nested: Callable[[ClassShape], Callable[[Any], Any]]
) -> Callable[[Any], dict[str, Any]]:
    """The fast writer for one class: a dict of its fields, JSON-ready."""
    compiler = _Compiler()
    items = [
        f"{field.name!r}: {_write(compiler, field.shape, f'v.{field.name}', nested)}"
        for field in shape.fields
    ]
    name = f"unstructure_{shape.kind.__name__}"
    compiler.lines += [
        f"def {name}(v):",
        "    return {",
        *(f"        {item}," for item in items),
        "    }",
    ]
    return compiler.compile(name)


def _write(compiler: _Compiler, shape: Shape, source: str, nested: Any) -> str:
    if isinstance(shape, ScalarShape):
        return source
    if isinstance(shape, DateShape):
        return f"{source}.isoformat()"
    if isinstance(shape, EnumShape):
        if _string_enum(shape):
            return f"{source}.value"
        return f"{compiler.helper(shape.texts, 'texts')}[{source}]"
    if isinstance(shape, OptionalShape):
        value = compiler.temporary()
        inner = _write(compiler, shape.inner, value, nested)
        return f"(None if ({value} := {source}) is None else {inner})"
    if isinstance(shape, (ListShape, SetShape)):
        arrange = "sorted" if isinstance(shape, SetShape) else "list"
        if isinstance(shape.item, ScalarShape):
            return f"{arrange}({source})"
        if isinstance(shape.item, ClassShape):
            writer = compiler.helper(nested(shape.item), "unstructure")
            return f"{arrange}(map({writer}, {source}))"
        element = compiler.temporary()
        inner = _write(compiler, shape.item, element, nested)
        return f"{arrange}([{inner} for {element} in {source}])"
    return f"{compiler.helper(nested(shape), 'unstructure')}({source})"
