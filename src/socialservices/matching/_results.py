"""What an allocation gives back: assignments, unplaced requests, the objective."""

from __future__ import annotations

import collections
import itertools
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from .. import _checks
from .._errors import InvalidValueError
from .._geography import Proximity
from ._policy import Level, Policy
from ._reasons import UnplacedReason

__all__ = ["Allocation", "Assignment", "Unplaced"]


def _to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value) if _checks.is_collection(value) else value  # type: ignore[return-value]


@attrs.frozen(kw_only=True)
class Assignment:
    """A request placed in a service: ``persons`` are all the request's persons.

    .. versionadded:: 0.2
    """

    request: str = attrs.field(validator=_checks.identifier)
    persons: tuple[str, ...] = attrs.field(
        converter=_to_tuple, validator=_checks.tuple_of(str, each=_checks.identifier)
    )
    service: str = attrs.field(validator=_checks.identifier)
    tier: Proximity = attrs.field(validator=_checks.instance_of(Proximity))


@attrs.frozen(kw_only=True)
class Unplaced:
    """A request left unplaced, and why.

    .. versionadded:: 0.2
    """

    request: str = attrs.field(validator=_checks.identifier)
    persons: tuple[str, ...] = attrs.field(
        converter=_to_tuple, validator=_checks.tuple_of(str, each=_checks.identifier)
    )
    reason: UnplacedReason = attrs.field(validator=_checks.instance_of(UnplacedReason))
    message: str = attrs.field(validator=_checks.text)


def _setter(cls: type, name: str) -> Callable[[object, object], None]:
    """The slot's own setter: it writes past a frozen class's ``__setattr__``."""
    descriptor: Any = cls.__dict__[name]
    setter: Callable[[object, object], None] = descriptor.__set__
    return setter


def _build(
    cls: type[Any], count: int, columns: Sequence[tuple[str, Iterable[object]]]
) -> list[Any]:
    """``count`` instances of the frozen slotted ``cls``, their fields set
    column by column from ``columns`` (``(field, values)``), without
    ``__init__``: the library's own results, a million at a time."""
    objects = list(map(object.__new__, itertools.repeat(cls, count)))
    drain = collections.deque[object](maxlen=0).extend
    for name, values in columns:
        drain(map(_setter(cls, name), objects, values))
    return objects


def _assignments(
    count: int,
    request: Iterable[str],
    persons: Iterable[tuple[str, ...]],
    service: Iterable[str],
    tier: Iterable[Proximity],
) -> list[Assignment]:
    """``count`` assignments, one per item of each column (internal: no checks)."""
    columns = (
        ("request", request),
        ("persons", persons),
        ("service", service),
        ("tier", tier),
    )
    return _build(Assignment, count, columns)


def _unplaced(
    count: int,
    request: Iterable[str],
    persons: Iterable[tuple[str, ...]],
    reason: Iterable[UnplacedReason],
    message: Iterable[str],
) -> list[Unplaced]:
    """``count`` unplaced requests, one per item of each column (internal)."""
    columns = (
        ("request", request),
        ("persons", persons),
        ("reason", reason),
        ("message", message),
    )
    return _build(Unplaced, count, columns)


_DEFERRED = frozenset(("assignments", "unplaced"))


