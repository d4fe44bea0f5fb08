"""Which rules rest on one country's law, and choosing rules by the data's jurisdiction."""

from __future__ import annotations

import attrs
import pytest

from socialservices import InvalidValueError
from socialservices.cli._main import BULGARIAN_RULES
from socialservices.examples import SCENARIO_DATE, sofia_oblast
from socialservices.validation import DEFAULT_RULES, select_rules, validate

ALL = {rule.code for rule in DEFAULT_RULES}
BULGARIAN = {rule.code for rule in DEFAULT_RULES if rule.jurisdiction == "BG"}


def test_the_rules_resting_on_bulgarian_law_are_marked_so() -> None:
    assert {"AGR001", "AGR003", "CHD001", "CHD002", "LIC001", "LIC002"} == BULGARIAN
    assert {rule.jurisdiction for rule in DEFAULT_RULES} == {None, "BG"}


@pytest.mark.parametrize("jurisdiction", ["GB-ENG", "GB", "US", "gb-eng"])
def test_data_of_another_jurisdiction_is_held_to_the_neutral_rules(
    jurisdiction: str,
) -> None:
    kept = select_rules(jurisdiction=jurisdiction)
    assert {rule.code for rule in kept} == ALL - BULGARIAN
    assert all(rule.jurisdiction is None for rule in kept)


@pytest.mark.parametrize("jurisdiction", ["BG", "BG-23", "bg", None])
def test_bulgarian_data_and_data_of_no_jurisdiction_are_held_to_every_rule(
    jurisdiction: str | None,
) -> None:
    assert select_rules(jurisdiction=jurisdiction) == DEFAULT_RULES


def test_the_command_lines_law_none_leaves_out_what_the_catalogue_marks() -> None:
    assert BULGARIAN_RULES == BULGARIAN


def test_a_jurisdiction_and_a_selection_combine() -> None:
    kept = select_rules(include=["AGR", "LOC"], jurisdiction="GB-ENG")
    assert [rule.code for rule in kept] == ["AGR002", "LOC001", "LOC002"]
    with pytest.raises(InvalidValueError) as caught:
        select_rules(include=["CHD"], jurisdiction="GB-ENG")
    assert caught.value.code == "empty"


@pytest.mark.parametrize("bad", [7, "", " ", ["GB"]])
def test_a_jurisdiction_that_is_no_code_is_refused(bad: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        select_rules(jurisdiction=bad)  # type: ignore[arg-type]
    assert (caught.value.type_name, caught.value.field) == (
        "select_rules",
        "jurisdiction",
    )
    assert caught.value.code == "wrong_type"
    assert caught.value.value == bad


def test_a_rules_jurisdiction_is_a_code() -> None:
    rule = DEFAULT_RULES[0]
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(rule, jurisdiction="not a code")
    assert caught.value.field == "jurisdiction"


def test_validating_under_the_neutral_rules_reports_no_bulgarian_rule() -> None:
    registry = sofia_oblast()
    everything = {f.code for f in validate(registry, on=SCENARIO_DATE).findings}
    neutral = validate(
        registry, on=SCENARIO_DATE, rules=select_rules(jurisdiction="GB-ENG")
    )
    found = {finding.code for finding in neutral.findings}
    assert not found & BULGARIAN
    assert found == everything - BULGARIAN
