"""Salvage: every record that reads is kept, every other one set aside with its problems."""

from __future__ import annotations

import io
import json
import re
import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    DocumentProblem,
    InvalidDocument,
    InvalidValueError,
    Registry,
    Salvage,
    SetAside,
    dumps,
    from_dict,
    loads,
    salvage,
    to_dict,
    validate,
)
from socialservices._registry import COLLECTIONS as COLLECTIONS_OF_REGISTRY
from socialservices.cli._main import main
from socialservices.examples import SCENARIO_DATE, sofia_oblast
from socialservices.strategies import registries

COLLECTIONS = {
    "providers": "id",
    "service_types": "code",
    "services": "id",
    "persons": "id",
    "placements": "id",
    "agreements": "id",
    "ceilings": None,
    "requests": "id",
}
"""Every collection of records, and the key of its records."""

KINDS = COLLECTIONS_OF_REGISTRY
EGN = "8032056031"  # a valid EGN (the Bulgarian docs' example)
ZERO_WIDTH_SPACE = "\u200b"
SCENARIO = SCENARIO_DATE.isoformat()
WITH_PROBLEMS = str(
    Path(__file__).resolve().parents[2]
    / "docs"
    / "examples"
    / "registry-with-problems.json"
)
_T = TypeVar("_T")


def _damaged() -> dict[str, Any]:
    """The Sofia-oblast document with five records broken in five collections,
    and a key the registry does not have."""
    document = to_dict(sofia_oblast())
    document["providers"][0]["kind"] = "charity"  # P-DRAGOMAN: unknown value
    document["services"][1]["capacity"][0]["places"] = "14"  # S-DRAGOMAN-FOSTER
    del document["persons"][2]["birth_date"]  # C-03: missing field
    placement = document["placements"][3]  # PL-04: an invisible character
    placement["id"] = "PL" + ZERO_WIDTH_SPACE + "-04"
    document["agreements"][0]["id"] = "A BOTEVGRAD"  # a bad id (a space)
    document["exported_by"] = "a municipal register"
    return document


BROKEN = {
    ("providers", 0): ("P-DRAGOMAN", [("unknown_value", "$.providers[0].kind", None)]),
    ("services", 1): (
        "S-DRAGOMAN-FOSTER",
        [("wrong_type", "$.services[1].capacity[0].places", None)],
    ),
    ("persons", 2): (
        "C-03",
        [("missing_field", "$.persons[2].birth_date", None)],
    ),
    ("placements", 3): (
        None,
        [("invalid_value", "$.placements[3].id", "invisible_character")],
    ),
    ("agreements", 0): (
        None,
        [("invalid_value", "$.agreements[0].id", "malformed")],
    ),
}
"""What salvage sets aside from :func:`_damaged`: the id and the problems."""


def _codes(problems: tuple[DocumentProblem, ...]) -> list[tuple[str, str, str | None]]:
    return [(problem.code, problem.path, problem.detail) for problem in problems]


def _attempt(read: Callable[[], _T]) -> _T | InvalidDocument:
    """What ``read`` returns, or the document error it raises."""
    try:
        return read()
    except InvalidDocument as error:
        return error


def _refusal(read: Callable[[], object]) -> tuple[DocumentProblem, ...]:
    with pytest.raises(InvalidDocument) as caught:
        read()
    return caught.value.problems


# --- the damaged Sofia-oblast document -----------------------------------------


def test_every_good_record_is_kept_and_every_bad_one_set_aside() -> None:
    document = _damaged()
    salvaged = salvage(document)
    found = {
        (record.collection, record.index): (record.id, _codes(record.problems))
        for record in salvaged.set_aside
    }
    assert found == BROKEN
    for name, key in COLLECTIONS.items():
        if key is None:
            continue
        broken = {index for collection, index in BROKEN if collection == name}
        expected = sorted(
            record[key]
            for index, record in enumerate(document[name])
            if index not in broken
        )
        assert [getattr(kept, key) for kept in getattr(salvaged.registry, name)] == (
            expected
        )


