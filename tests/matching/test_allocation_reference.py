"""allocate held to its specification, by a brute-force reference of who gets what.

The reference, for a small world, enumerates every assignment of the
considered requests (in waiting order: by ``requested_on``, then id, leaving
out those naming an unknown person or one an earlier request names), each
to one service that qualifies for it whole (as ``_can_take`` in
``test_matching_properties``) or to nothing. It keeps those that fit the
places (places held by an agreement for a municipality go only to persons
who live there, siblings too) and scores each on the policy's levels,
written from their definitions with the registry's public queries only:
persons placed, children in family-based care, then each person counted at
their own home (the tier levels cumulative, ``TIER_COST`` summed) and last
the total distance in whole metres from each person's home.

Held to it: allocate's who-gets-what is one of the lexicographically best;
no request envies a later request's outcome where the two could exchange
without changing any level (a request prefers what ``rank`` puts first for
it); such an allocation always exists, and when it is the only one allocate
returns it; the objective and ``per_tier`` are those of the assignments; an
unplaced request says why. Concrete examples on the real Bulgarian geography
show the same rules on places social workers know.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Literal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialservices import (
    Agreement,
    AgreementKind,
    CapacityChange,
    Coordinates,
    Eligibility,
    Geography,
    Measure,
    Period,
    Person,
    PlacementRequest,
    Proximity,
    Registry,
    Reservation,
    Service,
    ServiceType,
)
from socialservices.bulgaria import GEOGRAPHY as BULGARIA
from socialservices.bulgaria import SERVICE_TYPES
from socialservices.matching import (
    Allocation,
    ExclusionReason,
    Level,
    Policy,
    UnplacedReason,
    allocate,
    allocate_first_come,
    rank,
)

from .test_matching_properties import (
    GEOGRAPHY,
    MUNICIPALITIES,
    ON,
    POLICIES,
    TYPES,
    _birth,
    _can_take,
    _fits,
    _home,
    _homes,
    _score,
    _signed,
    considered_requests,
    worlds,
)

pytestmark = pytest.mark.properties

World = tuple[Registry, list[PlacementRequest]]
Solver = Literal["highs", "builtin"]
SOLVERS: tuple[Solver, ...] = ("highs", "builtin")
Choice = tuple["str | None", ...]
"""A service id (or ``None``: unplaced) for each considered request, in
waiting order."""

# The properties' small geography, with centroids for all but E: distances
# then tell places of one tier apart, and E is the unknown distance.
_CENTROIDS = {
    "A": Coordinates(latitude=42.00, longitude=23.00),
    "B": Coordinates(latitude=42.13, longitude=23.31),
    "C": Coordinates(latitude=41.71, longitude=23.47),
    "D": Coordinates(latitude=42.62, longitude=23.89),
}
GEOGRAPHY_WITH_CENTROIDS = attrs.evolve(
    GEOGRAPHY,
    municipalities=[
        attrs.evolve(municipality, centroid=_CENTROIDS.get(municipality.code))
        for municipality in GEOGRAPHY.municipalities
    ],
)


def _with_centroids(world: World) -> World:
    registry, requests = world
    return attrs.evolve(registry, geography=GEOGRAPHY_WITH_CENTROIDS), requests


def any_worlds(
    *, max_requests: int = 7, max_services: int = 4
) -> st.SearchStrategy[World]:
    """The properties' worlds (siblings sometimes from other municipalities),
    on the geography without centroids or with them."""
    small = worlds(max_requests=max_requests, max_services=max_services)
    return st.one_of(small, small.map(_with_centroids))


@st.composite
def contests(draw: st.DrawFn) -> World:
    """Few places that many want alike: services and homes in one to three
    municipalities, requests of one or two persons made on one of two days,
    everyone eligible (toddlers for foster care only). Allocations here tie
    at every level and waiting order alone must decide; random worlds rarely
    come so close (in these the reference found envious sibling groups that
    it missed in the worlds above at a hundred examples)."""
    geography = draw(st.sampled_from((GEOGRAPHY, GEOGRAPHY_WITH_CENTROIDS)))
    where = draw(
        st.lists(st.sampled_from(MUNICIPALITIES), min_size=1, max_size=3, unique=True)
    )
    services = [
        Service(
            id=f"S{s}",
            name=f"S{s}",
            type=draw(st.sampled_from(("FTPC", "FTPC", "FOSTER"))),
            provider="P",
            municipality=draw(st.sampled_from(where)),
            operating=Period(start=date(2020, 1, 1)),
            capacity=[
                CapacityChange(
                    effective=date(2020, 1, 1), places=draw(st.integers(1, 3))
                )
            ],
        )
        for s in range(draw(st.integers(1, 2)))
    ]
    persons: list[Person] = []
    requests: list[PlacementRequest] = []
    for r in range(draw(st.integers(3, 7))):
        home = draw(st.sampled_from(where))
        ids = [f"C{r}{m}" for m in range(draw(st.integers(1, 2)))]
        persons.extend(
            Person(
                id=id,
                birth_date=_birth(draw(st.sampled_from((8, 8, 30, 2))), 0),
                home_municipality=home
                if draw(st.booleans())
                else draw(st.sampled_from(where)),
            )
            for id in ids
        )
        requests.append(
            PlacementRequest(
                id=f"R{r}",
                persons=ids,
                requested_on=ON - timedelta(days=draw(st.integers(0, 1))),
            )
        )
    registry = Registry(
        geography=geography,
        service_types=TYPES,
        services=services,
        persons=persons,
        requests=requests,
    )
    return registry, requests


ALL_POLICIES = st.one_of(
    POLICIES,
    st.sampled_from(
        (
            Policy(proximity_first=True),
            Policy.weighted((0, 2, 2, 5, 9), proximity_first=True),
            Policy(levels=(Level.PLACED, Level.SAME_MUNICIPALITY, Level.DISTANCE)),
            Policy(levels=(Level.PLACED, Level.FAMILY_BASED)),
        )
    ),
)


# -- the reference -------------------------------------------------------------------


def _considered(
    registry: Registry, requests: Sequence[PlacementRequest]
) -> list[PlacementRequest]:
    """The requests allocate places, in waiting order."""
    return considered_requests(registry, requests)


def _measure(kind: ServiceType) -> Measure | None:
    if kind.family_based:
        return Measure.FOSTER_FAMILY
    if kind.residential:
        return Measure.RESIDENTIAL
    return None


class Reference:
    """Every assignment of a small world's considered requests, scored."""

    def __init__(
        self,
        registry: Registry,
        requests: Sequence[PlacementRequest],
        policy: Policy,
    ) -> None:
        self.registry = registry
        self.policy = policy
        self.considered = _considered(registry, requests)
        self.persons = {
            r.id: [registry.person(id) for id in r.persons] for r in self.considered
        }
        self.homes = {r.id: _home(self.persons[r.id]) for r in self.considered}
        self.options: list[list[str | None]] = [
            [
                None,
                *(
                    service.id
                    for service in registry.services
                    if _can_take(registry, request, service, policy)
                ),
            ]
            for request in self.considered
        ]
        self._scores: dict[Choice, tuple[int, ...] | None] = {}

    def score(self, choice: Choice) -> tuple[int, ...] | None:
        """The levels of ``choice``, higher better at each (costs negated);
        ``None`` when it does not fit the places."""
        if choice in self._scores:
            return self._scores[choice]
        registry = self.registry
        use: dict[str, Counter[str]] = {}
        for request, service in zip(self.considered, choice, strict=True):
            if service is not None:
                by_home = use.setdefault(service, Counter())
                by_home.update(_homes(self.persons[request.id]))
        found = None
        if _fits(registry, use):
            services = [None if s is None else registry.service(s) for s in choice]
            found = _score(registry, self.considered, services, self.policy)
        self._scores[choice] = found
        return found

    def feasible(self) -> Iterator[tuple[Choice, tuple[int, ...]]]:
        for choice in itertools.product(*self.options):
            score = self.score(choice)
            if score is not None:
                yield choice, score

    def optimal(self) -> tuple[tuple[int, ...], list[Choice]]:
        """The best score and every choice that reaches it."""
        best: tuple[int, ...] | None = None
        found: list[Choice] = []
        for choice, score in self.feasible():
            if best is None or score > best:
                best, found = score, [choice]
            elif score == best:
                found.append(choice)
        assert best is not None  # leaving everyone unplaced always fits
        return best, found

    def choice_of(self, allocation: Allocation) -> Choice:
        """Who gets what in ``allocation``, for the considered requests."""
        placed = {a.request: a.service for a in allocation.assignments}
        return tuple(placed.get(request.id) for request in self.considered)

    def preference(
        self, request: PlacementRequest, service_id: str
    ) -> tuple[float, ...]:
        """How ``request`` ranks ``service_id``, lower better (as ``rank``
        orders candidates, the id aside): the measure for a child and the
        tier's cost from the request's home, swapped when proximity comes
        first, then the distance from that home (unknown: infinity)."""
        registry, policy = self.registry, self.policy
        service = registry.service(service_id)
        home = self.homes[request.id]
        tier = registry.geography.proximity(home, service.municipality)
        children = policy.children
        measure = 0
        if children is not None and any(
            children.is_child(person, ON) for person in self.persons[request.id]
        ):
            found = _measure(registry.service_type(service.type))
            order = children.measures
            measure = len(order.measures) if found is None else order.rank(found)
        keys = (measure, policy.tier_cost(tier))
        if policy.proximity_first:
            keys = (keys[1], keys[0])
        km = registry.geography.distance_km(home, service.municipality)
        return (*keys, math.inf if km is None else km)

    def prefers(
        self, request: PlacementRequest, new: str | None, old: str | None
    ) -> bool:
        """Whether ``request`` strictly prefers outcome ``new`` to ``old``."""
        if new is None:
            return False
        if old is None:
            return True
        return self.preference(request, new) < self.preference(request, old)

    def envious(
        self, choice: Choice, *, any_sizes: bool = False
    ) -> list[tuple[str, str, str | None, str]]:
        """Every (a, b, a's outcome, b's service) where a waited longer than
        b, b's service would take a, a's outcome would take b (or is none),
        the exchange fits and keeps every level, and a prefers b's service.

        Only requests of one size are compared unless ``any_sizes``: the
        library does not yet exchange a single person with a sibling group
        (open in issue 13)."""
        baseline = self.score(choice)
        assert baseline is not None
        found = []
        for i, j in itertools.combinations(range(len(self.considered)), 2):
            if not any_sizes and len(self.considered[i].persons) != len(
                self.considered[j].persons
            ):
                continue
            oa, ob = choice[i], choice[j]
            if ob is None or ob not in self.options[i] or oa not in self.options[j]:
                continue
            a = self.considered[i]
            if not self.prefers(a, ob, oa):
                continue
            exchanged = list(choice)
            exchanged[i], exchanged[j] = ob, oa
            if self.score(tuple(exchanged)) == baseline:
                found.append((a.id, self.considered[j].id, oa, ob))
        return found


