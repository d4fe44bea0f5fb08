"""The batch: the requests of one call, checked, in waiting order.

Owns checking the ``requests`` argument, waiting order (by ``requested_on``,
then id) and memory order (the order the request objects lie in memory,
which only sets the order of the reads of a million of them). It knows
nothing of services, persons or solving.
"""

from __future__ import annotations

import collections
import itertools
import operator
from collections.abc import Hashable, Iterable, Sequence
from datetime import date
from typing import cast

from .. import _checks
from .._errors import InvalidValueError
from .._person import PlacementRequest
from ._world import slots

__all__ = ["Batch", "checked", "codes", "drain", "waiting_order"]

_ID = operator.attrgetter("id")
_REQUESTED_ON = operator.attrgetter("requested_on")
_ORDINAL = date.toordinal

drain = collections.deque[object](maxlen=0).extend
"""Run an iterator through (a C-level loop)."""


def codes(values: Iterable[Hashable]) -> list[int]:
    """Per value, a code: equal values (and only they) share one."""
    codes: dict[Hashable, int] = {}
    return list(map(codes.setdefault, values, itertools.count()))


class Batch:
    """The requests of one call, in waiting order and in memory order.

    A pass that reads one field of a million requests (or of their persons)
    runs several times faster over the objects in the order they lie in
    memory, which is the order they were made in, than in any other order:
    the reads then go to neighbouring addresses. So every such pass goes
    over ``in_memory``, and its results are put back in waiting order
    through ``position``. Memory order decides nothing: it only sets the
    order of the reads.
    """

    __slots__ = slots("_requests in_memory order position")

    def __init__(
        self, in_memory: list[PlacementRequest], order: list[int], position: list[int]
    ) -> None:
        self.in_memory = in_memory
        """By address."""
        self.order = order
        """The index in ``in_memory`` of each request, in waiting order."""
        self.position = position
        """The waiting position of each request of ``in_memory``."""
        self._requests: list[PlacementRequest] | None = None

    def __len__(self) -> int:
        return len(self.in_memory)

    def request(self, position: int) -> PlacementRequest:
        """The request at ``position`` in waiting order."""
        return self.in_memory[self.order[position]]

    @property
    def requests(self) -> list[PlacementRequest]:
        """In waiting order: by ``requested_on``, then id (made when asked for:
        most calls only need a few)."""
        if self._requests is None:
            self._requests = list(map(self.in_memory.__getitem__, self.order))
        return self._requests


def checked(function: str, requests: object) -> Batch:
    """The requests, checked, in memory order and in waiting order (by
    ``requested_on``, then id)."""
    if not _checks.is_collection(requests):
        raise InvalidValueError(
            function, "requests", requests, "wrong_type", "must be a collection"
        )
    given = list(cast("Iterable[PlacementRequest]", requests))
    # reading them in the order given would visit them all at random in a
    # shuffled list; the order they lie in memory visits neighbours
    in_memory = sorted(given, key=id)
    if set(map(type, in_memory)) - {PlacementRequest}:
        _refuse(function, given)  # passes subclasses of requests only
    ids = list(map(_ID, in_memory))
    if len(set(ids)) != len(ids):
        _refuse(function, given)
    days = list(map(_ORDINAL, map(_REQUESTED_ON, in_memory)))
    order = waiting_order(days, ids)
    position = [0] * len(order)
    drain(map(position.__setitem__, order, range(len(order))))
    return Batch(in_memory, order, position)


def waiting_order(days: list[int], ids: list[str]) -> list[int]:
    """Positions sorted by day, then id: integers sort fast, so by day first,
    then each day's requests (far fewer) by id."""
    order = sorted(range(len(days)), key=days.__getitem__)
    by_id = ids.__getitem__
    start = 0
    for _, count in sorted(collections.Counter(days).items()):
        if count > 1:
            order[start : start + count] = sorted(
                order[start : start + count], key=by_id
            )
        start += count
    return order


def _refuse(function: str, given: Sequence[PlacementRequest]) -> None:
    """Raise for the first request, in the order given, that is not a
    request or repeats an earlier id."""
    ids: set[str] = set()
    for count, request in enumerate(given, start=1):
        if request.__class__ is not PlacementRequest:
            _checks.argument(function, "requests", request, PlacementRequest)
        ids.add(request.id)
        if len(ids) != count:
            raise InvalidValueError(
                function,
                "requests",
                request.id,
                "duplicate",
                "two requests share an id",
            )
