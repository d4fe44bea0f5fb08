"""Fair waiting order: no request envies a later request's place.

Owns the last step before places are handed out. The flow decides how many
persons of each class go where; within a class, the earliest requests get
the best places. Across classes, two requests a (earlier) and b (later) may
hold places that they could exchange: b's place would take a, a's place (or
being left unplaced) would take b, and the exchange keeps every level of the
objective. If a prefers b's place (as :func:`rank` orders places for a: the
measure for a child, the tier's cost, the distance), they exchange. Every
exchange gives the earliest request it changes a better place, so the
exchanges end; when none is left, nobody envies a later request.

Exchanges are made between classes in bulk (as many pairs at once as waiting
order allows) and only where they keep every level, the total metres too:
between any two classes, as long as there are at most :data:`ACROSS_HOMES`
of them (every pair is compared), and beyond that between classes of one
home. Between two homes the metres stay the same when both places lie in
one municipality, when distances are unknown, or when the objective has no
distance level. Sibling groups are exchanged with each other in the same
way, one pair at a time (:func:`fair_groups`), when what the two leave at
their sites can take every set of single persons it could before (places
held for a home count as that home's), so the single persons' optimum is
kept; a group and a single person are not exchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._demand import Group, Reading
from ._groups import rows
from ._levels import Row
from ._network import Result
from ._places import Key, Stock
from ._start import Start

__all__ = ["ACROSS_HOMES", "fair_groups", "fair_shares"]

ACROSS_HOMES = 200
"""Exchanges across homes are searched among at most this many classes (or
groups): the search compares every pair, so beyond it only classes of one
home trade, and the time stays linear in the homes."""


class _Class:
    """One class's outcomes, in the order its members receive them."""

    __slots__ = ("access", "child", "home", "index", "members", "profiles", "runs")

    def __init__(self, begun: Start, index: int, members: list[int]) -> None:
        self.index = index
        self.home, self.profiles, self.child, self.access = begun.demand.classes[index]
        self.members = members
        self.runs: list[tuple[Key | None, int]] = []


def fair_shares(begun: Start, reading: Reading, result: Result) -> Result:
    """``result`` after every exchange that keeps the levels and that an
    earlier request wants."""
    by_home: dict[str, list[int]] = {}
    for cls in reading.singles:
        by_home.setdefault(begun.demand.classes[cls][0], []).append(cls)
    parts = [sorted(found) for found in by_home.values() if len(found) > 1]
    if len(reading.singles) <= ACROSS_HOMES:
        # any two classes may trade, when the levels (metres too) stay the same
        parts = [sorted(reading.singles)] if len(reading.singles) > 1 else []
    if not parts:
        return result
    exchanges = _Exchanges(begun, result)
    for part in parts:
        members = [_Class(begun, cls, reading.singles[cls]) for cls in part]
        for item in members:
            exchanges.runs(item)
        while exchanges.one(members):
            pass
    return exchanges.result(result)


class _Exchanges:
    """The classes' shares of places, and the exchanges between them."""

    def __init__(self, begun: Start, result: Result) -> None:
        self.places = begun.places
        self.penalties = begun.penalties
        self.shares: dict[int, dict[Key, int]] = {}
        for cls, found in result.items():
            amounts: dict[Key, int] = {}
            for key, amount in found:
                amounts[key] = amounts.get(key, 0) + amount
            self.shares[cls] = amounts
        self._levels: dict[tuple[int, Key | None], tuple[int, ...]] = {}

    def result(self, old: Result) -> Result:
        return {
            cls: [
                (key, amount)
                for key, amount in sorted(
                    self.shares.get(cls, {}).items(), key=_key_order
                )
                if amount
            ]
            for cls in old
        }

    def levels(self, item: _Class, key: Key | None) -> tuple[int, ...]:
        """The penalties of one member of ``item`` at ``key``."""
        found = self._levels.get((item.index, key))
        if found is None:
            places = self.places
            if key is None:
                row: Row = (1, int(item.child), False, None, 0)
            else:
                row = (
                    1,
                    int(item.child),
                    places.profiles[key[1]].family_based,
                    places.map.tier(item.home, key[0]),
                    places.map.metres(item.home, key[0]),
                )
            found = self._levels[(item.index, key)] = self.penalties.vector([row])
        return found

    def can_take(self, item: _Class, key: Key | None) -> bool:
        if key is None:
            return True
        municipality, profile, pool = key
        return (
            profile in item.profiles
            and self.places.allowed[self.places.map.tier(item.home, municipality)]
            and (pool is None or pool == item.access)
        )

    def better(self, item: _Class, new: Key | None, old: Key | None) -> bool:
        """Whether ``item``'s members strictly prefer ``new`` to ``old``."""
        if new is None:
            return False
        if old is None:
            return True
        quality = self.places.quality
        return quality(item.home, item.child, new[0], new[1]) < quality(
            item.home, item.child, old[0], old[1]
        )

    def runs(self, item: _Class) -> None:
        """``item``'s outcomes in the order its members receive them (as the
        places are handed out: best first, unplaced last)."""
        amounts = self.shares.get(item.index, {})
        quality = self.places.quality

        def order(key: Key) -> tuple[object, ...]:
            return (
                quality(item.home, item.child, key[0], key[1]),
                *_key_order((key, 0)),
            )

        placed = sorted((key for key, n in amounts.items() if n), key=order)
        item.runs = [(key, amounts[key]) for key in placed]
        left = len(item.members) - sum(amounts.values())
        if left:
            item.runs.append((None, left))

    def one(self, members: Sequence[_Class]) -> bool:
        """Make one bulk exchange that an earlier request wants; whether
        there was one."""
        for x in members:
            start_x = 0
            for kx, count_x in x.runs:
                first_x = x.members[start_x]
                for y in members:
                    if y is not x and self._with(x, kx, start_x, count_x, first_x, y):
                        return True
                start_x += count_x
        return False

    def _with(
        self,
        x: _Class,
        kx: Key | None,
        start_x: int,
        count_x: int,
        first_x: int,
        y: _Class,
    ) -> bool:
        end_y = 0
        for ky, count_y in y.runs:
            end_y += count_y
            if ky is None or y.members[end_y - 1] < first_x:
                continue
            if not (self.better(x, ky, kx) and self.can_take(x, ky)):
                continue
            if not self.can_take(y, kx):
                continue
            before = _sum(self.levels(x, kx), self.levels(y, ky))
            if before != _sum(self.levels(x, ky), self.levels(y, kx)):
                continue
            pairs = _pairs(x.members, start_x, count_x, y.members, end_y, count_y)
            self._move(x.index, kx, ky, pairs)
            self._move(y.index, ky, kx, pairs)
            self.runs(x)
            self.runs(y)
            return True
        return False

    def _move(self, cls: int, old: Key | None, new: Key | None, count: int) -> None:
        amounts = self.shares.setdefault(cls, {})
        if old is not None:
            amounts[old] -= count
        if new is not None:
            amounts[new] = amounts.get(new, 0) + count


