"""Events of placement requests, and the check of their histories against the table.

Owns :class:`RequestEvent`, :class:`HistoryProblem`, :class:`RequestHistory`,
the problem codes (:data:`HISTORY_CODES`) and :func:`request_history`. Reads
the lifecycle only through :data:`~._lifecycle.REQUEST_LIFECYCLE`'s methods;
restates none of its transitions.

A history is every event of every request, in any order: the events of one
request are taken by day, then in the order given; one sort puts them so
(``n log n``) and one pass checks them. Every bad step is reported, never
only the first: after a bad step the request is taken to be where the event
says, so one mistake in the records is one problem, not a cascade.
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from .. import _checks
from .._errors import InvalidValueError
from .._period import Period
from ._lifecycle import REQUEST_LIFECYCLE, Role, State

__all__ = [
    "HISTORY_CODES",
    "HistoryProblem",
    "RequestEvent",
    "RequestHistory",
    "request_history",
]

HISTORY_CODES: Mapping[str, str] = types.MappingProxyType(
    {
        "REQ001": "a transition the lifecycle does not allow",
        "REQ002": "an event after the request reached a terminal state",
        "REQ003": "a transition that needs a reason, given none",
        "REQ004": "a request whose first event is not a state it may begin in",
        "REQ005": "a hold recorded as expired before the day it expires",
    }
)
"""The stable code of each kind of problem in a history, with its meaning."""


def _hold_expiry(
    instance: RequestEvent, attribute: attrs.Attribute[Any], value: object
) -> None:
    _checks.optional_date(instance, attribute, value)
    holds = instance.state is State.PLACE_HELD
    if holds and value is None:
        raise _checks.fail(
            instance, attribute, value, "missing", "a held place has an expiry"
        )
    if not holds and value is not None:
        raise _checks.fail(
            instance,
            attribute,
            value,
            "malformed",
            "only an event that holds a place has an expiry",
        )
    if isinstance(value, date) and value <= instance.day:
        raise _checks.fail(
            instance,
            attribute,
            value,
            "before_start",
            "a hold expires after the day it is made",
        )


def _held_service(
    instance: RequestEvent, attribute: attrs.Attribute[Any], value: object
) -> None:
    _checks.optional_identifier(instance, attribute, value)
    if instance.state is State.PLACE_HELD and value is None:
        raise _checks.fail(
            instance, attribute, value, "missing", "a held place is in a service"
        )


@attrs.frozen(kw_only=True)
class RequestEvent:
    """One step of a request: on ``day``, the request moved to ``state``.

    ``role`` says in what capacity the one who acted did so (never who).
    ``reason`` is the reason given, where the table asks for one. An event
    that holds a place (``State.PLACE_HELD``) names the ``service`` and the
    day the hold expires (``hold_expires``, the first day the place is no
    longer held); :attr:`hold` is the period the place is held at most.

    >>> from datetime import date
    >>> held = RequestEvent(
    ...     request="R-01", day=date(2026, 10, 27), state=State.PLACE_HELD,
    ...     role=Role.PROVIDER, service="S-PIRDOP-FOSTER", hold_expires=date(2026, 11, 3),
    ... )
    >>> held.hold.days
    7
    >>> RequestEvent(request="R-01", day=date(2026, 10, 27), state=State.PLACE_HELD,
    ...              role=Role.PROVIDER, service="S-PIRDOP-FOSTER")
    Traceback (most recent call last):
    ...
    socialservices.InvalidValueError: RequestEvent.hold_expires=None: a held place has an expiry

    .. versionadded:: 0.5
    """

    request: str = attrs.field(validator=_checks.identifier)
    day: date = attrs.field(validator=_checks.a_date)
    state: State = attrs.field(validator=_checks.instance_of(State))
    role: Role = attrs.field(validator=_checks.instance_of(Role))
    reason: str | None = attrs.field(default=None, validator=_checks.optional_text)
    service: str | None = attrs.field(default=None, validator=_held_service)
    hold_expires: date | None = attrs.field(default=None, validator=_hold_expiry)

    @property
    def hold(self) -> Period | None:
        """The days the place is held at most, ``[day, hold_expires)``; ``None``
        for an event that holds no place. A later event of the request (accepted
        and placed, withdrawn, declined) may end it sooner."""
        if self.hold_expires is None:
            return None
        return Period(start=self.day, end=self.hold_expires)


@attrs.frozen(kw_only=True)
class HistoryProblem:
    """One bad step in a history, with its stable code and where it is.

    ``index`` is the event's position in the sequence given to
    :func:`request_history`; ``previous`` the state the request was in before
    it (``None`` for its first event); ``state`` the state the event records.

    .. versionadded:: 0.5
    """

    code: str
    request: str
    index: int
    day: date
    previous: State | None
    state: State
    message: str


@attrs.frozen(kw_only=True)
class RequestHistory:
    """The events of many requests, in order, and every problem found in them.

    ``events`` are ordered by request, then day, then the order given;
    ``problems`` in the same order.

    .. versionadded:: 0.5
    """

    events: tuple[RequestEvent, ...]
    problems: tuple[HistoryProblem, ...]

    @property
    def is_valid(self) -> bool:
        """Whether every step of every request follows the table."""
        return not self.problems

    def state_on(self, request: str, day: date) -> State | None:
        """Where ``request`` stood at the end of ``day`` (``None`` before its
        first event, or for a request with no event)."""
        _checks.date_argument("RequestHistory.state_on", "day", day)
        found = None
        for event in self.events:
            if event.request == request and event.day <= day:
                found = event.state
        return found


def _problem(
    code: str, index: int, event: RequestEvent, previous: State | None, message: str
) -> HistoryProblem:
    return HistoryProblem(
        code=code,
        request=event.request,
        index=index,
        day=event.day,
        previous=previous,
        state=event.state,
        message=message,
    )


def _step(
    index: int, event: RequestEvent, previous: State | None, hold: RequestEvent | None
) -> HistoryProblem | None:
    """The problem with one event, given the request's state before it."""
    table = REQUEST_LIFECYCLE
    new = event.state
    if previous is None:
        if new in table.start:
            return None
        return _problem(
            "REQ004", index, event, previous, f"a request cannot begin {new.label}"
        )
    if previous in table.terminal:
        return _problem(
            "REQ002",
            index,
            event,
            previous,
            f"the request was already {previous.label}; nothing follows",
        )
    transition = table.transition(previous, new)
    if transition is None:
        return _problem(
            "REQ001",
            index,
            event,
            previous,
            f"a request cannot go from {previous.label} to {new.label}",
        )
    if transition.needs_reason and event.reason is None:
        return _problem(
            "REQ003",
            index,
            event,
            previous,
            f"going from {previous.label} to {new.label} needs a reason",
        )
    expires = None if hold is None else hold.hold_expires
    if new is State.HOLD_EXPIRED and expires is not None and event.day < expires:
        return _problem(
            "REQ005",
            index,
            event,
            previous,
            f"the place was held until {expires.isoformat()}",
        )
    return None


