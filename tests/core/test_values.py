"""Local invariants of the domain values: what one value can know."""

from __future__ import annotations

import pickle
from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    Agreement,
    AgreementKind,
    CapacityCeiling,
    CapacityChange,
    Eligibility,
    EndReason,
    Ineligibility,
    InvalidValueError,
    Licence,
    Measure,
    Party,
    PartyKind,
    Period,
    Person,
    Placement,
    PlacementRequest,
    Provider,
    ProviderKind,
    Reservation,
    Service,
    ServiceType,
    SocialServicesError,
    UnknownReferenceError,
    age_on,
)

SINCE_2020 = Period(start=date(2020, 1, 1))


def _service(**changes: Any) -> Service:
    fields: dict[str, Any] = {
        "id": "S1",
        "name": "ЦНСТ",
        "type": "FTPC",
        "provider": "P1",
        "municipality": "SFO34",
        "operating": SINCE_2020,
        "capacity": [CapacityChange(effective=date(2020, 1, 1), places=12)],
    }
    fields.update(changes)
    return Service(**fields)


def _raises(build: Any, field: str, code: str) -> InvalidValueError:
    with pytest.raises(InvalidValueError) as caught:
        build()
    assert (caught.value.field, caught.value.code) == (field, code)
    return caught.value


# -- errors ------------------------------------------------------------------


def test_errors_share_one_root_and_are_standard_errors() -> None:
    assert issubclass(InvalidValueError, SocialServicesError)
    assert issubclass(InvalidValueError, ValueError)
    assert issubclass(UnknownReferenceError, SocialServicesError)
    assert issubclass(UnknownReferenceError, LookupError)


def test_errors_pickle_and_compare_by_value() -> None:
    error = _raises(
        lambda: CapacityChange(effective=date(2020, 1, 1), places=-1),
        "places",
        "negative",
    )
    again = pickle.loads(pickle.dumps(error))
    assert again == error
    assert (again.type_name, again.value) == ("CapacityChange", -1)
    lookup = UnknownReferenceError("service", "S9")
    assert pickle.loads(pickle.dumps(lookup)) == lookup


def test_error_message_names_class_field_and_value() -> None:
    error = _raises(
        lambda: CapacityChange(effective=date(2020, 1, 1), places=-3),
        "places",
        "negative",
    )
    assert "CapacityChange.places" in str(error)
    assert "-3" in str(error)


# -- ids, names and codes ------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [("", "empty"), ("a b", "malformed"), ("x" * 129, "malformed"), (7, "wrong_type")],
)
def test_ids_must_be_nonblank_strings_without_spaces(value: object, code: str) -> None:
    _raises(
        lambda: Person(
            id=value,  # type: ignore[arg-type]
            birth_date=date(2015, 1, 1),
            home_municipality="SFO34",
        ),
        "id",
        code,
    )


def test_ids_may_be_unicode_and_uuid_like() -> None:
    assert Person(
        id="дете-0c5d2a", birth_date=date(2015, 1, 1), home_municipality="A"
    ).id


def test_names_must_not_be_blank() -> None:
    _raises(
        lambda: Provider(id="P1", name="  ", kind=ProviderKind.NGO), "name", "empty"
    )


def test_enums_must_be_enum_members() -> None:
    _raises(
        lambda: Provider(id="P1", name="N", kind="ngo"),  # type: ignore[arg-type]
        "kind",
        "wrong_type",
    )


def test_a_bare_string_is_not_a_set_of_codes() -> None:
    _raises(lambda: Eligibility(needs="autism"), "needs", "wrong_type")


def test_unhashable_members_are_a_clear_error() -> None:
    _raises(
        lambda: Eligibility(needs=[["a"]]),  # type: ignore[list-item]
        "needs",
        "wrong_type",
    )


# -- providers and licences ----------------------------------------------------


def test_public_providers_are_municipalities_and_the_state() -> None:
    assert {kind for kind in ProviderKind if kind.is_public} == {
        ProviderKind.MUNICIPALITY,
        ProviderKind.STATE,
    }


def test_licence_covers_its_type_group_and_period_only() -> None:
    licence = Licence(
        number="L1",
        service_type="FTPC",
        target_group="children",
        period=Period(start=date(2021, 3, 1), end=date(2026, 3, 1)),
    )
    assert licence.covers("FTPC", "children", date(2026, 2, 28))
    assert not licence.covers("FTPC", "children", date(2026, 3, 1))
    assert not licence.covers("FTPC", "adults", date(2024, 1, 1))
    assert not licence.covers("CSC", "children", date(2024, 1, 1))