def _key_order(item: tuple[Key, int]) -> tuple[str, int, str]:
    key = item[0]
    return (key[0], key[1], key[2] or "")


def _sum(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(p + q for p, q in zip(a, b, strict=True))


def _pairs(
    xs: list[int], start: int, count_x: int, ys: list[int], end: int, count_y: int
) -> int:
    """How many of the run of ``xs`` from ``start`` (earliest first) waited
    longer than as many of the run of ``ys`` ending at ``end`` (latest first)."""
    low, high = 1, min(count_x, count_y)
    while low < high:
        middle = (low + high + 1) // 2
        if xs[start + middle - 1] < ys[end - middle]:
            low = middle
        else:
            high = middle - 1
    return low


def fair_groups(
    begun: Start, groups: Sequence[Group], choice: list[int | None], stock: Stock
) -> list[int | None]:
    """``choice`` (a site per group, in waiting order) after every exchange
    between two groups that keeps the levels and that the earlier one wants.

    ``stock`` holds the places before any group took its own."""
    places, penalties = begun.places, begun.penalties
    choice = list(choice)
    by_home: dict[str, list[int]] = {}
    for index, group in enumerate(groups):
        by_home.setdefault(group.home, []).append(index)
    if len(groups) <= ACROSS_HOMES:
        parts = [list(range(len(groups)))]
    else:
        parts = list(by_home.values())

    def levels(group: Group, site: int | None) -> tuple[int, ...]:
        return penalties.vector(rows(places, group, site))

    def can_take(group: Group, site: int | None) -> bool:
        if site is None:
            return True
        return places.site_profile[site] in group.profiles and places.open_to(
            group.homes, places.sites[site].municipality
        )

    def better(group: Group, new: int, old: int | None) -> bool:
        if old is None:
            return True
        child = group.children > 0
        a, b = places.sites[new], places.sites[old]
        return places.quality(
            group.home, child, a.municipality, places.site_profile[new]
        ) < places.quality(group.home, child, b.municipality, places.site_profile[old])

    def taken(assigned: list[int | None]) -> Stock:
        left = stock.copy()
        for index, site in enumerate(assigned):
            if site is not None:
                left.take_all(site, groups[index].counts)
        return left

    def fits(first: int, second: int, swapped: list[int | None]) -> bool:
        """Whether the two groups fit their new sites, and what is left at
        those sites can take every set of single persons it could before, so
        that the single persons' optimum is kept."""
        left = stock.copy()
        for index, site in enumerate(swapped):
            if site is not None and index not in (first, second):
                left.take_all(site, groups[index].counts)
        for index in (first, second):
            site = swapped[index]
            if site is not None:
                if not left.fits(site, groups[index].counts):
                    return False
                left.take_all(site, groups[index].counts)
        before = taken(choice)
        sites = {swapped[first], swapped[second]} - {None}
        return all(left.covers(before, site) for site in sites if site is not None)

    def exchange(part: list[int]) -> bool:
        for position, first in enumerate(part):
            a, sa = groups[first], choice[first]
            for second in reversed(part[position + 1 :]):
                b, sb = groups[second], choice[second]
                if sb is None or sb == sa or not better(a, sb, sa):
                    continue
                if not (can_take(a, sb) and can_take(b, sa)):
                    continue
                before = _sum(levels(a, sa), levels(b, sb))
                if before != _sum(levels(a, sb), levels(b, sa)):
                    continue
                swapped = list(choice)
                swapped[first], swapped[second] = sb, sa
                if fits(first, second, swapped):
                    choice[first], choice[second] = sb, sa
                    return True
        return False

    for part in parts:
        if len(part) > 1:
            while exchange(part):
                pass
    return choice