def _per_tier(registry: Registry, allocation: Allocation) -> tuple[int, ...]:
    """Persons placed per tier, each at their own home."""
    counts = Counter[Proximity]()
    for assignment in allocation.assignments:
        site = registry.service(assignment.service).municipality
        for id in assignment.persons:
            home = registry.person(id).home_municipality
            counts[registry.geography.proximity(home, site)] += 1
    return tuple(counts[tier] for tier in Proximity)


# -- properties ------------------------------------------------------------------------


@given(st.one_of(any_worlds(), contests()), ALL_POLICIES, st.sampled_from(SOLVERS))
def test_allocate_is_one_of_the_optimal_allocations(
    world: World, policy: Policy, solver: Solver
) -> None:
    """Not only the totals: the very assignment of requests to services is
    one that no feasible assignment beats at the first level they differ.
    The built-in search for sibling groups may not prove it; then it is
    feasible and never worse than first come."""
    registry, requests = world
    allocation = allocate(
        requests,
        registry,
        on=ON,
        policy=policy,
        solver=solver,
    )
    reference = Reference(registry, requests, policy)
    best, optimal = reference.optimal()
    choice = reference.choice_of(allocation)
    if allocation.optimal:
        assert choice in optimal
    else:
        assert solver == "builtin"
        assert any(len(r.persons) > 1 for r in reference.considered)
        score = reference.score(choice)
        assert score is not None
        assert score <= best
        first = allocate_first_come(requests, registry, on=ON, policy=policy)
        first_score = reference.score(reference.choice_of(first))
        assert first_score is not None
        assert first_score <= score


