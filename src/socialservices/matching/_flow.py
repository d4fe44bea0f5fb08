"""A min-cost flow solver in pure Python, exact on integer costs of any size.

Primal-dual successive shortest paths: Dijkstra with node potentials finds the
cost of the cheapest augmenting path, then a blocking flow (Dinic) pushes as
much as the paths of that cost carry, and so on until the sink is out of
reach. Costs must be non-negative on the edges as given. Python's integers
have no size limit, so a lexicographic objective is encoded exactly as one
integer (:func:`encode`), with no overflow and no rounding.

The number of rounds is the number of distinct path costs met, which on
matching's aggregated graphs is small; each round costs one Dijkstra and one
blocking flow over the edges.
"""

from __future__ import annotations

import collections
import heapq
from collections.abc import Sequence
from typing import Any

from ._world import slots

__all__ = ["Network", "encode"]


def encode(digits: Sequence[int], base: int) -> int:
    """``digits`` as one integer in ``base``, the first digit most significant.

    With every digit (and every sum of digits compared) in ``range(base)``,
    integers compare as the digit vectors do, lexicographically.

    >>> encode((1, 0, 2), 10)
    102
    """
    value = 0
    for digit in digits:
        value = value * base + digit
    return value


def decode(value: int, base: int, length: int) -> tuple[int, ...]:
    """The ``length`` digits of a non-negative ``value`` in ``base``.

    >>> decode(102, 10, 3)
    (1, 0, 2)
    """
    digits = []
    for _ in range(length):
        value, digit = divmod(value, base)
        digits.append(digit)
    return tuple(reversed(digits))


