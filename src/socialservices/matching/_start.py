"""Starting a call: the arguments checked, and the rooms it works with.

Owns checking :func:`allocate`'s and :func:`allocate_first_come`'s arguments
and making, once per call, the batch, the services side and the demand side.
"""

from __future__ import annotations

from datetime import date

from .. import _checks
from .._registry import Registry
from ._batch import Batch, checked
from ._demand import Demand
from ._levels import Penalties
from ._outcomes import unplaced
from ._places import Places
from ._policy import Policy
from ._world import slots

__all__ = ["Start", "start"]


class Start:
    """What one call works on."""

    __slots__ = slots("batch demand on penalties places policy registry")

    def __init__(
        self, batch: Batch, registry: Registry, on: date, policy: Policy
    ) -> None:
        self.batch = batch
        self.registry = registry
        self.on = on
        self.policy = policy
        # the places held for the batch's own requests go back to the batch
        released = frozenset(
            request.id
            for request in (batch.in_memory if registry.holds else ())
            if registry.index.holds_of(request.id)
        )
        self.places = Places(registry, on, policy, released)
        self.demand = Demand(registry, on, policy, self.places, batch, unplaced)
        self.penalties = Penalties(policy)


def start(
    function: str,
    requests: object,
    registry: object,
    on: object,
    policy: object,
) -> Start:
    """The call's rooms, once its arguments are checked.

    Raises:
        InvalidValueError: when an argument is of the wrong type, or two
            requests share an id.
    """
    batch = checked(function, requests)
    _checks.argument(function, "registry", registry, Registry)
    _checks.date_argument(function, "on", on)
    if policy is None:
        policy = Policy()
    _checks.argument(function, "policy", policy, Policy)
    return Start(batch, registry, on, policy)  # type: ignore[arg-type]
