"""The baseline: first come, first served."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .._person import PlacementRequest
from .._registry import Registry
from ._allocation import Problem, Settled, Tally, finish, start, why
from ._policy import Policy
from ._results import Allocation
from ._world import slots

__all__ = ["allocate_first_come"]


class _Bucket:
    """Services of equal rank for a request (one municipality, one measure),
    in id order, with a cursor past those with no general place left."""

    __slots__ = slots("at held order sites")

    def __init__(self, sites: list[int], problem: Problem) -> None:
        self.sites = sites
        self.order = {site: position for position, site in enumerate(sites)}
        self.held = [site for site in sites if problem.sites[site].held]
        self.at = 0

    def first(
        self, general: list[int], held: list[dict[str, int]], home: str
    ) -> int | None:
        """The first site with a place for a resident of ``home``."""
        sites, at = self.sites, self.at
        while at < len(sites) and not general[sites[at]]:
            at += 1
        self.at = at
        best = sites[at] if at < len(sites) else None
        for site in self.held:
            if held[site].get(home, 0):
                if best is None or self.order[site] < self.order[best]:
                    best = site
                break
        return best


class _Candidates:
    """A request class's buckets, best first."""

    __slots__ = ("buckets", "start")

    def __init__(self, buckets: list[_Bucket]) -> None:
        self.buckets = buckets
        self.start = 0  # single persons: earlier buckets have no room left


def _candidates(
    problem: Problem,
    home: str,
    profiles: tuple[int, ...],
    child: bool,
    shared: dict[tuple[tuple[str, tuple[int, ...]], ...], _Bucket],
) -> _Candidates:
    grouped: dict[tuple[str, int], list[int]] = {}
    for municipality, profile in problem.node_sites:
        if profile not in profiles:
            continue
        if not problem.allowed[problem.map.tier(home, municipality)]:
            continue
        measure = problem.profiles[profile].measure_rank if child else 0
        grouped.setdefault((municipality, measure), []).append(profile)
    # Services that rank equally (same measure, tier cost and distance, e.g.
    # two municipalities with no centroid) share one bucket, in id order, as
    # rank() breaks their tie by id.
    by_quality: dict[tuple[float, ...], list[tuple[str, tuple[int, ...]]]] = {}
    for (municipality, _), chosen in grouped.items():
        quality = problem.quality(home, child, municipality, chosen[0])
        by_quality.setdefault(quality, []).append((municipality, tuple(chosen)))
    keyed = []
    for quality, parts in by_quality.items():
        key = tuple(sorted(parts))
        bucket = shared.get(key)
        if bucket is None:
            sites = [
                s
                for m, chosen in key
                for p in chosen
                for s in problem.node_sites[(m, p)]
            ]
            sites.sort(key=lambda site: problem.sites[site].id)
            bucket = shared[key] = _Bucket(sites, problem)
        keyed.append((quality, problem.sites[bucket.sites[0]].id, bucket))
    keyed.sort(key=lambda item: (item[0], item[1]))
    return _Candidates([bucket for _, _, bucket in keyed])


def allocate_first_come(
    requests: Iterable[PlacementRequest],
    registry: Registry,
    *,
    on: date,
    policy: Policy | None = None,
) -> Allocation:
    """Place requests one at a time, in waiting order, each in the best-ranked
    service with room for it: the way placements are made today.

    In order of ``requested_on``, then id, each request takes the first
    candidate :func:`rank` would give it on the places still free. The
    result is a baseline to compare :func:`allocate` with; it is never
    ``optimal`` (not proven so). Arguments and unplaced reasons are as for
    :func:`allocate`.

    >>> from socialservices.examples import SCENARIO_DATE, sofia_oblast
    >>> registry = sofia_oblast()
    >>> first = allocate_first_come(registry.requests, registry, on=SCENARIO_DATE)
    >>> [(a.request, a.service) for a in first.assignments], first.optimal
    ([('R-01', 'S-PIRDOP-FOSTER')], False)

    .. versionadded:: 0.2
    """
    problem = start("allocate_first_come", requests, registry, on, policy)
    outcome, singles, groups = problem.read()
    class_of: dict[int, int] = {}
    for cls, members in singles.items():
        for index in members:
            class_of[index] = cls
    group_of = {group.request: group for group in groups}
    tally = Tally()
    stock = problem.stock
    general, held = stock.general, stock.held
    cache: dict[tuple[str, tuple[int, ...], bool], _Candidates] = {}
    shared: dict[tuple[tuple[str, tuple[int, ...]], ...], _Bucket] = {}
    settled = Settled(len(outcome), [site.id for site in problem.sites])
    fate, placed, left = settled.fate, settled.placed, settled.left
    for index in range(len(outcome)):
        if outcome[index] is not None:
            continue
        group = group_of.get(index)
        if group is not None:
            home, profiles = group.home, group.profiles
            child, size = group.children > 0, group.size
        else:
            home, profiles, child = problem.classes[class_of[index]]
            size = 1
        children = group.children if group is not None else int(child)
        key = (home, profiles, child)
        found = cache.get(key)
        if found is None:
            found = cache[key] = _candidates(problem, home, profiles, child, shared)
        chosen: int | None = None
        for position in range(found.start, len(found.buckets)):
            bucket = found.buckets[position]
            if size == 1:
                chosen = bucket.first(general, held, home)
                if chosen is None and position == found.start:
                    found.start += 1
            else:
                for site in bucket.sites:
                    if general[site] + held[site].get(home, 0) >= size:
                        chosen = site
                        break
            if chosen is not None:
                break
        if chosen is None:
            fate[index] = left(why(problem, home, profiles, size))
            continue
        stock.take(chosen, home, size)
        where = problem.sites[chosen]
        tier = problem.map.tier(home, where.municipality)
        tally.add(tier, where.family_based, size, children)
        fate[index] = placed(chosen, tier)
    method = "first come, first served"
    return finish(problem, outcome, tally, False, method, settled)
