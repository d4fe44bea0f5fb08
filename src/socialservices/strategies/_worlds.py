"""Coherent worlds: registries whose references resolve and whose data break no rule.

How a world is made, so that it is right by construction rather than by
filtering:

- services of the Bulgarian catalogue's types, each for children (aged 3 to 17
  in residential care, 0 to 17 elsewhere) or for adults, in municipalities of
  the geography, run by their municipality or by a licensed NGO or company under
  a management contract; licence and contract cover the whole operating period;
- every place of a service is a *slot*, usable on the days its capacity exceeds
  the slot's number; placements in one slot follow each other without
  overlapping, so no day ever has more people than places;
- each placement is one person's, eligible on the start date, living in the
  service's oblast; a child's placement ends by the eighteenth birthday; an end
  reason exactly when the placement has an end; the measure follows the type
  (family-based: foster family, residential: residential care);
- some children wait with a placement request, alone or as siblings.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .._agreement import Agreement, AgreementKind, Party, PartyKind
from .._geography import Geography
from .._period import Period
from .._person import Person, PlacementRequest, PreviousHome
from .._placement import EndReason, Measure, Placement
from .._provider import Licence, Provider, ProviderKind
from .._registry import Registry
from .._service import CapacityChange, Eligibility, Service, ServiceType
from ._arguments import check_bounds, check_flag
from ._values import LAST_DAY, geographies, staffing_histories

__all__ = ["registries"]

_CHILDREN_TYPES = ("FTPC", "FOSTER_CARE", "CSC", "DAY_CENTRE", "CRISIS_CENTRE")
_ADULT_TYPES = (
    "SHELTERED_HOME",
    "TRANSITIONAL_HOME",
    "CSRI",
    "DAY_CENTRE",
    "CRISIS_CENTRE",
)
_FIRST_START = date(2016, 1, 1)
_LAST_START = date(2026, 1, 1)


@attrs.define
class _Plan:
    """A service as it is being filled: its facts and the cursor of each slot."""

    service: Service
    service_type: ServiceType
    for_children: bool
    cursors: dict[int, date | None] = attrs.field(factory=dict)  # None: taken for good

    @property
    def operating(self) -> Period:
        """The service's operating period (a drawn service always has one)."""
        operating = self.service.operating
        assert operating is not None
        return operating

    @property
    def most_places(self) -> int:
        return max(change.places for change in self.service.capacity)

    def segments(self, slot: int) -> list[tuple[date, date | None]]:
        """The runs of days on which ``slot`` is a place of the service."""
        changes = self.service.capacity
        end = self.operating.end
        runs: list[tuple[date, date | None]] = []
        for i, change in enumerate(changes):
            if change.places <= slot:
                continue
            until = changes[i + 1].effective if i + 1 < len(changes) else end
            if end is not None and until is not None:
                until = min(until, end)
            if until is None or change.effective < until:
                runs.append((change.effective, until))
        return runs


@st.composite
def _capacity(draw: st.DrawFn, start: date, max_places: int) -> list[CapacityChange]:
    first = CapacityChange(effective=start, places=draw(st.integers(1, max_places)))
    later = draw(st.lists(st.integers(30, 2000), max_size=2, unique=True))
    return [
        first,
        *(
            CapacityChange(
                effective=start + timedelta(days=d),
                places=draw(st.integers(0, max_places)),
            )
            for d in sorted(later)
        ),
    ]


