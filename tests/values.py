"""Test-only Hypothesis strategies for the core types.

Dates are drawn from a small window around a leap year, so that periods
often touch, overlap, start on the day another ends, and cross 29 February.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import Any, TypeVar

from hypothesis import strategies as st

from socialservices import (
    AgeOfMajority,
    Agreement,
    AgreementKind,
    Allocation,
    Assignment,
    Candidate,
    CapacityCeiling,
    CapacityChange,
    ChildPolicy,
    Citation,
    Coordinates,
    DocumentProblem,
    Eligibility,
    EndReason,
    Entity,
    Exclusion,
    Financing,
    Finding,
    FreePlaces,
    Geography,
    Licence,
    Measure,
    MeasureOrder,
    Municipality,
    Occupancy,
    OccupancyStep,
    OrganisationIdentifier,
    Party,
    PartyKind,
    Period,
    Person,
    PlaceHold,
    Placement,
    PlacementRequest,
    Policy,
    PreviousHome,
    Provider,
    ProviderKind,
    Proximity,
    Ranking,
    Region,
    Registry,
    Report,
    Reservation,
    ResidentialAgeLimit,
    Salvage,
    Service,
    ServiceType,
    SetAside,
    Severity,
    StaffingChange,
    Subject,
    Unplaced,
    allocate,
    rank,
)
from socialservices.examples import sofia_oblast
from socialservices.strategies import previous_homes
from socialservices.strategies import registries as public_registries

FIRST_DAY = date(2023, 12, 1)
LAST_DAY = date(2024, 4, 1)
WINDOW = (LAST_DAY - FIRST_DAY).days


def days() -> st.SearchStrategy[date]:
    """A day in the window (December 2023 to March 2024)."""
    return st.integers(0, WINDOW).map(lambda n: FIRST_DAY + timedelta(days=n))


@st.composite
def periods(draw: st.DrawFn, *, open_ended: bool | None = None) -> Period:
    """A period within the window, possibly empty or open-ended."""
    start = draw(days())
    ends = draw(st.booleans()) if open_ended is None else open_ended
    if ends:
        return Period(start=start)
    length = draw(st.integers(0, 60))
    return Period(start=start, end=start + timedelta(days=length))


@st.composite
def placements(
    draw: st.DrawFn,
    *,
    services: tuple[str, ...] = ("S1", "S2"),
    max_size: int = 30,
    unique_ids: bool = True,
) -> list[Placement]:
    """Placements in a few services, with distinct ids unless ``unique_ids=False``."""
    count = draw(st.integers(0, max_size))
    return [
        Placement(
            id=f"PL{i if unique_ids else draw(st.integers(0, 3))}",
            person=f"C{draw(st.integers(0, 9))}",
            service=draw(st.sampled_from(services)),
            period=draw(periods()),
        )
        for i in range(count)
    ]


# -- one strategy per public attrs type (for the document tests) -------------
#
# Values are valid and small; references between them need not resolve (a
# registry never checks them). Ids and codes come from a small alphabet with
# Cyrillic letters, so that collisions, sorting and UTF-8 all get exercised.

_T = TypeVar("_T")

ID_ALPHABET = "AБЖЦz09._-"
"""Characters valid in both an id and a code."""


def ids() -> st.SearchStrategy[str]:
    """An id (also a valid code): 1 to 4 characters, Cyrillic included."""
    return st.text(ID_ALPHABET, min_size=1, max_size=4)


def codes() -> st.SearchStrategy[str]:
    """A code: letters, digits, ``_``, ``.`` or ``-``."""
    return st.text(ID_ALPHABET, min_size=1, max_size=6)


def texts() -> st.SearchStrategy[str]:
    """Human text: something besides white space, Cyrillic and spaces inside."""
    return st.builds(
        str.__add__, st.sampled_from("AЦжЪ"), st.text("Ab Цж-ъ", max_size=9)
    )


def dates() -> st.SearchStrategy[date]:
    """Any date, most often near (and on) 29 February 2024."""
    return st.one_of(
        days(),
        st.just(date(2024, 2, 29)),
        st.dates(),
    )


def counts() -> st.SearchStrategy[int]:
    """A whole number >= 0, sometimes large."""
    return st.one_of(st.integers(0, 40), st.integers(0, 2**53 - 1))


@st.composite
def any_periods(draw: st.DrawFn) -> Period:
    """A period anywhere in the calendar: empty, open-ended or bounded."""
    start = draw(dates())
    if draw(st.booleans()):
        return Period(start=start)
    room = (date.max - start).days
    return Period(start=start, end=start + timedelta(days=draw(st.integers(0, room))))


def coordinates() -> st.SearchStrategy[Coordinates]:
    def degrees(bound: float) -> st.SearchStrategy[float]:
        whole = int(bound)
        return st.one_of(
            st.floats(-bound, bound, allow_nan=False),
            st.sampled_from([0.0, -0.0]),
            st.integers(-whole, whole),
        )

    return st.builds(Coordinates, latitude=degrees(90.0), longitude=degrees(180.0))


def regions() -> st.SearchStrategy[Region]:
    return st.builds(
        Region,
        code=codes(),
        name=texts(),
        name_en=st.none() | texts(),
        nuts3=st.none() | codes(),
        iso_3166_2=st.none() | codes(),
    )


def municipalities() -> st.SearchStrategy[Municipality]:
    return st.builds(
        Municipality,
        code=codes(),
        name=texts(),
        region=codes(),
        name_en=st.none() | texts(),
        population=st.none() | counts(),
        centroid=st.none() | coordinates(),
    )


def borders() -> st.SearchStrategy[frozenset[frozenset[str]]]:
    """Unordered pairs of two different codes."""
    pair = st.lists(codes(), min_size=2, max_size=2, unique=True).map(frozenset)
    return st.frozensets(pair, max_size=3)


def geographies() -> st.SearchStrategy[Geography]:
    return st.builds(
        Geography,
        regions=st.lists(regions(), max_size=3),
        municipalities=st.lists(municipalities(), max_size=3),
        region_neighbours=borders(),
        municipality_neighbours=borders(),
    )


@functools.cache
def _sofia_geography() -> Geography:
    return sofia_oblast().geography


@st.composite
def real_geographies(draw: st.DrawFn) -> Geography:
    """A few real municipalities of the Sofia-oblast example, with their borders."""
    real = _sofia_geography()
    chosen = draw(st.lists(st.sampled_from(real.municipalities), max_size=3))
    codes_ = {municipality.code for municipality in chosen}
    return Geography(
        regions=real.regions,
        municipalities=chosen,
        region_neighbours=real.region_neighbours,
        municipality_neighbours={
            border for border in real.municipality_neighbours if border <= codes_
        },
    )


def licences() -> st.SearchStrategy[Licence]:
    return st.builds(
        Licence,
        number=ids(),
        service_type=codes(),
        target_group=codes(),
        period=any_periods(),
    )


def organisation_identifiers() -> st.SearchStrategy[OrganisationIdentifier]:
    """Kept as given in most schemes; a valid EIK (9 or 13 digits) in BG-EIK."""
    eiks = st.builds(
        OrganisationIdentifier,
        scheme=st.just("BG-EIK"),
        identifier=st.sampled_from(["175074752", "020469788", "1213961230342"]),
    )
    others = st.builds(
        OrganisationIdentifier,
        scheme=st.sampled_from(["US-EIN", "GB-COH", "XI-LEI"]),
        identifier=ids(),
    )
    return eiks | others


def providers() -> st.SearchStrategy[Provider]:
    return st.builds(
        Provider,
        id=ids(),
        name=texts(),
        kind=st.sampled_from(ProviderKind),
        # digits alone are a Bulgarian EIK: only valid ones
        uic=st.none() | ids().filter(lambda uic: not uic.isdigit()),
        licences=st.lists(licences(), max_size=3),
        identifiers=st.lists(organisation_identifiers(), max_size=2),
    )


def service_types() -> st.SearchStrategy[ServiceType]:
    return st.builds(
        ServiceType,
        code=codes(),
        name=texts(),
        name_en=st.none() | texts(),
        residential=st.booleans(),
        family_based=st.booleans(),
        activities=st.frozensets(codes(), max_size=3),
        aliases=st.frozensets(texts(), max_size=3),
    )


def capacity_changes() -> st.SearchStrategy[CapacityChange]:
    return st.builds(CapacityChange, effective=dates(), places=counts())


@st.composite
def staffing_changes(draw: st.DrawFn) -> StaffingChange:
    positions = draw(counts())
    return StaffingChange(
        effective=draw(dates()),
        positions=positions,
        filled=draw(st.integers(0, positions)),
    )


@st.composite
def eligibilities(draw: st.DrawFn) -> Eligibility:
    min_age = draw(st.none() | st.integers(0, 99))
    floor = 0 if min_age is None else min_age
    return Eligibility(
        target_groups=draw(st.frozensets(codes(), max_size=3)),
        min_age=min_age,
        max_age=draw(st.none() | st.integers(floor, 120)),
        needs=draw(st.frozensets(codes(), max_size=3)),
    )


def services() -> st.SearchStrategy[Service]:
    return st.builds(
        Service,
        id=ids(),
        name=texts(),
        type=codes(),
        provider=ids(),
        municipality=codes(),
        operating=any_periods(),
        capacity=st.lists(
            capacity_changes(), max_size=3, unique_by=lambda change: change.effective
        ),
        eligibility=eligibilities(),
        financing=st.none() | st.sampled_from(Financing),
        staff=st.none() | counts(),
        staffing=st.lists(
            staffing_changes(), max_size=3, unique_by=lambda change: change.effective
        ),
    )


def persons() -> st.SearchStrategy[Person]:
    return st.builds(
        Person,
        id=ids(),
        birth_date=dates(),
        home_municipality=codes(),
        sibling_group=st.none() | ids(),
        needs=st.frozensets(codes(), max_size=3),
        target_groups=st.frozensets(codes(), max_size=3),
    )


def place_holds() -> st.SearchStrategy[PlaceHold]:
    return st.builds(
        PlaceHold,
        request=ids(),
        service=ids(),
        places=st.integers(1, 4),
        period=any_periods(),
    )


def placement_requests() -> st.SearchStrategy[PlacementRequest]:
    return st.builds(
        PlacementRequest,
        id=ids(),
        persons=st.lists(ids(), min_size=1, max_size=3, unique=True),
        requested_on=dates(),
        acceptable_types=st.frozensets(codes(), max_size=3),
    )


def single_placements() -> st.SearchStrategy[Placement]:
    """One placement, with any optional field filled in or left ``None``."""
    return st.builds(
        Placement,
        id=ids(),
        person=ids(),
        service=ids(),
        period=st.one_of(periods(), any_periods()),
        measure=st.none() | st.sampled_from(Measure),
        legal_basis=st.none() | texts(),
        end_reason=st.none() | st.sampled_from(EndReason),
    )


def parties() -> st.SearchStrategy[Party]:
    return st.builds(
        Party,
        kind=st.sampled_from(PartyKind),
        id=ids(),
        role=st.none() | texts(),
    )


def reservations() -> st.SearchStrategy[Reservation]:
    return st.builds(
        Reservation, service=ids(), for_municipality=codes(), places=counts()
    )


def agreements() -> st.SearchStrategy[Agreement]:
    return st.builds(
        Agreement,
        id=ids(),
        kind=st.sampled_from(AgreementKind),
        title=texts(),
        period=any_periods(),
        parties=st.lists(parties(), max_size=3),
        signed=st.none() | dates(),
        services=st.frozensets(ids(), max_size=3),
        reservations=st.lists(reservations(), max_size=3),
    )


def capacity_ceilings() -> st.SearchStrategy[CapacityCeiling]:
    return st.builds(
        CapacityCeiling, area=codes(), service_type=codes(), max_users=counts()
    )


def occupancy_steps() -> st.SearchStrategy[OccupancyStep]:
    return st.builds(
        OccupancyStep, period=any_periods(), capacity=counts(), occupied=counts()
    )


def occupancies() -> st.SearchStrategy[Occupancy]:
    return st.builds(
        Occupancy,
        service=ids(),
        period=any_periods(),
        steps=st.lists(occupancy_steps(), max_size=3),
    )


@st.composite
def registries(draw: st.DrawFn, *, min_placements: int = 0) -> Registry:
    """A small registry: 0 to 2 of everything, on a real or a made-up geography."""

    def few(strategy: st.SearchStrategy[_T], least: int = 0) -> list[_T]:
        return draw(st.lists(strategy, min_size=least, max_size=max(2, least)))

    return Registry(
        geography=draw(st.one_of(real_geographies(), geographies())),
        providers=few(providers()),
        service_types=few(service_types()),
        services=few(services()),
        persons=few(persons()),
        placements=few(single_placements(), min_placements),
        agreements=few(agreements()),
        ceilings=few(capacity_ceilings()),
        requests=few(placement_requests()),
        holds=few(place_holds()),
    )


def citations() -> st.SearchStrategy[Citation]:
    optional = st.none() | texts()
    return st.builds(
        Citation,
        act=texts(),
        provision=texts(),
        act_en=optional,
        provision_en=optional,
        gazette=optional,
        summary_en=optional,
    )


def child_policies() -> st.SearchStrategy[ChildPolicy]:
    basis = st.none() | citations()
    return st.builds(
        ChildPolicy,
        majority=st.builds(AgeOfMajority, age=st.integers(0, 30), basis=basis),
        measures=st.builds(
            MeasureOrder, measures=st.permutations(list(Measure)), basis=basis
        ),
        residential_age_limit=st.none()
        | st.builds(
            ResidentialAgeLimit,
            min_age=st.integers(0, 18),
            exception_need=st.none() | codes(),
            basis=basis,
        ),
    )


def document_problems() -> st.SearchStrategy[DocumentProblem]:
    return st.builds(
        DocumentProblem,
        code=codes(),
        path=texts(),
        message=texts(),
        detail=st.none() | codes(),
        allowed=st.lists(texts(), max_size=3).map(tuple),
    )


def set_asides() -> st.SearchStrategy[SetAside]:
    return st.builds(
        SetAside,
        collection=st.sampled_from(["providers", "services", "placements"]),
        index=counts(),
        id=st.none() | ids(),
        problems=st.lists(document_problems(), max_size=2).map(tuple),
    )


def salvages() -> st.SearchStrategy[Salvage]:
    return st.builds(
        Salvage,
        registry=registries(),
        set_aside=st.lists(set_asides(), max_size=2).map(tuple),
        problems=st.lists(document_problems(), max_size=2).map(tuple),
    )


def subjects() -> st.SearchStrategy[Subject]:
    return st.builds(Subject, kind=st.sampled_from(Entity), id=ids())


def free_places() -> st.SearchStrategy[FreePlaces]:
    return st.builds(
        FreePlaces,
        service=ids(),
        places=counts(),
        proximity=st.none() | st.sampled_from(Proximity),
    )


def findings() -> st.SearchStrategy[Finding]:
    return st.builds(
        Finding,
        code=st.from_regex(r"[A-Z]{3}[0-9]{3}", fullmatch=True),
        severity=st.sampled_from(Severity),
        message=texts(),
        subjects=st.lists(subjects(), max_size=3),
        fields=st.lists(texts(), max_size=2),
        on=st.none() | dates(),
        period=st.none() | periods(),
        free_places=st.lists(free_places(), max_size=2),
        peak=st.none() | counts(),
    )


def reports() -> st.SearchStrategy[Report]:
    return st.builds(
        Report,
        findings=st.lists(findings(), max_size=3),
        rules=st.lists(st.from_regex(r"[A-Z]{3}[0-9]{3}", fullmatch=True), max_size=3),
        on=st.none() | dates(),
    )


@functools.cache
def _scenario() -> Registry:
    return sofia_oblast()


def policies() -> st.SearchStrategy[Policy]:
    return st.one_of(
        st.just(Policy()),
        st.builds(
            Policy,
            excluded_tiers=st.frozensets(st.sampled_from(Proximity), max_size=2),
            proximity_first=st.booleans(),
        ),
        st.just(Policy.weighted([0, 1, 3, 10, 30])),
        st.just(Policy(children=None)),
    )


def rankings() -> st.SearchStrategy[Ranking]:
    """Rankings of the example scenario's open request, on days around it."""
    return st.builds(
        lambda day, policy: rank(
            _scenario().requests[0], _scenario(), on=day, policy=policy
        ),
        st.dates(date(2024, 1, 1), date(2027, 12, 31)),
        policies(),
    )


