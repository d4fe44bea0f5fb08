"""Ranking and allocation: the behaviour social workers rely on."""

from __future__ import annotations

import pickle
import subprocess
import sys
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    Agreement,
    AgreementKind,
    CapacityChange,
    Eligibility,
    Geography,
    InvalidValueError,
    MissingDependencyError,
    Municipality,
    Period,
    Person,
    Placement,
    PlacementRequest,
    Proximity,
    Region,
    Registry,
    Reservation,
    Service,
    ServiceType,
    UnknownReferenceError,
    age_on,
    from_dict,
    to_dict,
)
from socialservices.examples import SCENARIO_DATE, sofia_oblast
from socialservices.matching import (
    CLOSEST_FIRST,
    Allocation,
    Assignment,
    ExclusionReason,
    Level,
    Policy,
    RankReason,
    Unplaced,
    UnplacedReason,
    allocate,
    allocate_first_come,
    rank,
)
from socialservices.matching._batch import waiting_order as _waiting_order
from socialservices.matching._flow import Network
from socialservices.matching._outcomes import Settled
from socialservices.matching._simplex import min_cost_flow
from socialservices.matching._world import age

ON = date(2026, 3, 2)
GEOGRAPHY = Geography(
    regions=[Region(code=code, name=code) for code in ("R1", "R2", "R3")],
    municipalities=[
        Municipality(code="A", name="A", region="R1"),
        Municipality(code="B", name="B", region="R1"),
        Municipality(code="C", name="C", region="R1"),
        Municipality(code="D", name="D", region="R2"),
        Municipality(code="E", name="E", region="R3"),
    ],
    municipality_neighbours=[("A", "B")],
    region_neighbours=[("R1", "R2")],
)
TYPES = (
    ServiceType(code="FTPC", name="ЦНСТ", residential=True),
    ServiceType(code="FOSTER", name="Приемна грижа", family_based=True),
    ServiceType(code="CSC", name="ЦОП"),
)


def service(
    id: str, municipality: str, places: int, type: str = "FTPC", **changes: object
) -> Service:
    fields: dict[str, object] = {
        "id": id,
        "name": id,
        "type": type,
        "provider": "P",
        "municipality": municipality,
        "operating": Period(start=date(2020, 1, 1)),
        "capacity": [CapacityChange(effective=date(2020, 1, 1), places=places)],
    }
    fields.update(changes)
    return Service(**fields)  # type: ignore[arg-type]


def child(id: str, home: str, age: int = 10, **changes: object) -> Person:
    born = date(ON.year - age, 1, 15)
    return Person(id=id, birth_date=born, home_municipality=home, **changes)  # type: ignore[arg-type]


def request(
    id: str, *persons: str, days_ago: int = 0, **changes: object
) -> PlacementRequest:
    return PlacementRequest(
        id=id,
        persons=persons,
        requested_on=ON - timedelta(days=days_ago),
        **changes,  # type: ignore[arg-type]
    )


def world(
    services: list[Service],
    persons: list[Person],
    placements: list[Placement] = (),  # type: ignore[assignment]
    agreements: list[Agreement] = (),  # type: ignore[assignment]
) -> Registry:
    return Registry(
        geography=GEOGRAPHY,
        service_types=TYPES,
        services=services,
        persons=persons,
        placements=placements,
        agreements=agreements,
    )


def held(service_id: str, municipality: str, places: int) -> Agreement:
    return Agreement(
        id=f"A-{service_id}",
        kind=AgreementKind.INTER_MUNICIPAL,
        title="held places",
        period=Period(start=date(2024, 1, 1)),
        services={service_id},
        reservations=[
            Reservation(
                service=service_id, for_municipality=municipality, places=places
            )
        ],
    )


def stay(id: str, person: str, service_id: str, end: date | None = None) -> Placement:
    return Placement(
        id=id,
        person=person,
        service=service_id,
        period=Period(start=date(2025, 1, 1), end=end),
    )


def reasons_for(
    ranking_exclusions: object, service_id: str
) -> tuple[ExclusionReason, ...]:
    for exclusion in ranking_exclusions:  # type: ignore[attr-defined]
        if exclusion.service == service_id:
            return exclusion.reasons  # type: ignore[no-any-return]
    raise AssertionError(f"{service_id} is not excluded")


# -- rank ----------------------------------------------------------------------


