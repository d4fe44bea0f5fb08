"""Benchmark: allocating batches with sibling groups, against an exact reference.

Each run is a fresh Python process (``_fresh.py``) that builds an instance
from ``random.Random(seed)`` on the real geography and times
:func:`socialservices.matching.allocate` with ``solver="builtin"`` (pure
Python, bounded by ``work_limit``) and ``solver="highs"``, each in a forked
worker stopped after ``--time-limit`` seconds (all its runs). Scenarios:

* mixed (``--sizes``): N requests, homes by population (the capital 20%);
  80% single persons of four target groups, as in ``allocation.py``; 20%
  sibling groups of 2 to 4 children aged 0-17 sharing a home, but in about
  10% of them one sibling lives next door. About N/8 services (target groups
  weighted by persons) by population with a spread, about 0.9 free places
  per request, and places held for a partner municipality in 2% of them;
* 3,000 singles / 300 services (``--groups``): 3,000 single children, 300
  FTPC and FOSTER_CARE services (half each) of exactly 3 free places, and G
  sibling groups of 2 to 4 children.

Times are the fastest of ``--repeat`` runs, the assignments read (they are
built when first read). Each result is audited: no service holds more than
its free places (held ones only for the holder's residents, a group by its
home), everyone qualifies, groups stay whole, and the objective recomputed
from the assignments (each person at their own home) is the one reported.

The reference solves the batch exactly, level by level of
``Policy().levels``: optimise a level, require its optimum, go on. Requests
fall into parts no request spans (here the target groups), whose optima add
up. A part's model is aggregated, and exact: requests alike (members' homes
and child status, group home, profiles, acceptable types) are a class; a
node is the services of one municipality, type, eligibility and holder of
held places. Class-to-node flows are continuous. A node's services with
equal free places are a set S, and an integer ``z[S, p]`` counts those that
take the groups of pattern p (group sizes that fit, split by whether the
group's home is the holder). A node's group flows equal its patterns'
slots, and single persons fill what the patterns leave. For integer z the
rest is two transportation problems, whose optimal faces have whole
vertices: the flows lose nothing, and each level's optimum is whole. HiGHS
stops within 0.5 of its bound (zero relative gap) and the optimum is the
whole number there; CP-SAT solves it in integers. Neither is always faster
(measured on 2 CPUs: the 1,000 mixed requests' children took HiGHS 252 s and
CP-SAT 59 s; 3,000 children with 13 groups, HiGHS 23 s and CP-SAT 425 s),
so by default they race, each in a worker, on every part with integer
columns (``--reference highs`` or ``cpsat`` for one). When time runs out,
the levels proven so far are compared.

Run it from the repository root::

    python benchmarks/allocation_groups.py
    python benchmarks/allocation_groups.py --sizes 200 --groups 0,2 --repeat 1

``--one VALUE --scenario 1|2 --json`` measures one run in this process (how
the driver calls itself). The reference needs ``highspy`` and ``ortools``.
"""

from __future__ import annotations

import argparse
import gc
import inspect
import json
import math
import multiprocessing
import os
import platform
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from multiprocessing.connection import Connection, wait
from typing import Any, TypedDict, cast

from _fresh import measure_in_fresh_process

from socialservices import (
    Agreement,
    AgreementKind,
    CapacityChange,
    Eligibility,
    Period,
    Person,
    Placement,
    PlacementRequest,
    Registry,
    Reservation,
    Service,
    UnknownReferenceError,
)
from socialservices.bulgaria import CHILD_POLICY, GEOGRAPHY, SERVICE_TYPES
from socialservices.matching import Allocation, Level, Policy, allocate

ON = date(2026, 11, 2)
CAPITAL, CAPITAL_SHARE = "SOF46", 0.20
REQUESTS_PER_SERVICE, FREE_PER_REQUEST, RESERVED_SHARE = 8, 0.9, 0.02
GROUP_SHARE, SPLIT_SHARE = 0.20, 0.10
SOLVERS = ("builtin", "highs")
HAS_SOLVER = "solver" in inspect.signature(allocate).parameters
DISTANCE = getattr(Level, "DISTANCE", None)
LOWER_BETTER = {x for x in (DISTANCE, getattr(Level, "TIER_COST", None)) if x}
UNKNOWN_M = 20_100_000  # metres to a municipality without a centroid
SCENARIOS = {1: "mixed", 2: "3,000 singles / 300 services"}
Kind = tuple[str, int | None, int | None]  # service type, min age, max age
CHILD_TYPES: tuple[Kind, ...] = (("FTPC", 3, 17), ("FOSTER_CARE", None, 17))
# target group: (share of single requests, ages, service types)
TARGETS: dict[str, tuple[float, tuple[int, int], tuple[Kind, ...]]] = {
    "children": (0.40, (0, 17), CHILD_TYPES),
    "disabilities": (0.25, (18, 64), (("SHELTERED_HOME", 18, None),)),
    "older": (0.25, (65, 95), (("SUPERVISED_HOME", 65, None),)),
    "homeless": (0.10, (18, 80), (("TRANSITIONAL_HOME", 18, None), ("CRISIS_CENTRE", 18, None))),
}  # fmt: skip


