"""The lifecycle of a placement request as one table, and what FHIR R4 calls each state.

Owns :class:`State`, :class:`Role`, :class:`Transition`, :class:`Lifecycle`,
the table :data:`REQUEST_LIFECYCLE` and its FHIR R4 mapping
(:data:`FHIR_R4`, :class:`FhirStatus`). Everything else (the checks of a
history, the diagram, the docs' table, the strategies) reads this table and
never restates it, as h11 keeps its whole state machine in one table that its
docs and tests read. Must not know how a history is checked (``_history``) or
drawn (``_diagram``).

:class:`Lifecycle` is generic over the enum of its states, so that another
process (the matching of a child with a family) can be one table of the same
shape.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping
from typing import Generic, TypeVar

import attrs

__all__ = [
    "FHIR_R4",
    "FHIR_SERVICE_REQUEST_STATUSES",
    "FHIR_TASK_STATUSES",
    "REQUEST_LIFECYCLE",
    "FhirStatus",
    "Lifecycle",
    "Role",
    "State",
    "Transition",
]

S = TypeVar("S", bound=enum.Enum)


class State(enum.Enum):
    """Where a placement request stands.

    ``HOLD_EXPIRED`` goes back to review; ``ENDED``, ``DECLINED``,
    ``WITHDRAWN``, ``BROKE_DOWN`` and ``ENTERED_IN_ERROR`` are terminal
    (:attr:`Lifecycle.terminal` derives them from the table).

    .. versionadded:: 0.5
    """

    DRAFT = "draft"
    REQUESTED = "requested"
    UNDER_REVIEW = "under_review"
    PLACE_HELD = "place_held"
    ACCEPTED = "accepted"
    PLACED = "placed"
    ON_HOLD = "on_hold"
    ENDED = "ended"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    HOLD_EXPIRED = "hold_expired"
    BROKE_DOWN = "broke_down"
    ENTERED_IN_ERROR = "entered_in_error"

    @property
    def label(self) -> str:
        """The state in words: ``"place held"``."""
        return self.value.replace("_", " ")


class Role(enum.Enum):
    """In what capacity someone acted on a request: a role, never a name.

    - ``REFERRER``: who asks for the placement (the child-protection
      department's social worker).
    - ``REVIEWER``: who reviews the request (a panel, the regional
      foster-care team).
    - ``PROVIDER``: the service that holds or gives the place.
    - ``FAMILY``: the child, the parents or the carers.
    - ``COURT``: a court that orders or ends the placement.
    - ``RECORDS``: whoever keeps the records (a correction, an entry in error).

    .. versionadded:: 0.5
    """

    REFERRER = "referrer"
    REVIEWER = "reviewer"
    PROVIDER = "provider"
    FAMILY = "family"
    COURT = "court"
    RECORDS = "records"


@attrs.frozen(kw_only=True)
class Transition(Generic[S]):
    """One allowed step of a lifecycle: from ``source`` to ``target``, and
    whether the event must give a reason.

    .. versionadded:: 0.5
    """

    source: S
    target: S
    needs_reason: bool = False


@attrs.frozen(kw_only=True)
class Lifecycle(Generic[S]):
    """A process as one table: its states, where it may begin, and the
    allowed transitions (the order of the table is the order of the docs).

    A state is terminal when no transition leaves it.

    >>> REQUEST_LIFECYCLE.allows(State.PLACE_HELD, State.ACCEPTED)
    True
    >>> REQUEST_LIFECYCLE.allows(State.DRAFT, State.PLACED)
    False
    >>> REQUEST_LIFECYCLE.transition(State.PLACED, State.BROKE_DOWN).needs_reason
    True

    .. versionadded:: 0.5
    """

    name: str
    states: tuple[S, ...]
    start: frozenset[S]
    transitions: tuple[Transition[S], ...]
    _index: Mapping[tuple[S, S], Transition[S]] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        index = {(t.source, t.target): t for t in self.transitions}
        object.__setattr__(self, "_index", index)  # a plain dict: the value pickles

    def allows(self, source: S, target: S) -> bool:
        """Whether the table has a transition from ``source`` to ``target``."""
        return (source, target) in self._index

    def transition(self, source: S, target: S) -> Transition[S] | None:
        """The table's transition from ``source`` to ``target``, if there is one."""
        return self._index.get((source, target))

    def targets(self, source: S) -> tuple[S, ...]:
        """Where ``source`` may go, in the table's order."""
        return tuple(t.target for t in self.transitions if t.source == source)

    @property
    def terminal(self) -> frozenset[S]:
        """The states no transition leaves."""
        left = {t.source for t in self.transitions}
        return frozenset(state for state in self.states if state not in left)


def _table() -> tuple[Transition[State], ...]:
    s = State
    reason = {"needs_reason": True}
    # from each state: its usual next step first (what a strategy shrinks to)
    return (
        Transition(source=s.DRAFT, target=s.REQUESTED),
        Transition(source=s.DRAFT, target=s.WITHDRAWN, **reason),
        Transition(source=s.DRAFT, target=s.ENTERED_IN_ERROR, **reason),
        Transition(source=s.REQUESTED, target=s.UNDER_REVIEW),
        Transition(source=s.REQUESTED, target=s.DECLINED, **reason),
        Transition(source=s.REQUESTED, target=s.WITHDRAWN, **reason),
        Transition(source=s.REQUESTED, target=s.ENTERED_IN_ERROR, **reason),
        Transition(source=s.UNDER_REVIEW, target=s.PLACE_HELD),
        Transition(source=s.UNDER_REVIEW, target=s.DECLINED, **reason),
        Transition(source=s.UNDER_REVIEW, target=s.WITHDRAWN, **reason),
        Transition(source=s.UNDER_REVIEW, target=s.ENTERED_IN_ERROR, **reason),
        Transition(source=s.PLACE_HELD, target=s.ACCEPTED),
        Transition(source=s.PLACE_HELD, target=s.DECLINED, **reason),
        Transition(source=s.PLACE_HELD, target=s.HOLD_EXPIRED),
        Transition(source=s.PLACE_HELD, target=s.WITHDRAWN, **reason),
        Transition(source=s.PLACE_HELD, target=s.ENTERED_IN_ERROR, **reason),
        Transition(source=s.ACCEPTED, target=s.PLACED),
        Transition(source=s.ACCEPTED, target=s.HOLD_EXPIRED),
        Transition(source=s.ACCEPTED, target=s.WITHDRAWN, **reason),
        Transition(source=s.ACCEPTED, target=s.ENTERED_IN_ERROR, **reason),
        Transition(source=s.HOLD_EXPIRED, target=s.UNDER_REVIEW),
        Transition(source=s.HOLD_EXPIRED, target=s.WITHDRAWN, **reason),
        Transition(source=s.HOLD_EXPIRED, target=s.ENTERED_IN_ERROR, **reason),
        Transition(source=s.PLACED, target=s.ENDED, **reason),
        Transition(source=s.PLACED, target=s.ON_HOLD, **reason),
        Transition(source=s.PLACED, target=s.BROKE_DOWN, **reason),
        Transition(source=s.PLACED, target=s.ENTERED_IN_ERROR, **reason),
        Transition(source=s.ON_HOLD, target=s.PLACED),
        Transition(source=s.ON_HOLD, target=s.ENDED, **reason),
        Transition(source=s.ON_HOLD, target=s.BROKE_DOWN, **reason),
        Transition(source=s.ON_HOLD, target=s.ENTERED_IN_ERROR, **reason),
    )


REQUEST_LIFECYCLE: Lifecycle[State] = Lifecycle(
    name="placement request",
    states=tuple(State),
    start=frozenset({State.DRAFT, State.REQUESTED}),
    transitions=_table(),
)
"""The lifecycle of a placement request: the one table of its transitions.

A request begins as a draft or as requested. A place is held for it
(until the expiry the event gives), accepted, and the child is placed;
the placement may go on hold and resume, and ends as planned or breaks
down. A hold that expires sends the request back to review. Withdrawing,
declining, ending, breaking down and entering in error need a reason.
"""


@attrs.frozen(kw_only=True)
class FhirStatus:
    """What FHIR R4 calls a state: ``Task.status`` and ``ServiceRequest.status``.

    .. versionadded:: 0.5
    """

    task: str
    service_request: str


FHIR_TASK_STATUSES = (
    "draft",
    "requested",
    "received",
    "accepted",
    "rejected",
    "ready",
    "cancelled",
    "in-progress",
    "on-hold",
    "failed",
    "completed",
    "entered-in-error",
)
"""The FHIR R4 value set ``http://hl7.org/fhir/ValueSet/task-status`` (v4.0.1),
https://www.hl7.org/fhir/R4/codesystem-task-status.html."""

FHIR_SERVICE_REQUEST_STATUSES = (
    "draft",
    "active",
    "on-hold",
    "revoked",
    "completed",
    "entered-in-error",
    "unknown",
)
"""The FHIR R4 value set ``http://hl7.org/fhir/ValueSet/request-status``
(v4.0.1) that ``ServiceRequest.status`` takes,
https://www.hl7.org/fhir/R4/codesystem-request-status.html."""


def _fhir(task: str, service_request: str) -> FhirStatus:
    return FhirStatus(task=task, service_request=service_request)


FHIR_R4: Mapping[State, FhirStatus] = types.MappingProxyType(
    {
        State.DRAFT: _fhir("draft", "draft"),
        State.REQUESTED: _fhir("requested", "active"),
        State.UNDER_REVIEW: _fhir("received", "active"),
        State.PLACE_HELD: _fhir("accepted", "active"),
        State.ACCEPTED: _fhir("accepted", "active"),
        State.PLACED: _fhir("in-progress", "active"),
        State.ON_HOLD: _fhir("on-hold", "on-hold"),
        State.ENDED: _fhir("completed", "completed"),
        State.DECLINED: _fhir("rejected", "revoked"),
        State.WITHDRAWN: _fhir("cancelled", "revoked"),
        State.HOLD_EXPIRED: _fhir("cancelled", "active"),
        State.BROKE_DOWN: _fhir("failed", "revoked"),
        State.ENTERED_IN_ERROR: _fhir("entered-in-error", "entered-in-error"),
    }
)
"""Each state as FHIR R4 records it, so that a referral system can translate.

``ServiceRequest.status`` is the request as a whole; ``Task.status`` is the
current attempt to place the child with one service: the service receives
the request (``received``), agrees and holds a place (``accepted``), and the
placement is the task in progress. When a hold expires that attempt is
``cancelled`` while the request stays ``active``: going back to review is a
new Task for the same ServiceRequest. ``ready`` and ``unknown`` are not used.
"""