def test_rank_prefers_family_based_care_for_a_child_then_proximity() -> None:
    registry = world(
        [service("HOME-FTPC", "A", 2), service("FAR-FOSTER", "C", 1, type="FOSTER")],
        [child("K", "A")],
    )
    ranking = rank(request("R", "K"), registry, on=ON)
    assert [c.service for c in ranking.candidates] == ["FAR-FOSTER", "HOME-FTPC"]
    assert ranking.candidates[0].reasons == (
        RankReason.FAMILY_BASED_CARE,
        RankReason.SAME_REGION,
    )
    assert [c.rank for c in ranking.candidates] == [1, 2]


def test_rank_can_put_proximity_first() -> None:
    registry = world(
        [service("HOME-FTPC", "A", 2), service("FAR-FOSTER", "C", 1, type="FOSTER")],
        [child("K", "A")],
    )
    policy = Policy(proximity_first=True)
    ranking = rank(request("R", "K"), registry, on=ON, policy=policy)
    assert [c.service for c in ranking.candidates] == ["HOME-FTPC", "FAR-FOSTER"]
    assert ranking.candidates[0].reasons[0] is RankReason.SAME_MUNICIPALITY


def test_rank_orders_adults_by_tier_then_id() -> None:
    registry = world(
        [
            service(id, where, 1)
            for id, where in [("S3", "E"), ("S2", "A"), ("S1", "A"), ("S0", "D")]
        ],
        [child("ADULT", "A", age=40)],
    )
    ranking = rank(request("R", "ADULT"), registry, on=ON)
    assert [c.service for c in ranking.candidates] == ["S1", "S2", "S0", "S3"]
    assert [c.tier for c in ranking.candidates] == [
        Proximity.SAME_MUNICIPALITY,
        Proximity.SAME_MUNICIPALITY,
        Proximity.NEIGHBOURING_REGION,
        Proximity.ELSEWHERE,
    ]


def test_a_service_exactly_full_is_excluded_as_full() -> None:
    registry = world(
        [service("S", "A", 1)],
        [child("K", "A"), child("IN", "A")],
        [stay("P", "IN", "S")],
    )
    ranking = rank(request("R", "K"), registry, on=ON)
    assert ranking.candidates == ()
    assert reasons_for(ranking.exclusions, "S") == (ExclusionReason.FULL,)


def test_a_placement_ending_on_the_day_frees_its_place_that_day() -> None:
    registry = world(
        [service("S", "A", 1)],
        [child("K", "A"), child("OUT", "A")],
        [stay("P", "OUT", "S", end=ON)],
    )
    ranking = rank(request("R", "K"), registry, on=ON)
    assert [(c.service, c.free_places) for c in ranking.candidates] == [("S", 1)]


def test_places_held_for_another_municipality_are_not_free() -> None:
    registry = world(
        [service("S", "A", 2)],
        [child("K", "A"), child("NEXT-DOOR", "B")],
        agreements=[held("S", "B", 2)],
    )
    local = rank(request("R", "K"), registry, on=ON)
    assert reasons_for(local.exclusions, "S") == (
        ExclusionReason.RESERVED_FOR_ANOTHER_MUNICIPALITY,
    )
    partner = rank(request("R2", "NEXT-DOOR"), registry, on=ON).candidates
    assert [(c.service, c.free_places) for c in partner] == [("S", 2)]
    assert RankReason.HELD_FOR_HOME in partner[0].reasons


def test_a_sibling_group_larger_than_any_service_is_excluded_everywhere() -> None:
    registry = world(
        [service("S1", "A", 2), service("S2", "B", 2)],
        [child(f"K{i}", "A", sibling_group="G") for i in range(3)],
    )
    group = request("R", "K0", "K1", "K2")
    ranking = rank(group, registry, on=ON)
    assert ranking.candidates == ()
    assert {e.reasons for e in ranking.exclusions} == {
        (ExclusionReason.NOT_ENOUGH_ROOM,)
    }
    allocation = allocate([group], registry, on=ON)
    assert [u.reason for u in allocation.unplaced] == [UnplacedReason.NOT_ENOUGH_ROOM]


