"""What real registers say: homes that change, placements in no service,
eligibility on a service type, services whose opening is not recorded."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    NOT_IN_A_SERVICE,
    Agreement,
    AgreementKind,
    CapacityChange,
    Eligibility,
    InvalidValueError,
    Measure,
    Party,
    PartyKind,
    Period,
    Person,
    Placement,
    PlacementRequest,
    PreviousHome,
    Provider,
    ProviderKind,
    Proximity,
    Registry,
    Reservation,
    Service,
    dumps,
    from_dict,
    loads,
    to_dict,
    validate,
)
from socialservices.bulgaria import GEOGRAPHY, SERVICE_TYPES
from socialservices.matching import ExclusionReason, allocate, rank
from socialservices.validation import Entity

ON = date(2026, 11, 2)
MOVED = date(2025, 6, 1)
BOTEVGRAD, PRAVETS, LOVECH = "SFO07", "SFO34", "LOV18"
FTPC = next(kind for kind in SERVICE_TYPES if kind.code == "FTPC")
FOSTER = next(kind for kind in SERVICE_TYPES if kind.code == "FOSTER_CARE")
CHILDREN = Eligibility(target_groups={"children"}, max_age=17)


SINCE_2016 = Period(start=date(2016, 1, 1))


def service(
    id: str,
    municipality: str,
    places: int | None = 5,
    *,
    type: str = "FTPC",
    operating: Period | None = SINCE_2016,
    eligibility: Eligibility = CHILDREN,
) -> Service:
    capacity = (
        []
        if places is None
        else [CapacityChange(effective=date(2016, 1, 1), places=places)]
    )
    return Service(
        id=id,
        name=f"ЦНСТ {id}",
        type=type,
        provider="P1",
        municipality=municipality,
        operating=operating,
        capacity=capacity,
        eligibility=eligibility,
    )


def registry(
    *services: Service,
    persons: list[Person],
    placements: Sequence[Placement] = (),
    **more: Any,
) -> Registry:
    return Registry(
        geography=GEOGRAPHY,
        providers=[Provider(id="P1", name="Община", kind=ProviderKind.MUNICIPALITY)],
        service_types=more.pop("service_types", SERVICE_TYPES),
        services=list(services),
        persons=persons,
        placements=placements,
        **more,
    )


def moved_child(id: str = "C1", **fields: object) -> Person:
    """Lived in Ботевград until 1 June 2025, in Правец since."""
    return Person(
        id=id,
        birth_date=date(2016, 5, 1),
        home_municipality=PRAVETS,
        previous_homes=[PreviousHome(municipality=BOTEVGRAD, until=MOVED)],
        **fields,  # type: ignore[arg-type]
    )


# -- a home that changes ------------------------------------------------------------


def test_the_home_on_a_day_is_the_one_lived_in_that_day() -> None:
    child = Person(
        id="C1",
        birth_date=date(2010, 1, 1),
        home_municipality=LOVECH,
        previous_homes=[
            PreviousHome(municipality=PRAVETS, until=date(2024, 2, 29)),
            PreviousHome(municipality=BOTEVGRAD, until=date(2020, 1, 1)),
        ],
    )
    assert [home.until for home in child.previous_homes] == [
        date(2020, 1, 1),
        date(2024, 2, 29),
    ]
    assert child.home_on(date.min) == BOTEVGRAD
    assert child.home_on(date(2019, 12, 31)) == BOTEVGRAD
    assert (
        child.home_on(date(2020, 1, 1)) == PRAVETS
    )  # until is the first day elsewhere
    assert child.home_on(date(2024, 2, 28)) == PRAVETS
    assert child.home_on(date(2024, 2, 29)) == LOVECH
    assert child.home_on(date.max) == LOVECH
    assert child.homes == (BOTEVGRAD, PRAVETS, LOVECH)


def test_a_person_who_never_moved_has_one_home() -> None:
    child = Person(id="C1", birth_date=date(2010, 1, 1), home_municipality=PRAVETS)
    assert child.home_on(date(2001, 1, 1)) == child.home_on(ON) == PRAVETS
    assert child.homes == (PRAVETS,)


@pytest.mark.parametrize(
    ("homes", "field", "code"),
    [
        (
            [PreviousHome(municipality=BOTEVGRAD, until=MOVED)] * 2,
            "previous_homes",
            "duplicate",
        ),
        (["SFO07"], "previous_homes", "wrong_type"),
    ],
)
def test_bad_previous_homes_are_refused_with_a_code(
    homes: list[Any], field: str, code: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Person(
            id="C1",
            birth_date=date(2016, 5, 1),
            home_municipality=PRAVETS,
            previous_homes=homes,
        )
    assert (caught.value.field, caught.value.code) == (field, code)


def test_home_on_refuses_what_is_not_a_date() -> None:
    with pytest.raises(InvalidValueError) as caught:
        moved_child().home_on("2025-06-01")  # type: ignore[arg-type]
    assert (caught.value.type_name, caught.value.field, caught.value.code) == (
        "Person.home_on",
        "day",
        "wrong_type",
    )


@given(
    st.lists(
        st.tuples(st.sampled_from([BOTEVGRAD, PRAVETS, LOVECH]), st.dates()),
        max_size=8,
        unique_by=lambda h: h[1],
    ),
    st.dates(),
)
def test_home_on_agrees_with_reading_the_homes_one_by_one(
    homes: list[tuple[str, date]], day: date
) -> None:
    person = Person(
        id="C1",
        birth_date=date(2000, 1, 1),
        home_municipality="SOF46",
        previous_homes=[PreviousHome(municipality=m, until=u) for m, u in homes],
    )
    later = sorted(
        (until, municipality) for municipality, until in homes if until > day
    )
    assert person.home_on(day) == (later[0][1] if later else "SOF46")


def test_matching_uses_the_home_on_the_day_it_places() -> None:
    world = registry(
        service("S-BOTEVGRAD", BOTEVGRAD),
        service("S-PRAVETS", PRAVETS),
        persons=[moved_child()],
        requests=[
            PlacementRequest(id="R1", persons=["C1"], requested_on=date(2025, 1, 1))
        ],
    )
    request = world.requests[0]
    before = rank(request, world, on=MOVED - timedelta(days=1))
    after = rank(request, world, on=MOVED)
    assert before.best is not None
    assert after.best is not None
    assert (before.best.service, before.best.tier) == (
        "S-BOTEVGRAD",
        Proximity.SAME_MUNICIPALITY,
    )
    assert (after.best.service, after.best.tier) == (
        "S-PRAVETS",
        Proximity.SAME_MUNICIPALITY,
    )
    placed = {
        a.request: a.service for a in allocate([request], world, on=ON).assignments
    }
    assert placed == {"R1": "S-PRAVETS"}
    placed = {
        a.request: a.service
        for a in allocate([request], world, on=date(2025, 1, 1)).assignments
    }
    assert placed == {"R1": "S-BOTEVGRAD"}


def test_a_rule_reads_the_home_on_the_day_the_placement_began() -> None:
    """Placed in Ботевград in 2024, when Ботевград was home: not away from home,
    though Правец, home today, had free places then."""
    stay = Placement(
        id="PL1",
        person="C1",
        service="S-BOTEVGRAD",
        period=Period(start=date(2024, 1, 10)),
        measure=Measure.RESIDENTIAL,
    )
    world = registry(
        service("S-BOTEVGRAD", BOTEVGRAD),
        service("S-PRAVETS", PRAVETS),
        persons=[moved_child()],
        placements=[stay],
    )
    codes = {finding.code for finding in validate(world, on=ON)}
    assert "LOC002" not in codes
    # the same child had they always lived in Правец: placed away from home
    always = attrs.evolve(
        world, persons=[attrs.evolve(moved_child(), previous_homes=())]
    )
    away = [f for f in validate(always, on=ON) if f.code == "LOC002"]
    assert [(f.on, [s.service for s in f.free_places]) for f in away] == [
        (date(2024, 1, 10), ["S-PRAVETS"])
    ]


def test_an_unknown_previous_home_is_a_dangling_reference() -> None:
    child = attrs.evolve(
        moved_child(), previous_homes=[PreviousHome(municipality="XXX99", until=MOVED)]
    )
    world = registry(service("S-PRAVETS", PRAVETS), persons=[child])
    found = [f for f in validate(world, on=ON) if f.code == "REF007"]
    assert [(f.subjects[0].id, f.on) for f in found] == [("C1", None)]


def test_held_places_count_a_child_for_the_home_they_were_placed_from() -> None:
    """A place Правец holds for Ботевград's residents, filled by a child placed
    from Ботевград who has moved since, is still filled by a resident."""
    agreement = Agreement(
        id="A1",
        title="Споразумение Правец-Ботевград",
        kind=AgreementKind.INTER_MUNICIPAL,
        parties=[
            Party(kind=PartyKind.MUNICIPALITY, id=PRAVETS),
            Party(kind=PartyKind.MUNICIPALITY, id=BOTEVGRAD),
        ],
        period=Period(start=date(2020, 1, 1)),
        reservations=[
            Reservation(service="S-PRAVETS", for_municipality=BOTEVGRAD, places=1)
        ],
    )
    stay = Placement(
        id="PL1",
        person="C1",
        service="S-PRAVETS",
        period=Period(start=date(2024, 1, 10)),
    )
    world = registry(
        service("S-PRAVETS", PRAVETS, 2),
        persons=[moved_child()],
        placements=[stay],
        agreements=[agreement],
    )
    # the held place is filled by C1, placed from Ботевград: one place left, free to all
    assert world.free_places("S-PRAVETS", ON, home=LOVECH) == 1
    assert world.free_places("S-PRAVETS", ON, home=BOTEVGRAD) == 1


# -- a placement in no service --------------------------------------------------------


@pytest.mark.parametrize("measure", sorted(NOT_IN_A_SERVICE, key=str))
def test_a_placement_with_family_needs_no_service(measure: Measure) -> None:
    home = Placement(
        id="PL1",
        person="C1",
        service=None,
        period=Period(start=date(2025, 1, 1)),
        measure=measure,
    )
    assert home.service is None


@pytest.mark.parametrize("measure", [None, Measure.RESIDENTIAL, Measure.FOSTER_FAMILY])
def test_any_other_placement_is_in_a_service(measure: Measure | None) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Placement(
            id="PL1",
            person="C1",
            service=None,
            period=Period(start=date(2025, 1, 1)),
            measure=measure,
        )
    assert (caught.value.type_name, caught.value.field, caught.value.code) == (
        "Placement",
        "service",
        "service_needed",
    )


def test_a_placement_in_no_service_takes_no_place_and_is_no_dangling_reference() -> (
    None
):
    with_parents = Placement(
        id="PL1",
        person="C1",
        service=None,
        period=Period(start=date(2025, 1, 1)),
        measure=Measure.WITH_PARENTS,
    )
    in_care = Placement(
        id="PL2",
        person="C2",
        service="S-PRAVETS",
        period=Period(start=date(2025, 1, 1)),
    )
    child_two = attrs.evolve(moved_child(), id="C2")
    world = registry(
        service("S-PRAVETS", PRAVETS, 1),
        persons=[moved_child(), child_two],
        placements=[with_parents, in_care],
    )
    assert world.occupied("S-PRAVETS", ON) == 1
    assert world.free_places("S-PRAVETS", ON) == 0
    codes = {finding.code for finding in validate(world, on=ON)}
    assert not codes & {"REF006", "CAP001", "PER003"}
    document = to_dict(world)
    assert document["placements"][0]["service"] is None
    assert loads(dumps(world), Registry) == world


def test_a_placement_in_no_service_still_overlaps_a_stay_in_care() -> None:
    with_parents = Placement(
        id="PL1",
        person="C1",
        service=None,
        period=Period(start=date(2025, 1, 1)),
        measure=Measure.WITH_PARENTS,
    )
    in_care = Placement(
        id="PL2",
        person="C1",
        service="S-PRAVETS",
        period=Period(start=date(2025, 3, 1)),
    )
    world = registry(
        service("S-PRAVETS", PRAVETS),
        persons=[moved_child()],
        placements=[with_parents, in_care],
    )
    overlaps = [f for f in validate(world, on=ON) if f.code == "PLC001"]
    assert [
        sorted(s.id for s in f.subjects if s.kind is Entity.PLACEMENT) for f in overlaps
    ] == [["PL1", "PL2"]]


# -- eligibility on a service type ------------------------------------------------------


def test_a_service_states_only_what_differs_from_its_type() -> None:
    kind = Eligibility(target_groups={"children"}, max_age=17, needs={"disability"})
    assert kind.refined_by(Eligibility()) == kind
    assert Eligibility().refined_by(kind) == kind
    assert kind.refined_by(Eligibility(min_age=3)) == attrs.evolve(kind, min_age=3)
    assert kind.refined_by(Eligibility(max_age=6)) == attrs.evolve(kind, max_age=6)
    assert kind.refined_by(Eligibility(target_groups={"youth"})).target_groups == {
        "youth"
    }
    assert kind.refined_by(Eligibility(needs={"autism"})).needs == {"autism"}


def test_bounds_that_would_cross_are_the_services_as_it_states_them() -> None:
    kind = Eligibility(min_age=3)
    assert kind.refined_by(Eligibility(max_age=2)) == Eligibility(max_age=2)
    assert Eligibility(max_age=6).refined_by(Eligibility(min_age=7)) == Eligibility(
        min_age=7
    )


def test_refined_by_refuses_what_is_not_an_eligibility() -> None:
    with pytest.raises(InvalidValueError) as caught:
        CHILDREN.refined_by({"max_age": 17})  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("other", "wrong_type")


eligibilities = st.builds(
    Eligibility,
    target_groups=st.frozensets(
        st.sampled_from(["children", "youth", "adults"]), max_size=2
    ),
    min_age=st.none() | st.integers(0, 20),
    max_age=st.none() | st.integers(21, 99),
    needs=st.frozensets(st.sampled_from(["disability", "autism"]), max_size=2),
)


@given(eligibilities, eligibilities)
def test_what_the_service_states_wins(kind: Eligibility, own: Eligibility) -> None:
    refined = kind.refined_by(own)
    assert refined.min_age == (kind.min_age if own.min_age is None else own.min_age)
    assert refined.max_age == (kind.max_age if own.max_age is None else own.max_age)
    assert refined.target_groups == (own.target_groups or kind.target_groups)
    assert refined.needs == (own.needs or kind.needs)
    assert refined.refined_by(own) == refined  # stating it again changes nothing


def test_the_registry_gives_a_services_eligibility_refined_from_its_type() -> None:
    for_children = attrs.evolve(
        FTPC, eligibility=Eligibility(target_groups={"children"}, max_age=17)
    )
    open_to_all = service("S-PRAVETS", PRAVETS, eligibility=Eligibility(min_age=3))
    adult = Person(id="A1", birth_date=date(1990, 1, 1), home_municipality=PRAVETS)
    world = registry(
        open_to_all,
        persons=[adult],
        service_types=[for_children, FOSTER],
        requests=[PlacementRequest(id="R1", persons=["A1"], requested_on=ON)],
    )
    assert world.eligibility_of("S-PRAVETS") == Eligibility(
        target_groups={"children"}, min_age=3, max_age=17
    )
    excluded = {
        e.service: e.reasons for e in rank(world.requests[0], world, on=ON).exclusions
    }
    assert ExclusionReason.TOO_OLD in excluded["S-PRAVETS"]
    stay = Placement(
        id="PL1",
        person="A1",
        service="S-PRAVETS",
        period=Period(start=date(2025, 1, 1)),
    )
    codes = {f.code for f in validate(attrs.evolve(world, placements=[stay]), on=ON)}
    assert "PLC006" in codes  # an adult in a children's service, by the type's rule
    untyped = attrs.evolve(world, service_types=[FTPC, FOSTER], placements=[stay])
    assert "PLC006" not in {f.code for f in validate(untyped, on=ON)}


def test_a_service_type_round_trips_with_and_without_eligibility() -> None:
    for_children = attrs.evolve(FTPC, eligibility=CHILDREN)
    assert from_dict(to_dict(for_children), type(FTPC)) == for_children
    assert "eligibility" not in to_dict(FTPC)  # as version 1 wrote it


# -- a service whose opening is not recorded --------------------------------------------


def test_a_service_with_no_operating_dates_operates_from_its_first_capacity() -> None:
    undated = service("S-PRAVETS", PRAVETS, 4, operating=None)
    assert undated.operates_on(date(2015, 12, 31)) is None
    assert undated.capacity_on(date(2015, 12, 31)) is None  # unknown, not 0
    assert undated.operates_on(date(2016, 1, 1)) is True
    assert undated.capacity_on(ON) == 4
    nothing = service("S-X", PRAVETS, None, operating=None)
    assert nothing.operates_on(ON) is None
    assert nothing.capacity_on(ON) is None


def test_no_rule_reasons_about_an_opening_that_is_not_recorded() -> None:
    undated = service("S-PRAVETS", PRAVETS, 1, operating=None)
    early = Placement(
        id="PL1",
        person="C1",
        service="S-PRAVETS",
        period=Period(start=date(2010, 1, 1)),
    )
    late = Placement(
        id="PL2",
        person="C2",
        service="S-PRAVETS",
        period=Period(start=date(2020, 1, 1)),
    )
    world = registry(
        undated,
        persons=[moved_child(), attrs.evolve(moved_child(), id="C2")],
        placements=[early, late],
    )
    findings = validate(world, on=ON)
    codes = {f.code for f in findings}
    assert not codes & {"PER001", "PER003", "PER004"}
    over = [f for f in findings if f.code == "CAP001"]
    assert [(f.on, f.peak) for f in over] == [
        (date(2020, 1, 1), 1)
    ]  # 2 in 1 place, from 2020
    assert loads(dumps(world), Registry) == world
    assert to_dict(world)["services"][0]["operating"] is None


def test_matching_offers_an_undated_service_only_where_its_capacity_is_known() -> None:
    child = attrs.evolve(moved_child(), previous_homes=())
    world = registry(
        service("S-PRAVETS", PRAVETS, 2, operating=None),
        service("S-UNKNOWN", PRAVETS, None, operating=None),
        persons=[child],
        requests=[PlacementRequest(id="R1", persons=["C1"], requested_on=ON)],
    )
    ranking = rank(world.requests[0], world, on=ON)
    assert ranking.best is not None
    assert ranking.best.service == "S-PRAVETS"
    excluded = {e.service: e.reasons for e in ranking.exclusions}
    assert excluded == {"S-UNKNOWN": (ExclusionReason.CAPACITY_UNKNOWN,)}
