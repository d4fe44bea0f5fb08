"""Every indicator on random care histories: the order of the data changes
nothing, and municipalities add up to their oblast and to the registry."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import Period, Registry
from socialservices.indicators import Unit, measure

from .careers import careers
from .test_indicators import BOTEVGRAD, PRAVETS

pytestmark = pytest.mark.properties

PERIOD = Period(start=date(2023, 1, 1), end=date(2025, 1, 1))
CHILDREN = {PRAVETS: 2500, BOTEVGRAD: 4000}


@given(
    careers(),
    st.dates(date(2019, 1, 1), date(2027, 12, 31)),
    st.randoms(use_true_random=False),
)
def test_the_order_of_care_histories_changes_nothing(
    registry: Registry, on: date, shuffle: random.Random
) -> None:
    shuffled = attrs.evolve(
        registry,
        placements=shuffle.sample(list(registry.placements), len(registry.placements)),
        persons=shuffle.sample(list(registry.persons), len(registry.persons)),
    )
    for by in (Unit.REGISTRY, Unit.MUNICIPALITY, Unit.SERVICE_TYPE):
        assert measure(
            shuffled, on=on, period=PERIOD, by=by, children=CHILDREN
        ) == measure(registry, on=on, period=PERIOD, by=by, children=CHILDREN)


@given(careers(), st.dates(date(2019, 1, 1), date(2027, 12, 31)))
def test_municipalities_add_up_to_their_oblast_and_the_registry(
    registry: Registry, on: date
) -> None:
    def totals(by: Unit) -> Counter[tuple[str, int]]:
        added: Counter[tuple[str, int]] = Counter()
        for m in measure(registry, on=on, period=PERIOD, by=by, children=CHILDREN):
            added[(m.indicator, 0)] += m.numerator
            added[(m.indicator, 1)] += m.denominator
            added[(m.indicator, 2)] += m.unknown
        return added

    whole = totals(Unit.REGISTRY)
    assert totals(Unit.MUNICIPALITY) == whole
    assert totals(Unit.REGION) == whole