class Network:
    """A directed graph with capacities and costs; edges come in pairs.

    Edge ``e`` and its reverse ``e ^ 1`` share one residual capacity: the
    flow on ``e`` is the residual capacity of ``e ^ 1``.
    """

    __slots__ = slots("_adjacent _capacity _cost _head _potential")

    def __init__(self) -> None:
        self._head: list[int] = []
        self._capacity: list[int] = []
        self._cost: list[int] = []
        self._adjacent: list[list[int]] = []
        self._potential: list[int] | None = None

    def add_node(self) -> int:
        """A new node's number."""
        self._adjacent.append([])
        return len(self._adjacent) - 1

    @property
    def nodes(self) -> int:
        """How many nodes the network has."""
        return len(self._adjacent)

    @property
    def edges(self) -> int:
        """How many edges were added (reverse edges not counted)."""
        return len(self._head) // 2

    def add_edge(self, tail: int, head: int, capacity: int, cost: int) -> int:
        """Add an edge and return its number (for :meth:`flow`)."""
        edge = len(self._head)
        self._head += (head, tail)
        self._capacity += (capacity, 0)
        self._cost += (cost, -cost)
        self._adjacent[tail].append(edge)
        self._adjacent[head].append(edge + 1)
        return edge

    def flow(self, edge: int) -> int:
        """The flow on ``edge`` (after :meth:`solve`)."""
        return self._capacity[edge ^ 1]

    def head(self, edge: int) -> int:
        """The node ``edge`` leads to."""
        return self._head[edge]

    def tail(self, edge: int) -> int:
        """The node ``edge`` leaves."""
        return self._head[edge ^ 1]

    def capacity(self, edge: int) -> int:
        """The capacity ``edge`` was added with."""
        return self._capacity[edge] + self._capacity[edge ^ 1]

    def cost(self, edge: int) -> int:
        """The cost of one unit on ``edge``."""
        return self._cost[edge]

    def out_edges(self, node: int) -> list[int]:
        """The edges added from ``node``, in the order added."""
        return [edge for edge in self._adjacent[node] if not edge & 1]

    def set_flows(self, flows: Sequence[int]) -> None:
        """Take ``flows`` (one per edge, in the order added) as the flow, e.g.
        one another solver found, forgetting any potentials."""
        capacity = self._capacity
        for index, amount in enumerate(flows):
            edge = 2 * index
            total = capacity[edge] + capacity[edge + 1]
            capacity[edge], capacity[edge + 1] = total - amount, amount
        self._potential = None

    def potentials(self) -> list[int]:
        """Node potentials under which every edge with room left has a
        non-negative reduced cost (``cost + p[tail] - p[head]``): the duals of
        the flow, which prove it cheapest. :meth:`solve` leaves them; for a
        flow set with :meth:`set_flows` they are found by Bellman-Ford."""
        if self._potential is None:
            self._potential = self._bellman_ford()
        return self._potential

    def _bellman_ford(self) -> list[int]:
        """Shortest distances in the residual graph from a virtual root that
        reaches every node at cost 0 (a queue-based Bellman-Ford): with ``d``
        those distances, ``cost + d[tail] - d[head] >= 0`` on every edge with
        room left, as long as the flow is cheapest (no negative cycle)."""
        head, capacity, cost, adjacent = (
            self._head,
            self._capacity,
            self._cost,
            self._adjacent,
        )
        count = len(adjacent)
        distance = [0] * count
        queued = [True] * count
        queue = collections.deque(range(count))
        while queue:
            node = queue.popleft()
            queued[node] = False
            here = distance[node]
            for edge in adjacent[node]:
                if capacity[edge]:
                    other = head[edge]
                    there = here + cost[edge]
                    if there < distance[other]:
                        distance[other] = there
                        if not queued[other]:
                            queued[other] = True
                            queue.append(other)
        return distance

    def solve(self, source: int, sink: int) -> tuple[int, int]:
        """Send as much flow as possible from ``source`` to ``sink`` at least cost.

        Returns the flow and its cost. Edge costs must be non-negative.
        """
        count = len(self._adjacent)
        potential = [0] * count
        self._potential = potential
        total_flow = total_cost = 0
        while True:
            distance = self._distances(source, sink, potential)
            if distance is None:
                return total_flow, total_cost
            for node in range(count):
                potential[node] += distance[node]
            pushed = self._blocking_flows(source, sink, potential)
            total_flow += pushed
            total_cost += pushed * (potential[sink] - potential[source])

    def solve_by_paths(self, source: int, sink: int) -> tuple[int, int]:
        """:meth:`solve`, pushing flow along one shortest path per round.

        For graphs whose paths have many distinct costs (distances in metres),
        where a round rarely finds two paths of one cost and a blocking flow
        would walk the whole graph for one path."""
        count = len(self._adjacent)
        potential = [0] * count
        self._potential = potential
        capacity = self._capacity
        total_flow = total_cost = 0
        while True:
            found = self._distances(source, sink, potential, want_path=True)
            if found is None:
                return total_flow, total_cost
            distance, path = found
            for node in range(count):
                potential[node] += distance[node]
            amount = min(capacity[edge] for edge in path)
            for edge in path:
                capacity[edge] -= amount
                capacity[edge ^ 1] += amount
            total_flow += amount
            total_cost += amount * (potential[sink] - potential[source])

    def _distances(
        self, source: int, sink: int, potential: list[int], want_path: bool = False
    ) -> Any:
        """Reduced distances from ``source``, capped at the sink's (Dijkstra).

        ``None`` when the sink cannot be reached.
        """
        head, capacity, cost, adjacent = (
            self._head,
            self._capacity,
            self._cost,
            self._adjacent,
        )
        infinite = None
        distance: list[int | None] = [infinite] * len(adjacent)
        done = [False] * len(adjacent)
        distance[source] = 0
        queue: list[tuple[int, int]] = [(0, source)]
        pop, push = heapq.heappop, heapq.heappush
        reached: int | None = None
        into: list[int] = [-1] * len(adjacent) if want_path else []
        while queue:
            here, node = pop(queue)
            if done[node]:
                continue
            done[node] = True
            if node == sink:
                reached = here
                break
            base = here + potential[node]
            for edge in adjacent[node]:
                if capacity[edge]:
                    other = head[edge]
                    if done[other]:
                        continue
                    there = base + cost[edge] - potential[other]
                    known = distance[other]
                    if known is None or there < known:
                        distance[other] = there
                        if want_path:
                            into[other] = edge
                        push(queue, (there, other))
        if reached is None:
            return None
        capped = [
            d if d is not None and done[n] else reached for n, d in enumerate(distance)
        ]
        if not want_path:
            return capped
        path: list[int] = []
        node = sink
        while node != source:
            edge = into[node]
            path.append(edge)
            node = head[edge ^ 1]
        return capped, path

    def _blocking_flows(self, source: int, sink: int, potential: list[int]) -> int:
        """Push flow along every shortest path (edges of reduced cost 0): Dinic."""
        head, capacity, cost, adjacent = (
            self._head,
            self._capacity,
            self._cost,
            self._adjacent,
        )
        count = len(adjacent)
        total = 0
        while True:
            # levels over the admissible edges
            level = [-1] * count
            level[source] = 0
            frontier = [source]
            while frontier and level[sink] < 0:
                following = []
                for node in frontier:
                    next_level = level[node] + 1
                    pn = potential[node]
                    for edge in adjacent[node]:
                        if capacity[edge]:
                            other = head[edge]
                            if level[other] < 0 and cost[edge] + pn == potential[other]:
                                level[other] = next_level
                                following.append(other)
                frontier = following
            if level[sink] < 0:
                return total
            # blocking flow by depth-first search with edge pointers
            pointer = [0] * count
            while True:
                path: list[int] = []
                node = source
                while node != sink:
                    edges = adjacent[node]
                    index = pointer[node]
                    pn, want = potential[node], level[node] + 1
                    while index < len(edges):
                        edge = edges[index]
                        other = head[edge]
                        if (
                            capacity[edge]
                            and level[other] == want
                            and cost[edge] + pn == potential[other]
                        ):
                            break
                        index += 1
                    pointer[node] = index
                    if index == len(edges):  # dead end: retreat
                        if not path:
                            break
                        level[node] = -1
                        edge = path.pop()
                        node = head[edge ^ 1]
                        pointer[node] += 1
                        continue
                    path.append(edges[index])
                    node = head[edges[index]]
                if node != sink:
                    break
                amount = min(capacity[edge] for edge in path)
                for edge in path:
                    capacity[edge] -= amount
                    capacity[edge ^ 1] += amount
                total += amount
