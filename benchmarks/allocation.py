"""Benchmark: allocating a batch of placement requests, closest to home first.

For each size N (requests), a fresh Python process generates a Bulgaria-shaped
instance from ``random.Random(seed)``: the real 265 municipalities, their
borders and oblast adjacency (:data:`socialservices.bulgaria.GEOGRAPHY`); N
single-person requests whose homes follow the population, the capital
(Stolichna) taking about 20% of them; four target groups (children, people
with disabilities, older people, homeless people) with their service types
and ages; about N/8 services, placed in municipalities by population but
with a spread of their own, so that some places are short and others spare;
existing placements that leave about 0.9 free places per request; and
agreements holding places for a partner municipality in about 2% of the
services. It then measures, from a built registry (its occupancy index built)
and the request list to per-request assignments:

* allocate: :func:`socialservices.matching.allocate` (its own pure-Python
  min-cost flow, the budget: at most 2.5 s for 1,000,000 requests);
* networkx: the same pipeline, the flow solved by ``networkx.min_cost_flow``
  (network simplex) on the same aggregated graph with the same packed
  integer costs (networkx computes in Python integers, so the lexicographic
  costs are exact);
* OR-Tools: the same pipeline, the flow solved by ``SimpleMinCostFlow``,
  whose costs are 64-bit. A lexicographic cost over a million people does
  not fit, so it solves level by level: after each level's optimum, node
  potentials (shortest distances in the residual graph, computed in Python)
  give each edge's reduced cost; an edge with a positive reduced cost carries
  no flow in any optimum and is removed, one with a negative reduced cost
  is saturated in every optimum and is fixed, and the next level is solved
  on what is left. That is exact (complementary slackness), level by level;
* first come: :func:`socialservices.matching.allocate_first_come`, the
  baseline (requests in waiting order, each in its best-ranked service with
  room);
* reading floor: what any pipeline from these inputs to ``Assignment``
  objects must at least do, deciding nothing (:func:`reading_floor`): read
  each request and its person once, in the fastest order, and make one
  assignment each. It is the floor under "allocate end to end" in pure
  Python on the machine.

It checks that all exact pipelines reach the same value at every level of
the objective, and reports persons placed and the count per proximity tier
for allocate and for first come. Times are the fastest of ``--repeat`` runs.
An :class:`~socialservices.matching.Allocation` builds its ``Assignment``
objects when ``assignments`` is first read; the time of that first read is
its own column, and "allocate end to end" (allocate plus that first read) is
what the budget is checked against. First come is timed with its
assignments read. The networkx and OR-Tools columns, like allocate, exclude
the first read. The three pipelines share everything but the solver, so the
last column gives the time spent in each solver alone (the least of the
runs): the pipelines' totals differ by that and by the machine's noise.

Run it from the repository root::

    python benchmarks/allocation.py
    python benchmarks/allocation.py --sizes 200  # a smoke run

``--one N`` measures a single size in this process (``--json`` prints the
result as JSON; that is how the driver calls itself). networkx and OR-Tools
are optional (the ``benchmarks`` extra); without them their columns are
skipped.
"""

from __future__ import annotations

import gc
import itertools
import math
import operator
import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import TypedDict, cast

from _harness import Fastest, environment, fastest, parser, table
from _harness import run as run_sizes

from socialservices import (
    Agreement,
    AgreementKind,
    CapacityChange,
    Eligibility,
    Period,
    Person,
    Placement,
    PlacementRequest,
    Proximity,
    Registry,
    Reservation,
    Service,
)
from socialservices.bulgaria import GEOGRAPHY, SERVICE_TYPES
from socialservices.matching import Allocation, allocate_first_come
from socialservices.matching._allocation import run
from socialservices.matching._network import Graph, solve_in_python
from socialservices.matching._results import _assignments

ON = date(2026, 11, 2)
CAPITAL = "SOF46"
CAPITAL_SHARE = 0.20
REQUESTS_PER_SERVICE = 8
FREE_PER_REQUEST = 0.9
RESERVED_SHARE = 0.02
BUDGET_SIZE = 1_000_000
BUDGET_SECONDS = 2.5

