"""What an allocation gives back: assignments, unplaced requests, the objective."""

from __future__ import annotations

from datetime import date

import attrs

from .. import _checks
from .._errors import InvalidValueError
from .._geography import Proximity
from ._policy import Level, Policy
from ._reasons import UnplacedReason

__all__ = ["Allocation", "Assignment", "Unplaced"]


@attrs.frozen(kw_only=True)
class Assignment:
    """A request placed in a service: ``persons`` are all the request's persons.

    .. versionadded:: 0.3
    """

    request: str
    persons: tuple[str, ...]
    service: str
    tier: Proximity


@attrs.frozen(kw_only=True)
class Unplaced:
    """A request left unplaced, and why.

    .. versionadded:: 0.3
    """

    request: str
    persons: tuple[str, ...]
    reason: UnplacedReason
    message: str


@attrs.frozen(kw_only=True)
class Allocation:
    """The outcome of a batch of requests on one day.

    ``assignments`` and ``unplaced`` are in waiting order: by ``requested_on``,
    then request id. ``objective`` holds the value of each of
    ``policy.levels``, in that order: counts of persons for count levels
    (tier levels cumulative, e.g. ``SAME_REGION`` counts everyone placed in
    their home region), the sum of tier costs for ``TIER_COST``.
    ``per_tier`` counts the persons placed in each
    :class:`~socialservices.Proximity` tier, nearest first. ``optimal`` is
    ``True`` when the objective is proven the best possible; ``method`` says
    how it was found.

    .. versionadded:: 0.3
    """

    on: date
    policy: Policy
    assignments: tuple[Assignment, ...]
    unplaced: tuple[Unplaced, ...]
    objective: tuple[int, ...]
    per_tier: tuple[int, ...]
    optimal: bool
    method: str
    _by_request: dict[str, Assignment] | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
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
        """Persons placed in ``tier``."""
        _checks.argument("Allocation.placed_in", "tier", tier, Proximity)
        return self.per_tier[tier]

    def value(self, level: Level) -> int:
        """The objective's value at ``level``.

        Raises:
            InvalidValueError: when the policy has no such level.
        """
        if level not in self.policy.levels:
            raise InvalidValueError(
                "Allocation.value", "level", level, "out_of_range", "not a level"
            )
        return self.objective[self.policy.levels.index(level)]

    def assignment_of(self, request: str) -> Assignment | None:
        """The assignment of ``request``, ``None`` if it was not placed."""
        index = self._by_request
        if index is None:  # built once, on the first look-up
            index = {item.request: item for item in self.assignments}
            object.__setattr__(self, "_by_request", index)
        return index.get(request)