@settings(max_examples=200)
@given(
    st.one_of(any_worlds(max_requests=10, max_services=5), contests()),
    ALL_POLICIES,
    st.sampled_from(SOLVERS),
)
def test_no_request_envies_a_later_requests_place(
    world: World, policy: Policy, solver: Solver
) -> None:
    registry, requests = world
    allocation = allocate(requests, registry, on=ON, policy=policy, solver=solver)
    reference = Reference(registry, requests, policy)
    assert reference.envious(reference.choice_of(allocation)) == []


@settings(max_examples=60)
@given(st.one_of(any_worlds(max_requests=6), contests()), ALL_POLICIES)
def test_an_optimal_allocation_without_envy_exists_and_allocate_finds_the_only_one(
    world: World, policy: Policy
) -> None:
    """The specification can be met: among the best allocations one has no
    envy (every exchange an earlier request wants gives it a better place,
    so exchanging ends); and when only one does, it is allocate's."""
    registry, requests = world
    reference = Reference(registry, requests, policy)
    _, optimal = reference.optimal()
    fair = [choice for choice in optimal if not reference.envious(choice)]
    assert fair
    if len(fair) == 1:
        allocation = allocate(requests, registry, on=ON, policy=policy)
        assert reference.choice_of(allocation) == fair[0]


