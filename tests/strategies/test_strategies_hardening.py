"""The public strategies under misuse: every type, any geography, short reprs, bad arguments."""

from __future__ import annotations

import inspect
from datetime import date, datetime
from typing import Any

import attrs
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import socialservices
from socialservices import (
    DEFAULT_RULES,
    Geography,
    InvalidValueError,
    Municipality,
    Period,
    Region,
    Registry,
    from_dict,
    matching,
    to_dict,
    validate,
    validation,
)
from socialservices import strategies as ss
from socialservices._hypothesis_hook import STRATEGIES

_FEW = settings(max_examples=5)

# --- st.from_type for every public value type ------------------------------------


def _public_value_types() -> list[type]:
    found: dict[str, type] = {}
    for module in (socialservices, matching, validation):
        for name in module.__all__:
            value = getattr(module, name)
            if isinstance(value, type) and attrs.has(value):
                found[value.__name__] = value
    return [found[name] for name in sorted(found)]


PUBLIC_VALUE_TYPES = _public_value_types()


def test_every_public_value_type_has_a_registered_strategy() -> None:
    assert {kind.__name__ for kind in PUBLIC_VALUE_TYPES} == set(STRATEGIES)
    assert set(STRATEGIES.values()) <= set(ss.__all__)


def _document(value: object) -> dict[str, Any] | None:
    """``value`` as a document, or ``None`` for a type that is no document type."""
    try:
        return to_dict(value)
    except InvalidValueError:
        return None


@pytest.mark.parametrize("kind", PUBLIC_VALUE_TYPES, ids=lambda kind: kind.__name__)
@settings(max_examples=3)
@given(data=st.data())
def test_from_type_draws_valid_values_of_every_public_type(
    kind: type, data: st.DataObject
) -> None:
    drawn = data.draw(st.from_type(kind))
    assert type(drawn) is kind
    value: Any = drawn
    assert attrs.evolve(value) == value  # built again, through every validator
    document = _document(value)
    if document is not None:
        assert from_dict(document, kind) == value
    if isinstance(value, Registry):
        validate(value, on=ss.AUDIT_DATE)


# --- broken worlds beside a geography that uses the small world's codes ---------

CLASHING = Geography(
    regions=[Region(code="R1", name="One"), Region(code="R2", name="Two")],
    municipalities=[
        Municipality(code="M1", name="Home", region="R1"),
        Municipality(code="M2", name="Next door", region="R1"),
        Municipality(code="M3", name="Far", region="R2"),
        Municipality(code="M9", name="Nine", region="R2"),
        Municipality(code="NGO", name="Not a provider", region="R2"),
    ],
    municipality_neighbours=[("M1", "M2"), ("M2", "M3")],
    region_neighbours=[("R1", "R2")],
)


@pytest.mark.parametrize("code", [rule.code for rule in DEFAULT_RULES])
@_FEW
@given(data=st.data())
def test_broken_worlds_beside_a_geography_with_the_same_codes_break_only_their_rule(
    code: str, data: st.DataObject
) -> None:
    registry = data.draw(
        ss.broken_registries(code=code, geography=CLASHING, max_placements=8)
    )
    audited = validate(registry, on=ss.AUDIT_DATE)
    assert code in audited.counts()
    assert {finding.code for finding in audited.errors} <= {code}


def test_broken_worlds_keep_their_codes_when_nothing_clashes() -> None:
    world = find(ss.broken_registries(code="LOC001"), lambda registry: True)
    assert {"M1", "M2", "M3"} <= {m.code for m in world.geography.municipalities}


def test_broken_worlds_rename_every_clashing_code() -> None:
    world = find(
        ss.broken_registries(code="LOC001", geography=CLASHING), lambda registry: True
    )
    codes = [m.code for m in world.geography.municipalities]
    assert len(codes) == len(set(codes))
    providers = [provider.id for provider in world.providers]
    assert len(providers) == len(set(providers))


# --- reprs on the real geography -------------------------------------------------


def test_the_smallest_world_on_the_real_geography_has_a_short_repr() -> None:
    world = find(ss.registries(bulgaria=True), lambda registry: True)
    assert len(repr(world)) < 4_000


@_FEW
@given(ss.registries(bulgaria=True, max_placements=10))
def test_the_real_geography_adds_little_to_a_world_s_repr(registry: Registry) -> None:
    without = attrs.evolve(registry, geography=Geography())
    assert len(repr(registry)) - len(repr(without)) < 200


def test_a_failing_example_on_the_real_geography_prints_briefly() -> None:
    @settings(max_examples=1, database=None)
    @given(ss.registries(bulgaria=True, max_services=1, max_placements=2))
    def fails(registry: Registry) -> None:
        raise AssertionError

    with pytest.raises(AssertionError) as failure:
        fails()
    notes = "\n".join(getattr(failure.value, "__notes__", []))
    assert 0 < len(notes) < 8_000


def test_a_small_geography_is_shown_in_full() -> None:
    assert "municipality_neighbours=" in repr(CLASHING)


# --- arguments -----------------------------------------------------------------

_STRATEGIES = {
    name: getattr(ss, name)
    for name in ss.__all__
    if inspect.isfunction(getattr(ss, name))
}
_NOT_A_DATE = datetime(2024, 1, 1, 12, 0)


def _bad_values(parameter: inspect.Parameter) -> list[Any]:
    """Values of the wrong type for a strategy's argument."""
    bad: list[Any] = ["yes", 2.5, ["x"], object()]
    default = parameter.default
    if isinstance(default, bool) or parameter.name == "open_ended":
        bad.append(1)
    elif isinstance(default, int):
        bad += [True, -1]
    elif isinstance(default, date):
        bad.append(_NOT_A_DATE)
    return bad


_CASES = [
    pytest.param(name, parameter.name, value, id=f"{name}-{parameter.name}-{i}")
    for name, make in sorted(_STRATEGIES.items())
    for parameter in inspect.signature(make).parameters.values()
    if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    for i, value in enumerate(_bad_values(parameter))
]


@pytest.mark.parametrize(("name", "argument", "value"), _CASES)
def test_every_strategy_refuses_an_argument_of_the_wrong_type(
    name: str, argument: str, value: Any
) -> None:
    codes = {"broken_registries": "LOC001", "broken_request_histories": "REQ001"}
    extra = {"code": codes[name]} if name in codes and argument != "code" else {}
    with pytest.raises(InvalidArgument):
        _STRATEGIES[name](**{argument: value, **extra})


def test_every_strategy_with_arguments_is_checked() -> None:
    checked = {case.values[0] for case in _CASES}
    with_arguments = {
        name for name, make in _STRATEGIES.items() if inspect.signature(make).parameters
    }
    assert checked == with_arguments


def test_periods_refuse_open_ended_yes() -> None:
    with pytest.raises(InvalidArgument):
        ss.periods(open_ended="yes")  # type: ignore[arg-type]


def test_broken_registries_refuse_an_argument_registries_does_not_take() -> None:
    with pytest.raises(InvalidArgument):
        ss.broken_registries(code="LOC001", colour="red")


@_FEW
@given(ss.periods(min_start=date(9999, 12, 1), max_start=date.max, open_ended=False))
def test_periods_starting_near_the_end_of_the_calendar_end_within_it(
    period: Period,
) -> None:
    assert period.end is not None


def test_periods_that_cannot_end_within_the_calendar_are_refused() -> None:
    with pytest.raises(InvalidArgument):
        ss.periods(min_start=date(9999, 12, 1), max_start=date.max, min_days=31)
