"""Exits by end reason (EXT02-EXT07) beside EXT01: a hand-computed example at
the edges, and a naive reference on random care histories."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given

from socialservices import EndReason, Period, Person, Placement, Registry
from socialservices.indicators import measure

from .careers import careers
from .test_indicators import PRAVETS, counts, service, stay, world

pytestmark = pytest.mark.properties

YEAR = Period(start=date(2026, 1, 1), end=date(2027, 1, 1))
CODES = ["EXT01", "EXT02", "EXT03", "EXT04", "EXT05", "EXT06", "EXT07"]


def test_exits_by_reason_and_on_coming_of_age() -> None:
    def child(id: str, born: date = date(2015, 1, 1)) -> Person:
        return Person(id=id, birth_date=born, home_municipality=PRAVETS)

    since = date(2020, 1, 1)
    registry = world(
        [service("S-A", PRAVETS)],
        [child(c) for c in "ABCDEF"]
        + [child("G", date(2008, 6, 1)), child("H", date(2008, 6, 1))]
        + [child("I", date(1990, 1, 1))],
        [
            stay(
                "A1",
                "A",
                "S-A",
                since,
                date(2026, 3, 1),
                end_reason=EndReason.RETURNED_TO_FAMILY,
            ),
            stay(
                "B1",
                "B",
                "S-A",
                since,
                date(2026, 3, 1),
                end_reason=EndReason.PLACED_WITH_RELATIVES,
            ),
            stay(
                "C1",
                "C",
                "S-A",
                since,
                date(2026, 3, 1),
                end_reason=EndReason.FOSTER_FAMILY,
            ),
            stay(
                "D1", "D", "S-A", since, date(2026, 3, 1), end_reason=EndReason.ADOPTED
            ),
            stay(
                "E1",
                "E",
                "S-A",
                since,
                date(2026, 3, 1),
                end_reason=EndReason.CONTINUES,
            ),
            stay("F1", "F", "S-A", since, date(2026, 3, 1)),  # no reason: unknown
            # G turns 18 on the day the placement ends: left at 18
            stay(
                "G1",
                "G",
                "S-A",
                since,
                date(2026, 6, 1),
                end_reason=EndReason.INDEPENDENT_LIVING,
            ),
            # H leaves the day before, at 17
            stay(
                "H1",
                "H",
                "S-A",
                since,
                date(2026, 5, 31),
                end_reason=EndReason.INDEPENDENT_LIVING,
            ),
            # I was an adult when placed: no coming of age
            stay("I1", "I", "S-A", since, date(2026, 3, 1), end_reason=EndReason.OTHER),
        ],
    )
    found = counts(measure(registry, period=YEAR, indicators=CODES))
    assert found == {
        ("EXT01", None): (3, 7, 1),  # home, relatives, adoption of 7 exits
        ("EXT02", None): (1, 7, 1),
        ("EXT03", None): (1, 7, 1),
        ("EXT04", None): (1, 7, 1),
        ("EXT05", None): (1, 7, 1),
        ("EXT06", None): (2, 7, 1),
        ("EXT07", None): (1, 7, 1),
    }


def _naive_exits(registry: Registry, period: Period) -> dict[str, tuple[int, int, int]]:
    persons = {p.id: p for p in registry.persons}
    wanted: dict[str, Callable[[EndReason, Placement], bool]] = {
        "EXT01": lambda r, p: r.is_exit_to_family,
        "EXT02": lambda r, p: r is EndReason.RETURNED_TO_FAMILY,
        "EXT03": lambda r, p: r is EndReason.PLACED_WITH_RELATIVES,
        "EXT04": lambda r, p: r is EndReason.FOSTER_FAMILY,
        "EXT05": lambda r, p: r is EndReason.ADOPTED,
        "EXT06": lambda r, p: r is EndReason.INDEPENDENT_LIVING,
        "EXT07": lambda r, p: (
            persons[p.person].age_on(p.period.start)
            < 18
            <= persons[p.person].age_on(p.period.end or p.period.start)
        ),
    }
    found = {}
    for code, test in wanted.items():
        numerator = denominator = unknown = 0
        for p in registry.placements:
            if p.period.end is None or not period.contains(
                p.period.end - timedelta(days=1)
            ):
                continue
            if p.end_reason is None:
                unknown += 1
            elif p.end_reason is not EndReason.CONTINUES:
                denominator += 1
                numerator += bool(test(p.end_reason, p))
        found[code] = (numerator, denominator, unknown)
    return found


@given(careers())
def test_exits_agree_with_reading_each_placement(registry: Registry) -> None:
    period = Period(start=date(2022, 1, 1), end=date(2025, 1, 1))
    found = counts(measure(registry, period=period, indicators=CODES))
    assert {code: total for (code, _), total in found.items()} == _naive_exits(
        registry, period
    )
