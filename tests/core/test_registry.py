"""The registry as a snapshot: look-ups, canonical order, dangling references."""

from __future__ import annotations

import pickle
from datetime import date
from random import Random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    CapacityChange,
    InvalidValueError,
    Period,
    Person,
    Placement,
    PlacementRequest,
    Proximity,
    Registry,
    Service,
    UnknownReferenceError,
)
from socialservices.examples import sofia_oblast

from ..values import placements

SINCE_2020 = Period(start=date(2020, 1, 1))


def _service(id: str = "S1", places: int = 2) -> Service:
    return Service(
        id=id,
        name=id,
        type="FTPC",
        provider="P1",
        municipality="A",
        operating=SINCE_2020,
        capacity=[CapacityChange(effective=date(2020, 1, 1), places=places)],
    )


def test_building_never_fails_on_dangling_or_duplicate_references() -> None:
    stray = Placement(id="PL1", person="GHOST", service="NOWHERE", period=SINCE_2020)
    twin = Placement(id="PL1", person="C1", service="S1", period=SINCE_2020)
    registry = Registry(services=[_service(), _service()], placements=[stray, twin])
    assert len(registry.services) == 2
    assert len(registry.placements) == 2
    assert registry.service("S1") == _service()


def test_lookups_of_unknown_ids_raise_a_clear_error() -> None:
    registry = Registry()
    for look_up, kind in [
        (registry.service, "service"),
        (registry.person, "person"),
        (registry.provider, "provider"),
        (registry.service_type, "service type"),
    ]:
        with pytest.raises(UnknownReferenceError) as caught:
            look_up("X")
        assert (caught.value.kind, caught.value.id) == (kind, "X")


def test_unhashable_id_is_an_unknown_reference_not_a_type_error() -> None:
    with pytest.raises(UnknownReferenceError):
        Registry().service(["S1"])  # type: ignore[arg-type]


def test_duplicate_ids_resolve_to_the_first_in_canonical_order() -> None:
    small, large = _service(places=1), _service(places=9)
    assert Registry(services=[large, small]).service("S1") == Registry(
        services=[small, large]
    ).service("S1")


def test_with_placements_returns_a_new_registry() -> None:
    registry = Registry(services=[_service()])
    added = Placement(id="PL1", person="C1", service="S1", period=SINCE_2020)
    grown = registry.with_placements(added)
    assert grown.placements == (added,)
    assert registry.placements == ()
    assert grown.occupied("S1", date(2024, 1, 1)) == 1
    assert registry.occupied("S1", date(2024, 1, 1)) == 0


def test_collection_of_the_wrong_type_is_refused_clearly() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Registry(persons=[_service()])  # type: ignore[list-item]
    assert (caught.value.field, caught.value.code) == ("persons", "wrong_type")


def test_example_registry_resolves_all_its_references() -> None:
    registry = sofia_oblast()
    for placement in registry.placements:
        assert placement.service is not None
        assert registry.service(placement.service)
        assert registry.person(placement.person)
    for service in registry.services:
        assert registry.provider(service.provider)
        assert registry.service_type(service.type)
        assert registry.geography.has_municipality(service.municipality)
    for person in registry.persons:
        assert registry.geography.has_municipality(person.home_municipality)


@given(placements(unique_ids=False), st.randoms(use_true_random=False))
def test_order_of_input_does_not_matter_even_with_duplicate_ids(
    given_placements: list[Placement], random: Random
) -> None:
    shuffled = list(given_placements)
    random.shuffle(shuffled)
    people = [
        Person(id=f"C{i}", birth_date=date(2015, 1, 1), home_municipality="A")
        for i in range(10)
    ]
    one = Registry(
        services=[_service("S1"), _service("S2")],
        placements=given_placements,
        persons=people,
    )
    other = Registry(
        services=[_service("S2"), _service("S1")],
        placements=shuffled,
        persons=list(reversed(people)),
    )
    assert one == other
    assert sorted(map(repr, one.placements)) == sorted(map(repr, given_placements))
    assert [p.id for p in one.placements] == sorted(p.id for p in given_placements)


def test_registry_pickles_with_its_indexes() -> None:
    registry = sofia_oblast()
    registry.occupied("S-PRAVETS-FTPC", date(2026, 11, 2))  # builds the index
    again = pickle.loads(pickle.dumps(registry))
    assert again == registry
    assert again.free_places("S-PRAVETS-FTPC", date(2026, 11, 2), home="SFO18") == 10
    assert (
        again.geography.proximity("SFO34", "SFO07")
        is Proximity.NEIGHBOURING_MUNICIPALITY
    )


def test_geography_lookups() -> None:
    geography = sofia_oblast().geography
    assert geography.region("SFO").nuts3 == "BG412"
    assert "LOV18" in [m.code for m in geography.municipalities_in("LOV")]
    with pytest.raises(UnknownReferenceError):
        geography.region("XXX")


def test_duplicates_keep_one_order_whatever_the_history_of_their_sets() -> None:
    from socialservices._checks import stable_repr

    # 1 and 9 share a slot in a small set: its order follows insertion
    assert stable_repr(frozenset([9, 1])) == stable_repr(frozenset([1, 9]))
    first = PlacementRequest(
        id="R1", persons=["C1"], requested_on=date(2026, 1, 1),
        acceptable_types={"B", "A"},
    )  # fmt: skip
    second = attrs.evolve(first, acceptable_types={"A"})
    forwards = Registry(requests=[first, second])
    backwards = Registry(requests=[second, first])
    assert forwards == backwards
    assert forwards.requests == (first, second)  # by their text, sets sorted