@st.composite
def _service_plan(
    draw: st.DrawFn,
    number: int,
    geography: Geography,
    types: dict[str, ServiceType],
    max_places: int,
) -> tuple[_Plan, Provider | None, Agreement | None]:
    municipality = draw(st.sampled_from(geography.municipalities)).code
    for_children = draw(st.booleans())
    service_type = types[
        draw(st.sampled_from(_CHILDREN_TYPES if for_children else _ADULT_TYPES))
    ]
    start = draw(st.dates(_FIRST_START, _LAST_START))
    ends = draw(st.booleans())
    operating = (
        Period(start=start, end=start + timedelta(days=draw(st.integers(365, 4000))))
        if ends
        else Period(start=start)
    )
    group = "children" if for_children else "adults"
    youngest = (3 if service_type.residential else 0) if for_children else 18
    private = draw(st.booleans())
    provider_id = f"P-{number:03d}" if private else f"P-{municipality}"
    service = Service(
        id=f"S-{number:03d}",
        name=f"{service_type.name} {number}",
        type=service_type.code,
        provider=provider_id,
        municipality=municipality,
        operating=operating,
        capacity=[  # no change after it closes: PER004 would warn
            change
            for change in draw(_capacity(start, max_places))
            if operating.contains(change.effective)
        ],
        staffing=[  # none after it closes, as for capacity
            change
            for change in draw(staffing_histories(start, max_places))
            if operating.contains(change.effective)
        ],
        eligibility=Eligibility(
            target_groups={group},
            min_age=youngest,
            max_age=17 if for_children else None,
        ),
    )
    if not private:
        return _Plan(service, service_type, for_children), None, None
    provider = Provider(
        id=provider_id,
        name=f"Сдружение {number}",
        kind=draw(st.sampled_from([ProviderKind.NGO, ProviderKind.COMPANY])),
        licences=[
            Licence(
                number=f"L-{number:03d}",
                service_type=service_type.code,
                target_group=group,
                period=operating,
            )
        ],
    )
    contract = Agreement(
        id=f"A-{number:03d}",
        kind=AgreementKind.MANAGEMENT_CONTRACT,
        title=f"Договор за управление на {service.name}",
        parties=[
            Party(kind=PartyKind.MUNICIPALITY, id=municipality),
            Party(kind=PartyKind.PROVIDER, id=provider_id),
        ],
        signed=start - timedelta(days=draw(st.integers(1, 60))),
        period=operating,
        services={service.id},
    )
    return _Plan(service, service_type, for_children), provider, contract


@st.composite
def _placement(
    draw: st.DrawFn, number: int, plans: list[_Plan], geography: Geography
) -> tuple[Person, Placement] | None:
    plan = draw(st.sampled_from(plans))
    slot = draw(st.integers(0, max(plan.most_places - 1, 0)))
    cursor = plan.cursors.get(slot, plan.operating.start)
    if cursor is None:
        return None
    runs = [
        (max(s, cursor), e)
        for s, e in plan.segments(slot)
        if e is None or max(s, cursor) < e
    ]
    if not runs:
        return None
    run_start, run_end = draw(st.sampled_from(runs))
    room = ((run_end or LAST_DAY) - run_start).days
    start = run_start + timedelta(days=draw(st.integers(0, max(room - 1, 0))))
    end: date | None = start + timedelta(days=draw(st.integers(1, 1500)))
    if run_end is None and draw(st.booleans()):
        end = None
    elif run_end is not None and end is not None and end > run_end:
        end = run_end
    eligibility = plan.service.eligibility
    youngest = eligibility.min_age or 0
    age = draw(st.integers(youngest, 17 if plan.for_children else 90))
    birth = start - relativedelta(years=age) - timedelta(days=draw(st.integers(0, 364)))
    while (
        birth + relativedelta(years=age + 1) <= start
    ):  # keep exactly ``age`` on start
        birth += timedelta(days=1)
    if plan.for_children:
        adult = birth + relativedelta(years=18)
        end = adult if end is None else min(end, adult)
    if end is not None and end <= start:
        return None
    plan.cursors[slot] = end
    home = draw(
        st.sampled_from(
            geography.municipalities_in(
                geography.municipality(plan.service.municipality).region
            )
        )
    ).code
    earlier: list[PreviousHome] = []
    if draw(st.integers(0, 5)) == 0:  # moved since the placement began
        moved_to = draw(st.sampled_from(geography.municipalities)).code
        if moved_to != home:
            until = start + timedelta(days=draw(st.integers(1, 2000)))
            earlier.append(PreviousHome(municipality=home, until=until))
            home = moved_to
    person = Person(
        id=f"C-{number:04d}",
        birth_date=birth,
        home_municipality=home,
        target_groups={"children" if plan.for_children else "adults"},
        previous_homes=earlier,
    )
    measure = None
    if plan.for_children and plan.service_type.family_based:
        measure = Measure.FOSTER_FAMILY
    elif plan.for_children and plan.service_type.residential:
        measure = Measure.RESIDENTIAL
    placement = Placement(
        id=f"PL-{number:04d}",
        person=person.id,
        service=plan.service.id,
        period=Period(start=start, end=end),
        measure=measure,
        end_reason=None if end is None else draw(st.sampled_from(EndReason)),
    )
    return person, placement


