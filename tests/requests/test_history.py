"""Checking histories: every problem with its code and place, in any order of events."""

from __future__ import annotations

import pickle
from datetime import date, timedelta

import pytest

from socialservices import InvalidValueError
from socialservices.requests import (
    HISTORY_CODES,
    RequestEvent,
    Role,
    State,
    request_history,
)

S = State
DAY = date(2026, 10, 20)


def _on(
    request: str,
    days: int,
    state: State,
    *,
    reason: str | None = None,
    expires: int | None = None,
) -> RequestEvent:
    held = state is S.PLACE_HELD
    return RequestEvent(
        request=request,
        day=DAY + timedelta(days=days),
        state=state,
        role=Role.PROVIDER if held else Role.REFERRER,
        reason=reason,
        service="S-PIRDOP-FOSTER" if held else None,
        hold_expires=DAY + timedelta(days=days if expires is None else expires)
        if held
        else None,
    )


def _placed(request: str) -> list[RequestEvent]:
    return [
        _on(request, 0, S.REQUESTED),
        _on(request, 2, S.UNDER_REVIEW),
        _on(request, 7, S.PLACE_HELD, expires=14),
        _on(request, 9, S.ACCEPTED),
        _on(request, 13, S.PLACED),
    ]


def test_a_request_placed_step_by_step_has_no_problem() -> None:
    history = request_history(_placed("R-01"))
    assert history.problems == ()
    assert history.is_valid
    assert history.state_on("R-01", DAY + timedelta(days=8)) is S.PLACE_HELD
    assert history.state_on("R-01", DAY - timedelta(days=1)) is None
    assert history.state_on("R-02", DAY) is None


def test_every_bad_step_is_reported_not_only_the_first() -> None:
    events = [
        _on("R-1", 0, S.DRAFT),
        _on("R-1", 1, S.PLACED),  # REQ001
        _on("R-1", 2, S.BROKE_DOWN),  # REQ003: no reason
        _on("R-1", 3, S.REQUESTED, reason="again"),  # REQ002
    ]
    problems = request_history(events).problems
    assert [(p.code, p.index, p.previous, p.state) for p in problems] == [
        ("REQ001", 1, S.DRAFT, S.PLACED),
        ("REQ003", 2, S.PLACED, S.BROKE_DOWN),
        ("REQ002", 3, S.BROKE_DOWN, S.REQUESTED),
    ]
    assert all(p.request == "R-1" for p in problems)
    assert set(HISTORY_CODES) == {"REQ001", "REQ002", "REQ003", "REQ004", "REQ005"}


def test_a_request_first_seen_under_review_begins_badly() -> None:
    problems = request_history([_on("R-1", 0, S.UNDER_REVIEW)]).problems
    assert [(p.code, p.index, p.previous) for p in problems] == [("REQ004", 0, None)]


def test_a_hold_cannot_expire_before_its_expiry_day() -> None:
    held = [
        _on("R-1", 0, S.REQUESTED),
        _on("R-1", 1, S.UNDER_REVIEW),
        _on("R-1", 2, S.PLACE_HELD, expires=9),
    ]
    early = request_history([*held, _on("R-1", 8, S.HOLD_EXPIRED)]).problems
    assert [(p.code, p.index, p.day) for p in early] == [
        ("REQ005", 3, DAY + timedelta(days=8))
    ]
    on_the_day = request_history([*held, _on("R-1", 9, S.HOLD_EXPIRED)])
    assert on_the_day.problems == ()


def test_a_new_hold_after_review_has_its_own_expiry() -> None:
    events = [
        _on("R-1", 0, S.REQUESTED),
        _on("R-1", 1, S.UNDER_REVIEW),
        _on("R-1", 2, S.PLACE_HELD, expires=5),
        _on("R-1", 5, S.HOLD_EXPIRED),
        _on("R-1", 6, S.UNDER_REVIEW),
        _on("R-1", 7, S.PLACE_HELD, expires=20),
        _on("R-1", 10, S.HOLD_EXPIRED),
    ]
    assert [(p.code, p.index) for p in request_history(events).problems] == [
        ("REQ005", 6)
    ]