@given(any_worlds(), ALL_POLICIES)
def test_the_objective_and_per_tier_are_those_of_the_assignments(
    world: World, policy: Policy
) -> None:
    """Each level's value, in the policy's order, is what the assignments
    score (each person at their own home, tier costs and metres as positive
    totals); ``per_tier`` counts the persons placed at each own tier; each
    assignment's tier is the request home's."""
    registry, requests = world
    allocation = allocate(requests, registry, on=ON, policy=policy)
    reference = Reference(registry, requests, policy)
    assert _signed(allocation) == reference.score(reference.choice_of(allocation))
    assert allocation.per_tier == _per_tier(registry, allocation)
    for assignment in allocation.assignments:
        site = registry.service(assignment.service).municipality
        home = reference.homes[assignment.request]
        assert assignment.tier is registry.geography.proximity(home, site)


def _operating_on_the_day(service: Service) -> Service:
    return attrs.evolve(service, operating=Period(start=ON))


@given(any_worlds(), ALL_POLICIES)
def test_an_unplaced_request_says_whether_nothing_qualifies_or_nothing_operates(
    world: World, policy: Policy
) -> None:
    registry, requests = world
    allocation = allocate(requests, registry, on=ON, policy=policy)
    considered = {r.id for r in _considered(registry, requests)}
    known = {person.id for person in registry.persons}
    by_id = {request.id: request for request in requests}
    for unplaced in allocation.unplaced:
        request = by_id[unplaced.request]
        if unplaced.request not in considered:
            expected = (
                UnplacedReason.UNKNOWN_PERSON
                if not set(request.persons) <= known
                else UnplacedReason.DUPLICATE_PERSON
            )
            assert unplaced.reason is expected
            continue
        would = [
            s
            for s in registry.services
            if _can_take(registry, request, _operating_on_the_day(s), policy)
        ]
        if not would:
            assert unplaced.reason is UnplacedReason.NO_ELIGIBLE_SERVICE
        elif not any(_can_take(registry, request, s, policy) for s in would):
            assert unplaced.reason is UnplacedReason.NOT_OPERATING
        else:
            assert unplaced.reason in {
                UnplacedReason.NO_FREE_PLACE,
                UnplacedReason.NOT_ENOUGH_ROOM,
                UnplacedReason.PLACES_TAKEN,
            }


# -- examples on the Bulgarian geography ------------------------------------------------

PRAVETS, BOTEVGRAD, ETROPOLE = "SFO34", "SFO07", "SFO18"
PIRDOP, DRAGOMAN = "SFO55", "SFO16"
SOFIA_CITY, ROMAN, LOVECH = "SOF46", "VRC32", "LOV18"


def _foster(
    id: str, municipality: str, places: int, *, opens: date = date(2020, 1, 1)
) -> Service:
    return Service(
        id=id,
        name=id,
        type="FOSTER_CARE",
        provider="P",
        municipality=municipality,
        operating=Period(start=opens),
        capacity=[CapacityChange(effective=opens, places=places)],
        eligibility=Eligibility(max_age=17),
    )


def _person(id: str, home: str, age: int) -> Person:
    return Person(id=id, birth_date=date(ON.year - age, 1, 15), home_municipality=home)


def _request(id: str, *persons: str, days_ago: int = 0) -> PlacementRequest:
    return PlacementRequest(
        id=id, persons=persons, requested_on=ON - timedelta(days=days_ago)
    )


def _bulgaria(
    services: Sequence[Service],
    persons: Sequence[Person],
    requests: Sequence[PlacementRequest],
) -> Registry:
    return Registry(
        geography=BULGARIA,
        service_types=SERVICE_TYPES,
        services=services,
        persons=persons,
        requests=requests,
    )