@st.composite
def _requests(
    draw: st.DrawFn, geography: Geography, count: int
) -> tuple[list[Person], list[PlacementRequest]]:
    persons: list[Person] = []
    requests: list[PlacementRequest] = []
    for number in range(count):
        home = draw(st.sampled_from(geography.municipalities)).code
        siblings = draw(st.integers(1, 3))
        group = f"G-{number:03d}" if siblings > 1 else None
        asked = draw(st.dates(date(2026, 1, 1), date(2026, 12, 31)))
        members = [
            Person(
                id=f"W-{number:03d}-{k}",
                birth_date=asked - timedelta(days=draw(st.integers(3 * 366, 17 * 365))),
                home_municipality=home,
                sibling_group=group,
                target_groups={"children"},
            )
            for k in range(siblings)
        ]
        persons += members
        requests.append(
            PlacementRequest(
                id=f"R-{number:03d}",
                persons=[m.id for m in members],
                requested_on=asked,
            )
        )
    return persons, requests


def _world_service_types() -> dict[str, ServiceType]:
    from ..bulgaria import SERVICE_TYPES

    return {service_type.code: service_type for service_type in SERVICE_TYPES}


@st.composite
def _world(
    draw: st.DrawFn, geography: st.SearchStrategy[Geography], bounds: dict[str, int]
) -> Registry:
    world = draw(geography)
    types = _world_service_types()
    built = [
        draw(_service_plan(number, world, types, bounds["max_places"]))
        for number in range(
            draw(st.integers(bounds["min_services"], bounds["max_services"]))
        )
    ]
    plans = [plan for plan, _, _ in built]
    persons: list[Person] = []
    placements: list[Placement] = []
    wanted = (
        draw(st.integers(bounds["min_placements"], bounds["max_placements"]))
        if plans
        else 0
    )
    for number in range(wanted):
        made = draw(_placement(number, plans, world))
        if made is not None:
            persons.append(made[0])
            placements.append(made[1])
    waiting, requests = draw(
        _requests(world, draw(st.integers(0, bounds["max_requests"])))
    )
    municipal = {
        plan.service.provider: Provider(
            id=plan.service.provider,
            name=f"Община {plan.service.municipality}",
            kind=ProviderKind.MUNICIPALITY,
        )
        for plan in plans
        if plan.service.provider == f"P-{plan.service.municipality}"
    }
    return Registry(
        geography=world,
        providers=[
            *municipal.values(),
            *(provider for _, provider, _ in built if provider is not None),
        ],
        service_types=list(types.values()),
        services=[plan.service for plan in plans],
        persons=[*persons, *waiting],
        placements=placements,
        agreements=[contract for _, _, contract in built if contract is not None],
        requests=requests,
    )


def _places(
    geography: Geography | st.SearchStrategy[Geography] | None, bulgaria: bool
) -> st.SearchStrategy[Geography]:
    """The geography argument of :func:`registries` as a strategy, checked."""
    if geography is None:
        return geographies(bulgaria=bulgaria)
    if isinstance(geography, st.SearchStrategy):
        return geography
    if not isinstance(geography, Geography):
        raise InvalidArgument(
            f"registries: geography={geography!r} must be a Geography or a strategy"
        )
    if not geography.municipalities:
        raise InvalidArgument("registries: the geography has no municipality")
    return st.just(geography)


def registries(
    *,
    geography: Geography | st.SearchStrategy[Geography] | None = None,
    bulgaria: bool = False,
    min_services: int = 0,
    max_services: int = 6,
    min_placements: int = 0,
    max_placements: int = 30,
    max_places: int = 12,
    max_requests: int = 3,
) -> st.SearchStrategy[Registry]:
    """Coherent worlds: every reference resolves, nobody is placed beyond capacity,
    everyone placed was eligible on the start date and lived in the service's
    oblast then (some have moved since: ``previous_homes``), and private
    providers hold the licences and management contracts for what they run.

    The geography is made up (small), given, or with ``bulgaria=True`` the real
    Bulgarian one. ``min_placements`` is a target: a placement that finds no
    room is left out, so a world may hold fewer.
    """
    check_bounds("registries", "services", min_services, max_services)
    check_bounds("registries", "placements", min_placements, max_placements)
    check_bounds("registries", "places", 1, max_places, 1)
    check_bounds("registries", "requests", 0, max_requests)
    check_flag("registries", "bulgaria", bulgaria)
    places = _places(geography, bulgaria)
    bounds: dict[str, Any] = {
        "min_services": min_services,
        "max_services": max_services,
        "min_placements": min_placements,
        "max_placements": max_placements,
        "max_places": max_places,
        "max_requests": max_requests,
    }
    return _world(places, bounds)
