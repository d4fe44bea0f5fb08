"""Pictures: the occupancy chart and the maps have the artists they should,
refuse bad arguments with codes, and need matplotlib only when drawing."""

from __future__ import annotations

import ast
import math
import subprocess
import sys
from datetime import date
from pathlib import Path

import attrs
import pytest
from matplotlib import colormaps
from matplotlib.colors import Normalize, to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, StepPatch

from socialservices import (
    CapacityChange,
    InvalidValueError,
    MissingDependencyError,
    Period,
    Registry,
    UnknownReferenceError,
)
from socialservices.bulgaria import GEOGRAPHY
from socialservices.examples import SCENARIO_DATE, sofia_oblast
from socialservices.indicators import Measurement, Unit, measure
from socialservices.plot import indicator_map, occupancy_chart
from socialservices.plot._map import COLOURS, NO_DATA_COLOUR

YEAR = Period(start=date(2026, 1, 1), end=date(2027, 1, 1))
TWO_YEARS = Period(start=date(2025, 1, 1), end=date(2027, 1, 1))
PIRDOP = "S-PIRDOP-FOSTER"
SOURCE = Path(__file__).resolve().parents[2] / "src" / "socialservices" / "plot"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return sofia_oblast()


@pytest.fixture(scope="module")
def by_municipality(registry: Registry) -> tuple[Measurement, ...]:
    return measure(registry, on=SCENARIO_DATE, by=Unit.MUNICIPALITY)


def _stairs(figure: Figure) -> dict[str, StepPatch]:
    return {
        str(patch.get_label()): patch
        for patch in figure.axes[0].patches
        if isinstance(patch, StepPatch)
    }


def _filled(figure: Figure) -> dict[str, PathPatch]:
    return {
        str(patch.get_gid()): patch
        for patch in figure.axes[0].patches
        if isinstance(patch, PathPatch) and patch.get_fill()
    }


def _measurement(unit: Unit, unit_id: str | None, numerator: int = 1) -> Measurement:
    return Measurement(
        indicator="LOC02",
        unit=unit,
        unit_id=unit_id,
        on=SCENARIO_DATE,
        numerator=numerator,
        denominator=2,
    )


# --- matplotlib only when drawing -------------------------------------------