def test_rank_gives_every_reason_a_service_is_excluded() -> None:
    registry = world(
        [
            service("CLOSED", "A", 3, operating=Period(start=ON + timedelta(days=1))),
            service("TEENS", "A", 3, eligibility=Eligibility(min_age=12, max_age=17)),
            service(
                "ADULTS",
                "A",
                3,
                eligibility=Eligibility(target_groups={"adults"}, min_age=18),
            ),
            service("DAY", "A", 3, type="CSC"),
            service("UNKNOWN", "A", 3, type="MYSTERY"),
        ],
        [child("K", "A", age=8, target_groups={"children"})],
    )
    exclusions = rank(request("R", "K"), registry, on=ON).exclusions
    assert reasons_for(exclusions, "CLOSED") == (ExclusionReason.NOT_OPERATING,)
    assert reasons_for(exclusions, "TEENS") == (ExclusionReason.TOO_YOUNG,)
    assert reasons_for(exclusions, "ADULTS") == (
        ExclusionReason.TOO_YOUNG,
        ExclusionReason.TARGET_GROUP,
    )
    assert reasons_for(exclusions, "DAY") == (ExclusionReason.MEASURE_NOT_ACCEPTABLE,)
    assert reasons_for(exclusions, "UNKNOWN") == (ExclusionReason.UNKNOWN_SERVICE_TYPE,)


def test_residential_care_is_excluded_for_a_child_under_three() -> None:
    registry = world(
        [service("FTPC", "A", 3), service("FOSTER", "A", 1, type="FOSTER")],
        [child("BABY", "A", age=1)],
    )
    ranking = rank(request("R", "BABY"), registry, on=ON)
    assert [c.service for c in ranking.candidates] == ["FOSTER"]
    assert reasons_for(ranking.exclusions, "FTPC") == (
        ExclusionReason.RESIDENTIAL_CARE_NOT_ALLOWED,
    )


def test_acceptable_types_limit_the_candidates() -> None:
    registry = world(
        [service("FTPC", "A", 3), service("DAY", "A", 3, type="CSC")],
        [child("K", "A")],
    )
    ranking = rank(request("R", "K", acceptable_types={"CSC"}), registry, on=ON)
    assert [c.service for c in ranking.candidates] == ["DAY"]
    assert reasons_for(ranking.exclusions, "FTPC") == (
        ExclusionReason.MEASURE_NOT_ACCEPTABLE,
    )


def test_excluded_tiers_are_never_candidates() -> None:
    registry = world([service("FAR", "E", 3)], [child("K", "A")])
    policy = Policy(excluded_tiers={Proximity.ELSEWHERE})
    ranking = rank(request("R", "K"), registry, on=ON, policy=policy)
    assert reasons_for(ranking.exclusions, "FAR") == (ExclusionReason.TIER_EXCLUDED,)
    allocation = allocate([request("R", "K")], registry, on=ON, policy=policy)
    assert [u.reason for u in allocation.unplaced] == [
        UnplacedReason.NO_ELIGIBLE_SERVICE
    ]


def test_rank_refuses_an_unknown_person_and_bad_arguments() -> None:
    registry = world([service("S", "A", 1)], [child("K", "A")])
    with pytest.raises(UnknownReferenceError):
        rank(request("R", "NOBODY"), registry, on=ON)
    with pytest.raises(InvalidValueError) as error:
        rank(request("R", "K"), registry, on="2026-03-02")  # type: ignore[arg-type]
    assert error.value.code == "wrong_type"
    with pytest.raises(InvalidValueError):
        rank("R", registry, on=ON)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        rank(request("R", "K"), registry, on=ON, policy="closest")  # type: ignore[arg-type]


def test_rank_of_the_example_request_puts_pirdop_foster_care_first() -> None:
    registry = sofia_oblast()
    ranking = rank(registry.requests[0], registry, on=SCENARIO_DATE)
    best = ranking.best
    assert best is not None
    assert (best.service, best.tier) == ("S-PIRDOP-FOSTER", Proximity.SAME_MUNICIPALITY)
    assert reasons_for(ranking.exclusions, "S-ZLATITSA-CSC") == (
        ExclusionReason.MEASURE_NOT_ACCEPTABLE,
    )


# -- allocate --------------------------------------------------------------------


