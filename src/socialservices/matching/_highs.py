"""Sibling groups placed exactly: a mixed-integer programme solved by HiGHS.

Owns the ``solver`` extra's path. Only what the groups touch goes into the
programme: the groups, and the classes of single persons that share a
service profile with them (directly or through other classes); everything
else is left to the flow. Groups of one kind (members' homes and ages alike,
the same profiles) are one integer variable per service that has room for
one of them; single persons are continuous amounts per class and service
class, which is exact because, once the groups are fixed, what is left is a
flow with an integral optimum. The levels are solved one after another, each
fixed at its optimum before the next, every level's optimum a whole number:
the relaxation first, warm from the level before, then, only when its groups
are fractional, a dive, and only when the dive loses the relaxation's bound,
the mixed-integer search (HiGHS with a zero relative gap; :class:`_Whole`).
The groups' services are then read off, and the single persons solved
again by the library's own flow on the places the groups leave; ``optimal`` is claimed
when that reaches every level HiGHS proved best.

HiGHS is imported only here, and only when this path runs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ._demand import Demand, Group
from ._groups import Choice, GroupSearch
from ._levels import Penalties
from ._network import Flows
from ._places import Key, Places
from ._world import slots

__all__ = ["choose"]

_TOLERANCE = 1e-6
"""How far from a whole number HiGHS's values may be and count as whole."""


class _Column:
    """One variable: its bounds, whether integral, its cost on each level."""

    __slots__ = slots("costs integral lower upper")

    def __init__(
        self, lower: float, upper: float, integral: bool, costs: Sequence[int]
    ) -> None:
        self.lower = lower
        self.upper = upper
        self.integral = integral
        self.costs = costs


class _Model:
    """Columns and rows, built in Python, handed to HiGHS in one go."""

    def __init__(self, levels: int) -> None:
        self.columns: list[_Column] = []
        self.rows: list[tuple[float, float, list[int], list[float]]] = []
        self.levels = levels

    def column(
        self, lower: float, upper: float, integral: bool, costs: Sequence[int]
    ) -> int:
        self.columns.append(_Column(lower, upper, integral, costs))
        return len(self.columns) - 1

    def row(
        self, lower: float, upper: float, terms: Sequence[tuple[int, float]]
    ) -> None:
        if terms:
            self.rows.append(
                (lower, upper, [c for c, _ in terms], [v for _, v in terms])
            )


def _components(
    demand: Demand, units: dict[int, int], groups: Sequence[Group], profiles: int
) -> set[int]:
    """The single-person classes that share a profile with a group, directly
    or through other classes."""
    parent = list(range(profiles))

    def root(p: int) -> int:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    def join(found: tuple[int, ...]) -> None:
        for other in found[1:]:
            a, b = root(found[0]), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)

    for cls in units:
        join(demand.classes[cls][1])
    for group in groups:
        join(group.profiles)
    touched = {root(p) for group in groups for p in group.profiles}
    return {
        cls
        for cls in units
        if demand.classes[cls][1] and root(demand.classes[cls][1][0]) in touched
    }


