"""The lifecycle table: what it allows and refuses, what ends a request, what FHIR calls it."""

from __future__ import annotations

import itertools
import pickle
from collections import deque
from datetime import date, timedelta

import pytest

from socialservices.requests import (
    FHIR_R4,
    FHIR_SERVICE_REQUEST_STATUSES,
    FHIR_TASK_STATUSES,
    REQUEST_LIFECYCLE,
    RequestEvent,
    Role,
    State,
    Transition,
    request_history,
)

S = State
# the issue's lifecycle, written out by hand: (from, to, needs a reason)
SPECIFIED = {
    (S.DRAFT, S.REQUESTED, False),
    (S.DRAFT, S.WITHDRAWN, True),
    (S.REQUESTED, S.UNDER_REVIEW, False),
    (S.REQUESTED, S.DECLINED, True),
    (S.REQUESTED, S.WITHDRAWN, True),
    (S.UNDER_REVIEW, S.PLACE_HELD, False),
    (S.UNDER_REVIEW, S.DECLINED, True),
    (S.UNDER_REVIEW, S.WITHDRAWN, True),
    (S.PLACE_HELD, S.ACCEPTED, False),
    (S.PLACE_HELD, S.DECLINED, True),
    (S.PLACE_HELD, S.HOLD_EXPIRED, False),
    (S.PLACE_HELD, S.WITHDRAWN, True),
    (S.ACCEPTED, S.PLACED, False),
    (S.ACCEPTED, S.HOLD_EXPIRED, False),
    (S.ACCEPTED, S.WITHDRAWN, True),
    (S.HOLD_EXPIRED, S.UNDER_REVIEW, False),
    (S.HOLD_EXPIRED, S.WITHDRAWN, True),
    (S.PLACED, S.ENDED, True),
    (S.PLACED, S.ON_HOLD, True),
    (S.PLACED, S.BROKE_DOWN, True),
    (S.ON_HOLD, S.PLACED, False),
    (S.ON_HOLD, S.ENDED, True),
    (S.ON_HOLD, S.BROKE_DOWN, True),
}
TERMINAL = {S.ENDED, S.DECLINED, S.WITHDRAWN, S.BROKE_DOWN, S.ENTERED_IN_ERROR}
SPECIFIED |= {(state, S.ENTERED_IN_ERROR, True) for state in set(S) - TERMINAL}
DAY = date(2026, 1, 5)


def test_the_table_is_the_lifecycle_the_issue_specifies() -> None:
    table = {
        (t.source, t.target, t.needs_reason) for t in REQUEST_LIFECYCLE.transitions
    }
    assert table == SPECIFIED
    assert len(REQUEST_LIFECYCLE.transitions) == len(SPECIFIED)  # no row twice


def test_terminal_states_are_those_no_transition_leaves() -> None:
    assert REQUEST_LIFECYCLE.terminal == TERMINAL
    assert REQUEST_LIFECYCLE.start == {S.DRAFT, S.REQUESTED}
    assert REQUEST_LIFECYCLE.states == tuple(State)


def test_every_state_can_be_reached_from_a_start() -> None:
    seen = set(REQUEST_LIFECYCLE.start)
    queue = deque(seen)
    while queue:
        for target in REQUEST_LIFECYCLE.targets(queue.popleft()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    assert seen == set(State)


def _path_to(state: State) -> list[State]:
    """A shortest path through the table from a start state to ``state``."""
    queue = deque(
        [[start] for start in sorted(REQUEST_LIFECYCLE.start, key=list(S).index)]
    )
    while queue:
        path = queue.popleft()
        if path[-1] is state:
            return path
        queue.extend(
            [*path, t] for t in REQUEST_LIFECYCLE.targets(path[-1]) if t not in path
        )
    raise AssertionError(state)


def _event(state: State, day: date, *, reason: str | None = "given") -> RequestEvent:
    held = state is S.PLACE_HELD
    return RequestEvent(
        request="R-1",
        day=day,
        state=state,
        role=Role.REFERRER,
        reason=reason,
        service="S-1" if held else None,
        hold_expires=day + timedelta(days=1) if held else None,
    )


def _codes_of_step(source: State, target: State) -> list[str]:
    path = [*_path_to(source), target]
    events = [
        _event(state, DAY + timedelta(days=10 * i)) for i, state in enumerate(path)
    ]
    problems = request_history(events).problems
    assert all(p.index == len(path) - 1 for p in problems)
    return [p.code for p in problems]


@pytest.mark.parametrize(
    ("source", "target"),
    list(itertools.product(State, State)),
    ids=lambda state: state.value,
)
def test_every_step_is_allowed_or_refused_as_the_table_says(
    source: State, target: State
) -> None:
    if source in TERMINAL:
        expected = ["REQ002"]
    elif REQUEST_LIFECYCLE.allows(source, target):
        expected = []
    else:
        expected = ["REQ001"]
    assert _codes_of_step(source, target) == expected


@pytest.mark.parametrize(
    "transition",
    [t for t in REQUEST_LIFECYCLE.transitions if t.needs_reason],
    ids=lambda t: f"{t.source.value}-{t.target.value}",
)
def test_a_step_that_needs_a_reason_without_one_is_refused(
    transition: Transition[State],
) -> None:
    source, target = transition.source, transition.target
    path = _path_to(source)
    events = [
        _event(state, DAY + timedelta(days=10 * i)) for i, state in enumerate(path)
    ]
    events.append(_event(target, DAY + timedelta(days=10 * len(path)), reason=None))
    assert [(p.code, p.index) for p in request_history(events).problems] == [
        ("REQ003", len(path))
    ]


def test_steps_that_need_no_reason_take_none() -> None:
    free = [t for t in REQUEST_LIFECYCLE.transitions if not t.needs_reason]
    assert {(t.source, t.target) for t in free} >= {
        (S.DRAFT, S.REQUESTED),
        (S.ON_HOLD, S.PLACED),
    }
    for t in free:
        path = [*_path_to(t.source), t.target]
        events = [
            _event(s, DAY + timedelta(days=10 * i), reason=None)
            for i, s in enumerate(path)
        ]
        found = [
            p for p in request_history(events).problems if p.index == len(path) - 1
        ]
        assert found == []


def test_every_state_has_a_fhir_task_and_service_request_status_from_r4() -> None:
    assert set(FHIR_R4) == set(State)
    assert len(FHIR_TASK_STATUSES) == 12
    assert len(FHIR_SERVICE_REQUEST_STATUSES) == 7
    for status in FHIR_R4.values():
        assert status.task in FHIR_TASK_STATUSES
        assert status.service_request in FHIR_SERVICE_REQUEST_STATUSES


def test_fhir_ends_a_request_where_the_table_does() -> None:
    ends = {"completed", "revoked", "entered-in-error"}
    for state, status in FHIR_R4.items():
        assert (status.service_request in ends) == (state in TERMINAL), state
    assert FHIR_R4[S.PLACED].task == "in-progress"
    assert FHIR_R4[S.HOLD_EXPIRED].service_request == "active"


def test_the_table_is_a_value_that_pickles() -> None:
    copy = pickle.loads(pickle.dumps(REQUEST_LIFECYCLE))
    assert copy == REQUEST_LIFECYCLE
    assert copy.allows(S.PLACE_HELD, S.ACCEPTED)
