"""Every rule of the default catalogue: the smallest case that triggers it, the
nearest case that does not.

The cases are public data of the strategies (:data:`BROKEN_WORLDS`,
:data:`NEAR_MISS_WORLDS`), changes to its small world; the worlds of
:func:`socialservices.strategies.broken_registries` are built on the first.
"""

from __future__ import annotations

import pytest

from socialservices import DEFAULT_RULES, Registry, validate
from socialservices.strategies import (
    AUDIT_DATE,
    BROKEN_WORLDS,
    NEAR_MISS_WORLDS,
    SMALL_WORLD,
)

ON = AUDIT_DATE


def _codes(registry: Registry) -> set[str]:
    return {finding.code for finding in validate(registry, on=ON)}


def test_the_clean_world_has_no_finding() -> None:
    assert validate(SMALL_WORLD, on=ON).findings == ()
    assert validate(SMALL_WORLD).findings == ()


def test_every_rule_has_a_break_and_a_near_miss_in_code_order() -> None:
    codes = sorted(rule.code for rule in DEFAULT_RULES)
    assert list(BROKEN_WORLDS) == list(NEAR_MISS_WORLDS) == codes


@pytest.mark.parametrize("code", sorted(BROKEN_WORLDS))
def test_the_smallest_breaking_case_finds_only_its_code(code: str) -> None:
    assert _codes(BROKEN_WORLDS[code]) == {code}


@pytest.mark.parametrize("code", sorted(set(BROKEN_WORLDS) - {"LIC002"}))
def test_the_smallest_breaking_case_finds_its_code_without_a_date(code: str) -> None:
    assert {finding.code for finding in validate(BROKEN_WORLDS[code])} == {code}


@pytest.mark.parametrize("code", sorted(NEAR_MISS_WORLDS))
def test_the_nearest_case_does_not_find_the_code(code: str) -> None:
    assert code not in _codes(NEAR_MISS_WORLDS[code])
    assert code not in {finding.code for finding in validate(NEAR_MISS_WORLDS[code])}
