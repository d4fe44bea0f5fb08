"""socialservices: a pure, typed model of social services.

Who provides which service, where, with how many places, under which
agreement, and who is placed where; and the rules that keep people, children
first, close to home.

The library does no I/O: it reads no file, network, database, clock or
environment. Callers pass data and dates in (``on=date(...)``). The only I/O
lives in the command-line edge, ``python -m socialservices``.
"""

from ._agreement import (
    Agreement,
    AgreementKind,
    CapacityCeiling,
    Party,
    PartyKind,
    Reservation,
)
from ._documents import SCHEMA, SCHEMAS, dumps, from_dict, loads, to_dict
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
from ._occupancy import Occupancy, OccupancyStep
from ._period import Period
from ._person import Person, PlacementRequest, PreviousHome
from ._placement import NOT_IN_A_SERVICE, EndReason, Measure, Placement
from ._policy import (
    AgeOfMajority,
    ChildPolicy,
    Citation,
    MeasureOrder,
    ResidentialAgeLimit,
)
from ._provider import Licence, OrganisationIdentifier, Provider, ProviderKind
from ._registry import Registry
from ._salvage import Salvage, SetAside, salvage
from ._service import (
    CapacityChange,
    Eligibility,
    Financing,
    Ineligibility,
    Service,
    ServiceType,
    age_on,
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
    "rank",
    "salvage",
    "select_rules",
    "to_dict",
    "validate",
]
