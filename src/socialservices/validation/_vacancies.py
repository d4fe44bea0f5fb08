"""Which services had free places on a day, in a region, for a person: a sweep.

The rules that ask "was there room closer to home?" ask it once per
placement. Looking at every service of the region for each would cost the
number of placements times the number of services. Instead the free places
of each service are cut into runs of days with the same number free, and the
questions of one region and kind of service are answered in day order while
a sweep keeps the services free on the current day: each question then costs
only the services that had room.

Services with places held by an agreement have a number of free places that
depends on who asks; they are asked directly, one by one.

A service whose capacity is not recorded has no free place to offer: it is
left out, and so are the days before a service's first capacity record.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Mapping
from datetime import date
from typing import Protocol

from .._person import Person
from .._registry import Registry
from .._service import Eligibility, Service

__all__ = ["Answers", "Facts", "Questions", "Vacancies"]

Profile = tuple[bool, bool]
"""Whether a service type is residential, and whether it is family-based."""

Group = tuple[bool, str, Profile]
"""Services of one profile in one area: a municipality (``True``) or a region."""


class Questions:
    """A batch of questions, kept in columns: on ``day``, in an area (a region,
    or with ``within_municipality`` a municipality), which services of
    ``profile`` had a free place for ``person``?

    Columns rather than a tuple per question: a batch can hold a question for
    each of a million placements, and lists of shared values give the garbage
    collector nothing to walk.
    """

    __slots__ = ("days", "persons", "profiles", "regions", "within_municipality")

    def __init__(self, *, within_municipality: bool = False) -> None:
        self.within_municipality = within_municipality
        self.days: list[date] = []
        self.regions: list[str] = []
        self.profiles: list[Profile] = []
        self.persons: list[Person] = []

    def ask(self, day: date, region: str, profile: Profile, person: Person) -> int:
        """Add a question; returns its number."""
        self.days.append(day)
        self.regions.append(region)
        self.profiles.append(profile)
        self.persons.append(person)
        return len(self.days) - 1

    def __len__(self) -> int:
        return len(self.days)


class _Runs:
    """Runs of days with free places of a group's services, in order of start.

    ``ends[i]`` is ``-1`` for a run that lasts as long as the service does.
    """

    __slots__ = ("ends", "frees", "services", "starts")

    def __init__(self) -> None:
        self.starts = array("q")
        self.ends = array("q")
        self.frees = array("q")
        self.services = array("q")

    def add(self, start: int, end: int | None, free: int, service: int) -> None:
        self.starts.append(start)
        self.ends.append(-1 if end is None else end)
        self.frees.append(free)
        self.services.append(service)

    def sorted(self) -> _Runs:
        order = sorted(range(len(self.starts)), key=self.starts.__getitem__)
        ordered = _Runs()
        for column in _Runs.__slots__:
            values = getattr(self, column)
            getattr(ordered, column).extend(values[i] for i in order)
        return ordered


Answers = dict[int, list[tuple[Service, int]]]
"""For the questions that found room, by number: the services and their free places."""


class Facts(Protocol):
    """What the sweep reads of the facts of an audit (``_facts.Facts`` is one):
    named here, so that the facts can build the sweep without the sweep
    importing them back."""

    @property
    def registry(self) -> Registry: ...

    @property
    def services(self) -> Mapping[str, Service]: ...

    def region_of(self, municipality: str) -> str | None: ...

    def profile(self, service: Service) -> tuple[bool, bool] | None: ...

    def eligibility(self, service: Service) -> Eligibility: ...

    def free_places(self, service: str, day: date, home: str | None) -> int | None: ...

    def allows_residential_care(self, person: Person, day: date) -> bool: ...

    def spare_places(
        self, service: Service
    ) -> tuple[list[tuple[int, int]], int | None]: ...


class Vacancies:
    """Answers batches of :class:`Questions` from runs of free places per service."""

    def __init__(self, facts: Facts) -> None:
        self._facts = facts
        self._services: list[Service] = []
        self._plain: dict[Group, list[int]] = {}
        self._held: dict[Group, list[int]] = {}
        self._runs: dict[Group, _Runs] = {}
        self._eligibility: list[int] = []  # services sharing one share a number
        kinds: dict[Eligibility, int] = {}
        registry = facts.registry
        for service in facts.services.values():
            region = facts.region_of(service.municipality)
            profile = facts.profile(service)
            if region is None or profile is None or not service.capacity:
                continue
            index = len(self._services)
            self._services.append(service)
            kind = kinds.setdefault(facts.eligibility(service), len(kinds))
            self._eligibility.append(kind)
            held = registry.index.reservations_of(service.id)
            group = self._held if held else self._plain
            group.setdefault((False, region, profile), []).append(index)
            group.setdefault((True, service.municipality, profile), []).append(index)

    def answer(self, questions: Questions) -> Answers:
        """The services with a free place for the person, by id, per question.

        Only questions that found room are in the result.
        """
        answers: Answers = {}
        by_group: dict[Group, list[int]] = {}
        local = questions.within_municipality
        for number, (area, profile) in enumerate(
            zip(questions.regions, questions.profiles, strict=True)
        ):
            by_group.setdefault((local, area, profile), []).append(number)
        days = [day.toordinal() for day in questions.days]
        for group, numbers in by_group.items():
            numbers.sort(key=days.__getitem__)
            self._sweep(group, numbers, days, questions, answers)
            if group in self._held:
                for number in numbers:
                    self._ask_held(group, number, questions, answers)
        for found in answers.values():
            found.sort(key=lambda item: item[0].id)
        return answers

    def _sweep(
        self,
        group: Group,
        numbers: list[int],
        days: list[int],
        questions: Questions,
        answers: Answers,
    ) -> None:
        runs = self._runs_of(group)
        starts, ends, frees, services = (
            runs.starts,
            runs.ends,
            runs.frees,
            runs.services,
        )
        kinds = self._eligibility
        active_end: dict[int, int] = {}
        # services free now, by the number of their eligibility: one check for all
        active: dict[int, dict[int, int]] = {}
        ending: list[tuple[int, int]] = []  # a heap of (end, service) of the runs
        next_run, last = 0, len(starts)
        residential = group[2][0]
        for number in numbers:
            day = days[number]
            while next_run < last and starts[next_run] <= day:
                index, end = services[next_run], ends[next_run]
                active_end[index] = end
                active.setdefault(kinds[index], {})[index] = frees[next_run]
                if end >= 0:
                    heapq.heappush(ending, (end, index))
                next_run += 1
            while ending and ending[0][0] <= day:
                end, index = heapq.heappop(ending)
                if active_end.get(index) == end:  # not since replaced by a later run
                    del active_end[index], active[kinds[index]][index]
            if not active_end:
                continue
            person, when = questions.persons[number], questions.days[number]
            for free_now in active.values():
                if not free_now:
                    continue
                some = self._services[next(iter(free_now))]
                if self._admits(some, person, when, residential):
                    answers.setdefault(number, []).extend(
                        (self._services[index], free)
                        for index, free in free_now.items()
                    )

    def _ask_held(
        self,
        group: Group,
        number: int,
        questions: Questions,
        answers: Answers,
    ) -> None:
        person, day = questions.persons[number], questions.days[number]
        for index in self._held[group]:
            service = self._services[index]
            free = self._facts.free_places(service.id, day, person.home_on(day))
            if free is None:
                continue  # capacity not recorded yet on that day: not free
            if free > 0 and self._admits(service, person, day, group[2][0]):
                answers.setdefault(number, []).append((service, free))

    def _admits(
        self, service: Service, person: Person, day: date, residential: bool
    ) -> bool:
        if self._facts.eligibility(service).reasons(person, day):
            return False
        return not residential or self._facts.allows_residential_care(person, day)

    def _runs_of(self, group: Group) -> _Runs:
        runs = self._runs.get(group)
        if runs is None:
            collected = _Runs()
            for index in self._plain.get(group, ()):
                self._free_runs(index, collected)
            runs = self._runs[group] = collected.sorted()
        return runs

    def _free_runs(self, index: int, runs: _Runs) -> None:
        """Runs of days on which the service has the same, positive, number free."""
        spare, closes = self._facts.spare_places(self._services[index])
        current: tuple[int, int] | None = None  # (start, free) of the open run
        for day, free in spare:
            if current is not None and current[1] == free:
                continue
            if current is not None and current[1] > 0:
                runs.add(current[0], day, current[1], index)
            current = (day, free)
        if current is not None and current[1] > 0:
            runs.add(current[0], closes, current[1], index)
