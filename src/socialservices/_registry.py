"""The registry: one immutable, indexed snapshot of a whole data set."""

from __future__ import annotations

import operator
import types
from collections.abc import Iterable, Mapping
from datetime import date

import attrs

from . import _checks
from ._agreement import Agreement, CapacityCeiling, Reservation
from ._geography import Geography
from ._occupancy import Occupancy, OccupancyIndex, OccupancyStep
from ._period import Period
from ._person import Person, PlacementRequest
from ._placement import Placement
from ._provider import Provider
from ._service import Service, ServiceType

__all__ = ["Registry"]

_ID = operator.attrgetter("id")
_CODE = operator.attrgetter("code")


def _providers(value: Iterable[Provider]) -> tuple[Provider, ...]:
    return _checks.canonical(value, key=_ID)


def _service_types(value: Iterable[ServiceType]) -> tuple[ServiceType, ...]:
    return _checks.canonical(value, key=_CODE)


def _services(value: Iterable[Service]) -> tuple[Service, ...]:
    return _checks.canonical(value, key=_ID)


def _persons(value: Iterable[Person]) -> tuple[Person, ...]:
    return _checks.canonical(value, key=_ID)


def _placements(value: Iterable[Placement]) -> tuple[Placement, ...]:
    return _checks.canonical(value, key=_ID)


def _agreements(value: Iterable[Agreement]) -> tuple[Agreement, ...]:
    return _checks.canonical(value, key=_ID)


def _ceilings(value: Iterable[CapacityCeiling]) -> tuple[CapacityCeiling, ...]:
    return _checks.canonical(value, key=lambda item: (item.area, item.service_type))


def _requests(value: Iterable[PlacementRequest]) -> tuple[PlacementRequest, ...]:
    return _checks.canonical(value, key=_ID)


def _held(
    reservations: tuple[tuple[Period, Reservation], ...], day: date
) -> dict[str, int]:
    """Places reserved per municipality on ``day``, summed over agreements."""
    held: dict[str, int] = {}
    for period, reservation in reservations:
        if period.contains(day):
            municipality = reservation.for_municipality
            held[municipality] = held.get(municipality, 0) + reservation.places
    return held


