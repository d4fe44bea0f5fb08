"""Hypothesis strategies for property-based tests over this domain.

Install the extra (``pip install "socialservices[hypothesis]"``); the core
never imports Hypothesis. One strategy per public type, named by the plural
noun (:func:`periods`, :func:`placements`, ...), with keyword-only arguments
that are strategies or ``min_*``/``max_*`` bounds; bad arguments fail when the
strategy is made (:class:`hypothesis.errors.InvalidArgument`). And
:func:`registries`: coherent worlds, whose references resolve and whose data
break no rule, optionally on the real Bulgarian geography.

Each type is also registered for ``st.from_type``, through Hypothesis's entry
point, as soon as Hypothesis loads.

>>> from hypothesis import given
>>> from socialservices.strategies import registries
>>> @given(registries(max_placements=5))
... def test_nobody_is_placed_beyond_capacity(registry):
...     for service in registry.services:
...         for placement in registry.placements:
...             if placement.service == service.id:
...                 day = placement.period.start
...                 assert registry.occupied(service.id, day) <= registry.capacity(service.id, day)
>>> test_nobody_is_placed_beyond_capacity()
"""

from __future__ import annotations

from ._broken import AUDIT_DATE, broken_registries
from ._values import (
    FIRST_DAY,
    LAST_DAY,
    agreements,
    capacity_ceilings,
    codes,
    eligibilities,
    geographies,
    identifiers,
    licences,
    periods,
    persons,
    placements,
    providers,
    requests,
    service_types,
    services,
)
from ._worlds import registries

__all__ = [
    "AUDIT_DATE",
    "FIRST_DAY",
    "LAST_DAY",
    "agreements",
    "broken_registries",
    "capacity_ceilings",
    "codes",
    "eligibilities",
    "geographies",
    "identifiers",
    "licences",
    "periods",
    "persons",
    "placements",
    "providers",
    "registries",
    "requests",
    "service_types",
    "services",
]
