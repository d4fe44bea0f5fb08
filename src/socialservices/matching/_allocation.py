"""Allocating a batch of requests: most people placed, then closest to home.

How it works
------------

*Classes.* Requests are put in compatibility classes: a single person's class
is their home municipality, the set of service profiles (type × eligibility)
that would take them, and whether they are a child; services are put in
classes by municipality and profile. Places that an agreement holds for a
municipality form a class of their own, open only to its residents.

*Flow.* Every person either reaches a place or an "unplaced" edge; each
way costs a vector of penalties, one digit per level of the policy (one
person unplaced, one child not in family-based care, one person not within
each tier, or the tier's cost). The digits are packed into one Python
integer with a base larger than any total, so integer order is the
lexicographic order of the levels, exactly. Paths to the far tiers go
through a hub per region and service profile (and one for the country), so
the graph has a few edges per class, not one per pair of classes; a hub
path is priced at its tier, never below the true tier of where it ends, so
an optimum over paths is an optimum over placements. :mod:`._flow` solves
it.

*Expansion.* A class's flow is split over its requests in waiting order
(earliest ``requested_on``, then id): the earliest get the best places (for a
child, family-based first; then the nearest tier, then distance), the latest
are the ones left unplaced. A service class's places are filled service by
service, in id order.

*Reading and writing.* A million requests and persons are read column by
column (one field of each per pass, in C-level loops), in the order the
objects lie in memory, which is several times faster than waiting order on a
shuffled list; memory order decides nothing, results are put back in waiting
order. What becomes of each request is one integer code until the
``Assignment`` and ``Unplaced`` objects are first asked for, then they are
made in bulk: no object per request or per run of requests is left for the
garbage collector to walk.

*Sibling groups* must share one service, which no flow guarantees. They are
placed first, each in one service, then the single persons by the flow. With
few groups, every way of placing them is searched (branch and bound, the
bound being the flow with the groups split into single persons); the result
is optimal. With many, each group in waiting order takes the best service
with room for all of it; if the groups placed where first come, first served
puts them do better, those places are kept instead, so the result is never
worse than the baseline. The result is ``optimal`` only if it reaches the
split-group bound.
"""

from __future__ import annotations

import collections
import itertools
import operator
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import date
from typing import Any, cast

from .. import _checks
from .._errors import InvalidValueError, UnknownReferenceError
from .._geography import Proximity
from .._person import Person, PlacementRequest
from .._registry import Registry
from ._flow import Network
from ._policy import Level, Policy
from ._reasons import UnplacedReason
from ._results import (
    Allocation,
    Assignment,
    Unplaced,
    _assignments,
    _unplaced,
)
from ._world import (
    Map,
    Member,
    Site,
    age,
    home_of,
    member_reasons,
    sites,
    slots,
    type_reasons,
)

__all__ = ["allocate"]

GROUP_SEARCH_LIMIT = 12
"""Sibling groups searched exhaustively (branch and bound) at most."""
GROUP_SEARCH_NODES = 4_000
"""Flows solved by the branch and bound at most; beyond, the best found stands."""

_TIERS = tuple(Proximity)
_ID = operator.attrgetter("id")
_PERSONS = operator.attrgetter("persons")
_REQUESTED_ON = operator.attrgetter("requested_on")
_ORDINAL = date.toordinal
_FIRST = operator.itemgetter(0)
_BIRTH = operator.attrgetter("birth_date")
_HOME = operator.attrgetter("home_municipality")
_TARGET_GROUPS = operator.attrgetter("target_groups")
_NEEDS = operator.attrgetter("needs")
_ACCEPTABLE = operator.attrgetter("acceptable_types")

Key = tuple[str, int, "str | None"]
"""A service class ``(municipality, profile, None)`` or a pool of places held
for a municipality ``(municipality, profile, home)``."""
Solver = Callable[["Graph"], list[int]]
"""Flows on a graph's edges, from its source to its sink, at least cost."""

_UNPLACED_WORDS = {
    UnplacedReason.UNKNOWN_PERSON: "names a person the registry does not hold",
    UnplacedReason.DUPLICATE_PERSON: "a person is also in an earlier request",
    UnplacedReason.NO_ELIGIBLE_SERVICE: "no service in an allowed tier qualifies",
    UnplacedReason.NO_FREE_PLACE: "no qualifying service had a free place",
    UnplacedReason.NOT_ENOUGH_ROOM: "no qualifying service had room for the "
    "whole group",
    UnplacedReason.PLACES_TAKEN: "the qualifying places went to requests the "
    "objective put first",
}


def problem_unplaced(request: PlacementRequest, reason: UnplacedReason) -> Unplaced:
    """``request`` left unplaced for ``reason``, with its words."""
    return Unplaced(
        request=request.id,
        persons=request.persons,
        reason=reason,
        message=_UNPLACED_WORDS[reason],
    )


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


class Unit:
    """A request in the flow: a single person, or a group split for the bound."""

    __slots__ = slots("children cls request size")

    def __init__(self, request: int, cls: int, size: int, children: int) -> None:
        self.request = request
        self.cls = cls
        self.size = size
        self.children = children


class Group:
    """A sibling group (or any request of more than one person)."""

    __slots__ = slots("children home profiles request size unit_classes")

    def __init__(
        self,
        request: int,
        home: str,
        profiles: tuple[int, ...],
        size: int,
        children: int,
        unit_classes: list[tuple[int, int]],
    ) -> None:
        self.request = request
        self.home = home
        self.profiles = profiles
        self.size = size
        self.children = children
        self.unit_classes = unit_classes  # (class, persons) when split


