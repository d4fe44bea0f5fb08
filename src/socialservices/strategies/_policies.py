"""Strategies for the rules of a jurisdiction and of matching, as values.

Citations, the age of majority, the order of protection measures, the
youngest age for residential care, a child policy made of them, and the
matching :class:`~socialservices.Policy`.
"""

from __future__ import annotations

from hypothesis import strategies as st

from .._child_policy import (
    AgeOfMajority,
    ChildPolicy,
    Citation,
    MeasureOrder,
    ResidentialAgeLimit,
)
from .._geography import Proximity
from .._placement import Measure
from ..matching import Level, Policy
from ._values import codes

__all__ = [
    "ages_of_majority",
    "child_policies",
    "citations",
    "measure_orders",
    "policies",
    "residential_age_limits",
]

_TEXT = st.text(
    st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30
).filter(lambda text: bool(text.strip()))


def citations() -> st.SearchStrategy[Citation]:
    """Citations of a provision of an act, in Bulgarian and maybe in English."""
    return st.builds(
        Citation,
        act=_TEXT,
        provision=_TEXT,
        act_en=st.none() | _TEXT,
        provision_en=st.none() | _TEXT,
        gazette=st.none() | _TEXT,
        summary_en=st.none() | _TEXT,
    )


def ages_of_majority() -> st.SearchStrategy[AgeOfMajority]:
    """Ages of majority from 14 to 21, maybe with their legal basis."""
    return st.builds(
        AgeOfMajority, age=st.integers(14, 21), basis=st.none() | citations()
    )


def measure_orders() -> st.SearchStrategy[MeasureOrder]:
    """Orders of some protection measures, each once, maybe with a basis."""
    return st.builds(
        MeasureOrder,
        measures=st.permutations(list(Measure)).flatmap(
            lambda measures: st.integers(1, len(measures)).map(
                lambda size: tuple(measures[:size])
            )
        ),
        basis=st.none() | citations(),
    )


def residential_age_limits() -> st.SearchStrategy[ResidentialAgeLimit]:
    """Youngest ages for residential care, maybe with a need that excepts."""
    return st.builds(
        ResidentialAgeLimit,
        min_age=st.integers(0, 7),
        exception_need=st.none() | codes(),
        basis=st.none() | citations(),
    )


def child_policies() -> st.SearchStrategy[ChildPolicy]:
    """Child policies: an age of majority, an order of measures, maybe an age limit
    for residential care; the first example is Bulgaria's own."""

    def bulgarian() -> ChildPolicy:
        from ..bulgaria import CHILD_POLICY

        return CHILD_POLICY

    made = st.builds(
        ChildPolicy,
        majority=ages_of_majority(),
        measures=measure_orders(),
        residential_age_limit=st.none() | residential_age_limits(),
    )
    return st.builds(bulgarian) | made


@st.composite
def _levels(draw: st.DrawFn) -> tuple[Level, ...]:
    counted = [level for level in Level if level is not Level.DISTANCE]
    order = draw(st.permutations(counted))
    size = draw(st.integers(1, len(order)))
    chosen = [
        Level.PLACED,
        *(level for level in order[:size] if level is not Level.PLACED),
    ]
    return (*chosen, Level.DISTANCE) if draw(st.booleans()) else tuple(chosen)


def policies() -> st.SearchStrategy[Policy]:
    """Matching policies: levels of the objective (always ``Level.PLACED``),
    tier costs that never decrease with distance, excluded tiers, and a child
    policy or none. Shrinks towards placing as many as possible, and nothing else."""
    return st.builds(
        Policy,
        levels=_levels(),
        tier_costs=st.lists(
            st.integers(0, 20), min_size=len(Proximity), max_size=len(Proximity)
        ).map(sorted),
        excluded_tiers=st.frozensets(
            st.sampled_from(Proximity), max_size=len(Proximity) - 1
        ),
        proximity_first=st.booleans(),
        children=st.none() | child_policies(),
    )
