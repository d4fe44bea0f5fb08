"""The LOC rules: placements away from home while there was room closer by.

What each finding records (subjects, fields, day, the free services closest
first with their tiers), the order of services at unknown distances (last in
their tier, as :func:`socialservices.rank` puts them), and that a placement the
audit cannot read does not stop it reading the others.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import pytest

from socialservices import (
    CapacityChange,
    Coordinates,
    Eligibility,
    Entity,
    Finding,
    FreePlaces,
    Geography,
    Measure,
    Municipality,
    Period,
    Person,
    Placement,
    PlacementRequest,
    Provider,
    ProviderKind,
    Proximity,
    Region,
    Registry,
    Service,
    ServiceType,
    Subject,
    rank,
    validate,
)
from socialservices.validation._location import describe_free

START = date(2021, 1, 4)
CHILDREN = Eligibility(target_groups={"children"}, max_age=17)
MOVED = ("Placement.service", "Person.home_municipality")


def _at(latitude: float) -> Coordinates:
    return Coordinates(latitude=latitude, longitude=23.0)


# M1 is home; M2 (10 km) and M5 (50 km) are elsewhere in the home region, M4
# too but at no known place; M3 is in another region.
GEOGRAPHY = Geography(
    regions=[Region(code="R1", name="Home"), Region(code="R2", name="Far")],
    municipalities=[
        Municipality(code="M1", name="Home", region="R1", centroid=_at(42.0)),
        Municipality(code="M2", name="Near", region="R1", centroid=_at(42.09)),
        Municipality(code="M3", name="Away", region="R2", centroid=_at(44.0)),
        Municipality(code="M4", name="Unmapped", region="R1"),
        Municipality(code="M5", name="Farther", region="R1", centroid=_at(42.45)),
    ],
    region_neighbours=[("R1", "R2")],
)
MUNICIPALITIES = ("M1", "M2", "M3", "M4", "M5")


def _service(id: str, municipality: str, places: int = 2, type: str = "RES") -> Service:
    return Service(
        id=id,
        name=id,
        type=type,
        provider=f"P-{municipality}",
        municipality=municipality,
        operating=Period(start=date(2020, 1, 1)),
        capacity=[CapacityChange(effective=date(2020, 1, 1), places=places)],
        eligibility=CHILDREN,
    )


def _child(id: str, home: str = "M1", born: date = date(2012, 5, 5)) -> Person:
    return Person(
        id=id, birth_date=born, home_municipality=home, target_groups={"children"}
    )


def _placement(
    id: str, person: str, service: str, measure: Measure = Measure.RESIDENTIAL
) -> Placement:
    return Placement(
        id=id,
        person=person,
        service=service,
        period=Period(start=START),
        measure=measure,
    )


AWAY = _service("S-AWAY", "M3", places=5)


def _world(
    services: Sequence[Service],
    persons: Sequence[Person],
    placements: Sequence[Placement],
) -> Registry:
    return Registry(
        geography=GEOGRAPHY,
        service_types=[
            ServiceType(code="RES", name="Residential", residential=True),
            ServiceType(code="FOS", name="Foster care", family_based=True),
        ],
        providers=[
            Provider(id=f"P-{m}", name=m, kind=ProviderKind.MUNICIPALITY)
            for m in MUNICIPALITIES
        ],
        services=[AWAY, *services],
        persons=persons,
        placements=placements,
    )


def _findings(registry: Registry, code: str) -> list[Finding]:
    return [finding for finding in validate(registry) if finding.code == code]


def _placed_away() -> Registry:
    """C1 from M1 placed in another region while four services in its own had room."""
    return _world(
        services=[
            _service("S-ANY", "M4"),
            _service("S-FAR", "M5"),
            _service("S-NEAR", "M2"),
            _service("S-ZHOME", "M1", places=1),
        ],
        persons=[_child("C1")],
        placements=[_placement("PL-1", "C1", "S-AWAY")],
    )


def _fostered_away(born: date) -> Registry:
    """A baby (residential care is not for under-threes) fostered in another region."""
    return _world(
        services=[
            _service("S-FOS-AWAY", "M3", type="FOS"),
            _service("S-FOS-HOME", "M1", type="FOS"),
        ],
        persons=[_child("C1", born=born)],
        placements=[_placement("PL-1", "C1", "S-FOS-AWAY", Measure.FOSTER_FAMILY)],
    )


def test_loc001_names_the_free_services_closest_first_with_their_tiers() -> None:
    (finding,) = _findings(_placed_away(), "LOC001")
    assert finding.free_places == (
        FreePlaces(service="S-ZHOME", places=1, proximity=Proximity.SAME_MUNICIPALITY),
        FreePlaces(service="S-NEAR", places=2, proximity=Proximity.SAME_REGION),
        FreePlaces(service="S-FAR", places=2, proximity=Proximity.SAME_REGION),
        FreePlaces(service="S-ANY", places=2, proximity=Proximity.SAME_REGION),
    )


def test_loc001_records_the_placement_its_person_service_fields_and_day() -> None:
    (finding,) = _findings(_placed_away(), "LOC001")
    assert finding.subjects == (
        Subject(kind=Entity.PLACEMENT, id="PL-1"),
        Subject(kind=Entity.PERSON, id="C1"),
        Subject(kind=Entity.SERVICE, id="S-AWAY"),
        *(
            Subject(kind=Entity.SERVICE, id=id)
            for id in ("S-ZHOME", "S-NEAR", "S-FAR", "S-ANY")
        ),
    )
    assert finding.fields == MOVED
    assert finding.on == START


def test_a_service_at_an_unknown_distance_comes_last_in_its_tier_as_rank_puts_it() -> (
    None
):
    registry = _placed_away()
    (finding,) = _findings(registry, "LOC001")
    audited = [
        item.service
        for item in finding.free_places
        if item.proximity is Proximity.SAME_REGION
    ]
    request = PlacementRequest(id="R-1", persons=["C1"], requested_on=START)
    ranked = [
        candidate.service
        for candidate in rank(request, registry, on=START).candidates
        if candidate.service in audited
    ]
    assert audited == ranked == ["S-NEAR", "S-FAR", "S-ANY"]


def test_loc002_records_the_free_home_services_fields_and_day() -> None:
    registry = _world(
        services=[_service("S-HOME", "M1", places=3), _service("S-NEAR", "M2")],
        persons=[_child("C1")],
        placements=[_placement("PL-1", "C1", "S-NEAR")],
    )
    (finding,) = _findings(registry, "LOC002")
    assert finding.free_places == (
        FreePlaces(service="S-HOME", places=3, proximity=Proximity.SAME_MUNICIPALITY),
    )
    assert finding.subjects == (
        Subject(kind=Entity.PLACEMENT, id="PL-1"),
        Subject(kind=Entity.PERSON, id="C1"),
        Subject(kind=Entity.SERVICE, id="S-NEAR"),
        Subject(kind=Entity.SERVICE, id="S-HOME"),
    )
    assert finding.fields == MOVED
    assert finding.on == START


def test_a_placement_that_starts_on_the_birth_date_is_audited() -> None:
    (finding,) = _findings(_fostered_away(born=START), "LOC001")
    assert finding.concerns(Entity.PLACEMENT, "PL-1")


def test_a_placement_that_starts_before_the_birth_is_not_audited() -> None:
    # PER002 reports it; where the person was placed before birth means nothing
    assert _findings(_fostered_away(born=date(2021, 1, 5)), "LOC001") == []


def _unreadable(case: str) -> tuple[list[Person], list[Service], Placement]:
    """A person, services and a placement ``PL-0`` the LOC audit cannot resolve."""
    odd_type = _service("S-ODD", "M3", type="XYZ")
    nowhere = _service("S-NOWHERE", "M9")
    cases = {
        "unknown person": ([], [], "S-AWAY", "C-NONE"),
        "unknown service": ([_child("C0")], [], "S-NONE", "C0"),
        "service of an unknown type": ([_child("C0")], [odd_type], "S-ODD", "C0"),
        "service in an unknown municipality": (
            [_child("C0")],
            [nowhere],
            "S-NOWHERE",
            "C0",
        ),
        "person from an unknown municipality": (
            [_child("C0", home="M9")],
            [],
            "S-AWAY",
            "C0",
        ),
    }
    persons, services, service, person = cases[case]
    return persons, services, _placement("PL-0", person, service)


CASES = [
    "unknown person",
    "unknown service",
    "service of an unknown type",
    "service in an unknown municipality",
    "person from an unknown municipality",
]


@pytest.mark.parametrize("case", CASES)
def test_an_unreadable_placement_does_not_stop_the_region_audit(case: str) -> None:
    persons, services, unreadable = _unreadable(case)
    registry = _world(
        services=[_service("S-HOME", "M1"), *services],
        persons=[_child("C1"), *persons],
        placements=[unreadable, _placement("PL-1", "C1", "S-AWAY")],
    )
    assert registry.placements[0] == unreadable  # it is read first
    found = [f.subjects[0].id for f in _findings(registry, "LOC001")]
    assert found == ["PL-1"]


@pytest.mark.parametrize("case", CASES)
def test_an_unreadable_placement_does_not_stop_the_municipality_audit(
    case: str,
) -> None:
    persons, services, unreadable = _unreadable(case)
    registry = _world(
        services=[_service("S-HOME", "M1"), _service("S-NEAR", "M2"), *services],
        persons=[_child("C1"), *persons],
        placements=[unreadable, _placement("PL-1", "C1", "S-NEAR")],
    )
    found = [f.subjects[0].id for f in _findings(registry, "LOC002")]
    assert found == ["PL-1"]


def test_a_placement_at_home_does_not_stop_the_municipality_audit() -> None:
    registry = _world(
        services=[_service("S-HOME", "M1", places=3), _service("S-NEAR", "M2")],
        persons=[_child("C0"), _child("C1")],
        placements=[
            _placement("PL-0", "C0", "S-HOME"),
            _placement("PL-1", "C1", "S-NEAR"),
        ],
    )
    found = [f.subjects[0].id for f in _findings(registry, "LOC002")]
    assert found == ["PL-1"]


def _free(*places: int) -> list[FreePlaces]:
    return [
        FreePlaces(service=f"S-{letter}", places=count)
        for letter, count in zip("ABCDEFGH"[: len(places)], places, strict=True)
    ]


def _told(text: str) -> tuple[list[int], list[str]]:
    """The numbers and the service ids a description holds, in order."""
    return [int(n) for n in re.findall(r"\b\d+\b", text)], re.findall(r"S-\w", text)


def test_the_description_of_free_places_gives_the_total_and_each_service() -> None:
    assert _told(describe_free(_free(2, 3))) == ([5, 2, 3], ["S-A", "S-B"])


def test_the_description_names_five_services_and_counts_the_rest() -> None:
    numbers, named = _told(describe_free(_free(1, 2, 1, 1, 1, 1, 3)))
    assert numbers == [10, 1, 2, 1, 1, 1, 2]
    assert named == ["S-A", "S-B", "S-C", "S-D", "S-E"]


@pytest.mark.parametrize(("count", "rest"), [(5, []), (6, [1])])
def test_the_description_counts_more_services_only_past_five(
    count: int, rest: list[int]
) -> None:
    numbers, named = _told(describe_free(_free(*[1] * count)))
    assert numbers == [count, 1, 1, 1, 1, 1, *rest]
    assert len(named) == 5


def test_the_finding_message_carries_the_description() -> None:
    (finding,) = _findings(_placed_away(), "LOC001")
    assert describe_free(list(finding.free_places)) in finding.message