def test_a_local_child_keeps_the_place_at_home_that_an_outsider_wants() -> None:
    """A weighted sum (0, 1, 3, 10) would move the local child next door to
    spare the outsider a far placement; closest-first does not."""
    only_local = Eligibility(target_groups={"local"})
    registry = world(
        [
            service("HOME", "A", 1),
            service("NEXT-DOOR", "B", 1, eligibility=only_local),
            service("FAR", "E", 1),
        ],
        [
            child("LOCAL", "A", target_groups={"local"}),
            child("OUTSIDER", "C", target_groups={"outsider"}),
        ],
    )
    requests = [request("R1", "LOCAL"), request("R2", "OUTSIDER")]
    closest = allocate(requests, registry, on=ON)
    assert closest.assignment_of("R1").service == "HOME"  # type: ignore[union-attr]
    weighted = allocate(
        requests, registry, on=ON, policy=Policy.weighted((0, 1, 3, 10, 10))
    )
    assert weighted.assignment_of("R1").service == "NEXT-DOOR"  # type: ignore[union-attr]
    assert weighted.assignment_of("R2").service == "HOME"  # type: ignore[union-attr]
    assert closest.placed_in(Proximity.SAME_MUNICIPALITY) == 1
    assert weighted.placed_in(Proximity.SAME_MUNICIPALITY) == 0


def test_placing_one_more_person_outweighs_keeping_a_local_at_home() -> None:
    registry = world(
        [
            service("HOME", "A", 1),
            service("FAR", "E", 1, eligibility=Eligibility(max_age=17)),
        ],
        [child("LOCAL", "A"), child("ADULT", "C", age=30)],
    )
    allocation = allocate(
        [request("R1", "LOCAL"), request("R2", "ADULT")], registry, on=ON
    )
    assert allocation.persons_placed == 2
    assert allocation.assignment_of("R2").service == "HOME"  # type: ignore[union-attr]


def test_children_go_to_a_family_before_a_nearer_residence() -> None:
    registry = world(
        [service("HOME", "A", 1), service("FOSTER", "C", 1, type="FOSTER")],
        [child("K", "A")],
    )
    allocation = allocate([request("R", "K")], registry, on=ON)
    assert allocation.assignment_of("R").service == "FOSTER"  # type: ignore[union-attr]
    assert allocation.value(Level.FAMILY_BASED) == 1


def test_who_waited_longer_gets_the_better_place() -> None:
    registry = world(
        [service("HOME", "A", 1), service("FAR", "E", 1)],
        [child("K1", "A"), child("K2", "A")],
    )
    requests = [request("LATE", "K1", days_ago=1), request("EARLY", "K2", days_ago=5)]
    allocation = allocate(requests, registry, on=ON)
    assert allocation.assignment_of("EARLY").service == "HOME"  # type: ignore[union-attr]
    assert allocation.assignment_of("LATE").service == "FAR"  # type: ignore[union-attr]
    assert [a.request for a in allocation.assignments] == ["EARLY", "LATE"]


def test_who_waited_longer_is_the_last_left_unplaced() -> None:
    registry = world([service("HOME", "A", 1)], [child("K1", "A"), child("K2", "A")])
    requests = [request("B", "K1", days_ago=2), request("A", "K2", days_ago=2)]
    allocation = allocate(requests, registry, on=ON)
    assert [a.request for a in allocation.assignments] == ["A"]
    assert [(u.request, u.reason) for u in allocation.unplaced] == [
        ("B", UnplacedReason.PLACES_TAKEN)
    ]


def test_a_sibling_group_is_never_split() -> None:
    registry = world(
        [service("S1", "A", 1), service("S2", "A", 1), service("S3", "B", 2)],
        [child("K1", "A", sibling_group="G"), child("K2", "A", sibling_group="G")],
    )
    allocation = allocate([request("R", "K1", "K2")], registry, on=ON)
    assert [(a.service, a.persons) for a in allocation.assignments] == [
        ("S3", ("K1", "K2"))
    ]
    assert allocation.per_tier == (0, 2, 0, 0, 0)
    assert allocation.optimal


def test_unknown_and_duplicated_persons_are_left_unplaced_with_a_reason() -> None:
    registry = world([service("S", "A", 5)], [child("K", "A")])
    requests = [
        request("R1", "K", days_ago=3),
        request("R2", "K"),
        request("R3", "GHOST"),
    ]
    allocation = allocate(requests, registry, on=ON)
    assert [a.request for a in allocation.assignments] == ["R1"]
    assert {(u.request, u.reason) for u in allocation.unplaced} == {
        ("R2", UnplacedReason.DUPLICATE_PERSON),
        ("R3", UnplacedReason.UNKNOWN_PERSON),
    }


