"""Every rule of the default catalogue: the smallest case that triggers it, the
nearest case that does not, and the catalogue's own promises."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from socialservices import (
    DEFAULT_RULES,
    Agreement,
    AgreementKind,
    CapacityCeiling,
    CapacityChange,
    EndReason,
    Measure,
    Municipality,
    Party,
    PartyKind,
    Period,
    Person,
    PlacementRequest,
    Registry,
    Reservation,
    validate,
)

from .validation_world import (
    ANY_CHILD,
    CONTRACT,
    NGO_LICENCE,
    ON,
    START,
    Change,
    adding,
    both,
    child,
    placement,
    replacing,
    service,
    world,
)

DAY_CENTRE = service(
    "S-DAY-M3", "DAY", "M3",
    eligibility=attrs.evolve(ANY_CHILD, min_age=5, max_age=10),
)  # fmt: skip


def _memorandum(**fields: object) -> Agreement:
    base = {
        "id": "A-X",
        "kind": AgreementKind.MEMORANDUM,
        "title": "Memorandum",
        "period": Period(start=date(2022, 1, 1)),
    }
    return Agreement(**{**base, **fields})  # type: ignore[arg-type]


def _holding(places: int, service: str = "S-RES-M3", home: str = "M2") -> Agreement:
    return _memorandum(
        kind=AgreementKind.INTER_MUNICIPAL,
        services={"S-RES-M3"},
        reservations=[
            Reservation(service=service, for_municipality=home, places=places)
        ],
    )


def _in_m3(id: str, born: date, *, at: str = "S-RES-M3", start: date = START,
           end: date | None = None, **person: object) -> Change:  # fmt: skip
    """Add a person from M3 and their placement."""
    return adding(
        persons=[child(id, home="M3", born=born, **person)],
        placements=[placement(f"PL-{id}", id, at, start, end)],
    )


def _licence_period(period: Period) -> Change:
    return replacing(
        "providers", "P-NGO", licences=[attrs.evolve(NGO_LICENCE, period=period)]
    )


def _fill(*ids_and_services: tuple[str, str, str]) -> Change:
    """Add children (id, home, service) placed on the world's start date."""
    return adding(
        persons=[child(id, home=home) for id, home, _ in ids_and_services],
        placements=[
            placement(f"PL-{id}", id, at, START) for id, _, at in ids_and_services
        ],
    )


_SECOND_CONTRACT = attrs.evolve(
    CONTRACT, id="A-NGO-2", period=Period(start=date(2024, 1, 1))
)
_CONTRACT_UNTIL_2024 = replacing(
    "agreements", "A-NGO", period=Period(start=date(2020, 1, 1), end=date(2024, 1, 1))
)
_SIBLINGS = [
    child("C8", sibling_group="G"),
    child("C9", sibling_group="G"),
]


def _siblings_apart(places_next_door: int) -> Change:
    return adding(
        services=[service("S-RES2-M2", "RES", "M2", places=places_next_door)],
        persons=_SIBLINGS,
        placements=[
            placement("PL-C8", "C8", "S-RES-M1"),
            placement("PL-C9", "C9", "S-RES-M2"),
        ],
    )


