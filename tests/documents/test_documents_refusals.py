"""The documents package: how the fast reader refuses, and what may import what.

The fast reader refuses a document with its own ``RejectedError`` whatever
the reason (or a value's own ``InvalidValueError``), so the public functions
catch only those before the careful reader names the problems; the problems
are the ones the careful reader always named. The package's modules import
in one direction, and none catches every exception except where a caller's
own code runs.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from socialservices import (
    InvalidDocument,
    InvalidValueError,
    Period,
    Placement,
    Proximity,
    Registry,
    from_dict,
    salvage,
    to_dict,
)
from socialservices.documents import _compiled
from socialservices.documents._format import class_shape
from socialservices.matching import Candidate
from socialservices.validation import FreePlaces

PACKAGE = Path(__file__).parents[2] / "src" / "socialservices" / "documents"

_PLACEMENT = to_dict(
    Placement(
        id="PL-1",
        person="C-1",
        service="S-1",
        period=Period(start=date(2024, 2, 29), end=date(2024, 3, 1)),
    )
)
_CANDIDATE = to_dict(
    Candidate(
        service="S-1",
        rank=1,
        tier=Proximity.SAME_REGION,
        distance_km=12.5,
        free_places=3,
        measure=None,
        reasons=(),
        message="in the home region",
    )
)

# Each way the fast reader refuses; all but the last, before, raised something else
# (KeyError, TypeError, ValueError, OverflowError), with the problems the
# careful reader names for it.
REFUSALS: dict[str, tuple[type[Any], object, list[tuple[str, str]]]] = {
    "a string an enum does not have": (
        Placement,
        {**_PLACEMENT, "measure": "orphanage"},
        [("unknown_value", "$.measure")],
    ),
    "a number a numbered enum does not have": (
        FreePlaces,
        {"service": "S-1", "places": 1, "proximity": 9},
        [("unknown_value", "$.proximity")],
    ),
    "a number where a numbered enum's name belongs": (
        FreePlaces,
        {"service": "S-1", "places": 1, "proximity": 1.0},
        [("unknown_value", "$.proximity")],
    ),
    "as many keys as fields, one of them not a field": (
        Period,
        {"start": "2024-02-29", "stop": None},
        [("unexpected_field", "$.stop")],
    ),
    "a date that is not in the calendar": (
        Period,
        {"start": "2024-02-30", "end": None},
        [("invalid_date", "$.start")],
    ),
    "a date written as a number": (
        Period,
        {"start": 20240229, "end": None},
        [("wrong_type", "$.start")],
    ),
    "a whole number too large to be a real one": (
        Candidate,
        {**_CANDIDATE, "distance_km": 10**400},
        [("number_out_of_range", "$.distance_km")],
    ),
    "an unhashable value where an enum's name belongs": (
        Placement,
        {**_PLACEMENT, "measure": ["foster_family"]},
        [("unknown_value", "$.measure")],
    ),
}


def _problems(caught: pytest.ExceptionInfo[InvalidDocument]) -> list[tuple[str, str]]:
    return [(problem.code, problem.path) for problem in caught.value.problems]


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_the_fast_reader_refuses_with_its_own_error(case: str) -> None:
    kind, document, _ = REFUSALS[case]
    with pytest.raises(_compiled.RejectedError):
        _compiled.reader(class_shape(kind))(document)


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_refused_document_has_the_problems_the_careful_reader_names(
    case: str,
) -> None:
    kind, document, expected = REFUSALS[case]
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, kind)
    assert _problems(caught) == expected


def test_a_broken_invariant_refuses_with_the_values_own_error() -> None:
    document = {"start": "2024-03-01", "end": "2024-02-29"}
    with pytest.raises(InvalidValueError) as raised:
        _compiled.reader(class_shape(Period))(document)
    assert raised.value.code == "before_start"
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Period)
    assert _problems(caught) == [("invalid_value", "$.end")]
    assert caught.value.problems[0].detail == raised.value.code


def test_salvage_sets_aside_a_record_the_fast_reader_refuses() -> None:
    document = to_dict(Registry())
    document["placements"] = [
        _PLACEMENT,
        {**_PLACEMENT, "id": "PL-2", "measure": "orphanage"},
    ]
    salvaged = salvage(document)
    assert [placement.id for placement in salvaged.registry.placements] == ["PL-1"]
    assert [
        (record.index, [(p.code, p.path) for p in record.problems])
        for record in salvaged.set_aside
    ] == [(1, [("unknown_value", "$.placements[1].measure")])]


# -- the package's shape ------------------------------------------------------------

ALLOWED_IMPORTS = {
    "_format": set(),
    "_compiled": {"_format"},
    "_careful": {"_format"},
    "_convert": {"_format", "_compiled", "_careful"},
    "_salvage": {"_format", "_compiled", "_careful", "_convert"},
    "__init__": {"_format", "_convert", "_salvage"},
}


def _tree(module: str) -> ast.Module:
    return ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))


def _siblings_imported(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module is None:
                found.update(alias.name for alias in node.names)
            else:
                found.add(node.module.split(".")[0])
    return found


def test_the_package_holds_exactly_its_modules() -> None:
    assert {path.stem for path in PACKAGE.glob("*.py")} == set(ALLOWED_IMPORTS)


@pytest.mark.parametrize("module", sorted(ALLOWED_IMPORTS))
def test_each_module_imports_only_the_modules_below_it(module: str) -> None:
    assert _siblings_imported(_tree(module)) <= ALLOWED_IMPORTS[module]


def _broad_catches(tree: ast.Module) -> list[str]:
    """The functions of ``tree`` with an ``except`` of everything."""
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ExceptHandler) and (
                node.type is None
                or (
                    isinstance(node.type, ast.Name)
                    and node.type.id in {"Exception", "BaseException"}
                )
            ):
                found.append(function.name)
    return found


def test_nothing_catches_every_exception_but_the_reading_of_a_callers_annotations() -> (
    None
):
    found = {
        (module, function)
        for module in ALLOWED_IMPORTS
        for function in _broad_catches(_tree(module))
    }
    assert found == {("_convert", "_shape_or_none")}


def test_suppressing_every_exception_is_not_done_either() -> None:
    for module in ALLOWED_IMPORTS:
        for node in ast.walk(_tree(module)):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", "") == "suppress"
            ):
                names = {getattr(argument, "id", "") for argument in node.args}
                assert not names & {"Exception", "BaseException"}, module
