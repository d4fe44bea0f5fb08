"""Every rule of the default catalogue: the smallest case that triggers it, the
nearest case that does not.

The small world and the breaking changes are the ones
:func:`socialservices.strategies.broken_registries` builds on; the near misses
are the tests' own.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from socialservices import (
    DEFAULT_RULES,
    CapacityCeiling,
    CapacityChange,
    EndReason,
    Municipality,
    Party,
    PartyKind,
    Period,
    Person,
    PlacementRequest,
    Registry,
    validate,
)
from socialservices.strategies._broken import (
    _CONTRACT_UNTIL_2024,
    _SECOND_CONTRACT,
    ANY_CHILD,
    BREAKS,
    DAY_CENTRE,
    ON,
    START,
    Change,
    _fill,
    _holding,
    _in_m3,
    _licence_period,
    _memorandum,
    _siblings_apart,
    adding,
    both,
    child,
    placement,
    replacing,
)
from socialservices.strategies._broken import small_world as world

# code: the nearest change to the small world that does not break the rule
NEAR_MISSES: dict[str, Change] = {
    "REF001": adding(persons=[child("C1b", born=date(2011, 1, 1))]),
    "REF002": replacing("services", "S-RES-M1", provider="P-M3"),
    "REF003": replacing("services", "S-RES-M1", type="DAY"),
    "REF004": replacing("services", "S-RES-M1", municipality="M3"),
    "REF005": _in_m3("C9", date(2012, 1, 1)),
    "REF006": _in_m3("C9", date(2012, 1, 1)),
    "REF007": replacing("persons", "C1", home_municipality="M2"),
    "REF008": adding(
        agreements=[_memorandum(parties=[Party(kind=PartyKind.MUNICIPALITY, id="M3")])]
    ),
    "REF009": adding(agreements=[_memorandum(services={"S-RES-M3"})]),
    "REF010": adding(agreements=[_holding(1)]),
    "REF011": adding(agreements=[_holding(1, home="M2")]),
    "REF012": adding(
        requests=[PlacementRequest(id="R1", persons=["C1"], requested_on=ON)]
    ),
    "REF013": lambda registry: attrs.evolve(
        registry,
        geography=attrs.evolve(
            registry.geography,
            municipalities=[
                *registry.geography.municipalities,
                Municipality(code="M4", name="Found", region="R2"),
            ],
        ),
    ),
    "REF014": adding(
        ceilings=[CapacityCeiling(area="M1", service_type="RES", max_users=9)]
    ),
    "PER001": _in_m3(
        "C9", date(2012, 1, 1), start=date(2022, 1, 1), end=date(2022, 1, 2)
    ),
    "PER002": _in_m3("C9", date(2017, 12, 31), start=date(2022, 1, 1)),
    "PER003": _in_m3("C9", date(2012, 1, 1), start=date(2020, 1, 1)),
    "PER004": replacing(
        "services",
        "S-RES-M3",
        capacity=[
            CapacityChange(effective=date(2020, 1, 1), places=3),
            CapacityChange(effective=date(2020, 6, 1), places=3),
        ],
    ),
    "PER005": _in_m3(  # left on the day of death: how a death in care is recorded
        "C9", date(2012, 1, 1), end=date(2022, 1, 1), died=date(2022, 1, 1)
    ),
    "PLC001": both(
        replacing(
            "placements",
            "PL4",
            period=Period(start=START, end=date(2022, 1, 1)),
            end_reason=EndReason.TRANSFERRED,
        ),
        adding(placements=[placement("PL9", "C4", "S-RES-M3", date(2022, 1, 1))]),
    ),
    "PLC002": both(
        adding(services=[DAY_CENTRE]), _in_m3("C9", date(2016, 1, 4), at="S-DAY-M3")
    ),
    "PLC003": both(
        adding(services=[DAY_CENTRE]), _in_m3("C9", date(2010, 1, 5), at="S-DAY-M3")
    ),
    "PLC004": _in_m3("C9", date(2012, 1, 1), target_groups={"children", "disabled"}),
    "PLC005": _in_m3("C9", date(2012, 1, 1)),
    "PLC006": _in_m3(
        "C9", date(2003, 1, 5), start=date(2020, 6, 1), end=date(2021, 1, 5)
    ),
    "PLC007": adding(
        persons=[Person(id="C9", birth_date=date(2003, 1, 4), home_municipality="M1")],
        placements=[placement("PL9", "C9", "S-ADU-M1")],
    ),
    "PLC008": replacing(
        "placements",
        "PL4",
        period=Period(start=START, end=date(2022, 1, 1)),
        end_reason=EndReason.ADOPTED,
    ),
    "PLC009": replacing(
        "placements",
        "PL4",
        period=Period(start=START, end=date(2022, 1, 1)),
        end_reason=EndReason.ADOPTED,
    ),
    "PLC010": replacing("placements", "PL4", measure=None),
    "CAP001": _fill(("C8", "M3", "S-RES-M3"), ("C9", "M3", "S-RES-M3")),
    "CAP002": adding(
        ceilings=[CapacityCeiling(area="R2", service_type="RES", max_users=3)]
    ),
    "CAP003": adding(agreements=[_holding(3)]),
    "CAP004": replacing(  # recorded from a later day: unknown before, not unrecorded
        "services",
        "S-ADU-M1",
        capacity=[CapacityChange(effective=date(2024, 1, 1), places=2)],
    ),
    "LOC001": _fill(
        ("C7", "M2", "S-RES-M2"), ("C8", "M1", "S-RES-M1"), ("C9", "M1", "S-RES-M3")
    ),
    "LOC002": _fill(("C8", "M1", "S-RES-M1"), ("C9", "M1", "S-RES-M2")),
    "AGR001": replacing("agreements", "A-NGO", period=Period(start=date(2020, 1, 1))),
    "AGR002": both(_CONTRACT_UNTIL_2024, adding(agreements=[_SECOND_CONTRACT])),
    "AGR003": both(_CONTRACT_UNTIL_2024, adding(agreements=[_SECOND_CONTRACT])),
    "LIC001": _licence_period(
        Period(start=date(2020, 7, 1))
    ),  # the Social Services Act requires licences from 1 July 2020
    "LIC002": _licence_period(Period(start=date(2020, 1, 1), end=date(2027, 2, 3))),
    "CHD001": both(
        replacing("services", "S-RES-M3", eligibility=ANY_CHILD),
        _in_m3("C9", date(2019, 6, 1), needs={"constant-medical-care"}),
    ),
    "CHD002": replacing(
        "services",
        "S-FOS-M2",
        capacity=[CapacityChange(effective=date(2020, 1, 1), places=1)],
    ),
    "SIB001": _siblings_apart(1),
}


def _codes(registry: Registry) -> set[str]:
    return {finding.code for finding in validate(registry, on=ON)}


def test_the_clean_world_has_no_finding() -> None:
    assert validate(world(), on=ON).findings == ()
    assert validate(world()).findings == ()


def test_every_rule_has_a_break_and_a_near_miss() -> None:
    codes = {rule.code for rule in DEFAULT_RULES}
    assert set(BREAKS) == set(NEAR_MISSES) == codes


@pytest.mark.parametrize("code", sorted(BREAKS))
def test_the_smallest_breaking_case_finds_only_its_code(code: str) -> None:
    assert _codes(BREAKS[code](world())) == {code}


@pytest.mark.parametrize("code", sorted(NEAR_MISSES))
def test_the_nearest_case_does_not_find_the_code(code: str) -> None:
    assert code not in _codes(NEAR_MISSES[code](world()))
