"""Identifiers carry their scheme: a Bulgarian EIK is checked as one, others are kept."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    InvalidDocument,
    InvalidValueError,
    OrganisationIdentifier,
    Provider,
    ProviderKind,
    Registry,
    dumps,
    from_dict,
    loads,
    salvage,
    to_dict,
)
from socialservices import strategies as ss
from socialservices.bulgaria import is_valid_eik
from socialservices.examples import sofia_oblast

SOURCE = Path(__file__).parents[2] / "src" / "socialservices"
HSDS_ORGANIZATION = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "external"
    / "hsds"
    / "examples"
    / "organization_full.json"
)


def _provider(**fields: Any) -> Provider:
    return Provider(id="P", name="Доставчик", kind=ProviderKind.NGO, **fields)


def _refusal(error: pytest.ExceptionInfo[InvalidValueError]) -> tuple[Any, ...]:
    value = error.value
    return (value.type_name, value.field, value.code)


# --- the uic, read in its scheme ------------------------------------------------


@pytest.mark.parametrize(
    "uic",
    [
        "US-EIN-12-3456789",  # an EIN with its scheme
        "12-3456789",  # an EIN as HSDS writes it: not digits alone
        "GB-COH-1234567",
        "GB-COH-SC123456",
        "DE-HRB-1",
    ],
)
def test_a_uic_in_another_scheme_is_kept_as_given(uic: str) -> None:
    assert _provider(uic=uic).uic == uic


@pytest.mark.parametrize("uic", ["BG-EIK-175074752", "BG-EIK-1213961230342"])
def test_a_uic_in_the_bulgarian_scheme_with_valid_check_digits_is_taken(
    uic: str,
) -> None:
    assert _provider(uic=uic).uic == uic


@pytest.mark.parametrize(
    ("uic", "code"),
    [
        ("BG-EIK-123456789", "checksum"),
        ("BG-EIK-1213961230343", "checksum"),  # the unit's check digit
        ("BG-EIK-12345678", "malformed"),
        ("BG-EIK-BG175074752", "malformed"),  # the scheme says it: digits alone
    ],
)
def test_a_uic_in_the_bulgarian_scheme_is_checked_as_an_eik(
    uic: str, code: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        _provider(uic=uic)
    assert _refusal(caught) == ("Provider", "uic", code)
    assert caught.value.value == uic


@pytest.mark.parametrize(
    "uic", ["12345678", "1234567890", "17507475", "0", "BG12345678", "12345678901234"]
)
def test_a_bare_number_of_the_wrong_length_is_refused_as_a_bulgarian_eik(
    uic: str,
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        _provider(uic=uic)
    assert _refusal(caught) == ("Provider", "uic", "malformed")


@pytest.mark.parametrize("uic", ["175074752", "BG175074752", "1213961230342"])
def test_a_bare_nine_or_thirteen_digit_uic_is_still_a_bulgarian_eik(uic: str) -> None:
    assert _provider(uic=uic).uic == uic


def test_a_bare_thirteen_digit_bulstat_with_a_wrong_unit_digit_is_refused() -> None:
    with pytest.raises(InvalidValueError) as caught:
        _provider(uic="1213961230343")
    assert _refusal(caught) == ("Provider", "uic", "checksum")


def test_a_personal_number_given_as_a_uic_is_refused_without_repeating_it() -> None:
    egn = "8032056031"
    with pytest.raises(InvalidValueError) as caught:
        _provider(uic=egn)
    assert _refusal(caught) == ("Provider", "uic", "malformed")
    assert caught.value.value == "*" * 10
    assert egn not in str(caught.value)


@pytest.mark.parametrize("uic", [123456789, b"175074752", ["175074752"], ""])
def test_a_uic_that_is_no_string_is_refused_with_the_library_s_error(
    uic: object,
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        _provider(uic=uic)
    assert caught.value.field == "uic"
    assert caught.value.code in {"wrong_type", "empty"}


# --- OrganisationIdentifier ------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme", "identifier"),
    [
        ("US-EIN", "12-3456789"),
        ("US-EIN", "123456789"),  # an EIN of 9 digits is no EIK, and needs not be
        ("GB-COH", "1234567"),
        ("GB-COH", "SC123456"),
        ("GB-CHC", "12345678"),  # 8 digits: only Bulgaria's scheme counts digits
        ("XI-LEI", "5493001KJTIIGC8Y1R12"),
    ],
)
def test_an_identifier_of_another_scheme_is_kept_as_given(
    scheme: str, identifier: str
) -> None:
    value = OrganisationIdentifier(scheme=scheme, identifier=identifier)
    assert (value.scheme, value.identifier) == (scheme, identifier)
    assert str(value) == f"{scheme}-{identifier}"


@pytest.mark.parametrize("identifier", ["175074752", "020469788", "1213961230342"])
def test_a_bulgarian_identifier_with_valid_check_digits_is_taken(
    identifier: str,
) -> None:
    value = OrganisationIdentifier(scheme="BG-EIK", identifier=identifier)
    assert str(value) == f"BG-EIK-{identifier}"


@pytest.mark.parametrize(
    ("identifier", "code"),
    [
        ("123456789", "checksum"),
        ("1213961230343", "checksum"),
        ("12345678", "malformed"),
        ("1234567890", "malformed"),
        ("BG175074752", "malformed"),
        ("17507475X", "malformed"),
        ("１７５０７４７５２", "malformed"),  # full-width digits are no EIK
    ],
)
def test_a_bulgarian_identifier_is_checked_as_an_eik(
    identifier: str, code: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        OrganisationIdentifier(scheme="BG-EIK", identifier=identifier)
    assert _refusal(caught) == ("OrganisationIdentifier", "identifier", code)


@pytest.mark.parametrize("scheme", ["us-ein", "EIN", "BG_EIK", "БГ-ЕИК", "B-EIK"])
def test_a_scheme_is_an_org_id_list_code(scheme: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        OrganisationIdentifier(scheme=scheme, identifier="1")
    assert _refusal(caught) == ("OrganisationIdentifier", "scheme", "malformed")


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"scheme": None, "identifier": "1"}, "scheme", "wrong_type"),
        ({"scheme": 7, "identifier": "1"}, "scheme", "wrong_type"),
        ({"scheme": "", "identifier": "1"}, "scheme", "empty"),
        ({"scheme": "BG-EIK", "identifier": 175074752}, "identifier", "wrong_type"),
        ({"scheme": "US-EIN", "identifier": "12 3456789"}, "identifier", "malformed"),
        ({"scheme": "US-EIN", "identifier": ""}, "identifier", "empty"),
    ],
)
def test_wrong_types_and_empty_values_are_the_library_s_errors(
    fields: dict[str, Any], field: str, code: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        OrganisationIdentifier(**fields)
    assert _refusal(caught) == ("OrganisationIdentifier", field, code)


def test_a_provider_keeps_its_identifiers_in_order_of_scheme() -> None:
    ein = OrganisationIdentifier(scheme="US-EIN", identifier="12-3456789")
    eik = OrganisationIdentifier(scheme="BG-EIK", identifier="175074752")
    provider = _provider(identifiers=[ein, eik])
    assert provider.identifiers == (eik, ein)
    assert provider == _provider(identifiers=(eik, ein))


@pytest.mark.parametrize("identifiers", [["BG-EIK-175074752"], 5, [None]])
def test_a_provider_refuses_identifiers_that_are_not_organisation_identifiers(
    identifiers: object,
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        _provider(identifiers=identifiers)
    assert _refusal(caught) == ("Provider", "identifiers", "wrong_type")


def test_the_core_checks_an_eik_without_importing_the_bulgarian_package() -> None:
    tree = ast.parse((SOURCE / "_provider.py").read_text(encoding="utf-8"))
    imported = [
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    ]
    assert not [module for module in imported if "bulgaria" in module]


# --- documents -------------------------------------------------------------------

_HSDS_LIKE = _provider(
    uic="US-EIN-12-3456789",
    identifiers=[
        OrganisationIdentifier(scheme="GB-COH", identifier="1234567"),
        OrganisationIdentifier(scheme="BG-EIK", identifier="1213961230342"),
    ],
)


def test_identifiers_round_trip_in_documents() -> None:
    document = to_dict(_HSDS_LIKE)
    assert document["identifiers"] == [
        {"scheme": "BG-EIK", "identifier": "1213961230342"},
        {"scheme": "GB-COH", "identifier": "1234567"},
    ]
    assert from_dict(document, Provider) == _HSDS_LIKE
    assert loads(dumps(_HSDS_LIKE), Provider) == _HSDS_LIKE


def test_a_document_without_identifiers_still_reads() -> None:
    document = to_dict(_provider(uic="175074752"))
    assert "identifiers" not in document  # written only when given
    assert from_dict(document, Provider).identifiers == ()


def test_a_registry_with_identifiers_round_trips() -> None:
    registry = sofia_oblast().with_providers(_HSDS_LIKE)
    assert loads(dumps(registry), Registry) == registry


def test_bad_identifiers_in_a_document_are_problems_at_their_paths() -> None:
    document = to_dict(_HSDS_LIKE)
    document["uic"] = "12345678"
    document["identifiers"] = [
        {"scheme": "BG-EIK", "identifier": "123456789"},
        {"scheme": "us-ein", "identifier": "12-3456789"},
        {"scheme": "US-EIN"},
        "BG-EIK-175074752",
    ]
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Provider)
    assert [(p.code, p.path, p.detail) for p in caught.value.problems] == [
        ("invalid_value", "$.uic", "malformed"),
        ("invalid_value", "$.identifiers[0].identifier", "checksum"),
        ("invalid_value", "$.identifiers[1].scheme", "malformed"),
        ("missing_field", "$.identifiers[2].identifier", None),
        ("wrong_type", "$.identifiers[3]", None),
    ]


def test_salvage_sets_aside_a_provider_with_a_bad_eik_and_keeps_the_rest() -> None:
    registry = sofia_oblast()
    document = to_dict(registry)
    document["providers"][0]["identifiers"] = [
        {"scheme": "BG-EIK", "identifier": "12345678"}
    ]
    result = salvage(document)
    assert len(result.registry.providers) == len(registry.providers) - 1
    assert [
        (problem.path, problem.detail)
        for aside in result.set_aside
        for problem in aside.problems
    ] == [("$.providers[0].identifiers[0].identifier", "malformed")]


@pytest.mark.skipif(
    not HSDS_ORGANIZATION.is_file(), reason="../shared/external/hsds is not there"
)
def test_the_hsds_example_organisation_s_identifiers_are_kept_as_given() -> None:
    organization = json.loads(HSDS_ORGANIZATION.read_text(encoding="utf-8"))
    given = [
        (entry["identifier_scheme"], entry["identifier"])
        for entry in organization["organization_identifiers"]
    ]
    provider = _provider(
        identifiers=[
            OrganisationIdentifier(scheme=scheme, identifier=identifier)
            for scheme, identifier in given
        ]
    )
    assert given == [("GB-COH", "1234567")]
    assert [(i.scheme, i.identifier) for i in provider.identifiers] == given
    assert from_dict(to_dict(provider), Provider) == provider


# --- strategies ------------------------------------------------------------------


@given(ss.organisation_identifiers())
def test_drawn_identifiers_are_valid_in_their_scheme(
    value: OrganisationIdentifier,
) -> None:
    if value.scheme == "BG-EIK":
        assert is_valid_eik(value.identifier)
    assert from_dict(to_dict(value), OrganisationIdentifier) == value


@given(st.from_type(OrganisationIdentifier))
def test_from_type_draws_organisation_identifiers(
    value: OrganisationIdentifier,
) -> None:
    assert isinstance(value, OrganisationIdentifier)


@given(ss.organisation_identifiers(schemes=st.sampled_from(["BG-EIK", "NL-KVK"])))
def test_drawn_identifiers_follow_the_schemes_asked_for(
    value: OrganisationIdentifier,
) -> None:
    assert value.scheme in {"BG-EIK", "NL-KVK"}


def test_drawn_bulgarian_identifiers_have_nine_or_thirteen_digits() -> None:
    lengths: set[int] = set()

    @given(ss.organisation_identifiers(schemes=st.just("BG-EIK")))
    def collect(value: OrganisationIdentifier) -> None:
        lengths.add(len(value.identifier))

    collect()
    assert lengths == {9, 13}
