"""Queries given the wrong kind of argument say so, by name; no bare TypeError."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from socialservices import (
    Eligibility,
    InvalidValueError,
    Period,
    UnknownReferenceError,
    age_on,
)
from socialservices.examples import SCENARIO_DATE, sofia_oblast

REGISTRY = sofia_oblast()
SERVICE = "S-PRAVETS-FTPC"
YEAR = Period(start=date(2026, 1, 1), end=date(2027, 1, 1))

CALLS: dict[str, Callable[[object], object]] = {
    "Period.contains": lambda bad: YEAR.contains(bad),  # type: ignore[arg-type]
    "Period.overlaps": lambda bad: YEAR.overlaps(bad),  # type: ignore[arg-type]
    "age_on": lambda bad: age_on(date(2015, 1, 1), bad),  # type: ignore[arg-type]
    "Service.capacity_on": lambda bad: REGISTRY.service(SERVICE).capacity_on(bad),  # type: ignore[arg-type]
    "Registry.capacity": lambda bad: REGISTRY.capacity(SERVICE, bad),  # type: ignore[arg-type]
    "Registry.occupied": lambda bad: REGISTRY.occupied(SERVICE, bad),  # type: ignore[arg-type]
    "Registry.free_places": lambda bad: REGISTRY.free_places(SERVICE, bad),  # type: ignore[arg-type]
    "Registry.occupancy": lambda bad: REGISTRY.occupancy(SERVICE, bad),  # type: ignore[arg-type]
    "Occupancy.on": lambda bad: REGISTRY.occupancy(SERVICE, YEAR).on(bad),  # type: ignore[arg-type]
    "Eligibility.check": lambda bad: Eligibility().check(bad, on=SCENARIO_DATE),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
@pytest.mark.parametrize("bad", ["2026-11-02", None, 20261102, datetime(2026, 11, 2)])
def test_wrong_argument_is_an_invalid_value(
    call: Callable[[object], object], bad: object
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        call(bad)
    assert caught.value.code == "wrong_type"
    assert caught.value.value is bad


@pytest.mark.parametrize("bad", [None, 7, ["S1"], {"id": "S1"}])
def test_unusable_ids_are_unknown_references(bad: object) -> None:
    with pytest.raises(UnknownReferenceError):
        REGISTRY.free_places(bad, SCENARIO_DATE)  # type: ignore[arg-type]
    with pytest.raises(UnknownReferenceError):
        REGISTRY.geography.proximity(bad, "SFO34")  # type: ignore[arg-type]