@pytest.mark.parametrize(
    ("near", "far", "tier"),
    [
        pytest.param(ROMAN, SOFIA_CITY, Proximity.NEIGHBOURING_REGION, id="regions"),
        pytest.param(PIRDOP, DRAGOMAN, Proximity.SAME_REGION, id="oblast"),
        pytest.param(
            ETROPOLE, BOTEVGRAD, Proximity.NEIGHBOURING_MUNICIPALITY, id="neighbours"
        ),
    ],
)
def test_a_lone_child_from_pravets_goes_to_the_nearer_of_two_places_in_one_tier(
    near: str, far: str, tier: Proximity
) -> None:
    # the premises, from the geography
    assert BULGARIA.proximity(PRAVETS, near) is tier
    assert BULGARIA.proximity(PRAVETS, far) is tier
    near_km, far_km = (
        BULGARIA.distance_km(PRAVETS, near),
        BULGARIA.distance_km(PRAVETS, far),
    )
    assert near_km is not None
    assert far_km is not None
    assert near_km < far_km
    lone = _request("R", "K")
    registry = _bulgaria(
        [_foster("S-FAR", far, 1), _foster("S-NEAR", near, 1)],
        [_person("K", PRAVETS, 10)],
        [lone],
    )
    for allocation in (
        allocate([lone], registry, on=ON),
        allocate_first_come([lone], registry, on=ON),
    ):
        assert [a.service for a in allocation.assignments] == ["S-NEAR"]
        assert allocation.assignments[0].tier is tier
    best = rank(lone, registry, on=ON).best
    assert best is not None
    assert best.service == "S-NEAR"


def test_the_earlier_of_two_children_from_pravets_gets_the_nearer_foster_place() -> (
    None
):
    """Botevgrad borders Pravets, Lovech is in a neighbouring oblast: either
    way round both children are placed in families, one next door and one in
    the next oblast, at the same total distance; so the one who waited longer
    gets Botevgrad. The adult who waited longest can take neither place."""
    assert BULGARIA.proximity(PRAVETS, BOTEVGRAD) is Proximity.NEIGHBOURING_MUNICIPALITY
    assert BULGARIA.proximity(PRAVETS, LOVECH) is Proximity.NEIGHBOURING_REGION
    requests = [
        _request("R-ADULT", "ADULT", days_ago=3),
        _request("R-TWELVE", "TWELVE", days_ago=2),
        _request("R-ONE", "ONE", days_ago=1),
    ]
    registry = _bulgaria(
        [_foster("S-LOVECH", LOVECH, 1), _foster("S-BOTEVGRAD", BOTEVGRAD, 1)],
        [
            _person("ADULT", BOTEVGRAD, 30),
            _person("TWELVE", PRAVETS, 12),
            _person("ONE", PRAVETS, 1),
        ],
        requests,
    )
    for allocation in (
        allocate(requests, registry, on=ON),
        allocate(reversed(requests), registry, on=ON),
        allocate_first_come(requests, registry, on=ON),
    ):
        assert {a.request: a.service for a in allocation.assignments} == {
            "R-TWELVE": "S-BOTEVGRAD",
            "R-ONE": "S-LOVECH",
        }
        assert [(u.request, u.reason) for u in allocation.unplaced] == [
            ("R-ADULT", UnplacedReason.NO_ELIGIBLE_SERVICE)
        ]


@pytest.mark.parametrize("solver", SOLVERS)
def test_a_sibling_placed_in_their_own_municipality_counts_as_placed_at_home(
    solver: Solver,
) -> None:
    """Two siblings from Pravets and one from Botevgrad: the group's home is
    Pravets, and its only place is in Botevgrad. The sibling from Botevgrad
    is at home there; the other two are next door."""
    group = _request("R", "P1", "P2", "B1")
    registry = _bulgaria(
        [_foster("S-BOTEVGRAD", BOTEVGRAD, 3)],
        [
            _person("P1", PRAVETS, 10),
            _person("P2", PRAVETS, 8),
            _person("B1", BOTEVGRAD, 12),
        ],
        [group],
    )
    allocation = allocate(
        [group],
        registry,
        on=ON,
        solver=solver,
    )
    [assignment] = allocation.assignments
    assert assignment.service == "S-BOTEVGRAD"
    assert assignment.tier is Proximity.NEIGHBOURING_MUNICIPALITY  # the group's home
    assert allocation.per_tier == (1, 2, 0, 0, 0)
    assert allocation.value(Level.SAME_MUNICIPALITY) == 1
    assert allocation.value(Level.NEIGHBOURING_MUNICIPALITY) == 3
    km = BULGARIA.distance_km(PRAVETS, BOTEVGRAD)
    assert km is not None
    assert allocation.value(Level.DISTANCE) == 2 * round(1000 * km)


