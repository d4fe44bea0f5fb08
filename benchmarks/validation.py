"""Benchmark: validating a whole registry with the default rule catalogue.

For each size N (placements), a fresh Python process generates a synthetic,
Bulgaria-shaped registry from ``random.Random(seed)`` and measures
``validate(registry, on=2026-11-02)`` with every rule of ``DEFAULT_RULES``.

What is timed: ``validate()`` on a freshly built ``Registry``. The registry
builds its occupancy index lazily, on the first capacity question, and
``validate()`` is what asks it first (CAP001, the vacancy sweep of LOC, CHD
and SIB), so building that index is part of the timing: it is part of
validating a registry that was just loaded. Generating the data and building
the ``Registry`` are not timed into the budget (they are reported on their
own). Each run validates a new ``Registry`` (built outside the timing) and
the fastest of ``--repeat`` runs is reported (by default 3 up to 100,000
placements and 1 above), as timings on a shared machine are noisy. Peak RSS
is ``ru_maxrss`` of the process that measured that size: data, registry and
validation together.

The data, ten years of history (2016 to the audit day) in the real geography
(28 oblasts, 265 municipalities) and service types of
``socialservices.bulgaria``:

* services: about one per 100 placements, in municipalities drawn by
  population; children's types FTPC (residential, ages 3 to 17), FOSTER_CARE
  (family-based, 0 to 17), CSC and DAY_CENTRE (0 to 17), adults' types
  SHELTERED_HOME, TRANSITIONAL_HOME and CSRI (18 and over); 6 to 15 places,
  a fifth with one capacity change; most open since 2016-01-01 and
  open-ended, some opened later, a few closed;
* providers: every municipality; about a quarter of the services are run by
  NGOs, each holding licences for the type and target group in 5-year terms
  renewed back to back, and running the service under management contracts
  (municipality and NGO as parties) renewed back to back; about 2% of the
  services hold 1 or 2 places for a neighbouring municipality under an
  inter-municipal agreement;
* placements: every place of a service is a chain of stays from the day it
  opens, each stay ending on the day the next one starts, so no service is
  ever over capacity and places are never free, except for the one-day
  vacancies made below (the vacancy sweep of LOC, CHD002 and SIB001 thus sees
  few free runs: its best case); a child's stay ends by the 18th birthday;
  an end reason exactly when the stay has ended; the measure is residential
  care in FTPCs and a foster family in foster care (none for adults and day
  services);
* persons: one per stay, eligible on the start day (age and target group);
  about 72% live in the service's municipality, 20% elsewhere in its oblast
  and 8% in another oblast (mostly a neighbouring one); about 5% of the
  children's arrivals bring a sibling (same sibling group and home) into
  another place of the same service the same day; some people are
  transferred: the stay ends ``TRANSFERRED`` on the day the next one starts
  in another service of the oblast.

Problems injected, in proportion to size, each meant to make one finding
(``--no-problems`` leaves them out: the report then holds at most a few LIC002
notices of licences ending soon):

* 0.5% of the ended placements have no end reason (PLC008);
* 0.1% of the placements are old placements of a transfer closed 2 to 17
  weeks after the new one began: the person is placed twice (PLC001) and the
  old service is over capacity (CAP001);
* 0.1% of the placements are of a child who turns 18 during the stay, or is
  18 already on arrival (PLC006; PLC003 leaves the latter to it);
* 0.1% of the placements are of a person from another oblast whose home
  oblast had a free place that day in a service of the same type (LOC001),
  and 0.03% of a child placed in an FTPC while foster care in the home
  oblast had a free place (CHD002). The free place lasts that one day (a stay
  there ends early, a new person's begins the next day), on a day no other
  placement would see it;
* 4% of the licence chains of NGOs lapse 2 to 8 months before their renewal
  (LIC001), and 2% of the NGO-run services get a management contract 1 to 6
  months late (AGR003).

Run it from the repository root::

    python benchmarks/validation.py
    python benchmarks/validation.py --sizes 2000          # a smoke run for CI
    python benchmarks/validation.py --sizes 10000,100000 --repeat 5 --seed 7

``--one N`` measures a single size in this process (``--json`` prints the
result as JSON; that is how the driver calls itself).
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypedDict, cast

import attrs
from _harness import Fastest, environment, parser, peak_rss_mib, repeats, run, table

from socialservices import (
    DEFAULT_RULES,
    Agreement,
    AgreementKind,
    CapacityChange,
    Eligibility,
    EndReason,
    Geography,
    Licence,
    Measure,
    Party,
    PartyKind,
    Period,
    Person,
    Placement,
    Provider,
    ProviderKind,
    Registry,
    Reservation,
    Service,
    validate,
)
from socialservices.bulgaria import GEOGRAPHY, SERVICE_TYPES
from socialservices.examples import sofia_oblast

AUDIT_DAY = date(2026, 11, 2)
AUDIT = AUDIT_DAY.toordinal()
OPENING = date(2016, 1, 1).toordinal()
LAST_OPENING = date(2024, 1, 1).toordinal()

# About 100 placements per service: 6 to 15 places, each with a stay of
# 30 to 800 days after another from 2016 on.
SHORTEST_STAY, LONGEST_STAY = 30, 800
CHILDREN_SHARE = 0.65
CHILDREN_TYPES = (("FTPC", 40), ("FOSTER_CARE", 25), ("CSC", 20), ("DAY_CENTRE", 15))
ADULT_TYPES = (("SHELTERED_HOME", 45), ("TRANSITIONAL_HOME", 15), ("CSRI", 40))
LATE_OPENING_SHARE = 0.10
CLOSED_SHARE = 0.04
CAPACITY_CHANGE_SHARE = 0.20
NGO_SHARE = 0.25
SERVICES_PER_NGO = 3
RESERVED_SHARE = 0.02
HOME_MUNICIPALITY_SHARE = 0.72
HOME_OBLAST_SHARE = 0.20  # the rest, 8%, live in another oblast
NEIGHBOURING_OBLAST_SHARE = 0.8
SIBLING_SHARE = 0.05
TRANSFER_SHARE = 0.08  # of stays that end normally
TRANSFER_ON_CLOSING_SHARE = 0.5  # of stays ended by a closing or fewer places

NO_REASON_SHARE = 0.005
OVERLAP_SHARE = 0.001
TOO_OLD_SHARE = 0.001
AWAY_SHARE = 0.001
FOSTER_FREE_SHARE = 0.0003
LICENCE_LAPSE_SHARE = 0.04
CONTRACT_LAPSE_SHARE = 0.02

BUDGET_SIZE = 1_000_000
BUDGET_PER_SECOND = 100_000
TOP_CODES = 4

CHILD_REASONS = (
    (EndReason.RETURNED_TO_FAMILY,) * 9
    + (EndReason.PLACED_WITH_RELATIVES,) * 3
    + (EndReason.FOSTER_FAMILY,) * 3
    + (EndReason.ADOPTED,) * 2
    + (EndReason.OTHER,)
)
ADULT_REASONS = (
    (EndReason.INDEPENDENT_LIVING,) * 4
    + (EndReason.RETURNED_TO_FAMILY,) * 3
    + (EndReason.DECEASED,)
    + (EndReason.OTHER,)
)
NATURAL, AT_MAJORITY, CLOSING = 0, 1, 2  # how a stay ends
PROFILES = {t.code: (t.residential, t.family_based) for t in SERVICE_TYPES}
CHILDREN_CODES = frozenset(code for code, _ in CHILDREN_TYPES)


class Result(TypedDict):
    """What ``--one N --json`` prints."""

    placements: int
    services: int
    persons: int
    agreements: int
    licences: int
    findings: int
    by_code: dict[str, int]
    generate_s: float
    registry_s: float
    validate_s: float
    repeat: int
    placements_per_s: float
    peak_rss_mib: float


class OverlapResult(TypedDict):
    """One row of the overlapping-placements table."""

    overlapping: int
    findings: int
    plc001: int
    named: int
    validate_s: float


@dataclass(frozen=True)
class DataSet:
    """Everything a registry is built from."""

    geography: Geography
    providers: list[Provider]
    services: list[Service]
    persons: list[Person]
    placements: list[Placement]
    agreements: list[Agreement]


@dataclass(slots=True)
class _Stay:
    """A placement while it is made: ordinals and indexes, changed in place."""

    service: int
    start: int
    end: int | None
    person: int
    reason: EndReason | None
    how: int  # NATURAL, AT_MAJORITY or CLOSING


@dataclass
class _Plan:
    """A service while its places are filled."""

    number: int
    municipality: str
    oblast: str
    type: str
    children: bool
    min_age: int
    opens: int
    closes: int | None
    changes: list[tuple[int, int]]  # (day, places)
    provider: str = ""

    def slots(self) -> list[tuple[int, int | None]]:
        """For each place, the first day it exists and the day after its last."""
        (_, first), *later = self.changes
        spans: list[tuple[int, int | None]] = [(self.opens, self.closes)] * first
        for day, places in later:  # one change at most
            if places > first:
                spans += [(day, self.closes)] * (places - first)
            else:
                spans[places:] = [(self.opens, day)] * (first - places)
        return spans


def _years_before(day: int, years: int) -> int:
    """The ordinal of the same calendar day ``years`` earlier (29 Feb: 28 Feb)."""
    then = date.fromordinal(day)
    try:
        return then.replace(year=then.year - years).toordinal()
    except ValueError:
        return date(then.year - years, 2, 28).toordinal()


def _years_after(day: int, years: int) -> int:
    return _years_before(day, -years)


def _weighted(
    rng: random.Random, items: Sequence[str], cumulative: Sequence[float]
) -> str:
    return items[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


class _Generator:
    """Builds one data set; the phases run in ``__init__``'s order."""

    def __init__(self, size: int, seed: int, problems: bool) -> None:
        self.rng = random.Random(seed)  # the world
        self.trouble = random.Random(f"problems {seed}")  # what goes wrong in it
        self.size = size
        self.geography = GEOGRAPHY
        self.types = {service_type.code: service_type for service_type in SERVICE_TYPES}
        municipalities = GEOGRAPHY.municipalities
        self.codes = [m.code for m in municipalities]
        self.cumulative = list(
            itertools.accumulate(m.population or 1 for m in municipalities)
        )
        self.oblast_of = {m.code: m.region for m in municipalities}
        self.in_oblast: dict[str, tuple[list[str], list[float]]] = {}
        for region in GEOGRAPHY.regions:
            members = GEOGRAPHY.municipalities_in(region.code)
            self.in_oblast[region.code] = (
                [m.code for m in members],
                list(itertools.accumulate(m.population or 1 for m in members)),
            )
        self.oblasts = sorted(self.in_oblast)
        # persons, by index: birth ordinal, home, child?, sibling group, stays
        self.births: list[int] = []
        self.homes: list[str] = []
        self.is_child: list[bool] = []
        self.siblings: list[str | None] = []
        self.stays_of: list[int] = []
        self.sibling_groups = 0
        self.plans: list[_Plan] = []
        self.stays: list[_Stay] = []
        self.transfers: list[tuple[int, int]] = []  # (stay left, stay arrived)
        self.touched: set[int] = set()  # stays a problem was made of
        self.crowded: set[int] = set()  # services over capacity at times
        self.stays_in: dict[int, list[int]] = {}  # by service, for problems
        self.arrivals: dict[tuple[str, int], list[int]] = {}  # by (home oblast, day)

        self._fill_services()
        self._link_transfers()
        count = round(len(self.plans) * RESERVED_SHARE)
        self.reserved = self.rng.sample(self.plans, count)  # places held in them
        self.held = {plan.number for plan in self.reserved}
        if problems:
            self._inject()

    # -- services and their places ------------------------------------------

    def _plan(self, number: int) -> _Plan:
        rng = self.rng
        municipality = _weighted(rng, self.codes, self.cumulative)
        children = rng.random() < CHILDREN_SHARE
        kinds = CHILDREN_TYPES if children else ADULT_TYPES
        code = rng.choices([c for c, _ in kinds], [w for _, w in kinds])[0]
        min_age = (3 if self.types[code].residential else 0) if children else 18
        opens = OPENING
        if rng.random() < LATE_OPENING_SHARE:
            opens = rng.randint(OPENING, LAST_OPENING)
        closes = None
        if rng.random() < CLOSED_SHARE:
            closes = rng.randint(opens + 730, AUDIT - 180)
        places = rng.randint(6, 15)
        changes = [(opens, places)]
        if rng.random() < CAPACITY_CHANGE_SHARE:
            day = rng.randint(opens + 365, (closes or AUDIT) - 60)
            later = min(15, max(6, places + rng.choice((-3, -2, -1, 1, 2, 3))))
            if later != places:
                changes.append((day, later))
        return _Plan(
            number=number,
            municipality=municipality,
            oblast=self.oblast_of[municipality],
            type=code,
            children=children,
            min_age=min_age,
            opens=opens,
            closes=closes,
            changes=changes,
        )

    def _fill_services(self) -> None:
        while len(self.stays) < self.size:
            plan = self._plan(len(self.plans))
            self.plans.append(plan)
            self._fill(plan)

    def _home(self, plan: _Plan) -> str:
        rng = self.rng
        draw = rng.random()
        if draw < HOME_MUNICIPALITY_SHARE:
            return plan.municipality
        if draw < HOME_MUNICIPALITY_SHARE + HOME_OBLAST_SHARE:
            codes, cumulative = self.in_oblast[plan.oblast]
            for _ in range(4):
                home = _weighted(rng, codes, cumulative)
                if home != plan.municipality:
                    return home
            return plan.municipality
        near = sorted(self.geography.neighbouring_regions(plan.oblast))
        if near and rng.random() < NEIGHBOURING_OBLAST_SHARE:
            oblast = rng.choice(near)
        else:
            oblast = rng.choice(self.oblasts)
            if oblast == plan.oblast:
                return plan.municipality
        return _weighted(rng, *self.in_oblast[oblast])

    def _person(self, plan: _Plan, day: int, home: str, group: str | None) -> int:
        rng = self.rng
        oldest = 17 if plan.children else 64
        years = rng.randint(plan.min_age, oldest)
        latest = _years_before(day, years)
        birth = rng.randint(_years_before(day, years + 1) + 1, latest)
        self.births.append(birth)
        self.homes.append(home)
        self.is_child.append(plan.children)
        self.siblings.append(group)
        self.stays_of.append(0)
        return len(self.births) - 1

    def _stay(self, plan: _Plan, day: int, bound: int | None, person: int) -> int:
        """A stay from ``day`` of ``person``; it ends by ``bound``, or is open."""
        rng = self.rng
        end: int | None = day + rng.randint(SHORTEST_STAY, LONGEST_STAY)
        assert end is not None
        how = NATURAL
        if plan.children:
            adult = _years_after(self.births[person], 18)
            if adult <= end:
                end, how = adult, AT_MAJORITY
        if bound is not None and bound <= end:
            end, how = bound, CLOSING
        reason: EndReason | None
        if end > AUDIT:
            end, reason = None, None
        elif how == AT_MAJORITY:
            reason = EndReason.INDEPENDENT_LIVING
        elif how == CLOSING:
            reason = EndReason.TRANSFERRED
        else:
            reason = rng.choice(CHILD_REASONS if plan.children else ADULT_REASONS)
        self.stays.append(_Stay(plan.number, day, end, person, reason, how))
        self.stays_of[person] += 1
        return len(self.stays) - 1

    def _fill(self, plan: _Plan) -> None:
        """Chains of stays in every place, and siblings arriving together."""
        rng = self.rng
        spans = plan.slots()
        current = [-1] * len(spans)  # the stay in each place
        tokens = [0] * len(spans)  # a place's live event in the heap
        heap = [(start, slot, 0) for slot, (start, _) in enumerate(spans)]
        heapq.heapify(heap)
        while heap:
            day, slot, token = heapq.heappop(heap)
            if token != tokens[slot]:
                continue
            moving = [slot]
            group = None
            if plan.children and rng.random() < SIBLING_SHARE:
                other = self._free_for_sibling(spans, current, slot, day)
                if other is not None:
                    ended = self.stays[current[other]]
                    ended.end, ended.how = day, NATURAL
                    ended.reason = EndReason.RETURNED_TO_FAMILY
                    moving.append(other)
                    self.sibling_groups += 1
                    group = f"G-{self.sibling_groups:06d}"
            home = self._home(plan)
            for place in moving:
                person = self._person(plan, day, home, group)
                bound = spans[place][1]
                current[place] = stay = self._stay(plan, day, bound, person)
                end = self.stays[stay].end
                tokens[place] += 1
                if end is not None and (bound is None or end < bound):
                    heapq.heappush(heap, (end, place, tokens[place]))

    def _free_for_sibling(
        self,
        spans: list[tuple[int, int | None]],
        current: list[int],
        slot: int,
        day: int,
    ) -> int | None:
        """Another place whose stay began before ``day`` and runs past it."""
        for other in self.rng.sample(range(len(spans)), len(spans)):
            if other == slot or current[other] < 0:
                continue
            stay = self.stays[current[other]]
            bound = spans[other][1]
            end = stay.end
            if (
                stay.start < day
                and (end is None or end > day)
                and (bound is None or bound > day)
            ):
                return other
        return None

    # -- people moving between services -------------------------------------

    def _fits(self, person: int, stay: _Stay) -> bool:
        """Whether ``person`` is eligible for ``stay`` and a child leaves by 18."""
        plan = self.plans[stay.service]
        start = stay.start
        birth = self.births[person]
        if _years_after(birth, plan.min_age) > start:
            return False
        if not plan.children:
            return True
        adult = _years_after(birth, 18)
        end = stay.end
        return adult > AUDIT if end is None else end <= adult

    def _link_transfers(self) -> None:
        """Some stays end TRANSFERRED the day the same person's next one starts."""
        rng = self.rng
        arrivals: dict[tuple[str, bool, int], list[int]] = {}
        for number, stay in enumerate(self.stays):
            if self.siblings[stay.person] is None:
                plan = self.plans[stay.service]
                key = (plan.oblast, plan.children, stay.start)
                arrivals.setdefault(key, []).append(number)
        for number, stay in enumerate(self.stays):
            end, how = stay.end, stay.how
            if end is None or how == AT_MAJORITY:
                continue
            share = TRANSFER_ON_CLOSING_SHARE if how == CLOSING else TRANSFER_SHARE
            if rng.random() >= share:
                continue
            plan = self.plans[stay.service]
            found = arrivals.get((plan.oblast, plan.children, end))
            if not found:
                continue
            person = stay.person
            for _ in range(3):
                pick = rng.randrange(len(found))
                later = self.stays[found[pick]]
                if later.service != stay.service and self._fits(person, later):
                    self.stays_of[later.person] -= 1
                    later.person = person
                    self.stays_of[person] += 1
                    stay.reason = EndReason.TRANSFERRED
                    self.transfers.append((number, found[pick]))
                    found[pick] = found[-1]
                    found.pop()
                    break

    # -- problems -------------------------------------------------------------

    def _count(self, share: float, of: int) -> int:
        return max(1, round(share * of)) if of else 0

    def _inject(self) -> None:
        rng = self.trouble
        stays = self.stays
        total = len(stays)
        self._overlaps(self._count(OVERLAP_SHARE, total))
        self._room_nearby(self._count(AWAY_SHARE, total), foster=False)
        self._room_nearby(self._count(FOSTER_FREE_SHARE, total), foster=True)
        self._too_old(self._count(TOO_OLD_SHARE, total))
        ended = [
            n
            for n, stay in enumerate(stays)
            if stay.end is not None and n not in self.touched
        ]
        for number in rng.sample(ended, self._count(NO_REASON_SHARE, len(ended))):
            stays[number].reason = None

    def _alone(self, number: int) -> bool:
        """A stay of a person with no other stay and no sibling group."""
        person = self.stays[number].person
        return (
            self.stays_of[person] == 1
            and self.siblings[person] is None
            and number not in self.touched
        )

    def _overlaps(self, wanted: int) -> None:
        """The old placement of a transfer is closed weeks after the new began."""
        rng = self.trouble
        pairs = rng.sample(self.transfers, len(self.transfers))
        for left, arrived in pairs[: wanted * 3]:
            if wanted == 0:
                break
            stay = self.stays[left]
            plan = self.plans[stay.service]
            day = stay.end
            if day is None or self.stays[arrived].person != stay.person:
                continue  # the old stay went to someone else in a later transfer
            limit = min(AUDIT, day + rng.randint(14, 120))
            if plan.closes is not None:
                limit = min(limit, plan.closes)
            if plan.children:
                limit = min(limit, _years_after(self.births[stay.person], 18))
            if limit > day:
                stay.end = limit
                self.touched.add(left)
                self.crowded.add(stay.service)
                wanted -= 1

    def _too_old(self, wanted: int) -> None:
        """Children who turn 18 in care, or are 18 already when they arrive."""
        rng = self.trouble
        stays = self.stays
        for _ in range(wanted * 20):
            if wanted == 0:
                break
            number = rng.randrange(len(stays))
            stay = stays[number]
            if not self.plans[stay.service].children or not self._alone(number):
                continue
            start = stay.start
            last = AUDIT if stay.end is None else stay.end - 1
            if rng.random() < 1 / 3:  # 18 on arrival
                birth = _years_before(start, 18) - rng.randint(0, 200)
            elif last > start:  # 18 during the stay
                birth = _years_before(rng.randint(start + 1, last), 18)
                if _years_after(birth, 18) <= start:
                    continue
            else:
                continue
            self.births[stay.person] = birth
            self.touched.add(number)
            wanted -= 1

    def _room_nearby(self, wanted: int, *, foster: bool) -> None:
        """Placements made while a service closer to home had a free place.

        Without ``foster``: a person placed in another oblast while a service
        of the same type in the home oblast had room (LOC001). With it: a
        child placed in an FTPC while foster care in the home oblast had room
        (CHD002). The free place is there for that one day: a stay on it ends
        that day and a new person's begins the next. A day is taken only when
        no other placement starting that day, of someone from that oblast,
        would see the place too, so each problem makes one finding.
        """
        rng = self.trouble
        stays, plans = self.stays, self.plans
        if not self.stays_in:
            for number, stay in enumerate(stays):
                self.stays_in.setdefault(stay.service, []).append(number)
                self._arrive(number)
        by_type: dict[tuple[str, str], list[int]] = {}
        for plan in plans:
            by_type.setdefault((plan.type, plan.oblast), []).append(plan.number)
        oblasts = sorted({plan.oblast for plan in plans})
        for _ in range(wanted * 500):
            if wanted == 0:
                break
            number = rng.randrange(len(stays))
            stay = stays[number]
            plan = plans[stay.service]
            day = stay.start
            if day <= OPENING or not self._alone(number):
                continue
            if foster:
                if plan.type != "FTPC":
                    continue
                oblast = self.oblast_of[self.homes[stay.person]]
                wanted_type = "FOSTER_CARE"
            else:
                oblast = rng.choice(oblasts)
                wanted_type = plan.type
                if oblast == plan.oblast:
                    continue
            candidates = by_type.get((wanted_type, oblast))
            if not candidates or not self._quiet(oblast, day, wanted_type, number):
                continue
            there = plans[rng.choice(candidates)]
            if not self._free_day(there, day):
                continue
            if not foster:  # the person lives where the free place was
                self.arrivals[self.oblast_of[self.homes[stay.person]], day].remove(
                    number
                )
                self.homes[stay.person] = there.municipality
                self._arrive(number)
            self.touched.add(number)
            wanted -= 1

    def _arrive(self, number: int) -> None:
        stay = self.stays[number]
        oblast = self.oblast_of[self.homes[stay.person]]
        self.arrivals.setdefault((oblast, stay.start), []).append(number)

    def _quiet(self, oblast: str, day: int, code: str, number: int) -> bool:
        """No one else from ``oblast`` arrives on ``day`` asking about ``code``."""
        profile, children = PROFILES[code], code in CHILDREN_CODES
        for other in self.arrivals.get((oblast, day), ()):
            plan = self.plans[self.stays[other].service]
            if other == number or plan.children != children:
                continue  # an adult is not asked about children's services
            if PROFILES[plan.type] == profile:
                return False  # LOC001, LOC002
            if code == "FOSTER_CARE" and PROFILES[plan.type][0]:
                return False  # CHD002
        return True

    def _free_day(self, plan: _Plan, day: int) -> bool:
        """End a stay of ``plan``'s on ``day``; another person's starts the next."""
        rng = self.trouble
        stays = self.stays
        if plan.number in self.held or plan.number in self.crowded:
            return False  # a free place might be held, or taken twice
        covering = [
            number
            for number in self.stays_in[plan.number]
            if stays[number].start < day
            and ((end := stays[number].end) is None or end > day + 1)
            and number not in self.touched
        ]
        if not covering:
            return False
        number = rng.choice(covering)
        there = stays[number]
        person = there.person
        self.births.append(self.births[person])  # of an age to stay as long
        self.homes.append(self.homes[person])
        self.is_child.append(self.is_child[person])
        self.siblings.append(None)
        self.stays_of.append(1)
        stays.append(
            _Stay(
                plan.number,
                day + 1,
                there.end,
                len(self.births) - 1,
                there.reason,
                there.how,
            )
        )
        self.stays_in[plan.number].append(len(stays) - 1)
        self._arrive(len(stays) - 1)
        there.end, there.how = day, NATURAL
        there.reason = rng.choice(CHILD_REASONS if plan.children else ADULT_REASONS)
        self.touched.update((number, len(stays) - 1))
        return True

    # -- providers and agreements ---------------------------------------------

    def providers_and_agreements(
        self, problems: bool
    ) -> tuple[list[Provider], list[Agreement]]:
        rng = self.rng
        providers = [
            Provider(
                id=f"P-{m.code}",
                name=f"Община {m.name}",
                kind=ProviderKind.MUNICIPALITY,
            )
            for m in self.geography.municipalities
        ]
        for plan in self.plans:
            plan.provider = f"P-{plan.municipality}"
        run = [plan for plan in self.plans if rng.random() < NGO_SHARE]
        ngos = max(1, len(run) // SERVICES_PER_NGO)
        held: dict[int, list[_Plan]] = {}
        for plan in run:
            ngo = rng.randrange(ngos)
            plan.provider = f"NGO-{ngo:05d}"
            held.setdefault(ngo, []).append(plan)
        chains = sorted(
            {
                (ngo, plan.type, plan.children)
                for ngo, plans in held.items()
                for plan in plans
            }
        )
        lapsing = set(
            self.trouble.sample(
                chains, self._count(LICENCE_LAPSE_SHARE, len(chains)) if problems else 0
            )
        )
        licences: dict[int, list[Licence]] = {}
        issued = 0
        for ngo, code, children in chains:
            first = min(
                p.opens for p in held[ngo] if p.type == code and p.children == children
            )
            lapse = (ngo, code, children) in lapsing
            for start, end in self._terms(first, 5, lapse, (60, 240)):
                issued += 1
                licences.setdefault(ngo, []).append(
                    Licence(
                        number=f"L-{issued:06d}",
                        service_type=code,
                        target_group="children" if children else "adults",
                        period=Period(
                            start=date.fromordinal(start), end=date.fromordinal(end)
                        ),
                    )
                )
        for ngo in sorted(held):
            providers.append(
                Provider(
                    id=f"NGO-{ngo:05d}",
                    name=f"Сдружение „Грижа {ngo}“",
                    kind=ProviderKind.NGO,
                    licences=licences.get(ngo, ()),
                )
            )
        agreements: list[Agreement] = []
        late = set(
            self.trouble.sample(
                range(len(run)),
                self._count(CONTRACT_LAPSE_SHARE, len(run)) if problems else 0,
            )
        )
        for i, plan in enumerate(run):
            for start, end in self._terms(
                plan.opens, rng.randint(3, 5), i in late, (30, 180), plan.closes
            ):
                agreements.append(
                    Agreement(
                        id=f"MC-{len(agreements) + 1:06d}",
                        kind=AgreementKind.MANAGEMENT_CONTRACT,
                        title=f"Договор за управление на услуга S-{plan.number:06d}",
                        parties=[
                            Party(
                                kind=PartyKind.MUNICIPALITY,
                                id=plan.municipality,
                                role="възложител",
                            ),
                            Party(
                                kind=PartyKind.PROVIDER,
                                id=plan.provider,
                                role="изпълнител",
                            ),
                        ],
                        period=Period(
                            start=date.fromordinal(start), end=date.fromordinal(end)
                        ),
                        services={f"S-{plan.number:06d}"},
                    )
                )
        agreements.extend(self._inter_municipal())
        return providers, agreements

    def _terms(
        self,
        first: int,
        years: int,
        lapse: bool,
        gap: tuple[int, int],
        until: int | None = None,
    ) -> list[tuple[int, int]]:
        """Back-to-back terms from ``first`` until past the audit (or ``until``)."""
        terms: list[tuple[int, int]] = []
        start = first
        lapsed = not lapse
        horizon = AUDIT if until is None else min(until, AUDIT)
        while True:
            end = _years_after(start, years)
            terms.append((start, end))
            if end > horizon:
                return terms
            start = end
            if not lapsed and end + gap[1] < horizon:
                start += self.trouble.randint(*gap)
                lapsed = True

    def _inter_municipal(self) -> list[Agreement]:
        rng = self.rng
        agreements: list[Agreement] = []
        for plan in self.reserved:
            same = [
                code
                for code in self.in_oblast[plan.oblast][0]
                if code != plan.municipality
            ]
            if not same:
                continue
            near = sorted(
                self.geography.neighbouring_municipalities(plan.municipality)
                & set(same)
            )
            partner = rng.choice(near or same)
            start = rng.randint(max(plan.opens, OPENING + 365), LAST_OPENING)
            start = max(plan.opens, date.fromordinal(start).replace(day=1).toordinal())
            end = None if rng.random() < 0.3 else _years_after(start, 4)
            if plan.closes is not None:
                end = plan.closes if end is None else min(end, plan.closes)
                if end <= start:
                    continue
            service = f"S-{plan.number:06d}"
            agreements.append(
                Agreement(
                    id=f"IMA-{len(agreements) + 1:05d}",
                    kind=AgreementKind.INTER_MUNICIPAL,
                    title=f"Споразумение {plan.municipality} – {partner}",
                    parties=[
                        Party(kind=PartyKind.MUNICIPALITY, id=plan.municipality),
                        Party(kind=PartyKind.MUNICIPALITY, id=partner),
                    ],
                    period=Period(
                        start=date.fromordinal(start),
                        end=None if end is None else date.fromordinal(end),
                    ),
                    services={service},
                    reservations=[
                        Reservation(
                            service=service,
                            for_municipality=partner,
                            places=rng.randint(1, 2),
                        )
                    ],
                )
            )
        return agreements

    # -- values -----------------------------------------------------------------

    def services(self) -> list[Service]:
        children = frozenset({"children"})
        adults = frozenset({"adults"})
        eligibility = {
            (True, 0): Eligibility(target_groups=children, max_age=17),
            (True, 3): Eligibility(target_groups=children, min_age=3, max_age=17),
            (False, 18): Eligibility(target_groups=adults, min_age=18),
        }
        return [
            Service(
                id=f"S-{plan.number:06d}",
                name=f"{self.types[plan.type].name} {plan.number}",
                type=plan.type,
                provider=plan.provider,
                municipality=plan.municipality,
                operating=Period(
                    start=date.fromordinal(plan.opens),
                    end=None if plan.closes is None else date.fromordinal(plan.closes),
                ),
                capacity=[
                    CapacityChange(effective=date.fromordinal(day), places=places)
                    for day, places in plan.changes
                ],
                eligibility=eligibility[plan.children, plan.min_age],
            )
            for plan in self.plans
        ]

    def persons_and_placements(self) -> tuple[list[Person], list[Placement]]:
        groups = {True: frozenset({"children"}), False: frozenset({"adults"})}
        ids: list[str] = []
        persons: list[Person] = []
        for number, birth in enumerate(self.births):
            if not self.stays_of[number]:
                ids.append("")
                continue
            ids.append(f"C-{len(persons) + 1:07d}")
            persons.append(
                Person(
                    id=ids[-1],
                    birth_date=date.fromordinal(birth),
                    home_municipality=self.homes[number],
                    sibling_group=self.siblings[number],
                    target_groups=groups[self.is_child[number]],
                )
            )
        measures = {"FTPC": Measure.RESIDENTIAL, "FOSTER_CARE": Measure.FOSTER_FAMILY}
        services = [f"S-{plan.number:06d}" for plan in self.plans]
        kinds = [
            measures.get(plan.type) if plan.children else None for plan in self.plans
        ]
        fromordinal = date.fromordinal
        placements = []
        for number, stay in enumerate(self.stays):
            end = stay.end
            placements.append(
                Placement(
                    id=f"PL-{number + 1:07d}",
                    person=ids[stay.person],
                    service=services[stay.service],
                    period=Period(
                        start=fromordinal(stay.start),
                        end=None if end is None else fromordinal(end),
                    ),
                    measure=kinds[stay.service],
                    end_reason=stay.reason,
                )
            )
        return persons, placements


def generate(size: int, seed: int, problems: bool = True) -> DataSet:
    """A deterministic data set with about ``size`` placements (whole services)."""
    made = _Generator(size, seed, problems)
    providers, agreements = made.providers_and_agreements(problems)
    persons, placements = made.persons_and_placements()
    # Exports rarely arrive in id order: shuffle, so the registry has to sort.
    made.rng.shuffle(persons)
    made.rng.shuffle(placements)
    return DataSet(
        geography=made.geography,
        providers=providers,
        services=made.services(),
        persons=persons,
        placements=placements,
        agreements=agreements,
    )


def _registry(data: DataSet) -> Registry:
    return Registry(
        geography=data.geography,
        providers=data.providers,
        service_types=SERVICE_TYPES,
        services=data.services,
        persons=data.persons,
        placements=data.placements,
        agreements=data.agreements,
    )


def measure(size: int, seed: int, repeat: int, problems: bool = True) -> Result:
    """Generate one data set of about ``size`` placements and validate it."""
    started = time.perf_counter()
    data = generate(size, seed, problems)
    generate_s = time.perf_counter() - started

    best = Fastest()
    report = None
    for _ in repeats(repeat):
        registry = report = None  # free the last run's before the next
        with best("registry"):
            registry = _registry(data)
        with best("validate"):  # the occupancy index is built in here
            report = validate(registry, on=AUDIT_DAY, rules=DEFAULT_RULES)
    assert report is not None
    registry_s, validate_s = best["registry"], best["validate"]

    counts = Counter(finding.code for finding in report)
    placements = len(data.placements)
    return Result(
        placements=placements,
        services=len(data.services),
        persons=len(data.persons),
        agreements=len(data.agreements),
        licences=sum(len(provider.licences) for provider in data.providers),
        findings=len(report),
        by_code=dict(sorted(counts.items())),
        generate_s=generate_s,
        registry_s=registry_s,
        validate_s=validate_s,
        repeat=repeat,
        placements_per_s=placements / validate_s if validate_s > 0 else math.inf,
        peak_rss_mib=peak_rss_mib(),
    )


def measure_overlaps(size: int) -> OverlapResult:
    """One person with ``size`` placements that all overlap, in the Sofia scenario.

    The worst case for the overlap rule: every pair of stays shares days.
    Reported once per run of overlapping stays, the rule gives one finding
    however large ``size`` is; pair by pair it gave size × (size − 1) / 2.
    """
    base = sofia_oblast()
    first = base.placements[0]
    stays = [
        attrs.evolve(
            first,
            id=f"PL-OVERLAP-{i:07}",
            period=Period(start=first.period.start + timedelta(days=i % 365)),
        )
        for i in range(size)
    ]
    registry = attrs.evolve(base, placements=[*base.placements, *stays])
    started = time.perf_counter()
    report = validate(registry, on=AUDIT_DAY, rules=DEFAULT_RULES)
    validate_s = time.perf_counter() - started
    overlaps = report.by_code().get("PLC001", ())
    return OverlapResult(
        overlapping=size,
        findings=len(report),
        plc001=len(overlaps),
        named=max((len(f.subjects) for f in overlaps), default=0),
        validate_s=validate_s,
    )


OVERLAP_COLUMNS = (
    "overlapping placements of one person",
    "findings",
    "PLC001 findings",
    "subjects of the PLC001 finding",
    "validate (s)",
)


def _overlaps_table(results: list[OverlapResult]) -> str:
    return table(
        OVERLAP_COLUMNS,
        [
            [
                f"{r['overlapping']:,}",
                f"{r['findings']:,}",
                f"{r['plc001']:,}",
                f"{r['named']:,}",
                f"{r['validate_s']:.2f}",
            ]
            for r in results
        ],
    )


def _repeats(size: int, repeat: int) -> int:
    """``repeat``, or by default 3 runs up to 100,000 placements and 1 above."""
    if repeat > 0:
        return repeat
    return 3 if size <= 100_000 else 1


def _top(by_code: dict[str, int]) -> str:
    ranked = sorted(by_code.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{code} {n:,}" for code, n in ranked[:TOP_CODES]) or "none"


COLUMNS = (
    "placements",
    "services",
    "persons",
    "agreements",
    "licences",
    "findings",
    "top codes",
    "generate (s)",
    "Registry (s)",
    "validate (s)",
    "placements/s",
    "peak RSS (MiB)",
)


def _table(results: list[Result]) -> str:
    rows = [
        [
            f"{r['placements']:,}",
            f"{r['services']:,}",
            f"{r['persons']:,}",
            f"{r['agreements']:,}",
            f"{r['licences']:,}",
            f"{r['findings']:,}",
            _top(r["by_code"]),
            f"{r['generate_s']:.2f}",
            f"{r['registry_s']:.2f}",
            f"{r['validate_s']:.2f}",
            f"{r['placements_per_s']:,.0f}",
            f"{r['peak_rss_mib']:,.0f}",
        ]
        for r in results
    ]
    return table(COLUMNS, rows, left=[COLUMNS.index("top codes")])


def _codes_table(results: list[Result]) -> str:
    codes = sorted({code for r in results for code in r["by_code"]})
    columns = ["code", *(f"{r['placements']:,}" for r in results)]
    rows = [
        [code, *(f"{r['by_code'].get(code, 0):,}" for r in results)] for code in codes
    ]
    return table(columns, rows, left=[0])


def _growth(results: list[Result]) -> str:
    steps: list[str] = []
    for before, after in itertools.pairwise(results):
        n0, n1 = before["placements"], after["placements"]
        time_ratio = after["validate_s"] / before["validate_s"]
        size_ratio = n1 / n0
        steps.append(
            f"{n0:,} → {n1:,}: validate ×{time_ratio:.2f} for ×{size_ratio:.2f} "
            f"the placements (ratio {time_ratio / size_ratio:.2f})"
        )
    if not steps:
        return "Growth: (needs two sizes or more)"
    return "Growth of validate time against n (ratio near 1: linear): " + "; ".join(
        steps
    )


def main(argv: list[str] | None = None) -> int:
    command = parser(
        "Benchmark validate() of socialservices with the default rules.",
        noun="placements",
        sizes=[10_000, 100_000, 1_000_000],
        minimum=100,
        repeat=0,
        repeat_help=(
            "validations per size, each of a new Registry; the fastest is reported "
            "(default: 3 up to 100,000 placements, 1 above)"
        ),
    )
    command.add_argument("--seed", type=int, default=1, help="random seed")
    command.add_argument(
        "--problems",
        type=int,
        choices=(0, 1),
        default=1,
        help="1 (default) to inject problems, 0 for clean data",
    )
    command.add_argument(
        "--no-problems",
        dest="problems",
        action="store_const",
        const=0,
        help="clean data: the same as --problems 0",
    )
    args = command.parse_args(argv)
    seed, repeat = cast(int, args.seed), cast(int, args.repeat)
    problems = bool(args.problems)

    results = run(
        args,
        __file__,
        lambda size: measure(size, seed, _repeats(size, repeat), problems),
        noun="placements",
        options={"seed": seed, "repeat": repeat, "problems": int(problems)},
    )
    if results is None:
        return 0
    if args.one is not None:
        print(_table(results))
        return 0

    sizes = cast(list[int], args.sizes)
    print(
        environment(
            f"Seed {seed}, audit on {AUDIT_DAY}, {len(DEFAULT_RULES)} rules, "
            f"{'with' if problems else 'without'} injected problems",
            "validate (s): the fastest of "
            + ", ".join(f"{_repeats(size, repeat)}" for size in sizes)
            + " runs per size, occupancy index included",
        )
    )
    print()
    print(_table(results))
    print()
    print("Findings by code:")
    print()
    print(_codes_table(results))
    print()
    print(_growth(results))
    print()
    print(
        "One person with many overlapping placements (the Sofia scenario, "
        "all rules): one PLC001 finding per run of overlapping stays"
    )
    print()
    overlap_sizes = sorted({max(size // 4, 1) for size in sizes} | set(sizes))
    print(_overlaps_table([measure_overlaps(size) for size in overlap_sizes]))
    for result in results:
        if result["placements"] >= BUDGET_SIZE:
            rate = result["placements_per_s"]
            verdict = "within" if rate >= BUDGET_PER_SECOND else "OVER"
            print(
                f"Budget: {rate:,.0f} placements/s validating "
                f"{result['placements']:,} placements, {verdict} the budget of "
                f"{BUDGET_PER_SECOND:,} placements/s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