class Graph:
    """The aggregated network of one flow problem, with each edge's digits."""

    __slots__ = slots("digits network sink source")

    def __init__(self) -> None:
        self.network = Network()
        self.source = self.network.add_node()
        self.sink = self.network.add_node()
        self.digits: list[tuple[int, ...]] = []

    def add_edge(
        self, tail: int, head: int, capacity: int, cost: int, digits: tuple[int, ...]
    ) -> int:
        self.digits.append(digits)
        return self.network.add_edge(tail, head, capacity, cost)


def solve_in_python(graph: Graph) -> list[int]:
    """The library's own solver: flows per edge."""
    network = graph.network
    network.solve(graph.source, graph.sink)
    return [network.flow(2 * edge) for edge in range(network.edges)]


class Problem:
    """Everything one call of :func:`allocate` works on."""

    def __init__(
        self,
        registry: Registry,
        on: date,
        policy: Policy,
        batch: Batch,
    ) -> None:
        self.registry = registry
        self.on = on
        self.policy = policy
        self.batch = batch
        self.map = Map(registry.geography)
        self.sites = sites(registry, on)
        levels = policy.levels
        self.levels = levels
        self.allowed = tuple(policy.allows(tier) for tier in _TIERS)
        # hubs are exact only when the excluded tiers are the farthest ones
        first_excluded = next(
            (tier for tier in _TIERS if not self.allowed[tier]), len(_TIERS)
        )
        self.hubs = all(not self.allowed[t] for t in _TIERS[first_excluded:])
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
        for key, members in self.node_sites.items():
            self.nodes_of_profile.setdefault(key[1], []).append(key)
            self.node_room[key] = max(self.sites[site].general for site in members)
        self.pools_of: dict[str, list[tuple[str, int, str]]] = {}
        for pool in self.pool_sites:
            self.pools_of.setdefault(pool[2], []).append(pool)
        self.stock = Stock(
            [site.general for site in self.sites], [dict(s.held) for s in self.sites]
        )
        # single-person classes: (home, profiles, child)
        self.classes: list[tuple[str, tuple[int, ...], bool]] = []
        self.class_index: dict[tuple[str, tuple[int, ...], bool], int] = {}
        self._profiles_of: dict[tuple[object, ...], tuple[int, ...]] = {}
        self.why_cache: dict[tuple[str, tuple[int, ...], int], UnplacedReason] = {}
        self.total_persons = 0
        self.total_children = 0
        base_digit = max(1, max(policy.tier_costs))
        self._base_digit = base_digit

    @property
    def requests(self) -> list[PlacementRequest]:
        """The requests in waiting order."""
        return self.batch.requests

    # -- classes ------------------------------------------------------------

    def profiles_of(
        self, member: Member, acceptable: frozenset[str]
    ) -> tuple[int, ...]:
        """The profiles that would take ``member``, cached by what decides it."""
        person = member.person
        key = (
            member.age,
            person.target_groups,
            person.needs,
            member.child,
            member.residential_allowed,
            acceptable,
        )
        found = self._profiles_of.get(key)
        if found is None:
            found = tuple(
                profile.index
                for profile in self.profiles
                if not type_reasons(profile.site, acceptable)
                and not member_reasons(member, profile.site, self.on)
            )
            self._profiles_of[key] = found
        return found

    def class_of(self, home: str, profiles: tuple[int, ...], child: bool) -> int:
        key = (home, profiles, child)
        found = self.class_index.get(key)
        if found is None:
            found = self.class_index[key] = len(self.classes)
            self.classes.append(key)
        return found

    # -- penalties ----------------------------------------------------------

    def digits(
        self, child: int, family: bool, tier: Proximity | None
    ) -> tuple[int, ...]:
        """Penalties of ``child`` children (of a unit) placed at ``tier``
        (``None``: unplaced), per unit person for count levels."""
        out: list[int] = []
        for level in self.levels:
            if level is Level.PLACED:
                out.append(1 if tier is None else 0)
            elif level is Level.FAMILY_BASED:
                out.append(child if tier is None or not family else 0)
            elif level is Level.TIER_COST:
                out.append(0 if tier is None else self.policy.tier_cost(tier))
            else:
                limit = level.tier
                assert limit is not None
                out.append(1 if tier is None or tier > limit else 0)
        return tuple(out)

    def base(self, persons: int) -> int:
        """A base no level's total can reach, so packed digits never carry."""
        return 1 << (persons * self._base_digit + 1).bit_length()

    def vector(
        self, placed: Iterable[tuple[int, int, bool, Proximity | None]]
    ) -> tuple[int, ...]:
        """Penalty totals of (persons, children, family-based, tier) placements."""
        totals = [0] * len(self.levels)
        for persons, children, family, tier in placed:
            digits = self.digits(1, family, tier)
            for i, level in enumerate(self.levels):
                if level is Level.FAMILY_BASED:
                    totals[i] += children * digits[i]
                else:
                    totals[i] += persons * digits[i]
        return tuple(totals)

    # -- the flow -----------------------------------------------------------

    def flow(
        self, units: dict[int, int], stock: Stock, solver: Solver
    ) -> dict[int, list[tuple[Key, int]]]:
        """Solve single persons by class (``units``: class -> persons) on
        ``stock``: per class, amounts per service class or pool
        ``(municipality, profile, home or None)``.

        Classes that share no service profile, even through other classes,
        compete for no place: each such component is solved on its own."""
        parent = list(range(len(self.profiles)))

        def root(profile: int) -> int:
            while parent[profile] != profile:
                parent[profile] = parent[parent[profile]]
                profile = parent[profile]
            return profile

        for cls in units:
            profiles = self.classes[cls][1]
            for other in profiles[1:]:
                a, b = root(profiles[0]), root(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        parts: dict[int, dict[int, int]] = {}
        result: dict[int, list[tuple[Key, int]]] = {}
        for cls in sorted(units):
            profiles = self.classes[cls][1]
            if not profiles:
                result[cls] = []
                continue
            parts.setdefault(root(profiles[0]), {})[cls] = units[cls]
        for component in sorted(parts):
            members = frozenset(p for p in range(len(parent)) if root(p) == component)
            result.update(self._flow(parts[component], stock, solver, members))
        return result

    def _flow(
        self,
        units: dict[int, int],
        stock: Stock,
        solver: Solver,
        component: frozenset[int],
    ) -> dict[int, list[tuple[Key, int]]]:
        graph = Graph()
        add = graph.add_edge
        net = graph.network
        persons = sum(units.values())
        base = self.base(max(1, persons))
        levels = len(self.levels)

        def encode(digits: tuple[int, ...]) -> int:
            value = 0
            for digit in digits:
                value = value * base + digit
            return value

        costs: dict[
            tuple[bool, bool, Proximity | None], tuple[int, tuple[int, ...]]
        ] = {}

        def cost(
            child: bool, family: bool, tier: Proximity | None
        ) -> tuple[int, tuple[int, ...]]:
            key = (child, family, tier)
            found = costs.get(key)
            if found is None:
                digits = self.digits(int(child), family, tier)
                found = costs[key] = (encode(digits), digits)
            return found

        zero = (0,) * levels
        # service classes and pools with places left
        node_of: dict[tuple[str, int, str | None], int] = {}
        for (municipality, profile), members in self.node_sites.items():
            if profile not in component:
                continue
            free = sum(stock.general[s] for s in members)
            if free:
                node = net.add_node()
                node_of[(municipality, profile, None)] = node
                add(node, graph.sink, free, 0, zero)
        for (municipality, profile, home), members in self.pool_sites.items():
            if profile not in component:
                continue
            free = sum(stock.held[s].get(home, 0) for s in members)
            if free:
                node = net.add_node()
                node_of[(municipality, profile, home)] = node
                add(node, graph.sink, free, 0, zero)
        region_of = self.map.region
        hub_of: dict[tuple[str | None, int], int] = {}
        if self.hubs:
            for (municipality, profile, holder), node in node_of.items():
                if holder is not None:
                    continue
                region = region_of(municipality)
                national = hub_of.get((None, profile))
                if national is None:
                    national = hub_of[(None, profile)] = net.add_node()
                if region is None:
                    add(national, node, persons, 0, zero)
                    continue
                hub = hub_of.get((region, profile))
                if hub is None:
                    hub = hub_of[(region, profile)] = net.add_node()
                    add(national, hub, persons, 0, zero)
                add(hub, node, persons, 0, zero)
        geography = self.registry.geography
        allowed = self.allowed
        tier_of = self.map.tier
        class_edges: dict[int, list[tuple[int, object]]] = {}
        for cls in sorted(units):
            count = units[cls]
            home, profiles, child = self.classes[cls]
            node = net.add_node()
            add(graph.source, node, count, 0, zero)
            edges: list[tuple[int, object]] = []
            value, digits = cost(child, False, None)
            edges.append((add(node, graph.sink, count, value, digits), None))
            region = region_of(home)
            near = [home]
            if region is not None:
                near += sorted(
                    m
                    for m in geography.neighbouring_municipalities(home)
                    if region_of(m) == region
                )
            for profile in profiles:
                family = self.profiles[profile].family_based
                targets: list[tuple[tuple[str, int, str | None], Proximity]] = []
                if self.hubs:
                    for municipality in near:
                        targets.append(
                            ((municipality, profile, None), tier_of(home, municipality))
                        )
                else:
                    for key in node_of:
                        if key[1] == profile and key[2] is None:
                            targets.append((key, tier_of(home, key[0])))
                for key in self.pools_of.get(home, ()):
                    if key[1] == profile:
                        targets.append((key, tier_of(home, key[0])))
                for key, tier in targets:
                    target = node_of.get(key)
                    if target is not None and allowed[tier]:
                        value, digits = cost(child, family, tier)
                        edges.append((add(node, target, count, value, digits), key))
                if not self.hubs:
                    continue
                hubs: list[tuple[tuple[str | None, int], Proximity]] = []
                if region is not None:
                    hubs.append(((region, profile), Proximity.SAME_REGION))
                    hubs.extend(
                        ((other, profile), Proximity.NEIGHBOURING_REGION)
                        for other in sorted(geography.neighbouring_regions(region))
                    )
                hubs.append(((None, profile), Proximity.ELSEWHERE))
                for key_, tier in hubs:
                    hub = hub_of.get(key_)
                    if hub is not None and allowed[tier]:
                        value, digits = cost(child, family, tier)
                        edges.append((add(node, hub, count, value, digits), key_))
            class_edges[cls] = edges
        flows = solver(graph)
        return self._split(graph, flows, class_edges, hub_of, node_of)

    def _split(
        self,
        graph: Graph,
        flows: list[int],
        class_edges: dict[int, list[tuple[int, object]]],
        hub_of: dict[tuple[str | None, int], int],
        node_of: dict[tuple[str, int, str | None], int],
    ) -> dict[int, list[tuple[Key, int]]]:
        """Per class, the amounts reaching each service class, through hubs."""
        network = graph.network
        key_of_node = {node: key for key, node in node_of.items()}
        hub_key = {node: key for key, node in hub_of.items()}
        # packets arriving at hubs: hub node -> [(class, amount)]
        arriving: dict[int, list[tuple[int, int]]] = {}
        result: dict[int, list[tuple[tuple[str, int, str | None], int]]] = {}
        for cls, edges in class_edges.items():
            out: list[tuple[tuple[str, int, str | None], int]] = []
            for edge, key in edges:
                amount = flows[edge // 2]
                if not amount or key is None:
                    continue
                target = network._head[edge]
                if target in hub_key:
                    arriving.setdefault(target, []).append((cls, amount))
                else:
                    out.append((key_of_node[target], amount))
            result[cls] = out
        # national hubs first, then regional ones: pass packets on in order
        order = sorted(hub_key, key=lambda n: (hub_key[n][0] is not None, n))
        heads, adjacent = network._head, network._adjacent
        for hub in order:
            packets = sorted(arriving.get(hub, ()))
            outgoing = [
                (heads[edge], flows[edge // 2])
                for edge in adjacent[hub]
                if edge % 2 == 0 and flows[edge // 2]
            ]
            outgoing.sort(key=lambda item: item[0])
            index = 0
            for target, amount in outgoing:
                while amount:
                    cls, left = packets[index]
                    moved = min(left, amount)
                    if target in hub_key:
                        arriving.setdefault(target, []).append((cls, moved))
                    else:
                        result[cls].append((key_of_node[target], moved))
                    amount -= moved
                    if moved == left:
                        index += 1
                    else:
                        packets[index] = (cls, left - moved)
        return result

    # -- reading the requests -------------------------------------------------

    def read(
        self,
    ) -> tuple[list[Assignment | Unplaced | None], dict[int, list[int]], list[Group]]:
        """Sort the requests into classes and groups; settle the ones that
        cannot be considered (unknown or duplicated persons).

        Classes are numbered in waiting order of their first request, and
        each class's requests (positions in waiting order) are in waiting
        order."""
        persons_of = list(map(_PERSONS, self.batch.in_memory))
        sizes = list(map(len, persons_of))
        all_single = sizes.count(1) == len(sizes)
        named = (
            list(map(_FIRST, persons_of))
            if all_single
            else list(itertools.chain.from_iterable(persons_of))
        )
        if len(set(named)) != len(named):
            return self.read_one_by_one()  # a person named twice: the first wins
        return self.read_by_columns(persons_of, sizes, named if all_single else None)

    def read_by_columns(
        self,
        persons_of: list[tuple[str, ...]],
        sizes: list[int],
        firsts: list[str] | None,
    ) -> tuple[list[Assignment | Unplaced | None], dict[int, list[int]], list[Group]]:
        """:meth:`read` when no person is named twice: single persons are
        classified column by column, by what decides their class, in memory
        order (``persons_of``, ``sizes`` and ``firsts`` are in that order)."""
        in_memory, position = self.batch.in_memory, self.batch.position
        count = len(in_memory)
        outcome: list[Assignment | Unplaced | None] = [None] * count
        indices: list[int]  # of single-person requests, in memory order
        others: list[int] = []  # of the other requests, in waiting order
        if firsts is None:
            indices = [index for index, size in enumerate(sizes) if size == 1]
            firsts = [persons_of[index][0] for index in indices]
            others = [position[i] for i, size in enumerate(sizes) if size != 1]
        else:
            indices = list(range(count))
        people = list(map(self.registry._persons_by_id.get, firsts))
        if any(map(operator.is_, people, itertools.repeat(None))):
            for index, someone in zip(indices, people, strict=True):
                if someone is None:
                    outcome[position[index]] = self.unplaced(
                        in_memory[index], UnplacedReason.UNKNOWN_PERSON
                    )
            indices = [
                i for i, found in zip(indices, people, strict=True) if found is not None
            ]
            people = [found for found in people if found is not None]
        known = cast("list[Person]", people)
        kind_at, kind_keys = self.kinds_of(
            known, list(map(in_memory.__getitem__, indices))
        )
        # per waiting position, the kind of its single person (None: a group's)
        kind_by_position: list[int | None] = [None] * count
        _drain(
            map(
                kind_by_position.__setitem__,
                map(position.__getitem__, indices),
                kind_at,
            )
        )
        # each kind's earliest position: the last one written, going backwards
        earliest = dict(
            zip(reversed(kind_by_position), range(count - 1, -1, -1), strict=True)
        )
        earliest.pop(None, None)
        # classes are numbered in waiting order, groups' classes among them
        events = sorted(
            [(first, at) for at, first in earliest.items() if at is not None]
            + [(index, -1) for index in others]
        )
        kinds: dict[tuple[object, ...], tuple[tuple[int, ...], bool]] = {}
        class_at: dict[int | None, int] = {}
        groups: list[Group] = []
        person = self.registry.person
        on, policy = self.on, self.policy
        for index, at in events:
            if at >= 0:
                key = kind_keys[at]
                kind = key[1:]
                found = kinds.get(kind)
                if found is None:
                    member = Member(known[at], on, policy)
                    acceptable = in_memory[indices[at]].acceptable_types
                    profiles = self.profiles_of(member, acceptable)
                    found = kinds[kind] = (profiles, member.child)
                class_at[at] = self.class_of(key[0], found[0], found[1])
                continue
            request = self.batch.request(index)
            try:
                persons = [person(id) for id in request.persons]
            except UnknownReferenceError:
                outcome[index] = self.unplaced(request, UnplacedReason.UNKNOWN_PERSON)
                continue
            groups.append(self.group(index, request, persons))
        return outcome, self.members_by_class(kind_by_position, class_at), groups

    def kinds_of(
        self, people: list[Person], requests: list[PlacementRequest]
    ) -> tuple[list[int], dict[int, tuple[str, int, int, int, int]]]:
        """Per person (of ``requests``, one each), the position of the first
        person of their kind: what decides their class (home, age, needs,
        groups, acceptable types) alike; and each kind's key, by position."""
        on = self.on
        births = list(map(_BIRTH, people))
        years_of = {birth: age(birth, on) for birth in set(births)}
        # no tuple is kept per person (a million of them wake the collector);
        # sets are replaced by codes first, each person's sets being their
        # own objects: one comparison by value per person, not per look-up
        first_of_kind: dict[tuple[str, int, int, int, int], int] = {}
        columns = (  # column by column: each pass reads one field of each
            list(map(_HOME, people)),
            list(map(years_of.__getitem__, births)),
            _codes(map(_TARGET_GROUPS, people)),
            _codes(map(_NEEDS, people)),
            _codes(map(_ACCEPTABLE, requests)),
        )
        found = list(
            map(first_of_kind.setdefault, zip(*columns, strict=True), itertools.count())
        )
        return found, {at: key for key, at in first_of_kind.items()}

    @staticmethod
    def members_by_class(
        kind_by_position: list[int | None], class_at: dict[int | None, int]
    ) -> dict[int, list[int]]:
        """Per class, its requests' positions in waiting order, given each
        position's kind (``None``: not a single person's) and each kind's class."""
        classes: list[Any] = list(map(class_at.get, kind_by_position))
        positions: Iterable[int] = range(len(classes))
        if None in classes:
            positions = itertools.compress(
                positions, map(operator.is_not, classes, itertools.repeat(None))
            )
        order = sorted(positions, key=classes.__getitem__)  # stable: by waiting
        counts = collections.Counter(classes)
        counts.pop(None, None)
        singles: dict[int, list[int]] = {}
        start = 0
        for cls in sorted(cast("dict[int, int]", counts)):
            end = start + counts[cls]
            singles[cls] = order[start:end]
            start = end
        return singles

    def read_one_by_one(
        self,
    ) -> tuple[list[Assignment | Unplaced | None], dict[int, list[int]], list[Group]]:
        """:meth:`read`, request by request, keeping the persons seen."""
        outcome: list[Assignment | Unplaced | None] = [None] * len(self.batch)
        singles: dict[int, list[int]] = {}
        groups: list[Group] = []
        person = self.registry.person
        seen: set[str] = set()
        ages: dict[date, int] = {}
        keyed: dict[tuple[object, ...], int] = {}
        kinds: dict[tuple[object, ...], tuple[tuple[int, ...], bool]] = {}
        on, policy = self.on, self.policy
        for index, request in enumerate(self.requests):
            ids = request.persons
            if len(ids) == 1:
                try:
                    single = person(ids[0])
                except UnknownReferenceError:
                    outcome[index] = self.unplaced(
                        request, UnplacedReason.UNKNOWN_PERSON
                    )
                    continue
                if ids[0] in seen:
                    outcome[index] = self.unplaced(
                        request, UnplacedReason.DUPLICATE_PERSON
                    )
                    continue
                seen.add(ids[0])
                birth = single.birth_date
                years = ages.get(birth)
                if years is None:
                    years = ages[birth] = age(birth, on)
                # what decides a person's class: age, needs and groups, home
                key = (
                    single.home_municipality,
                    years,
                    single.target_groups,
                    single.needs,
                    request.acceptable_types,
                )
                cls = keyed.get(key)
                if cls is None:
                    kind = key[1:]
                    found = kinds.get(kind)
                    if found is None:
                        member = Member(single, on, policy)
                        profiles = self.profiles_of(member, request.acceptable_types)
                        found = kinds[kind] = (profiles, member.child)
                    cls = keyed[key] = self.class_of(
                        single.home_municipality, found[0], found[1]
                    )
                members_of = singles.get(cls)
                if members_of is None:
                    singles[cls] = [index]
                else:
                    members_of.append(index)
                continue
            try:
                persons = [person(id) for id in ids]
            except UnknownReferenceError:
                outcome[index] = self.unplaced(request, UnplacedReason.UNKNOWN_PERSON)
                continue
            if seen.intersection(ids):
                outcome[index] = self.unplaced(request, UnplacedReason.DUPLICATE_PERSON)
                continue
            seen.update(ids)
            groups.append(self.group(index, request, persons))
        return outcome, singles, groups

    def group(
        self, index: int, request: PlacementRequest, persons: list[Person]
    ) -> Group:
        members = [Member(person, self.on, self.policy) for person in persons]
        home = home_of(persons)
        common: set[int] | None = None
        for member in members:
            mine = set(self.profiles_of(member, request.acceptable_types))
            common = mine if common is None else common & mine
        profiles = tuple(sorted(common or ()))
        split: dict[int, int] = {}
        for member in members:
            cls = self.class_of(home, profiles, member.child)
            split[cls] = split.get(cls, 0) + 1
        children = sum(member.child for member in members)
        return Group(
            index, home, profiles, len(members), children, sorted(split.items())
        )

    def unplaced(self, request: PlacementRequest, reason: UnplacedReason) -> Unplaced:
        return problem_unplaced(request, reason)

    # -- sibling groups -------------------------------------------------------

    def quality(
        self, home: str, child: bool, municipality: str, profile: int
    ) -> tuple[float, ...]:
        """How good a service class is for a request: the ranking's order."""
        tier = self.map.tier(home, municipality)
        distance = self.map.distance_km(home, municipality)
        measure = self.profiles[profile].measure_rank if child else 0
        keys: tuple[float, ...] = (measure, self.policy.tier_cost(tier))
        if self.policy.proximity_first:
            keys = keys[::-1]
        return (*keys, float("inf") if distance is None else distance)

    def options(self, group: Group, stock: Stock) -> list[int | None]:
        """The sites a group could go to, best first, one of each kind; then
        ``None`` (unplaced)."""
        found: list[tuple[tuple[float, ...], str, int]] = []
        for (municipality, profile), members in self.node_sites.items():
            if profile not in group.profiles:
                continue
            if not self.allowed[self.map.tier(group.home, municipality)]:
                continue
            quality = self.quality(
                group.home, group.children > 0, municipality, profile
            )
            kinds: set[tuple[int, int]] = set()
            for site in members:
                if stock.room(site, group.home) >= group.size:
                    kind = (stock.general[site], stock.held[site].get(group.home, 0))
                    if kind not in kinds:
                        kinds.add(kind)
                        found.append((quality, self.sites[site].id, site))
        found.sort()
        return [*(site for _, _, site in found), None]

    def contribution(self, group: Group, site: int | None) -> tuple[int, ...]:
        if site is None:
            return self.vector([(group.size, group.children, False, None)])
        where = self.sites[site]
        tier = self.map.tier(group.home, where.municipality)
        return self.vector([(group.size, group.children, where.family_based, tier)])

    def singles_vector(
        self, units: dict[int, int], result: dict[int, list[tuple[Key, int]]]
    ) -> tuple[int, ...]:
        rows: list[tuple[int, int, bool, Proximity | None]] = []
        for cls, count in units.items():
            home, _, child = self.classes[cls]
            placed = 0
            for (municipality, profile, _), amount in result.get(cls, ()):
                placed += amount
                tier = self.map.tier(home, municipality)
                family = self.profiles[profile].family_based
                rows.append((amount, amount if child else 0, family, tier))
            if count > placed:
                left = count - placed
                rows.append((left, left if child else 0, False, None))
        return self.vector(rows)


def _add(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _value_of(
    problem: Problem,
    groups: list[Group],
    units: dict[int, int],
    solver: Solver,
    choice: list[int | None],
) -> tuple[int, ...] | None:
    """The penalties of placing the groups so and the rest by the flow;
    ``None`` if the groups do not fit so."""
    stock = problem.stock.copy()
    total = (0,) * len(problem.levels)
    for group, site in zip(groups, choice, strict=True):
        if site is not None:
            if stock.room(site, group.home) < group.size:
                return None
            stock.take(site, group.home, group.size)
        total = _add(total, problem.contribution(group, site))
    result = problem.flow(units, stock, solver)
    return _add(total, problem.singles_vector(units, result))


def _at_least_first_come(
    problem: Problem,
    groups: list[Group],
    units: dict[int, int],
    solver: Solver,
    choice: list[int | None],
    method: str,
) -> tuple[list[int | None], str]:
    """The groups where first come, first served puts them, when that turns
    out better: so the result is never worse than the baseline."""
    from ._greedy import allocate_first_come  # the baseline builds on this module

    first = allocate_first_come(
        problem.requests, problem.registry, on=problem.on, policy=problem.policy
    )
    index = {site.id: n for n, site in enumerate(problem.sites)}
    placed = {a.request: index[a.service] for a in first.assignments}
    theirs: list[int | None] = [
        placed.get(problem.requests[group.request].id) for group in groups
    ]
    mine = _value_of(problem, groups, units, solver, choice)
    other = _value_of(problem, groups, units, solver, theirs)
    if other is not None and (mine is None or other < mine):
        return theirs, method + "; groups where first come puts them, which did better"
    return choice, method


def _place_groups(
    problem: Problem,
    groups: list[Group],
    units: dict[int, int],
    solver: Solver,
) -> tuple[list[int | None], bool, str]:
    """Choose a site (or none) for each group; say whether that is proven optimal."""
    relaxed = dict(units)
    for group in groups:
        for cls, count in group.unit_classes:
            relaxed[cls] = relaxed.get(cls, 0) + count
    bound_result = problem.flow(relaxed, problem.stock, solver)
    bound = problem.singles_vector(relaxed, bound_result)

    if len(groups) <= GROUP_SEARCH_LIMIT:
        best: list[tuple[tuple[int, ...], list[int | None]]] = []
        nodes = 0
        complete = True

        def search(
            k: int, stock: Stock, partial: tuple[int, ...], chosen: list[int | None]
        ) -> None:
            nonlocal nodes, complete
            if best and best[0][0] == bound:
                return  # nothing can beat the bound
            if nodes >= GROUP_SEARCH_NODES:
                complete = False
                return
            nodes += 1
            if k == len(groups):
                result = problem.flow(units, stock, solver)
                total = _add(partial, problem.singles_vector(units, result))
                if not best or total < best[0][0]:
                    best[:] = [(total, list(chosen))]
                return
            if best:
                rest = dict(units)
                for group in groups[k:]:
                    for cls, count in group.unit_classes:
                        rest[cls] = rest.get(cls, 0) + count
                result = problem.flow(rest, stock, solver)
                if _add(partial, problem.singles_vector(rest, result)) >= best[0][0]:
                    return
            group = groups[k]
            for site in problem.options(group, stock):
                taken = stock
                if site is not None:
                    taken = stock.copy()
                    taken.take(site, group.home, group.size)
                chosen.append(site)
                search(
                    k + 1,
                    taken,
                    _add(partial, problem.contribution(group, site)),
                    chosen,
                )
                chosen.pop()

        search(0, problem.stock, (0,) * len(problem.levels), [])
        value, choice = best[0]
        optimal = complete or value == bound
        return choice, optimal, "min-cost flow; sibling groups by branch and bound"

    stock = problem.stock.copy()
    greedy: list[int | None] = []
    total = (0,) * len(problem.levels)
    for group in groups:
        site = problem.options(group, stock)[0]
        if site is not None:
            stock.take(site, group.home, group.size)
        greedy.append(site)
        total = _add(total, problem.contribution(group, site))
    result = problem.flow(units, stock, solver)
    total = _add(total, problem.singles_vector(units, result))
    return greedy, total == bound, "min-cost flow; sibling groups in waiting order"


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


def _checked(function: str, requests: object) -> Batch:
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
    order = _waiting_order(days, ids)
    position = [0] * len(order)
    _drain(map(position.__setitem__, order, range(len(order))))
    return Batch(in_memory, order, position)


def _waiting_order(days: list[int], ids: list[str]) -> list[int]:
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


def start(
    function: str,
    requests: object,
    registry: object,
    on: object,
    policy: object,
) -> Problem:
    batch = _checked(function, requests)
    _checks.argument(function, "registry", registry, Registry)
    _checks.date_argument(function, "on", on)
    if policy is None:
        policy = Policy()
    _checks.argument(function, "policy", policy, Policy)
    return Problem(registry, on, policy, batch)  # type: ignore[arg-type]


def why(
    problem: Problem, home: str, profiles: tuple[int, ...], size: int
) -> UnplacedReason:
    """Why a request of ``size`` persons from ``home`` found no place."""
    key = (home, profiles, size)
    found = problem.why_cache.get(key)
    if found is None:
        found = problem.why_cache[key] = _why(problem, home, profiles, size)
    return found


def _why(
    problem: Problem, home: str, profiles: tuple[int, ...], size: int
) -> UnplacedReason:
    eligible = False
    room = 0
    everywhere = all(problem.allowed)
    for profile in profiles:
        if everywhere:
            nodes = problem.nodes_of_profile.get(profile, ())
        else:
            nodes = [
                node
                for node in problem.nodes_of_profile.get(profile, ())
                if problem.allowed[problem.map.tier(home, node[0])]
            ]
        for node in nodes:
            eligible = True
            room = max(room, problem.node_room[node])
        for key in problem.pools_of.get(home, ()):
            if key[1] == profile and (
                everywhere or problem.allowed[problem.map.tier(home, key[0])]
            ):
                for site in problem.pool_sites[key]:
                    room = max(room, problem.sites[site].free_for(home))
    if not eligible:
        return UnplacedReason.NO_ELIGIBLE_SERVICE
    if room >= size:
        return UnplacedReason.PLACES_TAKEN
    return UnplacedReason.NOT_ENOUGH_ROOM if room else UnplacedReason.NO_FREE_PLACE


class Tally:
    """Persons and children placed, by tier and by family-based care or not."""

    __slots__ = ("counts",)

    def __init__(self) -> None:
        self.counts: dict[tuple[Proximity, bool], list[int]] = {}

    def add(self, tier: Proximity, family: bool, persons: int, children: int) -> None:
        found = self.counts.get((tier, family))
        if found is None:
            self.counts[(tier, family)] = [persons, children]
        else:
            found[0] += persons
            found[1] += children

    def objective(self, policy: Policy) -> tuple[int, ...]:
        """The value of each level (counts; the sum of costs for TIER_COST)."""
        values = []
        for level in policy.levels:
            value = 0
            for (tier, family), (persons, children) in self.counts.items():
                if level is Level.PLACED:
                    value += persons
                elif level is Level.FAMILY_BASED:
                    value += children if family else 0
                elif level is Level.TIER_COST:
                    value += persons * policy.tier_cost(tier)
                else:
                    limit = level.tier
                    assert limit is not None
                    value += persons if tier <= limit else 0
            values.append(value)
        return tuple(values)

    def per_tier(self) -> tuple[int, ...]:
        counts = [0] * len(_TIERS)
        for (tier, _), (persons, _) in self.counts.items():
            counts[tier] += persons
        return tuple(counts)


Outcome = list[Assignment | Unplaced | None]
"""Per request, in waiting order: what became of it, ``None`` until settled."""


_drain = collections.deque[object](maxlen=0).extend
"""Run an iterator through (a C-level loop)."""


_REASONS = tuple(UnplacedReason)
_FIRST_PLACED = 1 + len(_REASONS)


class Settled:
    """What became of the requests settled in bulk: per waiting position, a
    code: 0 when not settled here; for a request left unplaced, its reason's;
    for one placed, its site's and tier's.

    A flat column of integers, not an object per request or per run of
    requests: every object a call leaves behind is one more for the garbage
    collector to walk, and a million of them start a full collection."""

    __slots__ = slots("fate site_ids")

    def __init__(self, count: int, site_ids: list[str]) -> None:
        self.fate = [0] * count
        self.site_ids = site_ids

    def placed(self, site: int, tier: Proximity) -> int:
        """The code of a request placed at ``site`` (an index), at ``tier``."""
        return _FIRST_PLACED + tier * len(self.site_ids) + site

    @staticmethod
    def left(reason: UnplacedReason) -> int:
        """The code of a request left unplaced for ``reason``."""
        return 1 + _REASONS.index(reason)

    def place(self, positions: Sequence[int], site: int, tier: Proximity) -> None:
        self.settle(positions, itertools.repeat(self.placed(site, tier)))

    def leave(self, positions: Sequence[int], reason: UnplacedReason) -> None:
        self.settle(positions, itertools.repeat(self.left(reason)))

    def settle(self, positions: Iterable[int], codes: Iterable[int]) -> None:
        """Give each of ``positions`` its code from ``codes``."""
        _drain(map(self.fate.__setitem__, positions, codes))

    def services(self) -> tuple[list[str | None], list[Proximity | None]]:
        """Per code, the service and the tier it stands for (``None`` for a
        code that is not a placement's): lists, to look up by index."""
        unused: list[None] = [None] * _FIRST_PLACED
        count = len(self.site_ids)
        tiers = [tier for tier in _TIERS for _ in range(count)]
        return [*unused, *self.site_ids * len(_TIERS)], [*unused, *tiers]


def _codes(values: Iterable[Hashable]) -> list[int]:
    """Per value, a code: equal values (and only they) share one."""
    codes: dict[Hashable, int] = {}
    return list(map(codes.setdefault, values, itertools.count()))


def _built(
    batch: Batch, outcome: Outcome, settled: Settled
) -> tuple[tuple[Assignment, ...], tuple[Unplaced, ...]]:
    """The assignments and unplaced requests, in waiting order: those of
    ``settled`` are built in memory order (column by column, with C-level
    passes, no Python call per request), then put in their places."""
    in_memory, position = batch.in_memory, batch.position
    fate = list(map(settled.fate.__getitem__, position))  # in memory order

    def in_waiting_order(
        results: list[Any], mask: list[bool], make: Callable[..., list[Any]]
    ) -> tuple[Any, ...]:
        chosen = list(itertools.compress(in_memory, mask))
        codes = list(itertools.compress(fate, mask))
        columns: tuple[Any, ...] = (
            settled.services() if make is _assignments else (reasons, words)
        )
        made = make(
            len(chosen),
            map(_ID, chosen),
            map(_PERSONS, chosen),
            *(map(column.__getitem__, codes) for column in columns),
        )
        _drain(map(results.__setitem__, itertools.compress(position, mask), made))
        return tuple(
            itertools.compress(
                results, map(operator.is_not, results, itertools.repeat(None))
            )
        )

    reasons = {Settled.left(reason): reason for reason in _REASONS}
    words = {code: _UNPLACED_WORDS[reason] for code, reason in reasons.items()}
    placed = list(map(operator.ge, fate, itertools.repeat(_FIRST_PLACED)))
    left = list(map(reasons.__contains__, fate))
    return (
        in_waiting_order([None] * len(outcome), placed, _assignments),
        in_waiting_order(list(outcome), left, _unplaced),
    )


def finish(
    problem: Problem,
    outcome: Outcome,
    tally: Tally,
    optimal: bool,
    method: str,
    settled: Settled,
) -> Allocation:
    """Wrap up: assignments and unplaced requests in waiting order, built
    when first read (from ``outcome`` and ``settled``)."""
    batch = problem.batch
    return Allocation._deferred(
        on=problem.on,
        policy=problem.policy,
        objective=tally.objective(problem.policy),
        per_tier=tally.per_tier(),
        optimal=optimal,
        method=method,
        outcome=lambda: _built(batch, outcome, settled),
    )


def run(
    requests: Iterable[PlacementRequest],
    registry: Registry,
    on: date,
    policy: Policy | None,
    solver: Solver = solve_in_python,
) -> Allocation:
    """:func:`allocate`, with the min-cost flow solver as a parameter (the
    benchmarks compare solvers on the same pipeline)."""
    problem = start("allocate", requests, registry, on, policy)
    outcome, singles, groups = problem.read()
    units = {cls: len(members) for cls, members in singles.items()}
    tally = Tally()
    settled = Settled(len(outcome), [site.id for site in problem.sites])
    stock = problem.stock
    optimal, method = True, "min-cost flow"
    if groups:
        choice, optimal, method = _place_groups(problem, groups, units, solver)
        if not optimal:
            choice, method = _at_least_first_come(
                problem, groups, units, solver, choice, method
            )
        for group, site in zip(groups, choice, strict=True):
            if site is None:
                reason = why(problem, group.home, group.profiles, group.size)
                settled.leave((group.request,), reason)
                continue
            stock.take(site, group.home, group.size)
            where = problem.sites[site]
            tier = problem.map.tier(group.home, where.municipality)
            tally.add(tier, where.family_based, group.size, group.children)
            settled.place((group.request,), site, tier)
    result = problem.flow(units, stock, solver) if units else {}
    _expand(problem, singles, result, tally, settled)
    return finish(problem, outcome, tally, optimal, method, settled)


def _expand(
    problem: Problem,
    singles: dict[int, list[int]],
    result: dict[int, list[tuple[Key, int]]],
    tally: Tally,
    settled: Settled,
) -> None:
    """Hand each class's places to its requests, the earliest first; the
    rest are left unplaced, with the reason."""
    stock = problem.stock
    general, held = stock.general, stock.held
    cursor: dict[Key, int] = {}
    tier_of = problem.map.tier
    for cls in sorted(singles):
        members = singles[cls]
        home, profiles, child = problem.classes[cls]
        destinations = sorted(
            result.get(cls, ()),
            key=lambda item: (
                problem.quality(home, child, item[0][0], item[0][1]),
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
            family = problem.profiles[profile].family_based
            tally.add(tier, family, amount, amount if child else 0)
            if pool is None:
                candidates = problem.node_sites[(municipality, profile)]
            else:
                candidates = problem.pool_sites[(municipality, profile, pool)]
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
            reason = settled.left(why(problem, home, profiles, 1))
            fates.extend(itertools.repeat(reason, len(members) - position))
        settled.settle(members, fates)


def allocate(
    requests: Iterable[PlacementRequest],
    registry: Registry,
    *,
    on: date,
    policy: Policy | None = None,
) -> Allocation:
    """Place a batch of requests in the free places of ``registry`` on ``on``.

    The objective is lexicographic, in the order of ``policy.levels``; by
    default: place as many persons as possible; then as many children as
    possible in family-based care; then as many persons as possible in their
    own municipality, then within a neighbouring one, then in their own
    region, then in a neighbouring region. Nobody loses a place at home to
    someone from elsewhere unless a higher level requires it. Among equal
    optima, requests made earlier (by ``requested_on``, then id) get the
    better places and are the last left unplaced.

    A sibling group goes to one service, whole, and counts as all its
    members. Places are counted on ``on`` from the registry's placements;
    places held by an agreement for a municipality go only to its residents.
    A request naming a person the registry does not hold is left unplaced
    (``unknown_person``); so is a request naming a person that an earlier
    request names (``duplicate_person``). The result does not depend on the
    order of ``requests``.

    Args:
        requests: the requests to place, e.g. ``registry.requests``.
        registry: the services, their places and the people.
        on: the day of the placements.
        policy: the objective and the rules; the default is ``Policy()``.

    Returns:
        The assignments, the unplaced requests with their reasons, the value
        of each level of the objective and whether it is proven optimal.

    Raises:
        InvalidValueError: when an argument is of the wrong type, or two
            requests share an id.

    >>> from socialservices.examples import SCENARIO_DATE, sofia_oblast
    >>> registry = sofia_oblast()
    >>> allocation = allocate(registry.requests, registry, on=SCENARIO_DATE)
    >>> [(a.request, a.service, a.tier.name) for a in allocation.assignments]
    [('R-01', 'S-PIRDOP-FOSTER', 'SAME_MUNICIPALITY')]
    >>> allocation.optimal
    True

    .. versionadded:: 0.2
    """
    return run(requests, registry, on, policy)