def test_a_request_whose_only_service_opens_the_next_day_is_unplaced_as_not_operating() -> (
    None
):
    lone = _request("R", "K")
    child = _person("K", PRAVETS, 10)
    tomorrow = _foster("S-NEW", PRAVETS, 2, opens=ON + timedelta(days=1))
    registry = _bulgaria([tomorrow], [child], [lone])
    allocation = allocate([lone], registry, on=ON)
    assert allocation.assignments == ()
    assert [(u.request, u.reason) for u in allocation.unplaced] == [
        ("R", UnplacedReason.NOT_OPERATING)
    ]
    ranking = rank(lone, registry, on=ON)
    assert ranking.candidates == ()
    [exclusion] = ranking.exclusions
    assert ExclusionReason.NOT_OPERATING in exclusion.reasons
    # open from today, the same place takes the child
    today = _foster("S-NEW", PRAVETS, 2, opens=ON)
    opened = allocate([lone], _bulgaria([today], [child], [lone]), on=ON)
    assert [a.service for a in opened.assignments] == ["S-NEW"]


# -- exchanges the reference found missing ----------------------------------------------


def _residence(id: str, municipality: str, places: int, type: str = "FTPC") -> Service:
    return Service(
        id=id,
        name=id,
        type=type,
        provider="P",
        municipality=municipality,
        operating=Period(start=date(2020, 1, 1)),
        capacity=[CapacityChange(effective=date(2020, 1, 1), places=places)],
    )


def _small_world(
    geography: Geography,
    services: Sequence[Service],
    persons: Sequence[Person],
    requests: Sequence[PlacementRequest],
) -> Registry:
    return Registry(
        geography=geography,
        service_types=TYPES,
        services=services,
        persons=persons,
        requests=requests,
    )


@pytest.mark.parametrize("solver", SOLVERS)
def test_of_two_sibling_groups_that_fit_alike_the_one_who_waited_longer_gets_the_place(
    solver: Solver,
) -> None:
    """All are toddlers, so only the foster family for two in A can take
    them. The policy counts persons placed and children in families: either
    pair scores the same, so R0, first in waiting order, gets the family."""
    requests = [
        _request("R0", "A1", "A2"),
        _request("R1", "X"),
        _request("R2", "B1", "B2"),
        _request("R3", "Y"),
    ]
    homes = {"A1": "A", "A2": "A", "X": "A", "B1": "A", "B2": "B", "Y": "A"}
    registry = _small_world(
        GEOGRAPHY,
        [
            _residence("S0", "A", 1),
            _residence("S1", "A", 2, type="FOSTER"),
            _residence("S2", "A", 1),
        ],
        [_person(id, home, 2) for id, home in homes.items()],
        requests,
    )
    policy = Policy(levels=(Level.PLACED, Level.FAMILY_BASED))
    allocation = allocate(requests, registry, on=ON, policy=policy, solver=solver)
    assert [(a.request, a.service) for a in allocation.assignments] == [("R0", "S1")]


def test_a_place_at_no_known_distance_goes_to_who_waited_longer_from_either_home() -> (
    None
):
    """E has no centroid: its place is as far from A as from B (another
    region, the unknown distance), so giving it to R2 (from A) or R3 (from B)
    scores the same at every level, and R2, earlier, gets it; the places at
    home go to R0 and R1."""
    requests = [
        _request("R0", "P0"),
        _request("R1", "P1", days_ago=1),
        _request("R2", "P2"),
        _request("R3", "P3"),
    ]
    homes = {"P0": "A", "P1": "B", "P2": "A", "P3": "B"}
    registry = _small_world(
        GEOGRAPHY_WITH_CENTROIDS,
        [_residence("S0", "A", 1), _residence("S1", "B", 1), _residence("S2", "E", 1)],
        [_person(id, home, 30) for id, home in homes.items()],
        requests,
    )
    allocation = allocate(requests, registry, on=ON)
    assert {a.request: a.service for a in allocation.assignments} == {
        "R0": "S0",
        "R1": "S1",
        "R2": "S2",
    }
    assert [(u.request, u.reason) for u in allocation.unplaced] == [
        ("R3", UnplacedReason.PLACES_TAKEN)
    ]


