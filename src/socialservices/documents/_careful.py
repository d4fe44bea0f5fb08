"""The careful reader: walks a document by its shape and names every problem.

It reads what it can, and for everything it cannot it records a
:class:`~socialservices.DocumentProblem` with a code and a JSON path, then
carries on, so one pass reports all problems. It follows the shape, never the
data, so a document nested 10,000 levels deep costs no recursion; and its time
grows with the size of the document, not its square, however many problems it
has (each problem is put in document order by a key computed as it is
recorded, not by searching for it among the object's keys).

It knows the format (``_format``) and the domain's errors, and nothing of the
compiled readers and writers (``_compiled``) or of the public functions, which
call it when the fast reader refuses a document.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
from collections.abc import Callable
from datetime import date
from typing import Any, cast

import attrs

from .._errors import DocumentProblem, InvalidDocument, InvalidValueError, short_repr
from ._format import (
    SCHEMAS,
    ClassShape,
    DateShape,
    EnumShape,
    ListShape,
    LongInteger,
    OptionalShape,
    ScalarShape,
    SetShape,
    Shape,
    iso_date,
)

__all__ = ["INVALID", "Inspector", "key_path", "read"]

INVALID: Any = object()
"""What a part of the document reads as when it has a problem."""


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    tuple: "an array",
    str: "a string",
    bool: "a boolean",
    int: "a whole number",
    float: "a number",
    type(None): "null",
}


Place = tuple[float, int]
"""Where a problem of an object goes: after the field before its key in the
document (a half step for a key the type does not have), then by the key's
place in the document."""

_WHOLE: Place = (-1.0, 0)
"""The place of a problem of the object as a whole: first."""


def key_path(path: str, key: object) -> str:
    """``path`` extended by an object key: ``$.period``, or ``$["odd key"]``.

    >>> key_path("$", "period"), key_path("$", "two words"), key_path("$", 3)
    ('$.period', '$["two words"]', '$[<int> 3]')
    """
    if isinstance(key, str):
        if _NAME.fullmatch(key):
            return f"{path}.{key}"
        shown = key if len(key) <= 60 else key[:57] + "..."
        ascii_only = _SURROGATE.search(shown) is not None  # keep the path printable
        return f"{path}[{json.dumps(shown, ensure_ascii=ascii_only)}]"
    return f"{path}[<{type(key).__name__}> {short_repr(key)}]"


def _shown(value: object) -> str:
    """A value as the document wrote it (a date as its ISO string)."""
    return short_repr(value.isoformat() if isinstance(value, date) else value)


_WHOLE_DOCUMENT = re.compile(r"\$(\[[0-9]+\])?")


def _versioned(shape: ClassShape, path: str) -> bool:
    """Whether the object at ``path`` carries a schema: a registry that is the
    document, or an item of a document that is a list, as ``to_dict`` writes
    them; not one inside another value (a ``Salvage``'s)."""
    return shape.versioned and _WHOLE_DOCUMENT.fullmatch(path) is not None


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def read(shape: Shape, data: object) -> Any:
    """The value of ``shape`` that the document ``data`` describes.

    Raises:
        InvalidDocument: with every problem in ``data`` and its path.
    """
    inspector = Inspector()
    value = inspector.read(shape, data, "$")
    if inspector.problems or value is INVALID:
        raise InvalidDocument(inspector.problems)
    return value


class Inspector:
    """One pass over one document, collecting problems in document order."""

    def __init__(self) -> None:
        self.problems: list[DocumentProblem] = []

    def problem(self, code: str, path: str, message: str, **extra: Any) -> Any:
        self.problems.append(DocumentProblem(code, path, message, **extra))
        return INVALID

    def read(self, shape: Shape, value: object, path: str) -> Any:
        """The value ``shape`` describes, or :data:`INVALID` (problems recorded)."""
        if type(value) is LongInteger:
            return self.problem(
                "number_out_of_range",
                path,
                f"a whole number of {value.digits:,} digits is too long to read",
            )
        match shape:
            case ScalarShape(kind=kind):
                if not shape.accepts(value):
                    return self._wrong_type(path, shape.name, value)
                return self._real(cast(float, value), path) if kind is float else value
            case DateShape():
                return self._date(value, path)
            case EnumShape():
                return self._member(shape, value, path)
            case OptionalShape(inner=inner):
                return None if value is None else self.read(inner, value, path)
            case ListShape(item=item, container=container):
                return self._collection(item, container, value, path)
            case SetShape(item=item):
                return self._collection(item, frozenset, value, path)
            case ClassShape():
                return self._object(shape, value, path)
        raise AssertionError(shape)  # pragma: no cover - the seven kinds are above

    def _wrong_type(self, path: str, expected: str, value: object) -> Any:
        return self.problem(
            "wrong_type", path, f"expected {expected}, got {_json_type(value)}"
        )

    def _real(self, value: float, path: str) -> Any:
        try:
            real = float(value)
        except OverflowError:
            real = math.inf
        if math.isfinite(real):
            return real
        return self.problem(
            "number_out_of_range",
            path,
            f"{_shown(value)} is not a finite number a document can hold",
        )

    def _date(self, value: object, path: str) -> Any:
        if type(value) is not str:
            return self._wrong_type(path, "a date string (YYYY-MM-DD)", value)
        try:
            return iso_date(value)
        except ValueError:
            return self.problem(
                "invalid_date",
                path,
                f"{short_repr(value)} is not a valid date (YYYY-MM-DD)",
            )

    def _member(self, shape: EnumShape, value: object, path: str) -> Any:
        try:
            return shape.member(value)
        except KeyError:
            allowed = shape.allowed
            return self.problem(
                "unknown_value",
                path,
                f"{short_repr(value)} is not one of: {', '.join(allowed)}",
                allowed=allowed,
            )

    def _collection(
        self, item: Shape, container: type, value: object, path: str
    ) -> Any:
        if type(value) is not list and type(value) is not tuple:
            return self._wrong_type(path, "an array", value)
        items = []
        first: dict[Any, int] | None = {} if container is frozenset else None
        for index, member in enumerate(value):
            read = self.read(item, member, f"{path}[{index}]")
            if first is not None and read is not INVALID:
                earlier = first.setdefault(read, index)
                if earlier != index:
                    read = self.problem(
                        "duplicate_item",
                        f"{path}[{index}]",
                        f"the same value as item {earlier}; a set holds each value once",
                    )
            items.append(read)
        if any(member is INVALID for member in items):
            return INVALID
        return container(items)

    def _object(self, shape: ClassShape, value: object, path: str) -> Any:
        if not isinstance(value, dict):
            return self._wrong_type(path, f"an object ({shape.kind.__name__})", value)
        if _versioned(shape, path) and not self._schema_understood(value, path):
            return INVALID  # another format: its other keys mean nothing here
        return self._fields(shape, value, path)

    def _fields(self, shape: ClassShape, value: dict[Any, Any], path: str) -> Any:
        """The object's value; its problems put in the order of its fields
        (a key the type does not have after the field before it in the
        document; the problems under one key keep their order)."""
        begin = len(self.problems)
        places: list[Place] = []  # of each problem since ``begin``

        def mark(place: Place) -> None:
            places.extend([place] * (len(self.problems) - begin - len(places)))

        result = self._read_fields(shape, value, path, mark)
        mark(_WHOLE)
        if len(places) > 1:
            block = self.problems[begin:]
            order = sorted(range(len(block)), key=places.__getitem__)
            self.problems[begin:] = [block[i] for i in order]
        return result

    def _read_fields(
        self,
        shape: ClassShape,
        value: dict[Any, Any],
        path: str,
        mark: Callable[[Place], None],
    ) -> Any:
        index = shape.index
        position: dict[Any, Place] = {}  # of each key, in the order of the fields
        previous = -1.0
        for order, key in enumerate(value):
            if key in index:
                previous = float(index[key])
                position[key] = (previous, 0)
            else:
                position[key] = (previous + 0.5, order)
        duplicates = getattr(value, "duplicates", ())
        for key in duplicates:
            self.problem(
                "duplicate_key",
                key_path(path, key),
                "the key appears more than once; only one value could be kept",
            )
            mark(position[key])
        for key in value:
            schema = key == "schema" and _versioned(shape, path)
            if key not in index and not schema:
                self.problem(
                    "unexpected_field",
                    key_path(path, key),
                    f"{shape.kind.__name__} has no field {short_repr(key)}",
                )
                mark(position[key])
        arguments: dict[str, Any] = {}
        for i, field in enumerate(shape.fields):
            if field.name in value:
                member = value[field.name]
                arguments[field.name] = self.read(
                    field.shape, member, key_path(path, field.name)
                )
            elif field.required:
                arguments[field.name] = self.problem(
                    "missing_field",
                    key_path(path, field.name),
                    f"{shape.kind.__name__} requires {field.name!r}",
                )
            mark((float(i), 0))
        readable = {k: v for k, v in arguments.items() if v is not INVALID}
        if duplicates or len(readable) < len(arguments):
            self._report(_invariants_broken(shape, readable), path, index, mark)
            return INVALID
        return self._build(shape, arguments, path, mark)

    def _schema_understood(self, value: dict[Any, Any], path: str) -> bool:
        understood = ", ".join(SCHEMAS)
        if "schema" not in value:
            self.problem(
                "missing_field",
                key_path(path, "schema"),
                f"a registry document states its schema; this library reads {understood}",
            )
            return False
        schema = value["schema"]
        if type(schema) is str and schema in SCHEMAS:
            return True
        self.problem(
            "unknown_schema",
            key_path(path, "schema"),
            f"schema {short_repr(schema)} is not understood; this library reads {understood}",
            allowed=SCHEMAS,
        )
        return False

    def _report(
        self,
        broken: list[InvalidValueError],
        path: str,
        index: dict[str, int],
        mark: Callable[[Place], None],
    ) -> None:
        for each in broken:
            self.problem(
                "invalid_value",
                key_path(path, each.field),
                f"{_shown(each.value)}: {each.reason}",
                detail=each.code,
            )
            mark((float(index.get(each.field, -1)), 0))

    def _build(
        self,
        shape: ClassShape,
        arguments: dict[str, Any],
        path: str,
        mark: Callable[[Place], None],
    ) -> Any:
        kind = shape.kind
        try:
            return kind(**arguments)
        except InvalidValueError as error:  # our classes' invariants raise only this
            broken = _invariants_broken(shape, arguments) or [error]
        self._report(broken, path, shape.index, mark)
        return INVALID


def _invariants_broken(
    shape: ClassShape, arguments: dict[str, Any]
) -> list[InvalidValueError]:
    """Every field validator that fails on ``arguments``, not just the first.

    A required field missing from ``arguments`` is left unset and not
    checked; a validator that needs it is skipped.
    """
    bare: Any = object.__new__(shape.kind)
    fields = [field for field in attrs.fields(shape.kind) if field.init]
    for field, described in zip(fields, shape.fields, strict=True):
        if field.name in arguments:
            value = arguments[field.name]
        elif described.default is not None:
            value = described.default()
        else:
            continue
        if field.converter is not None:
            with contextlib.suppress(TypeError, ValueError):  # the validator names it
                value = cast(Any, field.converter)(value)
        object.__setattr__(bare, field.name, value)
    broken = []
    for field in fields:
        if field.validator is None or not hasattr(bare, field.name):
            continue
        try:
            field.validator(bare, field, getattr(bare, field.name))
        except InvalidValueError as error:
            broken.append(error)
        except AttributeError:  # a validator that needs a field left unset
            continue
    return broken