@attrs.frozen(kw_only=True)
class Allocation:
    """The outcome of a batch of requests on one day.

    ``assignments`` and ``unplaced`` are in waiting order: by ``requested_on``,
    then request id. ``objective`` holds the value of each of
    ``policy.levels``, in that order: counts of persons for count levels
    (tier levels cumulative, e.g. ``SAME_REGION`` counts everyone placed in
    their home region, each person at their own home), the sum of tier costs
    for ``TIER_COST``, whole metres from home for ``DISTANCE``.
    ``per_tier`` counts the persons placed in each
    :class:`~socialservices.Proximity` tier, nearest first. ``optimal`` is
    ``True`` when the objective is proven the best possible; ``method`` says
    how it was found.

    .. versionadded:: 0.2
    """

    on: date = attrs.field(validator=_checks.a_date)
    policy: Policy = attrs.field(validator=_checks.instance_of(Policy))
    assignments: tuple[Assignment, ...] = attrs.field(
        converter=_to_tuple, validator=_checks.tuple_of(Assignment)
    )
    unplaced: tuple[Unplaced, ...] = attrs.field(
        converter=_to_tuple, validator=_checks.tuple_of(Unplaced)
    )
    objective: tuple[int, ...] = attrs.field(
        converter=_to_tuple, validator=_checks.tuple_of(int, each=_checks.count)
    )
    per_tier: tuple[int, ...] = attrs.field(
        converter=_to_tuple, validator=_checks.tuple_of(int, each=_checks.count)
    )
    optimal: bool = attrs.field(validator=_checks.boolean)
    method: str = attrs.field(validator=_checks.text)
    _by_request: dict[str, Assignment | None] | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )
    _pending: (
        Callable[[], tuple[tuple[Assignment, ...], tuple[Unplaced, ...]]] | None
    ) = attrs.field(init=False, default=None, eq=False, repr=False, hash=False)

    @classmethod
    def _deferred(
        cls,
        *,
        on: date,
        policy: Policy,
        objective: tuple[int, ...],
        per_tier: tuple[int, ...],
        optimal: bool,
        method: str,
        outcome: Callable[[], tuple[tuple[Assignment, ...], tuple[Unplaced, ...]]],
    ) -> Allocation:
        """An allocation whose ``assignments`` and ``unplaced`` are built by
        ``outcome()`` when first read: a million :class:`Assignment` objects
        cost more than the allocation that decides them, and many callers
        only want the counts. Once built, it is an allocation like any other
        (equality, hashing, pickling and documents all read the fields)."""
        self = object.__new__(cls)
        set_ = object.__setattr__
        set_(self, "on", on)
        set_(self, "policy", policy)
        set_(self, "objective", objective)
        set_(self, "per_tier", per_tier)
        set_(self, "optimal", optimal)
        set_(self, "method", method)
        set_(self, "_by_request", None)
        set_(self, "_pending", outcome)
        return self

    if not TYPE_CHECKING:  # keep attribute typos visible to type checkers

        def __getattr__(self, name: str) -> object:
            # only reached when a slot is unset: the deferred fields
            if name in _DEFERRED:
                pending = self._pending
                if pending is not None:
                    assignments, unplaced = pending()
                    set_ = object.__setattr__
                    set_(self, "assignments", assignments)
                    set_(self, "unplaced", unplaced)
                    set_(self, "_pending", None)
                    return getattr(self, name)
            raise AttributeError(
                f"{type(self).__name__!r} object has no attribute {name!r}"
            )

    @property
    def persons_placed(self) -> int:
        """Persons placed (sibling groups count as all their members)."""
        return sum(self.per_tier)

    @property
    def persons_unplaced(self) -> int:
        """Persons of the requests left unplaced."""
        return sum(len(item.persons) for item in self.unplaced)

    def placed_in(self, tier: Proximity) -> int:
        """Persons placed in ``tier``.

        Raises:
            InvalidValueError: ``tier`` is not a :class:`~socialservices.Proximity`.
        """
        _checks.argument("Allocation.placed_in", "tier", tier, Proximity)
        return self.per_tier[tier]

    def value(self, level: Level) -> int:
        """The objective's value at ``level``.

        Raises:
            InvalidValueError: ``level`` is not a :class:`Level`
                (``wrong_type``), or the policy has no such level
                (``out_of_range``).
        """
        _checks.argument("Allocation.value", "level", level, Level)
        if level not in self.policy.levels:
            raise InvalidValueError(
                "Allocation.value", "level", level, "out_of_range", "not a level"
            )
        return self.objective[self.policy.levels.index(level)]

    def assignment_of(self, request: str) -> Assignment | None:
        """The assignment of ``request``, ``None`` if it was left unplaced.

        Raises:
            InvalidValueError: ``request`` is not a string (``wrong_type``).
            UnknownReferenceError: ``request`` is the id of no request of the
                batch.
        """
        if not isinstance(request, str):
            raise InvalidValueError(
                "Allocation.assignment_of",
                "request",
                request,
                "wrong_type",
                "must be a request id (a str)",
            )
        index = self._by_request
        if index is None:  # built once, on the first look-up
            index = {item.request: item for item in self.assignments}
            for item in self.unplaced:
                index.setdefault(item.request, None)
            object.__setattr__(self, "_by_request", index)
        return _checks.look_up(index, "request", request)
