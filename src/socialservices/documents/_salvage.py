"""Salvage: a registry of every record of a document that reads, and the rest set aside.

:func:`~socialservices.loads` and :func:`~socialservices.from_dict` read a
document whole or not at all. :func:`salvage` reads each record of each
collection (``providers``, ``services``, ``placements``, ...) on its own,
with the same readers (the fast one, then the careful one that names every
problem with its path), keeps every record that reads and sets aside every
record that does not, with its problems. Nothing is repaired or guessed.

What is not a record must read, or nothing is salvaged: text that is not
JSON, a document that is not an object, has no schema this library reads,
gives a key twice, or whose geography (or any other field that is not a
collection of records) has a problem is refused with the
:class:`~socialservices.InvalidDocument` that :func:`~socialservices.loads`
raises. A key the registry does not have is reported and ignored.

Time is linear in the size of the document: each record is read once by
the fast reader and, when that refuses it, once by the careful one.

Salvage is built on the public functions, the readers and the format; none
of them knows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from .. import _checks
from .._errors import DocumentProblem, InvalidDocument
from .._registry import Registry
from ._careful import INVALID, Inspector, key_path
from ._compiled import REFUSED, document_reader, reader
from ._convert import loads, parse_json
from ._format import ClassShape, DuplicateKeys, ListShape, class_shape

__all__ = ["Salvage", "SetAside", "salvage"]


def _problems(value: Iterable[DocumentProblem]) -> tuple[DocumentProblem, ...]:
    return tuple(value) if _checks.is_collection(value) else value  # type: ignore[return-value]


def _set_aside(value: Iterable[SetAside]) -> tuple[SetAside, ...]:
    return tuple(value) if _checks.is_collection(value) else value  # type: ignore[return-value]


def _collection(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value not in _RECORDS:
        raise _checks.fail(
            instance,
            attribute,
            value,
            "unknown_value",
            f"must be a collection of records: {', '.join(_RECORDS)}",
        )


@attrs.frozen(kw_only=True)
class SetAside:
    """A record :func:`salvage` left out of the registry, and why.

    Attributes:
        collection: the registry collection the record is in (``"services"``).
        index: its position in that array of the document, from 0.
        id: its ``id`` (a service type's ``code``) when that reads as a
            valid id; ``None`` when it does not, or the record has none
            (capacity ceilings).
        problems: every problem of the record, with paths as
            :func:`~socialservices.loads` reports them
            (``$.services[3].capacity``).

    .. versionadded:: 0.5
    """

    collection: str = attrs.field(validator=_collection)
    index: int = attrs.field(validator=_checks.count)
    id: str | None = attrs.field(validator=_checks.optional_identifier)
    problems: tuple[DocumentProblem, ...] = attrs.field(
        converter=_problems, validator=_checks.tuple_of(DocumentProblem)
    )

    @property
    def path(self) -> str:
        """The record's JSON path: ``$.services[3]``."""
        return f"{key_path('$', self.collection)}[{self.index}]"


@attrs.frozen(kw_only=True)
class Salvage:
    """What :func:`salvage` made of a document: the registry of every record
    that reads, and the records set aside.

    Attributes:
        registry: every record that reads, with the document's geography
            and other fields; equal to :func:`~socialservices.from_dict`'s
            registry when the document has no problem.
        set_aside: every record that does not read, in the order of the
            registry's collections, then of the document.
        problems: problems outside any record: keys the registry does not
            have (``unexpected_field`` at ``$.key``), which are ignored.

    .. versionadded:: 0.5
    """

    registry: Registry = attrs.field(validator=_checks.instance_of(Registry))
    set_aside: tuple[SetAside, ...] = attrs.field(
        default=(), converter=_set_aside, validator=_checks.tuple_of(SetAside)
    )
    problems: tuple[DocumentProblem, ...] = attrs.field(
        default=(), converter=_problems, validator=_checks.tuple_of(DocumentProblem)
    )

    @property
    def complete(self) -> bool:
        """Whether the whole document read: nothing set aside, no problem."""
        return not self.set_aside and not self.problems

    @property
    def all_problems(self) -> tuple[DocumentProblem, ...]:
        """Every problem: those outside any record, then each set-aside record's.

        They are the problems :func:`~socialservices.loads` reports for the
        same document (in a different order).
        """
        found = list(self.problems)
        for record in self.set_aside:
            found.extend(record.problems)
        return tuple(found)


_REGISTRY = class_shape(Registry)
_RECORDS: dict[str, ClassShape] = {
    field.name: field.shape.item
    for field in _REGISTRY.fields
    if isinstance(field.shape, ListShape) and isinstance(field.shape.item, ClassShape)
}
"""The registry's collections of records, each with the shape of its records."""


def salvage(document: object) -> Salvage:
    """The registry of every record in ``document`` that reads, and the rest set aside.

    ``document`` is JSON text (``str`` or UTF-8 ``bytes``) or data already
    parsed (a ``dict``), as :func:`~socialservices.loads` and
    :func:`~socialservices.from_dict` take them. Each record of each
    collection is read on its own: one that reads is kept as it is, one
    that does not is a :class:`SetAside` with its problems. Records that
    refer to a set-aside record are kept: the validation rules report the
    unknown reference (``REF`` findings).

    >>> from socialservices import Registry, to_dict
    >>> document = to_dict(Registry())
    >>> document["persons"] = [{"id": "P-1", "birth_date": "2019-02-30"}]
    >>> result = salvage(document)
    >>> result.registry.persons, [(r.collection, r.index, r.id) for r in result.set_aside]
    ((), [('persons', 0, 'P-1')])
    >>> [(p.code, p.path) for p in result.set_aside[0].problems]
    [('invalid_date', '$.persons[0].birth_date'), ('missing_field', '$.persons[0].home_municipality')]
    >>> salvage("not JSON")
    Traceback (most recent call last):
    ...
    socialservices.InvalidDocument: 1 problem in the document:
    $: Expecting value (line 1, column 1) [invalid_json]

    Raises:
        InvalidDocument: the whole document is refused, with the problems
            :func:`~socialservices.loads` reports: the text is not JSON,
            the document is not an object, its schema is missing or not
            understood, a key of the document appears twice, or a field
            that is not a collection of records (the geography) has a
            problem, or a collection is not an array.

    .. versionadded:: 0.5
    """
    data = _parsed(document)
    try:
        return Salvage(registry=document_reader(_REGISTRY)(data))
    except REFUSED:  # the careful reading below says what was wrong
        pass
    base, outside = _outside_records(data)
    kept: dict[str, Any] = {}
    set_aside: list[SetAside] = []
    for name, shape in _RECORDS.items():
        if name in data:
            kept[name] = _read_records(name, shape, data[name], set_aside)
    return Salvage(
        registry=attrs.evolve(base, **kept), set_aside=set_aside, problems=outside
    )


def _parsed(document: object) -> Any:
    """``document`` parsed as :func:`~socialservices.loads` parses text."""
    if isinstance(document, bytearray):
        document = bytes(document)
    if not isinstance(document, (str, bytes)):
        return document
    try:
        return parse_json(document)
    except (RecursionError, ValueError):  # not JSON: loads says why, in its words
        loads(document, Registry)
        raise


def _refused(data: object) -> InvalidDocument:
    """The error :func:`~socialservices.from_dict` raises for ``data``."""
    inspector = Inspector()
    inspector.read(_REGISTRY, data, "$")
    return InvalidDocument(inspector.problems)


def _outside_records(data: Any) -> tuple[Registry, list[DocumentProblem]]:
    """The registry of everything but the records, and the keys it does not have.

    Raises:
        InvalidDocument: anything else outside the records has a problem.
    """
    if not isinstance(data, dict) or isinstance(data, DuplicateKeys):
        raise _refused(data)
    skeleton = {
        key: [] if key in _RECORDS and type(value) in (list, tuple) else value
        for key, value in data.items()
    }
    inspector = Inspector()
    base = inspector.read(_REGISTRY, skeleton, "$")
    unexpected = {
        key_path("$", key)
        for key in data
        if key not in _REGISTRY.index and key != "schema"
    }
    ignored = [
        problem
        for problem in inspector.problems
        if problem.code == "unexpected_field" and problem.path in unexpected
    ]
    if base is INVALID or len(ignored) < len(inspector.problems):
        raise _refused(data)
    return base, ignored


def _read_records(
    name: str, shape: ClassShape, records: Any, set_aside: list[SetAside]
) -> tuple[Any, ...]:
    """Every record of one collection that reads; the others added to ``set_aside``."""
    read = reader(shape)
    kept = []
    for index, record in enumerate(records):
        try:
            kept.append(read(record))
            continue
        except REFUSED:  # the careful reader says what was wrong
            pass
        path = f"{key_path('$', name)}[{index}]"
        inspector = Inspector()
        value = inspector.read(shape, record, path)
        if value is not INVALID and not inspector.problems:
            kept.append(value)
            continue
        problems = tuple(inspector.problems)
        set_aside.append(
            SetAside(
                collection=name,
                index=index,
                id=_readable_id(shape, record, path, problems),
                problems=problems,
            )
        )
    return tuple(kept)


def _readable_id(
    shape: ClassShape, record: object, path: str, problems: tuple[DocumentProblem, ...]
) -> str | None:
    """The record's id (``code`` for a service type), unless it has a problem."""
    name = "id" if "id" in shape.index else "code" if "code" in shape.index else None
    if name is None or not isinstance(record, dict):
        return None
    value = record.get(name)
    where = key_path(path, name)
    if type(value) is not str or _checks.IDENTIFIER.fullmatch(value) is None:
        return None
    if any(problem.path == where for problem in problems):
        return None
    return value
