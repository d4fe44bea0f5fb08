"""socialservices: a pure, typed model of social services.

Who provides which service, where, with how many places, under which
agreement, and who is placed where; and the rules that keep people, children
first, close to home.

The library does no I/O: it reads no file, network, database, clock or
environment. Callers pass data and dates in (``on=date(...)``). The only I/O
lives in the command-line edge, ``python -m socialservices``.
"""

import importlib as _importlib
import typing as _typing

from ._age import age_on
from ._agreement import (
    Agreement,
    AgreementKind,
    CapacityCeiling,
    Party,
    PartyKind,
    Reservation,
)
from ._child_policy import (
    AgeOfMajority,
    ChildPolicy,
    Citation,
    MeasureOrder,
    ResidentialAgeLimit,
)
from ._errors import (
    AmbiguousNameError,
    DocumentProblem,
    InvalidDocument,
    InvalidValueError,
    MissingDependencyError,
    SocialServicesError,
    UnknownReferenceError,
)
from ._geography import Coordinates, Geography, Municipality, Proximity, Region
from ._hold import PlaceHold
from ._occupancy import Occupancy, OccupancyStep
from ._period import Period
from ._person import Person, PlacementRequest, PreviousHome
from ._placement import NOT_IN_A_SERVICE, EndReason, Measure, Placement
from ._provider import Licence, OrganisationIdentifier, Provider, ProviderKind
from ._registry import Registry
from ._service import (
    CapacityChange,
    Eligibility,
    Financing,
    Ineligibility,
    Service,
    ServiceType,
    StaffingChange,
)

if _typing.TYPE_CHECKING:  # what the names below are, for type checkers and editors
    from .documents import (
        SCHEMA,
        SCHEMAS,
        Salvage,
        SetAside,
        dumps,
        from_dict,
        loads,
        make_converter,
        salvage,
        to_dict,
    )
    from .matching import (
        CLOSEST_FIRST,
        UNKNOWN_DISTANCE_M,
        Allocation,
        Assignment,
        Candidate,
        Exclusion,
        ExclusionReason,
        Level,
        Policy,
        Ranking,
        RankReason,
        Unplaced,
        UnplacedReason,
        allocate,
        allocate_first_come,
        rank,
    )
    from .validation import (
        DEFAULT_RULES,
        Entity,
        Finding,
        FreePlaces,
        Report,
        Rule,
        Severity,
        Subject,
        is_valid,
        iter_findings,
        select_rules,
        validate,
    )

# Names from the sub-packages that do more than hold values (reading documents,
# validation, matching) are loaded when first used, so that importing the
# package stays quick: ``from socialservices import validate`` works as before.
_LAZY: dict[str, str] = {
    "SCHEMA": "documents",
    "SCHEMAS": "documents",
    "Salvage": "documents",
    "SetAside": "documents",
    "dumps": "documents",
    "from_dict": "documents",
    "loads": "documents",
    "make_converter": "documents",
    "salvage": "documents",
    "to_dict": "documents",
    "CLOSEST_FIRST": "matching",
    "UNKNOWN_DISTANCE_M": "matching",
    "Allocation": "matching",
    "Assignment": "matching",
    "Candidate": "matching",
    "Exclusion": "matching",
    "ExclusionReason": "matching",
    "Level": "matching",
    "Policy": "matching",
    "Ranking": "matching",
    "RankReason": "matching",
    "Unplaced": "matching",
    "UnplacedReason": "matching",
    "allocate": "matching",
    "allocate_first_come": "matching",
    "rank": "matching",
    "DEFAULT_RULES": "validation",
    "Entity": "validation",
    "Finding": "validation",
    "FreePlaces": "validation",
    "Report": "validation",
    "Rule": "validation",
    "Severity": "validation",
    "Subject": "validation",
    "is_valid": "validation",
    "iter_findings": "validation",
    "select_rules": "validation",
    "validate": "validation",
}
_SUBPACKAGES = frozenset(
    {
        "bulgaria",
        "cli",
        "documents",
        "examples",
        "indicators",
        "matching",
        "plot",
        "requests",
        "strategies",
        "validation",
    }
)


def __getattr__(name: str) -> object:
    """Load a name of a sub-package on first use (PEP 562), and keep it."""
    module = _LAZY.get(name)
    if module is None:
        if name in _SUBPACKAGES:
            return _importlib.import_module(f"{__name__}.{name}")
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "CLOSEST_FIRST",
    "DEFAULT_RULES",
    "NOT_IN_A_SERVICE",
    "SCHEMA",
    "SCHEMAS",
    "UNKNOWN_DISTANCE_M",
    "AgeOfMajority",
    "Agreement",
    "AgreementKind",
    "Allocation",
    "AmbiguousNameError",
    "Assignment",
    "Candidate",
    "CapacityCeiling",
    "CapacityChange",
    "ChildPolicy",
    "Citation",
    "Coordinates",
    "DocumentProblem",
    "Eligibility",
    "EndReason",
    "Entity",
    "Exclusion",
    "ExclusionReason",
    "Financing",
    "Finding",
    "FreePlaces",
    "Geography",
    "Ineligibility",
    "InvalidDocument",
    "InvalidValueError",
    "Level",
    "Licence",
    "Measure",
    "MeasureOrder",
    "MissingDependencyError",
    "Municipality",
    "Occupancy",
    "OccupancyStep",
    "OrganisationIdentifier",
    "Party",
    "PartyKind",
    "Period",
    "Person",
    "PlaceHold",
    "Placement",
    "PlacementRequest",
    "Policy",
    "PreviousHome",
    "Provider",
    "ProviderKind",
    "Proximity",
    "RankReason",
    "Ranking",
    "Region",
    "Registry",
    "Report",
    "Reservation",
    "ResidentialAgeLimit",
    "Rule",
    "Salvage",
    "Service",
    "ServiceType",
    "SetAside",
    "Severity",
    "SocialServicesError",
    "StaffingChange",
    "Subject",
    "UnknownReferenceError",
    "Unplaced",
    "UnplacedReason",
    "age_on",
    "allocate",
    "allocate_first_come",
    "dumps",
    "from_dict",
    "is_valid",
    "iter_findings",
    "loads",
    "make_converter",
    "rank",
    "salvage",
    "select_rules",
    "to_dict",
    "validate",
]
