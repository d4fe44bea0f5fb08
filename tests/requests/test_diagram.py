"""The diagram is drawn from the table: read back, it is the table."""

from __future__ import annotations

import enum
import xml.etree.ElementTree as ET

from socialservices.requests import (
    REQUEST_LIFECYCLE,
    Lifecycle,
    State,
    Transition,
    lifecycle_svg,
)

SVG = "{http://www.w3.org/2000/svg}"


def _read(svg: str) -> tuple[dict[str, tuple[bool, bool]], set[tuple[str, str, bool]]]:
    root = ET.fromstring(svg)
    states = {
        g.attrib["data-state"]: (
            g.attrib["data-start"] == "true",
            g.attrib["data-terminal"] == "true",
        )
        for g in root.iter(f"{SVG}g")
        if g.attrib.get("class") == "state"
    }
    arrows = {
        (
            p.attrib["data-source"],
            p.attrib["data-target"],
            p.attrib["data-needs-reason"] == "true",
        )
        for p in root.iter(f"{SVG}path")
        if p.attrib.get("class") == "transition"
    }
    return states, arrows


def test_the_diagram_draws_every_state_and_transition_of_the_table_and_no_other() -> (
    None
):
    states, arrows = _read(lifecycle_svg())
    table = REQUEST_LIFECYCLE
    assert states == {
        state.value: (state in table.start, state in table.terminal) for state in State
    }
    assert arrows == {
        (t.source.value, t.target.value, t.needs_reason) for t in table.transitions
    }
    assert lifecycle_svg().count('class="transition"') == len(table.transitions)


def test_the_same_table_always_draws_the_same_diagram() -> None:
    assert lifecycle_svg() == lifecycle_svg(REQUEST_LIFECYCLE)


def test_no_two_states_are_drawn_in_one_place() -> None:
    root = ET.fromstring(lifecycle_svg())
    corners = [(rect.attrib["x"], rect.attrib["y"]) for rect in root.iter(f"{SVG}rect")]
    assert len(corners) == len(set(corners)) == len(State)


class _Light(enum.Enum):
    RED = "red"
    GREEN = "green"
    OFF = "off"


def test_another_table_of_the_same_shape_is_drawn_the_same_way() -> None:
    lights = Lifecycle(
        name="traffic light",
        states=tuple(_Light),
        start=frozenset({_Light.RED}),
        transitions=(
            Transition(source=_Light.RED, target=_Light.GREEN),
            Transition(source=_Light.GREEN, target=_Light.RED),
            Transition(source=_Light.GREEN, target=_Light.OFF, needs_reason=True),
        ),
    )
    states, arrows = _read(lifecycle_svg(lights))
    assert states == {
        "red": (True, False),
        "green": (False, False),
        "off": (False, True),
    }
    assert arrows == {
        ("red", "green", False),
        ("green", "red", False),
        ("green", "off", True),
    }
