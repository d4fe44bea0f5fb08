"""Registers the library's types for ``st.from_type``: Hypothesis's entry point.

Hypothesis calls :func:`_hypothesis_setup_hook` while it loads, which may be in
the middle of importing ``socialservices.strategies`` itself; so this module
lives outside that package, and each registered strategy is deferred: the
strategies module is looked up on the first draw, not now.

The hook also teaches Hypothesis's printer to show a large
:class:`~socialservices.Geography` by its summary, as its ``repr`` does: a
failing example on the national geography would otherwise print 70 kB of it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["STRATEGIES", "_hypothesis_setup_hook"]

STRATEGIES = {
    # the values a registry is made of
    "Agreement": "agreements",
    "CapacityCeiling": "capacity_ceilings",
    "CapacityChange": "capacity_changes",
    "Coordinates": "coordinates",
    "Eligibility": "eligibilities",
    "Geography": "geographies",
    "Licence": "licences",
    "Municipality": "municipalities",
    "OrganisationIdentifier": "organisation_identifiers",
    "Party": "parties",
    "Period": "periods",
    "Person": "persons",
    "Placement": "placements",
    "PlaceHold": "place_holds",
    "PlacementRequest": "requests",
    "PreviousHome": "previous_homes",
    "Provider": "providers",
    "Region": "regions",
    "Registry": "registries",
    "Reservation": "reservations",
    "Service": "services",
    "ServiceType": "service_types",
    "StaffingChange": "staffing_changes",
    # policies
    "AgeOfMajority": "ages_of_majority",
    "ChildPolicy": "child_policies",
    "Citation": "citations",
    "MeasureOrder": "measure_orders",
    "Policy": "policies",
    "ResidentialAgeLimit": "residential_age_limits",
    # what the library computes
    "Allocation": "allocations",
    "Assignment": "assignments",
    "Candidate": "candidates",
    "DocumentProblem": "document_problems",
    "Exclusion": "exclusions",
    "Family": "families",
    "Finding": "findings",
    "FreePlaces": "free_places",
    "Occupancy": "occupancies",
    "OccupancyStep": "occupancy_steps",
    "Ranking": "rankings",
    "Report": "reports",
    "Rule": "rules",
    "Salvage": "salvages",
    "SetAside": "set_asides",
    "Subject": "subjects",
    "Unplaced": "unplaced",
}
"""The strategy of each public value type, by name in ``socialservices.strategies``."""

_MODULES = ("socialservices", "socialservices.validation")
"""Where the public types are found."""


def _deferred(name: str) -> Callable[[], Any]:
    def strategy() -> Any:
        return getattr(importlib.import_module("socialservices.strategies"), name)()

    return strategy


def _public_type(name: str) -> type:
    for module in _MODULES:
        found = getattr(importlib.import_module(module), name, None)
        if isinstance(found, type):
            return found
    raise LookupError(name)  # a name in STRATEGIES that is no public type: a bug


def _pretty_geography(geography: Any, printer: Any, cycle: bool) -> None:
    from hypothesis.vendor import pretty

    from socialservices._geography import REPR_IN_FULL_UP_TO

    if len(geography.municipalities) > REPR_IN_FULL_UP_TO:
        printer.text(repr(geography))
        return
    fields = (
        "regions",
        "municipalities",
        "region_neighbours",
        "municipality_neighbours",
    )
    pretty.pprint_fields(geography, printer, cycle, fields)


def _hypothesis_setup_hook() -> None:
    """Register every public value type with its strategy (called by Hypothesis)."""
    from hypothesis import strategies as st
    from hypothesis.vendor import pretty

    for type_name, strategy_name in STRATEGIES.items():
        st.register_type_strategy(
            _public_type(type_name), st.deferred(_deferred(strategy_name))
        )
    pretty.for_type_by_name("socialservices._geography", "Geography", _pretty_geography)