def scenario_allocations() -> st.SearchStrategy[Allocation]:
    """Allocations of the example's request and one naming nobody known."""
    ghost = PlacementRequest(
        id="R-GHOST", persons=["GHOST"], requested_on=date(2026, 1, 1)
    )

    def allocated(day: date, policy: Policy) -> Allocation:
        requests = [*_scenario().requests, ghost]
        return allocate(requests, _scenario(), on=day, policy=policy)

    return st.builds(
        allocated, st.dates(date(2024, 1, 1), date(2027, 12, 31)), policies()
    )


def allocations() -> st.SearchStrategy[Allocation]:
    return st.builds(
        lambda world, day, policy: allocate(
            world.requests, world, on=day, policy=policy
        ),
        public_registries(max_services=2, max_placements=3, max_requests=2),
        st.dates(date(2020, 1, 1), date(2027, 12, 31)),
        policies(),
    )


VALUES: dict[type[Any], st.SearchStrategy[Any]] = {
    AgeOfMajority: child_policies().map(lambda policy: policy.majority),
    ChildPolicy: child_policies(),
    Citation: citations(),
    DocumentProblem: document_problems(),
    MeasureOrder: child_policies().map(lambda policy: policy.measures),
    ResidentialAgeLimit: st.builds(
        ResidentialAgeLimit, min_age=st.integers(0, 18), exception_need=codes()
    ),
    Agreement: agreements(),
    CapacityCeiling: capacity_ceilings(),
    CapacityChange: capacity_changes(),
    Coordinates: coordinates(),
    Eligibility: eligibilities(),
    Policy: policies(),
    Ranking: rankings(),
    Candidate: rankings()
    .filter(lambda r: bool(r.candidates))
    .map(lambda r: r.candidates[0]),
    Exclusion: rankings().map(lambda r: r.exclusions[0]),
    Allocation: st.one_of(allocations(), scenario_allocations()),
    # the example's request nearly always finds a place; the ghost never does
    Assignment: scenario_allocations()
    .filter(lambda a: bool(a.assignments))
    .map(lambda a: a.assignments[0]),
    Unplaced: scenario_allocations().map(lambda a: a.unplaced[-1]),
    Finding: findings(),
    FreePlaces: free_places(),
    Report: reports(),
    Salvage: salvages(),
    SetAside: set_asides(),
    Subject: subjects(),
    Geography: st.one_of(geographies(), real_geographies()),
    Licence: licences(),
    Municipality: municipalities(),
    Occupancy: occupancies(),
    OccupancyStep: occupancy_steps(),
    OrganisationIdentifier: organisation_identifiers(),
    Party: parties(),
    Period: st.one_of(periods(), any_periods()),
    Person: persons(),
    Placement: single_placements(),
    PlacementRequest: placement_requests(),
    PreviousHome: previous_homes(),
    Provider: providers(),
    Region: regions(),
    Registry: registries(),
    Reservation: reservations(),
    PlaceHold: place_holds(),
    Service: services(),
    ServiceType: service_types(),
    StaffingChange: staffing_changes(),
}
"""A strategy of valid values for every public attrs type."""
