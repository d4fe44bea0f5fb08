"""Unknown is not zero: a service whose capacity is not recorded has unknown
places, never 0, in the queries, the CAP and LOC rules and matching."""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    Agreement,
    AgreementKind,
    CapacityCeiling,
    CapacityChange,
    Entity,
    Period,
    Placement,
    Registry,
    Reservation,
    Service,
    Severity,
    validate,
)
from socialservices.matching import (
    ExclusionReason,
    UnplacedReason,
    allocate,
    allocate_first_come,
    rank,
)
from socialservices.strategies import registries

from .test_matching import ON, child, request, service, world

LATER = date(2026, 6, 1)
"""The first capacity record of a service that opened in 2020."""


def _stay(id: str, person: str, at: str, start: date = ON) -> Placement:
    return Placement(id=id, person=person, service=at, period=Period(start=start))


def _unrecorded(id: str = "S-A", municipality: str = "A") -> Service:
    return service(id, municipality, 0, capacity=())


def _recorded_later(id: str = "S-A", places: int = 2) -> Service:
    return service(
        id, "A", 0, capacity=[CapacityChange(effective=LATER, places=places)]
    )


def _codes(registry: Registry, on: date = ON) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in validate(registry, on=on):
        counts[finding.code] = counts.get(finding.code, 0) + 1
    return counts


# -- queries ------------------------------------------------------------------


def test_no_capacity_history_is_unknown_on_every_day_it_operates() -> None:
    registry = world([_unrecorded()], [child("C1", "A")], [_stay("P1", "C1", "S-A")])
    unknown = registry.service("S-A")
    assert unknown.capacity_on(ON) is None
    assert registry.capacity("S-A", ON) is None
    assert registry.free_places("S-A", ON) is None
    assert registry.free_places("S-A", ON, home="A") is None
    assert registry.occupied("S-A", ON) == 1  # who is there is always known


def test_a_closed_service_has_no_places_whatever_its_history() -> None:
    closed = service("S-A", "A", 0, capacity=(), operating=Period(start=LATER))
    registry = world([closed], [])
    assert registry.capacity("S-A", ON) == 0
    assert registry.free_places("S-A", ON) == 0


def test_capacity_is_unknown_before_its_first_record_and_known_from_it() -> None:
    registry = world([_recorded_later(places=2)], [child("C1", "A")])
    registry = registry.with_placements(_stay("P1", "C1", "S-A"))
    assert registry.capacity("S-A", ON) is None
    assert registry.free_places("S-A", ON) is None
    assert registry.capacity("S-A", LATER) == 2
    assert registry.free_places("S-A", LATER) == 1


def test_occupancy_steps_carry_unknown_capacity_as_none() -> None:
    registry = world([_recorded_later(places=2)], [child("C1", "A")])
    registry = registry.with_placements(_stay("P1", "C1", "S-A"))
    occupancy = registry.occupancy("S-A", Period(start=ON, end=date(2026, 12, 1)))
    before, after = occupancy.steps
    assert (before.capacity, before.occupied, before.free) == (None, 1, None)
    assert before.over_capacity is None
    assert before.period == Period(start=ON, end=LATER)
    assert (after.capacity, after.free, after.over_capacity) == (2, 1, 0)


# -- CAP ----------------------------------------------------------------------


def test_a_placement_in_a_service_of_unknown_capacity_is_not_over_capacity() -> None:
    registry = world([_unrecorded()], [child("C1", "A")], [_stay("P1", "C1", "S-A")])
    found = _codes(registry)
    assert "CAP001" not in found
    assert found["CAP004"] == 1


def test_a_known_full_service_is_not_over_and_one_more_is() -> None:
    people = [child("C1", "A"), child("C2", "A")]
    full = world([service("S-A", "A", 1)], people, [_stay("P1", "C1", "S-A")])
    assert "CAP001" not in _codes(full)  # exactly full
    over = full.with_placements(_stay("P2", "C2", "S-A"))
    (finding,) = validate(over, on=ON).by_code()["CAP001"]
    assert finding.peak == 1


def test_before_the_first_record_nobody_is_over_capacity() -> None:
    people = [child("C1", "A"), child("C2", "A")]
    registry = world(
        [_recorded_later(places=1)],
        people,
        [_stay("P1", "C1", "S-A"), _stay("P2", "C2", "S-A")],
    )
    (finding,) = validate(registry, on=date(2026, 7, 1)).by_code()["CAP001"]
    assert finding.period == Period(start=LATER)
    assert "CAP001" not in _codes(registry, on=ON)  # before LATER nothing is known


def test_places_held_in_a_service_of_unknown_capacity_are_not_too_many() -> None:
    holding = Agreement(
        id="AG1",
        kind=AgreementKind.INTER_MUNICIPAL,
        title="places for B",
        period=Period(start=date(2020, 1, 1)),
        services={"S-A"},
        reservations=[Reservation(service="S-A", for_municipality="B", places=3)],
    )
    registry = world([_unrecorded()], [], agreements=[holding])
    assert "CAP003" not in _codes(registry)
    registry = world([_recorded_later(places=1)], [], agreements=[holding])
    (finding,) = validate(registry, on=LATER).by_code()["CAP003"]
    assert finding.period == Period(start=LATER)


def test_a_ceiling_counts_only_recorded_places_and_names_only_their_services() -> None:
    ceiling = CapacityCeiling(area="R1", service_type="FTPC", max_users=1)
    within = world([service("S-A", "A", 1), _unrecorded("S-B", "B")], [])
    assert "CAP002" not in _codes(attrs.evolve(within, ceilings=[ceiling]))
    above = world([service("S-A", "A", 2), _unrecorded("S-B", "B")], [])
    (finding,) = validate(attrs.evolve(above, ceilings=[ceiling]), on=ON).by_code()[
        "CAP002"
    ]
    assert finding.peak == 1
    services = [s.id for s in finding.subjects if s.kind is Entity.SERVICE]
    assert services == ["S-A"]