def test_unknown_persons_are_left_unplaced_beside_single_persons_and_groups() -> None:
    registry = world(
        [service("S", "A", 5)], [child("K", "A"), child("L", "A"), child("M", "A")]
    )
    requests = [
        request("R1", "K"),
        request("R2", "GHOST"),
        PlacementRequest(id="R3", persons=("L", "M"), requested_on=ON),
        PlacementRequest(id="R4", persons=("L2", "GHOST2"), requested_on=ON),
    ]
    allocation = allocate(requests, registry, on=ON)
    assert [a.request for a in allocation.assignments] == ["R1", "R3"]
    assert [(u.request, u.reason) for u in allocation.unplaced] == [
        ("R2", UnplacedReason.UNKNOWN_PERSON),
        ("R4", UnplacedReason.UNKNOWN_PERSON),
    ]


def test_an_allocation_not_read_yet_is_a_value_like_any_other() -> None:
    registry = sofia_oblast()

    def fresh() -> Allocation:
        return allocate(registry.requests, registry, on=SCENARIO_DATE)

    read = fresh()
    fields = {
        field.name: getattr(read, field.name)
        for field in attrs.fields(Allocation)
        if field.init
    }
    assert fresh() == Allocation(**fields) == fresh()
    assert hash(fresh()) == hash(Allocation(**fields))
    assert repr(fresh()) == repr(read)
    assert pickle.loads(pickle.dumps(fresh())) == read
    assert from_dict(to_dict(fresh()), Allocation) == read
    assert attrs.evolve(fresh(), method="x").assignments == read.assignments
    assert fresh().assignment_of("R-01") == read.assignments[0]
    with pytest.raises(AttributeError):
        getattr(fresh(), "no_such_field")  # noqa: B009


def test_no_free_place_and_no_eligible_service_are_told_apart() -> None:
    registry = world(
        [service("FULL", "A", 0)],
        [child("K", "A"), child("ADULT", "A", age=40, target_groups={"adults"})],
    )
    registry = attrs.evolve(
        registry,
        services=[
            service("FULL", "A", 0, eligibility=Eligibility(target_groups={"children"}))
        ],
    )
    allocation = allocate([request("R1", "K"), request("R2", "ADULT")], registry, on=ON)
    assert {(u.request, u.reason) for u in allocation.unplaced} == {
        ("R1", UnplacedReason.NO_FREE_PLACE),
        ("R2", UnplacedReason.NO_ELIGIBLE_SERVICE),
    }


def test_allocate_refuses_requests_sharing_an_id_and_bad_arguments() -> None:
    registry = world([service("S", "A", 5)], [child("K", "A"), child("L", "A")])
    with pytest.raises(InvalidValueError) as error:
        allocate([request("R", "K"), request("R", "L")], registry, on=ON)
    assert error.value.code == "duplicate"
    with pytest.raises(InvalidValueError):
        allocate(request("R", "K"), registry, on=ON)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        allocate(["R"], registry, on=ON)  # type: ignore[list-item]
    with pytest.raises(InvalidValueError):
        allocate([], "registry", on=ON)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        allocate([], registry, on=None)  # type: ignore[arg-type]


def test_an_empty_batch_places_nobody() -> None:
    allocation = allocate([], world([service("S", "A", 1)], []), on=ON)
    assert (allocation.assignments, allocation.unplaced) == ((), ())
    assert allocation.objective == (0,) * len(CLOSEST_FIRST)
    assert allocation.optimal


