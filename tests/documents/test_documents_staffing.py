"""A service's staffing in documents: written only when given, read back equal,
and every problem in it named with its code and path."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given

from socialservices import (
    InvalidDocument,
    Registry,
    Service,
    StaffingChange,
    dumps,
    from_dict,
    loads,
    make_converter,
    salvage,
    to_dict,
)
from socialservices.examples import sofia_oblast

from ..values import services

STAFFED = StaffingChange(effective=date(2024, 1, 1), positions=12, filled=9)


def _staffed(registry: Registry) -> Registry:
    first, *others = registry.services
    return attrs.evolve(
        registry,
        services=[
            attrs.evolve(
                first,
                staffing=[
                    StaffingChange(effective=date(2020, 1, 1), positions=10, filled=10),
                    STAFFED,
                ],
            ),
            *others,
        ],
    )


def _service_document(**staffing: Any) -> dict[str, Any]:
    document = to_dict(sofia_oblast().services[0])
    document.update(staffing)
    return document


def test_a_service_without_staffing_is_written_as_before() -> None:
    document = to_dict(sofia_oblast().services[0])
    assert "staffing" not in document
    assert list(document)[-1] == "staff"


def test_a_service_with_staffing_writes_each_change() -> None:
    document = to_dict(attrs.evolve(sofia_oblast().services[0], staffing=[STAFFED]))
    assert document["staffing"] == [
        {"effective": "2024-01-01", "positions": 12, "filled": 9}
    ]
    assert list(document)[-1] == "staffing"


def test_a_registry_with_staffing_round_trips() -> None:
    registry = _staffed(sofia_oblast())
    assert from_dict(to_dict(registry), Registry) == registry
    assert loads(dumps(registry), Registry) == registry
    converter = make_converter()
    assert converter.structure(converter.unstructure(registry), Registry) == registry


def test_a_version_1_document_reads_with_no_staffing() -> None:
    document = to_dict(sofia_oblast())
    document["schema"] = "socialservices/1"
    read = from_dict(document, Registry)
    assert all(service.staffing == () for service in read.services)


@given(services())
def test_any_service_round_trips(service: Service) -> None:
    document = to_dict(service)
    assert ("staffing" in document) == bool(service.staffing)
    assert from_dict(document, Service) == service


def test_every_problem_of_a_malformed_staffing_is_named_with_its_path() -> None:
    document = _service_document(
        staffing=[
            {"effective": "2024-01-01", "positions": 10, "filled": 11},
            {"effective": "2024-02-30", "positions": "ten", "filled": -1},
            {"effective": "2024-03-01", "positions": 4},
            {"effective": "2024-04-01", "positions": 4, "filled": 4, "vacant": 0},
        ]
    )
    with pytest.raises(InvalidDocument) as error:
        from_dict(document, Service)
    found = [(p.code, p.path, p.detail) for p in error.value.problems]
    assert found == [
        ("invalid_value", "$.staffing[0].filled", "above_positions"),
        ("invalid_date", "$.staffing[1].effective", None),
        ("wrong_type", "$.staffing[1].positions", None),
        ("invalid_value", "$.staffing[1].filled", "negative"),
        ("missing_field", "$.staffing[2].filled", None),
        ("unexpected_field", "$.staffing[3].vacant", None),
    ]


def test_two_staffing_changes_on_one_day_are_named_at_the_history() -> None:
    change = {"effective": "2024-01-01", "positions": 10, "filled": 8}
    document = _service_document(staffing=[change, dict(change, filled=9)])
    with pytest.raises(InvalidDocument) as error:
        from_dict(document, Service)
    assert [(p.code, p.path, p.detail) for p in error.value.problems] == [
        ("invalid_value", "$.staffing", "duplicate")
    ]


def test_staffing_that_is_not_an_array_is_a_wrong_type() -> None:
    with pytest.raises(InvalidDocument) as error:
        from_dict(_service_document(staffing={"positions": 3}), Service)
    assert [(p.code, p.path) for p in error.value.problems] == [
        ("wrong_type", "$.staffing")
    ]


def test_salvage_sets_aside_a_service_whose_staffing_is_malformed() -> None:
    document = to_dict(sofia_oblast())
    bad = document["services"][0]
    bad["staffing"] = [{"effective": "2024-01-01", "positions": 1, "filled": 2}]
    salvaged = salvage(document)
    assert bad["id"] not in {service.id for service in salvaged.registry.services}
    assert [
        (problem.code, problem.path, problem.detail)
        for aside in salvaged.set_aside
        for problem in aside.problems
    ] == [("invalid_value", "$.services[0].staffing[0].filled", "above_positions")]
