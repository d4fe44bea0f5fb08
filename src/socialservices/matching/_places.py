"""The services side of an allocation: sites, profiles, service classes, places.

Owns what a batch is placed *into* on one day: every service as a
:class:`~._world.Site`, its profile (type × eligibility), the service classes
(municipality × profile) and the pools of places an agreement holds for a
municipality, the places left (:class:`Stock`), how good a service class is
for a request (the ranking's order), and why a request found no place. It
knows nothing of requests beyond a home, a set of profiles and a size, and
nothing of how the batch is solved.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .._geography import Proximity
from .._registry import Registry
from ._policy import Policy
from ._reasons import UnplacedReason
from ._world import Map, Site, needing_general, sites, slots

__all__ = ["Key", "Places", "Profile", "Stock"]

TIERS = tuple(Proximity)

Key = tuple[str, int, "str | None"]
"""A service class ``(municipality, profile, None)`` or a pool of places held
for a municipality ``(municipality, profile, home)``."""


class Profile:
    """A service profile: type and eligibility, as one class of services."""

    __slots__ = slots("family_based index key measure_rank site")

    def __init__(self, index: int, site: Site, measure_rank: int) -> None:
        self.index = index
        self.site = site  # a representative, for eligibility checks
        self.key = site.profile
        self.family_based = site.family_based
        self.measure_rank = measure_rank


class Stock:
    """Places left per site: general ones, and those held per municipality."""

    __slots__ = ("general", "held")

    def __init__(self, general: list[int], held: list[dict[str, int]]) -> None:
        self.general = general
        self.held = held

    def copy(self) -> Stock:
        return Stock(list(self.general), [dict(h) for h in self.held])

    def room(self, site: int, home: str) -> int:
        return self.general[site] + self.held[site].get(home, 0)

    def take(self, site: int, home: str, count: int) -> None:
        """Take ``count`` places, those held for ``home`` first."""
        held = self.held[site]
        own = held.get(home, 0)
        if own:
            used = min(own, count)
            held[home] = own - used
            count -= used
        self.general[site] -= count

    def fits(self, site: int, counts: Iterable[tuple[str, int]]) -> bool:
        """Whether ``site`` has room for persons of these homes at once
        (``(home, how many)``): each uses the places held for their own home,
        then the general ones."""
        return needing_general(self.held[site], counts) <= self.general[site]

    def take_all(self, site: int, counts: Iterable[tuple[str, int]]) -> None:
        """Take places for persons of these homes, each home's held ones first."""
        for home, count in counts:
            self.take(site, home, count)

    def covers(self, other: Stock, site: int) -> bool:
        """Whether this stock's places at ``site`` can take every set of
        persons that ``other``'s can.

        Persons of a set of homes H can use the general places and those held
        for H, so this holds when ``general + held(H)`` is at least as large
        here as in ``other`` for every H; the hardest H is every home that has
        fewer held places here (or any one home, when there is none)."""
        short = needing_general(self.held[site], other.held[site].items())
        return self.general[site] - other.general[site] >= short


