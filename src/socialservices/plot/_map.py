"""The map of an indicator by municipality or by oblast of Bulgaria.

Owns :func:`indicator_map` and the reading of the outlines that
``tools/build_outlines.py`` generates (``bulgaria._outlines``, imported only
when a map is drawn).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .. import _checks
from .._errors import InvalidValueError, UnknownReferenceError
from ..bulgaria import GEOGRAPHY
from ..indicators import INDICATORS, Measurement, Unit
from ._figure import new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.path import Path

__all__ = ["indicator_map"]

Ring = list[tuple[float, float]]

NO_DATA_COLOUR = "#e0e0e0"
BORDER_COLOUR = "#ffffff"
REGION_BORDER_COLOUR = "#404040"
COLOURS = "YlGnBu"
"""The matplotlib colour map of known values, light (low) to dark (high)."""
_KINDS = {Unit.MUNICIPALITY: "municipality", Unit.REGION: "region"}


def _rings(polygon: str) -> list[Ring]:
    """The rings of one polygon as ``bulgaria._outlines`` writes them."""
    rings = []
    for text in polygon.split(";"):
        x = y = 0
        ring = []
        for step in text.split(","):
            dx, dy = step.split(" ")
            x, y = x + int(dx), y + int(dy)
            ring.append((x / 1000, y / 1000))
        rings.append(ring)
    return rings


def _outlines(unit: Unit) -> dict[str, list[Ring]]:
    """Every municipality's (or oblast's) rings, by code."""
    from ..bulgaria import _outlines

    records = (
        _outlines.MUNICIPALITIES if unit is Unit.MUNICIPALITY else _outlines.REGIONS
    )
    return {
        code: [ring for polygon in polygons for ring in _rings(polygon)]
        for code, *polygons in records
    }


def _path(rings: list[Ring]) -> Path:
    from matplotlib.path import Path

    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    move, line, close = int(Path.MOVETO), int(Path.LINETO), int(Path.CLOSEPOLY)
    for ring in rings:
        vertices.extend(ring)
        codes.extend([move, *[line] * (len(ring) - 2), close])
    return Path(vertices, codes)


def _values(
    measurements: object, indicator: object
) -> tuple[Unit, dict[str, float | None]]:
    """The measurements of ``indicator``: their unit, and each unit's value."""
    if not _checks.is_collection(measurements):
        raise InvalidValueError(
            "indicator_map",
            "measurements",
            measurements,
            "wrong_type",
            "must be a collection of Measurement",
        )
    _checks.argument("indicator_map", "indicator", indicator, str)
    chosen = []
    for measurement in measurements:  # type: ignore[attr-defined]
        _checks.argument("indicator_map", "measurements", measurement, Measurement)
        if measurement.indicator == indicator:
            chosen.append(measurement)
    if not chosen:
        raise InvalidValueError(
            "indicator_map",
            "indicator",
            indicator,
            "unknown_value",
            "no measurement has this indicator",
        )
    units = sorted({m.unit.value for m in chosen})
    unit = chosen[0].unit
    if len(units) > 1 or unit not in _KINDS:
        raise InvalidValueError(
            "indicator_map",
            "measurements",
            units,
            "wrong_type",
            "a map shows measurements by municipality or by oblast, one of them",
        )
    values: dict[str, float | None] = {}
    for measurement in chosen:
        code = str(measurement.unit_id)
        if code in values:
            raise InvalidValueError(
                "indicator_map",
                "measurements",
                code,
                "duplicate",
                f"{indicator} is measured twice for this unit",
            )
        values[code] = measurement.value
    return unit, values


def _regions(regions: object) -> list[str] | None:
    if regions is None:
        return None
    if isinstance(regions, str) or not _checks.is_collection(regions):
        raise InvalidValueError(
            "indicator_map",
            "regions",
            regions,
            "wrong_type",
            "must be a collection of oblast codes",
        )
    codes = sorted(set(regions))  # type: ignore[call-overload]
    for code in codes:
        GEOGRAPHY.region(code)
    return codes