def test_the_children_placed_outside_sofia_oblast_would_all_have_stayed_inside() -> (
    None
):
    """The seed story: C-03 and C-04 (siblings from Pravets), C-15 (Pirdop)
    and C-17 (Dragoman) were placed in Lovech and Veliko Tarnovo."""
    registry = sofia_oblast()
    outside = [
        placement
        for placement in registry.placements
        if placement.is_active_on(SCENARIO_DATE)
        and not registry.geography.proximity(
            registry.person(placement.person).home_municipality,
            registry.service(str(placement.service)).municipality,
        ).in_region
    ]
    assert {p.person for p in outside} == {"C-03", "C-04", "C-15", "C-17"}
    before = attrs.evolve(
        registry, placements=[p for p in registry.placements if p not in outside]
    )
    groups: dict[str, list[str]] = {}
    for placement in outside:
        person = registry.person(placement.person)
        groups.setdefault(person.sibling_group or person.id, []).append(person.id)
    requests = [
        PlacementRequest(id=f"R-{key}", persons=ids, requested_on=SCENARIO_DATE)
        for key, ids in groups.items()
    ]
    allocation = allocate(requests, before, on=SCENARIO_DATE)
    assert allocation.persons_placed == 4
    assert all(a.tier.in_region for a in allocation.assignments)
    assert allocation.optimal


def test_first_come_takes_each_request_to_its_best_place_in_turn() -> None:
    registry = world(
        [service("HOME", "A", 1), service("FAR", "E", 1)],
        [child("LOCAL", "A"), child("OUTSIDER", "C")],
    )
    requests = [request("R-LOCAL", "LOCAL"), request("R-OUT", "OUTSIDER", days_ago=1)]
    first = allocate_first_come(requests, registry, on=ON)
    assert first.assignment_of("R-OUT").service == "HOME"  # type: ignore[union-attr]
    assert first.assignment_of("R-LOCAL").service == "FAR"  # type: ignore[union-attr]
    assert not first.optimal
    best = allocate(requests, registry, on=ON)
    assert best.assignment_of("R-LOCAL").service == "HOME"  # type: ignore[union-attr]


# -- values and helpers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"levels": (Level.PLACED, Level.PLACED)}, "duplicate"),
        ({"levels": (Level.SAME_MUNICIPALITY,)}, "malformed"),
        ({"levels": ("placed",)}, "wrong_type"),
        ({"tier_costs": (0, 1, 2)}, "malformed"),
        ({"tier_costs": (0, 3, 2, 4, 5)}, "malformed"),
        ({"tier_costs": (0, -1, 2, 3, 4)}, "negative"),
        ({"excluded_tiers": {"elsewhere"}}, "wrong_type"),
        ({"proximity_first": 1}, "wrong_type"),
    ],
)
def test_a_policy_refuses_what_it_cannot_mean(
    changes: dict[str, object], code: str
) -> None:
    with pytest.raises(InvalidValueError) as error:
        Policy(**changes)  # type: ignore[arg-type]
    assert error.value.code == code


def test_allocation_value_refuses_a_level_the_policy_does_not_have() -> None:
    allocation = allocate([], world([], []), on=ON)
    with pytest.raises(InvalidValueError):
        allocation.value(Level.TIER_COST)


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
)
def test_the_fast_age_is_age_on(birth: date, day: date) -> None:
    if day >= birth:
        assert age(birth, day) == age_on(birth, day)


def test_the_flow_solver_sends_the_most_flow_at_least_cost() -> None:
    network = Network()
    s, a, b, t = (network.add_node() for _ in range(4))
    network.add_edge(s, a, 2, 0)
    network.add_edge(s, b, 1, 0)
    cheap = network.add_edge(a, t, 1, 1)
    dear = network.add_edge(a, b, 2, 5)
    network.add_edge(b, t, 2, 1)
    assert network.solve(s, t) == (3, 1 + 6 + 1)
    assert (network.flow(cheap), network.flow(dear)) == (1, 1)


def test_results_built_in_bulk_are_values_like_any_other() -> None:
    """The library builds its results without ``__init__``; they must equal,
    hash, pickle, evolve and stay frozen like ones built by hand."""
    registry = sofia_oblast()
    for function in (allocate, allocate_first_come):
        allocation = function(registry.requests, registry, on=SCENARIO_DATE)
        items: list[Assignment | Unplaced] = [
            *allocation.assignments,
            *allocation.unplaced,
        ]
        assert items
        for item in items:
            by_hand = type(item)(**attrs.asdict(item, recurse=False))
            assert item == by_hand
            assert hash(item) == hash(by_hand)
            assert repr(item) == repr(by_hand)
            assert pickle.loads(pickle.dumps(item)) == item
            assert attrs.evolve(item) == item
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                item.request = "other"  # type: ignore[misc]
        requests = {request.id: request for request in registry.requests}
        for item in allocation.assignments:
            assert type(item.tier) is Proximity
            request = requests[item.request]
            assert item.persons is request.persons  # shared, not copied


