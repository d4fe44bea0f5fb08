"""Capacity, occupied and free places on any date, and occupancy over a period."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    Agreement,
    AgreementKind,
    CapacityChange,
    Period,
    Person,
    Placement,
    Registry,
    Reservation,
    Service,
    UnknownReferenceError,
)

from ..values import FIRST_DAY, LAST_DAY, WINDOW, days, periods, placements

JAN = date(2024, 1, 1)
HOMES = ("A", "B", "C")


def _service(id: str = "S1", places: int = 2, **changes: object) -> Service:
    fields: dict[str, object] = {
        "id": id,
        "name": id,
        "type": "FTPC",
        "provider": "P1",
        "municipality": "A",
        "operating": Period(start=date(2020, 1, 1)),
        "capacity": [CapacityChange(effective=date(2020, 1, 1), places=places)],
    }
    fields.update(changes)
    return Service(**fields)  # type: ignore[arg-type]


def _stay(
    id: str,
    start: date,
    end: date | None = None,
    *,
    person: str = "C1",
    service: str = "S1",
) -> Placement:
    return Placement(
        id=id, person=person, service=service, period=Period(start=start, end=end)
    )


def _people() -> list[Person]:
    return [
        Person(id=f"C{i}", birth_date=date(2015, 1, 1), home_municipality=HOMES[i % 3])
        for i in range(10)
    ]


def _reserving(
    places: int,
    for_municipality: str = "B",
    period: Period | None = None,
    service: str = "S1",
) -> Agreement:
    return Agreement(
        id=f"AG-{for_municipality}-{places}",
        kind=AgreementKind.INTER_MUNICIPAL,
        title="places for partners",
        period=period or Period(start=date(2020, 1, 1)),
        services={service},
        reservations=[
            Reservation(
                service=service, for_municipality=for_municipality, places=places
            )
        ],
    )


def test_exactly_full_service_has_no_free_place() -> None:
    registry = Registry(
        services=[_service(places=2)],
        placements=[_stay("PL1", JAN, person="C1"), _stay("PL2", JAN, person="C2")],
    )
    assert registry.capacity("S1", JAN) == 2
    assert registry.occupied("S1", JAN) == 2
    assert registry.free_places("S1", JAN) == 0


def test_one_place_left() -> None:
    registry = Registry(services=[_service(places=2)], placements=[_stay("PL1", JAN)])
    assert registry.free_places("S1", JAN) == 1


def test_placement_ending_on_a_day_and_another_starting_share_one_place() -> None:
    change_over = date(2024, 2, 29)
    registry = Registry(
        services=[_service(places=1)],
        placements=[
            _stay("PL1", JAN, change_over, person="C1"),
            _stay("PL2", change_over, person="C2"),
        ],
    )
    for day in (
        change_over - timedelta(days=1),
        change_over,
        change_over + timedelta(days=1),
    ):
        assert registry.occupied("S1", day) == 1
        assert registry.free_places("S1", day) == 0


def test_placement_no_longer_counts_on_its_end_day() -> None:
    registry = Registry(
        services=[_service()], placements=[_stay("PL1", JAN, date(2024, 3, 1))]
    )
    assert registry.occupied("S1", date(2024, 2, 29)) == 1
    assert registry.occupied("S1", date(2024, 3, 1)) == 0


def test_open_ended_placement_counts_on_every_later_day() -> None:
    registry = Registry(services=[_service()], placements=[_stay("PL1", JAN)])
    assert registry.occupied("S1", date(2023, 12, 31)) == 0
    assert registry.occupied("S1", date(2099, 1, 1)) == 1


def test_empty_placement_takes_no_place() -> None:
    registry = Registry(services=[_service()], placements=[_stay("PL1", JAN, JAN)])
    assert registry.occupied("S1", JAN) == 0


def test_capacity_change_takes_effect_on_its_day() -> None:
    service = _service(
        capacity=[
            CapacityChange(effective=date(2020, 1, 1), places=1),
            CapacityChange(effective=JAN, places=3),
        ]
    )
    registry = Registry(services=[service], placements=[_stay("PL1", date(2023, 6, 1))])
    assert registry.free_places("S1", date(2023, 12, 31)) == 0
    assert registry.free_places("S1", JAN) == 2


def test_service_not_operating_has_no_capacity_and_no_free_place() -> None:
    service = _service(operating=Period(start=date(2020, 1, 1), end=JAN))
    registry = Registry(services=[service])
    assert registry.capacity("S1", JAN) == 0
    assert registry.free_places("S1", JAN) == 0


def test_over_full_service_has_no_free_place_not_a_negative_number() -> None:
    registry = Registry(
        services=[_service(places=1)],
        placements=[_stay(f"PL{i}", JAN, person=f"C{i}") for i in range(3)],
    )
    assert registry.occupied("S1", JAN) == 3
    assert registry.free_places("S1", JAN) == 0


def test_placement_in_an_unknown_service_does_not_disturb_others() -> None:
    registry = Registry(
        services=[_service()], placements=[_stay("PL1", JAN, service="NOWHERE")]
    )
    assert registry.occupied("S1", JAN) == 0
    with pytest.raises(UnknownReferenceError):
        registry.occupied("NOWHERE", JAN)


@pytest.mark.parametrize("query", ["capacity", "occupied", "free_places"])
def test_queries_on_an_unknown_service_raise_a_clear_error(query: str) -> None:
    with pytest.raises(UnknownReferenceError) as caught:
        getattr(Registry(), query)("S9", JAN)
    assert caught.value.id == "S9"


# -- reservations ------------------------------------------------------------------


def test_reserved_places_are_not_free_to_other_municipalities() -> None:
    registry = Registry(services=[_service(places=5)], agreements=[_reserving(2, "B")])
    assert registry.free_places("S1", JAN, home="A") == 3
    assert registry.free_places("S1", JAN, home="B") == 5


def test_asking_without_a_home_leaves_every_held_place_held() -> None:
    registry = Registry(services=[_service(places=5)], agreements=[_reserving(2, "B")])
    assert registry.free_places("S1", JAN) == 3


def test_residents_fill_their_reserved_places_first() -> None:
    registry = Registry(
        services=[_service(places=5)],
        persons=_people(),
        agreements=[_reserving(2, "B")],
        placements=[_stay("PL1", JAN, person="C1")],  # C1 lives in B
    )
    assert registry.free_places("S1", JAN, home="A") == 3  # 5 - 1 taken - 1 still held
    assert registry.free_places("S1", JAN, home="B") == 4


def test_outsiders_do_not_fill_places_held_for_others() -> None:
    registry = Registry(
        services=[_service(places=5)],
        persons=_people(),
        agreements=[_reserving(2, "B")],
        placements=[_stay("PL1", JAN, person="C0")],  # C0 lives in A
    )
    assert registry.free_places("S1", JAN, home="A") == 2
    assert registry.free_places("S1", JAN, home="B") == 4


def test_reservation_holds_places_only_while_its_agreement_runs() -> None:
    running = Period(start=date(2024, 1, 1), end=date(2024, 7, 1))
    registry = Registry(
        services=[_service(places=5)], agreements=[_reserving(2, "B", running)]
    )
    assert registry.free_places("S1", date(2023, 12, 31), home="A") == 5
    assert registry.free_places("S1", date(2024, 6, 30), home="A") == 3
    assert registry.free_places("S1", date(2024, 7, 1), home="A") == 5


def test_reservations_for_one_municipality_add_up() -> None:
    registry = Registry(
        services=[_service(places=5)],
        agreements=[_reserving(1, "B"), _reserving(2, "B")],
    )
    assert registry.free_places("S1", JAN, home="A") == 2


def test_reservations_larger_than_capacity_leave_nothing_free_to_others() -> None:
    registry = Registry(services=[_service(places=2)], agreements=[_reserving(5, "B")])
    assert registry.free_places("S1", JAN, home="A") == 0
    assert registry.free_places("S1", JAN, home="B") == 2


# -- occupancy over a period ---------------------------------------------------------


def test_occupancy_is_a_step_function_over_the_period() -> None:
    registry = Registry(
        services=[_service(places=2)],
        placements=[
            _stay("PL1", date(2024, 1, 10), date(2024, 2, 1), person="C1"),
            _stay("PL2", date(2024, 1, 20), person="C2"),
        ],
    )
    occupancy = registry.occupancy("S1", Period(start=JAN, end=date(2024, 3, 1)))
    assert [(s.period.start, s.period.end, s.occupied) for s in occupancy.steps] == [
        (JAN, date(2024, 1, 10), 0),
        (date(2024, 1, 10), date(2024, 1, 20), 1),
        (date(2024, 1, 20), date(2024, 2, 1), 2),
        (date(2024, 2, 1), date(2024, 3, 1), 1),
    ]
    assert occupancy.peak == 2
    assert occupancy.place_days() == 22 + (12 + 29)  # PL1: 10 Jan-1 Feb; PL2: 20 Jan on
    step = occupancy.on(date(2024, 1, 25))
    assert step is not None
    assert (step.free, step.over_capacity) == (0, 0)
    assert occupancy.on(date(2024, 3, 1)) is None


def test_occupancy_steps_where_capacity_changes() -> None:
    service = _service(
        capacity=[
            CapacityChange(effective=date(2020, 1, 1), places=1),
            CapacityChange(effective=date(2024, 2, 1), places=3),
        ]
    )
    occupancy = Registry(services=[service]).occupancy(
        "S1", Period(start=JAN, end=date(2024, 3, 1))
    )
    assert [(s.period.start, s.capacity) for s in occupancy.steps] == [
        (JAN, 1),
        (date(2024, 2, 1), 3),
    ]


def test_open_ended_occupancy_ends_with_an_open_step() -> None:
    registry = Registry(
        services=[_service()], placements=[_stay("PL1", date(2024, 5, 1))]
    )
    occupancy = registry.occupancy("S1", Period(start=JAN))
    assert occupancy.steps[-1].period == Period(start=date(2024, 5, 1))
    assert occupancy.place_days() is None


# -- properties against a naive day-by-day count -----------------------------------------


def _naive_occupied(stays: list[Placement], service: str, day: date) -> int:
    return sum(1 for p in stays if p.service == service and p.period.contains(day))


@given(placements(), days())
def test_indexed_occupancy_equals_a_naive_count(
    stays: list[Placement], day: date
) -> None:
    registry = Registry(services=[_service("S1"), _service("S2")], placements=stays)
    for service in ("S1", "S2"):
        assert registry.occupied(service, day) == _naive_occupied(stays, service, day)


@given(placements(services=("S1",)), periods())
def test_occupancy_steps_agree_with_point_queries(
    stays: list[Placement], period: Period
) -> None:
    registry = Registry(services=[_service("S1")], placements=stays)
    occupancy = registry.occupancy("S1", period)
    assert occupancy.steps[0].period.start == period.start
    assert occupancy.steps[-1].period.end == period.end
    for before, after in zip(occupancy.steps, occupancy.steps[1:], strict=False):
        assert before.period.end == after.period.start
        assert (before.capacity, before.occupied) != (after.capacity, after.occupied)
    for offset in range(0, WINDOW + 70, 3):
        day = FIRST_DAY + timedelta(days=offset)
        step = occupancy.on(day)
        if not period.contains(day):
            assert step is None
            continue
        assert step is not None
        assert step.occupied == _naive_occupied(stays, "S1", day)


def _naive_free(
    registry: Registry,
    stays: list[Placement],
    agreements: list[Agreement],
    places: int,
    day: date,
    home: str | None,
) -> int:
    homes = {p.id: p.home_municipality for p in _people()}
    taken = [p for p in stays if p.period.contains(day)]
    held: dict[str, int] = {}
    for agreement in agreements:
        if agreement.period.contains(day):
            for reservation in agreement.reservations:
                m = reservation.for_municipality
                held[m] = held.get(m, 0) + reservation.places
    free = places - len(taken)
    for municipality, count in held.items():
        if municipality != home:
            filled = sum(1 for p in taken if homes[p.person] == municipality)
            free -= max(0, count - filled)
    return max(0, free)


_agreements = st.lists(
    st.builds(
        _reserving,
        places=st.integers(0, 4),
        for_municipality=st.sampled_from(HOMES),
        period=periods(),
    ),
    max_size=3,
    unique_by=lambda agreement: agreement.id,
)


@given(
    placements(services=("S1",), max_size=12),
    _agreements,
    st.integers(0, 12),
    days(),
    st.sampled_from((*HOMES, None)),
)
def test_free_places_agree_with_a_naive_reference(
    stays: list[Placement],
    agreements: list[Agreement],
    places: int,
    day: date,
    home: str | None,
) -> None:
    registry = Registry(
        services=[_service("S1", places=places)],
        persons=_people(),
        placements=stays,
        agreements=agreements,
    )
    free = registry.free_places("S1", day, home=home)
    capacity = registry.capacity("S1", day)
    general = registry.free_places("S1", day)
    assert free is not None  # recorded from the start
    assert capacity is not None
    assert general is not None
    assert free == _naive_free(registry, stays, agreements, places, day, home)
    assert 0 <= free <= capacity
    assert general <= free


@given(placements(services=("S1",), max_size=12), _agreements, days())
def test_free_places_never_exceed_what_capacity_leaves(
    stays: list[Placement], agreements: list[Agreement], day: date
) -> None:
    registry = Registry(
        services=[_service("S1", places=6)],
        persons=_people(),
        placements=stays,
        agreements=agreements,
    )
    capacity = registry.capacity("S1", day)
    assert capacity is not None  # recorded from the start
    for home in HOMES:
        free = registry.free_places("S1", day, home=home)
        assert free is not None
        assert free <= max(0, capacity - registry.occupied("S1", day))


def test_window_covers_a_leap_day() -> None:
    assert FIRST_DAY < date(2024, 2, 29) < LAST_DAY
