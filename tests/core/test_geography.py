from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    Coordinates,
    Geography,
    InvalidValueError,
    Municipality,
    Proximity,
    Region,
    UnknownReferenceError,
)
from socialservices.examples import sofia_oblast


def _world() -> Geography:
    """Two regions that border each other and a third that borders neither.

    R1: A, B, C (A borders B); R2: D (borders A across the region line), E;
    R3: F.
    """
    return Geography(
        regions=[Region(code=c, name=c) for c in ("R1", "R2", "R3")],
        municipalities=[
            Municipality(code="A", name="A", region="R1"),
            Municipality(code="B", name="B", region="R1"),
            Municipality(code="C", name="C", region="R1"),
            Municipality(code="D", name="D", region="R2"),
            Municipality(code="E", name="E", region="R2"),
            Municipality(code="F", name="F", region="R3"),
        ],
        municipality_neighbours=[("A", "B"), ("D", "A")],
        region_neighbours=[("R1", "R2")],
    )


@pytest.mark.parametrize(
    ("home", "site", "expected"),
    [
        ("A", "A", Proximity.SAME_MUNICIPALITY),
        ("A", "B", Proximity.NEIGHBOURING_MUNICIPALITY),
        ("B", "A", Proximity.NEIGHBOURING_MUNICIPALITY),
        ("A", "C", Proximity.SAME_REGION),
        ("A", "E", Proximity.NEIGHBOURING_REGION),
        ("A", "F", Proximity.ELSEWHERE),
    ],
)
def test_proximity_tiers(home: str, site: str, expected: Proximity) -> None:
    assert _world().proximity(home, site) is expected


def test_bordering_municipality_across_the_region_line_is_only_a_neighbouring_region() -> (
    None
):
    assert _world().proximity("A", "D") is Proximity.NEIGHBOURING_REGION


def test_proximity_tiers_are_ordered_closest_first() -> None:
    assert list(Proximity) == sorted(Proximity)
    assert min(Proximity) is Proximity.SAME_MUNICIPALITY
    assert [tier.in_region for tier in Proximity] == [True, True, True, False, False]


def test_adjacency_is_symmetric_by_construction() -> None:
    world = _world()
    assert world.neighbouring_municipalities("A") == {"B", "D"}
    assert world.neighbouring_municipalities("D") == {"A"}
    assert world.neighbouring_regions("R2") == {"R1"}


def test_same_border_given_twice_in_either_order_is_one_border() -> None:
    one = Geography(municipality_neighbours=[("A", "B"), ("B", "A")])
    assert one == Geography(municipality_neighbours=[("A", "B")])


def test_border_of_a_municipality_with_itself_is_refused() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Geography(municipality_neighbours=[("A", "A")])
    assert (caught.value.field, caught.value.code) == (
        "municipality_neighbours",
        "malformed",
    )


def test_unknown_municipality_is_a_clear_lookup_error() -> None:
    with pytest.raises(UnknownReferenceError) as caught:
        _world().proximity("A", "Z")
    assert (caught.value.kind, caught.value.id) == ("municipality", "Z")
    assert isinstance(caught.value, LookupError)


def test_dangling_region_and_borders_are_kept_not_refused() -> None:
    world = Geography(
        municipalities=[Municipality(code="A", name="A", region="NOWHERE")],
        municipality_neighbours=[("A", "GHOST")],
    )
    assert world.municipality("A").region == "NOWHERE"
    assert world.neighbouring_municipalities("A") == {"GHOST"}


def test_order_of_input_does_not_matter() -> None:
    world = _world()
    reordered = Geography(
        regions=tuple(reversed(world.regions)),
        municipalities=tuple(reversed(world.municipalities)),
        municipality_neighbours=world.municipality_neighbours,
        region_neighbours=world.region_neighbours,
    )
    assert reordered == world
    assert hash(reordered) == hash(world)


def test_distance_between_real_centroids() -> None:
    geography = sofia_oblast().geography
    pravets_to_sofia = geography.distance_km("SFO34", "SOF46")
    assert pravets_to_sofia is not None
    assert 40 < pravets_to_sofia < 80
    assert geography.distance_km("SFO34", "SFO34") == 0


def test_distance_is_none_without_centroids() -> None:
    assert _world().distance_km("A", "B") is None


def test_sofia_example_proximities() -> None:
    geography = sofia_oblast().geography
    assert geography.proximity("SFO34", "SFO07") is Proximity.NEIGHBOURING_MUNICIPALITY
    assert geography.proximity("SFO34", "SFO55") is Proximity.SAME_REGION
    assert geography.proximity("SFO34", "LOV18") is Proximity.NEIGHBOURING_REGION
    assert geography.proximity("SFO34", "VTR04") is Proximity.ELSEWHERE


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [(91.0, 0.0), (0.0, -180.5), (math.nan, 0.0), (0.0, math.inf)],
)
def test_coordinates_out_of_range_are_refused(
    latitude: float, longitude: float
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Coordinates(latitude=latitude, longitude=longitude)
    assert caught.value.code == "out_of_range"


@pytest.mark.parametrize("code", ["", "SF O", "a" * 33, "S/1"])
def test_malformed_codes_are_refused(code: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Region(code=code, name="x")
    assert caught.value.field == "code"
    assert caught.value.code in {"empty", "malformed"}


_coordinates = st.builds(
    Coordinates,
    latitude=st.floats(-90, 90, allow_nan=False),
    longitude=st.floats(-180, 180, allow_nan=False),
)


@given(_coordinates, _coordinates)
def test_distance_is_symmetric_and_bounded(a: Coordinates, b: Coordinates) -> None:
    assert a.distance_km(b) == pytest.approx(b.distance_km(a), abs=1e-6)
    assert 0 <= a.distance_km(b) <= math.pi * 6371.0088 + 1e-6


@given(_coordinates, _coordinates, _coordinates)
def test_distance_obeys_the_triangle_inequality(
    a: Coordinates, b: Coordinates, c: Coordinates
) -> None:
    assert a.distance_km(c) <= a.distance_km(b) + b.distance_km(c) + 1e-6