def test_importing_the_library_and_the_plot_room_imports_no_matplotlib() -> None:
    code = (
        "import sys, socialservices, socialservices.plot, socialservices.indicators\n"
        "import socialservices.examples\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("name", ["matplotlib", "matplotlib.figure"])
def test_without_matplotlib_drawing_asks_for_the_plot_extra(
    name: str,
    monkeypatch: pytest.MonkeyPatch,
    registry: Registry,
    by_municipality: tuple[Measurement, ...],
) -> None:
    monkeypatch.setitem(sys.modules, name, None)  # an import of it now fails
    with pytest.raises(MissingDependencyError) as chart:
        occupancy_chart(registry, PIRDOP, YEAR)
    with pytest.raises(MissingDependencyError) as drawn:
        indicator_map(by_municipality, indicator="LOC02")
    assert (chart.value.feature, chart.value.extra) == ("occupancy_chart", "plot")
    assert (drawn.value.feature, drawn.value.extra) == ("indicator_map", "plot")
    assert isinstance(chart.value, ImportError)


def test_the_library_never_saves_shows_or_uses_pyplot() -> None:
    for path in SOURCE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        called = {
            node.func.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        }
        imported = {
            alias.name
            if isinstance(node, ast.Import)
            else f"{node.module}.{alias.name}"
            for node in ast.walk(tree)
            if isinstance(node, (ast.Import, ast.ImportFrom))
            for alias in node.names
        }
        assert called & {"savefig", "show", "print_figure"} == set(), path.name
        assert not any("pyplot" in name for name in imported), path.name


# --- the occupancy chart -----------------------------------------------------


def test_occupancy_chart_draws_one_step_per_occupancy_step(registry: Registry) -> None:
    steps = registry.occupancy(PIRDOP, TWO_YEARS).steps
    figure = occupancy_chart(registry, PIRDOP, TWO_YEARS)
    stairs = _stairs(figure)
    places, edges, _ = stairs["places"].get_data()
    taken, _, _ = stairs["places taken"].get_data()
    assert isinstance(figure, Figure)
    assert len(steps) > 1
    assert list(places) == [float(step.capacity or 0) for step in steps]
    assert list(taken) == [float(step.occupied) for step in steps]
    assert len(edges) == len(steps) + 1
    name = registry.service(PIRDOP).name
    assert figure.axes[0].get_title() == f"{name} (S-PIRDOP-FOSTER)"


def test_unknown_capacity_is_a_gap_over_a_grey_band_never_zero(
    registry: Registry,
) -> None:
    pirdop = registry.service(PIRDOP)
    later = attrs.evolve(
        pirdop, capacity=(CapacityChange(effective=date(2026, 7, 1), places=4),)
    )
    changed = attrs.evolve(
        registry, services=[later, *(s for s in registry.services if s.id != PIRDOP)]
    )
    steps = changed.occupancy(PIRDOP, YEAR).steps
    figure = occupancy_chart(changed, PIRDOP, YEAR, title="Pirdop")
    places, _, _ = _stairs(figure)["places"].get_data()
    unknown = [i for i, step in enumerate(steps) if step.capacity is None]
    bands = [
        patch for patch in figure.axes[0].patches if not isinstance(patch, StepPatch)
    ]
    assert unknown
    assert [i for i, value in enumerate(places) if math.isnan(value)] == unknown
    assert 0.0 not in list(places)
    assert len(bands) == len(unknown)
    assert figure.axes[0].get_title() == "Pirdop"
    labels = figure.axes[0].get_legend_handles_labels()[1]
    assert labels == ["places taken", "places", "capacity not recorded"]


@pytest.mark.parametrize(
    ("arguments", "field", "code"),
    [
        ({"registry": "registry"}, "registry", "wrong_type"),
        ({"service": 3}, "service", "wrong_type"),
        ({"period": (date(2026, 1, 1), date(2027, 1, 1))}, "period", "wrong_type"),
        ({"period": Period(start=date(2026, 1, 1))}, "period", "malformed"),
        ({"title": 3}, "title", "wrong_type"),
    ],
)
def test_occupancy_chart_refuses_bad_arguments(
    arguments: dict[str, object], field: str, code: str, registry: Registry
) -> None:
    given: dict[str, object] = {
        "registry": registry,
        "service": PIRDOP,
        "period": YEAR,
        **arguments,
    }
    with pytest.raises(InvalidValueError) as caught:
        occupancy_chart(**given)  # type: ignore[arg-type]
    assert (caught.value.type_name, caught.value.field, caught.value.code) == (
        "occupancy_chart",
        field,
        code,
    )


def test_occupancy_chart_of_an_unknown_service_names_it(registry: Registry) -> None:
    with pytest.raises(UnknownReferenceError) as caught:
        occupancy_chart(registry, "S-404", YEAR)
    assert (caught.value.kind, caught.value.id) == ("service", "S-404")


# --- the maps ----------------------------------------------------------------


def test_a_municipality_map_colours_known_values_and_greys_the_rest(
    by_municipality: tuple[Measurement, ...],
) -> None:
    values = {m.unit_id: m.value for m in by_municipality if m.indicator == "LOC01"}
    figure = indicator_map(by_municipality, indicator="LOC01", regions=["SFO"])
    filled = _filled(figure)
    scale = Normalize(vmin=0, vmax=1)
    sofia_oblast_codes = {m.code for m in GEOGRAPHY.municipalities_in("SFO")}
    assert set(filled) == sofia_oblast_codes
    for code, patch in filled.items():
        value = values.get(code)
        expected = NO_DATA_COLOUR if value is None else colormaps[COLOURS](scale(value))
        assert patch.get_facecolor() == pytest.approx(to_rgba(expected)), code
    assert {"SFO34", "SFO18"} <= set(values)
    assert len(set(filled) - set(values)) > 0
    borders = [p for p in figure.axes[0].patches if not p.get_fill()]
    assert [p.get_gid() for p in borders] == ["border SFO"]
    legend = figure.axes[0].get_legend()
    assert legend is not None
    assert [text.get_text() for text in legend.get_texts()] == ["no data"]
    assert figure.axes[0].get_title().startswith("LOC01: ")
    assert len(figure.axes) == 2  # the map and its colour bar


def test_a_country_map_by_oblast_has_every_oblast_and_no_inner_borders(
    registry: Registry,
) -> None:
    by_region = measure(registry, on=SCENARIO_DATE, by=Unit.REGION)
    figure = indicator_map(by_region, indicator="LOC02", title="Close to home")
    filled = _filled(figure)
    known = {m.unit_id for m in by_region if m.indicator == "LOC02"}
    assert set(filled) == {region.code for region in GEOGRAPHY.regions}
    assert len(filled) == 28
    assert len(figure.axes[0].patches) == 28
    grey = [
        code
        for code, patch in filled.items()
        if patch.get_facecolor() == pytest.approx(to_rgba(NO_DATA_COLOUR))
    ]
    assert sorted(grey) == sorted(set(filled) - known)
    assert figure.axes[0].get_title() == "Close to home"


def test_a_unit_where_nothing_was_counted_is_no_data_not_zero() -> None:
    empty = attrs.evolve(
        _measurement(Unit.MUNICIPALITY, "SFO34"), numerator=0, denominator=0
    )
    figure = indicator_map(
        [empty, _measurement(Unit.MUNICIPALITY, "SFO07", numerator=0)],
        indicator="LOC02",
        regions=["SFO"],
    )
    filled = _filled(figure)
    assert filled["SFO34"].get_facecolor() == pytest.approx(to_rgba(NO_DATA_COLOUR))
    zero = colormaps[COLOURS](0.0)
    assert filled["SFO07"].get_facecolor() == pytest.approx(to_rgba(zero))


def test_measurements_of_other_indicators_are_left_out(
    by_municipality: tuple[Measurement, ...],
) -> None:
    only = [m for m in by_municipality if m.indicator == "SIB01"]
    alone = indicator_map(only, indicator="SIB01", regions=["SFO"])
    mixed = indicator_map(by_municipality, indicator="SIB01", regions=["SFO"])
    colours = {c: p.get_facecolor() for c, p in _filled(alone).items()}
    assert {c: p.get_facecolor() for c, p in _filled(mixed).items()} == colours


@pytest.mark.parametrize(
    ("measurements", "arguments", "field", "code"),
    [
        (3, {}, "measurements", "wrong_type"),
        (["LOC02"], {}, "measurements", "wrong_type"),
        ([], {}, "indicator", "unknown_value"),
        ("measurements", {}, "measurements", "wrong_type"),
        (None, {"indicator": 2}, "indicator", "wrong_type"),
        (None, {"indicator": "OCC99"}, "indicator", "unknown_value"),
        (None, {"regions": "SFO"}, "regions", "wrong_type"),
        (None, {"regions": 3}, "regions", "wrong_type"),
        (None, {"title": 3}, "title", "wrong_type"),
    ],
)
def test_indicator_map_refuses_bad_arguments(
    measurements: object,
    arguments: dict[str, object],
    field: str,
    code: str,
    by_municipality: tuple[Measurement, ...],
) -> None:
    given = {"indicator": "LOC02", **arguments}
    with pytest.raises(InvalidValueError) as caught:
        indicator_map(
            by_municipality if measurements is None else measurements,  # type: ignore[arg-type]
            **given,  # type: ignore[arg-type]
        )
    assert (caught.value.type_name, caught.value.field, caught.value.code) == (
        "indicator_map",
        field,
        code,
    )


@pytest.mark.parametrize(
    ("measurements", "code"),
    [
        ([_measurement(Unit.REGISTRY, None)], "wrong_type"),
        ([_measurement(Unit.PROVIDER, "P-1")], "wrong_type"),
        (
            [
                _measurement(Unit.REGION, "SFO"),
                _measurement(Unit.MUNICIPALITY, "SFO34"),
            ],
            "wrong_type",
        ),
        (
            [_measurement(Unit.REGION, "SFO"), _measurement(Unit.REGION, "SFO", 2)],
            "duplicate",
        ),
    ],
)
def test_indicator_map_refuses_measurements_it_cannot_draw(
    measurements: list[Measurement], code: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        indicator_map(measurements, indicator="LOC02")
    assert (caught.value.field, caught.value.code) == ("measurements", code)


@pytest.mark.parametrize(
    ("measurements", "regions", "kind", "id"),
    [
        ([_measurement(Unit.MUNICIPALITY, "XYZ01")], None, "municipality", "XYZ01"),
        ([_measurement(Unit.REGION, "XYZ")], None, "region", "XYZ"),
        ([_measurement(Unit.REGION, "SFO")], ["SFO", "QQQ"], "region", "QQQ"),
    ],
)
def test_indicator_map_names_codes_bulgaria_does_not_have(
    measurements: list[Measurement], regions: list[str] | None, kind: str, id: str
) -> None:
    with pytest.raises(UnknownReferenceError) as caught:
        indicator_map(measurements, indicator="LOC02", regions=regions)
    assert (caught.value.kind, caught.value.id) == (kind, id)
