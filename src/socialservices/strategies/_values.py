"""Strategies for single values: each public type, valid, references free.

A value's references (a placement's person and service, a service's
provider) are drawn from strategies the caller may pass; by default they are
arbitrary ids that need not resolve. For worlds whose references resolve, use
:func:`~socialservices.strategies.registries`.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .._agreement import (
    Agreement,
    AgreementKind,
    CapacityCeiling,
    Party,
    PartyKind,
    Reservation,
)
from .._checks import IDENTIFIER, eik_problem
from .._geography import Coordinates, Geography, Municipality, Region
from .._hold import PlaceHold
from .._period import Period
from .._person import Person, PlacementRequest, PreviousHome
from .._placement import NOT_IN_A_SERVICE, EndReason, Measure, Placement
from .._provider import Licence, OrganisationIdentifier, Provider, ProviderKind
from .._service import (
    CapacityChange,
    Eligibility,
    Financing,
    Service,
    ServiceType,
    StaffingChange,
)
from ._arguments import check_bounds, check_date, check_flag, given_or

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "agreements",
    "capacity_ceilings",
    "capacity_changes",
    "codes",
    "coordinates",
    "eligibilities",
    "geographies",
    "identifiers",
    "licences",
    "municipalities",
    "organisation_identifiers",
    "parties",
    "periods",
    "persons",
    "placements",
    "providers",
    "regions",
    "requests",
    "reservations",
    "service_types",
    "services",
    "staffing_changes",
    "staffing_histories",
]

FIRST_DAY = date(2016, 1, 1)
"""The first day strategies draw dates from by default."""
LAST_DAY = date(2030, 12, 31)
"""The last day strategies draw dates from by default."""

_PLAIN_ID = st.from_regex(r"[A-Z]{1,3}-[0-9]{1,4}", fullmatch=True)
_UNICODE_ID = st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=16,
).filter(lambda text: IDENTIFIER.fullmatch(text) is not None)
_TEXT = st.text(
    st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40
).filter(lambda text: bool(text.strip()))


def identifiers() -> st.SearchStrategy[str]:
    """Ids as the library takes them: ``"PL-17"``-like, or any Unicode it allows."""
    return st.one_of(_PLAIN_ID, _UNICODE_ID)


def codes() -> st.SearchStrategy[str]:
    """Codes as the library takes them: letters, digits, ``_``, ``.``, ``-``."""
    return st.from_regex(r"[A-Za-zА-Яа-я0-9_.\-]{1,12}", fullmatch=True)


_codes = codes  # for functions whose argument is called ``codes``


def periods(
    *,
    min_start: date = FIRST_DAY,
    max_start: date = LAST_DAY,
    min_days: int = 0,
    max_days: int = 3 * 366,
    open_ended: bool | None = None,
) -> st.SearchStrategy[Period]:
    """Periods starting between ``min_start`` and ``max_start``, of ``min_days`` to
    ``max_days`` days, or open-ended (``open_ended=None`` draws both)."""
    check_date("periods", "min_start", min_start)
    check_date("periods", "max_start", max_start)
    check_bounds("periods", "days", min_days, max_days)
    check_bounds("periods", "start", min_start.toordinal(), max_start.toordinal(), 1)
    if open_ended is not None:
        check_flag("periods", "open_ended", open_ended)
    if max_start.toordinal() + min_days > date.max.toordinal():
        raise InvalidArgument(
            f"periods: max_start={max_start!r} with min_days={min_days!r} "
            "ends after the last day of the calendar"
        )
    starts = st.dates(min_value=min_start, max_value=max_start)
    lengths = st.integers(min_days, max_days)
    ended = st.builds(
        lambda start, days: Period(
            start=start, end=start + timedelta(days=min(days, (date.max - start).days))
        ),
        starts,
        lengths,
    )
    running = st.builds(lambda start: Period(start=start), starts)
    if open_ended is None:
        return st.one_of(ended, running)
    return running if open_ended else ended


_periods = periods  # for functions whose argument is called ``periods``


def coordinates() -> st.SearchStrategy[Coordinates]:
    """Points on the map, in and around Bulgaria; shrinks towards its south-west."""
    return st.builds(
        Coordinates,
        latitude=st.floats(41.2, 44.3, allow_nan=False),
        longitude=st.floats(22.3, 28.7, allow_nan=False),
    )


_coordinates = coordinates


def regions(
    *, codes: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Region]:
    """Regions with a code (by default any the library takes) and names."""
    return st.builds(
        Region,
        code=given_or("regions", "codes", codes, _codes()),
        name=_TEXT,
        name_en=st.none() | _TEXT,
        nuts3=st.none() | st.from_regex(r"BG[0-9]{3}", fullmatch=True),
        iso_3166_2=st.none() | st.from_regex(r"BG-[0-9]{2}", fullmatch=True),
    )


def municipalities(
    *,
    codes: st.SearchStrategy[str] | None = None,
    regions: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Municipality]:
    """Municipalities with a code, a region's code (by default any), names, maybe
    a population and a centroid."""
    return st.builds(
        Municipality,
        code=given_or("municipalities", "codes", codes, _codes()),
        name=_TEXT,
        region=given_or("municipalities", "regions", regions, _codes()),
        name_en=st.none() | _TEXT,
        population=st.none() | st.integers(0, 1_500_000),
        centroid=st.none() | coordinates(),
    )


@st.composite
def _geography(draw: st.DrawFn, regions: int, municipalities: int) -> Geography:
    region_codes = [f"R{i:02d}" for i in range(regions)]
    homes = [region_codes[min(i, regions - 1)] for i in range(municipalities)]
    homes[regions:] = [draw(st.sampled_from(region_codes)) for _ in homes[regions:]]
    codes = [f"{region}M{i:02d}" for i, region in enumerate(homes)]
    pairs = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]]
    borders = (
        draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
        if pairs
        else []
    )
    crossing = {frozenset((a[:3], b[:3])) for a, b in borders if a[:3] != b[:3]}
    return Geography(
        regions=[
            Region(code=code, name=f"Област {code}", name_en=f"Region {code}")
            for code in region_codes
        ],
        municipalities=[
            Municipality(
                code=code,
                name=f"Община {code}",
                name_en=f"Municipality {code}",
                region=code[:3],
                population=draw(st.integers(0, 1_500_000)),
                centroid=draw(_coordinates()),
            )
            for code in codes
        ],
        municipality_neighbours=borders,
        region_neighbours=crossing,
    )


def geographies(
    *,
    min_regions: int = 1,
    max_regions: int = 4,
    min_municipalities: int = 1,
    max_municipalities: int = 12,
    bulgaria: bool = False,
) -> st.SearchStrategy[Geography]:
    """Small made-up geographies whose region borders follow their municipality
    borders; or, with ``bulgaria=True``, the real Bulgarian one."""
    check_bounds("geographies", "regions", min_regions, max_regions, 1)
    check_bounds(
        "geographies", "municipalities", min_municipalities, max_municipalities, 1
    )
    check_flag("geographies", "bulgaria", bulgaria)
    if bulgaria:
        from ..bulgaria import GEOGRAPHY

        return st.just(GEOGRAPHY)
    return st.integers(min_regions, max_regions).flatmap(
        lambda regions: st.integers(
            max(min_municipalities, regions), max(max_municipalities, regions)
        ).flatmap(lambda municipalities: _geography(regions, municipalities))
    )


def _catalogue_codes() -> tuple[str, ...]:
    from ..bulgaria import SERVICE_TYPES

    return tuple(service_type.code for service_type in SERVICE_TYPES)


def _target_group_codes() -> tuple[str, ...]:
    from ..bulgaria import TARGET_GROUPS

    return tuple(group.code for group in TARGET_GROUPS)


def licences(
    *,
    service_types: st.SearchStrategy[str] | None = None,
    target_groups: st.SearchStrategy[str] | None = None,
    periods: st.SearchStrategy[Period] | None = None,
) -> st.SearchStrategy[Licence]:
    """Licences for service types and target groups (by default the Bulgarian
    catalogue's codes), for a period."""
    return st.builds(
        Licence,
        number=_PLAIN_ID,
        service_type=given_or(
            "licences",
            "service_types",
            service_types,
            st.sampled_from(_catalogue_codes()),
        ),
        target_group=given_or(
            "licences",
            "target_groups",
            target_groups,
            st.sampled_from(_target_group_codes()),
        ),
        period=given_or("licences", "periods", periods, _periods()),
    )


_DIGITS = "0123456789"


def _with_check_digit(stem: str) -> str:
    """``stem`` and the one digit that makes it a valid EIK."""
    return next(stem + d for d in _DIGITS if eik_problem(stem + d) is None)


@st.composite
def _eiks(draw: st.DrawFn) -> str:
    """Valid EIKs: 9 digits, or 13 for a unit (shrinking towards ``000000000``)."""
    code = _with_check_digit(draw(st.text(_DIGITS, min_size=8, max_size=8)))
    if draw(st.booleans()):
        code = _with_check_digit(code + draw(st.text(_DIGITS, min_size=3, max_size=3)))
    return code


_IN_SCHEME: dict[str, st.SearchStrategy[str]] = {
    "BG-EIK": _eiks(),
    "US-EIN": st.from_regex(r"[0-9]{2}-[0-9]{7}", fullmatch=True),
    "GB-COH": st.from_regex(r"(?:[0-9]{2}|SC|NI|OC)[0-9]{6}", fullmatch=True),
}
"""Identifiers as each scheme writes them; a scheme not here draws plain ids."""


def organisation_identifiers(
    *, schemes: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[OrganisationIdentifier]:
    """Identifiers valid in their scheme, by default ``BG-EIK`` (a Bulgarian
    EIK of 9 or 13 digits with valid check digits), ``US-EIN`` or ``GB-COH``.

    ``schemes`` draws org-id.guide list codes; a scheme other than those
    three gets plain ids (``"PL-17"``-like). Shrinks towards
    ``BG-EIK-000000000``.

    .. versionadded:: 0.5
    """
    drawn = given_or(
        "organisation_identifiers",
        "schemes",
        schemes,
        st.sampled_from(tuple(_IN_SCHEME)),
    )
    return drawn.flatmap(
        lambda scheme: st.builds(
            OrganisationIdentifier,
            scheme=st.just(scheme),
            identifier=_IN_SCHEME.get(scheme, _PLAIN_ID),
        )
    )


def providers(
    *,
    ids: st.SearchStrategy[str] | None = None,
    kinds: st.SearchStrategy[ProviderKind] | None = None,
    min_licences: int = 0,
    max_licences: int = 3,
) -> st.SearchStrategy[Provider]:
    """Providers of any kind, with ``min_licences`` to ``max_licences`` licences
    and up to two :func:`organisation_identifiers`."""
    check_bounds("providers", "licences", min_licences, max_licences)
    return st.builds(
        Provider,
        id=given_or("providers", "ids", ids, identifiers()),
        name=_TEXT,
        kind=given_or("providers", "kinds", kinds, st.sampled_from(ProviderKind)),
        uic=st.none()
        | st.sampled_from(
            [
                "175074752",
                "020469788",
                "1213961230342",
                "BG-EIK-175074752",
                "US-EIN-12-3456789",
                "DE-HRB-1",
            ]
        ),
        licences=st.lists(licences(), min_size=min_licences, max_size=max_licences),
        identifiers=st.lists(organisation_identifiers(), max_size=2),
    )


def service_types(*, catalogue: bool = False) -> st.SearchStrategy[ServiceType]:
    """Service types: made up, or with ``catalogue=True`` one of the Bulgarian catalogue's."""
    check_flag("service_types", "catalogue", catalogue)
    if catalogue:
        from ..bulgaria import SERVICE_TYPES

        return st.sampled_from(SERVICE_TYPES)
    return st.builds(
        ServiceType,
        code=codes(),
        name=_TEXT,
        name_en=st.none() | _TEXT,
        residential=st.booleans(),
        family_based=st.booleans(),
        activities=st.frozensets(codes(), max_size=3),
        aliases=st.frozensets(_TEXT, max_size=3),
        eligibility=st.none() | eligibilities(),
    )


def eligibilities() -> st.SearchStrategy[Eligibility]:
    """Eligibility rules: target groups, an age range (possibly open), needs."""
    return st.tuples(
        st.none() | st.integers(0, 99), st.none() | st.integers(0, 99)
    ).flatmap(
        lambda ages: st.builds(
            Eligibility,
            target_groups=st.frozensets(
                st.sampled_from(_target_group_codes()), max_size=2
            ),
            min_age=st.just(ages[0]),
            max_age=st.just(None if ages[1] is None else max(ages[1], ages[0] or 0)),
            needs=st.frozensets(codes(), max_size=2),
        )
    )


def capacity_changes(
    *,
    effective: st.SearchStrategy[date] | None = None,
    max_places: int = 30,
) -> st.SearchStrategy[CapacityChange]:
    """A change of capacity to up to ``max_places`` places on an effective day."""
    check_bounds("capacity_changes", "places", 0, max_places)
    return st.builds(
        CapacityChange,
        effective=given_or(
            "capacity_changes", "effective", effective, st.dates(FIRST_DAY, LAST_DAY)
        ),
        places=st.integers(0, max_places),
    )


@st.composite
def _capacity(
    draw: st.DrawFn, start: date, max_places: int, max_changes: int
) -> list[CapacityChange]:
    offsets = draw(
        st.lists(st.integers(1, 3000), unique=True, max_size=max_changes - 1)
    )
    days = [start, *(start + timedelta(days=offset) for offset in sorted(offsets))]
    return [
        CapacityChange(effective=day, places=draw(st.integers(0, max_places)))
        for day in days
    ]


def staffing_changes(
    *,
    effective: st.SearchStrategy[date] | None = None,
    max_positions: int = 30,
) -> st.SearchStrategy[StaffingChange]:
    """A change of staffing to up to ``max_positions`` positions on an
    effective day, some or all of them filled; shrinks towards no positions.

    .. versionadded:: 0.5
    """
    check_bounds("staffing_changes", "positions", 0, max_positions)
    days = given_or(
        "staffing_changes", "effective", effective, st.dates(FIRST_DAY, LAST_DAY)
    )
    return st.builds(
        _staffed, days, st.integers(0, max_positions), st.integers(0, max_positions)
    )


def _staffed(effective: date, positions: int, filled: int) -> StaffingChange:
    """A staffing change whose filled posts are ``filled`` cut to ``positions``."""
    return StaffingChange(
        effective=effective, positions=positions, filled=min(filled, positions)
    )


@st.composite
def staffing_histories(
    draw: st.DrawFn, start: date, max_positions: int
) -> tuple[StaffingChange, ...]:
    """Now and then (shrinking to never) a history of staffing from ``start``
    on: up to three changes, the first on ``start``."""
    if not draw(st.booleans()):
        return ()
    offsets = draw(st.lists(st.integers(1, 3000), unique=True, max_size=2))
    days = [start, *(start + timedelta(days=offset) for offset in sorted(offsets))]
    return tuple(
        _staffed(
            day,
            draw(st.integers(0, max_positions)),
            draw(st.integers(0, max_positions)),
        )
        for day in days
    )


def services(
    *,
    ids: st.SearchStrategy[str] | None = None,
    types: st.SearchStrategy[str] | None = None,
    providers: st.SearchStrategy[str] | None = None,
    municipalities: st.SearchStrategy[str] | None = None,
    max_places: int = 30,
    max_changes: int = 3,
) -> st.SearchStrategy[Service]:
    """Services with a capacity history of 1 to ``max_changes`` changes of up to
    ``max_places`` places, the first on the day the service starts operating;
    now and then one whose operating days are not recorded (``None``), its
    capacity history as it would have been; now and then a staffing history
    from the same day on (:func:`staffing_changes`)."""
    check_bounds("services", "places", 0, max_places)
    check_bounds("services", "changes", 1, max_changes, 1)
    operating = periods(max_start=date(2026, 12, 31))
    service_ids = given_or("services", "ids", ids, identifiers())
    type_codes = given_or("services", "types", types, codes())
    provider_ids = given_or("services", "providers", providers, identifiers())
    places = given_or("services", "municipalities", municipalities, codes())
    return operating.flatmap(
        lambda period: st.builds(
            Service,
            id=service_ids,
            name=_TEXT,
            type=type_codes,
            provider=provider_ids,
            municipality=places,
            operating=st.sampled_from([period, period, period, None]),
            capacity=_capacity(period.start, max_places, max_changes),
            eligibility=eligibilities(),
            financing=st.none() | st.sampled_from(Financing),
            staff=st.none() | st.integers(0, 200),
            staffing=staffing_histories(period.start, max_places),
        )
    )


def persons(
    *,
    ids: st.SearchStrategy[str] | None = None,
    birth_dates: st.SearchStrategy[date] | None = None,
    home_municipalities: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Person]:
    """People: a birth date, a home municipality, maybe a sibling group, needs,
    now and then a date of death (on or after the birth; shrinks to none), and
    now and then homes they lived in before (shrinks to none)."""
    id_strategy = given_or("persons", "ids", ids, identifiers())
    home_strategy = given_or(
        "persons", "home_municipalities", home_municipalities, codes()
    )
    return given_or(
        "persons",
        "birth_dates",
        birth_dates,
        st.dates(date(1920, 1, 1), date(2026, 12, 31)),
    ).flatmap(
        lambda born: st.builds(
            Person,
            id=id_strategy,
            birth_date=st.just(born),
            home_municipality=home_strategy,
            sibling_group=st.none() | _PLAIN_ID,
            needs=st.frozensets(codes(), max_size=2),
            target_groups=st.frozensets(
                st.sampled_from(_target_group_codes()), max_size=2
            ),
            died=st.one_of(st.none(), st.none(), st.none(), st.dates(min_value=born)),
            previous_homes=st.one_of(
                st.just(()),
                st.just(()),
                st.lists(
                    previous_homes(
                        municipalities=home_strategy, until=st.dates(min_value=born)
                    ),
                    max_size=2,
                    unique_by=_until,
                ),
            ),
        )
    )


def previous_homes(
    *,
    municipalities: st.SearchStrategy[str] | None = None,
    until: st.SearchStrategy[date] | None = None,
) -> st.SearchStrategy[PreviousHome]:
    """A home a person lived in before a day (:class:`~socialservices.PreviousHome`)."""
    return st.builds(
        PreviousHome,
        municipality=given_or(
            "previous_homes", "municipalities", municipalities, codes()
        ),
        until=given_or("previous_homes", "until", until, st.dates(FIRST_DAY, LAST_DAY)),
    )


def placements(
    *,
    ids: st.SearchStrategy[str] | None = None,
    persons: st.SearchStrategy[str] | None = None,
    services: st.SearchStrategy[str] | None = None,
    periods: st.SearchStrategy[Period] | None = None,
) -> st.SearchStrategy[Placement]:
    """Placements of a person in a service for a period; an end reason only
    when the period has an end. Unless ``services`` is given, now and then one
    in no service, with parents, relatives or prospective adopters."""
    period_strategy = given_or("placements", "periods", periods, _periods())
    placement_ids = given_or("placements", "ids", ids, identifiers())
    person_ids = given_or("placements", "persons", persons, identifiers())
    service_ids = given_or("placements", "services", services, identifiers())

    def placed(
        where: st.SearchStrategy[str | None],
        measures: st.SearchStrategy[Measure | None],
    ) -> st.SearchStrategy[Placement]:
        return period_strategy.flatmap(
            lambda period: st.builds(
                Placement,
                id=placement_ids,
                person=person_ids,
                service=where,
                period=st.just(period),
                measure=measures,
                legal_basis=st.none() | _TEXT,
                end_reason=_end_reasons(period),
            )
        )

    in_service = placed(service_ids, st.none() | st.sampled_from(Measure))
    if services is not None:
        return in_service
    return in_service | placed(st.none(), st.sampled_from(_NOT_IN_A_SERVICE))


_NOT_IN_A_SERVICE = sorted(NOT_IN_A_SERVICE, key=lambda measure: measure.value)


def _end_reasons(period: Period) -> st.SearchStrategy[EndReason | None]:
    return st.none() if period.end is None else st.sampled_from(EndReason)


def _until(home: PreviousHome) -> date:
    return home.until


def agreements(
    *,
    ids: st.SearchStrategy[str] | None = None,
    services: st.SearchStrategy[str] | None = None,
    municipalities: st.SearchStrategy[str] | None = None,
    max_services: int = 3,
) -> st.SearchStrategy[Agreement]:
    """Agreements of any kind between parties, over services, with reservations."""
    check_bounds("agreements", "services", 0, max_services)
    service_ids = given_or("agreements", "services", services, identifiers())
    places = given_or("agreements", "municipalities", municipalities, codes())
    return st.builds(
        Agreement,
        id=given_or("agreements", "ids", ids, identifiers()),
        kind=st.sampled_from(AgreementKind),
        title=_TEXT,
        period=periods(),
        parties=st.lists(parties(), max_size=3),
        signed=st.none() | st.dates(FIRST_DAY, LAST_DAY),
        services=st.frozensets(service_ids, max_size=max_services),
        reservations=st.lists(
            reservations(services=service_ids, municipalities=places), max_size=2
        ),
    )


def parties(
    *,
    ids: st.SearchStrategy[str] | None = None,
    kinds: st.SearchStrategy[PartyKind] | None = None,
) -> st.SearchStrategy[Party]:
    """Parties to an agreement: a kind, an id, maybe a role."""
    return st.builds(
        Party,
        kind=given_or("parties", "kinds", kinds, st.sampled_from(PartyKind)),
        id=given_or("parties", "ids", ids, identifiers()),
        role=st.none() | _TEXT,
    )


def reservations(
    *,
    services: st.SearchStrategy[str] | None = None,
    municipalities: st.SearchStrategy[str] | None = None,
    max_places: int = 10,
) -> st.SearchStrategy[Reservation]:
    """Places of a service held for residents of a municipality, up to ``max_places``."""
    check_bounds("reservations", "places", 0, max_places)
    return st.builds(
        Reservation,
        service=given_or("reservations", "services", services, identifiers()),
        for_municipality=given_or(
            "reservations", "municipalities", municipalities, codes()
        ),
        places=st.integers(0, max_places),
    )


def place_holds(
    *,
    requests: st.SearchStrategy[str] | None = None,
    services: st.SearchStrategy[str] | None = None,
    max_places: int = 4,
) -> st.SearchStrategy[PlaceHold]:
    """Places of a service held for a request, 1 to ``max_places``, through a
    period (open-ended or not).

    .. versionadded:: 0.5
    """
    check_bounds("place_holds", "places", 1, max_places, 1)
    return st.builds(
        PlaceHold,
        request=given_or("place_holds", "requests", requests, identifiers()),
        service=given_or("place_holds", "services", services, identifiers()),
        places=st.integers(1, max_places),
        period=periods(),
    )


def capacity_ceilings() -> st.SearchStrategy[CapacityCeiling]:
    """Ceilings on the users of a service type in a municipality or region."""
    return st.builds(
        CapacityCeiling,
        area=codes(),
        service_type=codes(),
        max_users=st.integers(0, 500),
    )


def requests(
    *,
    ids: st.SearchStrategy[str] | None = None,
    persons: st.SearchStrategy[str] | None = None,
    max_persons: int = 4,
) -> st.SearchStrategy[PlacementRequest]:
    """Requests to place one person or a sibling group together."""
    check_bounds("requests", "persons", 1, max_persons, 1)
    members = given_or("requests", "persons", persons, identifiers())
    return st.builds(
        PlacementRequest,
        id=given_or("requests", "ids", ids, identifiers()),
        persons=st.lists(members, min_size=1, max_size=max_persons, unique=True),
        requested_on=st.dates(FIRST_DAY, LAST_DAY),
        acceptable_types=st.frozensets(st.sampled_from(_catalogue_codes()), max_size=3),
    )
