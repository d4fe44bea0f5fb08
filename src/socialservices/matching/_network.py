"""The network: classes of single persons sent to service classes at least penalty.

Owns building the aggregated flow problem, solving it and reading back how
many persons of each class go to each service class or pool. It knows the
classes (:mod:`._demand`), the service classes (:mod:`._places`) and the
penalties (:mod:`._levels`), and nothing of groups or of results.

*Phase 1, the levels but the distance.* Every person either reaches a place
or an "unplaced" edge; each way costs the penalty digits of its levels,
packed into one Python integer with a base larger than any total, so integer
order is the lexicographic order of the levels, exactly. Paths to the far
tiers go through a hub per region and profile (and one for the country), so
the graph has a few edges per class, not one per pair of classes; a hub path
is priced at its tier, never below the true tier of where it ends, so an
optimum over paths is an optimum over placements.

*Phase 2, the distance.* A hub does not know how far its places are, so the
distance is solved on what phase 1 leaves open. The solver's node potentials
prove phase 1 optimal: a class may use a service class in some optimum only
if that edge's reduced cost is zero, a service class whose reduced cost to
the sink is negative is full in every optimum, and one whose reduced cost is
positive is empty in every optimum (complementary slackness). Every flow
that keeps to the zero-cost edges and fills the classes that must be full is
optimal on every phase-1 level, and only those are. Phase 2 is a
transportation problem over exactly those edges, each priced in metres, with
a surcharge on places that need not be filled so that the ones that must be
are: its optimum is the least total distance among the optima of phase 1.
"""

from __future__ import annotations

from collections.abc import Callable

from .._geography import Proximity
from ._demand import Demand
from ._flow import Network
from ._levels import Penalties
from ._places import Key, Places, Stock
from ._simplex import min_cost_flow
from ._world import slots

__all__ = ["Flows", "Graph", "Solver", "Work", "solve_in_python"]


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


Solver = Callable[[Graph], list[int]]
"""Flows on a graph's edges, from its source to its sink, at least cost."""


def solve_in_python(graph: Graph) -> list[int]:
    """The library's own solver: flows per edge."""
    network = graph.network
    network.solve(graph.source, graph.sink)
    return [network.flow(2 * edge) for edge in range(network.edges)]


class Work:
    """Work done, counted in edges of the flow problems solved: a measure
    that depends on the data only, never on the machine or the clock."""

    __slots__ = slots("done expected progress")

    def __init__(
        self, expected: int, progress: Callable[[int, int], object] | None
    ) -> None:
        self.done = 0
        self.expected = expected
        self.progress = progress

    def add(self, amount: int) -> None:
        self.done += amount
        self.expected = max(self.expected, self.done)
        if self.progress is not None:
            self.progress(self.done, self.expected)


Result = dict[int, list[tuple[Key, int]]]
"""Per class, persons per service class or pool."""


