"""Registers the library's types for ``st.from_type``: Hypothesis's entry point.

Hypothesis calls :func:`_hypothesis_setup_hook` while it loads, which may be in
the middle of importing ``socialservices.strategies`` itself; so this module
lives outside that package, and each registered strategy is deferred: the
strategies module is looked up on the first draw, not now.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["_hypothesis_setup_hook"]

_STRATEGIES = {
    "Period": "periods",
    "Geography": "geographies",
    "Licence": "licences",
    "Provider": "providers",
    "ServiceType": "service_types",
    "Eligibility": "eligibilities",
    "Service": "services",
    "Person": "persons",
    "Placement": "placements",
    "Agreement": "agreements",
    "CapacityCeiling": "capacity_ceilings",
    "PlacementRequest": "requests",
    "Registry": "registries",
}


def _deferred(name: str) -> Callable[[], Any]:
    def strategy() -> Any:
        return getattr(importlib.import_module("socialservices.strategies"), name)()

    return strategy


def _hypothesis_setup_hook() -> None:
    """Register every public value type with its strategy (called by Hypothesis)."""
    from hypothesis import strategies as st

    import socialservices

    for type_name, strategy_name in _STRATEGIES.items():
        st.register_type_strategy(
            getattr(socialservices, type_name),
            st.deferred(_deferred(strategy_name)),
        )