@given(
    st.lists(
        st.tuples(st.integers(0, 4), st.text("ab1", min_size=1, max_size=3)),
        unique_by=lambda pair: pair[1],
    )
)
def test_waiting_order_is_by_day_then_id(pairs: list[tuple[int, str]]) -> None:
    """Sorting by day, then each day by id, is sorting by (day, id)."""
    days = [day for day, _ in pairs]
    ids = [id for _, id in pairs]
    expected = sorted(range(len(pairs)), key=lambda i: (days[i], ids[i]))
    assert _waiting_order(days, ids) == expected


def test_settled_codes_stand_for_one_fate_each() -> None:
    """Every placement (site, tier) and every reason has its own code, and a
    placement's code gives back its service and tier."""
    site_ids = ["S-A", "S-B", "S-C"]
    settled = Settled(4, site_ids)
    placed = {
        (site, tier): settled.placed(site, tier)
        for site in range(len(site_ids))
        for tier in Proximity
    }
    left = {reason: settled.left(reason) for reason in UnplacedReason}
    codes = [*placed.values(), *left.values()]
    assert len(set(codes)) == len(codes)
    assert 0 not in codes  # 0: not settled
    services, tiers = settled.services()
    for (site, tier), code in placed.items():
        assert (services[code], tiers[code]) == (site_ids[site], tier)
    for code in left.values():
        assert (services[code], tiers[code]) == (None, None)
    settled.place([2, 0], 1, Proximity.SAME_REGION)
    settled.leave([3], UnplacedReason.NO_FREE_PLACE)
    assert settled.fate == [
        placed[(1, Proximity.SAME_REGION)],
        0,
        placed[(1, Proximity.SAME_REGION)],
        left[UnplacedReason.NO_FREE_PLACE],
    ]


# -- the distance level, sibling groups' solvers, progress ---------------------


def test_distance_is_the_last_default_level_and_must_stay_last() -> None:
    assert CLOSEST_FIRST[-1] is Level.DISTANCE
    assert Policy.weighted((0, 1, 2, 3, 4)).levels[-1] is Level.DISTANCE
    with pytest.raises(InvalidValueError) as raised:
        Policy(levels=(Level.PLACED, Level.DISTANCE, Level.SAME_MUNICIPALITY))
    assert raised.value.code == "malformed"


def test_a_policy_without_the_distance_level_counts_no_metres() -> None:
    policy = Policy(levels=(Level.PLACED, Level.SAME_REGION))
    registry = world([service("S", "B", 1)], [child("C", "A")])
    allocation = allocate([request("R", "C")], registry, on=ON, policy=policy)
    assert allocation.objective == (1, 1)


def _two_siblings_and_a_single() -> tuple[Registry, list[PlacementRequest]]:
    registry = world(
        [service("S-A", "A", 2), service("S-B", "B", 2), service("S-C", "C", 1)],
        [child("G1", "A"), child("G2", "A"), child("X", "A"), child("Y", "B")],
    )
    requests = [
        request("R-G", "G1", "G2", days_ago=2),
        request("R-X", "X", days_ago=1),
        request("R-Y", "Y"),
    ]
    return registry, requests


@pytest.mark.parametrize("solver", ["builtin", "highs"])
def test_either_solver_keeps_siblings_together_and_proves_the_optimum(
    solver: str,
) -> None:
    registry, requests = _two_siblings_and_a_single()
    allocation = allocate(requests, registry, on=ON, solver=solver)  # type: ignore[arg-type]
    placed = {a.request: a.service for a in allocation.assignments}
    assert placed == {"R-G": "S-A", "R-X": "S-B", "R-Y": "S-B"}
    assert allocation.optimal
    assert ("HiGHS" in allocation.method) is (solver == "highs")


def test_progress_is_reported_and_ends_at_what_was_expected() -> None:
    registry, requests = _two_siblings_and_a_single()
    seen: list[tuple[int, int]] = []
    allocate(
        requests,
        registry,
        on=ON,
        solver="builtin",
        progress=lambda done, expected: seen.append((done, expected)),
    )
    assert len(seen) >= 2
    assert all(0 <= done <= expected for done, expected in seen)
    assert seen[-1][0] == seen[-1][1]
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_raising_from_progress_stops_the_allocation() -> None:
    registry, requests = _two_siblings_and_a_single()

    class StopError(Exception):
        pass

    def stop(done: int, expected: int) -> None:
        raise StopError

    with pytest.raises(StopError):
        allocate(requests, registry, on=ON, solver="builtin", progress=stop)


