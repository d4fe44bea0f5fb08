"""The demand side of an allocation: requests sorted into classes and groups.

Owns reading the persons of a batch and putting each single person into a
compatibility class: their home, the service profiles that would take them,
whether they are a child, and the municipality whose held places they may use
(their own). A request of several persons becomes a :class:`Group`, which
keeps each member's own home. Requests that cannot be considered (a person
unknown, or named by an earlier request) are settled here. It knows the
service profiles (:mod:`._places`) but nothing of how the batch is solved.
"""

from __future__ import annotations

import collections
import itertools
import operator
from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from .._person import Person, PlacementRequest
from .._registry import Registry
from ._batch import Batch, codes, drain
from ._places import Places
from ._policy import Policy
from ._reasons import UnplacedReason
from ._world import (
    Member,
    age,
    home_of,
    home_on,
    member_reasons,
    slots,
    type_reasons,
)

__all__ = ["ClassKey", "Demand", "Group", "Reading"]

_PERSONS = operator.attrgetter("persons")
_FIRST = operator.itemgetter(0)
_BIRTH = operator.attrgetter("birth_date")
_TARGET_GROUPS = operator.attrgetter("target_groups")
_NEEDS = operator.attrgetter("needs")
_ACCEPTABLE = operator.attrgetter("acceptable_types")

ClassKey = tuple[str, tuple[int, ...], bool, str]
"""A class of single persons: home, profiles, child, and the municipality
whose held places they may use (a single person's own home; a sibling's
group home when the group is split for a bound)."""


class Group:
    """A sibling group (or any request of more than one person)."""

    __slots__ = slots(
        "children counts home homes members profiles request size unit_classes"
    )

    def __init__(
        self,
        request: int,
        home: str,
        profiles: tuple[int, ...],
        members: list[tuple[str, bool]],
        unit_classes: list[tuple[int, int]],
    ) -> None:
        self.request = request
        """Its waiting position."""
        self.home = home
        """The request's home: the municipality most members live in, whose
        tier and distance are the group's."""
        self.profiles = profiles
        """The profiles that would take every member."""
        self.members = members
        """Each member's own home and whether they are a child."""
        self.size = len(members)
        self.homes = tuple(sorted({own for own, _ in members}))
        """The members' own homes, each once."""
        self.counts = tuple(
            (own, sum(1 for other, _ in members if other == own)) for own in self.homes
        )
        """How many members live in each of those homes: each member may use
        the places held for their own home."""
        self.children = sum(child for _, child in members)
        self.unit_classes = unit_classes
        """(class, persons) when the group is split into single persons."""


Outcome = list[Any]
"""Per request in waiting order: an ``Unplaced`` settled while reading, or
``None``."""


class Reading:
    """What reading a batch gives: settled requests, classes, groups."""

    __slots__ = slots("groups outcome singles")

    def __init__(
        self, outcome: Outcome, singles: dict[int, list[int]], groups: list[Group]
    ) -> None:
        self.outcome = outcome
        self.singles = singles
        """Per class, its requests' waiting positions, in waiting order."""
        self.groups = groups
        """In waiting order."""

    def units(self) -> dict[int, int]:
        """Persons per class."""
        return {cls: len(members) for cls, members in self.singles.items()}


