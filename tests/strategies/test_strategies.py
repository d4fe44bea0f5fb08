"""The public strategies: valid values, coherent worlds, eager argument errors."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from socialservices import (
    DEFAULT_RULES,
    AgreementKind,
    Geography,
    Period,
    Placement,
    ProviderKind,
    Registry,
    from_dict,
    to_dict,
    validate,
)
from socialservices import strategies as ss
from socialservices.bulgaria import CHILD_POLICY, GEOGRAPHY

pytestmark = pytest.mark.properties

VALUE_STRATEGIES = {
    "periods": ss.periods(),
    "geographies": ss.geographies(),
    "licences": ss.licences(),
    "providers": ss.providers(),
    "service_types": ss.service_types(),
    "services": ss.services(),
    "persons": ss.persons(),
    "placements": ss.placements(),
    "agreements": ss.agreements(),
    "requests": ss.requests(),
    "capacity_ceilings": ss.capacity_ceilings(),
    "eligibilities": ss.eligibilities(),
    "coordinates": ss.coordinates(),
    "regions": ss.regions(),
    "municipalities": ss.municipalities(),
    "capacity_changes": ss.capacity_changes(),
    "parties": ss.parties(),
    "reservations": ss.reservations(),
}


@pytest.mark.parametrize("name", sorted(VALUE_STRATEGIES))
@given(data=st.data())
def test_every_value_round_trips(name: str, data: st.DataObject) -> None:
    value = data.draw(VALUE_STRATEGIES[name])
    assert from_dict(to_dict(value), type(value)) == value


@given(
    ss.periods(
        min_start=date(2024, 2, 1),
        max_start=date(2024, 3, 1),
        max_days=10,
        open_ended=False,
    )
)
def test_periods_keep_to_their_bounds(period: Period) -> None:
    assert date(2024, 2, 1) <= period.start <= date(2024, 3, 1)
    assert period.days is not None
    assert 0 <= period.days <= 10


@given(ss.placements(persons=st.just("C-1"), services=st.sampled_from(["S-1", "S-2"])))
def test_placements_take_their_references_from_the_given_strategies(
    placement: Placement,
) -> None:
    assert placement.person == "C-1"
    assert placement.service in {"S-1", "S-2"}
    assert (placement.end_reason is None) or (placement.period.end is not None)


@given(ss.geographies(min_regions=2, max_regions=3, max_municipalities=6))
def test_made_up_geographies_border_where_their_municipalities_do(
    geography: Geography,
) -> None:
    assert 2 <= len(geography.regions) <= 3
    assert all(geography.municipalities_in(region.code) for region in geography.regions)
    crossing = {
        frozenset(geography.municipality(code).region for code in pair)
        for pair in geography.municipality_neighbours
    }
    assert {pair for pair in crossing if len(pair) == 2} == set(
        geography.region_neighbours
    )


# --- coherent worlds -----------------------------------------------------------


def _assert_coherent(registry: Registry) -> None:
    geography = registry.geography
    providers = {p.id: p for p in registry.providers}
    persons = {p.id: p for p in registry.persons}
    services = {s.id: s for s in registry.services}
    types = {t.code: t for t in registry.service_types}
    contracts = [
        a for a in registry.agreements if a.kind is AgreementKind.MANAGEMENT_CONTRACT
    ]
    for kind in (
        "providers",
        "persons",
        "services",
        "placements",
        "agreements",
        "requests",
    ):
        ids = [item.id for item in getattr(registry, kind)]
        assert len(ids) == len(set(ids)), f"duplicate {kind} ids"
    for service in registry.services:
        assert geography.has_municipality(service.municipality)
        assert service.type in types
        provider = providers[service.provider]
        if provider.kind.is_public:
            continue
        group = next(iter(service.eligibility.target_groups))
        assert service.operating is not None  # a world's services have theirs
        start, end = service.operating.start, service.operating.end
        assert any(
            licence.covers(service.type, group, start)
            and (
                licence.period.end is None
                or (end is not None and licence.period.end >= end)
            )
            for licence in provider.licences
        )
        assert any(
            service.id in contract.services
            and contract.period.contains(start)
            and (
                contract.period.end is None
                or (end is not None and contract.period.end >= end)
            )
            for contract in contracts
        )
    for placement in registry.placements:
        assert placement.service is not None  # a world's are all in a service
        service, person = services[placement.service], persons[placement.person]
        assert service.operating is not None
        period = placement.period
        assert period.end is None or period.end > period.start
        assert service.operating.contains(period.start)
        end = service.operating.end
        assert end is None or (period.end is not None and period.end <= end)
        assert service.eligibility.admits(person, on=period.start)
        home_region = geography.municipality(person.home_on(period.start)).region
        assert home_region == geography.municipality(service.municipality).region
        assert (placement.end_reason is None) == (period.end is None)
        if CHILD_POLICY.is_child(person, period.start):
            adult = person.birth_date + relativedelta(years=18)
            assert period.end is not None
            assert period.end <= adult
            if types[service.type].residential:
                assert CHILD_POLICY.allows_residential_care(person, period.start)
    for service in registry.services:
        occupancy = registry.occupancy(
            service.id, Period(start=date(2015, 1, 1), end=date(2032, 1, 1))
        )
        assert all(step.over_capacity == 0 for step in occupancy.steps)
    for request in registry.requests:
        assert all(member in persons for member in request.persons)


@given(ss.registries())
def test_worlds_are_coherent(registry: Registry) -> None:
    _assert_coherent(registry)


@given(ss.registries(bulgaria=True, min_services=1, max_services=4, max_placements=20))
def test_worlds_on_the_real_bulgarian_geography(registry: Registry) -> None:
    assert registry.geography is GEOGRAPHY
    _assert_coherent(registry)


@given(
    ss.registries(max_services=3, max_places=2, min_placements=10, max_placements=40)
)
def test_crowded_worlds_are_still_never_over_capacity(registry: Registry) -> None:
    _assert_coherent(registry)


@given(ss.registries(max_placements=10))
def test_worlds_round_trip_through_documents(registry: Registry) -> None:
    assert from_dict(to_dict(registry), Registry) == registry


@given(ss.registries())
def test_worlds_validate_with_no_error_finding(registry: Registry) -> None:
    assert validate(registry).errors == ()
    assert validate(registry, on=ss.AUDIT_DATE).errors == ()


@given(ss.registries(bulgaria=True, min_services=1, max_services=4, max_placements=20))
def test_bulgarian_worlds_validate_with_no_error_finding(registry: Registry) -> None:
    assert validate(registry, on=ss.AUDIT_DATE).errors == ()


_FEWER = settings(max_examples=max(5, settings().max_examples // 10))


@pytest.mark.parametrize("code", [rule.code for rule in DEFAULT_RULES])
@_FEWER
@given(data=st.data())
def test_broken_worlds_break_exactly_their_rule(code: str, data: st.DataObject) -> None:
    registry = data.draw(ss.broken_registries(code=code, max_placements=15))
    audited = validate(registry, on=ss.AUDIT_DATE)
    assert code in audited.counts()
    assert {finding.code for finding in audited.errors} <= {code}
    if code != "LIC002":  # a licence ending soon needs a date to be soon after
        undated = validate(registry)
        assert code in undated.counts()
        assert {finding.code for finding in undated.errors} <= {code}


def test_broken_worlds_are_only_made_for_rules_of_the_catalogue() -> None:
    with pytest.raises(InvalidArgument):
        ss.broken_registries(code="LOC999")
    with pytest.raises(InvalidArgument):
        ss.broken_registries(code="LOC001", max_placements=-1)


def test_a_false_property_shrinks_to_a_small_world() -> None:
    smallest = find(ss.registries(), lambda registry: len(registry.placements) >= 2)
    assert len(smallest.services) <= 2
    assert len(smallest.placements) == 2


def test_worlds_hold_private_providers_with_their_paperwork() -> None:
    world = find(
        ss.registries(min_services=1),
        lambda r: any(p.kind is not ProviderKind.MUNICIPALITY for p in r.providers),
    )
    _assert_coherent(world)
    assert any(a.kind is AgreementKind.MANAGEMENT_CONTRACT for a in world.agreements)


# --- arguments and registration ---------------------------------------------------


@pytest.mark.parametrize(
    ("make", "arguments"),
    [
        (ss.periods, {"min_days": 5, "max_days": 2}),
        (ss.periods, {"min_start": "2024-01-01"}),
        (ss.periods, {"min_start": date(2025, 1, 1), "max_start": date(2024, 1, 1)}),
        (ss.geographies, {"min_regions": 0}),
        (ss.geographies, {"bulgaria": "yes"}),
        (ss.providers, {"max_licences": -1}),
        (ss.services, {"max_changes": 0}),
        (ss.placements, {"persons": "C-1"}),
        (ss.requests, {"max_persons": 0}),
        (ss.registries, {"max_places": 0}),
        (ss.registries, {"min_placements": 3, "max_placements": 2}),
        (ss.registries, {"geography": Geography()}),
        (ss.registries, {"geography": "BG"}),
        (ss.registries, {"max_services": 2.5}),
    ],
)
def test_bad_arguments_fail_when_the_strategy_is_made(
    make: Any, arguments: dict[str, Any]
) -> None:
    with pytest.raises(InvalidArgument):
        make(**arguments)


@pytest.mark.parametrize("kind", [Period, Placement, Registry, Geography])
@settings(max_examples=5)
@given(data=st.data())
def test_types_are_registered_for_from_type(kind: type, data: st.DataObject) -> None:
    assert isinstance(data.draw(st.from_type(kind)), kind)


def test_importing_the_core_does_not_import_hypothesis() -> None:
    code = (
        "import sys, socialservices, socialservices.bulgaria, socialservices.examples; "
        "socialservices.examples.sofia_oblast(); "
        "sys.exit('hypothesis' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], check=False)
    assert done.returncode == 0
