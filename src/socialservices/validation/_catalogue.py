"""The default catalogue: every rule of every family, in code order."""

from __future__ import annotations

from . import (
    _agreements,
    _capacity,
    _children,
    _licences,
    _location,
    _periods,
    _placements,
    _references,
    _siblings,
)
from ._rule import Rule

__all__ = ["DEFAULT_RULES", "FAMILIES"]

FAMILIES: dict[str, str] = {
    "REF": "References",
    "PER": "Periods",
    "PLC": "Placements",
    "CAP": "Capacity",
    "LOC": "Close to home",
    "AGR": "Agreements",
    "LIC": "Licences",
    "CHD": "Children (Bulgaria)",
    "SIB": "Siblings",
}
"""The rule families of the default catalogue, by their letters, in docs order."""

DEFAULT_RULES: tuple[Rule, ...] = tuple(
    sorted(
        (
            *_references.RULES,
            *_periods.RULES,
            *_placements.RULES,
            *_capacity.RULES,
            *_location.RULES,
            *_agreements.RULES,
            *_licences.RULES,
            *_children.RULES,
            *_siblings.RULES,
        ),
        key=lambda rule: rule.code,
    )
)
"""Every rule of the library, sorted by code. Select, exclude or add to it
with :func:`select_rules` or plain tuple operations."""