class Flows:
    """Solves single persons by class on a stock of places."""

    def __init__(
        self,
        places: Places,
        demand: Demand,
        penalties: Penalties,
        solver: Solver,
        work: Work,
    ) -> None:
        self.places = places
        self.demand = demand
        self.penalties = penalties
        self.solver = solver
        self.work = work
        self._recent: dict[object, Result] = {}

    def solve(self, units: dict[int, int], stock: Stock) -> Result:
        """Per class of ``units`` (class -> persons), persons per service
        class or pool, on ``stock``.

        Classes that share no service profile, even through other classes,
        compete for no place: each such component is solved on its own. The
        last few problems are remembered: the search for sibling groups asks
        for the flow around its best choice again."""
        key = (
            tuple(sorted(units.items())),
            tuple(stock.general),
            tuple(tuple(sorted(held.items())) for held in stock.held if held),
        )
        found = self._recent.get(key)
        if found is None:
            found = self._solve(units, stock)
            if len(self._recent) >= 4:
                del self._recent[next(iter(self._recent))]
            self._recent[key] = found
        return {cls: list(amounts) for cls, amounts in found.items()}

    def _solve(self, units: dict[int, int], stock: Stock) -> Result:
        classes = self.demand.classes
        parent = list(range(len(self.places.profiles)))

        def root(profile: int) -> int:
            while parent[profile] != profile:
                parent[profile] = parent[parent[profile]]
                profile = parent[profile]
            return profile

        for cls in units:
            profiles = classes[cls][1]
            for other in profiles[1:]:
                a, b = root(profiles[0]), root(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        parts: dict[int, dict[int, int]] = {}
        result: Result = {}
        for cls in sorted(units):
            profiles = classes[cls][1]
            if not profiles or not units[cls]:
                result[cls] = []
                continue
            parts.setdefault(root(profiles[0]), {})[cls] = units[cls]
        for component in sorted(parts):
            members = frozenset(p for p in range(len(parent)) if root(p) == component)
            result.update(self._component(parts[component], stock, members))
        return result

    def _component(
        self, units: dict[int, int], stock: Stock, component: frozenset[int]
    ) -> Result:
        places, penalties = self.places, self.penalties
        graph = Graph()
        add = graph.add_edge
        net = graph.network
        persons = sum(units.values())
        base = penalties.base(max(1, persons))
        encode = penalties.encode
        costs: dict[tuple[bool, bool, Proximity | None], tuple[int, tuple[int, ...]]]
        costs = {}

        def cost(
            child: bool, family: bool, tier: Proximity | None
        ) -> tuple[int, tuple[int, ...]]:
            key = (child, family, tier)
            found = costs.get(key)
            if found is None:
                digits = penalties.digits(int(child), family, tier)
                found = costs[key] = (encode(digits, base), digits)
            return found

        zero = (0,) * len(penalties.tiered)
        # service classes and pools with places left
        node_of: dict[Key, int] = {}
        free_of: dict[Key, int] = {}
        for (municipality, profile), members in places.node_sites.items():
            if profile not in component:
                continue
            free = sum(stock.general[s] for s in members)
            if free:
                node = net.add_node()
                node_of[(municipality, profile, None)] = node
                free_of[(municipality, profile, None)] = free
                add(node, graph.sink, free, 0, zero)
        for (municipality, profile, home), members in places.pool_sites.items():
            if profile not in component:
                continue
            free = sum(stock.held[s].get(home, 0) for s in members)
            if free:
                node = net.add_node()
                node_of[(municipality, profile, home)] = node
                free_of[(municipality, profile, home)] = free
                add(node, graph.sink, free, 0, zero)
        region_of = places.map.region
        hub_of: dict[tuple[str | None, int], int] = {}
        if places.hubs:
            for (municipality, profile, holder), node in node_of.items():
                if holder is not None:
                    continue
                region = region_of(municipality)
                national = hub_of.get((None, profile))
                if national is None:
                    national = hub_of[(None, profile)] = net.add_node()
                # one more than anyone can send: a hub's edges are never full,
                # so its potential bounds its places' (phase 2 relies on it)
                if region is None:
                    add(national, node, persons + 1, 0, zero)
                    continue
                hub = hub_of.get((region, profile))
                if hub is None:
                    hub = hub_of[(region, profile)] = net.add_node()
                    add(national, hub, persons + 1, 0, zero)
                add(hub, node, persons + 1, 0, zero)
        geography = places.registry.geography
        allowed = places.allowed
        tier_of = places.map.tier
        classes = self.demand.classes
        class_edges: dict[int, list[tuple[int, object]]] = {}
        for cls in sorted(units):
            count = units[cls]
            home, profiles, child, access = classes[cls]
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
                family = places.profiles[profile].family_based
                targets: list[tuple[Key, Proximity]] = []
                if places.hubs:
                    for municipality in near:
                        targets.append(
                            ((municipality, profile, None), tier_of(home, municipality))
                        )
                else:
                    for key in node_of:
                        if key[1] == profile and key[2] is None:
                            targets.append((key, tier_of(home, key[0])))
                for key in places.pools_of.get(access, ()):
                    if key[1] == profile:
                        targets.append((key, tier_of(home, key[0])))
                for key, tier in targets:
                    target = node_of.get(key)
                    if target is not None and allowed[tier]:
                        value, digits = cost(child, family, tier)
                        edges.append((add(node, target, count, value, digits), key))
                if not places.hubs:
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
        flows = self.solver(graph)
        self.work.add(net.edges)
        result = self._split(graph, flows, class_edges, hub_of, node_of)
        if not penalties.distance:
            return result
        if self.solver is not solve_in_python:
            net.set_flows(flows)  # its potentials, from another solver's flows
        nearest = self._nearest(units, graph, node_of, free_of, cost, result)
        if nearest is None:  # pragma: no cover - the duals did not prove it
            nearest = self._direct(units, node_of, free_of, cost)
        self._check_same_levels(units, result, nearest, cost)
        return nearest

    def _split(
        self,
        graph: Graph,
        flows: list[int],
        class_edges: dict[int, list[tuple[int, object]]],
        hub_of: dict[tuple[str | None, int], int],
        node_of: dict[Key, int],
    ) -> Result:
        """Per class, the amounts reaching each service class, through hubs."""
        network = graph.network
        key_of_node = {node: key for key, node in node_of.items()}
        hub_key = {node: key for key, node in hub_of.items()}
        # packets arriving at hubs: hub node -> [(class, amount)]
        arriving: dict[int, list[tuple[int, int]]] = {}
        result: Result = {}
        for cls, edges in class_edges.items():
            out: list[tuple[Key, int]] = []
            for edge, key in edges:
                amount = flows[edge // 2]
                if not amount or key is None:
                    continue
                target = network.head(edge)
                if target in hub_key:
                    arriving.setdefault(target, []).append((cls, amount))
                else:
                    out.append((key_of_node[target], amount))
            result[cls] = out
        # national hubs first, then regional ones: pass packets on in order
        order = sorted(hub_key, key=lambda n: (hub_key[n][0] is not None, n))
        for hub in order:
            packets = sorted(arriving.get(hub, ()))
            outgoing = sorted(
                (network.head(edge), flows[edge // 2])
                for edge in network.out_edges(hub)
                if flows[edge // 2]
            )
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

    def _nearest(
        self,
        units: dict[int, int],
        graph: Graph,
        node_of: dict[Key, int],
        free_of: dict[Key, int],
        cost: Callable[[bool, bool, Proximity | None], tuple[int, tuple[int, ...]]],
        first: Result,
    ) -> Result | None:
        """Phase 2: the least total distance among phase 1's optima
        (``first``); ``None`` if the potentials do not prove ``first``
        optimal edge by edge (not expected: then :meth:`_direct` is used)."""
        places = self.places
        potential = graph.network.potentials()
        at_sink = potential[graph.sink]
        # reduced cost of each service class's edge to the sink
        slack = {key: potential[node] - at_sink for key, node in node_of.items()}
        general: dict[int, list[Key]] = {}
        for key in node_of:
            if key[2] is None:
                general.setdefault(key[1], []).append(key)
        allowed, tier_of, metres = places.allowed, places.map.tier, places.map.metres
        classes = self.demand.classes
        tight: dict[int, tuple[bool, list[Key]]] = {}
        longest = 0
        for cls in sorted(units):
            home, profiles, child, access = classes[cls]
            best = at_sink - cost(child, False, None)[0]
            options: list[tuple[int, Key]] = []
            for profile in profiles:
                family = places.profiles[profile].family_based
                pools = [
                    key
                    for key in places.pools_of.get(access, ())
                    if key[1] == profile and key in node_of
                ]
                for key in (*general.get(profile, ()), *pools):
                    tier = tier_of(home, key[0])
                    if allowed[tier]:
                        value = potential[node_of[key]] - cost(child, family, tier)[0]
                        options.append((value, key))
                        best = max(best, value)
            unplaced = at_sink - cost(child, False, None)[0] == best
            chosen = [
                key for value, key in options if value == best and slack[key] <= 0
            ]
            used = {key for key, _ in first.get(cls, ())}
            placed = sum(amount for _, amount in first.get(cls, ()))
            if not used <= set(chosen) or (placed < units[cls] and not unplaced):
                return None
            for key in chosen:
                longest = max(longest, metres(home, key[0]))
            tight[cls] = (unplaced, chosen)
        # classes that share no tight service class are solved apart: the
        # rounds of the solver grow with the distinct distances it meets
        parent: dict[object, object] = {}

        def root(item: object) -> object:
            parent.setdefault(item, item)
            while parent[item] != item:
                parent[item] = parent[parent[item]]
                item = parent[item]
            return item

        for cls, (_, chosen) in tight.items():
            for key in chosen:
                a, b = root(("class", cls)), root(key)
                if a != b:
                    parent[a] = b
        parts: dict[object, list[int]] = {}
        result: Result = {cls: [] for cls in units}
        left = dict(free_of)
        for cls in sorted(tight):
            unplaced, chosen = tight[cls]
            if not unplaced and len(chosen) == 1:
                # one way to go (phase 1 sent them all there): no choice
                result[cls].append((chosen[0], units[cls]))
                left[chosen[0]] -= units[cls]
                continue
            parts.setdefault(root(("class", cls)), []).append(cls)
        for part in parts.values():
            self._nearest_part(part, units, tight, slack, left, longest, result)
        return result

    def _nearest_part(
        self,
        part: list[int],
        units: dict[int, int],
        tight: dict[int, tuple[bool, list[Key]]],
        slack: dict[Key, int],
        free_of: dict[Key, int],
        longest: int,
        result: Result,
    ) -> None:
        """Phase 2 on one component of the tight edges, into ``result``."""
        classes, metres = self.demand.classes, self.places.map.metres
        surcharge = sum(units[cls] for cls in part) * longest + 1
        tails: list[int] = []
        heads: list[int] = []
        capacities: list[int] = []
        costs: list[int] = []

        def add(tail: int, head: int, capacity: int, cost: int) -> int:
            tails.append(tail)
            heads.append(head)
            capacities.append(capacity)
            costs.append(cost)
            return len(tails) - 1

        source, sink = 0, 1
        count = 2
        node2: dict[Key, int] = {}
        edges: list[tuple[int, int, Key]] = []
        for cls in part:
            unplaced, chosen = tight[cls]
            home = classes[cls][0]
            node = count
            count += 1
            add(source, node, units[cls], 0)
            if unplaced:
                add(node, sink, units[cls], surcharge)
            for key in chosen:
                target = node2.get(key)
                if target is None:
                    target = node2[key] = count
                    count += 1
                    must = slack[key] < 0
                    add(target, sink, free_of[key], 0 if must else surcharge)
                edge = add(node, target, units[cls], metres(home, key[0]))
                edges.append((cls, edge, key))
        persons = sum(units[cls] for cls in part)
        supplies = [0] * count
        supplies[source], supplies[sink] = persons, -persons
        flows = min_cost_flow(count, tails, heads, capacities, costs, supplies)
        if flows is None:  # pragma: no cover - phase 1's flow is one
            raise AssertionError("phase 2 found no flow")
        self.work.add(len(tails))
        for cls, edge, key in edges:
            if flows[edge]:
                result[cls].append((key, flows[edge]))

    def _direct(
        self,
        units: dict[int, int],
        node_of: dict[Key, int],
        free_of: dict[Key, int],
        cost: Callable[[bool, bool, Proximity | None], tuple[int, tuple[int, ...]]],
    ) -> Result:
        """Every level at once on an edge per class and service class: exact,
        and far larger than the two phases' graphs."""
        places, classes = self.places, self.demand.classes
        allowed, tier_of, metres = places.allowed, places.map.tier, places.map.metres
        persons = sum(units.values())
        scale = (
            persons
            * max((metres(h, k[0]) for h, *_ in classes for k in node_of), default=0)
            + 1
        )
        net = Network()
        source, sink = net.add_node(), net.add_node()
        target_of = {}
        for key, free in free_of.items():
            target_of[key] = net.add_node()
            net.add_edge(target_of[key], sink, free, 0)
        edges: list[tuple[int, int, Key]] = []
        for cls in sorted(units):
            home, profiles, child, access = classes[cls]
            node = net.add_node()
            net.add_edge(source, node, units[cls], 0)
            net.add_edge(node, sink, units[cls], cost(child, False, None)[0] * scale)
            for key in node_of:
                if key[1] not in profiles or key[2] not in (None, access):
                    continue
                tier = tier_of(home, key[0])
                if allowed[tier]:
                    family = places.profiles[key[1]].family_based
                    value = cost(child, family, tier)[0] * scale + metres(home, key[0])
                    edges.append(
                        (
                            cls,
                            net.add_edge(node, target_of[key], units[cls], value),
                            key,
                        )
                    )
        net.solve(source, sink)
        self.work.add(net.edges)
        result: Result = {cls: [] for cls in units}
        for cls, edge, key in edges:
            amount = net.flow(edge)
            if amount:
                result[cls].append((key, amount))
        return result

    def _check_same_levels(
        self,
        units: dict[int, int],
        first: Result,
        second: Result,
        cost: Callable[[bool, bool, Proximity | None], tuple[int, tuple[int, ...]]],
    ) -> None:
        """Phase 2 keeps every level of phase 1 (a proof's bookkeeping)."""
        places, classes = self.places, self.demand.classes

        def total(result: Result) -> int:
            value = 0
            for cls, count in units.items():
                home, _, child, _ = classes[cls]
                placed = 0
                for key, amount in result.get(cls, ()):
                    family = places.profiles[key[1]].family_based
                    tier = places.map.tier(home, key[0])
                    value += amount * cost(child, family, tier)[0]
                    placed += amount
                value += (count - placed) * cost(child, False, None)[0]
            return value

        if total(first) != total(second):  # pragma: no cover - a bug if reached
            raise AssertionError("the distance phase changed a higher level")