def test_provider_licences_are_kept_in_number_order() -> None:
    period = SINCE_2020
    a = Licence(
        number="L2", service_type="FTPC", target_group="children", period=period
    )
    b = Licence(number="L1", service_type="CSC", target_group="children", period=period)
    provider = Provider(id="P", name="N", kind=ProviderKind.NGO, licences=[a, b])
    assert provider.licences == (b, a)
    assert provider == Provider(
        id="P", name="N", kind=ProviderKind.NGO, licences=[b, a]
    )


# -- services and capacity -------------------------------------------------------


def test_capacity_follows_its_history() -> None:
    service = _service(
        capacity=[
            CapacityChange(effective=date(2024, 1, 1), places=14),
            CapacityChange(effective=date(2020, 1, 1), places=12),
        ]
    )
    assert service.capacity[0].places == 12
    assert service.capacity_on(date(2023, 12, 31)) == 12
    assert service.capacity_on(date(2024, 1, 1)) == 14


def test_capacity_is_unknown_before_the_first_change_and_zero_when_not_operating() -> (
    None
):
    service = _service(
        operating=Period(start=date(2019, 1, 1), end=date(2025, 1, 1)),
        capacity=[CapacityChange(effective=date(2020, 1, 1), places=12)],
    )
    assert service.capacity_on(date(2019, 6, 1)) is None  # not recorded yet
    assert service.capacity_on(date(2018, 6, 1)) == 0  # not operating
    assert service.capacity_on(date(2024, 12, 31)) == 12
    assert service.capacity_on(date(2025, 1, 1)) == 0


def test_two_capacity_changes_on_one_day_are_refused() -> None:
    day = date(2020, 1, 1)
    _raises(
        lambda: _service(
            capacity=[
                CapacityChange(effective=day, places=1),
                CapacityChange(effective=day, places=2),
            ]
        ),
        "capacity",
        "duplicate",
    )


def test_negative_capacity_is_refused() -> None:
    _raises(
        lambda: CapacityChange(effective=date(2020, 1, 1), places=-1),
        "places",
        "negative",
    )


def test_boolean_is_not_a_count() -> None:
    _raises(
        lambda: CapacityChange(effective=date(2020, 1, 1), places=True),
        "places",
        "wrong_type",
    )


def test_service_type_flags_must_be_booleans() -> None:
    _raises(
        lambda: ServiceType(code="X", name="X", residential=1),  # type: ignore[arg-type]
        "residential",
        "wrong_type",
    )


# -- eligibility and ages ----------------------------------------------------------


def test_age_in_whole_years() -> None:
    assert age_on(date(2010, 6, 15), date(2028, 6, 14)) == 17
    assert age_on(date(2010, 6, 15), date(2028, 6, 15)) == 18


def test_born_on_29_february_ages_on_28_february_in_common_years() -> None:
    leapling = date(2008, 2, 29)
    assert age_on(leapling, date(2026, 2, 27)) == 17
    assert age_on(leapling, date(2026, 2, 28)) == 18
    assert age_on(leapling, date(2028, 2, 28)) == 19
    assert age_on(leapling, date(2028, 2, 29)) == 20


def _born(day: date, **facts: Any) -> Person:
    return Person(id="C", birth_date=day, home_municipality="A", **facts)


def test_max_age_is_inclusive_until_the_next_birthday() -> None:
    children = Eligibility(max_age=17)
    child = _born(date(2008, 11, 23))
    assert children.check(child, on=date(2026, 11, 22)) == ()
    assert children.admits(child, on=date(2026, 11, 22))
    assert children.check(child, on=date(2026, 11, 23)) == (Ineligibility.TOO_OLD,)
    assert not children.admits(child, on=date(2026, 11, 23))


def test_min_age_excludes_the_youngest() -> None:
    toddler = _born(date(2024, 1, 1))
    assert Eligibility(min_age=3).check(toddler, on=date(2026, 12, 31)) == (
        Ineligibility.TOO_YOUNG,
    )
    assert Eligibility(min_age=3).admits(toddler, on=date(2027, 1, 1))


def test_every_reason_is_reported() -> None:
    eligibility = Eligibility(target_groups={"children"}, max_age=17, needs={"autism"})
    adult = _born(date(1990, 1, 1), target_groups={"adults"}, needs={"dementia"})
    assert eligibility.check(adult, on=date(2026, 1, 1)) == (
        Ineligibility.TOO_OLD,
        Ineligibility.TARGET_GROUP,
        Ineligibility.NEEDS_NOT_MET,
    )


def test_a_shared_target_group_qualifies() -> None:
    eligibility = Eligibility(target_groups={"children", "disability"})
    child = _born(date(2015, 1, 1), target_groups={"disability"})
    assert eligibility.admits(child, on=date(2026, 1, 1))