def indicator_map(
    measurements: Iterable[Measurement],
    *,
    indicator: str,
    regions: Iterable[str] | None = None,
    title: str | None = None,
) -> Figure:
    """A map of one indicator by municipality or by oblast of Bulgaria.

    Each unit is filled by its value (the colour bar reads them); a unit
    with no measurement, or one whose value is unknown (nothing was
    counted), is grey and named "no data" in the legend. Oblast borders are
    drawn over a map of municipalities.

    >>> from socialservices.examples import SCENARIO_DATE, sofia_oblast
    >>> from socialservices.indicators import Unit, measure
    >>> found = measure(sofia_oblast(), on=SCENARIO_DATE, by=Unit.MUNICIPALITY)
    >>> figure = indicator_map(found, indicator="LOC02", regions=["SFO"])
    >>> len(figure.axes[0].patches)  # Sofia oblast's 22 municipalities, its border
    23
    >>> indicator_map(found, indicator="LOC02", regions=["XYZ"])
    Traceback (most recent call last):
    ...
    socialservices.UnknownReferenceError: no region with id 'XYZ'

    Args:
        measurements: results of :func:`~socialservices.indicators.measure`
            by ``Unit.MUNICIPALITY`` or by ``Unit.REGION``; those of other
            indicators are left out.
        indicator: the code of the indicator to show.
        regions: the oblast codes to show (of a map by municipality, their
            municipalities); all of Bulgaria by default. Measurements of
            units outside them are not drawn.
        title: the map's title; by default the indicator's code and title.

    Returns:
        A new figure with the map's axes and its colour bar; nothing is
        saved or shown.

    Raises:
        InvalidValueError: an argument of the wrong type, measurements not
            by municipality or oblast or of several units (``wrong_type``),
            no measurement of ``indicator`` (``unknown_value``), or one unit
            measured twice (``duplicate``).
        UnknownReferenceError: a unit or oblast code that Bulgaria does not
            have.
        MissingDependencyError: matplotlib is not installed.

    .. versionadded:: 0.5
    """
    unit, values = _values(measurements, indicator)
    shown = _regions(regions)
    if title is not None:
        _checks.argument("indicator_map", "title", title, str)
    kind = _KINDS[unit]
    outlines = _outlines(unit)
    for code in sorted(values):
        if code not in outlines:
            raise UnknownReferenceError(kind, code)
    codes = _shown(unit, outlines, shown)
    figure = new_figure("indicator_map", width=7, height=5)
    from matplotlib import colormaps
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize
    from matplotlib.patches import Patch, PathPatch

    known = [value for code in codes if (value := values.get(code)) is not None]
    scale = Normalize(vmin=0, vmax=max([1.0, *known]))
    colours = colormaps[COLOURS]
    axes = figure.add_subplot()
    for code in codes:
        value = values.get(code)
        patch = PathPatch(
            _path(outlines[code]),
            facecolor=NO_DATA_COLOUR if value is None else colours(scale(value)),
            edgecolor=BORDER_COLOUR,
            linewidth=0.5,
            gid=code,
        )
        axes.add_patch(patch)
    if unit is Unit.MUNICIPALITY:
        borders = _outlines(Unit.REGION)
        for code in shown if shown is not None else sorted(borders):
            axes.add_patch(
                PathPatch(
                    _path(borders[code]),
                    fill=False,
                    edgecolor=REGION_BORDER_COLOUR,
                    linewidth=1,
                    gid=f"border {code}",
                )
            )
    axes.autoscale_view()
    middle = sum(axes.get_ylim()) / 2
    axes.set_aspect(1 / math.cos(math.radians(middle)))
    axes.set_axis_off()
    axes.set_title(title if title is not None else _title(indicator))
    figure.colorbar(ScalarMappable(norm=scale, cmap=colours), ax=axes, shrink=0.7)
    axes.legend(
        handles=[Patch(facecolor=NO_DATA_COLOUR, edgecolor="#999999", label="no data")],
        loc="lower left",
        frameon=False,
    )
    return figure


def _shown(
    unit: Unit, outlines: Mapping[str, list[Ring]], regions: list[str] | None
) -> list[str]:
    """The codes of the units on the map, in order."""
    if regions is None:
        return sorted(outlines)
    if unit is Unit.REGION:
        return regions
    return sorted(
        municipality.code
        for region in regions
        for municipality in GEOGRAPHY.municipalities_in(region)
    )


def _title(indicator: str) -> str:
    for known in INDICATORS:
        if known.code == indicator:
            return f"{known.code}: {known.title}"
    return indicator
