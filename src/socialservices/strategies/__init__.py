"""Hypothesis strategies for property-based tests over this domain.

Install the extra (``pip install "socialservices[hypothesis]"``); the core
never imports Hypothesis. One strategy per public type, named by the plural
noun (:func:`periods`, :func:`placements`, ...), with keyword-only arguments
that are strategies or ``min_*``/``max_*`` bounds; bad arguments fail when the
strategy is made (:class:`hypothesis.errors.InvalidArgument`). And
:func:`registries`: coherent worlds, whose references resolve and whose data
break no rule, optionally on the real Bulgarian geography.

Policies (:func:`policies`, :func:`child_policies`, ...) and what the library
computes (:func:`reports`, :func:`findings`, :func:`rankings`,
:func:`allocations`, :func:`occupancies`, ...) have strategies too, each
drawing the library's own answer on a drawn world. For each rule code, a small
world that breaks it (:data:`BROKEN_WORLDS`) and one that comes nearest
without breaking it (:data:`NEAR_MISS_WORLDS`) are plain data, beside the
strategy :func:`broken_registries`. Every public value type is
registered for ``st.from_type``, through Hypothesis's entry point, as soon as
Hypothesis loads.

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

from ._broken import (
    AUDIT_DATE,
    BROKEN_WORLDS,
    NEAR_MISS_WORLDS,
    SMALL_WORLD,
    SMALL_WORLD_GEOGRAPHY,
    broken_registries,
)
from ._policies import (
    ages_of_majority,
    child_policies,
    citations,
    measure_orders,
    policies,
    residential_age_limits,
)
from ._requests import broken_request_histories, request_histories
from ._results import (
    allocations,
    assignments,
    candidates,
    document_problems,
    exclusions,
    families,
    findings,
    free_places,
    occupancies,
    occupancy_steps,
    rankings,
    reports,
    rules,
    salvages,
    set_asides,
    subjects,
    unplaced,
)
from ._values import (
    FIRST_DAY,
    LAST_DAY,
    agreements,
    capacity_ceilings,
    capacity_changes,
    codes,
    coordinates,
    eligibilities,
    geographies,
    identifiers,
    licences,
    municipalities,
    organisation_identifiers,
    parties,
    periods,
    persons,
    place_holds,
    placements,
    previous_homes,
    providers,
    regions,
    requests,
    reservations,
    service_types,
    services,
    staffing_changes,
)
from ._worlds import registries

__all__ = [
    "AUDIT_DATE",
    "BROKEN_WORLDS",
    "FIRST_DAY",
    "LAST_DAY",
    "NEAR_MISS_WORLDS",
    "SMALL_WORLD",
    "SMALL_WORLD_GEOGRAPHY",
    "ages_of_majority",
    "agreements",
    "allocations",
    "assignments",
    "broken_registries",
    "broken_request_histories",
    "candidates",
    "capacity_ceilings",
    "capacity_changes",
    "child_policies",
    "citations",
    "codes",
    "coordinates",
    "document_problems",
    "eligibilities",
    "exclusions",
    "families",
    "findings",
    "free_places",
    "geographies",
    "identifiers",
    "licences",
    "measure_orders",
    "municipalities",
    "occupancies",
    "occupancy_steps",
    "organisation_identifiers",
    "parties",
    "periods",
    "persons",
    "place_holds",
    "placements",
    "policies",
    "previous_homes",
    "providers",
    "rankings",
    "regions",
    "registries",
    "reports",
    "request_histories",
    "requests",
    "reservations",
    "residential_age_limits",
    "rules",
    "salvages",
    "service_types",
    "services",
    "set_asides",
    "staffing_changes",
    "subjects",
    "unplaced",
]
