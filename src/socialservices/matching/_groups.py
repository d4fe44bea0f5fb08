"""Sibling groups: a group of k needs k places in one service.

Owns choosing a service (or none) for each group, so that the single persons
solved by the flow around them give the best objective it can find, and
saying whether that is proven. No flow keeps a group together, so groups are
placed first and the single persons by the flow on the places left.

*Bound.* The flow with every group split into single persons (each member at
their own home, with the group's held places) is at least as good as any way
of placing the groups whole: if a choice reaches it, the choice is optimal.

*The built-in search* tries, in this order: each group in waiting order in
the best service with room for all of it; the groups where first come, first
served puts them (so the result is never worse than the baseline); then a
branch and bound over every group's options, best first, pruned by the bound
of the groups still open. Its work is counted in edges of the flow problems
solved (:class:`~._network.Work`), never in seconds, and it stops at the
work limit: the result is the same on every machine. ``optimal`` is claimed
only when the search finished or a choice reached the bound.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._demand import Demand, Group
from ._levels import Penalties, Row
from ._network import Flows, Result
from ._places import Places, Stock
from ._world import slots

__all__ = ["LEAST_WORK", "WORK_PER_BOUND", "Choice", "GroupSearch", "rows"]

WORK_PER_BOUND = 1
"""By default the search may do, after the bound, this many times the bound's
own work (the flow with the groups split into single persons): measured, that
keeps a batch with groups within about three times the time of the batch
without them."""
LEAST_WORK = 5_000
"""By default the search may do at least this much work (edges of flow
problems), so that small batches are searched to the end."""

Choice = list["int | None"]
"""Per group (in waiting order), the index of its site, ``None``: unplaced."""


def rows(places: Places, group: Group, site: int | None) -> list[Row]:
    """The group's members placed at ``site`` (``None``: unplaced), each at
    their own home."""
    if site is None:
        return [(1, int(child), False, None, 0) for _, child in group.members]
    where = places.sites[site]
    tier, metres = places.map.tier, places.map.metres
    return [
        (
            1,
            int(child),
            where.family_based,
            tier(home, where.municipality),
            metres(home, where.municipality),
        )
        for home, child in group.members
    ]


class _WorkLimitError(Exception):
    """The work limit is reached (internal: caught by the search)."""


class GroupSearch:
    """Chooses the groups' services against the flow of the single persons."""

    __slots__ = slots("demand flows groups limit penalties places units")

    def __init__(
        self,
        places: Places,
        demand: Demand,
        penalties: Penalties,
        flows: Flows,
        groups: Sequence[Group],
        units: dict[int, int],
        limit: int | None,
    ) -> None:
        self.places = places
        self.demand = demand
        self.penalties = penalties
        self.flows = flows
        self.groups = list(groups)
        self.units = units
        self.limit = limit
        """Work allowed in all, ``None``: :data:`WORK_PER_BOUND` times the
        bound's own work, and at least :data:`LEAST_WORK`."""

    # -- values -------------------------------------------------------------

    def contribution(self, group: Group, site: int | None) -> tuple[int, ...]:
        return self.penalties.vector(rows(self.places, group, site))

    def singles_vector(self, units: dict[int, int], result: Result) -> tuple[int, ...]:
        places, classes = self.places, self.demand.classes
        tier, metres = places.map.tier, places.map.metres
        rows: list[Row] = []
        for cls, count in units.items():
            home, _, child, _ = classes[cls]
            placed = 0
            for (municipality, profile, _), amount in result.get(cls, ()):
                placed += amount
                rows.append(
                    (
                        amount,
                        amount if child else 0,
                        places.profiles[profile].family_based,
                        tier(home, municipality),
                        amount * metres(home, municipality),
                    )
                )
            if count > placed:
                left = count - placed
                rows.append((left, left if child else 0, False, None, 0))
        return self.penalties.vector(rows)

    def split(self, groups: Sequence[Group]) -> dict[int, int]:
        """The single persons, and the members of ``groups`` as single persons."""
        relaxed = dict(self.units)
        for group in groups:
            for cls, count in group.unit_classes:
                relaxed[cls] = relaxed.get(cls, 0) + count
        return relaxed

    def bound(self, groups: Sequence[Group], stock: Stock) -> tuple[int, ...]:
        relaxed = self.split(groups)
        return self.singles_vector(relaxed, self.flows.solve(relaxed, stock))

    def value_of(self, stock: Stock, choice: Choice) -> tuple[int, ...] | None:
        """The penalties of placing the groups so and the rest by the flow;
        ``None`` if the groups do not fit so."""
        stock = stock.copy()
        total = self.penalties.zero()
        for group, site in zip(self.groups, choice, strict=True):
            if site is not None:
                if not stock.fits(site, group.counts):
                    return None
                stock.take_all(site, group.counts)
            total = self.penalties.add(total, self.contribution(group, site))
        result = self.flows.solve(self.units, stock)
        return self.penalties.add(total, self.singles_vector(self.units, result))

    # -- choices ------------------------------------------------------------

    def sites(self, group: Group, stock: Stock) -> list[int]:
        """Every site with room for all of ``group``, in an allowed tier for
        each member, by service class."""
        places = self.places
        return [
            site
            for (municipality, profile), members in places.node_sites.items()
            if profile in group.profiles and places.open_to(group.homes, municipality)
            for site in members
            if stock.fits(site, group.counts)
        ]

    def options(self, group: Group, stock: Stock) -> list[int | None]:
        """The sites a group could go to, best first, one of each kind; then
        ``None`` (unplaced)."""
        places = self.places
        found: list[tuple[tuple[float, ...], str, int]] = []
        seen: set[tuple[str, int, int, tuple[int, ...]]] = set()
        for site in self.sites(group, stock):
            # sites of one service class with equal places are alike
            where, profile = places.sites[site], places.site_profile[site]
            kind = (
                where.municipality,
                profile,
                stock.general[site],
                tuple(stock.held[site].get(home, 0) for home in group.homes),
            )
            if kind in seen:
                continue
            seen.add(kind)
            quality = places.quality(
                group.home, group.children > 0, where.municipality, profile
            )
            found.append((quality, where.id, site))
        found.sort()
        return [*(site for _, _, site in found), None]

    def in_waiting_order(self, stock: Stock) -> Choice:
        """Each group in turn in the best service with room for all of it."""
        stock = stock.copy()
        choice: Choice = []
        for group in self.groups:
            site = self.options(group, stock)[0]
            if site is not None:
                stock.take_all(site, group.counts)
            choice.append(site)
        return choice

    def choose(self, stock: Stock, first_come: Choice) -> tuple[Choice, bool, str]:
        """The groups' sites, whether proven optimal, and how they were found."""
        before = self.flows.work.done
        bound = self.bound(self.groups, stock)
        if self.limit is None:
            spent = self.flows.work.done - before
            self.limit = before + max(LEAST_WORK, WORK_PER_BOUND * spent)
            self.flows.work.expected = max(self.flows.work.expected, self.limit)
        tried: list[tuple[tuple[int, ...], int, Choice, str]] = []
        for order, (how, choice) in enumerate(
            (
                ("in waiting order", self.in_waiting_order(stock)),
                ("where first come puts them", first_come),
            )
        ):
            value = self.value_of(stock, choice)
            if value is not None:
                tried.append((value, order, choice, how))
        tried.sort(key=lambda item: (item[0], item[1]))
        best_value, _, best, how = tried[0]
        if best_value == bound:
            return best, True, f"sibling groups {how}, proven optimal by the bound"
        found, complete = self.search(stock, bound, best_value, best)
        if found is not None:
            return (
                found[1],
                True if complete else found[0] == bound,
                ("sibling groups by branch and bound"),
            )
        if complete:
            return best, True, f"sibling groups {how}, proven optimal by search"
        return best, False, f"sibling groups {how}; the work limit ended the search"

    def search(
        self,
        stock: Stock,
        bound: tuple[int, ...],
        incumbent: tuple[int, ...],
        choice: Choice,
    ) -> tuple[tuple[tuple[int, ...], Choice] | None, bool]:
        """Branch and bound below ``incumbent``: the better choice found (or
        ``None``) and whether the search was complete."""
        groups, flows, penalties = self.groups, self.flows, self.penalties
        work = flows.work
        best: list[tuple[tuple[int, ...], Choice]] = []
        ceiling = [incumbent]

        def visit(
            k: int, stock: Stock, partial: tuple[int, ...], chosen: Choice
        ) -> None:
            if ceiling[0] == bound:
                return  # nothing can beat the bound
            if self.limit is None or work.done >= self.limit:
                raise _WorkLimitError
            if k == len(groups):
                result = flows.solve(self.units, stock)
                total = penalties.add(partial, self.singles_vector(self.units, result))
                if total < ceiling[0]:
                    ceiling[0] = total
                    best[:] = [(total, list(chosen))]
                return
            if k == 0:
                optimistic = bound  # the same problem
            else:
                rest = self.split(groups[k:])
                optimistic = penalties.add(
                    partial, self.singles_vector(rest, flows.solve(rest, stock))
                )
            if optimistic >= ceiling[0]:
                return
            group = groups[k]
            for site in self.options(group, stock):
                taken = stock
                if site is not None:
                    taken = stock.copy()
                    taken.take_all(site, group.counts)
                chosen.append(site)
                visit(
                    k + 1,
                    taken,
                    penalties.add(partial, self.contribution(group, site)),
                    chosen,
                )
                chosen.pop()

        try:
            visit(0, stock, penalties.zero(), [])
        except _WorkLimitError:
            return (best[0] if best else None), False
        return (best[0] if best else None), True
