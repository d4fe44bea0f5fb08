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
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from .._person import Person
from .._service import Service
from ._facts import ineligibility

if TYPE_CHECKING:
    from ._facts import Facts

__all__ = ["Query", "Vacancies"]

Profile = tuple[bool, bool]
"""Whether a service type is residential, and whether it is family-based."""


class Query(NamedTuple):
    """Services of ``profile`` in ``region`` with a place for ``person`` on ``day``."""

    day: date
    region: str
    profile: Profile
    person: Person


class _Run(NamedTuple):
    start: int
    end: int | None
    free: int
    service: int


class Vacancies:
    """Answers :class:`Query` batches from runs of free places per service."""

    def __init__(self, facts: Facts) -> None:
        self._facts = facts
        self._services: list[Service] = []
        self._plain: dict[tuple[str, Profile], list[int]] = {}
        self._held: dict[tuple[str, Profile], list[int]] = {}
        self._runs: dict[tuple[str, Profile], list[_Run]] = {}
        registry = facts.registry
        for service in facts.services.values():
            region = facts.region_of(service.municipality)
            profile = facts.profile(service)
            if region is None or profile is None or not service.capacity:
                continue
            index = len(self._services)
            self._services.append(service)
            held = registry._reservations_of(service.id)
            group = self._held if held else self._plain
            group.setdefault((region, profile), []).append(index)

    def answer(self, queries: Sequence[Query]) -> list[list[tuple[Service, int]]]:
        """For each query, the services with a free place for the person, by id."""
        answers: list[list[tuple[Service, int]]] = [[] for _ in queries]
        by_group: dict[tuple[str, Profile], list[int]] = {}
        for number, query in enumerate(queries):
            by_group.setdefault((query.region, query.profile), []).append(number)
        for group, numbers in by_group.items():
            numbers.sort(key=lambda number: queries[number].day)
            self._sweep(group, numbers, queries, answers)
            for number in numbers:
                self._ask_held(group, queries[number], answers[number])
                answers[number].sort(key=lambda found: found[0].id)
        return answers

    def _sweep(
        self,
        group: tuple[str, Profile],
        numbers: list[int],
        queries: Sequence[Query],
        answers: list[list[tuple[Service, int]]],
    ) -> None:
        runs = self._runs_of(group)
        active: dict[int, tuple[int | None, int]] = {}
        next_run = 0
        for number in numbers:
            query = queries[number]
            day = query.day.toordinal()
            while next_run < len(runs) and runs[next_run].start <= day:
                run = runs[next_run]
                active[run.service] = (run.end, run.free)
                next_run += 1
            expired = []
            for index, (end, free) in active.items():
                if end is not None and end <= day:
                    expired.append(index)
                    continue
                service = self._services[index]
                if self._admits(service, query):
                    answers[number].append((service, free))
            for index in expired:
                del active[index]

    def _ask_held(
        self,
        group: tuple[str, Profile],
        query: Query,
        answer: list[tuple[Service, int]],
    ) -> None:
        home = query.person.home_municipality
        for index in self._held.get(group, ()):
            service = self._services[index]
            free = self._facts.free_places(service.id, query.day, home)
            if free > 0 and self._admits(service, query):
                answer.append((service, free))

    def _admits(self, service: Service, query: Query) -> bool:
        if ineligibility(service.eligibility, query.person, query.day):
            return False
        residential = query.profile[0]
        policy = self._facts.policy
        return not residential or policy.allows_residential_care(
            query.person, query.day
        )

    def _runs_of(self, group: tuple[str, Profile]) -> list[_Run]:
        runs = self._runs.get(group)
        if runs is None:
            runs = []
            for index in self._plain.get(group, ()):
                runs.extend(self._free_runs(index))
            runs.sort(key=lambda run: (run.start, run.service))
            self._runs[group] = runs
        return runs

    def _free_runs(self, index: int) -> list[_Run]:
        """Runs of days on which the service has the same, positive, number free."""
        service = self._services[index]
        days, taken = self._facts.occupancy_steps(service.id)
        opens = service.operating.start.toordinal()
        closes = (
            None if service.operating.end is None else service.operating.end.toordinal()
        )
        changes = [(c.effective.toordinal(), c.places) for c in service.capacity]
        points = sorted({opens, *(d for d, _ in changes), *days})
        runs: list[_Run] = []
        places = occupied = 0
        next_change = next_step = 0
        current: tuple[int, int] | None = None  # (start, free) of the open run
        for day in points:
            if closes is not None and day >= closes:
                break
            while next_change < len(changes) and changes[next_change][0] <= day:
                places = changes[next_change][1]
                next_change += 1
            while next_step < len(days) and days[next_step] <= day:
                occupied = taken[next_step]
                next_step += 1
            if day < opens:
                continue
            free = places - occupied
            if current is not None and current[1] == free:
                continue
            if current is not None and current[1] > 0:
                runs.append(_Run(current[0], day, current[1], index))
            current = (day, free)
        if current is not None and current[1] > 0:
            runs.append(_Run(current[0], closes, current[1], index))
        return runs
