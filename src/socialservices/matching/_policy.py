"""How matching weighs what it can: the levels of the objective and the ranking order."""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable
from typing import Any

import attrs

from .. import _checks
from .._child_policy import ChildPolicy
from .._errors import InvalidValueError
from .._geography import Proximity

__all__ = ["CLOSEST_FIRST", "UNKNOWN_DISTANCE_M", "Level", "Policy"]


class Level(enum.Enum):
    """One level of :func:`allocate`'s lexicographic objective.

    Each level but :attr:`TIER_COST` and :attr:`DISTANCE` counts persons,
    and more is better (those two are totals, lower being better); an
    earlier level in :attr:`Policy.levels` always wins over a later one. The
    tier levels are cumulative: :attr:`SAME_REGION` counts the persons placed
    in their own region, their own municipality and its neighbours included.
    Under the default order (a tier level right after the closer ones) that is
    the same optimum as counting each tier on its own.

    >>> Level.SAME_MUNICIPALITY.tier
    <Proximity.SAME_MUNICIPALITY: 0>
    >>> Level.PLACED.tier is None
    True

    .. versionadded:: 0.2
    """

    PLACED = "placed"
    """Persons placed (a sibling group counts as all its members)."""
    FAMILY_BASED = "family_based"
    """Children placed in family-based care (foster care): the Child
    Protection Act prefers a family to residential care."""
    SAME_MUNICIPALITY = "same_municipality"
    """Persons placed in their home municipality."""
    NEIGHBOURING_MUNICIPALITY = "neighbouring_municipality"
    """Persons placed in their home municipality or a neighbouring one."""
    SAME_REGION = "same_region"
    """Persons placed in their home region."""
    NEIGHBOURING_REGION = "neighbouring_region"
    """Persons placed in their home region or a neighbouring region."""
    TIER_COST = "tier_cost"
    """The sum of :attr:`Policy.tier_costs` over the persons placed, lower
    being better: a weighted objective, for callers who want one."""
    DISTANCE = "distance"
    """The total distance from each person's home to their service, in whole
    metres between the municipalities' centroids, lower being better: the
    last level, so that within the tiers the nearest places are used (a lone
    request gets the service :func:`rank` puts first). A municipality without
    a known centroid is :data:`UNKNOWN_DISTANCE_M` away.

    .. versionadded:: 0.3"""

    @property
    def tier(self) -> Proximity | None:
        """The farthest tier a tier level counts, ``None`` for other levels."""
        return _TIER_OF.get(self)


_TIER_OF = {
    Level.SAME_MUNICIPALITY: Proximity.SAME_MUNICIPALITY,
    Level.NEIGHBOURING_MUNICIPALITY: Proximity.NEIGHBOURING_MUNICIPALITY,
    Level.SAME_REGION: Proximity.SAME_REGION,
    Level.NEIGHBOURING_REGION: Proximity.NEIGHBOURING_REGION,
}

UNKNOWN_DISTANCE_M = 20_100_000
"""The distance :attr:`Level.DISTANCE` counts to or from a municipality
without a known centroid: farther than any two points on Earth, so that such
a place is used last within its tier, as :func:`rank` puts it last.

.. versionadded:: 0.3"""

CLOSEST_FIRST = (
    Level.PLACED,
    Level.FAMILY_BASED,
    Level.SAME_MUNICIPALITY,
    Level.NEIGHBOURING_MUNICIPALITY,
    Level.SAME_REGION,
    Level.NEIGHBOURING_REGION,
    Level.DISTANCE,
)
"""The default levels: place as many as possible, then children in families,
then as many as possible at home, next door, in the region, next region, and
last the least total distance within those tiers."""


def _to_levels(value: Iterable[Level]) -> tuple[Level, ...]:
    return tuple(value) if _checks.is_collection(value) else value  # type: ignore[return-value]