class Places:
    """Every service of a registry on one day, in the classes matching uses."""

    def __init__(
        self,
        registry: Registry,
        on: date,
        policy: Policy,
        released: frozenset[str] = frozenset(),
    ) -> None:
        self.registry = registry
        self.on = on
        self.policy = policy
        self.map = Map(registry.geography)
        self.sites = sites(registry, on, released)
        self.allowed = tuple(policy.allows(tier) for tier in TIERS)
        self.everywhere = all(self.allowed)
        # hubs are exact only when the excluded tiers are the farthest ones
        first_excluded = next(
            (tier for tier in TIERS if not self.allowed[tier]), len(TIERS)
        )
        self.hubs = all(not self.allowed[t] for t in TIERS[first_excluded:])
        children = policy.children
        measures = children.measures if children is not None else None
        self.profiles: list[Profile] = []
        by_key: dict[object, int] = {}
        self.site_profile: list[int] = []
        for site in self.sites:
            index = by_key.get(site.profile)
            if index is None:
                index = by_key[site.profile] = len(self.profiles)
                rank = (
                    measures.rank(site.measure)
                    if measures is not None and site.measure is not None
                    else len(measures.measures)
                    if measures is not None
                    else 0
                )
                self.profiles.append(Profile(index, site, rank))
            self.site_profile.append(index)
        # service classes: (municipality, profile) -> sites, in id order
        self.node_sites: dict[tuple[str, int], list[int]] = {}
        self.pool_sites: dict[tuple[str, int, str], list[int]] = {}
        for index, site in enumerate(self.sites):
            key = (site.municipality, self.site_profile[index])
            self.node_sites.setdefault(key, []).append(index)
            for home in site.held:
                self.pool_sites.setdefault((*key, home), []).append(index)
        self.nodes_of_profile: dict[int, list[tuple[str, int]]] = {}
        self.node_room: dict[tuple[str, int], int] = {}
        self.node_operating: dict[tuple[str, int], bool] = {}
        self.node_known: dict[tuple[str, int], bool] = {}
        for key, members in self.node_sites.items():
            self.nodes_of_profile.setdefault(key[1], []).append(key)
            self.node_room[key] = max(self.sites[site].general for site in members)
            self.node_operating[key] = any(self.sites[s].operating for s in members)
            self.node_known[key] = any(
                self.sites[s].operating and self.sites[s].capacity_known
                for s in members
            )
        self.pools_of: dict[str, list[tuple[str, int, str]]] = {}
        for pool in self.pool_sites:
            self.pools_of.setdefault(pool[2], []).append(pool)
        self.site_index = {site.id: index for index, site in enumerate(self.sites)}
        self._why: dict[
            tuple[str, tuple[int, ...], int, tuple[str, ...]], UnplacedReason
        ]
        self._why = {}
        self._quality: dict[tuple[str, bool, str, int], tuple[float, ...]] = {}

    def open_to(self, homes: Iterable[str], municipality: str) -> bool:
        """Whether the policy allows services in ``municipality`` for persons
        from every one of ``homes`` (a group's members' own homes)."""
        return self.everywhere or all(
            self.allowed[self.map.tier(home, municipality)] for home in homes
        )

    def stock(self) -> Stock:
        """The places free on the day, a fresh copy to take from."""
        return Stock(
            [site.general for site in self.sites], [dict(s.held) for s in self.sites]
        )

    def quality(
        self, home: str, child: bool, municipality: str, profile: int
    ) -> tuple[float, ...]:
        """How good a service class is for a request: :func:`rank`'s order
        (measure for a child, tier cost, distance)."""
        key = (home, child, municipality, profile)
        found = self._quality.get(key)
        if found is None:
            found = self._quality[key] = self._rank_key(*key)
        return found

    def _rank_key(
        self, home: str, child: bool, municipality: str, profile: int
    ) -> tuple[float, ...]:
        tier = self.map.tier(home, municipality)
        distance = self.map.distance_km(home, municipality)
        measure = self.profiles[profile].measure_rank if child else 0
        keys: tuple[float, ...] = (measure, self.policy.tier_cost(tier))
        if self.policy.proximity_first:
            keys = keys[::-1]
        return (*keys, float("inf") if distance is None else distance)

    def why(
        self,
        home: str,
        profiles: tuple[int, ...],
        size: int,
        homes: tuple[str, ...] = (),
    ) -> UnplacedReason:
        """Why a request of ``size`` persons from ``home`` found no place
        (``homes``: its members' own, whose tiers must all be allowed;
        by default ``home`` alone)."""
        key = (home, profiles, size, homes)
        found = self._why.get(key)
        if found is None:
            found = self._why[key] = self._reason(
                home, profiles, size, homes or (home,)
            )
        return found

    def _reason(
        self, home: str, profiles: tuple[int, ...], size: int, homes: tuple[str, ...]
    ) -> UnplacedReason:
        eligible = operating = known = False
        room = 0
        for profile in profiles:
            for node in self.nodes_of_profile.get(profile, ()):
                if self.open_to(homes, node[0]):
                    eligible = True
                    operating = operating or self.node_operating[node]
                    known = known or self.node_known[node]
                    room = max(room, self.node_room[node])
            for key in self.pools_of.get(home, ()):
                if key[1] == profile and self.open_to(homes, key[0]):
                    for site in self.pool_sites[key]:
                        room = max(room, self.sites[site].free_for(home))
        if not eligible:
            return UnplacedReason.NO_ELIGIBLE_SERVICE
        if not operating:
            return UnplacedReason.NOT_OPERATING
        if not known:
            return UnplacedReason.CAPACITY_UNKNOWN
        if room >= size:
            return UnplacedReason.PLACES_TAKEN
        return UnplacedReason.NOT_ENOUGH_ROOM if room else UnplacedReason.NO_FREE_PLACE
