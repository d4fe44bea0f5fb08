"""The occupancy step chart of one service over a period.

Owns :func:`occupancy_chart`. Reads the registry only through
:meth:`~socialservices.Registry.occupancy` and
:meth:`~socialservices.Registry.service`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .. import _checks
from .._errors import InvalidValueError
from .._period import Period
from .._registry import Registry
from ._figure import new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["occupancy_chart"]

PLACES_COLOUR = "#1f4e79"
TAKEN_COLOUR = "#9dc3e6"
UNKNOWN_COLOUR = "#d9d9d9"


def occupancy_chart(
    registry: Registry, service: str, period: Period, *, title: str | None = None
) -> Figure:
    """A step chart of ``service``'s places and places taken through ``period``.

    One step per :class:`~socialservices.OccupancyStep` of
    :meth:`Registry.occupancy <socialservices.Registry.occupancy>`: the
    places as a line, the places taken filled below it. Where the capacity is
    not recorded the line has a gap over a grey band ("capacity not
    recorded"), never a drop to zero.

    >>> from datetime import date
    >>> from socialservices import Period
    >>> from socialservices.examples import sofia_oblast
    >>> figure = occupancy_chart(
    ...     sofia_oblast(), "S-PRAVETS-FTPC",
    ...     Period(start=date(2026, 1, 1), end=date(2027, 1, 1)))
    >>> figure.axes[0].get_ylabel()
    'places'
    >>> occupancy_chart(sofia_oblast(), "S-PRAVETS-FTPC", Period(start=date(2026, 1, 1)))
    Traceback (most recent call last):
    ...
    socialservices.InvalidValueError: occupancy_chart.period=...: a period to draw ends

    Args:
        registry: the registry holding the service and its placements.
        service: the service's id.
        period: the days to draw; it must end.
        title: the chart's title; by default the service's name and id.

    Returns:
        A new figure with one axes; nothing is saved or shown.

    Raises:
        InvalidValueError: an argument of the wrong type (``wrong_type``) or
            an open-ended period (``malformed``).
        UnknownReferenceError: no service with that id.
        MissingDependencyError: matplotlib is not installed.

    .. versionadded:: 0.5
    """
    _checks.argument("occupancy_chart", "registry", registry, Registry)
    _checks.argument("occupancy_chart", "service", service, str)
    _checks.argument("occupancy_chart", "period", period, Period)
    if period.end is None:
        raise InvalidValueError(
            "occupancy_chart", "period", period, "malformed", "a period to draw ends"
        )
    if title is not None:
        _checks.argument("occupancy_chart", "title", title, str)
    found = registry.service(service)
    steps = registry.occupancy(service, period).steps
    figure = new_figure("occupancy_chart", width=8, height=3.5)
    from matplotlib.dates import date2num
    from matplotlib.ticker import MaxNLocator

    axes = figure.add_subplot()
    days = [*(step.period.start for step in steps), period.end]
    edges = [float(date2num(day)) for day in days]  # type: ignore[no-untyped-call]
    places = [
        float("nan") if step.capacity is None else float(step.capacity)
        for step in steps
    ]
    taken = [float(step.occupied) for step in steps]
    axes.stairs(taken, edges, fill=True, color=TAKEN_COLOUR, label="places taken")
    axes.stairs(
        places, edges, baseline=None, color=PLACES_COLOUR, linewidth=2, label="places"
    )
    unknown = False
    for index, step in enumerate(steps):
        if step.capacity is None:
            axes.axvspan(
                edges[index],
                edges[index + 1],
                color=UNKNOWN_COLOUR,
                alpha=0.6,
                zorder=0,
                label=None if unknown else "capacity not recorded",
            )
            unknown = True
    axes.xaxis_date()
    axes.set_xlim(edges[0], edges[-1])
    highest = max([*taken, *(value for value in places if not math.isnan(value))])
    axes.set_ylim(0, highest * 1.15 + 1)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel("places")
    axes.set_title(title if title is not None else f"{found.name} ({found.id})")
    axes.legend(loc="upper left", bbox_to_anchor=(1, 1), frameon=False)
    return figure