def test_a_kept_record_is_the_record_as_the_document_gives_it() -> None:
    salvaged = salvage(_damaged())
    original = sofia_oblast()
    assert salvaged.registry.geography == original.geography
    kept = {person.id: person for person in salvaged.registry.persons}
    assert all(
        kept[person.id] == person for person in original.persons if person.id != "C-03"
    )


def test_a_key_the_registry_does_not_have_is_reported_and_ignored() -> None:
    salvaged = salvage(_damaged())
    assert _codes(salvaged.problems) == [("unexpected_field", "$.exported_by", None)]
    assert not salvaged.complete


def test_salvage_reports_exactly_the_problems_loads_reports() -> None:
    document = _damaged()
    refused = _refusal(lambda: loads(json.dumps(document), Registry))
    assert Counter(salvage(document).all_problems) == Counter(refused)


def test_a_record_set_aside_has_its_path() -> None:
    [service] = [r for r in salvage(_damaged()).set_aside if r.collection == "services"]
    assert service.path == "$.services[1]"
    assert all(
        problem.path.startswith(service.path + ".") for problem in service.problems
    )


def test_text_bytes_and_parsed_data_salvage_alike() -> None:
    document = _damaged()
    text = json.dumps(document, ensure_ascii=False)
    assert salvage(text) == salvage(text.encode("utf-8")) == salvage(document)


def test_a_reference_to_a_set_aside_record_is_a_finding_not_a_crash() -> None:
    report = validate(salvage(_damaged()).registry, on=SCENARIO_DATE)
    unknown = {
        (finding.subjects[0].id, finding.fields)
        for finding in report.findings
        if finding.code.startswith("REF")
    }
    assert ("PL-13", ("Placement.person",)) in unknown  # C-03 set aside
    assert ("PL-11", ("Placement.service",)) in unknown  # S-DRAGOMAN-FOSTER
    assert ("PL-12", ("Placement.service",)) in unknown


def test_a_valid_document_salvages_to_the_registry_from_dict_reads() -> None:
    document = to_dict(sofia_oblast())
    assert salvage(document) == Salvage(registry=from_dict(document, Registry))
    assert salvage(document).complete


def test_a_record_read_only_by_the_careful_reader_is_kept() -> None:
    document = to_dict(sofia_oblast())
    document["services"][0] = OrderedDict(document["services"][0])  # not a plain dict
    document["persons"] = tuple(document["persons"])
    salvaged = salvage(document)
    assert salvaged.complete
    assert salvaged.registry == from_dict(document, Registry)


# --- ids of set-aside records ------------------------------------------------------


def test_a_national_id_is_not_repeated_as_the_id_of_a_set_aside_person() -> None:
    document = to_dict(Registry())
    document["persons"] = [{"id": EGN, "birth_date": "2016-02-29"}]
    [person] = salvage(document).set_aside
    assert person.id is None
    assert ("invalid_value", "$.persons[0].id", "national_id") in _codes(
        person.problems
    )
    assert EGN not in repr(person)


def test_a_set_aside_service_type_is_named_by_its_code_and_a_ceiling_by_nothing() -> (
    None
):
    document = to_dict(Registry())
    document["service_types"] = [{"code": "FTPC", "name": 7}]
    document["ceilings"] = [{"area": "SFO", "service_type": "FTPC", "max_users": -1}]
    salvaged = salvage(document)
    assert [(r.collection, r.id) for r in salvaged.set_aside] == [
        ("service_types", "FTPC"),
        ("ceilings", None),
    ]


@pytest.mark.parametrize(
    "record",
    [7, "P-1", [], None, {"id": 7}, {"id": ""}, {"id": "P 1"}, {"name": "x"}],
    ids=repr,
)
def test_a_record_without_a_readable_id_has_none(record: object) -> None:
    document = to_dict(Registry())
    document["providers"] = [record]
    [provider] = salvage(document).set_aside
    assert (provider.collection, provider.index, provider.id) == ("providers", 0, None)
    assert provider.problems


