"""Strategies of request histories: ones that follow the lifecycle, and ones
that break it at exactly one step, with the code of the break.

Owns :func:`request_histories` and :func:`broken_request_histories`. Every
step is drawn from :data:`socialservices.requests.REQUEST_LIFECYCLE` itself
(its ``targets`` and ``needs_reason``), so the strategies follow the table
and never restate it.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..requests import (
    HISTORY_CODES,
    REQUEST_LIFECYCLE,
    RequestEvent,
    Role,
    State,
)
from ._arguments import check_bounds, given_or
from ._values import FIRST_DAY, identifiers

__all__ = ["broken_request_histories", "request_histories"]

_LAST_START = date(2028, 12, 31)
_REASONS = (
    "the family asked to wait",
    "a place nearer home became free",
    "the child's view was heard",
    "the court decided",
    "recorded twice",
)
_TABLE = REQUEST_LIFECYCLE
_NOT_START = tuple(state for state in State if state not in _TABLE.start)

History = tuple[RequestEvent, ...]


def _event(
    draw: st.DrawFn,
    request: str,
    day: date,
    state: State,
    services: st.SearchStrategy[str],
    *,
    reason: bool,
) -> RequestEvent:
    """An event of ``state``; with a reason when ``reason``, else now and then."""
    given = draw(st.sampled_from(_REASONS)) if reason else None
    if not reason:
        given = draw(st.none() | st.sampled_from(_REASONS))
    held = state is State.PLACE_HELD
    return RequestEvent(
        request=request,
        day=day,
        state=state,
        role=draw(st.sampled_from(Role)),
        reason=given,
        service=draw(services) if held else None,
        hold_expires=day + timedelta(days=draw(st.integers(1, 90))) if held else None,
    )


def _expiry(events: list[RequestEvent]) -> date:
    """The day the last hold expires (the first event's day when none)."""
    for event in reversed(events):
        if event.hold_expires is not None:
            return event.hold_expires
    return events[0].day


def _step(
    draw: st.DrawFn,
    events: list[RequestEvent],
    target: State,
    services: st.SearchStrategy[str],
) -> None:
    """Add the table's step from the last event to ``target``."""
    last = events[-1]
    day = last.day + timedelta(days=draw(st.integers(0, 60)))
    if target is State.HOLD_EXPIRED:
        day = max(day, _expiry(events))
    transition = _TABLE.transition(last.state, target)
    needs = transition is not None and transition.needs_reason
    events.append(_event(draw, last.request, day, target, services, reason=needs))


def _walk_on(
    draw: st.DrawFn,
    events: list[RequestEvent],
    max_events: int,
    services: st.SearchStrategy[str],
) -> list[RequestEvent]:
    """Follow the table from the last event, stopping at random or at the end."""
    while len(events) < max_events and events[-1].state not in _TABLE.terminal:
        if draw(st.integers(0, 9)) == 0:  # goes on 9 times in 10; shrinks to stopping
            break
        targets = _TABLE.targets(events[-1].state)
        pick = draw(st.integers(0, 4 * len(targets)))  # the usual step, mostly
        target = targets[pick if pick < len(targets) else 0]
        _step(draw, events, target, services)
    return events


def _start(
    draw: st.DrawFn, request: str, state: State, services: st.SearchStrategy[str]
) -> list[RequestEvent]:
    day = draw(st.dates(FIRST_DAY, _LAST_START))
    return [_event(draw, request, day, state, services, reason=False)]


def _valid(
    draw: st.DrawFn, request: str, max_events: int, services: st.SearchStrategy[str]
) -> list[RequestEvent]:
    first = draw(st.sampled_from(sorted(_TABLE.start, key=list(State).index)))
    return _walk_on(draw, _start(draw, request, first, services), max_events, services)


def _interleave(draw: st.DrawFn, walks: list[list[RequestEvent]]) -> History:
    """The requests' events as one log by day, requests in a drawn order."""
    order = draw(st.permutations(range(len(walks))))
    events = [event for i in order for event in walks[i]]
    return tuple(sorted(events, key=lambda event: event.day))  # stable


def _arguments(
    function: str,
    ids: st.SearchStrategy[str] | None,
    services: st.SearchStrategy[str] | None,
    min_requests: int,
    max_requests: int,
    max_events: int,
    floor: int,
) -> tuple[st.SearchStrategy[str], st.SearchStrategy[str]]:
    check_bounds(function, "requests", min_requests, max_requests, floor)
    check_bounds(function, "events", 1, max_events, 1)
    return (
        given_or(function, "ids", ids, identifiers()),
        given_or(function, "services", services, identifiers()),
    )


def request_histories(
    *,
    ids: st.SearchStrategy[str] | None = None,
    services: st.SearchStrategy[str] | None = None,
    min_requests: int = 1,
    max_requests: int = 3,
    max_events: int = 10,
) -> st.SearchStrategy[History]:
    """Histories of requests that follow the lifecycle table, as one log by day.

    Each request (``min_requests`` to ``max_requests``, ids from ``ids``)
    begins in a start state and takes up to ``max_events`` steps the table
    allows, with a reason where the table asks for one; a held place is in a
    service from ``services`` and expires 1 to 90 days later, and a hold is
    never recorded as expired before then. :func:`~socialservices.requests.request_history`
    finds no problem in any of them. Shrinks towards fewer requests with
    shorter histories along the table's first transitions (draft, requested,
    under review, place held, accepted, placed, ended).

    Raises:
        InvalidArgument: bounds that are not whole numbers in order, or an
            argument that is not a strategy.

    .. versionadded:: 0.5
    """
    names, held_in = _arguments(
        "request_histories", ids, services, min_requests, max_requests, max_events, 0
    )

    @st.composite
    def draw_histories(draw: st.DrawFn) -> History:
        requests = draw(
            st.lists(names, min_size=min_requests, max_size=max_requests, unique=True)
        )
        return _interleave(
            draw, [_valid(draw, request, max_events, held_in) for request in requests]
        )

    return draw_histories()


def _not_allowed(
    draw: st.DrawFn, request: str, max_events: int, services: st.SearchStrategy[str]
) -> list[RequestEvent]:
    events = _valid(draw, request, max_events, services)
    if events[-1].state in _TABLE.terminal:
        events.pop()  # only the last step can reach a terminal state
    last = events[-1]
    target = draw(
        st.sampled_from([s for s in State if not _TABLE.allows(last.state, s)])
    )
    day = last.day + timedelta(days=draw(st.integers(0, 60)))
    events.append(_event(draw, request, day, target, services, reason=True))
    return events


def _to_terminal(
    draw: st.DrawFn, events: list[RequestEvent], services: st.SearchStrategy[str]
) -> list[RequestEvent]:
    if events[-1].state not in _TABLE.terminal:
        ends = [s for s in _TABLE.targets(events[-1].state) if s in _TABLE.terminal]
        _step(draw, events, draw(st.sampled_from(ends)), services)
    return events


def _after_end(
    draw: st.DrawFn, request: str, max_events: int, services: st.SearchStrategy[str]
) -> list[RequestEvent]:
    events = _to_terminal(draw, _valid(draw, request, max_events, services), services)
    day = events[-1].day + timedelta(days=draw(st.integers(0, 60)))
    state = draw(st.sampled_from(State))
    events.append(_event(draw, request, day, state, services, reason=True))
    return events


def _no_reason(
    draw: st.DrawFn, request: str, max_events: int, services: st.SearchStrategy[str]
) -> list[RequestEvent]:
    events = _valid(draw, request, max_events, services)
    needing = [
        i
        for i in range(1, len(events))
        if (t := _TABLE.transition(events[i - 1].state, events[i].state)) is not None
        and t.needs_reason
    ]
    if not needing:
        events = _to_terminal(draw, events, services)  # every end needs a reason
        needing = [len(events) - 1]
    i = draw(st.sampled_from(needing))
    old = events[i]
    events[i] = RequestEvent(
        request=old.request,
        day=old.day,
        state=old.state,
        role=old.role,
        service=old.service,
        hold_expires=old.hold_expires,
    )
    return events


def _bad_start(
    draw: st.DrawFn, request: str, max_events: int, services: st.SearchStrategy[str]
) -> list[RequestEvent]:
    first = draw(st.sampled_from(_NOT_START))
    return _walk_on(draw, _start(draw, request, first, services), max_events, services)


def _early_expiry(
    draw: st.DrawFn, request: str, max_events: int, services: st.SearchStrategy[str]
) -> list[RequestEvent]:
    events = _start(draw, request, State.REQUESTED, services)
    _step(draw, events, State.UNDER_REVIEW, services)
    _step(draw, events, State.PLACE_HELD, services)
    held = events[-1]
    last = _expiry(events) - timedelta(days=1)  # the hold's last day
    if draw(st.booleans()):
        day = draw(st.dates(held.day, last))
        events.append(
            _event(draw, request, day, State.ACCEPTED, services, reason=False)
        )
    day = draw(st.dates(events[-1].day, last))
    events.append(
        _event(draw, request, day, State.HOLD_EXPIRED, services, reason=False)
    )
    return _walk_on(draw, events, max_events, services)


_BREAKS = {
    "REQ001": _not_allowed,
    "REQ002": _after_end,
    "REQ003": _no_reason,
    "REQ004": _bad_start,
    "REQ005": _early_expiry,
}


def broken_request_histories(
    *,
    code: str,
    ids: st.SearchStrategy[str] | None = None,
    services: st.SearchStrategy[str] | None = None,
    min_requests: int = 1,
    max_requests: int = 3,
    max_events: int = 10,
) -> st.SearchStrategy[History]:
    """Histories with exactly one bad step, of the kind ``code`` names.

    One request (the first id drawn) breaks the lifecycle once: a step the
    table does not allow (``REQ001``), a step after a terminal state
    (``REQ002``), a reason left out where the table asks for one
    (``REQ003``), a first event in a state no request begins in
    (``REQ004``), or a hold recorded as expired before it expires
    (``REQ005``); every other step of it, and the other requests, follow
    the table. :func:`~socialservices.requests.request_history` finds one
    problem, of that code, on that request. The other arguments are those of
    :func:`request_histories`; shrinks as it does.

    Raises:
        InvalidArgument: a code that is not in
            :data:`~socialservices.requests.HISTORY_CODES`, or a bad argument
            as for :func:`request_histories`.

    .. versionadded:: 0.5
    """
    if not isinstance(code, str) or code not in _BREAKS:
        raise InvalidArgument(
            f"broken_request_histories: code={code!r} is not a history code; "
            f"expected one of {sorted(HISTORY_CODES)}"
        )
    names, held_in = _arguments(
        "broken_request_histories",
        ids,
        services,
        min_requests,
        max_requests,
        max_events,
        1,
    )
    broken = _BREAKS[code]

    @st.composite
    def draw_broken(draw: st.DrawFn) -> History:
        requests = draw(
            st.lists(names, min_size=min_requests, max_size=max_requests, unique=True)
        )
        walks = [broken(draw, requests[0], max_events, held_in)]
        walks += [
            _valid(draw, request, max_events, held_in) for request in requests[1:]
        ]
        return _interleave(draw, walks)

    return draw_broken()
