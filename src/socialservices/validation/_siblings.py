"""SIB: siblings kept together where a service close to home had room for all."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator
from datetime import date

from .._person import Person
from .._service import Service
from ._facts import Facts, Stay
from ._finding import Entity, Finding, Severity
from ._location import closest_first
from ._rule import Rule
from ._vacancies import Questions

__all__ = ["RULES"]


class _Split:
    """Siblings in more than one service from ``day`` on."""

    def __init__(self, group: str, day: date, stays: list[Stay], first: Stay) -> None:
        self.group, self.day, self.stays, self.first = group, day, stays, first


def _splits(facts: Facts) -> Iterator[_Split]:
    groups: dict[str, list[Person]] = {}
    for person in facts.persons.values():
        if person.sibling_group is not None:
            groups.setdefault(person.sibling_group, []).append(person)
    for group, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        stays = [
            stay
            for person in members
            for stay in facts.stays_of(person.id)
            if stay.service is not None and stay.service_type is not None
        ]
        yield from _split_days(group, stays)


def _site(stay: Stay) -> str:
    """The id of the service of a stay that is in one (as the splits keep)."""
    assert stay.service is not None
    return stay.service.id


def _split_days(group: str, stays: list[Stay]) -> Iterator[_Split]:
    """Each day a stay of the group starts on while its stays are in more than
    one service: a sweep in order of start, keeping the stays that hold a place."""
    order = sorted(
        range(len(stays)),
        key=lambda i: (stays[i].placement.period.start, stays[i].placement.id),
    )
    active: set[int] = set()  # positions in ``stays`` holding a place on the day
    ends: list[tuple[date, int]] = []  # a heap of the ends of the active stays
    services: Counter[str] = Counter()  # the services of the active stays
    k = 0
    while k < len(order):
        started = stays[order[k]]
        day = started.placement.period.start
        while k < len(order) and stays[order[k]].placement.period.start == day:
            i = order[k]
            period = stays[i].placement.period
            if period.end is None or period.end > day:
                active.add(i)
                heapq.heappush(ends, (period.end or date.max, i))
                services[_site(stays[i])] += 1
            k += 1
        while ends and ends[0][0] <= day:
            _, i = heapq.heappop(ends)
            if i in active:
                active.discard(i)
                service = _site(stays[i])
                services[service] -= 1
                if not services[service]:
                    del services[service]
        if len(services) > 1:
            yield _Split(group, day, [stays[i] for i in sorted(active)], started)


def _apart(rule: Rule, facts: Facts) -> Iterator[Finding]:
    splits: list[_Split] = []
    questions = Questions()
    for split in _splits(facts):
        first = split.first
        assert first.person is not None
        assert first.service_type is not None
        region = facts.region_of(first.person.home_on(split.day))
        if region is None:
            continue
        profile = (first.service_type.residential, first.service_type.family_based)
        splits.append(split)
        for stay in split.stays:
            assert stay.person is not None
            questions.ask(split.day, region, profile, stay.person)
    answers = facts.vacancies.answer(questions)
    number = 0
    for split in splits:
        per_sibling = []
        for _ in split.stays:
            per_sibling.append({s.id: (s, n) for s, n in answers.get(number, ())})
            number += 1
        common = set(per_sibling[0]).intersection(*per_sibling[1:])
        room: list[tuple[Service, int]] = []
        for service_id in sorted(common):
            service, free = per_sibling[0][service_id]
            inside = sum(1 for s in split.stays if s.placement.service == service_id)
            if free + inside >= len(split.stays):
                room.append((service, free))
        if not room:
            continue
        assert split.first.person is not None
        home = split.first.person.home_on(split.day)
        closest = closest_first(facts, home, room)
        where = sorted({_site(s) for s in split.stays})
        yield rule.finding(
            f"siblings of group {split.group} were in {len(where)} services from "
            f"{split.day} ({', '.join(where)}) while "
            f"{', '.join(item.service for item in closest)} had room for all "
            f"{len(split.stays)}",
            *((Entity.PLACEMENT, s.placement.id) for s in split.stays),
            *((Entity.SERVICE, item.service) for item in closest),
            fields=["Person.sibling_group", "Placement.service"],
            on=split.day,
            free_places=closest,
        )


RULES = (
    Rule(
        code="SIB001",
        title="Siblings were split while one service had room for all",
        severity=Severity.WARNING,
        rationale="Brothers and sisters are placed together unless that harms one "
        "of them. When siblings came to be in different services, one service of "
        "the same kind in their home region admitted all of them and had room "
        "for all of them.",
        check=_apart,
    ),
)