def test_needs_the_service_meets_qualify() -> None:
    eligibility = Eligibility(needs={"autism", "mobility"})
    assert eligibility.admits(
        _born(date(2015, 1, 1), needs={"mobility"}), on=date(2026, 1, 1)
    )


def test_unstated_target_groups_restrict_nothing() -> None:
    child = _born(date(2015, 1, 1))
    assert Eligibility(target_groups={"children"}).admits(child, on=date(2026, 1, 1))


def test_max_age_below_min_age_is_refused() -> None:
    _raises(lambda: Eligibility(min_age=10, max_age=5), "max_age", "below_min_age")


# -- persons, requests, placements ---------------------------------------------------


def test_person_carries_no_name() -> None:
    assert "name" not in attrs.fields_dict(Person)


def test_request_persons_are_sorted_and_unique() -> None:
    request = PlacementRequest(
        id="R", persons=["C2", "C1"], requested_on=date(2026, 1, 1)
    )
    assert request.persons == ("C1", "C2")
    assert request.is_sibling_group
    _raises(
        lambda: PlacementRequest(
            id="R", persons=["C1", "C1"], requested_on=date(2026, 1, 1)
        ),
        "persons",
        "duplicate",
    )
    _raises(
        lambda: PlacementRequest(id="R", persons=[], requested_on=date(2026, 1, 1)),
        "persons",
        "empty",
    )


def test_placement_holds_a_place_within_its_period() -> None:
    placement = Placement(
        id="PL",
        person="C",
        service="S",
        period=Period(start=date(2024, 1, 1), end=date(2024, 2, 1)),
        measure=Measure.FOSTER_FAMILY,
        end_reason=EndReason.ADOPTED,
    )
    assert placement.is_active_on(date(2024, 1, 31))
    assert not placement.is_active_on(date(2024, 2, 1))
    assert placement.end_reason is EndReason.ADOPTED
    assert placement.end_reason.is_exit_to_family


def test_open_placement_with_end_reason_is_kept_for_the_rules() -> None:
    placement = Placement(
        id="PL", person="C", service="S", period=SINCE_2020, end_reason=EndReason.OTHER
    )
    assert placement.end_reason is EndReason.OTHER


# -- agreements -------------------------------------------------------------------------


def test_agreement_keeps_parties_and_reservations_in_canonical_order() -> None:
    municipality = Party(kind=PartyKind.MUNICIPALITY, id="SFO34")
    provider = Party(kind=PartyKind.PROVIDER, id="P1")
    first = Reservation(service="S1", for_municipality="SFO18", places=2)
    second = Reservation(service="S1", for_municipality="SFO07", places=1)
    one = Agreement(
        id="A",
        kind=AgreementKind.PARTNERSHIP,
        title="T",
        period=SINCE_2020,
        parties=[provider, municipality],
        reservations=[first, second],
    )
    other = Agreement(
        id="A",
        kind=AgreementKind.PARTNERSHIP,
        title="T",
        period=SINCE_2020,
        parties=[municipality, provider],
        reservations=[second, first],
    )
    assert one == other
    assert one.reservations == (second, first)


def test_reservation_of_negative_places_is_refused() -> None:
    _raises(
        lambda: Reservation(service="S1", for_municipality="A", places=-1),
        "places",
        "negative",
    )


def test_ceiling_max_users_must_be_a_count() -> None:
    _raises(
        lambda: CapacityCeiling(area="SFO", service_type="FTPC", max_users=-5),
        "max_users",
        "negative",
    )


@pytest.mark.parametrize(
    "value",
    [
        _service(),
        Person(
            id="C", birth_date=date(2016, 2, 29), home_municipality="A", needs={"x"}
        ),
        Agreement(id="A", kind=AgreementKind.MEMORANDUM, title="T", period=SINCE_2020),
    ],
)
def test_values_are_hashable_frozen_and_evolve(value: Any) -> None:
    assert hash(value) == hash(attrs.evolve(value))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        value.id = "other"
    assert attrs.evolve(value, id="other").id == "other"


def test_errors_about_unhashable_values_still_hash() -> None:
    error = _raises(lambda: Eligibility(needs=[["a"]]), "needs", "wrong_type")  # type: ignore[list-item]
    assert hash(error) == hash(pickle.loads(pickle.dumps(error)))
    assert error != UnknownReferenceError("service", "S1")


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=40 * 366),
)
def test_age_is_the_number_of_birthdays_passed(birth: date, days_later: int) -> None:
    day = birth + timedelta(days=days_later)
    age = age_on(birth, day)
    assert (
        birth + relativedelta(years=age) <= day < birth + relativedelta(years=age + 1)
    )
