"""Places held for requests: not free to anyone else, on every day of the hold."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    CapacityChange,
    InvalidValueError,
    Period,
    PlaceHold,
    Placement,
    Registry,
    Service,
    from_dict,
    to_dict,
)
from socialservices.examples import SCENARIO_DATE, sofia_oblast
from socialservices.matching import ExclusionReason, allocate, rank

JAN = date(2024, 1, 1)


def _service(places: int = 2) -> Service:
    return Service(
        id="S1",
        name="S1",
        type="FTPC",
        provider="P1",
        municipality="A",
        operating=Period(start=date(2020, 1, 1)),
        capacity=[CapacityChange(effective=date(2020, 1, 1), places=places)],
    )


def _hold(
    start: date, end: date | None, places: int = 1, request: str = "R1"
) -> PlaceHold:
    return PlaceHold(
        request=request,
        service="S1",
        places=places,
        period=Period(start=start, end=end),
    )


def test_a_hold_expiring_on_the_day_a_place_frees_leaves_both_free_that_day() -> None:
    day = date(2024, 3, 1)  # 2024 is a leap year: 29 February is held too
    registry = Registry(
        services=[_service(2)],
        placements=[
            Placement(
                id="P1", person="C1", service="S1", period=Period(start=JAN, end=day)
            )
        ],
        holds=[_hold(date(2024, 2, 25), day)],
    )
    before = day - timedelta(days=1)
    assert (registry.occupied("S1", before), registry.held("S1", before)) == (1, 1)
    assert registry.free_places("S1", before) == 0
    assert registry.free_places("S1", day) == 2
    assert registry.held("S1", day) == 0
    steps = registry.occupancy("S1", Period(start=date(2024, 2, 20), end=day)).steps
    assert [(s.period.start, s.occupied, s.held, s.free) for s in steps] == [
        (date(2024, 2, 20), 1, 0, 1),
        (date(2024, 2, 25), 1, 1, 0),
    ]


def test_a_held_place_is_free_to_the_request_it_is_held_for() -> None:
    registry = Registry(services=[_service(2)], holds=[_hold(JAN, None, 2)])
    assert registry.free_places("S1", JAN) == 0
    assert registry.free_places("S1", JAN, request="R1") == 2
    assert registry.free_places("S1", JAN, request="R2") == 0
    assert registry.free_places("S1", JAN - timedelta(days=1)) == 2
    assert registry.free_places("S1", date.max) == 0  # open-ended: held to the end


def test_holds_beyond_the_free_places_leave_none_free_never_fewer() -> None:
    registry = Registry(services=[_service(1)], holds=[_hold(JAN, None, 3)])
    assert registry.free_places("S1", JAN) == 0
    assert registry.held("S1", JAN) == 3


def test_a_hold_takes_at_least_one_place() -> None:
    with pytest.raises(InvalidValueError) as raised:
        _hold(JAN, None, 0)
    assert (raised.value.field, raised.value.code) == ("places", "out_of_range")


def test_a_request_argument_that_is_not_an_id_is_refused() -> None:
    registry = Registry(services=[_service(2)])
    with pytest.raises(InvalidValueError) as raised:
        registry.free_places("S1", JAN, request=7)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.code) == ("request", "wrong_type")


def test_holds_round_trip_as_a_document_and_grow_one_by_one() -> None:
    holds = [_hold(JAN, date(2024, 1, 8)), _hold(JAN, None, 2, request="R2")]
    registry = Registry(services=[_service(4)], holds=holds)
    assert from_dict(to_dict(registry), Registry) == registry
    grown = Registry(services=[_service(4)])
    for hold in reversed(holds):
        grown = grown.with_holds(hold)
    assert grown == registry
    assert grown.free_places("S1", JAN) == 1
    assert registry.index.holds_of("R2") == (holds[1],)


@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 20), st.integers(1, 3)),
        max_size=8,
    ),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 20)), max_size=4),
)
def test_free_places_with_holds_equal_a_naive_count_day_by_day(
    holds: list[tuple[int, int, int]], stays: list[tuple[int, int]]
) -> None:
    def period(start: int, days: int) -> Period:
        first = JAN + timedelta(days=start)
        return Period(start=first, end=first + timedelta(days=days))

    registry = Registry(
        services=[_service(5)],
        placements=[
            Placement(id=f"P{i}", person=f"C{i}", service="S1", period=period(*stay))
            for i, stay in enumerate(stays)
        ],
        holds=[
            PlaceHold(
                request=f"R{i % 3}", service="S1", places=n, period=period(start, days)
            )
            for i, (start, days, n) in enumerate(holds)
        ],
    )
    for offset in range(64):
        day = JAN + timedelta(days=offset)
        taken = sum(1 for start, days in stays if start <= offset < start + days)
        held = {"R0": 0, "R1": 0, "R2": 0}
        for i, (start, days, n) in enumerate(holds):
            if start <= offset < start + days:
                held[f"R{i % 3}"] += n
        assert registry.free_places("S1", day) == max(0, 5 - taken - sum(held.values()))
        mine = held["R1"]
        assert registry.free_places("S1", day, request="R1") == max(
            0, 5 - taken - sum(held.values()) + mine
        )


def _held_full(registry: Registry, service: str, request: str) -> Registry:
    free = registry.free_places(service, SCENARIO_DATE)
    assert free
    return registry.with_holds(
        PlaceHold(
            request=request,
            service=service,
            places=free,
            period=Period(start=SCENARIO_DATE, end=SCENARIO_DATE + timedelta(days=7)),
        )
    )


def test_rank_and_allocate_leave_out_places_held_for_another_request() -> None:
    registry = sofia_oblast()
    request = registry.requests[0]
    best = rank(request, registry, on=SCENARIO_DATE).best
    assert best is not None
    held = _held_full(registry, best.service, "R-ELSEWHERE")
    ranking = rank(request, held, on=SCENARIO_DATE)
    assert ranking.best is not None
    assert ranking.best.service != best.service
    assert any(
        e.service == best.service and ExclusionReason.FULL in e.reasons
        for e in ranking.exclusions
    )
    allocation = allocate([request], held, on=SCENARIO_DATE)
    assert [a.service for a in allocation.assignments] != [best.service]


def test_a_request_keeps_the_places_held_for_it() -> None:
    registry = sofia_oblast()
    request = registry.requests[0]
    best = rank(request, registry, on=SCENARIO_DATE).best
    assert best is not None
    held = _held_full(registry, best.service, request.id)
    again = rank(request, held, on=SCENARIO_DATE).best
    assert again is not None
    assert again.service == best.service
    allocation = allocate([request], held, on=SCENARIO_DATE)
    assert [a.service for a in allocation.assignments] == [best.service]