def test_cap004_is_one_info_finding_naming_every_unrecorded_service() -> None:
    services = [_unrecorded(f"S-{n:02}") for n in range(12)]
    registry = world([*services, service("S-KNOWN", "A", 2)], [])
    (finding,) = validate(registry, on=ON).by_code()["CAP004"]
    assert finding.severity is Severity.INFO
    assert [s.id for s in finding.subjects] == [f"S-{n:02}" for n in range(12)]
    assert finding.fields == ("Service.capacity",)


def test_cap004_says_nothing_when_every_service_records_capacity() -> None:
    registry = world([service("S-A", "A", 2), _recorded_later("S-B")], [])
    assert "CAP004" not in _codes(registry)


# -- LOC ----------------------------------------------------------------------


def test_a_service_of_unknown_capacity_at_home_is_not_a_free_place() -> None:
    people = [child("C1", "A")]
    far = service("S-FAR", "D", 2)
    known = world([far, service("S-A", "A", 2)], people, [_stay("P1", "C1", "S-FAR")])
    assert _codes(known)["LOC001"] == 1  # home had room: placed away all the same
    unknown = world([far, _unrecorded()], people, [_stay("P1", "C1", "S-FAR")])
    assert not {"LOC001", "LOC002"} & set(_codes(unknown))


# -- matching -----------------------------------------------------------------


def test_rank_excludes_a_service_of_unknown_capacity() -> None:
    registry = world([_unrecorded(), service("S-B", "B", 1)], [child("C1", "A")])
    ranking = rank(request("R1", "C1"), registry, on=ON)
    assert [c.service for c in ranking.candidates] == ["S-B"]
    (excluded,) = ranking.exclusions
    assert excluded.service == "S-A"
    assert excluded.reasons == (ExclusionReason.CAPACITY_UNKNOWN,)
    assert ExclusionReason.CAPACITY_UNKNOWN.value == "capacity_unknown"


def test_rank_excludes_a_service_before_its_first_capacity_record() -> None:
    registry = world([_recorded_later()], [child("C1", "A")])
    ranking = rank(request("R1", "C1"), registry, on=ON)
    assert ranking.candidates == ()
    assert ranking.exclusions[0].reasons == (ExclusionReason.CAPACITY_UNKNOWN,)
    later = rank(request("R1", "C1"), registry, on=LATER)
    assert [c.service for c in later.candidates] == ["S-A"]


def test_a_closed_service_is_not_operating_rather_than_of_unknown_capacity() -> None:
    closed = service("S-A", "A", 0, capacity=(), operating=Period(start=LATER))
    ranking = rank(request("R1", "C1"), world([closed], [child("C1", "A")]), on=ON)
    assert ranking.exclusions[0].reasons == (ExclusionReason.NOT_OPERATING,)


def test_allocate_never_places_in_a_service_of_unknown_capacity() -> None:
    registry = world([_unrecorded(), service("S-D", "D", 1)], [child("C1", "A")])
    for solve in (allocate, allocate_first_come):
        allocation = solve([request("R1", "C1")], registry, on=ON)
        assert [a.service for a in allocation.assignments] == ["S-D"]


def test_a_request_with_only_unknown_capacity_is_unplaced_for_that_reason() -> None:
    registry = world([_unrecorded(), _unrecorded("S-B", "B")], [child("C1", "A")])
    for solve in (allocate, allocate_first_come):
        allocation = solve([request("R1", "C1")], registry, on=ON)
        (left,) = allocation.unplaced
        assert left.reason is UnplacedReason.CAPACITY_UNKNOWN
        assert UnplacedReason.CAPACITY_UNKNOWN.value == "capacity_unknown"


def test_a_known_full_service_beside_an_unknown_one_is_no_free_place() -> None:
    people = [child("C1", "A"), child("C2", "A")]
    registry = world(
        [_unrecorded(), service("S-B", "B", 1)], people, [_stay("P1", "C2", "S-B")]
    )
    (left,) = allocate([request("R1", "C1")], registry, on=ON).unplaced
    assert left.reason is UnplacedReason.NO_FREE_PLACE


@st.composite
def _some_unrecorded(draw: st.DrawFn) -> tuple[Registry, date]:
    """A strategies' world with some services' capacity removed, and a day on
    which some of them operate (a request's or an opening day)."""
    registry = draw(registries(min_services=1, max_services=5, max_placements=8))
    ids = sorted({s.id for s in registry.services})
    gone = set(draw(st.lists(st.sampled_from(ids), unique=True)))
    services = [
        attrs.evolve(s, capacity=()) if s.id in gone else s for s in registry.services
    ]
    days = sorted(
        {r.requested_on for r in registry.requests}
        | {s.operating.start for s in registry.services if s.operating is not None}
    )
    return attrs.evolve(registry, services=services), draw(st.sampled_from(days))


@given(_some_unrecorded())
def test_nobody_is_allocated_to_a_service_of_unknown_capacity(
    drawn: tuple[Registry, date],
) -> None:
    registry, day = drawn
    unknown = {s.id for s in registry.services if s.capacity_on(day) is None}
    for solve in (allocate, allocate_first_come):
        allocation = solve(registry.requests, registry, on=day)
        assert not {a.service for a in allocation.assignments} & unknown
    for placement_request in registry.requests:
        ranking = rank(placement_request, registry, on=day)
        assert not {c.service for c in ranking.candidates} & unknown
