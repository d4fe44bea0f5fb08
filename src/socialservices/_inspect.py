"""The careful reader: walks a document by its shape and names every problem.

It reads what it can, and for everything it cannot it records a
:class:`~socialservices.DocumentProblem` with a code and a JSON path, then
carries on, so one pass reports all problems. It follows the shape, never the
data, so a document nested 10,000 levels deep costs no recursion.
"""

from __future__ import annotations

import contextlib
import json
import re
from datetime import date
from typing import Any, cast

import attrs

from ._errors import DocumentProblem, InvalidValueError, short_repr
from ._shapes import (
    SCHEMAS,
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

__all__ = ["INVALID", "Inspector", "key_path"]

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


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


class Inspector:
    """One pass over one document, collecting problems in document order."""

    def __init__(self) -> None:
        self.problems: list[DocumentProblem] = []

    def problem(self, code: str, path: str, message: str, **extra: Any) -> Any:
        self.problems.append(DocumentProblem(code, path, message, **extra))
        return INVALID

    def read(self, shape: Shape, value: object, path: str) -> Any:
        """The value ``shape`` describes, or :data:`INVALID` (problems recorded)."""
        if isinstance(shape, ScalarShape):
            if shape.accepts(value):
                return value
            return self._wrong_type(path, shape.name, value)
        if isinstance(shape, DateShape):
            return self._date(value, path)
        if isinstance(shape, EnumShape):
            return self._member(shape, value, path)
        if isinstance(shape, OptionalShape):
            return None if value is None else self.read(shape.inner, value, path)
        if isinstance(shape, ListShape):
            return self._collection(shape.item, shape.container, value, path)
        if isinstance(shape, SetShape):
            return self._collection(shape.item, frozenset, value, path)
        return self._object(shape, value, path)

    def _wrong_type(self, path: str, expected: str, value: object) -> Any:
        return self.problem(
            "wrong_type", path, f"expected {expected}, got {_json_type(value)}"
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
            return shape.by_value[value]
        except (KeyError, TypeError):
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
        items = [
            self.read(item, member, f"{path}[{index}]")
            for index, member in enumerate(value)
        ]
        if any(member is INVALID for member in items):
            return INVALID
        return container(items)

    def _object(self, shape: ClassShape, value: object, path: str) -> Any:
        if not isinstance(value, dict):
            return self._wrong_type(path, f"an object ({shape.kind.__name__})", value)
        if shape.versioned and not self._schema_understood(value, path):
            return INVALID  # another format: its other keys mean nothing here
        begin = len(self.problems)
        result = self._fields(shape, value, path)
        self._in_document_order(begin, shape, value, path)
        return result

    def _fields(self, shape: ClassShape, value: dict[Any, Any], path: str) -> Any:
        duplicates = getattr(value, "duplicates", ())
        for key in duplicates:
            self.problem(
                "duplicate_key",
                key_path(path, key),
                "the key appears more than once; only one value could be kept",
            )
        for key in value:
            if key not in shape.names and not (shape.versioned and key == "schema"):
                self.problem(
                    "unexpected_field",
                    key_path(path, key),
                    f"{shape.kind.__name__} has no field {short_repr(key)}",
                )
        arguments: dict[str, Any] = {}
        for field in shape.fields:
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
        readable = {k: v for k, v in arguments.items() if v is not INVALID}
        if duplicates or len(readable) < len(arguments):
            self._report(_invariants_broken(shape, readable), path)
            return INVALID
        return self._build(shape, arguments, path)

    def _in_document_order(
        self, begin: int, shape: ClassShape, value: dict[Any, Any], path: str
    ) -> None:
        """Order the problems of one object by the order of its fields; a key
        the type does not have comes after the field before it in the
        document. Stable: the problems under one key keep their order."""
        block = self.problems[begin:]
        if len(block) < 2:
            return
        field_index = {field.name: float(i) for i, field in enumerate(shape.fields)}
        places: dict[str, float] = {}
        previous = -1.0
        for key in value:
            if key in field_index:
                previous = field_index[key]
                places[key_path(path, key)] = previous
            else:
                places[key_path(path, key)] = previous + 0.5
        for name, i in field_index.items():
            places.setdefault(key_path(path, name), i)

        def place(problem: DocumentProblem) -> float:
            for prefix, i in places.items():
                rest = problem.path[len(prefix) :]
                if problem.path.startswith(prefix) and rest[:1] in ("", ".", "["):
                    return i
            return -1.0  # the object as a whole

        self.problems[begin:] = sorted(block, key=place)

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

    def _report(self, broken: list[InvalidValueError], path: str) -> None:
        for each in broken:
            self.problem(
                "invalid_value",
                key_path(path, each.field),
                f"{_shown(each.value)}: {each.reason}",
                detail=each.code,
            )

    def _build(self, shape: ClassShape, arguments: dict[str, Any], path: str) -> Any:
        kind = shape.kind
        try:
            return kind(**arguments)
        except InvalidValueError as error:
            broken = _invariants_broken(shape, arguments) or [error]
        except Exception as error:  # an invariant outside the validators
            return self.problem(
                "invalid_value", path, f"{kind.__name__}: {short_repr(error)}"
            )
        self._report(broken, path)
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
            with contextlib.suppress(Exception):  # the validator will name it
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
        except Exception:  # a validator that needs a field left unset
            continue
    return broken
