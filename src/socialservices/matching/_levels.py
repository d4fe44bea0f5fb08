"""The levels of the objective as penalties: what one placement costs.

Owns the arithmetic of :func:`allocate`'s lexicographic objective: per
placed (or unplaced) person, a digit per level; totals of those digits; and
packing digits into one integer whose order is the levels' order. It knows
nothing of services, requests or graphs.

:attr:`Level.DISTANCE` is kept apart from the other levels: its digits are
metres, far larger than the counts, so the network solves the other levels
first and the distance on what their optimum leaves free (:mod:`._network`).
"""

from __future__ import annotations

from collections.abc import Iterable

from .._geography import Proximity
from ._policy import Level, Policy
from ._world import slots

__all__ = ["Penalties", "Row"]

Row = tuple[int, int, bool, "Proximity | None", int]
"""Persons, children among them, family-based, tier (``None``: unplaced) and
their total metres."""


class Penalties:
    """The penalty digits of a policy's levels."""

    __slots__ = slots("_base_digit distance levels policy tiered")

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.levels = policy.levels
        self.distance = self.levels[-1] is Level.DISTANCE
        """Whether the last level is the total distance."""
        self.tiered = self.levels[:-1] if self.distance else self.levels
        """The levels but the distance: those the first phase solves."""
        self._base_digit = max(1, max(policy.tier_costs))

    def digits(
        self, children: int, family: bool, tier: Proximity | None
    ) -> tuple[int, ...]:
        """Penalties, on the levels but the distance, of one person of whom
        ``children`` (0 or 1, or a unit's count) are children, placed at
        ``tier`` (``None``: unplaced) in a family-based service or not."""
        out: list[int] = []
        for level in self.tiered:
            if level is Level.PLACED:
                out.append(1 if tier is None else 0)
            elif level is Level.FAMILY_BASED:
                out.append(children if tier is None or not family else 0)
            elif level is Level.TIER_COST:
                out.append(0 if tier is None else self.policy.tier_cost(tier))
            else:
                limit = level.tier
                assert limit is not None
                out.append(1 if tier is None or tier > limit else 0)
        return tuple(out)

    def base(self, persons: int) -> int:
        """A base no level's total can reach, so packed digits never carry."""
        return 1 << (persons * self._base_digit + 1).bit_length()

    @staticmethod
    def encode(digits: Iterable[int], base: int) -> int:
        """``digits`` packed into one integer, the first most significant."""
        value = 0
        for digit in digits:
            value = value * base + digit
        return value

    def zero(self) -> tuple[int, ...]:
        return (0,) * len(self.levels)

    def vector(self, rows: Iterable[Row]) -> tuple[int, ...]:
        """Penalty totals, on every level, of ``rows``."""
        totals = [0] * len(self.levels)
        last = len(self.tiered)
        for persons, children, family, tier, metres in rows:
            digits = self.digits(1, family, tier)
            for i, level in enumerate(self.tiered):
                if level is Level.FAMILY_BASED:
                    totals[i] += children * digits[i]
                else:
                    totals[i] += persons * digits[i]
            if self.distance and tier is not None:
                totals[last] += metres
        return tuple(totals)

    @staticmethod
    def add(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(x + y for x, y in zip(a, b, strict=True))
