"""Allocating a batch of requests: most people placed, then closest to home.

:func:`allocate` is a short pipeline over rooms with one job each:

1. :mod:`._start` checks the arguments; :mod:`._batch` puts the requests in
   waiting order; :mod:`._places` reads the services on the day;
2. :mod:`._demand` sorts single persons into classes and keeps sibling
   groups apart;
3. :mod:`._groups` (built in, bounded) or :mod:`._highs` (the ``solver``
   extra, exact) chooses a service for each group;
4. :mod:`._network` solves the single persons on the places left, the levels
   but the distance first, then the distance;
5. each class's places are handed to its requests, the earliest first
   (:func:`_expand`), then requests of one home trade places so that nobody
   envies a later request (:mod:`._fairness`);
6. :mod:`._outcomes` records each request's fate as a code and builds the
   results when first read.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from datetime import date
from typing import Literal

from .._errors import InvalidValueError, MissingDependencyError
from .._person import PlacementRequest
from .._registry import Registry
from ._demand import Reading
from ._fairness import fair_groups, fair_shares
from ._greedy import serve
from ._groups import Choice, GroupSearch
from ._network import Flows, Result, Solver, Work, solve_in_python
from ._outcomes import Settled, Tally, finish
from ._places import Key, Stock
from ._policy import Policy
from ._results import Allocation
from ._start import Start, start

__all__ = ["allocate"]


Progress = Callable[[int, int], object]
"""Called with work done and work expected so far (in edges of flow problems)."""

_SOLVERS = ("auto", "highs", "builtin")


def _highs_available() -> bool:
    try:
        import highspy  # noqa: F401
    except ImportError:
        return False
    return True


def _choose_groups(
    begun: Start,
    reading: Reading,
    flows: Flows,
    stock: Stock,
    solver: str,
    work_limit: int | None,
) -> tuple[Choice, bool, str]:
    places, demand = begun.places, begun.demand
    units = reading.units()
    if solver == "highs" or (solver == "auto" and _highs_available()):
        from ._highs import choose  # the extra: imported only when used

        return choose(places, demand, begun.penalties, flows, reading.groups, units)
    first = serve(places, demand, reading, places.stock())
    first_come = [first[group.request] for group in reading.groups]
    search = GroupSearch(
        places, demand, begun.penalties, flows, reading.groups, units, work_limit
    )
    return search.choose(stock, first_come)


def run(
    requests: Iterable[PlacementRequest],
    registry: Registry,
    on: date,
    policy: Policy | None,
    flow_solver: Solver = solve_in_python,
    *,
    work_limit: int | None = None,
    progress: Progress | None = None,
    solver: str = "auto",
) -> Allocation:
    """:func:`allocate`, with the min-cost flow solver as a parameter (the
    benchmarks compare solvers on the same pipeline)."""
    begun = start("allocate", requests, registry, on, policy)
    if work_limit is not None and (
        not isinstance(work_limit, int)
        or isinstance(work_limit, bool)
        or work_limit < 0
    ):
        raise InvalidValueError(
            "allocate", "work_limit", work_limit, "out_of_range", "a count, 0 or more"
        )
    if solver not in _SOLVERS:
        raise InvalidValueError(
            "allocate", "solver", solver, "out_of_range", "one of auto, highs, builtin"
        )
    if progress is not None and not callable(progress):
        raise InvalidValueError(
            "allocate", "progress", progress, "wrong_type", "must be callable"
        )
    if solver == "highs" and not _highs_available():
        raise MissingDependencyError("allocate(solver='highs')", "solver")
    places, demand = begun.places, begun.demand
    reading = demand.read()
    work = Work(work_limit or 0 if reading.groups else 0, progress)
    flows = Flows(places, demand, begun.penalties, flow_solver, work)
    stock = places.stock()
    units = reading.units()
    settled = Settled(len(reading.outcome), [site.id for site in places.sites])
    tally = Tally()
    optimal, method = True, "min-cost flow"
    if reading.groups:
        choice, optimal, how = _choose_groups(
            begun, reading, flows, stock, solver, work_limit
        )
        method = f"{method}; {how}"
        choice = fair_groups(begun, reading.groups, choice, places.stock())
        tier, metres = places.map.tier, places.map.metres
        for group, site in zip(reading.groups, choice, strict=True):
            if site is None:
                reason = places.why(group.home, group.profiles, group.size, group.homes)
                settled.leave((group.request,), reason)
                continue
            stock.take_all(site, group.counts)
            where = places.sites[site]
            municipality = where.municipality
            for own, child in group.members:
                tally.add(
                    tier(own, municipality),
                    where.family_based,
                    1,
                    int(child),
                    metres(own, municipality),
                )
            settled.place((group.request,), site, tier(group.home, municipality))
    result = flows.solve(units, stock) if units else {}
    result = fair_shares(begun, reading, result)
    _expand(begun, reading, result, stock, tally, settled)
    if progress is not None:
        progress(work.done, work.done)
    return finish(
        begun.batch, on, begun.policy, reading.outcome, tally, optimal, method, settled
    )


def _expand(
    begun: Start,
    reading: Reading,
    result: Result,
    stock: Stock,
    tally: Tally,
    settled: Settled,
) -> None:
    """Hand each class's places to its requests, the earliest first; the
    rest are left unplaced, with the reason."""
    places, classes = begun.places, begun.demand.classes
    general, held = stock.general, stock.held
    cursor: dict[Key, int] = {}
    tier_of, metres = places.map.tier, places.map.metres
    for cls in sorted(reading.singles):
        members = reading.singles[cls]
        home, profiles, child, _ = classes[cls]
        destinations = sorted(
            result.get(cls, ()),
            key=lambda item: (
                places.quality(home, child, item[0][0], item[0][1]),
                item[0][0],
                item[0][1],
                item[0][2] or "",
            ),
        )
        position = 0
        fates: list[int] = []  # per member, in order: one pass for the class
        for key, amount in destinations:
            municipality, profile, pool = key
            tier = tier_of(home, municipality)
            family = places.profiles[profile].family_based
            tally.add(
                tier,
                family,
                amount,
                amount if child else 0,
                amount * metres(home, municipality),
            )
            if pool is None:
                candidates = places.node_sites[(municipality, profile)]
            else:
                candidates = places.pool_sites[(municipality, profile, pool)]
            at = cursor.get(key, 0)
            while amount:
                site = candidates[at]
                room = general[site] if pool is None else held[site].get(pool, 0)
                if not room:
                    at += 1
                    continue
                used = min(room, amount)
                if pool is None:
                    general[site] -= used
                else:
                    held[site][pool] = room - used
                fates.extend(itertools.repeat(settled.placed(site, tier), used))
                position += used
                amount -= used
            cursor[key] = at
        if position < len(members):
            reason = settled.left(places.why(home, profiles, 1))
            fates.extend(itertools.repeat(reason, len(members) - position))
        settled.settle(members, fates)


def allocate(
    requests: Iterable[PlacementRequest],
    registry: Registry,
    *,
    on: date,
    policy: Policy | None = None,
    work_limit: int | None = None,
    progress: Progress | None = None,
    solver: Literal["auto", "highs", "builtin"] = "auto",
) -> Allocation:
    """Place a batch of requests in the free places of ``registry`` on ``on``.

    The objective is lexicographic, in the order of ``policy.levels``; by
    default: place as many persons as possible; then as many children as
    possible in family-based care; then as many persons as possible in their
    own municipality, then within a neighbouring one, then in their own
    region, then in a neighbouring region; then the least total distance.
    Each person counts at their own home, siblings of a group from different
    municipalities too. Nobody loses a place at home to someone from
    elsewhere unless a higher level requires it. Among allocations equal at
    every level, no request envies a later one's place: requests made
    earlier (by ``requested_on``, then id) get the better places and are the
    last left unplaced.

    A sibling group goes to one service, whole, and counts as all its
    members. Places are counted on ``on`` from the registry's placements;
    places held by an agreement for a municipality go only to its residents
    (for a group, to the municipality most of its members live in). A
    request naming a person the registry does not hold is left unplaced
    (``unknown_person``); so is a request naming a person that an earlier
    request names (``duplicate_person``). The result does not depend on the
    order of ``requests``.

    Without sibling groups the min-cost flow is exact and ``optimal`` is
    always ``True``. With groups, ``solver`` says who chooses their services:
    ``"highs"`` solves a mixed-integer programme with HiGHS (the ``solver``
    extra), exactly; ``"builtin"`` searches in pure Python within
    ``work_limit``, never worse than first come at any level, and says
    ``optimal=True`` only when it proved it; ``"auto"`` (the default) uses
    HiGHS when it is installed.

    Args:
        requests: the requests to place, e.g. ``registry.requests``.
        registry: the services, their places and the people.
        on: the day of the placements.
        policy: the objective and the rules; the default is ``Policy()``.
        work_limit: how much work the built-in search for sibling groups may
            do, in edges of the flow problems it solves: a count that depends
            on the data alone, so the result is the same on every machine.
            The default, ``None``, allows as much work again as the flow
            that bounds the groups (the batch with every group split into
            single persons) took, and at least 5,000.
        progress: called as ``progress(done, expected)`` after each flow
            problem solved and once at the end (``done == expected``); to
            stop, raise from it (the exception propagates).
        solver: ``"auto"``, ``"highs"`` or ``"builtin"``.

    Returns:
        The assignments, the unplaced requests with their reasons, the value
        of each level of the objective, whether it is proven optimal and the
        method that found it.

    Raises:
        InvalidValueError: when an argument is of the wrong type, or two
            requests share an id.
        MissingDependencyError: for ``solver="highs"`` without HiGHS.

    >>> from socialservices.examples import SCENARIO_DATE, sofia_oblast
    >>> registry = sofia_oblast()
    >>> allocation = allocate(registry.requests, registry, on=SCENARIO_DATE)
    >>> [(a.request, a.service, a.tier.name) for a in allocation.assignments]
    [('R-01', 'S-PIRDOP-FOSTER', 'SAME_MUNICIPALITY')]
    >>> allocation.optimal, allocation.method
    (True, 'min-cost flow')

    .. versionadded:: 0.2
    .. versionchanged:: 0.3
       The distance level, each sibling at their own home, ``work_limit``,
       ``progress`` and ``solver``.
    """
    return run(
        requests,
        registry,
        on,
        policy,
        work_limit=work_limit,
        progress=progress,
        solver=solver,
    )
