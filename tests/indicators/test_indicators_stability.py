"""Stability (STB01-STB03, MOV01): hand-computed examples at their edges, and
a naive day-by-day reference on random registries."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from socialservices import EndReason, Measure, Period, Person, Placement, Registry
from socialservices.indicators import measure
from socialservices.strategies import registries

from .careers import careers
from .test_indicators import ON, PRAVETS, counts, service, stay, world

pytestmark = pytest.mark.properties

DAY = timedelta(days=1)
YEAR_AGO = ON - relativedelta(years=1) + DAY  # the first day of the year ending ON


def child(id: str, born: date = date(2015, 1, 1)) -> Person:
    return Person(id=id, birth_date=born, home_municipality=PRAVETS)


SERVICES = [service("S-A", PRAVETS), service("S-B", PRAVETS), service("S-C", PRAVETS)]


def test_three_placements_in_the_year_and_in_two_years() -> None:
    registry = world(
        SERVICES,
        [child(c) for c in "ABCDF"] + [child("E", ON - relativedelta(years=18))],
        [
            # A: three placements, the first ending inside the year
            stay("A1", "A", "S-A", ON - timedelta(days=400), YEAR_AGO + DAY),
            stay("A2", "A", "S-B", YEAR_AGO + DAY, ON - timedelta(days=10)),
            stay("A3", "A", "S-A", ON - timedelta(days=10)),
            # B: the first ends on the year's first day: its last day is before it
            stay("B1", "B", "S-A", ON - timedelta(days=500), YEAR_AGO),
            stay("B2", "B", "S-B", YEAR_AGO, ON - timedelta(days=5)),
            stay("B3", "B", "S-C", ON - timedelta(days=5)),
            # C: a new episode in the same service is no new placement
            stay(
                "C1",
                "C",
                "S-A",
                ON - timedelta(days=90),
                ON - timedelta(days=60),
                end_reason=EndReason.CONTINUES,
            ),
            stay("C2", "C", "S-A", ON - timedelta(days=60), ON - timedelta(days=30)),
            stay("C3", "C", "S-B", ON - timedelta(days=30)),
            # D: the stay ends on the day: not in care then
            stay("D1", "D", "S-A", ON - timedelta(days=90), ON - timedelta(days=60)),
            stay("D2", "D", "S-B", ON - timedelta(days=60), ON - timedelta(days=30)),
            stay("D3", "D", "S-C", ON - timedelta(days=30), ON),
            # E: 18 on the day, not a child
            stay("E1", "E", "S-A", ON - timedelta(days=90), ON - timedelta(days=60)),
            stay("E2", "E", "S-B", ON - timedelta(days=60), ON - timedelta(days=30)),
            stay("E3", "E", "S-C", ON - timedelta(days=30)),
            # F: a time with the parents, in no service, is a placement
            stay("F1", "F", "S-A", ON - timedelta(days=90), ON - timedelta(days=60)),
            stay(
                "F2",
                "F",
                None,
                ON - timedelta(days=60),
                ON - timedelta(days=30),
                measure=Measure.WITH_PARENTS,
            ),
            stay("F3", "F", "S-A", ON - timedelta(days=30)),
        ],
    )
    found = counts(measure(registry, on=ON, indicators=["STB01", "STB02"]))
    assert found == {("STB01", None): (2, 4, 0), ("STB02", None): (3, 4, 0)}


def _long_term(
    on: date, placements: list[Placement], born: dict[str, date]
) -> tuple[int, int, int]:
    registry = world(
        SERVICES,
        [child(id, birth) for id, birth in born.items()],
        placements,
    )
    ((_, found),) = counts(measure(registry, on=on, indicators=["STB03"])).items()
    return found


def test_long_term_stability_counts_exactly_two_and_a_half_years() -> None:
    care = ON - relativedelta(years=2, months=6)
    placed = ON - relativedelta(years=2)
    born = {c: date(2015, 1, 1) for c in "GHJKL"} | {"I": ON - relativedelta(years=16)}
    found = _long_term(
        ON,
        [
            stay("G1", "G", "S-A", care),  # exactly 2.5 years, one placement
            stay("H1", "H", "S-A", care + DAY),  # a day short: not counted
            stay("I1", "I", "S-A", care - timedelta(days=900)),  # 16 on the day
            stay("J1", "J", "S-A", ON - relativedelta(years=3), placed),
            stay("J2", "J", "S-B", placed),  # the same placement exactly 2 years
            stay("K1", "K", "S-A", ON - relativedelta(years=3), placed + DAY),
            stay("K2", "K", "S-B", placed + DAY),  # a day short of 2 years
            stay("L1", "L", "S-A", ON - relativedelta(years=4), placed),
            stay("L2", "L", "S-B", placed + DAY),  # a day out of care: care began again
        ],
        born,
    )
    assert found == (2, 3, 0)  # G and J of G, J and K


def test_long_term_stability_on_29_february() -> None:
    on = date(2028, 2, 29)
    assert on - relativedelta(years=2, months=6) == date(2025, 8, 29)
    assert on - relativedelta(years=2) == date(2026, 2, 28)
    found = _long_term(
        on,
        [
            stay("M1", "M", "S-A", date(2025, 8, 29), date(2026, 2, 28)),
            stay("M2", "M", "S-B", date(2026, 2, 28)),  # two years on 29 February
            stay("N1", "N", "S-A", date(2025, 8, 29), date(2026, 3, 1)),
            stay("N2", "N", "S-B", date(2026, 3, 1)),
        ],
        {"M": date(2016, 2, 29), "N": date(2012, 3, 1)},  # N turns 16 the day after
    )
    assert found == (1, 2, 0)


def test_moves_per_1000_days_of_children_entering_care() -> None:
    year = Period(start=date(2026, 1, 1), end=date(2027, 1, 1))
    registry = world(
        SERVICES,
        [child(c) for c in "MNOPS"] + [child("R", date(2008, 1, 1))],
        [
            # M: enters 1 March, moves on 11 March and on the period's last day
            stay("M1", "M", "S-A", date(2026, 3, 1), date(2026, 3, 11)),
            stay("M2", "M", "S-B", date(2026, 3, 11), date(2026, 12, 31)),
            stay("M3", "M", "S-A", date(2026, 12, 31)),
            # N: entered before the period
            stay("N1", "N", "S-A", date(2025, 12, 31), date(2026, 2, 1)),
            stay("N2", "N", "S-B", date(2026, 2, 1)),
            # O: seven days in care: left out; P: eight days: counted
            stay("O1", "O", "S-A", date(2026, 5, 1), date(2026, 5, 8)),
            stay("P1", "P", "S-A", date(2026, 6, 1), date(2026, 6, 9)),
            # S: a new episode in the same service is no move
            stay(
                "S1",
                "S",
                "S-A",
                date(2026, 4, 1),
                date(2026, 7, 1),
                end_reason=EndReason.CONTINUES,
            ),
            stay("S2", "S", "S-A", date(2026, 7, 1), date(2026, 9, 1)),
            # R: 18 when care began
            stay("R1", "R", "S-A", date(2026, 2, 1), date(2026, 3, 1)),
            stay("R2", "R", "S-B", date(2026, 3, 1)),
        ],
    )
    (only,) = measure(registry, period=year, indicators=["MOV01"])
    assert (only.numerator, only.denominator, only.unknown) == (2, 306 + 8 + 153, 0)
    assert only.scale == 1000
    assert only.value == pytest.approx(2 * 1000 / 467)


# -- against a naive reference ------------------------------------------------------

WINDOW_START, WINDOW_END = date(2015, 1, 1), date(2028, 1, 1)


def _in_care_days(registry: Registry, person: str) -> set[date]:
    days: set[date] = set()
    for p in registry.placements:
        if p.person == person:
            day = max(p.period.start, WINDOW_START)
            end = min(p.period.end or WINDOW_END, WINDOW_END)
            while day < end:
                days.add(day)
                day += DAY
    return days


def _key(p: Placement) -> object:
    return p.service if p.service is not None else p.measure


def _continues(registry: Registry, p: Placement) -> bool:
    """Whether ``p`` continues a placement of the same person and key."""
    return any(
        q.person == p.person
        and q.id != p.id
        and _key(q) == _key(p)
        and q.period.end == p.period.start
        for q in registry.placements
    )


def _naive_moves(registry: Registry, period: Period) -> tuple[int, int, int]:
    assert period.end is not None
    moves = days = 0
    for person in registry.persons:
        care = _in_care_days(registry, person.id)
        for entry in sorted(
            d for d in care if period.contains(d) and d - DAY not in care
        ):
            if person.age_on(entry) >= 18:
                continue
            length = 0
            while entry + timedelta(days=length) in care and length < 8:
                length += 1
            if length < 8:
                continue
            day = entry
            while day < period.end and day in care:
                days += 1
                day += DAY
            moves += sum(
                1
                for p in registry.placements
                if p.person == person.id
                and entry < p.period.start < day
                and not _continues(registry, p)
            )
    return moves, days, 0


def _plain(registry: Registry) -> bool:
    """No person in two placements on one day (the naive moves need it)."""
    by_person: dict[str, list[Placement]] = {}
    for p in registry.placements:
        by_person.setdefault(p.person, []).append(p)
    return all(
        not a.period.overlaps(b.period)
        for found in by_person.values()
        for i, a in enumerate(found)
        for b in found[i + 1 :]
    )


@given(st.one_of(careers(), registries(max_placements=12, max_services=3)))
def test_moves_agree_with_walking_day_by_day(registry: Registry) -> None:
    period = Period(start=date(2024, 1, 1), end=date(2025, 1, 1))
    if not _plain(registry):
        registry = attrs.evolve(registry, placements=registry.placements[:1])
    ((_, found),) = counts(
        measure(registry, period=period, indicators=["MOV01"])
    ).items()
    assert found == _naive_moves(registry, period)


def _naive_stability(registry: Registry, on: date) -> dict[str, tuple[int, int, int]]:
    three = {1: [0, 0], 2: [0, 0]}
    long_term = [0, 0]
    for person in registry.persons:
        care = _in_care_days(registry, person.id)
        if on not in care or person.age_on(on) >= 18:
            continue
        mine = [p for p in registry.placements if p.person == person.id]
        for years in (1, 2):
            first = on - relativedelta(years=years) + DAY
            during = [
                p
                for p in mine
                if p.period.start <= on
                and (p.period.end is None or p.period.end > first)
            ]
            placements = sum(
                1
                for p in during
                if not (_continues(registry, p) and p.period.start > first)
            )
            three[years][0] += placements >= 3
            three[years][1] += 1
        if person.age_on(on) >= 16:
            continue
        began = on
        while began - DAY in care:
            began -= DAY
        if began > on - relativedelta(years=2, months=6):
            continue
        (now,) = [p for p in mine if p.is_active_on(on)]
        start = now.period.start
        while True:
            before = [q for q in mine if _key(q) == _key(now) and q.period.end == start]
            if not before:
                break
            start = before[0].period.start
        long_term[0] += start <= on - relativedelta(years=2)
        long_term[1] += 1
    return {
        "STB01": (three[1][0], three[1][1], 0),
        "STB02": (three[2][0], three[2][1], 0),
        "STB03": (long_term[0], long_term[1], 0),
    }


@given(
    st.one_of(careers(), registries(max_placements=12, max_services=3)),
    st.dates(date(2019, 1, 1), date(2027, 12, 31)),
)
def test_stability_agrees_with_walking_day_by_day(registry: Registry, on: date) -> None:
    if not _plain(registry):
        registry = attrs.evolve(registry, placements=registry.placements[:1])
    found = counts(measure(registry, on=on, indicators=["STB01", "STB02", "STB03"]))
    assert {code: total for (code, _), total in found.items()} == _naive_stability(
        registry, on
    )
