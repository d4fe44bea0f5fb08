"""The library's exceptions: one root, and values that compare and pickle."""

from __future__ import annotations

__all__ = ["InvalidValueError", "SocialServicesError", "UnknownReferenceError"]


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
        return f"{self.type_name}.{self.field}={self.value!r}: {self.reason}"


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
