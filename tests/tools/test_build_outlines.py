"""The outlines for maps are reproducible from the vendored raw files, small,
and cover every municipality and oblast the library knows."""

from __future__ import annotations

import importlib.util
import pathlib
from collections.abc import Callable
from itertools import pairwise
from types import ModuleType
from typing import Any

import pytest

from socialservices.bulgaria import GEOGRAPHY, _outlines

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = REPOSITORY / "tools" / "build_outlines.py"
SOURCE = REPOSITORY / "tools" / "data" / "bg"
GENERATED = REPOSITORY / "src" / "socialservices" / "bulgaria" / "_outlines.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_outlines", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _function(script: ModuleType, name: str) -> Callable[..., Any]:
    function: Callable[..., Any] = getattr(script, name)
    return function


def test_every_municipality_and_oblast_has_an_outline() -> None:
    municipalities = [record[0] for record in _outlines.MUNICIPALITIES]
    regions = [record[0] for record in _outlines.REGIONS]
    assert municipalities == sorted(GEOGRAPHY.municipalities_by_code)
    assert regions == sorted(region.code for region in GEOGRAPHY.regions)
    for record in (*_outlines.MUNICIPALITIES, *_outlines.REGIONS):
        assert len(record) >= 2, record[0]


def test_the_outlines_are_small() -> None:
    assert GENERATED.stat().st_size < 150_000


def test_check_passes_on_the_committed_module(script: ModuleType) -> None:
    main = _function(script, "main")
    assert main(["--check"]) == 0


def test_check_fails_on_a_stale_module_and_writing_makes_it_current(
    script: ModuleType, tmp_path: pathlib.Path
) -> None:
    main = _function(script, "main")
    stale = tmp_path / "_outlines.py"
    stale.write_text('"""stale"""\n', encoding="utf-8")
    arguments = ["--source", str(SOURCE), "--output", str(stale)]
    assert main([*arguments, "--check"]) == 1
    assert main(arguments) == 0
    assert main([*arguments, "--check"]) == 0
    assert stale.read_bytes() == GENERATED.read_bytes()


def test_two_squares_sharing_an_edge_make_one_oblast(script: ModuleType) -> None:
    union = _function(script, "union")
    left = (((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)),)
    right = (((1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), (1.0, 0.0)),)
    (polygon,) = union([left, right])
    (ring,) = polygon
    assert set(ring) == {
        (0.0, 0.0),
        (1.0, 0.0),
        (2.0, 0.0),
        (2.0, 1.0),
        (1.0, 1.0),
        (0.0, 1.0),
    }
    assert ring[0] == ring[-1]


def test_a_square_round_another_becomes_a_ring_with_a_hole(script: ModuleType) -> None:
    union, oriented = _function(script, "union"), _function(script, "oriented")
    inner = ((1.0, 1.0), (2.0, 1.0), (2.0, 2.0), (1.0, 2.0), (1.0, 1.0))
    outer = ((0.0, 0.0), (3.0, 0.0), (3.0, 3.0), (0.0, 3.0), (0.0, 0.0))
    around = oriented((outer, inner))
    assert [len(polygon) for polygon in union([around])] == [2]
    assert [len(polygon) for polygon in union([around, oriented((inner,))])] == [1]


def test_simplifying_keeps_the_ends_and_drops_points_within_tolerance(
    script: ModuleType,
) -> None:
    simplify = _function(script, "simplify")
    nearly_straight = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 0.002), (4.0, 0.0)]
    assert simplify(nearly_straight) == [(0.0, 0.0), (3.0, 0.002), (4.0, 0.0)]
    bent = [(0.0, 0.0), (1.0, 0.5), (2.0, 0.0), (3.0, 0.5), (4.0, 0.0)]
    assert simplify(bent) == bent


def test_a_tiny_loop_where_a_ring_passes_a_point_twice_is_dropped(
    script: ModuleType,
) -> None:
    cleaned = _function(script, "cleaned")
    looped = (
        (0.0, 0.0),
        (1.0, 0.0),
        (1.001, 0.001),
        (1.0, 0.0),
        (1.0, 1.0),
        (0.0, 0.0),
    )
    pinched = (
        (0.0, 0.0),
        (1.0, 0.0),
        (2.0, 0.0),
        (2.0, 1.0),
        (1.0, 0.0),
        (1.0, 1.0),
        (0.0, 0.0),
    )
    dropped: list[str] = []
    assert cleaned(looped, "A", dropped) == (
        (0.0, 0.0),
        (1.0, 0.0),
        (1.0, 1.0),
        (0.0, 0.0),
    )
    assert cleaned(pinched, "B", dropped) == pinched
    assert dropped == ["A: a loop of 2 points at (1.0, 0.0)"]


def _decoded(polygon: str) -> tuple[tuple[tuple[float, float], ...], ...]:
    rings = []
    for text in polygon.split(";"):
        x = y = 0
        ring = []
        for step in text.split(","):
            dx, dy = step.split(" ")
            x, y = x + int(dx), y + int(dy)
            ring.append((x / 1000, y / 1000))
        rings.append(tuple(ring))
    return tuple(rings)


def _edges(polygons: Any) -> set[frozenset[tuple[float, float]]]:
    return {
        frozenset(pair)
        for polygon in polygons
        for ring in polygon
        for pair in pairwise(ring)
    }


def test_simplified_municipalities_still_make_up_their_simplified_oblast(
    script: ModuleType,
) -> None:
    """Shared borders are simplified once: the outlines still meet exactly."""
    union = _function(script, "union")
    regions = {record[0]: record[1:] for record in _outlines.REGIONS}
    for region, polygons in regions.items():
        parts = [
            _decoded(polygon)
            for record in _outlines.MUNICIPALITIES
            if record[0].startswith(region)
            for polygon in record[1:]
        ]
        whole = _edges(_decoded(polygon) for polygon in polygons)
        assert _edges(union(parts)) == whole, region