def _held(service: str, municipality: str, places: int) -> Agreement:
    """An agreement, in force since 2024, holding places of ``service`` for
    ``municipality``."""
    return Agreement(
        id="AG",
        kind=AgreementKind.INTER_MUNICIPAL,
        title="held places",
        signed=date(2024, 1, 1),
        period=Period(start=date(2024, 1, 1)),
        services={service},
        reservations=[
            Reservation(service=service, for_municipality=municipality, places=places)
        ],
    )


@pytest.mark.parametrize("solver", ["builtin", "highs"])
def test_sibling_groups_from_two_homes_go_in_waiting_order_beside_a_held_place(
    solver: Solver,
) -> None:
    """Three pairs of adults, two from A and one from B, all asking on one
    day, for one residence in C with three places, one held for A: any pair
    fits (two places free to anyone, or one and the one held), every pair is
    in its home region at the unknown distance, so every choice scores the
    same at every level and R0, first in waiting order, gets the place."""
    requests = [_request(f"R{k}", f"P{k}a", f"P{k}b") for k in range(3)]
    homes = {"P0a": "A", "P0b": "A", "P1a": "A", "P1b": "A", "P2a": "B", "P2b": "B"}
    registry = attrs.evolve(
        _small_world(
            GEOGRAPHY,
            [_residence("S0", "C", 3)],
            [_person(id, home, 30) for id, home in homes.items()],
            requests,
        ),
        agreements=[_held("S0", "A", 1)],
    )
    assert registry.free_places("S0", ON) == 2
    assert registry.free_places("S0", ON, home="A") == 3
    allocation = allocate(requests, registry, on=ON, solver=solver)
    assert [(a.request, a.service) for a in allocation.assignments] == [("R0", "S0")]


@pytest.mark.parametrize("solver", ["builtin", "highs"])
def test_a_place_held_for_one_siblings_home_is_not_the_other_siblings(
    solver: Solver,
) -> None:
    """Two adults asking together, one from A and one from B, and a residence
    in A whose two places are both held for A: the one from B has no place
    there (as ``Registry.free_places`` counts it), so ``rank`` excludes the
    residence as reserved for another municipality, and neither ``allocate``
    nor first come places the pair there."""
    requests = [_request("R0", "Pa", "Pb")]
    registry = attrs.evolve(
        _small_world(
            GEOGRAPHY,
            [_residence("S0", "A", 2)],
            [_person("Pa", "A", 30), _person("Pb", "B", 30)],
            requests,
        ),
        agreements=[_held("S0", "A", 2)],
    )
    assert registry.free_places("S0", ON, home="A") == 2
    assert registry.free_places("S0", ON, home="B") == 0
    ranking = rank(requests[0], registry, on=ON)
    assert ranking.best is None
    assert [e.reasons for e in ranking.exclusions] == [
        (ExclusionReason.RESERVED_FOR_ANOTHER_MUNICIPALITY,)
    ]
    for allocation in (
        allocate(requests, registry, on=ON, solver=solver),
        allocate_first_come(requests, registry, on=ON),
    ):
        assert allocation.assignments == ()
        assert [u.request for u in allocation.unplaced] == ["R0"]


@pytest.mark.parametrize("solver", ["builtin", "highs"])
def test_two_children_of_two_homes_exchange_places_in_one_municipality_by_waiting_order(
    solver: Solver,
) -> None:
    """A foster place and a residential place, both in B, and two children,
    from A (waiting first) and from B, with every centroid known: either way
    one child is in a family and each keeps their tier and metres, so the
    child who waited longer gets the foster family."""
    requests = [_request("R0", "C0"), _request("R1", "C1")]
    registry, _ = _with_centroids(
        (
            _small_world(
                GEOGRAPHY,
                [_residence("S0", "B", 1), _residence("S1", "B", 1, type="FOSTER")],
                [_person("C0", "A", 8), _person("C1", "B", 8)],
                requests,
            ),
            requests,
        )
    )
    allocation = allocate(requests, registry, on=ON, solver=solver)
    assert {a.request: a.service for a in allocation.assignments} == {
        "R0": "S1",
        "R1": "S0",
    }