# --- what is refused whole --------------------------------------------------------


def _with(**changes: object) -> dict[str, Any]:
    document = to_dict(sofia_oblast())
    document.update(changes)
    return document


REFUSED: dict[str, object] = {
    "not JSON": "{",
    "bad UTF-8": b"\xff{}",
    "an array": "[]",
    "a number": 7,
    "no schema": {"providers": []},
    "an unknown schema": _with(schema="socialservices/99"),
    "a bad geography": _with(geography={"regions": 7}),
    "a collection that is not an array": _with(services={"S-1": {}}),
    "a key twice": '{"schema": "socialservices/1", "services": [], "services": []}',
}


@pytest.mark.parametrize("document", REFUSED.values(), ids=REFUSED.keys())
def test_a_document_unreadable_as_a_whole_is_refused_as_loads_refuses_it(
    document: object,
) -> None:
    problems = _refusal(lambda: salvage(document))
    if isinstance(document, (str, bytes)):
        assert problems == _refusal(lambda: loads(document, Registry))
    else:
        assert problems == _refusal(lambda: from_dict(document, Registry))


# --- the values --------------------------------------------------------------------


def test_a_set_aside_record_names_a_collection_of_records() -> None:
    with pytest.raises(InvalidValueError) as caught:
        SetAside(collection="geography", index=0, id=None, problems=())
    assert (caught.value.type_name, caught.value.field, caught.value.code) == (
        "SetAside",
        "collection",
        "unknown_value",
    )


NOT_A_REGISTRY: Any = to_dict(Registry())
NOT_SET_ASIDE: Any = [3]
NOT_PROBLEMS: Any = "x"


