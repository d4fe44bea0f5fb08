"""Sibling groups placed exactly: a mixed-integer programme solved by HiGHS.

Owns the ``solver`` extra's path. Only what the groups touch goes into the
programme: the groups, and the classes of single persons that share a
service profile with them (directly or through other classes); everything
else is left to the flow. Groups of one kind (members' homes and ages alike,
the same profiles) are one integer variable per service that has room for
one of them; single persons are continuous amounts per class and service
class, which is exact because, once the groups are fixed, what is left is a
flow with an integral optimum. The levels are solved one after another, each
fixed at its optimum before the next (HiGHS with a zero relative gap; every
level's optimum is a whole number). The groups'
services are then read off, and the single persons solved again by the
library's own flow on the places the groups leave; ``optimal`` is claimed
when that reaches every level HiGHS proved best.

HiGHS is imported only here, and only when this path runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._demand import Demand, Group
from ._groups import Choice, GroupSearch
from ._levels import Penalties
from ._network import Flows
from ._places import Key, Places
from ._world import slots

__all__ = ["choose"]


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

    def person(
        home: str, child: bool, family: bool, municipality: str | None
    ) -> tuple[int, ...]:
        """The penalties of one single person placed in ``municipality``."""
        if municipality is None:
            return penalties.vector([(1, int(child), False, None, 0)])
        where = tier(home, municipality)
        return penalties.vector(
            [(1, int(child), family, where, metres(home, municipality))]
        )

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
            0, stock.held[site][home], False, [0] * len(model.columns[0].costs)
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
    # level, and the root relaxation is integral almost always; without
    # presolve the levels of a 3,000-child batch solve in half the time
    solver.setOptionValue("presolve", "off")
    columns = model.columns
    count = len(columns)
    solver.addVars(
        count,
        np.array([c.lower for c in columns], dtype=np.float64),
        np.array([c.upper for c in columns], dtype=np.float64),
    )
    integral = [i for i, c in enumerate(columns) if c.integral]
    if integral:
        solver.changeColsIntegrality(
            len(integral),
            np.array(integral, dtype=np.int32),
            np.array([highspy.HighsVarType.kInteger] * len(integral)),
        )
    for lower, upper, indices, values in model.rows:
        solver.addRow(
            lower,
            upper,
            len(indices),
            np.array(indices, dtype=np.int32),
            np.array(values, dtype=np.float64),
        )
    everything = np.arange(count, dtype=np.int32)
    optima: list[float] = []
    solution: list[float] = [0.0] * count
    for level in range(model.levels):
        costs = np.array([c.costs[level] for c in columns], dtype=np.float64)
        solver.changeColsCost(count, everything, costs)
        solver.run()
        status = solver.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:  # pragma: no cover
            raise RuntimeError(f"HiGHS stopped with {status}")
        solution = list(solver.getSolution().col_value)
        best = round(solver.getInfo().objective_function_value)
        optima.append(float(best))
        flows.work.add(count)
        nonzero = np.flatnonzero(costs).astype(np.int32)
        if level + 1 < model.levels and len(nonzero):
            solver.addRow(
                -highspy.kHighsInf, best, len(nonzero), nonzero, costs[nonzero]
            )
    return solution, optima
