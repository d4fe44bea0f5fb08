"""The baseline: first come, first served.

Owns serving the requests one at a time, in waiting order, each in the first
service :func:`rank` would give it on the places still free. It reads the
batch as :func:`allocate` does (:mod:`._demand`) and shares its services side
(:mod:`._places`), so the two agree on who qualifies where; :func:`allocate`
asks it where first come puts the sibling groups, and never the other way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .._person import PlacementRequest
from .._registry import Registry
from ._demand import Demand, Reading
from ._outcomes import Settled, Tally, finish
from ._places import Places, Stock
from ._policy import Policy
from ._results import Allocation
from ._start import Start, start
from ._world import slots

__all__ = ["allocate_first_come", "serve"]


class _Bucket:
    """Services of equal rank for a request (one municipality, one measure),
    in id order, with a cursor past those with no general place left."""

    __slots__ = slots("at held order sites")

    def __init__(self, sites: list[int], places: Places) -> None:
        self.sites = sites
        self.order = {site: position for position, site in enumerate(sites)}
        self.held = [site for site in sites if places.sites[site].held]
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
    places: Places,
    home: str,
    profiles: tuple[int, ...],
    child: bool,
    shared: dict[tuple[tuple[str, tuple[int, ...]], ...], _Bucket],
) -> _Candidates:
    grouped: dict[tuple[str, int], list[int]] = {}
    tier, allowed = places.map.tier, places.allowed
    nodes = sorted(
        (wanted, node[0])
        for wanted in profiles
        for node in places.nodes_of_profile.get(wanted, ())
    )
    for profile, municipality in nodes:
        if not allowed[tier(home, municipality)]:
            continue
        measure = places.profiles[profile].measure_rank if child else 0
        grouped.setdefault((municipality, measure), []).append(profile)
    # Services that rank equally (same measure, tier cost and distance, e.g.
    # two municipalities with no centroid) share one bucket, in id order, as
    # rank() breaks their tie by id.
    by_quality: dict[tuple[float, ...], list[tuple[str, tuple[int, ...]]]] = {}
    for (municipality, _), chosen in grouped.items():
        quality = places.quality(home, child, municipality, chosen[0])
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
                for s in places.node_sites[(m, p)]
            ]
            sites.sort(key=lambda site: places.sites[site].id)
            bucket = shared[key] = _Bucket(sites, places)
        keyed.append((quality, places.sites[bucket.sites[0]].id, bucket))
    keyed.sort(key=lambda item: (item[0], item[1]))
    return _Candidates([bucket for _, _, bucket in keyed])


def serve(
    places: Places, demand: Demand, reading: Reading, stock: Stock
) -> list[int | None]:
    """Per waiting position, the site first come, first served gives the
    request (``None``: none, or not considered), taking places from ``stock``."""
    classes = demand.classes
    class_of: dict[int, int] = {}
    for cls, members in reading.singles.items():
        for index in members:
            class_of[index] = cls
    group_of = {group.request: group for group in reading.groups}
    general, held = stock.general, stock.held
    cache: dict[tuple[str, tuple[int, ...], bool], _Candidates] = {}
    shared: dict[tuple[tuple[str, tuple[int, ...]], ...], _Bucket] = {}
    outcome = reading.outcome
    chosen_at: list[int | None] = [None] * len(outcome)
    for index in range(len(outcome)):
        if outcome[index] is not None:
            continue
        group = group_of.get(index)
        if group is not None:
            home, profiles = group.home, group.profiles
            child, size = group.children > 0, group.size
        else:
            home, profiles, child, _ = classes[class_of[index]]
            size = 1
        key = (home, profiles, child)
        found = cache.get(key)
        if found is None:
            found = cache[key] = _candidates(places, home, profiles, child, shared)
        chosen: int | None = None
        for position in range(found.start, len(found.buckets)):
            bucket = found.buckets[position]
            if size == 1:
                chosen = bucket.first(general, held, home)
                if chosen is None and position == found.start:
                    found.start += 1
            else:
                assert group is not None
                for site in bucket.sites:
                    if stock.fits(site, group.counts) and places.open_to(
                        group.homes, places.sites[site].municipality
                    ):
                        chosen = site
                        break
            if chosen is not None:
                break
        if chosen is not None:
            if group is None:
                stock.take(chosen, home, 1)
            else:
                stock.take_all(chosen, group.counts)
            chosen_at[index] = chosen
    return chosen_at


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
    begun = start("allocate_first_come", requests, registry, on, policy)
    reading = begun.demand.read()
    chosen = serve(begun.places, begun.demand, reading, begun.places.stock())
    return settle(begun, reading, chosen, False, "first come, first served")


def settle(
    begun: Start,
    reading: Reading,
    chosen: list[int | None],
    optimal: bool,
    method: str,
) -> Allocation:
    """The allocation of requests placed at ``chosen`` sites (per waiting
    position; ``None`` leaves a considered request unplaced, with the reason)."""
    places, demand = begun.places, begun.demand
    classes = demand.classes
    tally = Tally()
    settled = Settled(len(chosen), [site.id for site in places.sites])
    fate, placed, left = settled.fate, settled.placed, settled.left
    tier, metres = places.map.tier, places.map.metres
    sites = places.sites
    members: dict[int, tuple[str, tuple[int, ...], int, list[tuple[str, bool]]]] = {}
    for cls, positions in reading.singles.items():
        home, profiles, child, _ = classes[cls]
        for index in positions:
            members[index] = (home, profiles, 1, [(home, child)])
    for group in reading.groups:
        members[group.request] = (group.home, group.profiles, group.size, group.members)
    for index, site in enumerate(chosen):
        found = members.get(index)
        if found is None:
            continue  # settled while reading
        home, profiles, size, people = found
        if site is None:
            homes = tuple(sorted({own for own, _ in people}))
            fate[index] = left(places.why(home, profiles, size, homes))
            continue
        where = sites[site]
        municipality, family = where.municipality, where.family_based
        for own, child in people:
            tally.add(
                tier(own, municipality),
                family,
                1,
                int(child),
                metres(own, municipality),
            )
        fate[index] = placed(site, tier(home, municipality))
    return finish(
        begun.batch,
        begun.on,
        begun.policy,
        reading.outcome,
        tally,
        optimal,
        method,
        settled,
    )
