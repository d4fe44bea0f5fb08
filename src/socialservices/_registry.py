"""The registry: one immutable, indexed snapshot of a whole data set.

It owns the indexes over the collections (by id, reservations by service,
the occupancy index) and building a registry member by member: the
``with_*`` methods add members to a persistent chain that registries share,
so that adding n members one at a time takes O(n) overall, and each
registry's sorted tuples and indexes are built only when first read.
"""

from __future__ import annotations

import itertools
import operator
import types
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from . import _checks
from ._agreement import Agreement, CapacityCeiling, Reservation
from ._errors import InvalidValueError, UnknownReferenceError
from ._geography import Geography
from ._hold import PlaceHold
from ._occupancy import Occupancy, OccupancyIndex, OccupancyStep
from ._period import Period
from ._person import Person, PlacementRequest
from ._placement import Placement
from ._provider import Provider
from ._service import Eligibility, Service, ServiceType, eligibility_within

__all__ = ["Registry", "RegistryIndex"]

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


def _holds(value: Iterable[PlaceHold]) -> tuple[PlaceHold, ...]:
    return _checks.canonical(
        value, key=lambda hold: (hold.service, hold.period.start, hold.request)
    )


def _holds_by_request(registry: Registry) -> Mapping[str, tuple[PlaceHold, ...]]:
    found: dict[str, list[PlaceHold]] = {}
    for hold in registry.holds:
        found.setdefault(hold.request, []).append(hold)
    return {id: tuple(held) for id, held in found.items()}


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


class _Chain:
    """A collection as a persistent chain: the members one ``with_*`` call added,
    and the chain it added them to.

    Adding is O(1) and never changes a chain, so registries built from one
    registry in turn, or from one registry in several ways, share their
    common part safely. The sorted tuple is built on first use, by walking
    back to the nearest chain whose tuple is already built, and kept.
    """

    __slots__ = ("members", "parent", "sorted")

    def __init__(
        self,
        parent: _Chain | None,
        members: tuple[Any, ...],
        sorted: tuple[Any, ...] | None = None,
    ) -> None:
        self.parent = parent
        self.members = members
        self.sorted = sorted

    def __reduce__(self) -> tuple[type[_Chain], tuple[None, tuple[Any, ...], None]]:
        return _Chain, (None, self.all(), None)  # flat: deep chains would recurse

    def all(self) -> tuple[Any, ...]:
        """Every member, in the order they were added (after the built tuple)."""
        chunks: list[tuple[Any, ...]] = []
        chain: _Chain | None = self
        while chain is not None:
            if chain.sorted is not None:
                chunks.append(chain.sorted)
                break
            chunks.append(chain.members)
            chain = chain.parent
        chunks.reverse()
        return tuple(itertools.chain.from_iterable(chunks))


COLLECTIONS: dict[str, type] = {
    "providers": Provider,
    "service_types": ServiceType,
    "services": Service,
    "persons": Person,
    "placements": Placement,
    "agreements": Agreement,
    "ceilings": CapacityCeiling,
    "requests": PlacementRequest,
    "holds": PlaceHold,
}
"""The registry's collections of records, in field order, each with the type
of its members: the one list the strategies, salvage's tests and the
``with_*`` methods share."""
_DERIVED: dict[str, tuple[str, ...]] = {
    "providers": ("_providers_by_id",),
    "service_types": ("_service_types_by_code",),
    "services": ("_services_by_id", "_municipalities"),
    "persons": ("_persons_by_id", "_municipalities", "_occupancy"),
    "placements": ("_occupancy",),
    "agreements": ("_reservations", "_municipalities", "_occupancy"),
    "ceilings": (),
    "requests": (),
    "holds": ("_occupancy", "_holds_by_request"),
}
"""The indexes built from each collection: rebuilt, when first used, after it grows."""


def _reservations_by_service(
    agreements: Iterable[Agreement],
) -> Mapping[str, tuple[tuple[Period, Reservation], ...]]:
    reservations: dict[str, list[tuple[Period, Reservation]]] = {}
    for agreement in agreements:
        for reservation in agreement.reservations:
            reservations.setdefault(reservation.service, []).append(
                (agreement.period, reservation)
            )
    return {k: tuple(v) for k, v in reservations.items()}


