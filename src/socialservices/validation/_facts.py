"""What rules read: a registry, the audit date, the child policy, and indexes built once.

Every index is built on first use and shared by all the rules of one
validation, so the whole catalogue makes a few linear passes over the data
rather than one per rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from functools import cached_property
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from .. import _checks
from .._age import whole_years
from .._agreement import Agreement, AgreementKind
from .._child_policy import ChildPolicy
from .._errors import InvalidValueError
from .._geography import Municipality
from .._period import Period
from .._person import Person
from .._placement import Placement
from .._provider import Provider
from .._registry import Registry
from .._service import (
    Eligibility,
    Ineligibility,
    Service,
    ServiceType,
    eligibility_within,
    operating_as_known,
)
from ._look_alike import look_alikes, skeleton
from ._vacancies import Vacancies

__all__ = ["Facts", "Stay", "age", "ineligibility", "shifted"]


age = whole_years
"""Age in whole years: :func:`socialservices.age_on` without its checks."""


def ineligibility(
    eligibility: Eligibility, person: Person, day: date
) -> tuple[Ineligibility, ...]:
    """:meth:`Eligibility.check` without its argument checks."""
    return eligibility.reasons(person, day)


def shifted(day: date, term: relativedelta | timedelta) -> date:
    """``day + term``, or the calendar's last (or first) day when that lies beyond it.

    Rules look ahead and back from dates a user gives; no such date may make
    a rule fail.

    >>> shifted(date(9999, 10, 1), relativedelta(months=3))
    datetime.date(9999, 12, 31)
    >>> shifted(date(1, 1, 1), timedelta(days=-1))
    datetime.date(1, 1, 1)
    """
    try:
        return day + term
    except (ValueError, OverflowError):  # beyond year 9999 or before year 1
        return date.max if _forwards(term) else date.min


def _forwards(term: relativedelta | timedelta) -> bool:
    if isinstance(term, timedelta):
        return term >= timedelta(0)
    months = term.years * 12 + term.months
    return months > 0 or (months == 0 and term.days >= 0)


def _wrong(function: str, name: str, value: object, kind: str) -> InvalidValueError:
    return InvalidValueError(function, name, value, "wrong_type", f"must be a {kind}")


class Stay(NamedTuple):
    """A placement with what it refers to, where the references resolve."""

    placement: Placement
    person: Person | None
    service: Service | None
    service_type: ServiceType | None


class Facts:
    """What a rule reads: the registry, the audit date and the child policy.

    ``on`` is the date of the audit, or ``None``. Rules about "soon" (a
    licence about to end) need it and report nothing without it; rules about
    a future that open-ended data cannot settle (a child coming of age in an
    open-ended placement) look no further than ``on``.

    The indexes are built on first use and shared by every rule of a
    validation. They follow the registry's own look-up convention: for a
    duplicated id, the first in id order.

    .. versionadded:: 0.2
    """

    def __init__(
        self, registry: Registry, *, on: date | None, policy: ChildPolicy
    ) -> None:
        _checks.argument("Facts", "registry", registry, Registry)
        if on is not None:
            _checks.date_argument("Facts", "on", on)
        _checks.argument("Facts", "policy", policy, ChildPolicy)
        self.registry = registry
        self.on = on
        self.policy = policy
        self._chosen: list[int] = []  # see _stays_by_person
        self._look_alikes: dict[str, Mapping[str, str]] = {}  # see look_alike

    # -- look-ups -------------------------------------------------------------

    @cached_property
    def providers(self) -> Mapping[str, Provider]:
        """Providers by id."""
        return self.registry.index.providers_by_id

    @cached_property
    def service_types(self) -> Mapping[str, ServiceType]:
        """Service types by code."""
        return self.registry.index.service_types_by_code

    @cached_property
    def services(self) -> Mapping[str, Service]:
        """Services by id."""
        return self.registry.index.services_by_id

    @cached_property
    def persons(self) -> Mapping[str, Person]:
        """Persons by id."""
        return self.registry.index.persons_by_id

    @cached_property
    def municipalities(self) -> Mapping[str, Municipality]:
        """Municipalities of the geography by code."""
        return self.registry.geography.municipalities_by_code

    @cached_property
    def regions(self) -> frozenset[str]:
        """Codes of the geography's regions."""
        return frozenset(region.code for region in self.registry.geography.regions)

    def region_of(self, municipality: str) -> str | None:
        """The region of a known municipality, else ``None``.

        Raises:
            InvalidValueError: ``municipality`` is not a string.
        """
        try:
            found = self.municipalities.get(municipality)
        except TypeError:  # unhashable
            found = None
        if found is None and not isinstance(municipality, str):
            raise _wrong("Facts.region_of", "municipality", municipality, "string")
        return None if found is None else found.region

    def look_alike(self, what: str, known: Iterable[object], id: str) -> str | None:
        """A known id that differs from ``id`` only by look-alike letters, or ``None``.

        ``what`` names the collection ``known`` holds (``"service"``, ...); its
        index of skeletons is built once per validation, on first use.

        Raises:
            InvalidValueError: ``what`` is not a string.
        """
        if not isinstance(what, str):
            raise _wrong("Facts.look_alike", "what", what, "string")
        index = self._look_alikes.get(what)
        if index is None:
            index = self._look_alikes[what] = look_alikes(known)
        found = index.get(skeleton(id)) if isinstance(id, str) else None
        return None if found == id else found

    def allows_residential_care(self, person: Person, day: date) -> bool:
        """Whether the child policy allows ``person`` residential care on ``day``.

        Raises:
            InvalidValueError: ``person`` is not a Person or ``day`` not a date.
        """
        if not isinstance(person, Person):
            raise _wrong("Facts.allows_residential_care", "person", person, "Person")
        _checks.date_argument("Facts.allows_residential_care", "day", day)
        return self.policy.allows_residential_care(person, day)

    @property
    def majority(self) -> int:
        """The age of majority under the child policy."""
        return self.policy.majority.age

    def as_known(self, period: Period) -> Period:
        """``period`` as the audit knows it: one that lasts past ``on`` had
        not ended by then, so it is open-ended. Without ``on``, ``period``.

        Raises:
            InvalidValueError: ``period`` is not a Period.

        .. versionadded:: 0.5
        """
        _checks.argument("Facts.as_known", "period", period, Period)
        on = self.on
        if on is None or period.end is None or period.end <= on:
            return period
        return Period(start=period.start)

    # -- joined and grouped ---------------------------------------------------

    @cached_property
    def columns(
        self,
    ) -> tuple[list[Person | None], list[Service | None], list[ServiceType | None]]:
        """The person, the service and the service type of each placement (or
        ``None`` when not known), as three lists in the registry's order of
        placements: for rules that read one of them by position.

        .. versionadded:: 0.5
        """
        # Three lists rather than a tuple per placement: on a million placements
        # that is three objects for the garbage collector to walk, not a million.
        persons, services, types = self.persons, self.services, self.service_types
        placements = self.registry.placements
        person_of = [persons.get(p.person) for p in placements]
        service_of = [
            None if p.service is None else services.get(p.service) for p in placements
        ]
        type_of = [None if s is None else types.get(s.type) for s in service_of]
        return person_of, service_of, type_of

    @property
    def stays(self) -> Iterator[Stay]:
        """Every placement with its person, service and service type (or ``None``).

        A fresh iterator each time, in the registry's order of placements.
        """
        return map(
            Stay._make, zip(self.registry.placements, *self.columns, strict=True)
        )

    @property
    def rows(
        self,
    ) -> Iterator[tuple[Placement, Person | None, Service | None, ServiceType | None]]:
        """:attr:`stays` as plain tuples: the fast way for a rule to read them all."""
        return zip(self.registry.placements, *self.columns, strict=True)

    @cached_property
    def stay_regions(self) -> tuple[list[str | None], list[str | None]]:
        """The home region (on the placement's first day) and the service's
        region of each placement, or ``None``, by position.

        .. versionadded:: 0.5
        """
        regions = {code: m.region for code, m in self.municipalities.items()}
        people, services, _ = self.columns
        placements = self.registry.placements
        homes = [
            None if p is None else regions.get(p.home_on(placements[i].period.start))
            for i, p in enumerate(people)
        ]
        sites = [None if s is None else regions.get(s.municipality) for s in services]
        return homes, sites

    def stays_of(self, person: str) -> tuple[Stay, ...]:
        """One person's stays, in order of start, then id.

        Kept for the rules that read people's stays together: people with
        more than one stay, and siblings; anyone else has none here.

        Raises:
            InvalidValueError: ``person`` is not a string.
        """
        if not isinstance(person, str):
            raise _wrong("Facts.stays_of", "person", person, "string")
        k = self._stays_by_person.get(person)
        if k is None:
            return ()
        placements = self.registry.placements
        people, services, types = self.columns
        stays = []
        while k < len(self._chosen) and placements[self._chosen[k]].person == person:
            i = self._chosen[k]
            stays.append(Stay(placements[i], people[i], services[i], types[i]))
            k += 1
        return tuple(stays)

    @cached_property
    def _stays_by_person(self) -> Mapping[str, int]:
        # Only the people rules look at together: several stays, or siblings.
        wanted = {person for person, count in self._times_placed.items() if count > 1}
        wanted.update(
            p.id for p in self.registry.persons if p.sibling_group is not None
        )
        placements = self.registry.placements
        chosen = [i for i, p in enumerate(placements) if p.person in wanted]
        # Two stable sorts on keys the collector does not track (ints, then
        # strings) give the order person, start, id without a tuple per stay.
        starts = [placements[i].period.start.toordinal() for i in chosen]
        by_start = sorted(range(len(chosen)), key=starts.__getitem__)
        chosen = [chosen[k] for k in by_start]
        chosen.sort(key=lambda i: placements[i].person)
        first: dict[str, int] = {}
        for k, i in enumerate(chosen):
            first.setdefault(placements[i].person, k)
        self._chosen = chosen
        return first

    @cached_property
    def _times_placed(self) -> Counter[str]:
        return Counter(placement.person for placement in self.registry.placements)

    @property
    def people_with_several_stays(self) -> Iterator[str]:
        """Ids of persons with more than one placement, in id order."""
        counted = self._times_placed
        return (
            person for person in sorted(self._stays_by_person) if counted[person] > 1
        )

    @cached_property
    def ineligible_at_start(self) -> Mapping[int, tuple[Ineligibility, ...]]:
        """Why each placement's person did not qualify on its start date, by position.

        Only placements with a known person and service, starting after the
        birth, and with at least one reason are listed.
        """
        found: dict[int, tuple[Ineligibility, ...]] = {}
        people, services, _ = self.columns
        for i, placement in enumerate(self.registry.placements):
            person, service = people[i], services[i]
            if person is None or service is None:
                continue
            start = placement.period.start
            if start < person.birth_date:
                continue
            reasons = ineligibility(self.eligibility(service), person, start)
            if reasons:
                found[i] = reasons
        return found

    def eligibility(self, service: Service) -> Eligibility:
        """Who ``service`` is for: its type's eligibility refined by its own
        (as :meth:`Registry.eligibility_of`, for a service of the registry
        even where its id is given twice).

        Raises:
            InvalidValueError: ``service`` is not a Service.

        .. versionadded:: 0.5
        """
        if not isinstance(service, Service):
            raise _wrong("Facts.eligibility", "service", service, "Service")
        key = (service.type, service.eligibility)
        found = self._eligibilities.get(key)
        if found is None:
            kind = self.service_types.get(service.type)
            found = self._eligibilities[key] = eligibility_within(service, kind)
        return found

    @cached_property
    def _eligibilities(self) -> dict[tuple[str, Eligibility], Eligibility]:
        return {}

    @cached_property
    def management_contracts(self) -> Mapping[str, tuple[Agreement, ...]]:
        """Management contracts by the ids of the services they cover."""
        grouped: dict[str, list[Agreement]] = {}
        for agreement in self.registry.agreements:
            if agreement.kind is AgreementKind.MANAGEMENT_CONTRACT:
                for service in sorted(agreement.services):
                    grouped.setdefault(service, []).append(agreement)
        return {service: tuple(found) for service, found in grouped.items()}

    def occupancy_steps(self, service: str) -> tuple[list[int], list[int]]:
        """Day ordinals on which ``service``'s occupancy changes, and the counts.

        Raises:
            InvalidValueError: ``service`` is not a string.
        """
        if not isinstance(service, str):
            raise _wrong("Facts.occupancy_steps", "service", service, "string")
        return self.registry.index.occupancy_steps(service)

    def spare_places(
        self, service: Service
    ) -> tuple[list[tuple[int, int]], int | None]:
        """Places minus occupied places of ``service`` while it operates.

        Returns ``(day ordinal, spare from then)`` for its opening and every
        later day either changes (negative when over capacity), and the day it
        closes (``None`` when open-ended). Every placement counts, whoever it
        holds places for.

        Raises:
            InvalidValueError: ``service`` is not a Service.
        """
        if not isinstance(service, Service):
            raise _wrong("Facts.spare_places", "service", service, "Service")
        days, taken = self.occupancy_steps(service.id)
        operating = operating_as_known(service)
        if operating is None:  # neither operating days nor places recorded
            return [], None
        opens = operating.start.toordinal()
        end = operating.end
        closes = None if end is None else end.toordinal()
        changes = [(c.effective.toordinal(), c.places) for c in service.capacity]
        spare: list[tuple[int, int]] = []
        places = occupied = next_change = next_step = 0
        for day in sorted({opens, *(d for d, _ in changes), *days}):
            if closes is not None and day >= closes:
                break
            while next_change < len(changes) and changes[next_change][0] <= day:
                places = changes[next_change][1]
                next_change += 1
            while next_step < len(days) and days[next_step] <= day:
                occupied = taken[next_step]
                next_step += 1
            if day >= opens:
                spare.append((day, places - occupied))
        return spare, closes

    def free_places(self, service: str, day: date, home: str | None) -> int | None:
        """:meth:`Registry.free_places`, for a known service (``None``: capacity unknown)."""
        return self.registry.free_places(service, day, home=home)

    def profile(self, service: Service) -> tuple[bool, bool] | None:
        """Whether the service's type is residential and family-based, if known.

        Raises:
            InvalidValueError: ``service`` is not a Service.
        """
        if not isinstance(service, Service):
            raise _wrong("Facts.profile", "service", service, "Service")
        found = self.service_types.get(service.type)
        return None if found is None else (found.residential, found.family_based)

    @cached_property
    def vacancies(self) -> Vacancies:
        """Services with free places, for the rules that look for them."""
        return Vacancies(self)


def runs_of(
    days: Iterable[tuple[int, int]], until: int | None, on: date | None = None
) -> list[tuple[int, int | None, int]]:
    """Runs of days with a positive value, from ``(day, value from then)`` points.

    The points are in day order; the last value holds until ``until``. Each
    run is ``(first day, day after the last, largest value)``. With ``on``,
    the day of an audit, points after it are not known yet: a run still
    going on that day has no end, and its largest value is the largest by then.
    """
    runs: list[tuple[int, int | None, int]] = []
    start: int | None = None
    peak = 0
    last = None if on is None else on.toordinal()
    if last is not None and (until is None or until > last):
        until = last + 1  # the points stop here, and so does a run, unended
    for day, value in days:
        if until is not None and day >= until:
            break
        if value > 0:
            if start is None:
                start, peak = day, value
            else:
                peak = max(peak, value)
        elif start is not None:
            runs.append((start, day, peak))
            start = None
    if start is not None:
        ended = last is None or (until is not None and until <= last)
        runs.append((start, until if ended else None, peak))
    return runs