@pytest.mark.parametrize(
    ("build", "field", "code"),
    [
        (lambda: Salvage(registry=NOT_A_REGISTRY), "registry", "wrong_type"),
        (
            lambda: Salvage(registry=Registry(), set_aside=NOT_SET_ASIDE),
            "set_aside",
            "wrong_type",
        ),
        (
            lambda: Salvage(registry=Registry(), problems=NOT_PROBLEMS),
            "problems",
            "wrong_type",
        ),
        (
            lambda: SetAside(collection="services", index=-1, id=None, problems=()),
            "index",
            "negative",
        ),
        (
            lambda: SetAside(collection="services", index=0, id="S 1", problems=()),
            "id",
            "malformed",
        ),
    ],
)
def test_the_values_refuse_bad_arguments(
    build: Callable[[], object], field: str, code: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        build()
    assert (caught.value.field, caught.value.code) == (field, code)


def test_a_salvage_round_trips_as_a_document() -> None:
    salvaged = salvage(_damaged())
    assert loads(dumps(salvaged), Salvage) == salvaged
    assert from_dict(to_dict(salvaged.set_aside), tuple[SetAside, ...]) == (
        salvaged.set_aside
    )


def test_salvage_refuses_an_argument_that_is_no_document() -> None:
    problems = _refusal(lambda: salvage(sofia_oblast()))
    assert _codes(problems) == [("wrong_type", "$", None)]


# --- properties ----------------------------------------------------------------------

_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
_KEYS = st.sampled_from(
    ["id", "code", "name", "kind", "period", "person", "service", "capacity", "extra"]
)


@st.composite
def _mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid document with some records broken, and sometimes the document too."""
    document = to_dict(draw(registries(max_services=3, max_placements=6)))
    for _ in range(draw(st.integers(1, 4), label="mutations")):
        name = draw(st.sampled_from(sorted(COLLECTIONS)))
        records = document.get(name)
        if not isinstance(records, list):  # an earlier "top" replaced it
            records = document[name] = []
        how = draw(st.sampled_from(["replace", "set", "drop", "append", "top"]))
        if how == "top":
            document[draw(st.sampled_from([*COLLECTIONS, "geography", "extra"]))] = (
                draw(_JSON)
            )
        elif how == "append" or not records:
            records.append(draw(_JSON))
        else:
            index = draw(st.integers(0, len(records) - 1))
            if how == "replace" or not isinstance(records[index], dict):
                records[index] = draw(_JSON)
            elif how == "set":
                records[index][draw(_KEYS)] = draw(_JSON)
            elif records[index]:
                del records[index][draw(st.sampled_from(sorted(records[index])))]
    return document


def _in_a_record(problem: DocumentProblem) -> bool:
    return re.match(r"\$\.(\w+)\[[0-9]+\]", problem.path) is not None and (
        problem.path.split("[", 1)[0][2:] in COLLECTIONS
    )


def _read_whole(document: object) -> Registry:
    if isinstance(document, str):  # JSON text, as for loads
        return loads(document, Registry)
    return from_dict(document, Registry)


def _check_accounts_for_every_record(document: Any) -> None:
    """Salvage refuses only for a problem outside the records; otherwise every
    record is kept or set aside, set aside exactly when it does not read alone,
    with the problems loads reports."""
    salvaged = _attempt(lambda: salvage(document))
    if isinstance(salvaged, InvalidDocument):
        assert not all(_in_a_record(problem) for problem in salvaged.problems)
        assert salvaged.problems == _refusal(lambda: _read_whole(document))
        return
    if isinstance(document, str):
        document = json.loads(document)
    for name in COLLECTIONS:
        records = document.get(name, [])
        aside = {r.index for r in salvaged.set_aside if r.collection == name}
        assert len(getattr(salvaged.registry, name)) + len(aside) == len(records)
        for index, record in enumerate(records):
            try:
                from_dict(record, KINDS[name])
            except InvalidDocument:
                assert index in aside
            else:
                assert index not in aside
    expected = _attempt(lambda: _read_whole(document))
    if isinstance(expected, InvalidDocument):
        assert Counter(salvaged.all_problems) == Counter(expected.problems)
    else:
        assert salvaged == Salvage(registry=expected)


@given(registries())
def test_salvage_of_a_valid_document_equals_from_dict(registry: Registry) -> None:
    document = to_dict(registry)
    assert salvage(document) == Salvage(registry=from_dict(document, Registry))
    assert salvage(dumps(registry)).registry == registry


@given(_mutated_documents())
def test_a_mutated_document_is_salvaged_record_by_record(document: Any) -> None:
    _check_accounts_for_every_record(document)


@given(_JSON)
def test_salvage_never_raises_on_any_json_but_to_refuse_the_document(
    document: Any,
) -> None:
    _check_accounts_for_every_record(document)
    _check_accounts_for_every_record(
        {"schema": "socialservices/1", "persons": document}
    )


@given(st.binary(max_size=40) | st.text(max_size=40))
def test_salvage_of_any_text_reads_it_or_refuses_it(text: str | bytes) -> None:
    salvaged = _attempt(lambda: salvage(text))
    if isinstance(salvaged, InvalidDocument):
        assert salvaged.problems == _refusal(lambda: loads(text, Registry))
    else:
        assert salvaged.registry == loads(text, Registry)


# --- size ----------------------------------------------------------------------------


def test_a_large_document_with_one_percent_bad_records_is_salvaged_in_linear_time() -> (
    None
):
    document = to_dict(sofia_oblast())
    template = document["placements"][0]
    count = 60_000
    document["placements"] = [
        dict(
            template,
            id=f"PL-{i}",
            measure="orphanage" if i % 100 == 0 else "residential",
        )
        for i in range(count)
    ]
    started = time.perf_counter()
    salvaged = salvage(document)
    elapsed = time.perf_counter() - started
    assert len(salvaged.set_aside) == count // 100
    assert len(salvaged.registry.placements) == count - count // 100
    assert elapsed < 20  # about 0.6 s; quadratic work would take many minutes


# --- the command line --------------------------------------------------------------


def _file(tmp_path: Path, document: object) -> str:
    path = tmp_path / "extract.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _json_run(*arguments: str) -> tuple[int, dict[str, Any]]:
    output = io.StringIO()
    with redirect_stdout(output):
        status = main(["validate", *arguments, "--format", "json"])
    result: dict[str, Any] = json.loads(output.getvalue())
    return status, result


def test_the_command_line_salvages_and_reports_set_aside_records_and_findings(
    tmp_path: Path,
) -> None:
    path = _file(tmp_path, _damaged())
    status, result = _json_run("--salvage", path, "--on", SCENARIO)
    assert status == 1
    assert [(r["collection"], r["index"], r["id"]) for r in result["set_aside"]] == [
        (collection, index, BROKEN[collection, index][0])
        for collection, index in BROKEN
    ]
    problems = {(p["code"], p["path"]) for p in result["problems"]}
    assert ("unexpected_field", "$.exported_by") in problems
    assert ("missing_field", "$.persons[2].birth_date") in problems
    codes = {finding["code"] for finding in result["findings"]}
    assert {"REF005", "REF006", "LOC001"} <= codes
    summary = {row["code"]: row["count"] for row in result["summary"]}
    assert summary["unexpected_field"] == 1
    assert summary["REF006"] == 2


def test_without_salvage_the_damaged_document_gives_no_finding(tmp_path: Path) -> None:
    path = _file(tmp_path, _damaged())
    status, result = _json_run(path, "--on", SCENARIO)
    assert status == 1
    assert result["findings"] == []
    assert "set_aside" not in result
    assert len(result["problems"]) == 6


def test_the_code_option_chooses_among_set_aside_problems_and_findings(
    tmp_path: Path,
) -> None:
    path = _file(tmp_path, _damaged())
    status, result = _json_run("--salvage", path, "--on", SCENARIO, "--code", "REF")
    assert status == 1
    assert result["problems"] == []
    assert {finding["code"][:3] for finding in result["findings"]} == {"REF"}
    assert result["left_out"]["problems"] == 6


def test_the_text_output_lists_set_aside_problems_then_findings(tmp_path: Path) -> None:
    path = _file(tmp_path, _damaged())
    output = io.StringIO()
    with redirect_stdout(output):
        status = main(["validate", "--salvage", path, "--on", SCENARIO])
    lines = output.getvalue().splitlines()
    assert status == 1
    assert lines[0].endswith(": 5 records set aside")
    assert lines[1].endswith(": 6 problems")
    assert any("[missing_field]" in line and "$.persons[2]" in line for line in lines)
    assert any(re.match(r"error\s+REF006\s", line) for line in lines)


def test_a_clean_document_salvaged_is_clean(tmp_path: Path) -> None:
    document = to_dict(sofia_oblast())
    path = _file(tmp_path, document)
    status, result = _json_run("--salvage", path, "--rules", "REF")
    assert (status, result["problems"], result["set_aside"]) == (0, [], [])


@pytest.mark.parametrize(
    ("document", "status"),
    [("{", 2), (_with(geography=7), 1)],
    ids=["not JSON", "a bad geography"],
)
def test_the_command_line_refuses_what_salvage_refuses(
    tmp_path: Path, document: object, status: int
) -> None:
    path = tmp_path / "extract.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    found, result = _json_run("--salvage", str(path))
    assert found == status
    assert result["findings"] == []
    assert result["set_aside"] == []
    assert result["problems"]


def test_salvaged_records_with_no_finding_say_so_after_their_problems() -> None:
    output = io.StringIO()
    with redirect_stdout(output):
        status = main(["validate", "--salvage", WITH_PROBLEMS, "--on", SCENARIO])
    lines = output.getvalue().splitlines()
    assert status == 1
    assert lines[0].endswith(": 4 records set aside")
    assert lines[-1].startswith(f"{WITH_PROBLEMS}: no findings")
    assert not any("no problems found" in line for line in lines)


def test_a_registry_inside_a_salvage_document_is_read_without_a_schema() -> None:
    document = to_dict(salvage(_damaged()))
    assert "schema" not in document["registry"]
    document["registry"]["geography"] = 7
    problems = _refusal(lambda: from_dict(document, Salvage))
    assert _codes(problems) == [("wrong_type", "$.registry.geography", None)]
