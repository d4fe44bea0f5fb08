"""From request to placement: the lifecycle of a placement request as one table.

:data:`REQUEST_LIFECYCLE` is the table (states, allowed transitions, which
need a reason; the terminal states follow from it), with what FHIR R4 calls
each state (:data:`FHIR_R4`). Events are values (:class:`RequestEvent`: the
request, the day, the new state, the reason, the role of who acted, never a
name); :func:`request_history` checks any number of interleaved histories
against the table and reports every bad step with a stable code. The
diagram of the docs is drawn from the table (:func:`lifecycle_svg`).

.. versionadded:: 0.5
"""

from ._diagram import lifecycle_svg
from ._history import (
    HISTORY_CODES,
    HistoryProblem,
    RequestEvent,
    RequestHistory,
    request_history,
)
from ._lifecycle import (
    FHIR_R4,
    FHIR_SERVICE_REQUEST_STATUSES,
    FHIR_TASK_STATUSES,
    REQUEST_LIFECYCLE,
    FhirStatus,
    Lifecycle,
    Role,
    State,
    Transition,
)

__all__ = [
    "FHIR_R4",
    "FHIR_SERVICE_REQUEST_STATUSES",
    "FHIR_TASK_STATUSES",
    "HISTORY_CODES",
    "REQUEST_LIFECYCLE",
    "FhirStatus",
    "HistoryProblem",
    "Lifecycle",
    "RequestEvent",
    "RequestHistory",
    "Role",
    "State",
    "Transition",
    "lifecycle_svg",
    "request_history",
]