# target group: (share of requests, ages, service types with their eligibility)
GROUPS: dict[str, tuple[float, tuple[int, int], tuple[tuple[str, int | None, int | None], ...]]] = {
    "children": (0.40, (0, 17), (("FTPC", 3, 17), ("FOSTER_CARE", None, 17))),
    "disabilities": (0.25, (18, 64), (("SHELTERED_HOME", 18, None),)),
    "older": (0.25, (65, 95), (("SUPERVISED_HOME", 65, None),)),
    "homeless": (0.10, (18, 80), (("TRANSITIONAL_HOME", 18, None), ("CRISIS_CENTRE", 18, None))),
}  # fmt: skip


class Result(TypedDict):
    """What ``--one N --json`` prints."""

    requests: int
    services: int
    places: int
    generate_s: float
    index_s: float
    allocate_s: float
    solver_s: float
    networkx_solver_s: float | None
    ortools_solver_s: float | None
    assignments_s: float
    networkx_s: float | None
    ortools_s: float | None
    first_come_s: float
    floor_s: float
    classes: int
    nodes: int
    edges: int
    placed: int
    per_tier: list[int]
    first_come_placed: int
    first_come_per_tier: list[int]
    objective: list[int]
    first_come_objective: list[int]
    same_objective: bool


def generate(size: int, seed: int) -> tuple[Registry, list[PlacementRequest]]:
    """A deterministic Bulgaria-shaped instance with ``size`` requests."""
    rng = random.Random(seed)
    municipalities = [m.code for m in GEOGRAPHY.municipalities]
    population = [m.population or 1 for m in GEOGRAPHY.municipalities]
    others = sum(
        p for code, p in zip(municipalities, population, strict=True) if code != CAPITAL
    )
    demand = [
        CAPITAL_SHARE if code == CAPITAL else (1 - CAPITAL_SHARE) * p / others
        for code, p in zip(municipalities, population, strict=True)
    ]
    # services follow population with a spread: some places are short, some spare
    supply = [w * rng.lognormvariate(0, 0.8) for w in demand]
    groups = list(GROUPS)
    shares = [GROUPS[g][0] for g in groups]
    birth_cache: dict[int, date] = {}

    def born(age: int) -> date:
        day = ON.toordinal() - age * 365 - rng.randrange(365)
        if day not in birth_cache:
            birth_cache[day] = date.fromordinal(day)
        return birth_cache[day]

    persons: list[Person] = []
    requests: list[PlacementRequest] = []
    homes = rng.choices(municipalities, demand, k=size)
    targets = rng.choices(groups, shares, k=size)
    width = len(str(size))
    first = ON.toordinal() - 700
    for i in range(size):
        group = targets[i]
        low, high = GROUPS[group][1]
        person_id = f"C{i:0{width}d}"
        persons.append(
            Person(
                id=person_id,
                birth_date=born(rng.randint(low, high)),
                home_municipality=homes[i],
                target_groups=frozenset((group,)),
            )
        )
        requests.append(
            PlacementRequest(
                id=f"R{i:0{width}d}",
                persons=(person_id,),
                requested_on=date.fromordinal(first + rng.randrange(700)),
            )
        )
    count = max(4, size // REQUESTS_PER_SERVICE)
    free_total = round(FREE_PER_REQUEST * size)
    services: list[Service] = []
    placements: list[Placement] = []
    sites = rng.choices(municipalities, supply, k=count)
    kinds = rng.choices(groups, shares, k=count)
    opened = Period(start=date(2015, 1, 1))
    width = len(str(count))
    mean_free = free_total / count
    for s in range(count):
        group = kinds[s]
        type_code, low_age, high_age = rng.choice(GROUPS[group][2])
        free = max(0, round(rng.uniform(0.25, 1.75) * mean_free))
        taken = rng.randint(0, 6)
        service_id = f"S{s:0{width}d}"
        services.append(
            Service(
                id=service_id,
                name=f"{type_code} {s}",
                type=type_code,
                provider="P-1",
                municipality=sites[s],
                operating=opened,
                capacity=[CapacityChange(effective=opened.start, places=free + taken)],
                eligibility=Eligibility(
                    target_groups={group}, min_age=low_age, max_age=high_age
                ),
            )
        )
        for t in range(taken):
            resident = f"E{s:0{width}d}-{t}"
            persons.append(
                Person(
                    id=resident,
                    birth_date=born(rng.randint(*GROUPS[group][1])),
                    home_municipality=sites[s],
                    target_groups=frozenset((group,)),
                )
            )
            placements.append(
                Placement(
                    id=f"PL{s:0{width}d}-{t}",
                    person=resident,
                    service=service_id,
                    period=Period(start=ON - timedelta(days=rng.randint(1, 2000))),
                )
            )
    agreements: list[Agreement] = []
    reserved = rng.sample(services, max(1, round(count * RESERVED_SHARE)))
    for a, service in enumerate(reserved):
        region = GEOGRAPHY.municipality(service.municipality).region
        partners = [
            m.code
            for m in GEOGRAPHY.municipalities_in(region)
            if m.code != service.municipality
        ]
        if not partners:
            continue
        agreements.append(
            Agreement(
                id=f"A{a:05d}",
                kind=AgreementKind.INTER_MUNICIPAL,
                title=f"Споразумение {a}",
                period=Period(start=date(2024, 1, 1)),
                services={service.id},
                reservations=[
                    Reservation(
                        service=service.id,
                        for_municipality=rng.choice(partners),
                        places=rng.randint(1, 3),
                    )
                ],
            )
        )
    rng.shuffle(requests)  # exports rarely come sorted
    registry = Registry(
        geography=GEOGRAPHY,
        service_types=SERVICE_TYPES,
        services=services,
        persons=persons,
        placements=placements,
        agreements=agreements,
    )
    return registry, requests


# -- other solvers on the same graph ---------------------------------------------


def solve_with_networkx(graph: Graph) -> list[int]:
    """Flows per edge by networkx's network simplex, packed integer costs."""
    import networkx as nx  # type: ignore[import-untyped]

    network = graph.network
    heads, capacities, costs = network._head, network._capacity, network._cost
    supply = sum(capacities[e] for e in network._adjacent[graph.source] if e % 2 == 0)
    digraph = nx.MultiDiGraph()
    digraph.add_nodes_from(range(network.nodes))
    # every person reaches the sink (each class has an "unplaced" edge), so
    # the flow is the supply; networkx needs it stated as demands
    digraph.nodes[graph.source]["demand"] = -supply
    digraph.nodes[graph.sink]["demand"] = supply
    keys = []
    for edge in range(network.edges):
        e = 2 * edge
        key = digraph.add_edge(
            heads[e ^ 1], heads[e], capacity=capacities[e], weight=costs[e]
        )
        keys.append((heads[e ^ 1], heads[e], key))
    flow = nx.min_cost_flow(digraph)
    return [flow[u][v][k] for u, v, k in keys]


def solve_with_ortools(graph: Graph) -> list[int]:
    """Flows per edge by OR-Tools' SimpleMinCostFlow, one level at a time."""
    from ortools.graph.python import min_cost_flow  # type: ignore[import-untyped]

    network = graph.network
    heads = network._head
    edges = network.edges
    tails = [heads[2 * e + 1] for e in range(edges)]
    ends = [heads[2 * e] for e in range(edges)]
    capacity = [network._capacity[2 * e] for e in range(edges)]
    supply = sum(
        capacity[e // 2] for e in network._adjacent[graph.source] if e % 2 == 0
    )
    fixed = [0] * edges  # flow fixed on saturated edges of earlier levels
    open_ = [True] * edges
    levels = len(graph.digits[0]) if graph.digits else 0
    flows = [0] * edges
    for level in range(levels):
        solver = min_cost_flow.SimpleMinCostFlow()
        index = []
        balance = [0] * network.nodes
        balance[graph.source] = supply
        balance[graph.sink] = -supply
        for e in range(edges):
            if fixed[e]:
                balance[tails[e]] -= fixed[e]
                balance[ends[e]] += fixed[e]
            if open_[e] and capacity[e] - fixed[e] > 0:
                solver.add_arc_with_capacity_and_unit_cost(
                    tails[e], ends[e], capacity[e] - fixed[e], graph.digits[e][level]
                )
                index.append(e)
        for node, value in enumerate(balance):
            if value:
                solver.set_node_supply(node, value)
        status = solver.solve()
        if status != solver.OPTIMAL:
            raise RuntimeError(f"OR-Tools: {status}")
        flows = list(fixed)
        for arc, e in enumerate(index):
            flows[e] += solver.flow(arc)
        if level == levels - 1:
            break
        # potentials from the residual graph of this level's optimum
        residual: list[tuple[int, int, int]] = []
        for arc, e in enumerate(index):
            cost = graph.digits[e][level]
            flow = solver.flow(arc)
            if flow < capacity[e] - fixed[e]:
                residual.append((tails[e], ends[e], cost))
            if flow > 0:
                residual.append((ends[e], tails[e], -cost))
        distance = _bellman_ford(network.nodes, residual)
        for e in index:
            reduced = graph.digits[e][level] + distance[tails[e]] - distance[ends[e]]
            if reduced > 0:
                open_[e] = False  # no optimum uses it
            elif reduced < 0:
                fixed[e] = capacity[e]  # every optimum fills it
                open_[e] = False
    return flows


def _bellman_ford(nodes: int, edges: list[tuple[int, int, int]]) -> list[int]:
    """Distances from a virtual root joined to every node at cost 0."""
    distance = [0] * nodes
    for _ in range(nodes):
        changed = False
        for tail, head, cost in edges:
            if distance[tail] + cost < distance[head]:
                distance[head] = distance[tail] + cost
                changed = True
        if not changed:
            return distance
    raise RuntimeError("a negative cycle: the level was not optimal")


def _available(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def reading_floor(requests: list[PlacementRequest], registry: Registry) -> int:
    """The least any pipeline from these inputs to ``Assignment`` objects
    does, deciding nothing: read each request's id, day, persons and
    acceptable types and each person's home, birth date, groups and needs
    once, in memory order (the fastest order), and make one assignment per
    request with the bulk constructor :func:`allocate` uses. No check, no
    sort, no classes, no flow. What it costs is the floor under
    "allocate end to end" on the machine, in pure Python."""
    in_memory = sorted(requests, key=id)
    ids = list(map(operator.attrgetter("id"), in_memory))
    days = list(map(operator.attrgetter("requested_on"), in_memory))
    persons_of = list(map(operator.attrgetter("persons"), in_memory))
    acceptable = list(map(operator.attrgetter("acceptable_types"), in_memory))
    persons = registry.index.persons_by_id  # the registry's own index
    people = list(map(persons.__getitem__, map(operator.itemgetter(0), persons_of)))
    # one column per field, as allocate reads them: no tuple per person
    columns = [
        list(map(operator.attrgetter(field), people))
        for field in ("home_municipality", "birth_date", "target_groups", "needs")
    ]
    made = _assignments(
        len(ids),
        ids,
        persons_of,
        columns[0],  # any string: no service is chosen
        itertools.repeat(Proximity.SAME_MUNICIPALITY),
    )
    del days, acceptable, columns
    return len(made)


class _Stopwatch:
    """A solver that also adds up the time spent in it."""

    def __init__(self, solver: Callable[[Graph], list[int]]) -> None:
        self.solver = solver
        self.seconds = 0.0

    def __call__(self, graph: Graph) -> list[int]:
        started = time.perf_counter()
        flows = self.solver(graph)
        self.seconds += time.perf_counter() - started
        return flows


def _pipelines(
    repeat: int, requests: list[PlacementRequest], registry: Registry
) -> tuple[dict[str, float], dict[str, float], dict[str, Allocation]]:
    """Per pipeline (allocate, networkx, OR-Tools: run() is allocate() with
    the solver as a parameter), the fastest of ``repeat`` runs, the least time
    spent in the solver in one run, and a result. The pipelines take turns,
    after a run that is not counted: the first runs in a process pay for
    fresh memory, and would otherwise favour whichever pipeline runs last."""
    solvers: dict[str, Callable[[Graph], list[int]]] = {"allocate": solve_in_python}
    if _available("networkx"):
        solvers["networkx"] = solve_with_networkx
    if _available("ortools"):
        solvers["ortools"] = solve_with_ortools
    run(requests, registry, ON, None, solve_in_python)
    best = Fastest()
    in_solver = dict.fromkeys(solvers, math.inf)
    results: dict[str, Allocation] = {}
    for _ in range(max(1, repeat)):
        for name, solver in solvers.items():
            watch = _Stopwatch(solver)
            results.pop(name, None)  # freed before the clock starts
            gc.collect()
            with best(name):
                results[name] = run(requests, registry, ON, None, watch)
            in_solver[name] = min(in_solver[name], watch.seconds)
    return {name: best[name] for name in solvers}, in_solver, results


def _read(allocation: Allocation) -> Allocation:
    """``allocation``, its assignments read (they are built when first read)."""
    len(allocation.assignments)
    return allocation


def measure(size: int, seed: int, repeat: int) -> Result:
    """Generate one instance and time every pipeline on it."""
    started = time.perf_counter()
    registry, requests = generate(size, seed)
    generate_s = time.perf_counter() - started
    started = time.perf_counter()
    registry.occupied(registry.services[0].id, ON)  # builds the occupancy index
    index_s = time.perf_counter() - started

    seconds, in_solver, results = _pipelines(repeat, requests, registry)
    allocation = results["allocate"]
    # the Assignment objects are built when first read, not by allocate()
    started = time.perf_counter()
    len(allocation.assignments)
    assignments_s = time.perf_counter() - started
    same = all(r.objective == allocation.objective for r in results.values())
    # first come: timed with its assignments read (end to end)
    first_s, first = fastest(
        repeat, lambda: _read(allocate_first_come(requests, registry, on=ON))
    )
    floor_s, _ = fastest(repeat, lambda: reading_floor(requests, registry))
    graph_size = _graph_size(requests, registry)
    return Result(
        requests=size,
        services=len(registry.services),
        places=sum(registry.free_places(s.id, ON) or 0 for s in registry.services),
        generate_s=generate_s,
        index_s=index_s,
        allocate_s=seconds["allocate"],
        solver_s=in_solver["allocate"],
        networkx_solver_s=in_solver.get("networkx"),
        ortools_solver_s=in_solver.get("ortools"),
        assignments_s=assignments_s,
        networkx_s=seconds.get("networkx"),
        ortools_s=seconds.get("ortools"),
        first_come_s=first_s,
        floor_s=floor_s,
        classes=graph_size[0],
        nodes=graph_size[1],
        edges=graph_size[2],
        placed=allocation.persons_placed,
        per_tier=list(allocation.per_tier),
        first_come_placed=first.persons_placed,
        first_come_per_tier=list(first.per_tier),
        objective=list(allocation.objective),
        first_come_objective=list(first.objective),
        same_objective=same,
    )


def _graph_size(
    requests: list[PlacementRequest], registry: Registry
) -> tuple[int, int, int]:
    seen: list[Graph] = []

    def spy(graph: Graph) -> list[int]:
        seen.append(graph)
        return solve_in_python(graph)

    run(requests, registry, ON, None, spy)
    # one graph per group of service profiles that compete for places
    classes = sum(
        1
        for graph in seen
        for edge in graph.network._adjacent[graph.source]
        if edge % 2 == 0
    )
    nodes = sum(graph.network.nodes for graph in seen)
    edges = sum(graph.network.edges for graph in seen)
    return classes, nodes, edges


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _in_region(per_tier: list[int]) -> int:
    return sum(per_tier[: Proximity.SAME_REGION + 1])


TIMES = (
    "requests",
    "services",
    "free places",
    "classes / graph edges",
    "allocate (s)",
    "reading the assignments (s)",
    "allocate end to end (s)",
    "networkx (s)",
    "OR-Tools (s)",
    "first come, end to end (s)",
    "reading floor (s)",
    "solver alone: ours / networkx / OR-Tools (s)",
)
TIERS = (
    "requests",
    "placed: allocate / first come",
    "in own oblast: allocate / first come",
    "out of own oblast: allocate / first come",
    "in own municipality: allocate / first come",
)


def _share(part: int, whole: int) -> str:
    return f"{part:,} ({part / max(1, whole):.0%})"


def _table(results: list[Result]) -> str:
    times = [
        [
            f"{r['requests']:,}",
            f"{r['services']:,}",
            f"{r['places']:,}",
            f"{r['classes']:,} / {r['edges']:,}",
            f"{r['allocate_s']:.2f}",
            f"{r['assignments_s']:.2f}",
            f"{r['allocate_s'] + r['assignments_s']:.2f}",
            _seconds(r["networkx_s"]),
            _seconds(r["ortools_s"]),
            f"{r['first_come_s']:.2f}",
            f"{r['floor_s']:.2f}",
            f"{r['solver_s']:.2f} / {_seconds(r['networkx_solver_s'])} "
            f"/ {_seconds(r['ortools_solver_s'])}",
        ]
        for r in results
    ]
    tiers = []
    for r in results:
        a, f = r["per_tier"], r["first_come_per_tier"]
        placed, first = r["placed"], r["first_come_placed"]
        tiers.append(
            [
                f"{r['requests']:,}",
                f"{placed:,} / {first:,}",
                f"{_share(_in_region(a), placed)} / {_share(_in_region(f), first)}",
                f"{placed - _in_region(a):,} / {first - _in_region(f):,}",
                f"{a[0]:,} / {f[0]:,}",
            ]
        )
    return table(TIMES, times) + "\n\n" + table(TIERS, tiers)


def main(argv: list[str] | None = None) -> int:
    command = parser(
        "Benchmark allocate().",
        noun="requests",
        sizes=[1_000, 10_000, 100_000, 1_000_000],
        repeat_help="runs per pipeline; the fastest counts (default 3)",
    )
    command.add_argument("--seed", type=int, default=1, help="random seed")
    args = command.parse_args(argv)
    seed, repeat = cast(int, args.seed), max(1, cast(int, args.repeat))
    results = run_sizes(
        args,
        __file__,
        lambda size: measure(size, seed, repeat),
        noun="requests",
        options={"seed": seed, "repeat": repeat},
    )
    if results is None:
        return 0
    if args.one is not None:
        print(_table(results))
        return 0
    lines = [f"Seed {seed}; times are the fastest of {repeat} runs"]
    lines.extend(
        f"{module} is not installed: its column is skipped"
        for module in ("networkx", "ortools")
        if not _available(module)
    )
    print(environment(*lines))
    print()
    print(_table(results))
    print()
    for r in results:
        if not r["same_objective"]:
            print(f"MISMATCH: the exact pipelines disagree at {r['requests']:,}")
    agree = all(r["same_objective"] for r in results)
    print(
        f"Exact pipelines reach the same value at every level: {'yes' if agree else 'NO'}"
    )
    for r in results:
        if r["requests"] == BUDGET_SIZE:
            total = r["allocate_s"] + r["assignments_s"]
            verdict = "within" if total <= BUDGET_SECONDS else "OVER"
            print(
                f"Budget: allocate for {BUDGET_SIZE:,} requests took "
                f"{r['allocate_s']:.2f} s, {total:.2f} s with its assignments "
                f"read: {verdict} the {BUDGET_SECONDS:g} s budget (end to end); "
                f"merely reading the inputs and making the assignments (the "
                f"floor) took {r['floor_s']:.2f} s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
