"""Documents against hostile input: size, number-valued enums, sets, numbers.

A document with very many problems is read in time linear in its size; a
``Proximity`` is written by its name and still read from its old number, but
never from ``true`` or ``1.0``; a real-number field takes a whole number; a set
holding a value twice, and an integer too long to read, are problems at their
paths.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    SCHEMA,
    SCHEMAS,
    InvalidDocument,
    Period,
    Person,
    Proximity,
    Registry,
    dumps,
    from_dict,
    loads,
    to_dict,
)
from socialservices.examples import sofia_oblast
from socialservices.matching import (
    Allocation,
    Assignment,
    Candidate,
    Policy,
    Ranking,
)
from socialservices.validation import Finding, FreePlaces, Report

from ..values import VALUES

MANY = 100_000
"""Problems in one object: hours of work if each one scanned all the keys."""

BUDGET_S = 60.0
"""Far more than the linear reader needs (about a second), far less than a
quadratic one would (well over an hour)."""

CANDIDATE = Candidate(
    service="S-PRAVETS-FTPC",
    rank=1,
    tier=Proximity.SAME_REGION,
    distance_km=12.5,
    free_places=3,
    measure=None,
    reasons=(),
    message="in the home region",
)
ASSIGNMENT = Assignment(
    request="R-01", persons=("C-01",), service="S-1", tier=Proximity.ELSEWHERE
)


def _problems(caught: pytest.ExceptionInfo[InvalidDocument]) -> list[tuple[str, str]]:
    return [(problem.code, problem.path) for problem in caught.value.problems]


def _person(**changes: Any) -> dict[str, Any]:
    document = {
        "id": "C-01",
        "birth_date": "2015-03-01",
        "home_municipality": "SFO34",
        "needs": [],
    }
    return {**document, **changes}


# -- item 1: linear time in the number of problems ---------------------------------


def test_a_hundred_thousand_unexpected_keys_are_all_reported_in_linear_time() -> None:
    keys = {f"extra{i}": i for i in range(MANY)}
    text = json.dumps({"start": "2024-02-29", **keys, "end": None})
    started = time.perf_counter()
    with pytest.raises(InvalidDocument) as caught:
        loads(text, Period)
    elapsed = time.perf_counter() - started
    assert _problems(caught) == [
        ("unexpected_field", f"$.extra{i}") for i in range(MANY)
    ]
    assert elapsed < BUDGET_S


def test_a_hundred_thousand_keys_given_twice_are_all_reported_in_linear_time() -> None:
    pairs = ", ".join(f'"k{i}": 1, "k{i}": 2' for i in range(MANY // 2))
    text = '{"start": "2024-02-29", "end": null, ' + pairs + "}"
    started = time.perf_counter()
    with pytest.raises(InvalidDocument) as caught:
        loads(text, Period)
    elapsed = time.perf_counter() - started
    problems = _problems(caught)
    assert len(problems) == MANY
    assert problems[:4] == [
        ("duplicate_key", "$.k0"),
        ("unexpected_field", "$.k0"),
        ("duplicate_key", "$.k1"),
        ("unexpected_field", "$.k1"),
    ]
    assert elapsed < BUDGET_S


def test_problems_of_keys_and_fields_keep_document_order() -> None:
    document = {
        "before": 1,
        "start": "not a date",
        "between": 2,
        "end": "2024-13-01",
        "after": 3,
    }
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Period)
    assert _problems(caught) == [
        ("unexpected_field", "$.before"),
        ("invalid_date", "$.start"),
        ("unexpected_field", "$.between"),
        ("invalid_date", "$.end"),
        ("unexpected_field", "$.after"),
    ]


def test_a_missing_field_comes_in_the_order_of_the_fields() -> None:
    with pytest.raises(InvalidDocument) as caught:
        from_dict({"zz": 1, "end": None}, Period)
    assert _problems(caught) == [
        ("unexpected_field", "$.zz"),
        ("missing_field", "$.start"),
    ]


# -- item 10: Proximity by name --------------------------------------------------------


def test_a_tier_is_written_by_its_name() -> None:
    assert to_dict(CANDIDATE)["tier"] == "same_region"
    assert to_dict(ASSIGNMENT)["tier"] == "elsewhere"
    free = FreePlaces(service="S-1", places=2, proximity=Proximity.SAME_MUNICIPALITY)
    assert to_dict(free)["proximity"] == "same_municipality"
    policy = Policy(excluded_tiers={Proximity.ELSEWHERE, Proximity.NEIGHBOURING_REGION})
    assert to_dict(policy)["excluded_tiers"] == ["elsewhere", "neighbouring_region"]


@pytest.mark.parametrize("value", [CANDIDATE, ASSIGNMENT, Policy()])
def test_a_value_with_tiers_round_trips(value: object) -> None:
    assert loads(dumps(value), type(value)) == value


@pytest.mark.parametrize(
    ("kind", "document", "field", "expected"),
    [
        (Candidate, to_dict(CANDIDATE), "tier", Proximity.NEIGHBOURING_MUNICIPALITY),
        (Assignment, to_dict(ASSIGNMENT), "tier", Proximity.NEIGHBOURING_MUNICIPALITY),
        (
            FreePlaces,
            {"service": "S-1", "places": 2, "proximity": 1},
            "proximity",
            Proximity.NEIGHBOURING_MUNICIPALITY,
        ),
    ],
)
def test_a_tier_is_still_read_from_its_old_number(
    kind: type[Any], document: dict[str, Any], field: str, expected: Proximity
) -> None:
    value = from_dict({**document, field: 1}, kind)
    assert getattr(value, field) is expected


TIER_KEYS = frozenset({"tier", "proximity", "excluded_tiers"})
NUMBERS = {member.name.lower(): member.value for member in Proximity}
WITH_TIERS = [Allocation, Assignment, Candidate, Finding, FreePlaces, Policy, Ranking]


def _with_old_tiers(document: object) -> object:
    """``document`` with every tier written as its number, as before."""
    if isinstance(document, list):
        return [_with_old_tiers(item) for item in document]
    if not isinstance(document, dict):
        return document
    old: dict[str, object] = {}
    for key, value in document.items():
        if key in TIER_KEYS and isinstance(value, str):
            old[key] = NUMBERS[value]
        elif key in TIER_KEYS and isinstance(value, list):
            old[key] = [NUMBERS[item] for item in value]
        else:
            old[key] = _with_old_tiers(value)
    return old


@given(st.sampled_from([*WITH_TIERS, Report]).flatmap(lambda kind: VALUES[kind]))
def test_every_value_with_tiers_reads_from_a_document_of_old_numbers(
    value: object,
) -> None:
    old = _with_old_tiers(to_dict(value))
    assert from_dict(old, type(value)) == value
    assert loads(json.dumps(old), type(value)) == value


def test_excluded_tiers_are_still_read_from_their_old_numbers() -> None:
    document = {**to_dict(Policy()), "excluded_tiers": [4, "neighbouring_region"]}
    policy = from_dict(document, Policy)
    assert policy.excluded_tiers == {Proximity.ELSEWHERE, Proximity.NEIGHBOURING_REGION}


@pytest.mark.parametrize("tier", [True, False, 1.0, 0.0, "1", "SAME_REGION", 5, -1])
def test_a_tier_that_is_not_a_name_or_a_whole_number_is_refused(tier: object) -> None:
    for kind, document, path in [
        (Candidate, {**to_dict(CANDIDATE), "tier": tier}, "$.tier"),
        (Assignment, {**to_dict(ASSIGNMENT), "tier": tier}, "$.tier"),
        (FreePlaces, {"service": "S", "places": 1, "proximity": tier}, "$.proximity"),
        (
            Policy,
            {**to_dict(Policy()), "excluded_tiers": ["elsewhere", tier]},
            "$.excluded_tiers[1]",
        ),
    ]:
        with pytest.raises(InvalidDocument) as caught:
            from_dict(document, kind)
        assert _problems(caught) == [("unknown_value", path)]
        assert caught.value.problems[0].allowed == tuple(
            member.name.lower() for member in Proximity
        )


def test_a_boolean_tier_is_refused_in_json_text() -> None:
    text = dumps(ASSIGNMENT).replace('"elsewhere"', "true")
    with pytest.raises(InvalidDocument) as caught:
        loads(text, Assignment)
    assert _problems(caught) == [("unknown_value", "$.tier")]


# -- item 10: real numbers ---------------------------------------------------------------


def test_a_whole_number_distance_is_read_as_a_real_number() -> None:
    candidate = from_dict({**to_dict(CANDIDATE), "distance_km": 12}, Candidate)
    assert candidate.distance_km == 12.0
    assert type(candidate.distance_km) is float
    assert loads(dumps(candidate), Candidate) == candidate


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity", "1e400", "1" * 400])
def test_a_real_number_a_document_cannot_hold_is_refused_at_its_path(
    text: str,
) -> None:
    document = dumps(CANDIDATE).replace('"distance_km": 12.5', f'"distance_km": {text}')
    with pytest.raises(InvalidDocument) as caught:
        loads(document, Candidate)
    assert _problems(caught) == [("number_out_of_range", "$.distance_km")]


# -- item 10: sets -----------------------------------------------------------------------


def test_a_value_twice_in_a_set_is_reported_at_the_repeat() -> None:
    with pytest.raises(InvalidDocument) as caught:
        from_dict(_person(needs=["x", "y", "x", "x"]), Person)
    assert _problems(caught) == [
        ("duplicate_item", "$.needs[2]"),
        ("duplicate_item", "$.needs[3]"),
    ]


def test_a_tier_twice_in_excluded_tiers_by_name_and_number_is_reported() -> None:
    document = {**to_dict(Policy()), "excluded_tiers": ["same_region", 2]}
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Policy)
    assert _problems(caught) == [("duplicate_item", "$.excluded_tiers[1]")]


def test_a_repeat_in_a_set_deep_in_a_registry_is_named_by_its_path() -> None:
    document = to_dict(sofia_oblast())
    document["persons"][0]["needs"] = ["x", "x"]
    border = document["geography"]["municipality_neighbours"][0]
    document["geography"]["municipality_neighbours"].append(list(reversed(border)))
    with pytest.raises(InvalidDocument) as caught:
        loads(json.dumps(document), Registry)
    count = len(document["geography"]["municipality_neighbours"])
    assert _problems(caught) == [
        ("duplicate_item", f"$.geography.municipality_neighbours[{count - 1}]"),
        ("duplicate_item", "$.persons[0].needs[1]"),
    ]


def test_problems_in_a_set_come_in_the_order_of_its_items() -> None:
    with pytest.raises(InvalidDocument) as caught:
        from_dict(_person(needs=["x", "x", 3]), Person)
    assert _problems(caught) == [
        ("duplicate_item", "$.needs[1]"),
        ("wrong_type", "$.needs[2]"),
    ]


# -- item 10: integers too long to read --------------------------------------------------


_LIMIT = getattr(sys, "get_int_max_str_digits", lambda: 0)()
limited = pytest.mark.skipif(
    _LIMIT == 0, reason="this Python reads integers of any length"
)


@limited
@pytest.mark.parametrize("sign", ["", "-"])
def test_an_integer_too_long_to_read_is_reported_at_its_path(sign: str) -> None:
    document = to_dict(sofia_oblast())
    document["services"][0]["capacity"][0]["places"] = 123456789
    text = json.dumps(document).replace("123456789", sign + "9" * (_LIMIT + 1), 1)
    with pytest.raises(InvalidDocument) as caught:
        loads(text, Registry)
    assert _problems(caught) == [
        ("number_out_of_range", "$.services[0].capacity[0].places")
    ]


@limited
def test_every_integer_too_long_to_read_is_reported() -> None:
    huge = "1" * (_LIMIT + 1)
    text = f'{{"id": {huge}, "birth_date": "2015-03-01", "home_municipality": "SFO34", "needs": [{huge}]}}'
    with pytest.raises(InvalidDocument) as caught:
        loads(text, Person)
    assert _problems(caught) == [
        ("number_out_of_range", "$.id"),
        ("number_out_of_range", "$.needs[0]"),
    ]


def test_text_that_is_not_json_is_still_invalid_json_at_the_root() -> None:
    with pytest.raises(InvalidDocument) as caught:
        loads(b'{"start": "\xff"}', Period)
    assert _problems(caught) == [("invalid_json", "$")]


# -- the schema ------------------------------------------------------------------------


def test_registry_documents_are_version_2_and_version_1_still_reads() -> None:
    """Version 2 only extends version 1: a version 1 document reads the same."""
    document = to_dict(sofia_oblast())
    assert document["schema"] == SCHEMA == "socialservices/2"
    assert SCHEMAS == ("socialservices/1", SCHEMA)
    assert from_dict(document, Registry) == sofia_oblast()
    older = {**document, "schema": "socialservices/1"}
    assert from_dict(older, Registry) == sofia_oblast()
    assert loads(json.dumps(older), Registry) == sofia_oblast()