def _municipalities_named(registry: Registry) -> frozenset[str]:
    """Every municipality code the registry knows: its geography's, and any
    its data names (a service's site, a person's home, a reservation's)."""
    codes = {municipality.code for municipality in registry.geography.municipalities}
    codes.update(service.municipality for service in registry.services)
    for person in registry.persons:
        codes.update(person.homes)
    for agreement in registry.agreements:
        codes.update(held.for_municipality for held in agreement.reservations)
    return frozenset(codes)


class RegistryIndex:
    """The registry as the rooms that reason over all of it read it.

    This is the contract between the registry and :mod:`socialservices.
    validation` and :mod:`socialservices.matching`: the look-ups by id (the
    first member of each id, as :meth:`Registry.provider` and the others find
    them), where each service's occupancy changes, and the places held in it.
    They read these and nothing else of a registry's insides. Every look-up is
    built once, when first asked, and then takes O(1) (occupancy steps
    O(log n) to find); nothing checks its arguments, so a rule can ask a
    million times.

    .. versionadded:: 0.5
    """

    __slots__ = ("_registry",)

    def __init__(self, registry: Registry) -> None:
        self._registry = registry

    @property
    def providers_by_id(self) -> Mapping[str, Provider]:
        """Providers by id."""
        return self._registry._providers_by_id

    @property
    def service_types_by_code(self) -> Mapping[str, ServiceType]:
        """Service types by code."""
        return self._registry._service_types_by_code

    @property
    def services_by_id(self) -> Mapping[str, Service]:
        """Services by id."""
        return self._registry._services_by_id

    @property
    def persons_by_id(self) -> Mapping[str, Person]:
        """Persons by id."""
        return self._registry._persons_by_id

    def occupancy_steps(self, service: str) -> tuple[list[int], list[int]]:
        """The day ordinals on which ``service``'s occupancy changes, and the
        number of places taken from each: the index's own lists, not copies
        (read them, never change them)."""
        return self._registry._occupancy_index().steps(service)

    def reservations_of(self, service: str) -> tuple[tuple[Period, Reservation], ...]:
        """The places held in ``service``, each with the period of its agreement."""
        return self._registry._reservations.get(service, ())

    def held_steps(self, service: str) -> tuple[list[int], list[int]]:
        """The day ordinals on which the places held for requests in
        ``service`` change (:class:`PlaceHold`), and how many are held from
        each: the index's own lists (read them, never change them)."""
        return self._registry._occupancy_index().held_steps(service)

    def holds_of(self, request: str) -> tuple[PlaceHold, ...]:
        """The places held for ``request``, by service and first day."""
        return self._registry._holds_by_request.get(request, ())

    def held_for(self, requests: Iterable[str], day: date) -> dict[str, int]:
        """The places held for ``requests`` on ``day``, by service."""
        found: dict[str, int] = {}
        holds = self._registry._holds_by_request
        for request in requests:
            for hold in holds.get(request, ()):
                if hold.period.contains(day):
                    found[hold.service] = found.get(hold.service, 0) + hold.places
        return found


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
    :func:`attrs.evolve` or the ``with_*`` methods (:meth:`with_placements`,
    :meth:`with_persons`, ... one for each collection). Adding members one
    at a time with those is linear overall: each new registry shares what it
    was built from, and sorts and indexes its members when first asked.

    .. versionadded:: 0.1
    """

    as_of: date | None = attrs.field(default=None, validator=_checks.optional_date)
    """The day the data was taken (an extract's date), or ``None`` if not known.

    :func:`~socialservices.validate` checks a registry as of this day unless
    given another ``on``.

    .. versionadded:: 0.5
    """
    jurisdiction: str | None = attrs.field(
        default=None, validator=_checks.optional_code
    )
    """Whose law the data falls under, as an ISO 3166 code (``"BG"``), or ``None``.

    The command line chooses its law by it when ``--law`` is not given:
    Bulgarian law for ``"BG"`` (or a subdivision) and for no jurisdiction, as
    before documents could name one; only jurisdiction-neutral rules for any
    other. The library itself records it and applies no law because of it.

    .. versionadded:: 0.5
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
    holds: tuple[PlaceHold, ...] = attrs.field(
        default=(), converter=_holds, validator=_checks.tuple_of(PlaceHold)
    )
    """Places held for requests while they are decided: not free to anyone
    else (:meth:`free_places`).

    .. versionadded:: 0.5
    """
    # Derived state: each slot is built when first used (see __getattr__).
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
    _municipalities: frozenset[str] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _occupancy: OccupancyIndex | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )
    _holds_by_request: Mapping[str, tuple[PlaceHold, ...]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _growing: Mapping[str, _Chain] = attrs.field(
        init=False, factory=dict, eq=False, repr=False, hash=False
    )
    """The collections added to by ``with_*``, each as a chain."""

    if not TYPE_CHECKING:  # at run time only, so that mypy still checks names

        def __getattr__(self, name: str) -> Any:
            """Build a collection still growing, or an index, on first use.

            Python calls this only for a slot not set yet; what it builds is
            kept. Two threads may both build one: they build equal values.
            """
            build = _LAZY.get(name)
            if build is None:
                raise AttributeError(
                    f"{type(self).__name__!r} object has no attribute {name!r}"
                )
            value = build(self)
            object.__setattr__(self, name, value)
            return value

    def _materialised(self, name: str) -> tuple[Any, ...]:
        """The sorted tuple of a collection grown by ``with_*``."""
        chain = self._growing[name]
        convert: Callable[[Iterable[Any]], tuple[Any, ...]]
        convert = _FIELDS[name].converter  # type: ignore[assignment]
        chain.sorted = convert(chain.all())  # equal for any thread that builds it
        return chain.sorted

    def _with(self, name: str, members: tuple[Any, ...]) -> Registry:
        """A registry with ``members`` added to collection ``name``, in O(len(members))."""
        _checks.members(COLLECTIONS[name])(self, _FIELDS[name], members)
        if not members:
            return self
        parent = self._growing.get(name)
        if parent is None:
            built = getattr(self, name)
            parent = _Chain(None, built, built)
        stale = {name, *_DERIVED[name]}
        new = object.__new__(Registry)
        for field in _FIELDS:
            if field in stale:
                continue
            try:  # share what is built; what is not gets built when first used
                value = object.__getattribute__(self, field)
            except AttributeError:
                continue
            object.__setattr__(new, field, value)
        object.__setattr__(new, "_occupancy", None)
        growing = {**self._growing, name: _Chain(parent, members)}
        object.__setattr__(new, "_growing", growing)
        return new

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

    # -- building, member by member -------------------------------------------

    def with_providers(self, *providers: Provider) -> Registry:
        """A new registry that also holds ``providers`` (see :meth:`with_placements`).

        .. versionadded:: 0.4
        """
        return self._with("providers", providers)

    def with_service_types(self, *service_types: ServiceType) -> Registry:
        """A new registry that also holds ``service_types`` (see :meth:`with_placements`).

        .. versionadded:: 0.4
        """
        return self._with("service_types", service_types)

    def with_services(self, *services: Service) -> Registry:
        """A new registry that also holds ``services`` (see :meth:`with_placements`).

        .. versionadded:: 0.4
        """
        return self._with("services", services)

    def with_persons(self, *persons: Person) -> Registry:
        """A new registry that also holds ``persons`` (see :meth:`with_placements`).

        .. versionadded:: 0.4
        """
        return self._with("persons", persons)

    def with_placements(self, *placements: Placement) -> Registry:
        """A new registry that also holds ``placements``.

        Adding members one at a time is linear overall, with this method and
        every other ``with_*`` one: the new registry shares what it was built
        from, and sorts and indexes its members only when first read. Any
        split of the same members gives an equal registry.

        >>> from datetime import date
        >>> from socialservices import Period, Placement
        >>> registry = Registry()
        >>> for number in (3, 1, 2):
        ...     registry = registry.with_placements(Placement(
        ...         id=f"PL-{number}", person=f"C-{number}", service="S1",
        ...         period=Period(start=date(2026, 1, number))))
        >>> [placement.id for placement in registry.placements]
        ['PL-1', 'PL-2', 'PL-3']
        >>> registry.with_placements("PL-4")
        Traceback (most recent call last):
        ...
        socialservices.InvalidValueError: Registry.placements='PL-4': each member must be a Placement

        Raises:
            InvalidValueError: a member is not a :class:`Placement`
                (``"wrong_type"``).
        """
        return self._with("placements", placements)

    def with_agreements(self, *agreements: Agreement) -> Registry:
        """A new registry that also holds ``agreements`` (see :meth:`with_placements`).

        .. versionadded:: 0.4
        """
        return self._with("agreements", agreements)

    def with_ceilings(self, *ceilings: CapacityCeiling) -> Registry:
        """A new registry that also holds ``ceilings`` (see :meth:`with_placements`).

        .. versionadded:: 0.4
        """
        return self._with("ceilings", ceilings)

    def with_requests(self, *requests: PlacementRequest) -> Registry:
        """A new registry that also holds ``requests`` (see :meth:`with_placements`).

        .. versionadded:: 0.4
        """
        return self._with("requests", requests)

    def with_holds(self, *holds: PlaceHold) -> Registry:
        """A new registry that also holds ``holds`` (see :meth:`with_placements`).

        .. versionadded:: 0.5
        """
        return self._with("holds", holds)

    # -- capacity on any date ---------------------------------------------

    @property
    def index(self) -> RegistryIndex:
        """Look-ups for the rules and the matching (:class:`RegistryIndex`).

        .. versionadded:: 0.5
        """
        return RegistryIndex(self)

    def _occupancy_index(self) -> OccupancyIndex:
        index = self._occupancy
        if index is None:
            index = OccupancyIndex(
                self.placements,
                home_of=self._home_of,
                by_home=frozenset(self._reservations),
                holds=self.holds,
            )
            object.__setattr__(self, "_occupancy", index)
        return index

    def _home_of(self, person: str, day: date) -> str | None:
        found = self._persons_by_id.get(person)
        return None if found is None else found.home_on(day)

    def eligibility_of(self, service: str) -> Eligibility:
        """Who ``service`` is for: its type's eligibility refined by its own
        (:meth:`Eligibility.refined_by`); the service's own where its type
        sets none or is not in the registry.

        .. versionadded:: 0.5

        Raises:
            UnknownReferenceError: ``service`` is not in the registry.
        """
        found = self.service(service)
        return eligibility_within(found, self._service_types_by_code.get(found.type))

    def capacity(self, service: str, on: date) -> int | None:
        """Places ``service`` has on ``on``: 0 on days it does not operate,
        ``None`` when its capacity on that day is not recorded (see
        :meth:`Service.capacity_on`).

        .. versionchanged:: 0.5
           ``None`` where capacity is not recorded; before, 0.
        """
        _checks.date_argument("Registry.capacity", "on", on)
        return self.service(service).capacity_on(on)

    def occupied(self, service: str, on: date) -> int:
        """Places of ``service`` taken on ``on``, by every placement there.

        A placement ending on ``on`` no longer counts; one starting does.
        """
        _checks.date_argument("Registry.occupied", "on", on)
        self.service(service)
        return self._occupancy_index().occupied(service, on)

    def held(self, service: str, on: date) -> int:
        """Places of ``service`` held for requests on ``on`` (:attr:`holds`).

        A hold ending on ``on`` no longer counts; one starting does.

        .. versionadded:: 0.5
        """
        _checks.date_argument("Registry.held", "on", on)
        self.service(service)
        return self._occupancy_index().held(service, on)

    def free_places(
        self,
        service: str,
        on: date,
        *,
        home: str | None = None,
        request: str | None = None,
    ) -> int | None:
        """Places of ``service`` free on ``on`` for a resident of ``home``.

        Places that an agreement in force holds for the residents of another
        municipality, and that they have not filled, are not free to anyone
        else; nor are places held for a request (:attr:`holds`), but to that
        request: pass its id as ``request``. Pass the home municipality of
        whoever asks as ``home``; with
        ``home=None`` every held place is held for someone else. Never
        negative: an over-full service has no free place. ``None`` when the
        service's capacity on that day is not recorded: how many are free is
        then unknown, not 0 and not any other number.

        .. versionchanged:: 0.5
           ``None`` where capacity is not recorded; before, 0. Places held
           for requests are not free; ``request``.

        Raises:
            InvalidValueError: ``on`` is not a date, or ``home`` or
                ``request`` is neither an id nor ``None`` (``"wrong_type"``).
            UnknownReferenceError: ``service`` is not in the registry, or
                ``home`` is a municipality that neither the geography nor any
                service, person or reservation names (a typo, say).
        """
        capacity = self.capacity(service, on)
        occupied = self.occupied(service, on)
        if home is not None:
            self._check_home(home)
        if request is not None and not isinstance(request, str):
            raise InvalidValueError(
                "Registry.free_places",
                "request",
                request,
                "wrong_type",
                "must be a request id (a str) or None",
            )
        if capacity is None:
            return None
        free = capacity - occupied - self._occupancy_index().held(service, on)
        if request is not None:
            free += self.index.held_for((request,), on).get(service, 0)
        held = _held(self._reservations.get(service, ()), on)
        for municipality, places in held.items():
            if municipality != home:
                filled = self._occupancy_index().occupied_by_residents(
                    service, municipality, on
                )
                free -= max(0, places - filled)
        return max(0, free)

    def _check_home(self, home: object) -> None:
        if not isinstance(home, str):
            raise InvalidValueError(
                "Registry.free_places",
                "home",
                home,
                "wrong_type",
                "must be a municipality code (a str) or None",
            )
        if home not in self._municipalities:
            raise UnknownReferenceError("municipality", home)

    def occupancy(self, service: str, period: Period) -> Occupancy:
        """Capacity and occupied places of ``service`` through ``period``.

        The steps change exactly where capacity or occupancy does; a step's
        capacity is ``None`` while the service's capacity is not recorded.
        """
        _checks.argument("Registry.occupancy", "period", period, Period)
        found = self.service(service)
        breaks = set(self._occupancy_index().changes_within(service, period))
        operating = found.operating
        edges = () if operating is None else (operating.start, operating.end)
        for day in (*edges, *(change.effective for change in found.capacity)):
            if day is not None and period.contains(day) and day != period.start:
                breaks.add(day)
        steps: list[OccupancyStep] = []
        starts = [period.start, *sorted(breaks)]
        ends: list[date | None] = [*starts[1:], period.end]
        index = self._occupancy_index()
        for start, end in zip(starts, ends, strict=True):
            capacity, taken = found.capacity_on(start), self.occupied(service, start)
            held = index.held(service, start)
            if steps and (
                steps[-1].capacity,
                steps[-1].occupied,
                steps[-1].held,
            ) == (capacity, taken, held):
                merged = Period(start=steps[-1].period.start, end=end)
                steps[-1] = attrs.evolve(steps[-1], period=merged)
            else:
                steps.append(
                    OccupancyStep(
                        period=Period(start=start, end=end),
                        capacity=capacity,
                        occupied=taken,
                        held=held,
                    )
                )
        return Occupancy(service=service, period=period, steps=steps)


_FIELDS: dict[str, attrs.Attribute[Any]] = {
    field.name: field for field in attrs.fields(Registry)
}


def _collection(name: str) -> Callable[[Registry], Any]:
    return lambda registry: registry._materialised(name)


_LAZY: dict[str, Callable[[Registry], Any]] = {
    **{name: _collection(name) for name in COLLECTIONS},
    "_providers_by_id": lambda registry: _checks.first_by(registry.providers, "id"),
    "_service_types_by_code": lambda registry: _checks.first_by(
        registry.service_types, "code"
    ),
    "_services_by_id": lambda registry: _checks.first_by(registry.services, "id"),
    "_persons_by_id": lambda registry: _checks.first_by(registry.persons, "id"),
    "_reservations": lambda registry: _reservations_by_service(registry.agreements),
    "_municipalities": _municipalities_named,
    "_holds_by_request": _holds_by_request,
}
"""How to build each slot that a registry fills only when first used."""
