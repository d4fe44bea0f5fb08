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
from ._rule import Family, Rule

__all__ = ["DEFAULT_RULES", "FAMILIES"]

FAMILIES: tuple[Family, ...] = (
    Family(
        code="REF",
        title="References",
        summary="Every id a record points to must lead to a record, and no id may "
        "be used twice. A broken reference hides a person, a service or a "
        "contract from every count and rule that follows it.",
    ),
    Family(
        code="PER",
        title="Periods",
        summary="Dates that cannot be right: periods that hold no day, a placement "
        "before the person was born or after they died, or outside the time its "
        "service operated.",
    ),
    Family(
        code="PLC",
        title="Placements",
        summary="Each placement on its own and each person's placements together: "
        "one place at a time, within the service's eligibility, children with "
        "children and adults with adults, and a complete record of how it ended.",
    ),
    Family(
        code="CAP",
        title="Capacity",
        summary="No more people than places, no more places than the National Map "
        "allows, and no more places promised to partners than a service has. "
        "Capacity that is not recorded is unknown, not 0 places: it is never "
        "full or over, and one info finding lists the services that record none.",
    ),
    Family(
        code="LOC",
        title="Close to home",
        summary="The out-of-region audit: placements away from home made while a "
        "service of the same kind closer to home had a free place for the person "
        "on the day of the placement. Each finding names those services and their "
        "free places, closest first.",
    ),
    Family(
        code="AGR",
        title="Agreements",
        summary="A service that a municipality has an NGO or a company run needs a "
        "management contract with that provider for every day it operates.",
    ),
    Family(
        code="LIC",
        title="Licences",
        summary="NGOs and companies need a licence for each type of service and "
        "target group they provide, for every day they provide it.",
    ),
    Family(
        code="CHD",
        title="Children (Bulgaria)",
        summary="The Child Protection Act's limits on residential care: not under "
        "three, and only when no family-based placement is possible.",
    ),
    Family(
        code="SIB",
        title="Siblings",
        summary="Brothers and sisters are placed together where one service has "
        "room for all of them.",
    ),
)
"""The rule families of the default catalogue, in the order the docs show them."""

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