def choose(
    places: Places,
    demand: Demand,
    penalties: Penalties,
    flows: Flows,
    groups: Sequence[Group],
    units: dict[int, int],
) -> tuple[Choice, bool, str]:
    """The groups' sites, whether proven optimal, and how they were found."""
    import highspy  # the solver extra

    stock = places.stock()
    search = GroupSearch(places, demand, penalties, flows, groups, units, 0)
    tier, metres, allowed = places.map.tier, places.map.metres, places.allowed
    levels = len(penalties.levels)
    model = _Model(levels)

    cached: dict[tuple[bool, bool, object], tuple[int, ...]] = {}

    def person(
        home: str, child: bool, family: bool, municipality: str | None
    ) -> tuple[int, ...]:
        """The penalties of one single person placed in ``municipality``."""
        where = None if municipality is None else tier(home, municipality)
        key = (child, family, where)
        found = cached.get(key)
        if found is None:  # the digits but the metres
            found = cached[key] = penalties.vector([(1, int(child), family, where, 0)])
        if penalties.distance and municipality is not None:
            return (*found[:-1], metres(home, municipality))
        return found

    # single persons that share a profile with a group
    included = sorted(_components(demand, units, groups, len(places.profiles)))
    free: dict[Key, int] = {}
    pool_key: Key
    for (municipality, profile), found in places.node_sites.items():
        amount = sum(stock.general[s] for s in found)
        if amount:
            free[(municipality, profile, None)] = amount
    for pool_key, found in places.pool_sites.items():
        amount = sum(stock.held[s].get(pool_key[2], 0) for s in found)
        if amount:
            free[pool_key] = amount
    uses: dict[Key, list[tuple[int, float]]] = {}
    for cls in included:
        home, profiles, child, access = demand.classes[cls]
        count = units[cls]
        terms = [(model.column(0, count, False, person(home, child, False, None)), 1.0)]
        for key in free:
            municipality, profile, pool = key
            if profile not in profiles or pool not in (None, access):
                continue
            if not allowed[tier(home, municipality)]:
                continue
            family = places.profiles[profile].family_based
            index = model.column(
                0, count, False, person(home, child, family, municipality)
            )
            terms.append((index, 1.0))
            uses.setdefault(key, []).append((index, 1.0))
        model.row(count, count, terms)
    # groups of one kind, and the services with room for one of them
    kinds: dict[tuple[object, ...], list[Group]] = {}
    for group in groups:
        kinds.setdefault(
            (tuple(sorted(group.members)), group.profiles, group.home), []
        ).append(group)
    at_site: dict[int, list[tuple[int, float]]] = {}
    held_use: dict[tuple[int, str], list[tuple[int, float]]] = {}
    placements: list[tuple[tuple[object, ...], int, int]] = []  # kind, site, column
    for kind, alike in kinds.items():
        sample = alike[0]
        unplaced = search.contribution(sample, None)
        terms = [(model.column(0, len(alike), True, unplaced), 1.0)]
        for site in sorted(search.sites(sample, stock)):
            where = places.sites[site]
            held = stock.held[site]
            held_here = sum(held.get(home, 0) for home in sample.homes)
            room = (stock.general[site] + held_here) // sample.size  # rows: exact
            costs = search.contribution(sample, site)
            index = model.column(0, min(room, len(alike)), True, costs)
            terms.append((index, 1.0))
            at_site.setdefault(site, []).append((index, float(sample.size)))
            for home, count in sample.counts:  # each member's own home's places
                if held.get(home, 0):
                    held_use.setdefault((site, home), []).append((index, float(count)))
            placements.append((kind, site, index))
        model.row(len(alike), len(alike), terms)
    # places: groups within each service, everyone within each service class
    held_column: dict[tuple[int, str], int] = {}
    for (site, home), terms in held_use.items():
        index = held_column[(site, home)] = model.column(
            0, stock.held[site][home], False, [0] * levels
        )
        model.row(-highspy.kHighsInf, 0, [(index, 1.0), *((c, -v) for c, v in terms)])
    for site, terms in at_site.items():
        own = [(held_column[key], -1.0) for key in held_column if key[0] == site]
        model.row(-highspy.kHighsInf, stock.general[site], [*terms, *own])
        where = places.sites[site]
        node: Key = (where.municipality, places.site_profile[site], None)
        uses.setdefault(node, []).extend([*terms, *own])
    for (site, home), index in held_column.items():
        where = places.sites[site]
        held_key: Key = (where.municipality, places.site_profile[site], home)
        uses.setdefault(held_key, []).append((index, 1.0))
    for key, terms in uses.items():
        capacity = free.get(key, 0)
        if key[2] is None:
            capacity = sum(
                places.sites[s].general for s in places.node_sites[(key[0], key[1])]
            )
        model.row(-highspy.kHighsInf, capacity, terms)
    values, proven = _solve(model, flows)
    # the groups' services, the earliest of a kind in the best
    choice_of: dict[int, int | None] = {}
    for kind, alike in kinds.items():
        sample = alike[0]
        slots_: list[tuple[tuple[float, ...], str, int]] = []
        for kind_, site, index in placements:
            if kind_ == kind:
                taken = round(values[index])
                where = places.sites[site]
                quality = places.quality(
                    sample.home,
                    sample.children > 0,
                    where.municipality,
                    places.site_profile[site],
                )
                slots_.extend([(quality, where.id, site)] * taken)
        slots_.sort()
        for group, slot in zip(alike, [*slots_, *([None] * len(alike))], strict=False):
            choice_of[group.request] = None if slot is None else slot[2]
    choice: Choice = [choice_of[group.request] for group in groups]
    # proven when the library's own flow, around these groups, reaches it
    reached = _value(search, included, units, choice, stock)
    wanted = tuple(round(v) for v in proven)
    if reached is not None and reached == wanted:
        return choice, True, "sibling groups by HiGHS (mixed-integer), proven optimal"
    return choice, False, "sibling groups by HiGHS (mixed-integer), not confirmed"


def _value(
    search: GroupSearch,
    included: list[int],
    units: dict[int, int],
    choice: Choice,
    stock: Any,
) -> tuple[int, ...] | None:
    """The penalties of the groups so and the included classes by the flow."""
    mine = GroupSearch(
        search.places,
        search.demand,
        search.penalties,
        search.flows,
        search.groups,
        {cls: units[cls] for cls in included},
        0,
    )
    return mine.value_of(stock, choice)