def test_events_of_one_request_are_taken_by_day_then_in_the_order_given() -> None:
    events = _placed("R-1")
    shuffled = [events[4], events[2], events[0], events[3], events[1]]
    history = request_history(shuffled)
    assert history.problems == ()
    assert history.events == tuple(events)
    same_day = [_on("R-1", 0, S.REQUESTED), _on("R-1", 0, S.UNDER_REVIEW)]
    assert request_history(same_day).is_valid
    swapped = request_history(same_day[::-1]).problems
    assert [(p.code, p.index) for p in swapped] == [("REQ004", 0), ("REQ001", 1)]


def test_interleaved_requests_are_each_checked_on_their_own() -> None:
    one, two = _placed("R-1"), _placed("R-2")
    two[3] = _on("R-2", 9, S.ENDED, reason="too soon")  # accepted -> ended
    mixed = [event for pair in zip(two, one, strict=True) for event in pair]
    problems = request_history(mixed).problems
    assert [(p.code, p.request, p.index) for p in problems] == [
        ("REQ001", "R-2", 6),  # ended, from place held
        ("REQ002", "R-2", 8),  # placed after it ended
    ]


def test_a_hundred_thousand_interleaved_events_are_checked_in_one_sort() -> None:
    # 20,000 requests of 5 events, given newest first: a quadratic check
    # would take minutes; one sort and one pass take well under a second
    events = [event for n in range(20_000) for event in _placed(f"R-{n}")]
    events.reverse()
    events.append(_on("R-7", 30, S.DRAFT))
    history = request_history(events)
    assert len(history.events) == 100_001
    assert [(p.code, p.request) for p in history.problems] == [("REQ001", "R-7")]


def test_a_problem_and_a_history_are_values() -> None:
    history = request_history([_on("R-1", 0, S.ACCEPTED)])
    assert pickle.loads(pickle.dumps(history)) == history
    assert history == request_history([_on("R-1", 0, S.ACCEPTED)])


def test_events_that_are_not_events_are_refused_with_the_library_s_error() -> None:
    with pytest.raises(InvalidValueError) as raised:
        request_history([_on("R-1", 0, S.DRAFT), "draft"])  # type: ignore[list-item]
    assert (raised.value.type_name, raised.value.field, raised.value.code) == (
        "request_history",
        "events",
        "wrong_type",
    )
    with pytest.raises(InvalidValueError) as raised:
        request_history(3)  # type: ignore[arg-type]
    assert raised.value.code == "wrong_type"
    with pytest.raises(InvalidValueError) as raised:
        request_history([]).state_on("R-1", "2026-01-01")  # type: ignore[arg-type]
    assert raised.value.code == "wrong_type"


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"state": S.PLACE_HELD, "service": "S-1"}, "hold_expires", "missing"),
        (
            {"state": S.PLACE_HELD, "hold_expires": date(2026, 2, 1)},
            "service",
            "missing",
        ),
        (
            {"state": S.PLACE_HELD, "service": "S-1", "hold_expires": date(2026, 1, 5)},
            "hold_expires",
            "before_start",
        ),
        (
            {"state": S.ACCEPTED, "hold_expires": date(2026, 2, 1)},
            "hold_expires",
            "malformed",
        ),
        ({"state": "placed"}, "state", "wrong_type"),
        ({"state": S.PLACED, "role": "social worker"}, "role", "wrong_type"),
        ({"state": S.PLACED, "reason": " "}, "reason", "empty"),
        ({"state": S.PLACED, "request": "R 1"}, "request", "malformed"),
    ],
)
def test_an_event_refuses_what_it_can_know_is_wrong(
    fields: dict[str, object], field: str, code: str
) -> None:
    given: dict[str, object] = {
        "request": "R-1",
        "day": date(2026, 1, 5),
        "role": Role.PROVIDER,
        **fields,
    }
    with pytest.raises(InvalidValueError) as raised:
        RequestEvent(**given)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.code) == (field, code)


def test_a_held_place_is_held_from_the_event_until_its_expiry() -> None:
    held = _on("R-1", 7, S.PLACE_HELD, expires=14)
    assert held.hold is not None
    assert (held.hold.start, held.hold.end) == (
        DAY + timedelta(days=7),
        DAY + timedelta(days=14),
    )
    assert _on("R-1", 9, S.ACCEPTED).hold is None