def _levels(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _checks.tuple_of(Level)(instance, attribute, value)
    if len(set(value)) != len(value):
        raise _checks.fail(instance, attribute, value, "duplicate", "each level once")
    if Level.PLACED not in value:
        raise _checks.fail(
            instance, attribute, value, "malformed", "must include Level.PLACED"
        )
    if Level.DISTANCE in value and value[-1] is not Level.DISTANCE:
        raise _checks.fail(
            instance, attribute, value, "malformed", "Level.DISTANCE must come last"
        )


def _to_costs(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(value) if _checks.is_collection(value) else value  # type: ignore[return-value]


def _tier_costs(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _checks.tuple_of(int, each=_checks.count)(instance, attribute, value)
    if len(value) != len(Proximity):
        raise _checks.fail(
            instance, attribute, value, "malformed", "one cost for each of the 5 tiers"
        )
    if any(near > far for near, far in itertools.pairwise(value)):
        raise _checks.fail(
            instance,
            attribute,
            value,
            "malformed",
            "a farther tier may not cost less than a nearer one",
        )


def _to_tiers(value: Iterable[Proximity]) -> frozenset[Proximity]:
    if not _checks.is_collection(value):
        return value  # type: ignore[return-value]
    try:
        return frozenset(value)
    except TypeError:  # unhashable members: the validator names them
        return value  # type: ignore[return-value]


def _default_children() -> ChildPolicy:
    from ..bulgaria import CHILD_POLICY  # the law is data; load it when used

    return CHILD_POLICY


@attrs.frozen(kw_only=True)
class Policy:
    """What matching prefers, as a value.

    Args:
        levels: the levels of :func:`allocate`'s objective, most important
            first (default :data:`CLOSEST_FIRST`). Must include
            :attr:`Level.PLACED`; :attr:`Level.DISTANCE`, if present, comes
            last (leave it out to let any place within a tier do). For a
            weighted sum of tier costs use :meth:`weighted`.
        tier_costs: a cost for each :class:`~socialservices.Proximity` tier,
            nearest first, never decreasing. :func:`rank` orders by these
            costs (equal costs leave the order to distance), and
            :attr:`Level.TIER_COST` sums them.
        excluded_tiers: tiers never used: services there are excluded by
            :func:`rank` and left unused by :func:`allocate`.
        proximity_first: rank by proximity before the order of measures
            (default: measures first, as the Child Protection Act orders them).
        children: the rules for children: who is a child, the order of
            measures, the youngest age for residential care. The default is
            Bulgaria's :data:`~socialservices.bulgaria.CHILD_POLICY`; ``None``
            treats nobody as a child.

    >>> from socialservices import Proximity
    >>> near = Policy(excluded_tiers={Proximity.ELSEWHERE}, proximity_first=True)
    >>> near.allows(Proximity.NEIGHBOURING_REGION), near.allows(Proximity.ELSEWHERE)
    (True, False)
    >>> Policy.weighted((0, 1, 3, 10, 10)).levels[-2:]
    (<Level.TIER_COST: 'tier_cost'>, <Level.DISTANCE: 'distance'>)
    >>> Policy(levels=(Level.SAME_MUNICIPALITY,))
    Traceback (most recent call last):
    ...
    socialservices.InvalidValueError: Policy.levels=...: must include Level.PLACED

    .. versionadded:: 0.2
    """

    levels: tuple[Level, ...] = attrs.field(
        default=CLOSEST_FIRST, converter=_to_levels, validator=_levels
    )
    tier_costs: tuple[int, ...] = attrs.field(
        default=(0, 1, 2, 3, 4), converter=_to_costs, validator=_tier_costs
    )
    excluded_tiers: frozenset[Proximity] = attrs.field(
        default=frozenset(),
        converter=_to_tiers,
        validator=_checks.frozenset_of(Proximity),
    )
    proximity_first: bool = attrs.field(default=False, validator=_checks.boolean)
    children: ChildPolicy | None = attrs.field(
        factory=_default_children,
        validator=_checks.instance_of(ChildPolicy, optional=True),
    )

    @classmethod
    def weighted(cls, tier_costs: Iterable[int], **changes: Any) -> Policy:
        """A policy that, after placing as many as possible (and children in
        families), minimises the sum of ``tier_costs`` instead of filling the
        tiers closest first, then the total distance.

        Raises:
            InvalidValueError: ``tier_costs`` is not a collection of costs
                (``wrong_type``), or breaks what :class:`Policy` asks of
                them.
        """
        if not _checks.is_collection(tier_costs):
            raise InvalidValueError(
                "Policy.weighted",
                "tier_costs",
                tier_costs,
                "wrong_type",
                "must be a collection of 5 costs, nearest tier first",
            )
        levels = (Level.PLACED, Level.FAMILY_BASED, Level.TIER_COST, Level.DISTANCE)
        return cls(levels=levels, tier_costs=tuple(tier_costs), **changes)

    def allows(self, tier: Proximity) -> bool:
        """Whether services in ``tier`` may be used.

        Raises:
            InvalidValueError: ``tier`` is not a :class:`~socialservices.Proximity`.
        """
        _checks.argument("Policy.allows", "tier", tier, Proximity)
        return tier not in self.excluded_tiers

    def tier_cost(self, tier: Proximity) -> int:
        """The cost of a placement in ``tier``.

        Raises:
            InvalidValueError: ``tier`` is not a :class:`~socialservices.Proximity`.
        """
        _checks.argument("Policy.tier_cost", "tier", tier, Proximity)
        return self.tier_costs[tier]