class Run(TypedDict):
    seconds: float | None
    method: str
    optimal: bool | None
    objective: list[int] | None
    check: str
    error: str | None


class Result(TypedDict):
    """What ``--one VALUE --json`` prints."""

    scenario: str
    requests: int
    groups: int
    persons: int
    places: int
    services: int
    levels: list[str]
    runs: dict[str, Run]
    reference: list[int]  # the levels proven, all of them unless time ran out
    reference_status: str
    reference_s: float
    model: list[int]  # columns, integer columns, rows


# -- instances ----------------------------------------------------------------


class _Builder:
    """The persons, requests, services and agreements of one instance."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.codes = [m.code for m in GEOGRAPHY.municipalities]
        population = [m.population or 1 for m in GEOGRAPHY.municipalities]
        pairs = list(zip(self.codes, population, strict=True))
        others = sum(p for code, p in pairs if code != CAPITAL)
        self.demand = [
            CAPITAL_SHARE if code == CAPITAL else (1 - CAPITAL_SHARE) * p / others
            for code, p in pairs
        ]
        self.persons: list[Person] = []
        self.requests: list[PlacementRequest] = []
        self.services: list[Service] = []
        self.placements: list[Placement] = []
        self.agreements: list[Agreement] = []

    def homes(self, k: int) -> list[str]:
        return self.rng.choices(self.codes, self.demand, k=k)

    def person(self, id: str, age: int, home: str, target: str) -> str:
        born = date.fromordinal(ON.toordinal() - age * 365 - self.rng.randrange(365))
        groups = frozenset((target,))
        self.persons.append(
            Person(id=id, birth_date=born, home_municipality=home, target_groups=groups)
        )
        return id

    def request(self, persons: Sequence[str]) -> None:
        day = date.fromordinal(ON.toordinal() - 700 + self.rng.randrange(700))
        number = f"R{len(self.requests):07d}"
        self.requests.append(
            PlacementRequest(id=number, persons=persons, requested_on=day)
        )

    def siblings(self, index: int, home: str) -> int:
        """A group of 2-4 children from ``home``, one of them now and then
        from a neighbouring municipality; its size."""
        homes = [home] * self.rng.randint(2, 4)
        if self.rng.random() < SPLIT_SHARE:
            near = sorted(GEOGRAPHY.neighbouring_municipalities(home))
            if near:
                homes[self.rng.randrange(len(homes))] = self.rng.choice(near)
        ages = [self.rng.randint(0, 17) for _ in homes]
        self.request(
            [
                self.person(f"G{index}-{j}", a, h, "children")
                for j, (a, h) in enumerate(zip(ages, homes, strict=True))
            ]
        )
        return len(homes)

    def service(
        self, kind: Kind, target: str, site: str, free: int, taken: int
    ) -> None:
        (code, low, high), s = kind, f"S{len(self.services):06d}"
        opened = Period(start=date(2015, 1, 1))
        capacity = [CapacityChange(effective=opened.start, places=free + taken)]
        eligibility = Eligibility(target_groups={target}, min_age=low, max_age=high)
        self.services.append(
            Service(
                id=s,
                name=f"{code} {s}",
                type=code,
                provider="P-1",
                municipality=site,
                operating=opened,
                capacity=capacity,
                eligibility=eligibility,
            )
        )
        for t in range(taken):
            resident = self.person(
                f"E{s}-{t}", self.rng.randint(*TARGETS[target][1]), site, target
            )
            since = Period(start=ON - timedelta(days=self.rng.randint(1, 2000)))
            self.placements.append(
                Placement(id=f"PL{s}-{t}", person=resident, service=s, period=since)
            )

    def reserve(self, share: float) -> None:
        count = max(1, round(len(self.services) * share))
        for a, service in enumerate(self.rng.sample(self.services, count)):
            region = GEOGRAPHY.municipality(service.municipality).region
            partners = [m.code for m in GEOGRAPHY.municipalities_in(region)]
            partners.remove(service.municipality)
            if partners:
                held = Reservation(
                    service=service.id,
                    for_municipality=self.rng.choice(partners),
                    places=self.rng.randint(1, 3),
                )
                self.agreements.append(
                    Agreement(
                        id=f"A{a:05d}",
                        kind=AgreementKind.INTER_MUNICIPAL,
                        title=f"Споразумение {a}",
                        period=Period(start=date(2024, 1, 1)),
                        services={service.id},
                        reservations=[held],
                    )
                )

    def registry(self) -> tuple[Registry, list[PlacementRequest]]:
        self.rng.shuffle(self.requests)  # exports rarely come sorted
        registry = Registry(
            geography=GEOGRAPHY,
            service_types=SERVICE_TYPES,
            services=self.services,
            persons=self.persons,
            placements=self.placements,
            agreements=self.agreements,
        )
        registry.occupied(self.services[0].id, ON)  # builds the occupancy index
        return registry, self.requests


def generate_mixed(size: int, seed: int) -> tuple[Registry, list[PlacementRequest]]:
    """``size`` requests, 20% of them sibling groups, on Bulgaria-shaped data."""
    b = _Builder(seed)
    rng, targets = b.rng, list(TARGETS)
    groups = round(GROUP_SHARE * size)
    kinds = rng.choices(targets, [TARGETS[t][0] for t in targets], k=size - groups)
    for i, (home, kind) in enumerate(zip(b.homes(len(kinds)), kinds, strict=True)):
        b.request([b.person(f"C{i}", rng.randint(*TARGETS[kind][1]), home, kind)])
    persons = Counter(kinds)
    for g, home in enumerate(b.homes(groups)):
        persons["children"] += b.siblings(g, home)
    count = max(4, size // REQUESTS_PER_SERVICE)
    supply = [w * rng.lognormvariate(0, 0.8) for w in b.demand]
    sites = rng.choices(b.codes, supply, k=count)
    served = rng.choices(targets, [persons[t] for t in targets], k=count)
    mean_free = FREE_PER_REQUEST * size / count
    for site, target in zip(sites, served, strict=True):
        free = max(0, round(rng.uniform(0.25, 1.75) * mean_free))
        b.service(rng.choice(TARGETS[target][2]), target, site, free, rng.randint(0, 6))
    b.reserve(RESERVED_SHARE)
    return b.registry()


def generate_fixed(groups: int, seed: int) -> tuple[Registry, list[PlacementRequest]]:
    """3,000 single children and ``groups`` sibling groups, 300 services of 3."""
    b = _Builder(seed)
    for i, home in enumerate(b.homes(3_000)):
        b.request([b.person(f"C{i}", b.rng.randint(0, 17), home, "children")])
    for g, home in enumerate(b.homes(groups)):
        b.siblings(g, home)
    for s, site in enumerate(b.homes(300)):
        b.service(CHILD_TYPES[s % 2], "children", site, 3, 0)
    return b.registry()


# -- what the reference and the audit read ------------------------------------

Member = tuple[str, bool]  # own home, child
Unit = tuple[tuple[Member, ...], str, frozenset[int], frozenset[str]]
"""A request: its members, its home, the profiles all fit, acceptable types."""


class _World:
    """Open services with their free places, and what each request is."""

    def __init__(
        self, requests: Sequence[PlacementRequest], registry: Registry
    ) -> None:
        holders: dict[str, set[str]] = defaultdict(set)
        for agreement in registry.agreements:
            if agreement.period.contains(ON):
                for held in agreement.reservations:
                    holders[held.service].add(held.for_municipality)
        profiles: dict[tuple[str, Eligibility], int] = {}
        self.kinds: list[tuple[str, Eligibility, bool, bool]] = []  # profiles
        # service id -> municipality, profile, holder, general and held places
        self.sites: dict[str, tuple[str, int, str | None, int, int]] = {}
        for s in registry.services:
            try:
                kind = registry.service_type(s.type)
            except UnknownReferenceError:  # nobody may use an unknown type here
                continue
            if s.operating is not None and not s.operating.contains(ON):
                continue
            free = registry.free_places(s.id, ON)
            if free is None:  # capacity not recorded: matching offers none
                continue
            general, extra, holder = free, 0, None
            for m in sorted(holders.get(s.id, ())):
                more = (registry.free_places(s.id, ON, home=m) or 0) - general
                if more and holder is not None:
                    raise NotImplementedError("places held for two municipalities")
                extra, holder = (more, m) if more else (extra, holder)
            if (s.type, s.eligibility) not in profiles:
                profiles[(s.type, s.eligibility)] = len(self.kinds)
                self.kinds.append(
                    (s.type, s.eligibility, kind.residential, kind.family_based)
                )
            profile = profiles[(s.type, s.eligibility)]
            self.sites[s.id] = (s.municipality, profile, holder, general, extra)
        fits: dict[tuple[date, frozenset[str], frozenset[str]], frozenset[int]] = {}
        self.units: dict[str, Unit] = {}
        for request in requests:
            people = [registry.person(p) for p in request.persons]
            common = frozenset(range(len(self.kinds)))
            for p in people:
                key = (p.birth_date, p.target_groups, p.needs)
                if key not in fits:
                    fits[key] = self._fits(p)
                common &= fits[key]
            homes = Counter(p.home_municipality for p in people)
            home = min(homes, key=lambda code: (-homes[code], code))
            members = tuple(
                sorted(
                    (p.home_municipality, CHILD_POLICY.is_child(p, ON)) for p in people
                )
            )
            self.units[request.id] = (members, home, common, request.acceptable_types)

    def _fits(self, person: Person) -> frozenset[int]:
        residential_ok = CHILD_POLICY.allows_residential_care(person, ON)
        return frozenset(
            i
            for i, (_, eligibility, residential, _) in enumerate(self.kinds)
            if eligibility.admits(person, on=ON) and (residential_ok or not residential)
        )

    def usable(self, profile: int, acceptable: frozenset[str]) -> bool:
        code, _, residential, family = self.kinds[profile]
        return code in acceptable if acceptable else residential or family


_gains: dict[tuple[str, bool, str, bool], tuple[int, ...]] = {}


def gain(
    levels: Sequence[Level], member: Member, site: str, family: bool
) -> tuple[int, ...]:
    """What placing ``member`` at ``site`` adds to each level, as a cost to
    minimise: a count that is better higher enters negated."""
    key = (*member, site, family)
    if key not in _gains:
        (home, child), tier = member, GEOGRAPHY.proximity(member[0], site)
        out = []
        for level in levels:
            if level is Level.PLACED or level is Level.FAMILY_BASED:
                out.append(-1 if level is Level.PLACED or (child and family) else 0)
            elif level is DISTANCE:
                km = 0.0 if home == site else GEOGRAPHY.distance_km(home, site)
                out.append(UNKNOWN_M if km is None else round(km * 1000))
            elif level in LOWER_BETTER:  # the sum of tier costs
                out.append(Policy().tier_cost(tier))
            else:
                out.append(-1 if level.tier is not None and tier <= level.tier else 0)
        _gains[key] = tuple(out)
    return _gains[key]


def _values(levels: Sequence[Level], costs: Sequence[int]) -> list[int]:
    pairs = zip(levels, costs, strict=True)
    return [c if level in LOWER_BETTER else -c for level, c in pairs]


# -- the reference ------------------------------------------------------------


class Model:
    """A sparse model: bounds, integer columns, rows, a cost per level."""

    def __init__(self) -> None:
        self.upper: list[int] = []
        self.integer: list[int] = []
        self.costs: dict[int, tuple[int, ...]] = {}
        self.rows: list[tuple[list[int], list[int], float, float]] = []

    def var(self, upper: int, costs: tuple[int, ...] | None = None) -> int:
        self.upper.append(upper)
        if costs is not None:
            self.costs[len(self.upper) - 1] = costs
        return len(self.upper) - 1

    def row(self, cols: list[int], coefs: list[int], low: float, high: float) -> None:
        self.rows.append((cols, coefs, low, high))


def parts(world: _World) -> list[frozenset[int]]:
    """The profiles in parts that no request spans: independent problems."""
    part = {p: frozenset((p,)) for p in range(len(world.kinds))}
    for _, _, profiles, acceptable in world.units.values():
        usable = [part[p] for p in profiles if world.usable(p, acceptable)]
        joined = frozenset[int]().union(*usable)
        part.update(dict.fromkeys(joined, joined))
    return sorted(set(part.values()), key=min)


def _patterns(
    items: list[tuple[int, int, int]], general: int, extra: int
) -> list[list[int]]:
    """Multisets of group slots (size, the holder's or not, at most how many)
    that fit ``general`` places and ``extra`` held ones: counts per item."""
    out: list[list[int]] = []
    chosen = [0] * len(items)

    def grow(start: int, other: int, total: int) -> None:
        out.append(list(chosen))
        for i in range(start, len(items)):
            size, flag, most = items[i]
            o, t = other + (0 if flag else size), total + size
            if chosen[i] < most and o <= general and t <= general + extra:
                chosen[i] += 1
                grow(i, o, t)
                chosen[i] -= 1

    grow(0, 0, 0)
    return out


def _fill(z: int, pattern: list[tuple[tuple[int, int, int], int]], *rows: Row) -> None:
    """Add pattern column ``z`` to the rows of the places others may use and
    of all places, by the persons its groups take of each."""
    persons = sum(size * k for (size, _, _), k in pattern)
    mine = sum(size * k for (size, flag, _), k in pattern if flag)
    for (cols, coefs), amount in zip(rows, (persons - mine, persons), strict=True):
        if amount:
            cols.append(z)
            coefs.append(amount)


Row = tuple[list[int], list[int]]
Report = Callable[[list[int]], object]


def build(world: _World, levels: Sequence[Level], part: frozenset[int]) -> Model:
    """The aggregated exact model of one part (see the module docstring)."""
    model = Model()
    nodes: dict[tuple[str, int, str | None], int] = {}
    stock: Counter[tuple[int, int, int]] = Counter()  # node, general, held
    for municipality, profile, holder, general, extra in world.sites.values():
        if general + extra and profile in part:
            n = nodes.setdefault((municipality, profile, holder), len(nodes))
            stock[(n, general, extra)] += 1
    at: dict[int, list[tuple[int, str, str | None]]] = defaultdict(list)
    for (municipality, profile, holder), n in nodes.items():
        at[profile].append((n, municipality, holder))
    classes = Counter(u for u in world.units.values() if u[2] & part)
    inflow: dict[tuple[int, int, int], list[int]] = defaultdict(
        list
    )  # node, size, flag
    for (members, home, profiles, acceptable), count in sorted(
        classes.items(), key=lambda item: (item[0][:2], sorted(item[0][2]))
    ):
        cols = []
        for p in sorted(profiles):
            if world.usable(p, acceptable):
                for n, municipality, holder in at[p]:
                    each = [
                        gain(levels, m, municipality, world.kinds[p][3])
                        for m in members
                    ]
                    cols.append(
                        model.var(count, tuple(map(sum, zip(*each, strict=True))))
                    )
                    inflow[(n, len(members), int(holder == home))].append(cols[-1])
        if cols:
            model.row(cols, [1] * len(cols), -math.inf, count)
    slots: dict[tuple[int, int, int], tuple[list[int], list[int]]] = defaultdict(
        lambda: ([], [])
    )
    room: dict[tuple[int, int], list[int]] = defaultdict(list)  # node, flag
    items: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for (n, size, flag), cols in sorted(inflow.items()):
        if size > 1:
            items[n].append((size, flag, sum(model.upper[c] for c in cols)))
    for (n, general, extra), count in sorted(stock.items()):
        singles = [model.var(count * (general + extra)) for _ in range(1 + bool(extra))]
        for flag, col in enumerate(singles):
            room[(n, flag)].append(col)
        other, total = ([singles[0]], [1]), (list(singles), [1] * len(singles))
        patterns = _patterns(items[n], general, extra)
        if len(patterns) > 1:  # else no group fits: no integer column
            zs = [model.var(count) for _ in patterns]
            model.integer += zs
            model.row(zs, [1] * len(zs), count, count)
            for z, pattern in zip(zs, patterns, strict=True):
                _fill(z, list(zip(items[n], pattern, strict=True)), other, total)
                for (size, flag, _), k in zip(items[n], pattern, strict=True):
                    if k:
                        slots[(n, size, flag)][0].append(z)
                        slots[(n, size, flag)][1].append(k)
        model.row(*other, -math.inf, count * general)
        if extra:
            model.row(*total, -math.inf, count * (general + extra))
    for (n, size, flag), cols in sorted(inflow.items()):
        supply, used = (
            (room[(n, flag)], [1] * len(room[(n, flag)]))
            if size == 1
            else slots[(n, size, flag)]
        )
        model.row(cols + supply, [1] * len(cols) + [-k for k in used], 0, 0)
    return model


def solve_highs(model: Model, levels: int, limit: float, report: Report) -> str:
    """Each level's least cost in turn, each required before the next, passed
    to ``report`` as proven; ``optimal``, or why it stopped."""
    import highspy
    import numpy as np

    deadline = time.perf_counter() + limit
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    # a level's optimum is whole: the one whole number within 0.5 of the
    # proven bound (not the incumbent: its continuous flows need not be whole)
    h.setOptionValue("mip_abs_gap", 0.5)
    h.setOptionValue("mip_allow_restart", False)  # measured: faster here
    n, ints = len(model.upper), np.array(model.integer, dtype=np.int32)
    h.addVars(n, np.zeros(n), np.array(model.upper, dtype=np.float64))
    h.changeColsIntegrality(len(ints), ints, np.ones(len(ints), dtype=np.uint8))
    starts, index, value = [0], [], []
    for row, coefs, _, _ in model.rows:
        index += row
        value += coefs
        starts.append(len(index))
    low, high = (np.array([r[i] for r in model.rows]) for i in (2, 3))
    h.addRows(
        len(model.rows),
        low,
        high,
        len(index),
        np.array(starts[:-1], dtype=np.int32),
        np.array(index, dtype=np.int32),
        np.array(value, dtype=np.float64),
    )
    cols = np.array(sorted(model.costs), dtype=np.int32)
    table = np.array([model.costs[c] for c in cols.tolist()], dtype=np.float64)
    every, out = np.arange(n, dtype=np.int32), list[int]()
    for level in range(levels if len(cols) else 0):
        cost = np.zeros(n)
        cost[cols] = table[:, level]
        h.changeColsCost(n, every, cost)
        h.setOptionValue("time_limit", max(0.01, deadline - time.perf_counter()))
        h.run()
        status, info = h.getModelStatus(), h.getInfo()
        if status != highspy.HighsModelStatus.kOptimal:
            timed_out = status == highspy.HighsModelStatus.kTimeLimit
            return "time limit" if timed_out else h.modelStatusToString(status)
        found = info.objective_function_value
        best = math.ceil(info.mip_dual_bound - 1e-6) if len(ints) else round(found)
        if not -1e-6 < found - best < 0.5 + 1e-6:  # numerically unsure
            return f"inexact: bound {info.mip_dual_bound}, found {found}"
        out.append(best)
        report(list(out))
        if level < levels - 1:
            solution = np.array(h.getSolution().col_value)
            h.addRow(-math.inf, best, len(cols), cols, table[:, level])
            h.setSolution(n, every, solution)  # a first incumbent, if feasible
    if not len(cols):
        report([0] * levels)
    return "optimal"


def solve_cpsat(model: Model, levels: int, limit: float, report: Report) -> str:
    """:func:`solve_highs` by OR-Tools CP-SAT (every column integer)."""
    from ortools.sat.python import cp_model

    deadline = time.perf_counter() + limit
    m = cp_model.CpModel()
    xs = [m.new_int_var(0, u, "") for u in model.upper]
    for cols, coefs, low, high in model.rows:
        expr = cp_model.LinearExpr.weighted_sum([xs[c] for c in cols], coefs)
        m.add_linear_constraint(expr, int(max(low, -(2**62))), int(high))
    out: list[int] = []
    for level in range(levels):
        cols = [c for c, costs in model.costs.items() if costs[level]]
        costs = [model.costs[c][level] for c in cols]
        expr = cp_model.LinearExpr.weighted_sum([xs[c] for c in cols], costs)
        m.minimize(expr)
        solver = cp_model.CpSolver()
        left = deadline - time.perf_counter()
        solver.parameters.max_time_in_seconds = max(0.01, left)
        solver.parameters.num_workers = os.cpu_count() or 1
        if solver.solve(m) != cp_model.OPTIMAL:
            return "time limit"
        out.append(round(solver.objective_value))
        report(list(out))
        m.add(expr <= out[-1])
        m.clear_hints()  # type: ignore[no-untyped-call]
        for x in xs:
            m.add_hint(x, solver.value(x))
    return "optimal"


Solve = Callable[[Model, int, float, Report], str]
REFERENCES: dict[str, tuple[Solve, ...]] = {
    "both": (solve_highs, solve_cpsat),
    "highs": (solve_highs,),
    "cpsat": (solve_cpsat,),
}
"""Who solves a part with integer columns (``both``: a race, the first to
prove every level wins); a part without is HiGHS's unless only CP-SAT is."""


def _solving(
    solve: Solve, model: Model, levels: int, limit: float, out: Connection
) -> None:
    why = solve(model, levels, limit, lambda proven: out.send((proven, "")))
    out.send(([], why))


def solve_part(
    model: Model, levels: int, limit: float, entrants: Sequence[Solve]
) -> tuple[list[int], str]:
    """The levels of ``model`` proven within ``limit`` seconds by the first
    of ``entrants``, each in a forked worker; ``optimal``, or why not."""
    if not model.integer and solve_highs in entrants:
        entrants = (solve_highs,)
    context = multiprocessing.get_context("fork")
    workers: dict[Connection, multiprocessing.process.BaseProcess] = {}
    for solve in entrants:
        reader, writer = context.Pipe(duplex=False)
        workers[reader] = context.Process(
            target=_solving, args=(solve, model, levels, limit, writer)
        )
        workers[reader].start()
        writer.close()  # the worker's end: reading past it is the worker's exit
    proven, status, deadline = list[int](), "time limit", time.monotonic() + limit
    while workers and status != "optimal":
        ready = wait(list(workers), max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        for end in ready:
            try:
                found, why = cast(Connection, end).recv()
            except EOFError:  # the worker is done
                workers.pop(cast(Connection, end)).join()
                continue
            proven, status = max(proven, found, key=len), why or status
    for worker in workers.values():
        worker.kill()
        worker.join()
    return proven, status


# -- measuring ----------------------------------------------------------------


def audit(allocation: Allocation, world: _World, levels: Sequence[Level]) -> str:
    """``ok``, or the first thing wrong with ``allocation``."""
    used: Counter[str] = Counter()
    others: Counter[str] = Counter()
    costs = [0] * len(levels)
    if len(allocation.assignments) + len(allocation.unplaced) != len(world.units):
        return "requests lost"
    for a in allocation.assignments:
        members, home, profiles, acceptable = world.units[a.request]
        site = world.sites.get(a.service)
        if len(a.persons) != len(members) or site is None:
            return f"{a.request}: split, or in {a.service} (closed)"
        municipality, profile, holder, _, _ = site
        if profile not in profiles or not world.usable(profile, acceptable):
            return f"{a.request} does not qualify for {a.service}"
        used[a.service] += len(members)
        others[a.service] += len(members) if home != holder else 0
        for member in members:
            g = gain(levels, member, municipality, world.kinds[profile][3])
            costs = [x + y for x, y in zip(costs, g, strict=True)]
    for service, persons in used.items():
        _, _, _, general, extra = world.sites[service]
        if persons > general + extra or others[service] > general:
            return f"{service}: {persons} persons, {general}+{extra} free"
    if _values(levels, costs) != list(allocation.objective):
        return f"objective misreported: the assignments give {_values(levels, costs)}"
    return "ok"


def _instance(
    scenario: int, value: int, seed: int
) -> tuple[Registry, list[PlacementRequest]]:
    return (generate_mixed if scenario == 1 else generate_fixed)(value, seed)


def _failed(why: str) -> Run:
    return Run(
        seconds=None, method="–", optimal=None, objective=None, check="–", error=why
    )


def _pipeline(job: tuple[int, int, int, int, str], out: Connection) -> None:
    """In a worker: time ``allocate`` with one solver, then audit the result."""
    scenario, value, seed, repeat, solver = job
    registry, requests = _instance(scenario, value, seed)
    options: dict[str, Any] = {"solver": solver} if HAS_SOLVER else {}
    best, allocation = math.inf, None
    try:
        for _ in range(repeat):
            allocation = None  # the last result is freed before the clock starts
            gc.collect()
            started = time.perf_counter()
            allocation = allocate(requests, registry, on=ON, **options)
            len(allocation.assignments)  # built when first read: counted
            best = min(best, time.perf_counter() - started)
    except Exception as error:  # reported in the table
        out.send(_failed(f"{type(error).__name__}: {error}"[:70]))
        return
    assert allocation is not None
    check = audit(allocation, _World(requests, registry), Policy().levels)
    out.send(
        Run(
            seconds=best,
            method=allocation.method,
            optimal=allocation.optimal,
            objective=list(allocation.objective),
            check=check,
            error=None,
        )
    )


def _in_worker(job: tuple[int, int, int, int, str], limit: float) -> Run:
    """:func:`_pipeline` in a forked process, killed after ``limit`` seconds."""
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    worker = context.Process(target=_pipeline, args=(job, writer))
    worker.start()
    writer.close()  # the worker's end: reading past it is the worker's exit
    run = _failed("n/a (time limit)")
    if reader.poll(limit):
        try:
            run = reader.recv()
        except EOFError:
            run = _failed("the worker died")
    worker.kill()
    worker.join()
    return run


def measure(
    scenario: int, value: int, seed: int, repeat: int, limit: float, reference: str
) -> Result:
    """Time both pipelines, each in a worker, then solve the reference."""
    runs = {s: _in_worker((scenario, value, seed, repeat, s), limit) for s in SOLVERS}
    registry, requests = _instance(scenario, value, seed)
    levels = Policy().levels
    started = time.perf_counter()
    world = _World(requests, registry)
    models = sorted(
        (build(world, levels, p) for p in parts(world)), key=lambda m: len(m.upper)
    )
    proven: list[list[int]] = []
    status = "optimal"
    for model in models:  # the smallest first
        left = limit - (time.perf_counter() - started)
        found, why = solve_part(model, len(levels), left, REFERENCES[reference])
        proven.append(found)
        status = status if why == "optimal" else why
    proved = min(map(len, proven), default=len(levels))
    return Result(
        scenario=SCENARIOS[scenario],
        requests=len(requests),
        groups=sum(1 for r in requests if len(r.persons) > 1),
        persons=sum(len(r.persons) for r in requests),
        places=sum(s[3] + s[4] for s in world.sites.values()),
        services=len(registry.services),
        levels=[level.name for level in levels],
        runs=runs,
        reference=_values(
            levels[:proved], [sum(p[i] for p in proven) for i in range(proved)]
        ),
        reference_status=status,
        reference_s=time.perf_counter() - started,
        model=[
            sum(len(getattr(m, a)) for m in models)
            for a in ("upper", "integer", "rows")
        ],
    )


# -- the table ----------------------------------------------------------------


def _same(run: Run, result: Result) -> str:
    """Whether ``run`` reaches the reference, or the first level it misses."""
    reference, got = result["reference"], run["objective"]
    if got is None:
        return "–"
    for i, name in enumerate(result["levels"][: len(reference)]):
        if got[i] != reference[i]:
            return f"no: {name} {got[i]:,} vs {reference[i]:,}"
    if len(reference) < len(got):
        return f"n/a ({result['reference_status']}; equal on {len(reference)} levels)"
    return "yes"


def _table(results: list[Result]) -> str:
    lines = [
        "| scenario | requests | groups | services | time builtin (s) | method builtin "
        "| optimal builtin | time highs (s) | method highs | optimal highs "
        "| reference (s) | builtin = reference | highs = reference "
        "| places check: builtin / highs |",
        "|---|---:|---:|---:|---:|---|---|---:|---|---|---:|---|---|---|",
    ]
    for r in results:
        cells = [
            r["scenario"],
            *(f"{r[k]:,}" for k in ("requests", "groups", "services")),
        ]
        for run in (r["runs"][s] for s in SOLVERS):
            seconds = run["seconds"]
            cells.append("–" if seconds is None else f"{seconds:.2f}")
            cells.append(run["error"] or run["method"])
            cells.append("–" if run["optimal"] is None else str(run["optimal"]))
        done = len(r["reference"]) == len(r["levels"])
        cells.append(
            ("" if done else f"n/a ({r['reference_status']}) after ")
            + f"{r['reference_s']:.2f}"
        )
        cells += [_same(r["runs"][s], r) for s in SOLVERS]
        cells.append(" / ".join(r["runs"][s]["check"] for s in SOLVERS))
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "| scenario | requests | groups | persons | free places | reference model "
        "(columns / integer / rows) | objective: reference | builtin | highs |",
        "|---|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for r in results:
        values = [r["reference"], *(r["runs"][s]["objective"] for s in SOLVERS)]
        shown = ["–" if v is None else ", ".join(f"{x:,}" for x in v) for v in values]
        sizes = " / ".join(f"{x:,}" for x in r["model"])
        counts = " | ".join(
            f"{r[k]:,}" for k in ("requests", "groups", "persons", "places")
        )
        lines.append(f"| {r['scenario']} | {counts} | {sizes} | {' | '.join(shown)} |")
    return "\n".join(lines)


def _counts(text: str) -> list[int]:
    try:
        values = [
            int(part.replace("_", "")) for part in text.split(",") if part.strip()
        ]
    except ValueError:
        raise argparse.ArgumentTypeError("comma-separated whole numbers") from None
    if any(v < 0 for v in values):
        raise argparse.ArgumentTypeError("whole numbers, 0 or more")
    return values


OPTIONS: tuple[tuple[str, Callable[[str], object], object, str], ...] = (
    ("--sizes", _counts, [1_000, 10_000, 100_000], "mixed requests per run ('' for none)"),
    ("--groups", _counts, [0, 2, 4, 8, 13, 50], "groups added to 3,000 singles ('' for none)"),
    ("--seed", int, 1, "random seed"),
    ("--repeat", int, 3, "runs per solver; the fastest counts"),
    ("--time-limit", int, 600, "seconds for each pipeline (all its runs) and the reference"),
    ("--reference", str, "both", "the reference's solvers: both (a race), highs or cpsat"),
    ("--one", int, None, "measure one run (its VALUE) in this process"),
    ("--scenario", int, 1, "with --one: 1 mixed, 2 the 3,000 singles"),
    ("--entrants", int, -1, argparse.SUPPRESS),  # --reference, as _fresh passes it
)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark allocate() with groups.")
    for flag, kind, default, text in OPTIONS:
        spellings = {flag, "--" + flag[2:].replace("-", "_")}  # as _fresh passes it
        parser.add_argument(*sorted(spellings), type=kind, default=default, help=text)
    parser.add_argument("--json", action="store_true", help="with --one: print JSON")
    args = parser.parse_args(argv)
    seed, repeat, limit = args.seed, max(1, args.repeat), args.time_limit
    names = list(REFERENCES)
    reference = names[args.entrants] if args.entrants >= 0 else args.reference
    if reference not in REFERENCES:
        parser.error(f"--reference: one of {', '.join(names)}")
    if args.one is not None:
        saved = os.dup(1)
        os.dup2(2, 1)  # solvers print banners: stdout is kept for the result
        try:
            result = measure(args.scenario, args.one, seed, repeat, limit, reference)
        finally:
            sys.stdout.flush()
            os.dup2(saved, 1)
        print(json.dumps(result) if args.json else _table([result]))
        return 0
    print(f"Python {platform.python_version()} ({platform.python_implementation()})")
    print(f"Machine: {platform.platform()}, {os.cpu_count()} CPUs")
    print(f"Seed {seed}; times are the fastest of {repeat} runs, assignments read")
    print(f"Reference: {reference}, level by level; limits {limit} s")
    if not HAS_SOLVER:
        print("allocate() has no solver argument yet: both columns call it without one")
    print()
    results: list[Result] = []
    for scenario, values in ((1, args.sizes), (2, args.groups)):
        for value in values:
            print(
                f"measuring {SCENARIOS[scenario]}: {value:,}",
                file=sys.stderr,
                flush=True,
            )
            options = {"scenario": scenario, "seed": seed, "repeat": repeat}
            options |= {"time_limit": limit, "entrants": names.index(reference)}
            results.append(measure_in_fresh_process(__file__, value, **options))
    print(_table(results))
    for r in results:
        for solver, run in r["runs"].items():
            where = f"{solver} on {r['scenario']}, {r['requests']:,} requests"
            if _same(run, r).startswith("no") and run["optimal"]:
                print(f"WRONG: {where} claims optimal: {_same(run, r)}")
            if run["check"] not in ("ok", "–"):
                print(f"CHECK: {where}: {run['check']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