def request_history(events: Iterable[RequestEvent]) -> RequestHistory:
    """Check the events of any number of requests against the lifecycle.

    Each request's events are taken by day, then in the order given (so
    events of many requests may come interleaved, in any order); every bad
    step is reported with its code (:data:`HISTORY_CODES`): a transition the
    table does not allow (``REQ001``), anything after a terminal state
    (``REQ002``), a missing reason (``REQ003``), a request that does not
    begin as a draft or as requested (``REQ004``), a hold expired before its
    expiry (``REQ005``).

    Args:
        events: :class:`RequestEvent` values, in any order.

    Returns:
        The events in order and every problem in them.

    Raises:
        InvalidValueError: ``events`` is not a collection of
            :class:`RequestEvent` (code ``"wrong_type"``).

    >>> from datetime import date
    >>> history = request_history([
    ...     RequestEvent(request="R-1", day=date(2026, 1, 5), state=State.REQUESTED,
    ...                  role=Role.REFERRER),
    ...     RequestEvent(request="R-1", day=date(2026, 1, 9), state=State.PLACED,
    ...                  role=Role.PROVIDER),
    ... ])
    >>> [(p.code, p.index, p.previous.value, p.state.value) for p in history.problems]
    [('REQ001', 1, 'requested', 'placed')]

    .. versionadded:: 0.5
    """
    if not _checks.is_collection(events):
        raise InvalidValueError(
            "request_history",
            "events",
            events,
            "wrong_type",
            "must be a collection of RequestEvent",
        )
    given = list(events)
    for event in given:
        if not isinstance(event, RequestEvent):
            raise InvalidValueError(
                "request_history",
                "events",
                event,
                "wrong_type",
                "each member must be a RequestEvent",
            )
    order = sorted(range(len(given)), key=lambda i: (given[i].request, given[i].day, i))
    problems: list[HistoryProblem] = []
    request: str | None = None
    previous: State | None = None
    hold: RequestEvent | None = None
    for index in order:
        event = given[index]
        if event.request != request:
            request, previous, hold = event.request, None, None
        problem = _step(index, event, previous, hold)
        if problem is not None:
            problems.append(problem)
        previous = event.state
        if event.state is State.PLACE_HELD:
            hold = event
    return RequestHistory(
        events=tuple(given[i] for i in order), problems=tuple(problems)
    )