class Demand:
    """The classes of one batch, numbered in waiting order of their first
    request."""

    def __init__(
        self,
        registry: Registry,
        on: date,
        policy: Policy,
        places: Places,
        batch: Batch,
        unplaced: Any,
    ) -> None:
        self.registry = registry
        self.on = on
        self.policy = policy
        self.places = places
        self.batch = batch
        self._unplaced = unplaced  # (request, reason) -> Unplaced
        self.classes: list[ClassKey] = []
        self.class_index: dict[ClassKey, int] = {}
        self._profiles_of: dict[tuple[object, ...], tuple[int, ...]] = {}

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
                for profile in self.places.profiles
                if not type_reasons(profile.site, acceptable)
                and not member_reasons(member, profile.site, self.on)
            )
            self._profiles_of[key] = found
        return found

    def class_of(
        self, home: str, profiles: tuple[int, ...], child: bool, access: str
    ) -> int:
        key = (home, profiles, child, access)
        found = self.class_index.get(key)
        if found is None:
            found = self.class_index[key] = len(self.classes)
            self.classes.append(key)
        return found

    # -- reading ------------------------------------------------------------

    def read(self) -> Reading:
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
    ) -> Reading:
        """:meth:`read` when no person is named twice: single persons are
        classified column by column, by what decides their class, in memory
        order (``persons_of``, ``sizes`` and ``firsts`` are in that order)."""
        in_memory, position = self.batch.in_memory, self.batch.position
        count = len(in_memory)
        outcome: Outcome = [None] * count
        indices: list[int]  # of single-person requests, in memory order
        others: list[int] = []  # of the other requests, in waiting order
        if firsts is None:
            indices = [index for index, size in enumerate(sizes) if size == 1]
            firsts = [persons_of[index][0] for index in indices]
            others = [position[i] for i, size in enumerate(sizes) if size != 1]
        else:
            indices = list(range(count))
        find = self.registry.persons_by_id.get
        people = list(map(find, firsts))
        if any(map(operator.is_, people, itertools.repeat(None))):
            for index, someone in zip(indices, people, strict=True):
                if someone is None:
                    outcome[position[index]] = self._unplaced(
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
        drain(
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
                class_at[at] = self.class_of(key[0], found[0], found[1], key[0])
                continue
            request = self.batch.request(index)
            persons = list(map(find, request.persons))
            if None in persons:
                outcome[index] = self._unplaced(request, UnplacedReason.UNKNOWN_PERSON)
                continue
            groups.append(self.group(index, request, cast("list[Person]", persons)))
        singles = self.members_by_class(kind_by_position, class_at)
        return Reading(outcome, singles, groups)

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
            [  # inline: a call per person costs a tenth of a second a million
                p.home_on(on) if p.previous_homes else p.home_municipality
                for p in people
            ],
            list(map(years_of.__getitem__, births)),
            codes(map(_TARGET_GROUPS, people)),
            codes(map(_NEEDS, people)),
            codes(map(_ACCEPTABLE, requests)),
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

    def read_one_by_one(self) -> Reading:
        """:meth:`read`, request by request, keeping the persons seen."""
        outcome: Outcome = [None] * len(self.batch)
        singles: dict[int, list[int]] = {}
        groups: list[Group] = []
        find = self.registry.persons_by_id.get
        seen: set[str] = set()
        ages: dict[date, int] = {}
        keyed: dict[tuple[object, ...], int] = {}
        kinds: dict[tuple[object, ...], tuple[tuple[int, ...], bool]] = {}
        on, policy = self.on, self.policy
        for index, request in enumerate(self.batch.requests):
            ids = request.persons
            persons = list(map(find, ids))
            if None in persons:
                outcome[index] = self._unplaced(request, UnplacedReason.UNKNOWN_PERSON)
                continue
            if seen.intersection(ids):
                outcome[index] = self._unplaced(
                    request, UnplacedReason.DUPLICATE_PERSON
                )
                continue
            seen.update(ids)
            if len(ids) != 1:
                groups.append(self.group(index, request, cast("list[Person]", persons)))
                continue
            single = cast("Person", persons[0])
            birth = single.birth_date
            years = ages.get(birth)
            if years is None:
                years = ages[birth] = age(birth, on)
            # what decides a person's class: age, needs and groups, home
            key = (
                home_on(single, on),
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
                home = key[0]
                cls = keyed[key] = self.class_of(home, found[0], found[1], home)
            members_of = singles.get(cls)
            if members_of is None:
                singles[cls] = [index]
            else:
                members_of.append(index)
        return Reading(outcome, singles, groups)

    def group(
        self, index: int, request: PlacementRequest, persons: list[Person]
    ) -> Group:
        """A group whose members each keep their own home; split into single
        persons (for a bound), each uses the group's held places."""
        members = [Member(person, self.on, self.policy) for person in persons]
        home = home_of(persons, self.on)
        common: set[int] | None = None
        for member in members:
            mine = set(self.profiles_of(member, request.acceptable_types))
            common = mine if common is None else common & mine
        profiles = tuple(sorted(common or ()))
        split: dict[int, int] = {}
        for member in members:
            own = member.home
            cls = self.class_of(own, profiles, member.child, home)
            split[cls] = split.get(cls, 0) + 1
        return Group(
            index,
            home,
            profiles,
            [(m.home, m.child) for m in members],
            sorted(split.items()),
        )
