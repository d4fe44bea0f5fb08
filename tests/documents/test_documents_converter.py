"""make_converter: our types in a cattrs converter of the caller's, as the documents have them."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    InvalidDocument,
    Measure,
    Period,
    Placement,
    Proximity,
    Registry,
    from_dict,
    make_converter,
    to_dict,
)
from socialservices.documents._convert import PRIMITIVE_ENUMS
from socialservices.examples import sofia_oblast

from ..values import VALUES

KINDS = sorted(VALUES, key=lambda kind: kind.__name__)


class CaseNumber:
    """A caller's own value, not an attrs class: written as ``"CN/<number>"``."""

    def __init__(self, number: int) -> None:
        self.number = number

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CaseNumber) and other.number == self.number

    def __hash__(self) -> int:
        return hash(self.number)


@attrs.frozen
class CaseFile:
    """A caller's class holding ours."""

    number: CaseNumber
    opened: date
    term: Period
    placements: list[Placement]
    tier: Proximity


def _case_converter() -> cattrs.Converter:
    converter = make_converter()
    converter.register_unstructure_hook(CaseNumber, lambda case: f"CN/{case.number}")
    converter.register_structure_hook(
        CaseNumber, lambda text, _: CaseNumber(int(text.removeprefix("CN/")))
    )
    return converter


def _placement(number: int, **changes: Any) -> Placement:
    placement = Placement(
        id=f"PL-{number}",
        person=f"C-{number}",
        service="S-1",
        period=Period(start=date(2024, 2, 29), end=date(2024, 3, number)),
        measure=Measure.FOSTER_FAMILY,
    )
    return attrs.evolve(placement, **changes)


CASE = CaseFile(
    number=CaseNumber(17),
    opened=date(2024, 2, 1),
    term=Period(start=date(2024, 2, 1)),
    placements=[_placement(1), _placement(2, measure=None)],
    tier=Proximity.SAME_REGION,
)


def _problems(caught: pytest.ExceptionInfo[InvalidDocument]) -> list[tuple[str, str]]:
    return [(problem.code, problem.path) for problem in caught.value.problems]


def test_a_callers_class_holding_ours_round_trips_with_a_hook_of_its_own() -> None:
    converter = _case_converter()
    document = converter.unstructure(CASE)
    assert document == {
        "number": "CN/17",
        "opened": "2024-02-01",
        "term": to_dict(CASE.term),
        "placements": to_dict(CASE.placements),
        "tier": "same_region",
    }
    assert converter.structure(document, CaseFile) == CASE


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
@given(data=st.data())
def test_every_value_is_written_and_read_as_the_documents_have_it(
    kind: type[Any], data: st.DataObject
) -> None:
    converter = make_converter()
    value = data.draw(VALUES[kind])
    document = converter.unstructure(value)
    assert document == to_dict(value)
    assert converter.structure(document, kind) == value


def test_a_list_is_written_and_read_as_the_documents_have_it() -> None:
    converter = make_converter()
    values = CASE.placements
    assert converter.unstructure(values, list[Placement]) == to_dict(values)
    assert converter.structure(to_dict(values), list[Placement]) == values
    assert converter.structure(to_dict(values), tuple[Placement, ...]) == tuple(values)


def test_an_enum_is_written_by_its_name_and_read_from_its_old_number() -> None:
    converter = make_converter()
    assert converter.unstructure(Proximity.SAME_REGION) == "same_region"
    assert converter.structure("same_region", Proximity) is Proximity.SAME_REGION
    assert converter.structure(2, Proximity) is Proximity.SAME_REGION
    assert converter.unstructure(Measure.FOSTER_FAMILY) == "foster_family"


def test_a_registry_is_a_whole_document() -> None:
    converter = make_converter()
    registry = sofia_oblast()
    assert converter.unstructure(registry) == to_dict(registry)
    assert converter.structure(to_dict(registry), Registry) == registry


def _bad_registry() -> dict[str, Any]:
    document = to_dict(sofia_oblast())
    document["placements"][0]["period"]["start"] = "2024-02-30"
    document["placements"][1]["measure"] = "orphanage"
    document["services"][0]["id"] = 7
    document["unknown"] = 1
    return document


def test_a_bad_registry_has_the_problems_from_dict_names() -> None:
    document = _bad_registry()
    with pytest.raises(InvalidDocument) as expected:
        from_dict(document, Registry)
    with pytest.raises(InvalidDocument) as caught:
        make_converter().structure(document, Registry)
    assert caught.value.problems == expected.value.problems
    assert sorted(_problems(caught)) == [
        ("invalid_date", "$.placements[0].period.start"),
        ("unexpected_field", "$.unknown"),
        ("unknown_value", "$.placements[1].measure"),
        ("wrong_type", "$.services[0].id"),
    ]


def test_a_bad_list_has_the_problems_from_dict_names() -> None:
    documents = to_dict(CASE.placements)
    documents[1]["period"] = {"start": "2024-03-01", "end": "2024-02-29"}
    with pytest.raises(InvalidDocument) as caught:
        make_converter().structure(documents, list[Placement])
    assert _problems(caught) == [("invalid_value", "$[1].period.end")]


def test_a_bad_value_in_a_callers_class_is_an_invalid_document_under_its_field() -> (
    None
):
    document = _case_converter().unstructure(CASE)
    document["term"] = {"start": "2024-02-30"}
    with pytest.raises(cattrs.ClassValidationError) as caught:
        _case_converter().structure(document, CaseFile)
    (error,) = caught.value.exceptions
    assert isinstance(error, InvalidDocument)
    assert [(p.code, p.path) for p in error.problems] == [("invalid_date", "$.start")]


def test_two_converters_are_independent() -> None:
    changed = make_converter()
    changed.register_unstructure_hook(Period, lambda period: period.start.isoformat())
    other = make_converter()
    period = CASE.term
    assert changed.unstructure(period) == "2024-02-01"
    assert (
        other.unstructure(period)
        == to_dict(period)
        == {
            "start": "2024-02-01",
            "end": None,
        }
    )
    assert to_dict(period) == other.unstructure(period)
    placement = CASE.placements[0]  # our values keep their own format inside
    assert changed.unstructure(placement) == to_dict(placement)
    assert make_converter() is not make_converter()


def test_a_class_that_is_not_ours_is_left_to_cattrs() -> None:
    @attrs.frozen
    class Plain:
        count: int

    converter = make_converter()
    assert converter.unstructure(Plain(3)) == {"count": 3}
    assert converter.structure({"count": 3}, Plain) == Plain(3)


def _enums(kind: type[enum.Enum]) -> Iterator[type[enum.Enum]]:
    for sub in kind.__subclasses__():
        yield sub
        yield from _enums(sub)


def test_every_enum_of_ours_that_is_also_a_number_or_text_has_its_own_hook() -> None:
    primitive = {
        kind
        for kind in _enums(enum.Enum)
        if kind.__module__.split(".")[0] == "socialservices"
        and issubclass(kind, (int, str))
    }
    assert primitive == set(PRIMITIVE_ENUMS)
