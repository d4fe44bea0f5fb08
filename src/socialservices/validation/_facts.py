"""What rules read: a registry, the audit date, the child policy, and indexes built once.

Every index is built on first use and shared by all the rules of one
validation, so the whole catalogue makes a few linear passes over the data
rather than one per rule.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from .. import _checks
from .._agreement import Agreement, AgreementKind
from .._geography import Municipality
from .._period import Period
from .._person import Person
from .._placement import Placement
from .._policy import ChildPolicy
from .._provider import Provider
from .._registry import Registry
from .._service import Eligibility, Ineligibility, Service, ServiceType

if TYPE_CHECKING:
    from ._vacancies import Vacancies

__all__ = ["Facts", "Stay", "age", "ineligibility"]


def age(birth_date: date, day: date) -> int:
    """Age in whole years on ``day``: :func:`socialservices.age_on`, made fast.

    A 29 February birthday falls on 28 February in common years, as in
    dateutil's calendar arithmetic.
    """
    month, day_of_month = birth_date.month, birth_date.day
    if month == 2 and day_of_month == 29 and not calendar.isleap(day.year):
        day_of_month = 28
    years = day.year - birth_date.year
    if (day.month, day.day) < (month, day_of_month):
        years -= 1
    return years


def ineligibility(
    eligibility: Eligibility, person: Person, day: date
) -> tuple[Ineligibility, ...]:
    """:meth:`Eligibility.check`, for code that checks millions of stays."""
    reasons: list[Ineligibility] = []
    if eligibility.min_age is not None or eligibility.max_age is not None:
        years = age(person.birth_date, day)
        if eligibility.min_age is not None and years < eligibility.min_age:
            reasons.append(Ineligibility.TOO_YOUNG)
        if eligibility.max_age is not None and years > eligibility.max_age:
            reasons.append(Ineligibility.TOO_OLD)
    groups = person.target_groups
    if eligibility.target_groups and groups and not eligibility.target_groups & groups:
        reasons.append(Ineligibility.TARGET_GROUP)
    if person.needs and not person.needs <= eligibility.needs:
        reasons.append(Ineligibility.NEEDS_NOT_MET)
    return tuple(reasons)


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

    # -- look-ups -------------------------------------------------------------

    @cached_property
    def providers(self) -> Mapping[str, Provider]:
        """Providers by id."""
        return _checks.first_by(self.registry.providers, "id")

    @cached_property
    def service_types(self) -> Mapping[str, ServiceType]:
        """Service types by code."""
        return _checks.first_by(self.registry.service_types, "code")

    @cached_property
    def services(self) -> Mapping[str, Service]:
        """Services by id."""
        return _checks.first_by(self.registry.services, "id")

    @cached_property
    def persons(self) -> Mapping[str, Person]:
        """Persons by id."""
        return _checks.first_by(self.registry.persons, "id")

    @cached_property
    def municipalities(self) -> Mapping[str, Municipality]:
        """Municipalities of the geography by code."""
        return _checks.first_by(self.registry.geography.municipalities, "code")

    @cached_property
    def regions(self) -> frozenset[str]:
        """Codes of the geography's regions."""
        return frozenset(region.code for region in self.registry.geography.regions)

    def region_of(self, municipality: str) -> str | None:
        """The region of a known municipality, else ``None``."""
        found = self.municipalities.get(municipality)
        return None if found is None else found.region

    @property
    def majority(self) -> int:
        """The age of majority under the child policy."""
        return self.policy.majority.age

    # -- joined and grouped ---------------------------------------------------

    @cached_property
    def stays(self) -> tuple[Stay, ...]:
        """Every placement with its person, service and service type (or ``None``)."""
        persons, services, types = self.persons, self.services, self.service_types
        stays = []
        for placement in self.registry.placements:
            service = services.get(placement.service)
            stays.append(
                Stay(
                    placement,
                    persons.get(placement.person),
                    service,
                    None if service is None else types.get(service.type),
                )
            )
        return tuple(stays)

    @cached_property
    def stays_by_person(self) -> Mapping[str, tuple[Stay, ...]]:
        """Each person's stays in order of start, then id."""
        grouped: dict[str, list[Stay]] = {}
        for stay in self.stays:
            grouped.setdefault(stay.placement.person, []).append(stay)
        return {
            person: tuple(sorted(items, key=_stay_order))
            for person, items in grouped.items()
        }

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
        """Day ordinals on which ``service``'s occupancy changes, and the counts."""
        return self.registry._occupancy_steps(service)

    def free_places(self, service: str, day: date, home: str | None) -> int:
        """:meth:`Registry.free_places`, for a known service."""
        return self.registry.free_places(service, day, home=home)

    def profile(self, service: Service) -> tuple[bool, bool] | None:
        """Whether the service's type is residential and family-based, if known."""
        found = self.service_types.get(service.type)
        return None if found is None else (found.residential, found.family_based)

    @cached_property
    def vacancies(self) -> Vacancies:
        """Services with free places, for the rules that look for them."""
        from ._vacancies import Vacancies  # it reads these facts

        return Vacancies(self)


def _stay_order(stay: Stay) -> tuple[date, str]:
    return stay.placement.period.start, stay.placement.id


def ordinal_end(period: Period) -> int | None:
    """The period's end as a day ordinal, ``None`` when open-ended."""
    return None if period.end is None else period.end.toordinal()


def runs_of(
    days: Iterable[tuple[int, int]], until: int | None
) -> list[tuple[int, int | None, int]]:
    """Runs of days with a positive value, from ``(day, value from then)`` points.

    The points are in day order; the last value holds until ``until``. Each
    run is ``(first day, day after the last, largest value)``.
    """
    runs: list[tuple[int, int | None, int]] = []
    start: int | None = None
    peak = 0
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
        runs.append((start, until, peak))
    return runs