def _solve(model: _Model, flows: Flows) -> tuple[list[float], list[float]]:
    """Solve level by level: each at its optimum before the next. The
    values of the columns, and each level's optimum."""
    import highspy
    import numpy as np
    from highspy import _Highs  # type: ignore[attr-defined]

    # highspy.Highs() prints a banner when made; the bare class does not, and
    # a library that does no I/O must not print
    solver = _Highs()
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("mip_rel_gap", 0.0)
    # every level's optimum is a whole number; the gap must not let a
    # fractional amount of the single persons pass for it
    solver.setOptionValue("mip_abs_gap", 1e-6)
    # measured: the level rows make presolve redo most of its work at every
    # level, and a relaxation solved again from the level before's basis
    # takes a few hundred iterations; presolve would throw that basis away
    solver.setOptionValue("presolve", "off")
    columns = model.columns
    count = len(columns)
    solver.addVars(
        count,
        np.array([c.lower for c in columns], dtype=np.float64),
        np.array([c.upper for c in columns], dtype=np.float64),
    )
    for lower, upper, indices, values in model.rows:
        solver.addRow(
            lower,
            upper,
            len(indices),
            np.array(indices, dtype=np.int32),
            np.array(values, dtype=np.float64),
        )
    whole = _Whole(solver, model)
    everything = np.arange(count, dtype=np.int32)
    table = np.array([c.costs for c in columns], dtype=np.float64)
    optima: list[float] = []
    solution: list[float] = [0.0] * count
    for level in range(model.levels):
        costs = np.ascontiguousarray(table[:, level])
        solver.changeColsCost(count, everything, costs)
        solution, best = whole.solve()
        optima.append(float(best))
        flows.work.add(count)
        nonzero = np.flatnonzero(costs).astype(np.int32)
        if level + 1 < model.levels and len(nonzero):
            solver.addRow(
                -highspy.kHighsInf, best, len(nonzero), nonzero, costs[nonzero]
            )
    return solution, optima


class _Whole:
    """One level's whole optimum, found the cheapest way that proves it.

    First the relaxation (every column continuous), warm from the level
    before: its optimum, rounded up, bounds the level's. When its groups
    are whole, it is the level's optimum (the single persons are then a
    flow, whose optimum is whole). Else a dive: round one group's column at
    a time, solve again, as long as the bound holds; a whole solution at the
    bound is the optimum. Only when the dive loses the bound, the
    mixed-integer search (measured: on 3,000 children with 2 to 50 groups
    the relaxation or the dive settles every level, ten times faster than
    the search; batches with many groups in few places still need it)."""

    def __init__(self, solver: Any, model: _Model) -> None:
        import highspy
        import numpy as np

        self.highspy, self.np, self.solver = highspy, np, solver
        integral = [i for i, c in enumerate(model.columns) if c.integral]
        self.ints = np.array(integral, dtype=np.int32)
        self.lower = np.array([model.columns[i].lower for i in integral])
        self.upper = np.array([model.columns[i].upper for i in integral])
        kinds = highspy.HighsVarType
        self.continuous = np.array([kinds.kContinuous] * len(integral))
        self.integer = np.array([kinds.kInteger] * len(integral))

    def _run(self) -> bool:
        """Solve; whether a solution was found (``False``: infeasible)."""
        self.solver.run()
        status = self.solver.getModelStatus()
        if status == self.highspy.HighsModelStatus.kInfeasible:
            return False
        if status != self.highspy.HighsModelStatus.kOptimal:  # pragma: no cover
            raise RuntimeError(f"HiGHS stopped with {status}")
        return True

    def _values(self) -> Any:
        return self.np.array(self.solver.getSolution().col_value)

    def _objective(self) -> float:
        return float(self.solver.getInfo().objective_function_value)

    def _fractional(self, values: Any) -> Any:
        """Positions in ``ints`` of the integral columns not whole."""
        part = values[self.ints] - self.np.floor(values[self.ints])
        return self.np.flatnonzero((part > _TOLERANCE) & (part < 1 - _TOLERANCE))

    def solve(self) -> tuple[list[float], int]:
        """The columns' values and the level's optimum."""
        solver, ints = self.solver, self.ints
        solver.changeColsIntegrality(len(ints), ints, self.continuous)
        self._run()
        values = self._values()
        bound = math.ceil(self._objective() - _TOLERANCE)
        if len(self._fractional(values)):
            dived = self._dive(values, bound)
            solver.changeColsBounds(len(ints), ints, self.lower, self.upper)
            if dived is None:
                solver.changeColsIntegrality(len(ints), ints, self.integer)
                self._run()
                dived = self._values()
                bound = round(self._objective())
                solver.changeColsIntegrality(len(ints), ints, self.continuous)
            values = dived
        return list(values), bound

    def _dive(self, values: Any, bound: int) -> Any | None:
        """Round the integral columns one at a time, the most nearly whole
        first, up if that keeps ``bound``, else down if that does, solving
        again each time: a whole solution at ``bound``, or ``None``."""
        np, solver, ints = self.np, self.solver, self.ints
        while True:
            fractional = self._fractional(values)
            if not len(fractional):
                return values
            part = values[ints[fractional]] - np.floor(values[ints[fractional]])
            pick = int(fractional[int(np.argmax(part))])
            column = int(ints[pick])
            up = math.ceil(values[column])
            for lower, upper in ((up, self.upper[pick]), (self.lower[pick], up - 1)):
                solver.changeColBounds(column, lower, upper)
                if self._run() and self._objective() <= bound + _TOLERANCE:
                    break
            else:
                return None
            values = self._values()