# code: (the smallest change that triggers the rule, the nearest that does not)
CASES: dict[str, tuple[Change, Change]] = {
    "REF001": (
        adding(persons=[child("C1", born=date(2011, 1, 1))]),
        adding(persons=[child("C1b", born=date(2011, 1, 1))]),
    ),
    "REF002": (
        replacing("services", "S-RES-M1", provider="P-X"),
        replacing("services", "S-RES-M1", provider="P-M3"),
    ),
    "REF003": (
        replacing("services", "S-RES-M1", type="XYZ"),
        replacing("services", "S-RES-M1", type="DAY"),
    ),
    "REF004": (
        replacing("services", "S-RES-M1", municipality="M9"),
        replacing("services", "S-RES-M1", municipality="M3"),
    ),
    "REF005": (
        adding(placements=[placement("PL9", "GHOST", "S-RES-M3")]),
        _in_m3("C9", date(2012, 1, 1)),
    ),
    "REF006": (
        _in_m3("C9", date(2012, 1, 1), at="S-NONE"),
        _in_m3("C9", date(2012, 1, 1)),
    ),
    "REF007": (
        replacing("persons", "C1", home_municipality="M9"),
        replacing("persons", "C1", home_municipality="M2"),
    ),
    "REF008": (
        adding(
            agreements=[
                _memorandum(parties=[Party(kind=PartyKind.MUNICIPALITY, id="M9")])
            ]
        ),
        adding(
            agreements=[
                _memorandum(parties=[Party(kind=PartyKind.MUNICIPALITY, id="M3")])
            ]
        ),
    ),
    "REF009": (
        adding(agreements=[_memorandum(services={"S-NONE"})]),
        adding(agreements=[_memorandum(services={"S-RES-M3"})]),
    ),
    "REF010": (
        adding(agreements=[_holding(1, service="S-NONE")]),
        adding(agreements=[_holding(1)]),
    ),
    "REF011": (
        adding(agreements=[_holding(1, home="M9")]),
        adding(agreements=[_holding(1, home="M2")]),
    ),
    "REF012": (
        adding(
            requests=[PlacementRequest(id="R1", persons=["GHOST"], requested_on=ON)]
        ),
        adding(requests=[PlacementRequest(id="R1", persons=["C1"], requested_on=ON)]),
    ),
    "REF013": (
        lambda registry: attrs.evolve(
            registry,
            geography=attrs.evolve(
                registry.geography,
                municipalities=[
                    *registry.geography.municipalities,
                    Municipality(code="M4", name="Lost", region="R9"),
                ],
            ),
        ),
        lambda registry: attrs.evolve(
            registry,
            geography=attrs.evolve(
                registry.geography,
                municipalities=[
                    *registry.geography.municipalities,
                    Municipality(code="M4", name="Found", region="R2"),
                ],
            ),
        ),
    ),
    "REF014": (
        adding(ceilings=[CapacityCeiling(area="M9", service_type="RES", max_users=9)]),
        adding(ceilings=[CapacityCeiling(area="M1", service_type="RES", max_users=9)]),
    ),
    "PER001": (
        _in_m3("C9", date(2012, 1, 1), start=date(2022, 1, 1), end=date(2022, 1, 1)),
        _in_m3("C9", date(2012, 1, 1), start=date(2022, 1, 1), end=date(2022, 1, 2)),
    ),
    "PER002": (
        _in_m3("C9", date(2022, 6, 1), start=date(2022, 1, 1)),
        _in_m3("C9", date(2017, 12, 31), start=date(2022, 1, 1)),
    ),
    "PER003": (
        _in_m3("C9", date(2012, 1, 1), start=date(2019, 12, 31)),
        _in_m3("C9", date(2012, 1, 1), start=date(2020, 1, 1)),
    ),
    "PER004": (
        replacing(
            "services",
            "S-RES-M3",
            capacity=[
                CapacityChange(effective=date(2019, 6, 1), places=3),
                CapacityChange(effective=date(2020, 1, 1), places=3),
            ],
        ),
        replacing(
            "services",
            "S-RES-M3",
            capacity=[
                CapacityChange(effective=date(2020, 1, 1), places=3),
                CapacityChange(effective=date(2020, 6, 1), places=3),
            ],
        ),
    ),
    "PLC001": (
        adding(placements=[placement("PL9", "C4", "S-RES-M3", date(2022, 1, 1))]),
        both(
            replacing(
                "placements",
                "PL4",
                period=Period(start=START, end=date(2022, 1, 1)),
                end_reason=EndReason.TRANSFERRED,
            ),
            adding(placements=[placement("PL9", "C4", "S-RES-M3", date(2022, 1, 1))]),
        ),
    ),
    "PLC002": (
        both(
            adding(services=[DAY_CENTRE]), _in_m3("C9", date(2016, 1, 5), at="S-DAY-M3")
        ),
        both(
            adding(services=[DAY_CENTRE]), _in_m3("C9", date(2016, 1, 4), at="S-DAY-M3")
        ),
    ),
    "PLC003": (
        both(
            adding(services=[DAY_CENTRE]), _in_m3("C9", date(2010, 1, 4), at="S-DAY-M3")
        ),
        both(
            adding(services=[DAY_CENTRE]), _in_m3("C9", date(2010, 1, 5), at="S-DAY-M3")
        ),
    ),
    "PLC004": (
        _in_m3("C9", date(2012, 1, 1), target_groups={"disabled"}),
        _in_m3("C9", date(2012, 1, 1), target_groups={"children", "disabled"}),
    ),
    "PLC005": (
        _in_m3("C9", date(2012, 1, 1), needs={"constant-medical-care"}),
        _in_m3("C9", date(2012, 1, 1)),
    ),
    "PLC006": (
        _in_m3("C9", date(2003, 1, 5), start=date(2020, 6, 1), end=date(2021, 1, 6)),
        _in_m3("C9", date(2003, 1, 5), start=date(2020, 6, 1), end=date(2021, 1, 5)),
    ),
    "PLC007": (
        adding(
            persons=[
                Person(id="C9", birth_date=date(2003, 1, 5), home_municipality="M1")
            ],
            placements=[placement("PL9", "C9", "S-ADU-M1")],
        ),
        adding(
            persons=[
                Person(id="C9", birth_date=date(2003, 1, 4), home_municipality="M1")
            ],
            placements=[placement("PL9", "C9", "S-ADU-M1")],
        ),
    ),
    "PLC008": (
        replacing(
            "placements", "PL4", period=Period(start=START, end=date(2022, 1, 1))
        ),
        replacing(
            "placements",
            "PL4",
            period=Period(start=START, end=date(2022, 1, 1)),
            end_reason=EndReason.ADOPTED,
        ),
    ),
    "PLC009": (
        replacing("placements", "PL4", end_reason=EndReason.ADOPTED),
        replacing(
            "placements",
            "PL4",
            period=Period(start=START, end=date(2022, 1, 1)),
            end_reason=EndReason.ADOPTED,
        ),
    ),
    "PLC010": (
        replacing("placements", "PL4", measure=Measure.FOSTER_FAMILY),
        replacing("placements", "PL4", measure=None),
    ),
    "CAP001": (
        _fill(
            ("C7", "M3", "S-RES-M3"), ("C8", "M3", "S-RES-M3"), ("C9", "M3", "S-RES-M3")
        ),
        _fill(("C8", "M3", "S-RES-M3"), ("C9", "M3", "S-RES-M3")),
    ),
    "CAP002": (
        adding(ceilings=[CapacityCeiling(area="R2", service_type="RES", max_users=2)]),
        adding(ceilings=[CapacityCeiling(area="R2", service_type="RES", max_users=3)]),
    ),
    "CAP003": (
        adding(agreements=[_holding(4)]),
        adding(agreements=[_holding(3)]),
    ),
    "LOC001": (
        _fill(("C9", "M1", "S-RES-M3")),
        _fill(
            ("C7", "M2", "S-RES-M2"), ("C8", "M1", "S-RES-M1"), ("C9", "M1", "S-RES-M3")
        ),
    ),
    "LOC002": (
        _fill(("C9", "M1", "S-RES-M2")),
        _fill(("C8", "M1", "S-RES-M1"), ("C9", "M1", "S-RES-M2")),
    ),
    "AGR001": (
        replacing("agreements", "A-NGO", period=Period(start=date(2020, 1, 2))),
        replacing("agreements", "A-NGO", period=Period(start=date(2020, 1, 1))),
    ),
    "AGR002": (
        adding(agreements=[_SECOND_CONTRACT]),
        both(_CONTRACT_UNTIL_2024, adding(agreements=[_SECOND_CONTRACT])),
    ),
    "AGR003": (
        _CONTRACT_UNTIL_2024,
        both(_CONTRACT_UNTIL_2024, adding(agreements=[_SECOND_CONTRACT])),
    ),
    "LIC001": (  # the Social Services Act requires licences from 1 July 2020
        _licence_period(Period(start=date(2020, 7, 2))),
        _licence_period(Period(start=date(2020, 7, 1))),
    ),
    "LIC002": (
        _licence_period(Period(start=date(2020, 1, 1), end=date(2027, 2, 2))),
        _licence_period(Period(start=date(2020, 1, 1), end=date(2027, 2, 3))),
    ),
    "CHD001": (
        both(
            replacing("services", "S-RES-M3", eligibility=ANY_CHILD),
            _in_m3("C9", date(2019, 6, 1)),
        ),
        both(
            replacing("services", "S-RES-M3", eligibility=ANY_CHILD),
            _in_m3("C9", date(2019, 6, 1), needs={"constant-medical-care"}),
        ),
    ),
    "CHD002": (
        replacing(
            "services",
            "S-FOS-M2",
            capacity=[CapacityChange(effective=date(2020, 1, 1), places=2)],
        ),
        replacing(
            "services",
            "S-FOS-M2",
            capacity=[CapacityChange(effective=date(2020, 1, 1), places=1)],
        ),
    ),
    "SIB001": (_siblings_apart(3), _siblings_apart(1)),
}


def _codes(registry: Registry) -> set[str]:
    return {finding.code for finding in validate(registry, on=ON)}


def test_the_clean_world_has_no_finding() -> None:
    assert validate(world(), on=ON).findings == ()
    assert validate(world()).findings == ()


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == {rule.code for rule in DEFAULT_RULES}


@pytest.mark.parametrize("code", sorted(CASES))
def test_the_smallest_breaking_case_finds_only_its_code(code: str) -> None:
    breaking, _ = CASES[code]
    assert _codes(breaking(world())) == {code}


@pytest.mark.parametrize("code", sorted(CASES))
def test_the_nearest_case_does_not_find_the_code(code: str) -> None:
    _, near = CASES[code]
    assert code not in _codes(near(world()))