@attrs.frozen(kw_only=True)
class Registry:
    """Everything known at one time: geography, providers, services, people,
    placements, agreements, capacity ceilings and open requests.

    Collections are kept sorted by id (or code), so the same facts in any
    order make an equal registry. Building a registry never fails because of
    references between entities: a placement in an unknown service, a
    duplicated id or a reservation of a service that is not there are kept
    as given, for the validation rules to report. Look-ups of a duplicated id
    return the first in that order.

    Capacity queries use an index of placements built once, on the first
    query, in O(n log n); each query then takes O(log n).

    Registries are values: "changing" one makes a new one, with
    :func:`attrs.evolve` or :meth:`with_placements`.

    .. versionadded:: 0.1
    """

    geography: Geography = attrs.field(
        factory=Geography, validator=_checks.instance_of(Geography)
    )
    providers: tuple[Provider, ...] = attrs.field(
        default=(), converter=_providers, validator=_checks.tuple_of(Provider)
    )
    service_types: tuple[ServiceType, ...] = attrs.field(
        default=(), converter=_service_types, validator=_checks.tuple_of(ServiceType)
    )
    services: tuple[Service, ...] = attrs.field(
        default=(), converter=_services, validator=_checks.tuple_of(Service)
    )
    persons: tuple[Person, ...] = attrs.field(
        default=(), converter=_persons, validator=_checks.tuple_of(Person)
    )
    placements: tuple[Placement, ...] = attrs.field(
        default=(), converter=_placements, validator=_checks.tuple_of(Placement)
    )
    agreements: tuple[Agreement, ...] = attrs.field(
        default=(), converter=_agreements, validator=_checks.tuple_of(Agreement)
    )
    ceilings: tuple[CapacityCeiling, ...] = attrs.field(
        default=(), converter=_ceilings, validator=_checks.tuple_of(CapacityCeiling)
    )
    requests: tuple[PlacementRequest, ...] = attrs.field(
        default=(), converter=_requests, validator=_checks.tuple_of(PlacementRequest)
    )
    _providers_by_id: Mapping[str, Provider] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _service_types_by_code: Mapping[str, ServiceType] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _services_by_id: Mapping[str, Service] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _persons_by_id: Mapping[str, Person] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _reservations: Mapping[str, tuple[tuple[Period, Reservation], ...]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _occupancy: OccupancyIndex | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "_providers_by_id", _checks.first_by(self.providers, "id"))
        set_(
            self, "_service_types_by_code", _checks.first_by(self.service_types, "code")
        )
        set_(self, "_services_by_id", _checks.first_by(self.services, "id"))
        set_(self, "_persons_by_id", _checks.first_by(self.persons, "id"))
        reservations: dict[str, list[tuple[Period, Reservation]]] = {}
        for agreement in self.agreements:
            for reservation in agreement.reservations:
                reservations.setdefault(reservation.service, []).append(
                    (agreement.period, reservation)
                )
        set_(self, "_reservations", {k: tuple(v) for k, v in reservations.items()})

    # -- look-ups ---------------------------------------------------------

    def provider(self, id: str) -> Provider:
        """The provider with this id.

        Raises:
            UnknownReferenceError: when there is none.
        """
        return _checks.look_up(self._providers_by_id, "provider", id)

    def service_type(self, code: str) -> ServiceType:
        """The service type with this code.

        Raises:
            UnknownReferenceError: when there is none.
        """
        return _checks.look_up(self._service_types_by_code, "service type", code)

    def service(self, id: str) -> Service:
        """The service with this id.

        Raises:
            UnknownReferenceError: when there is none.
        """
        return _checks.look_up(self._services_by_id, "service", id)

    def person(self, id: str) -> Person:
        """The person with this id.

        Raises:
            UnknownReferenceError: when there is none.
        """
        return _checks.look_up(self._persons_by_id, "person", id)

    @property
    def persons_by_id(self) -> Mapping[str, Person]:
        """Every person by id, read-only (the first of a repeated id): for
        passes over many ids, ``persons_by_id.get(id)`` never raises.

        .. versionadded:: 0.3
        """
        return types.MappingProxyType(self._persons_by_id)

    def with_placements(self, *placements: Placement) -> Registry:
        """A new registry that also holds ``placements``."""
        return attrs.evolve(self, placements=self.placements + placements)

    # -- capacity on any date ---------------------------------------------

    def _index(self) -> OccupancyIndex:
        index = self._occupancy
        if index is None:
            index = OccupancyIndex(
                self.placements,
                home_of=self._home_of,
                by_home=frozenset(self._reservations),
            )
            object.__setattr__(self, "_occupancy", index)
        return index

    def _occupancy_steps(self, service: str) -> tuple[list[int], list[int]]:
        """Where ``service``'s occupancy changes: day ordinals and the counts from then.

        For rules that sweep over days; the lists are the index's own, not copies.
        """
        return self._index().steps(service)

    def _reservations_of(self, service: str) -> tuple[tuple[Period, Reservation], ...]:
        """The places held in ``service``, each with the period of its agreement."""
        return self._reservations.get(service, ())

    def _home_of(self, person: str) -> str | None:
        found = self._persons_by_id.get(person)
        return None if found is None else found.home_municipality

    def capacity(self, service: str, on: date) -> int:
        """Places ``service`` has on ``on`` (0 on days it does not operate)."""
        _checks.date_argument("Registry.capacity", "on", on)
        return self.service(service).capacity_on(on)

    def occupied(self, service: str, on: date) -> int:
        """Places of ``service`` taken on ``on``, by every placement there.

        A placement ending on ``on`` no longer counts; one starting does.
        """
        _checks.date_argument("Registry.occupied", "on", on)
        self.service(service)
        return self._index().occupied(service, on)

    def free_places(self, service: str, on: date, *, home: str | None = None) -> int:
        """Places of ``service`` free on ``on`` for a resident of ``home``.

        Places that an agreement in force holds for the residents of another
        municipality, and that they have not filled, are not free to anyone
        else. Pass the home municipality of whoever asks as ``home``; with
        ``home=None`` every held place is held for someone else. Never
        negative: an over-full service has no free place.
        """
        free = self.capacity(service, on) - self.occupied(service, on)
        held = _held(self._reservations.get(service, ()), on)
        for municipality, places in held.items():
            if municipality != home:
                filled = self._index().occupied_by_residents(service, municipality, on)
                free -= max(0, places - filled)
        return max(0, free)

    def occupancy(self, service: str, period: Period) -> Occupancy:
        """Capacity and occupied places of ``service`` through ``period``.

        The steps change exactly where capacity or occupancy does.
        """
        _checks.argument("Registry.occupancy", "period", period, Period)
        found = self.service(service)
        breaks = set(self._index().changes_within(service, period))
        edges = (found.operating.start, found.operating.end)
        for day in (*edges, *(change.effective for change in found.capacity)):
            if day is not None and period.contains(day) and day != period.start:
                breaks.add(day)
        steps: list[OccupancyStep] = []
        starts = [period.start, *sorted(breaks)]
        ends: list[date | None] = [*starts[1:], period.end]
        for start, end in zip(starts, ends, strict=True):
            capacity, taken = found.capacity_on(start), self.occupied(service, start)
            if steps and (steps[-1].capacity, steps[-1].occupied) == (capacity, taken):
                merged = Period(start=steps[-1].period.start, end=end)
                steps[-1] = attrs.evolve(steps[-1], period=merged)
            else:
                steps.append(
                    OccupancyStep(
                        period=Period(start=start, end=end),
                        capacity=capacity,
                        occupied=taken,
                    )
                )
        return Occupancy(service=service, period=period, steps=steps)
