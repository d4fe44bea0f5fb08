"""What becomes of each request: codes while solving, results when read.

Owns the words of each unplaced reason, the tally of persons placed per tier
(each person at their own home), the objective's values, the column of codes
that records each request's fate while a batch is solved (:class:`Settled`)
and the bulk building of :class:`Assignment` and :class:`Unplaced` objects
from it, in waiting order, when they are first read. It knows nothing of how
the fates were decided.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from .._geography import Proximity
from .._person import PlacementRequest
from ._batch import Batch, drain
from ._policy import Level, Policy
from ._reasons import UnplacedReason
from ._results import Allocation, Assignment, Unplaced, _assignments, _unplaced
from ._world import slots

__all__ = ["Settled", "Tally", "finish", "unplaced"]

_TIERS = tuple(Proximity)
_ID = operator.attrgetter("id")
_PERSONS = operator.attrgetter("persons")

Outcome = list[Any]
"""Per request, in waiting order: an ``Unplaced`` settled early, or ``None``."""

_UNPLACED_WORDS = {
    UnplacedReason.UNKNOWN_PERSON: "names a person the registry does not hold",
    UnplacedReason.DUPLICATE_PERSON: "a person is also in an earlier request",
    UnplacedReason.NO_ELIGIBLE_SERVICE: "no service in an allowed tier qualifies",
    UnplacedReason.NOT_OPERATING: "no qualifying service operates that day",
    UnplacedReason.CAPACITY_UNKNOWN: "no qualifying service has a recorded "
    "capacity that day",
    UnplacedReason.NO_FREE_PLACE: "no qualifying service had a free place",
    UnplacedReason.NOT_ENOUGH_ROOM: "no qualifying service had room for the "
    "whole group",
    UnplacedReason.PLACES_TAKEN: "the qualifying places went to requests the "
    "objective put first",
}


def unplaced(request: PlacementRequest, reason: UnplacedReason) -> Unplaced:
    """``request`` left unplaced for ``reason``, with its words."""
    return Unplaced(
        request=request.id,
        persons=request.persons,
        reason=reason,
        message=_UNPLACED_WORDS[reason],
    )


class Tally:
    """Persons and children placed, by tier and by family-based care or not."""

    __slots__ = ("counts", "metres")

    def __init__(self) -> None:
        self.counts: dict[tuple[Proximity, bool], list[int]] = {}
        self.metres = 0

    def add(
        self, tier: Proximity, family: bool, persons: int, children: int, metres: int
    ) -> None:
        """Count ``persons`` (``children`` of them children) placed at
        ``tier`` in a family-based service or not, ``metres`` from home in all."""
        found = self.counts.get((tier, family))
        if found is None:
            self.counts[(tier, family)] = [persons, children]
        else:
            found[0] += persons
            found[1] += children
        self.metres += metres

    def objective(self, policy: Policy) -> tuple[int, ...]:
        """The value of each level (counts; the sum of costs for TIER_COST)."""
        values = []
        for level in policy.levels:
            if level is Level.DISTANCE:
                values.append(self.metres)
                continue
            value = 0
            for (tier, family), (persons, children) in self.counts.items():
                if level is Level.PLACED:
                    value += persons
                elif level is Level.FAMILY_BASED:
                    value += children if family else 0
                elif level is Level.TIER_COST:
                    value += persons * policy.tier_cost(tier)
                else:
                    limit = level.tier
                    assert limit is not None
                    value += persons if tier <= limit else 0
            values.append(value)
        return tuple(values)

    def per_tier(self) -> tuple[int, ...]:
        counts = [0] * len(_TIERS)
        for (tier, _), (persons, _) in self.counts.items():
            counts[tier] += persons
        return tuple(counts)


_REASONS = tuple(UnplacedReason)
_FIRST_PLACED = 1 + len(_REASONS)


class Settled:
    """What became of the requests settled in bulk: per waiting position, a
    code: 0 when not settled here; for a request left unplaced, its reason's;
    for one placed, its site's and tier's.

    A flat column of integers, not an object per request or per run of
    requests: every object a call leaves behind is one more for the garbage
    collector to walk, and a million of them start a full collection."""

    __slots__ = slots("fate site_ids")

    def __init__(self, count: int, site_ids: list[str]) -> None:
        self.fate = [0] * count
        self.site_ids = site_ids

    def placed(self, site: int, tier: Proximity) -> int:
        """The code of a request placed at ``site`` (an index), at ``tier``."""
        return _FIRST_PLACED + tier * len(self.site_ids) + site

    @staticmethod
    def left(reason: UnplacedReason) -> int:
        """The code of a request left unplaced for ``reason``."""
        return 1 + _REASONS.index(reason)

    def place(self, positions: Sequence[int], site: int, tier: Proximity) -> None:
        self.settle(positions, itertools.repeat(self.placed(site, tier)))

    def leave(self, positions: Sequence[int], reason: UnplacedReason) -> None:
        self.settle(positions, itertools.repeat(self.left(reason)))

    def settle(self, positions: Iterable[int], codes: Iterable[int]) -> None:
        """Give each of ``positions`` its code from ``codes``."""
        drain(map(self.fate.__setitem__, positions, codes))

    def services(self) -> tuple[list[str | None], list[Proximity | None]]:
        """Per code, the service and the tier it stands for (``None`` for a
        code that is not a placement's): lists, to look up by index."""
        unused: list[None] = [None] * _FIRST_PLACED
        count = len(self.site_ids)
        tiers = [tier for tier in _TIERS for _ in range(count)]
        return [*unused, *self.site_ids * len(_TIERS)], [*unused, *tiers]


def _built(
    batch: Batch, outcome: Outcome, settled: Settled
) -> tuple[tuple[Assignment, ...], tuple[Unplaced, ...]]:
    """The assignments and unplaced requests, in waiting order: those of
    ``settled`` are built in memory order (column by column, with C-level
    passes, no Python call per request), then put in their places."""
    in_memory, position = batch.in_memory, batch.position
    fate = list(map(settled.fate.__getitem__, position))  # in memory order

    def in_waiting_order(
        results: list[Any], mask: list[bool], make: Callable[..., list[Any]]
    ) -> tuple[Any, ...]:
        chosen = list(itertools.compress(in_memory, mask))
        codes = list(itertools.compress(fate, mask))
        columns: tuple[Any, ...] = (
            settled.services() if make is _assignments else (reasons, words)
        )
        made = make(
            len(chosen),
            map(_ID, chosen),
            map(_PERSONS, chosen),
            *(map(column.__getitem__, codes) for column in columns),
        )
        drain(map(results.__setitem__, itertools.compress(position, mask), made))
        return tuple(
            itertools.compress(
                results, map(operator.is_not, results, itertools.repeat(None))
            )
        )

    reasons = {Settled.left(reason): reason for reason in _REASONS}
    words = {code: _UNPLACED_WORDS[reason] for code, reason in reasons.items()}
    placed = list(map(operator.ge, fate, itertools.repeat(_FIRST_PLACED)))
    left = list(map(reasons.__contains__, fate))
    return (
        in_waiting_order([None] * len(outcome), placed, _assignments),
        in_waiting_order(list(outcome), left, _unplaced),
    )


def finish(
    batch: Batch,
    on: date,
    policy: Policy,
    outcome: Outcome,
    tally: Tally,
    optimal: bool,
    method: str,
    settled: Settled,
) -> Allocation:
    """Wrap up: assignments and unplaced requests in waiting order, built
    when first read (from ``outcome`` and ``settled``)."""
    return Allocation._deferred(
        on=on,
        policy=policy,
        objective=tally.objective(policy),
        per_tier=tally.per_tier(),
        optimal=optimal,
        method=method,
        outcome=lambda: _built(batch, outcome, settled),
    )