def test_a_zero_work_limit_still_places_the_groups_no_worse_than_first_come() -> None:
    registry, requests = _two_siblings_and_a_single()
    bounded = allocate(requests, registry, on=ON, solver="builtin", work_limit=0)
    first = allocate_first_come(requests, registry, on=ON)
    assert bounded.objective[:1] >= first.objective[:1]
    assert {a.request for a in bounded.assignments} >= {"R-G"}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"work_limit": -1}, "out_of_range"),
        ({"work_limit": True}, "out_of_range"),
        ({"work_limit": 1.5}, "out_of_range"),
        ({"solver": "gurobi"}, "out_of_range"),
        ({"progress": "not callable"}, "wrong_type"),
    ],
)
def test_allocate_refuses_a_bad_work_limit_solver_or_progress(
    changes: dict[str, object], code: str
) -> None:
    registry, requests = _two_siblings_and_a_single()
    with pytest.raises(InvalidValueError) as raised:
        allocate(requests, registry, on=ON, **changes)  # type: ignore[arg-type]
    assert raised.value.code == code


def test_asking_for_highs_without_the_extra_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "highspy", None)  # as if not installed
    registry, requests = _two_siblings_and_a_single()
    with pytest.raises(MissingDependencyError) as raised:
        allocate(requests, registry, on=ON, solver="highs")
    assert raised.value.extra == "solver"
    auto = allocate(requests, registry, on=ON)  # falls back to the built-in search
    assert "HiGHS" not in auto.method


def test_importing_the_core_and_allocating_without_groups_does_not_import_highs() -> (
    None
):
    code = (
        "import sys, socialservices; "
        "from socialservices.examples import SCENARIO_DATE, sofia_oblast; "
        "r = sofia_oblast(); "
        "socialservices.allocate([q for q in r.requests if len(q.persons) == 1], r, "
        "on=SCENARIO_DATE); "
        "sys.exit('highspy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], check=False)
    assert done.returncode == 0


def test_highs_prints_nothing() -> None:
    code = (
        "import socialservices; "
        "from socialservices.examples import SCENARIO_DATE, sofia_oblast; "
        "r = sofia_oblast(); "
        "socialservices.allocate(r.requests, r, on=SCENARIO_DATE, solver='highs')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    assert (done.stdout, done.stderr) == ("", "")


@given(
    st.integers(2, 8).flatmap(
        lambda nodes: st.tuples(
            st.just(nodes),
            st.lists(
                st.tuples(
                    st.integers(0, nodes - 1),
                    st.integers(0, nodes - 1),
                    st.integers(0, 4),
                    st.integers(0, 10**6),
                ),
                max_size=20,
            ),
        )
    )
)
def test_the_network_simplex_finds_the_cheapest_flow_the_shortest_paths_find(
    graph: tuple[int, list[tuple[int, int, int, int]]],
) -> None:
    nodes, edges = graph
    edges = [edge for edge in edges if edge[0] != edge[1]]
    network = Network()
    for _ in range(nodes):
        network.add_node()
    for tail, head, capacity, cost in edges:
        network.add_edge(tail, head, capacity, cost)
    amount, cheapest = network.solve(0, nodes - 1)
    supplies = [0] * nodes
    supplies[0], supplies[-1] = amount, -amount
    tails, heads, capacities, costs = (
        [edge[field] for edge in edges] for field in range(4)
    )
    flows = min_cost_flow(nodes, tails, heads, capacities, costs, supplies)
    assert flows is not None
    assert sum(f * edge[3] for f, edge in zip(flows, edges, strict=True)) == cheapest
    assert all(0 <= f <= edge[2] for f, edge in zip(flows, edges, strict=True))
    balance = [0] * nodes
    for f, (tail, head, _, _) in zip(flows, edges, strict=True):
        balance[tail] += f
        balance[head] -= f
    assert balance == supplies
    supplies[0], supplies[-1] = amount + 1, -amount - 1  # more than can flow
    assert min_cost_flow(nodes, tails, heads, capacities, costs, supplies) is None
