"""A lifecycle drawn from its table, as SVG text: no drawing by hand, no extension.

Owns :func:`lifecycle_svg`. The layout is computed from the table alone:
states that go on are placed in columns by how many steps they are from the
first start state, terminal states in a row below, each under the states it
is reached from. Every state and transition carries ``data-`` attributes
naming it, so a test can read the drawing back and compare it with the table.
Pure: it returns text; the docs build writes it to a file.
"""

from __future__ import annotations

import enum
import math
from collections import deque
from typing import TypeVar
from xml.sax.saxutils import escape, quoteattr

from ._lifecycle import REQUEST_LIFECYCLE, Lifecycle, Transition

__all__ = ["lifecycle_svg"]

S = TypeVar("S", bound=enum.Enum)

_WIDTH, _HEIGHT = 118, 40  # a state's box
_STEP_X, _STEP_Y = 150, 96  # between columns and rows
_MARGIN = 24


def _label(state: enum.Enum) -> str:
    return str(state.value).replace("_", " ")


def _layout(lifecycle: Lifecycle[S]) -> dict[S, tuple[int, int]]:
    """(column, row) of each state."""
    terminal = lifecycle.terminal
    first = next(state for state in lifecycle.states if state in lifecycle.start)
    column = {first: 0}
    queue = deque([first])
    while queue:
        state = queue.popleft()
        for target in lifecycle.targets(state):
            if target not in terminal and target not in column:
                column[target] = column[state] + 1
                queue.append(target)
    for state in lifecycle.states:  # unreachable ones, after the rest
        if state not in terminal and state not in column:
            column[state] = max(column.values(), default=-1) + 1
    place: dict[S, tuple[int, int]] = {}
    used: set[tuple[int, int]] = set()
    for state in lifecycle.states:
        if state in column:
            row = 0
            while (column[state], row) in used:
                row += 1
            place[state] = (column[state], row)
            used.add(place[state])
    bottom = max((row for _, row in place.values()), default=0) + 1
    for state in lifecycle.states:
        if state not in terminal:
            continue
        sources = sorted(
            column[t.source] for t in lifecycle.transitions if t.target == state
        )
        col = sources[(len(sources) - 1) // 2] if sources else 0
        while (col, bottom) in used:
            col += 1
        place[state] = (col, bottom)
        used.add(place[state])
    return place


def _centre(cell: tuple[int, int]) -> tuple[float, float]:
    column, row = cell
    return (
        _MARGIN + column * _STEP_X + _WIDTH / 2,
        _MARGIN + 18 + row * _STEP_Y + _HEIGHT / 2,
    )


def _border(
    centre: tuple[float, float], towards: tuple[float, float]
) -> tuple[float, float]:
    """Where the line from a box's centre towards a point leaves the box."""
    (x, y), (tx, ty) = centre, towards
    dx, dy = tx - x, ty - y
    if dx == 0 and dy == 0:
        return centre
    scale = min(
        (_WIDTH / 2) / abs(dx) if dx else math.inf,
        (_HEIGHT / 2) / abs(dy) if dy else math.inf,
    )
    return x + dx * scale, y + dy * scale


def _edge(
    transition: Transition[S], place: dict[S, tuple[int, int]], faint: bool
) -> str:
    (sx, sy), (tx, ty) = (
        _centre(place[transition.source]),
        _centre(place[transition.target]),
    )
    length = math.hypot(tx - sx, ty - sy) or 1.0
    bend = 14.0 if not faint else 6.0
    # bend to the left of the direction of travel, so A->B and B->A part
    cx, cy = (
        (sx + tx) / 2 - (ty - sy) / length * bend,
        (sy + ty) / 2 + (tx - sx) / length * bend,
    )
    start = _border((sx, sy), (cx, cy))
    end = _border((tx, ty), (cx, cy))
    dash = ' stroke-dasharray="5 3"' if transition.needs_reason else ""
    colour = "#b0b0b0" if faint else "#333333"
    return (
        f'<path class="transition" data-source={quoteattr(str(transition.source.value))} '
        f"data-target={quoteattr(str(transition.target.value))} "
        f'data-needs-reason="{str(transition.needs_reason).lower()}" '
        f'd="M {start[0]:.1f} {start[1]:.1f} Q {cx:.1f} {cy:.1f} {end[0]:.1f} {end[1]:.1f}" '
        f'fill="none" stroke="{colour}" stroke-width="1.2"{dash} marker-end="url(#arrow)"/>'
    )


def _node(state: S, lifecycle: Lifecycle[S], cell: tuple[int, int]) -> str:
    x, y = _centre(cell)
    terminal = state in lifecycle.terminal
    start = state in lifecycle.start
    fill = "#e8e8e8" if terminal else "#ffffff"
    width = 2.5 if start else 1.2
    return (
        f'<g class="state" data-state={quoteattr(str(state.value))} '
        f'data-terminal="{str(terminal).lower()}" data-start="{str(start).lower()}">'
        f'<rect x="{x - _WIDTH / 2:.1f}" y="{y - _HEIGHT / 2:.1f}" width="{_WIDTH}" '
        f'height="{_HEIGHT}" rx="8" fill="{fill}" stroke="#333333" stroke-width="{width}"/>'
        f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle">{escape(_label(state))}</text>'
        "</g>"
    )


def lifecycle_svg(lifecycle: Lifecycle[S] | None = None) -> str:
    """The lifecycle (by default :data:`REQUEST_LIFECYCLE`) drawn as an SVG image.

    A box per state (start states with a thick border, terminal states
    grey), an arrow per transition (dashed where the event needs a reason;
    faint for the transitions into the state every other one may reach, such
    as "entered in error"). The same table always gives the same text.

    >>> svg = lifecycle_svg()
    >>> svg.startswith("<svg") and svg.count('class="transition"') == len(REQUEST_LIFECYCLE.transitions)
    True

    .. versionadded:: 0.5
    """
    table: Lifecycle[S] = REQUEST_LIFECYCLE if lifecycle is None else lifecycle  # type: ignore[assignment]
    place = _layout(table)
    sources = {t.source for t in table.transitions}
    everywhere = {
        state
        for state in table.states
        if sources
        and sources <= {t.source for t in table.transitions if t.target == state}
    }
    columns = max(column for column, _ in place.values()) + 1
    rows = max(row for _, row in place.values()) + 1
    width = 2 * _MARGIN + (columns - 1) * _STEP_X + _WIDTH
    height = 2 * _MARGIN + 18 + (rows - 1) * _STEP_Y + _HEIGHT + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13" '
        f"data-lifecycle={quoteattr(table.name)}>",
        f"<title>{escape(table.name)}: states and transitions</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#333333"/></marker></defs>',
    ]
    parts += [_edge(t, place, t.target in everywhere) for t in table.transitions]
    parts += [_node(state, table, place[state]) for state in table.states]
    parts.append(
        f'<text x="{_MARGIN}" y="{height - 10}" font-size="11">thick border: a start; '
        "grey: terminal; dashed arrow: needs a reason</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
