"""Every public function of geography, matching and Bulgaria's look-ups refuses
a wrong argument with the library's own error, never a bare TypeError or a
silent answer.

The convention: an argument of the wrong kind (a list where a code belongs)
is an :class:`~socialservices.InvalidValueError` with code ``wrong_type``
naming the function and argument and holding the value; a code or id that
names nothing is an :class:`~socialservices.UnknownReferenceError` naming
what was looked up. The look-ups that already said "unknown" for an id that
is not a string (``Geography.region``, ``municipality``, ``proximity``,
``distance_km``, as ``Registry``'s, see tests/core/test_arguments.py) still do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from socialservices import (
    Coordinates,
    FreePlaces,
    Geography,
    InvalidValueError,
    Municipality,
    Proximity,
    Region,
    UnknownReferenceError,
)
from socialservices.bulgaria import (
    birth_date_from_egn,
    find_municipality,
    find_region,
    find_service_type,
    is_valid_egn,
    is_valid_eik,
    validate_egn,
    validate_eik,
)
from socialservices.examples import SCENARIO_DATE, sofia_oblast
from socialservices.matching import (
    Allocation,
    Assignment,
    Candidate,
    Exclusion,
    ExclusionReason,
    Level,
    Policy,
    Ranking,
    Unplaced,
    UnplacedReason,
    allocate,
    allocate_first_come,
    rank,
)

REGISTRY = sofia_oblast()
GEOGRAPHY = REGISTRY.geography
REQUEST = REGISTRY.requests[0]
SOFIA = Coordinates(latitude=42.6977, longitude=23.3219)
PLACED = Assignment(
    request="R-01", persons=["C-1"], service="S-1", tier=Proximity.SAME_REGION
)
LEFT = Unplaced(
    request="R-02",
    persons=["C-2"],
    reason=UnplacedReason.NO_FREE_PLACE,
    message="no place",
)
ALLOCATION = Allocation(
    on=SCENARIO_DATE,
    policy=Policy(),
    assignments=[PLACED],
    unplaced=[LEFT],
    objective=(1, 0, 0, 0, 1, 1, 0),
    per_tier=(0, 0, 1, 0, 0),
    optimal=True,
    method="by hand",
)
GOOD_FIELDS: dict[str, dict[str, Any]] = {
    "Assignment": {
        "request": "R-1",
        "persons": ("C-1",),
        "service": "S-1",
        "tier": Proximity.SAME_REGION,
    },
    "Unplaced": {
        "request": "R-1",
        "persons": ("C-1",),
        "reason": UnplacedReason.NO_FREE_PLACE,
        "message": "no place",
    },
    "Allocation": {
        "on": SCENARIO_DATE,
        "policy": Policy(),
        "assignments": (),
        "unplaced": (),
        "objective": (0,) * 7,
        "per_tier": (0,) * 5,
        "optimal": True,
        "method": "by hand",
    },
    "Candidate": {
        "service": "S-1",
        "rank": 1,
        "tier": Proximity.SAME_REGION,
        "distance_km": 1.0,
        "free_places": 1,
        "measure": None,
        "reasons": (),
        "message": "fine",
    },
    "Exclusion": {
        "service": "S-1",
        "reasons": (ExclusionReason.FULL,),
        "message": "full",
    },
    "Ranking": {
        "request": "R-1",
        "on": SCENARIO_DATE,
        "home": "SFO34",
        "candidates": (),
        "exclusions": (),
    },
}
GOOD_FIELDS.update(
    {
        "Region": {"code": "R1", "name": "One"},
        "Municipality": {"code": "A", "name": "A", "region": "R1"},
        "Coordinates": {"latitude": 42.7, "longitude": 23.3},
        "Geography": {},
        "FreePlaces": {"service": "S-1", "places": 1},
    }
)
CLASSES: dict[str, Callable[..., object]] = {
    "Region": Region,
    "Municipality": Municipality,
    "Coordinates": Coordinates,
    "Geography": Geography,
    "FreePlaces": FreePlaces,
    "Assignment": Assignment,
    "Unplaced": Unplaced,
    "Allocation": Allocation,
    "Candidate": Candidate,
    "Exclusion": Exclusion,
    "Ranking": Ranking,
}


def _build(name: str, field: str, bad: object) -> object:
    return CLASSES[name](**{**GOOD_FIELDS[name], field: bad})


# (function or field, argument, call, bad values)
Call = Callable[[Any], object]
NOT_CODES: list[object] = [None, 7, ["SFO"], {"code": "SFO"}, ("S", "F", "O")]
WRONG_TYPES: list[tuple[str, str, Call, list[object]]] = [
    (
        "Coordinates.distance_km",
        "other",
        lambda bad: SOFIA.distance_km(bad),
        [None, (42.7, 23.3), "Sofia"],
    ),
    (
        "Policy.weighted",
        "tier_costs",
        lambda bad: Policy.weighted(bad),
        [None, 3, "01234"],
    ),
    (
        "Policy.allows",
        "tier",
        lambda bad: Policy().allows(bad),
        [None, "ELSEWHERE", 4, Level.PLACED],
    ),
    (
        "Policy.tier_cost",
        "tier",
        lambda bad: Policy().tier_cost(bad),
        [None, "SAME_REGION", 2, -1],
    ),
    (
        "Allocation.placed_in",
        "tier",
        lambda bad: ALLOCATION.placed_in(bad),
        [None, "SAME_REGION", 2],
    ),
    (
        "Allocation.value",
        "level",
        lambda bad: ALLOCATION.value(bad),
        [None, "placed", Proximity.SAME_REGION, [Level.PLACED]],
    ),
    ("rank", "request", lambda bad: rank(bad, REGISTRY, on=SCENARIO_DATE), [None]),
    ("rank", "registry", lambda bad: rank(REQUEST, bad, on=SCENARIO_DATE), [None]),
    (
        "rank",
        "on",
        lambda bad: rank(REQUEST, REGISTRY, on=bad),
        ["2026-11-02", None, datetime(2026, 11, 2)],
    ),
    (
        "rank",
        "policy",
        lambda bad: rank(REQUEST, REGISTRY, on=SCENARIO_DATE, policy=bad),
        [3, Level.PLACED],
    ),
    (
        "allocate",
        "requests",
        lambda bad: allocate(bad, REGISTRY, on=SCENARIO_DATE),
        [None, 3],
    ),
    (
        "allocate",
        "registry",
        lambda bad: allocate(REGISTRY.requests, bad, on=SCENARIO_DATE),
        [None, GEOGRAPHY],
    ),
    (
        "allocate",
        "on",
        lambda bad: allocate(REGISTRY.requests, REGISTRY, on=bad),
        ["2026-11-02", datetime(2026, 11, 2)],
    ),
    (
        "allocate",
        "policy",
        lambda bad: allocate(REGISTRY.requests, REGISTRY, on=SCENARIO_DATE, policy=bad),
        [3, (0, 1, 2, 3, 4)],
    ),
    (
        "allocate",
        "progress",
        lambda bad: allocate(
            REGISTRY.requests, REGISTRY, on=SCENARIO_DATE, progress=bad
        ),
        [3, "print"],
    ),
    (
        "allocate_first_come",
        "requests",
        lambda bad: allocate_first_come(bad, REGISTRY, on=SCENARIO_DATE),
        [None, 3],
    ),
    (
        "allocate_first_come",
        "registry",
        lambda bad: allocate_first_come(REGISTRY.requests, bad, on=SCENARIO_DATE),
        [None],
    ),
    (
        "allocate_first_come",
        "on",
        lambda bad: allocate_first_come(REGISTRY.requests, REGISTRY, on=bad),
        [None, "2026-11-02"],
    ),
    (
        "allocate_first_come",
        "policy",
        lambda bad: allocate_first_come(
            REGISTRY.requests, REGISTRY, on=SCENARIO_DATE, policy=bad
        ),
        [3],
    ),
    ("find_region", "name", lambda bad: find_region(bad), [None, 22, ["SOF"]]),
    (
        "find_municipality",
        "name",
        lambda bad: find_municipality(bad),
        [None, 34, ["Правец"]],
    ),
    (
        "find_service_type",
        "name",
        lambda bad: find_service_type(bad),
        [None, 3, {"ЦНСТ"}],
    ),
    ("validate_eik", "text", lambda bad: validate_eik(bad), [None, 175074752]),
    (
        "Geography.has_municipality",
        "code",
        lambda bad: GEOGRAPHY.has_municipality(bad),
        NOT_CODES,
    ),
    (
        "Geography.municipalities_in",
        "region",
        lambda bad: GEOGRAPHY.municipalities_in(bad),
        NOT_CODES,
    ),
    (
        "Geography.neighbouring_municipalities",
        "code",
        lambda bad: GEOGRAPHY.neighbouring_municipalities(bad),
        NOT_CODES,
    ),
    (
        "Geography.neighbouring_regions",
        "code",
        lambda bad: GEOGRAPHY.neighbouring_regions(bad),
        NOT_CODES,
    ),
    (
        "Allocation.assignment_of",
        "request",
        lambda bad: ALLOCATION.assignment_of(bad),
        [42, ["R-01"], None, PLACED],
    ),
]
# the fields of matching's results, when built by hand: (bad, the value the
# error names), the member at fault when a collection holds a wrong one
FIELDS: list[tuple[str, str, list[object]]] = [
    ("Region", "code", [None, 1]),
    ("Region", "name", [None, 3]),
    ("Municipality", "region", [None]),
    ("Municipality", "population", ["7510", 7510.0]),
    ("Municipality", "centroid", [[42.7, 23.3], "42.7,23.3"]),
    ("Coordinates", "latitude", ["42.7", None]),
    ("Geography", "regions", [None, (["R1"], "R1")]),
    ("Geography", "municipalities", [([GEOGRAPHY.regions[0]], GEOGRAPHY.regions[0])]),
    ("Geography", "region_neighbours", [None, 3]),
    ("FreePlaces", "service", [None]),
    ("FreePlaces", "places", ["3", 1.5]),
    ("FreePlaces", "proximity", [2, "SAME_REGION"]),
    ("Assignment", "request", [None, 1]),
    ("Assignment", "persons", ["C-1", None, ((1,), 1)]),
    ("Assignment", "service", [None]),
    ("Assignment", "tier", [2, "SAME_REGION", None]),
    ("Unplaced", "request", [None]),
    ("Unplaced", "persons", [None, ([None], None)]),
    ("Unplaced", "reason", ["no_free_place", None]),
    ("Unplaced", "message", [None, 3]),
    ("Allocation", "on", ["2026-11-02", datetime(2026, 11, 2)]),
    ("Allocation", "policy", [None, "closest first"]),
    ("Allocation", "assignments", [None, (["R-1"], "R-1")]),
    ("Allocation", "unplaced", [None, ([PLACED], PLACED)]),
    ("Allocation", "objective", [None, ((1.5,), 1.5), (("1",), "1")]),
    ("Allocation", "per_tier", [None, ((True,), True)]),
    ("Allocation", "optimal", ["yes", 1]),
    ("Allocation", "method", [None]),
    ("Candidate", "tier", [2, None]),
    ("Candidate", "reasons", [None, (["same_region"], "same_region")]),
    ("Exclusion", "reasons", [None, (["full"], "full")]),
    ("Ranking", "on", ["2026-11-02"]),
    ("Ranking", "candidates", [None, ([PLACED], PLACED)]),
]


def _field_cases() -> list[Any]:
    cases = []
    for name, field, bads in FIELDS:
        for case in bads:
            bad, named = case if isinstance(case, tuple) else (case, case)
            cases.append(
                pytest.param(name, field, bad, named, id=f"{name}.{field}={bad!r}")
            )
    return cases


def _cases(table: list[tuple[str, str, Call, list[object]]]) -> list[Any]:
    return [
        pytest.param(call, function, argument, bad, id=f"{function}.{argument}={bad!r}")
        for function, argument, call, bads in table
        for bad in bads
    ]


@pytest.mark.parametrize(("call", "function", "argument", "bad"), _cases(WRONG_TYPES))
def test_a_wrong_argument_is_an_invalid_value(
    call: Call, function: str, argument: str, bad: object
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        call(bad)
    error = caught.value
    assert (error.code, error.type_name, error.field) == (
        "wrong_type",
        function,
        argument,
    )
    assert error.value is bad


@pytest.mark.parametrize(("name", "field", "bad", "named"), _field_cases())
def test_a_result_built_from_wrong_fields_is_refused(
    name: str, field: str, bad: object, named: object
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        _build(name, field, bad)
    error = caught.value
    assert (error.code, error.type_name, error.field) == ("wrong_type", name, field)
    assert error.value is named


@pytest.mark.parametrize("bad", [None, 8032056031, b"8032056031"])
@pytest.mark.parametrize(
    ("function", "call"),
    [("validate_egn", validate_egn), ("birth_date_from_egn", birth_date_from_egn)],
)
def test_an_egn_of_the_wrong_type_is_refused_without_repeating_it(
    function: str, call: Callable[[object], object], bad: object
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        call(bad)
    error = caught.value
    assert (error.code, error.type_name, error.field) == (
        "wrong_type",
        function,
        "text",
    )
    assert error.value == type(bad).__name__  # masked: the number is personal data


@pytest.mark.parametrize("bad", [None, 8032056031, "8032056031x", "ЕГН"])
def test_the_identifier_predicates_answer_false_for_anything(bad: object) -> None:
    assert is_valid_egn(bad) is False
    assert is_valid_eik(bad) is False


# --- ids and codes that name nothing ---------------------------------------

UNUSABLE: list[object] = [None, 7, ["SFO"], {"code": "SFO"}, "XXX"]
UNKNOWNS: list[tuple[str, str, Call, list[object]]] = [
    ("Geography.region", "region", lambda bad: GEOGRAPHY.region(bad), UNUSABLE),
    (
        "Geography.municipality",
        "municipality",
        lambda bad: GEOGRAPHY.municipality(bad),
        UNUSABLE,
    ),
    (
        "Geography.municipalities_in",
        "region",
        lambda bad: GEOGRAPHY.municipalities_in(bad),
        ["XXX", "SFO34", "sfo"],
    ),
    (
        "Geography.neighbouring_municipalities",
        "municipality",
        lambda bad: GEOGRAPHY.neighbouring_municipalities(bad),
        ["XXX", "SFO", "sfo34"],
    ),
    (
        "Geography.neighbouring_regions",
        "region",
        lambda bad: GEOGRAPHY.neighbouring_regions(bad),
        ["XXX", "SFO34"],
    ),
    (
        "Geography.proximity home",
        "municipality",
        lambda bad: GEOGRAPHY.proximity(bad, "SFO34"),
        UNUSABLE,
    ),
    (
        "Geography.proximity site",
        "municipality",
        lambda bad: GEOGRAPHY.proximity("SFO34", bad),
        UNUSABLE,
    ),
    (
        "Geography.distance_km",
        "municipality",
        lambda bad: GEOGRAPHY.distance_km("SFO34", bad),
        UNUSABLE,
    ),
    (
        "Allocation.assignment_of",
        "request",
        lambda bad: ALLOCATION.assignment_of(bad),
        ["R-404", "C-1", "r-01"],
    ),
    ("find_region", "region", lambda bad: find_region(bad), ["Атлантида", ""]),
    (
        "find_municipality",
        "municipality",
        lambda bad: find_municipality(bad),
        ["Атлантида", "SFO"],
    ),
    (
        "find_service_type",
        "service type",
        lambda bad: find_service_type(bad),
        ["ЦНСТТ"],
    ),
]


@pytest.mark.parametrize(("call", "function", "kind", "bad"), _cases(UNKNOWNS))
def test_an_id_that_names_nothing_is_an_unknown_reference(
    call: Call, function: str, kind: str, bad: object
) -> None:
    with pytest.raises(UnknownReferenceError) as caught:
        call(bad)
    assert (caught.value.kind, caught.value.id) == (kind, str(bad))


@pytest.mark.parametrize("code", ["XXX", "SFO", "sfo34"])
def test_has_municipality_is_false_for_an_unknown_code(code: str) -> None:
    assert GEOGRAPHY.has_municipality(code) is False
    assert GEOGRAPHY.has_municipality("SFO34") is True


def test_assignment_of_tells_a_placed_request_from_an_unplaced_one() -> None:
    assert ALLOCATION.assignment_of("R-01") == PLACED
    assert ALLOCATION.assignment_of("R-02") is None


def test_a_level_the_policy_lacks_is_out_of_range() -> None:
    with pytest.raises(InvalidValueError) as caught:
        ALLOCATION.value(Level.TIER_COST)
    error = caught.value
    assert (error.code, error.type_name, error.field) == (
        "out_of_range",
        "Allocation.value",
        "level",
    )
    assert error.value is Level.TIER_COST


def test_a_region_named_only_by_its_municipalities_can_be_asked_about() -> None:
    """A municipality whose region is missing is kept (validation reports
    it): its region's code is a place to ask about, not an unknown one."""
    geography = Geography(
        regions=[Region(code="R1", name="One")],
        municipalities=[
            Municipality(code="A", name="A", region="R1"),
            Municipality(code="B", name="B", region="R2"),
        ],
    )
    assert [m.code for m in geography.municipalities_in("R2")] == ["B"]
    assert geography.neighbouring_regions("R2") == frozenset()
    assert geography.municipalities_in("R1") == (geography.municipality("A"),)
    assert geography.neighbouring_municipalities("B") == frozenset()


def test_the_answers_for_known_codes_are_unchanged() -> None:
    assert {m.code for m in GEOGRAPHY.municipalities_in("SOF")} == {"SOF46"}
    assert sorted(GEOGRAPHY.neighbouring_regions("SOF")) == ["PER", "SFO"]
    assert "SFO07" in GEOGRAPHY.neighbouring_municipalities("SFO34")
    assert Policy.weighted([0, 1, 3, 10, 10]).tier_costs == (0, 1, 3, 10, 10)
    assert Policy().tier_cost(Proximity.ELSEWHERE) == 4
    assert (
        Policy(excluded_tiers={Proximity.ELSEWHERE}).allows(Proximity.ELSEWHERE)
        is False
    )
    assert round(SOFIA.distance_km(SOFIA)) == 0
