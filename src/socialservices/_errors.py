"""The library's exceptions: one root, and values that compare and pickle."""

from __future__ import annotations

import reprlib
from collections.abc import Iterable

import attrs

__all__ = [
    "AmbiguousNameError",
    "DocumentProblem",
    "InvalidDocument",
    "InvalidValueError",
    "MissingDependencyError",
    "SocialServicesError",
    "UnknownReferenceError",
    "short_repr",
]

_REPR = reprlib.Repr()
_REPR.maxstring = 60
_REPR.maxother = 60
_REPR.maxlevel = 3


def short_repr(value: object) -> str:
    """A bounded ``repr`` for messages: never fails, never runs long.

    Deeply nested or huge values are abbreviated; an integer too long to
    print in full is described by its size.

    >>> short_repr("Правец")
    "'Правец'"
    >>> short_repr(2**5000)
    '<an integer of 5001 bits>'
    """
    if isinstance(value, int) and value.bit_length() > 256:
        return f"<an integer of {value.bit_length()} bits>"
    try:
        return _REPR.repr(value)
    except Exception:  # a hostile __repr__, or a value too deep even for reprlib
        return f"<{type(value).__name__}>"


class SocialServicesError(Exception):
    """Root of every exception this library raises on purpose.

    Errors are values: two errors of the same class with the same arguments
    are equal, and every error pickles.

    .. versionadded:: 0.1
    """

    __module__ = "socialservices"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SocialServicesError):
            return NotImplemented
        return type(self) is type(other) and self.args == other.args

    def __hash__(self) -> int:
        return hash((type(self), repr(self.args)))


class InvalidValueError(SocialServicesError, ValueError):
    """A value, or an argument to a query, broke an invariant of its own.

    Attributes:
        type_name: the class being built (``"Period"``) or the function called
            (``"Registry.free_places"``).
        field: the field or argument that is wrong, e.g. ``"end"``.
        value: the offending value, as it was given.
        code: a stable, machine-readable reason such as ``"negative"``.
        reason: a human explanation.

    >>> error = InvalidValueError("Period", "end", 3, "wrong_type", "not a date")
    >>> str(error)
    'Period.end=3: not a date'
    >>> error == InvalidValueError("Period", "end", 3, "wrong_type", "not a date")
    True

    .. versionadded:: 0.1
    """

    __module__ = "socialservices"

    def __init__(
        self, type_name: str, field: str, value: object, code: str, reason: str
    ) -> None:
        super().__init__(type_name, field, value, code, reason)
        self.type_name = type_name
        self.field = field
        self.value = value
        self.code = code
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.type_name}.{self.field}={short_repr(self.value)}: {self.reason}"


class UnknownReferenceError(SocialServicesError, LookupError):
    """A query named an entity that the registry or geography does not hold.

    Attributes:
        kind: what was looked up, e.g. ``"service"`` or ``"municipality"``.
        id: the id or code that was not found.

    >>> str(UnknownReferenceError("service", "S-404"))
    "no service with id 'S-404'"

    .. versionadded:: 0.1
    """

    __module__ = "socialservices"

    def __init__(self, kind: str, id: str) -> None:
        super().__init__(kind, id)
        self.kind = kind
        self.id = id

    def __str__(self) -> str:
        return f"no {self.kind} with id {self.id!r}"


class MissingDependencyError(SocialServicesError, ImportError):
    """A feature needs an optional extra that is not installed.

    Attributes:
        feature: what was asked for, e.g. ``"allocate(solver='highs')"``.
        extra: the extra that brings it, e.g. ``"solver"``.

    >>> str(MissingDependencyError("allocate(solver='highs')", "solver"))
    "allocate(solver='highs') needs an optional extra: pip install 'socialservices[solver]'"

    .. versionadded:: 0.3
    """

    __module__ = "socialservices"

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(feature, extra)
        self.feature = feature
        self.extra = extra

    def __str__(self) -> str:
        return (
            f"{self.feature} needs an optional extra: "
            f"pip install 'socialservices[{self.extra}]'"
        )


def _to_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


class AmbiguousNameError(SocialServicesError, LookupError):
    """A name that several places (or types) go by, with no way to tell which.

    Attributes:
        kind: what was looked up, e.g. ``"municipality"``.
        name: the name as given.
        candidates: the codes of everything that goes by that name; use one
            of them, or qualify the name (``"Бяла (Варна)"``).

    >>> str(AmbiguousNameError("municipality", "Бяла", ("RSE04", "VAR05")))
    "more than one municipality is called 'Бяла': RSE04, VAR05"

    .. versionadded:: 0.2
    """

    __module__ = "socialservices"

    def __init__(self, kind: str, name: str, candidates: tuple[str, ...]) -> None:
        super().__init__(kind, name, candidates)
        self.kind = kind
        self.name = name
        self.candidates = candidates

    def __str__(self) -> str:
        names = ", ".join(self.candidates)
        return f"more than one {self.kind} is called {self.name!r}: {names}"


@attrs.frozen
class DocumentProblem:
    """One thing wrong with a document: a code, where it is, and what it is.

    Attributes:
        code: a stable, machine-readable kind of problem, e.g.
            ``"missing_field"`` (the list is in the docs, "Reading and
            writing data").
        path: a JSON path to the problem, e.g. ``"$.placements[3].period.start"``.
        message: a human explanation.
        detail: for ``"invalid_value"``, the :class:`InvalidValueError` code
            of the domain invariant that failed (e.g. ``"before_start"``).
        allowed: for ``"unknown_value"``, the values that are understood.

    >>> problem = DocumentProblem("missing_field", "$.period.start", "required")
    >>> str(problem)
    '$.period.start: required [missing_field]'

    .. versionadded:: 0.2
    """

    code: str
    path: str
    message: str
    detail: str | None = attrs.field(default=None, kw_only=True)
    allowed: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_to_tuple
    )

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.code}]"


class InvalidDocument(SocialServicesError, ValueError):  # noqa: N818 - the issue's name
    """A document could not be read: every problem in it, each with its path.

    ``problems`` lists them all, in document order (array items in turn,
    an object's problems in the order of its type's fields); ``str()`` gives one per
    line. Nothing of the document is lost: fix the problems and read it again.

    >>> error = InvalidDocument([DocumentProblem("missing_field", "$.id", "required")])
    >>> str(error).splitlines()
    ['1 problem in the document:', '$.id: required [missing_field]']
    >>> [problem.code for problem in error.problems]
    ['missing_field']

    .. versionadded:: 0.2
    """

    __module__ = "socialservices"

    def __init__(self, problems: Iterable[DocumentProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:
        count = len(self.problems)
        heading = f"{count} problem{'' if count == 1 else 's'} in the document:"
        return "\n".join([heading, *map(str, self.problems)])
