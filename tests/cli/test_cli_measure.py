"""``python -m socialservices measure``: indicators of a document, as text or
JSON, the same as :func:`socialservices.indicators.measure`; bad arguments and
bad documents end with their exit status and a message, never a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

from socialservices import Period, dumps, from_dict
from socialservices.cli._main import EXIT_FAILED, MEASUREMENT_HEADER, main
from socialservices.examples import SCENARIO_DATE, sofia_oblast
from socialservices.indicators import (
    INDICATORS,
    Measurement,
    Quartiles,
    Reference,
    Unit,
    measure,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
PROBLEMS = str(EXAMPLES / "registry-with-problems.json")
YEAR = Period(start=date(2026, 1, 1), end=date(2027, 1, 1))
YEAR_ARGUMENT = "2026-01-01..2027-01-01"
_CELLS = re.compile(r" {2,}")


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The Sofia-oblast example as a file, with no ``as_of``."""
    path = tmp_path_factory.mktemp("measure") / "sofia.json"
    path.write_text(dumps(sofia_oblast()), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def extract(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The Sofia-oblast example taken on the scenario's date (``as_of``)."""
    path = tmp_path_factory.mktemp("measure") / "extract.json"
    registry = attrs.evolve(sofia_oblast(), as_of=SCENARIO_DATE)
    path.write_text(dumps(registry), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def children(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A number of children for every municipality of the example but one."""
    path = tmp_path_factory.mktemp("measure") / "children.json"
    codes = sorted(m.code for m in sofia_oblast().geography.municipalities)
    path.write_text(json.dumps(dict.fromkeys(codes[1:], 2500)), encoding="utf-8")
    return str(path)


def _children_of(path: str) -> dict[str, int]:
    with open(path, encoding="utf-8") as stream:
        found: dict[str, int] = json.load(stream)
    return found


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    status = main(["measure", *argv, "--format", "json"])
    return status, json.loads(capsys.readouterr().out)


def _measurements(output: Any) -> tuple[Measurement, ...]:
    return from_dict(output["measurements"], tuple[Measurement, ...])


def _table(text: str) -> list[list[str]]:
    """The rows of the table under the heading, cut at two or more spaces."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("indicator "))
    assert _CELLS.split(lines[start]) == list(MEASUREMENT_HEADER)
    rows = []
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        rows.append(_CELLS.split(line.strip()))
    return rows


_PERCENT = re.compile(r"(?P<percent>[0-9]+\.[0-9])%")
_RATE = re.compile(r"(?P<rate>[0-9]+\.[0-9]) per (?P<scale>[0-9,]+)")
_LENGTHS = re.compile(
    r"median (?P<median>[0-9]+) d \((?P<lower>[0-9]+)-(?P<upper>[0-9]+)\)"
)


def _read_value(text: str) -> object:
    """A value cell read back: a percentage, a rate and its scale, or quartiles."""
    if text == "-":
        return None
    if found := _PERCENT.fullmatch(text):
        return float(found["percent"])
    if found := _RATE.fullmatch(text):
        return float(found["rate"]), int(found["scale"].replace(",", ""))
    found = _LENGTHS.fullmatch(text)
    assert found is not None, text
    return Quartiles(
        lower=int(found["lower"]),
        median=int(found["median"]),
        upper=int(found["upper"]),
    )


def _value_of(m: Measurement) -> object:
    if m.value is None:
        return None
    if m.quartiles is not None:
        return m.quartiles
    if m.scale != 1:
        return round(m.value, 1), m.scale
    return round(100 * m.value, 1)


def _read_rows(text: str) -> list[list[object]]:
    """The table read back: code, unit, counts as numbers, value, title."""
    return [
        [code, unit, int(numerator), int(denominator), int(unknown),
         _read_value(value), title]
        for code, unit, numerator, denominator, unknown, value, title in _table(text)
    ]  # fmt: skip


def _expected_rows(measurements: tuple[Measurement, ...]) -> list[list[object]]:
    titles = {indicator.code: indicator.title for indicator in INDICATORS}
    return [
        [m.indicator, m.unit_id or ("all" if m.unit is Unit.REGISTRY else "?"),
         m.numerator, m.denominator, m.unknown, _value_of(m), titles[m.indicator]]
        for m in measurements
    ]  # fmt: skip


# --- the output: what measure() returns --------------------------------------


@pytest.mark.parametrize("by", list(Unit), ids=lambda unit: unit.value)
def test_json_reads_back_to_what_measure_returns(
    document: str, by: Unit, capsys: pytest.CaptureFixture[str]
) -> None:
    status, output = _json(
        capsys, document, "--on", "2026-11-02", "--period", YEAR_ARGUMENT,
        "--by", by.value,
    )  # fmt: skip
    assert status == 0
    expected = measure(sofia_oblast(), on=SCENARIO_DATE, period=YEAR, by=by)
    assert _measurements(output) == expected
    assert (output["on"], output["by"], output["problems"]) == (
        "2026-11-02",
        by.value,
        [],
    )
    assert from_dict(output["period"], Period) == YEAR


@pytest.mark.parametrize("by", list(Unit), ids=lambda unit: unit.value)
def test_the_text_table_shows_what_measure_returns(
    document: str, by: Unit, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [document, "--on", "2026-11-02", "--period", YEAR_ARGUMENT]
    assert main(["measure", *argv, "--by", by.value]) == 0
    expected = measure(sofia_oblast(), on=SCENARIO_DATE, period=YEAR, by=by)
    assert _read_rows(capsys.readouterr().out) == _expected_rows(expected)


def test_indicator_chooses_the_codes_measured(
    document: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, output = _json(
        capsys, document, "--on", "2026-11-02", "--period", YEAR_ARGUMENT,
        "--indicator", "LOC02,OCC02", "--indicator", "SIB01",
    )  # fmt: skip
    assert status == 0
    expected = measure(
        sofia_oblast(),
        on=SCENARIO_DATE,
        period=YEAR,
        indicators=["LOC02", "OCC02", "SIB01"],
    )
    assert _measurements(output) == expected


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda i: i.code)
def test_every_indicator_of_the_catalogue_can_be_asked_for(
    document: str, children: str, indicator: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    status, output = _json(
        capsys, document, "--on", "2026-11-02", "--period", YEAR_ARGUMENT,
        "--indicator", indicator.code, "--children", children,
    )  # fmt: skip
    assert status == 0
    assert {m.indicator for m in _measurements(output)} == {indicator.code}


@pytest.mark.parametrize("by", [Unit.MUNICIPALITY, Unit.REGION], ids=str)
def test_children_gives_the_indicators_per_child_population(
    document: str, children: str, by: Unit, capsys: pytest.CaptureFixture[str]
) -> None:
    status, output = _json(
        capsys, document, "--on", "2026-11-02", "--children", children,
        "--by", by.value,
    )  # fmt: skip
    assert status == 0
    expected = measure(
        sofia_oblast(), on=SCENARIO_DATE, by=by, children=_children_of(children)
    )
    assert _measurements(output) == expected
    assert any(
        i.needs_children
        for i in INDICATORS
        if i.code in {m.indicator for m in expected}
    )


def test_without_on_the_day_is_the_documents_as_of(
    extract: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, output = _json(capsys, extract)
    assert (status, output["on"]) == (0, "2026-11-02")
    assert _measurements(output) == measure(sofia_oblast(), on=SCENARIO_DATE)


def test_without_on_nor_as_of_nor_period_the_day_is_today(
    document: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = date.today()
    status, output = _json(capsys, document)
    assert status == 0
    assert output["on"] in {before.isoformat(), date.today().isoformat()}
    assert {m.on for m in _measurements(output)} == {date.fromisoformat(output["on"])}


def test_a_period_alone_measures_the_indicators_of_a_period(
    document: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, output = _json(capsys, document, "--period", YEAR_ARGUMENT)
    assert (status, output["on"]) == (0, None)
    over = {i.code for i in INDICATORS if i.reference is Reference.PERIOD}
    assert {m.indicator for m in _measurements(output)} == over
    assert _measurements(output) == measure(sofia_oblast(), period=YEAR)


def test_the_period_ends_before_its_end_day(
    document: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, output = _json(
        capsys, document, "--period", "2026-03-01..2026-03-02", "--indicator", "OCC02"
    )
    assert status == 0
    day = Period(start=date(2026, 3, 1), end=date(2026, 3, 2))
    [found] = _measurements(output)
    assert found == measure(sofia_oblast(), period=day, indicators=["OCC02"])[0]
    assert found.period == day


def test_standard_input_is_read_for_a_dash(
    extract: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with open(extract, encoding="utf-8") as stream:
        monkeypatch.setattr(sys, "stdin", stream)
        status, output = _json(capsys, "-", "--indicator", "LOC01")
    assert (status, output["file"]) == (0, "<stdin>")
    assert [m.numerator for m in _measurements(output)] == [7]


def test_python_dash_m_measure(extract: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "socialservices",
            "measure",
            extract,
            "--format",
            "json",
        ],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0
    output = json.loads(done.stdout.decode("utf-8"))
    assert _measurements(output) == measure(sofia_oblast(), on=SCENARIO_DATE)


# --- bad arguments: status 2 and a message naming the option -----------------


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["--on", "2026-02-30"], "--on"),
        (["--on", "20261102"], "--on"),
        (["--period", "2026-01-01"], "--period"),  # no ".."
        (["--period", "2026-01-01.."], "--period"),  # open-ended
        (["--period", "..2027-01-01"], "--period"),
        (["--period", "2026-01-01..2026-13-01"], "--period"),
        (["--period", "2027-01-01..2026-01-01"], "--period"),  # end before start
        (["--period", "2026-01-01..2026-01-01"], "--period"),  # no day
        (["--period", "2026-01-01/2027-01-01"], "--period"),
        (["--by", "oblast"], "--by"),
        (["--format", "csv"], "--format"),
        (["--indicator", "XYZ99"], "--indicator"),
        (["--indicator", "occ01"], "--indicator"),
        (["--indicator", ""], "--indicator"),
        (["--indicator", " , "], "--indicator"),
    ],
)
def test_a_bad_argument_exits_2_naming_the_option(
    document: str, argv: list[str], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["measure", document, *argv])
    assert caught.value.code == 2
    captured = capsys.readouterr()
    assert option in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_an_unknown_code_is_named(
    document: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["measure", document, "--indicator", "LOC01,XYZ99"])
    assert "XYZ99" in capsys.readouterr().err


def _code_of(reference: Reference) -> str:
    return next(i.code for i in INDICATORS if i.reference is reference)


def test_an_indicator_of_a_period_without_period_exits_2(
    document: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _code_of(Reference.PERIOD)
    with pytest.raises(SystemExit) as caught:
        main(["measure", document, "--on", "2026-11-02", "--indicator", code])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert code in err
    assert "--period" in err


def test_an_indicator_of_a_day_with_no_day_known_exits_2(
    document: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _code_of(Reference.ON)  # the document has no as_of; --period is given
    with pytest.raises(SystemExit) as caught:
        main(["measure", document, "--period", YEAR_ARGUMENT, "--indicator", code])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert code in err
    assert "--on" in err


def test_an_indicator_per_child_population_without_children_exits_2(
    document: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = next(i.code for i in INDICATORS if i.needs_children)
    with pytest.raises(SystemExit) as caught:
        main(["measure", document, "--on", "2026-11-02", "--indicator", code])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert code in err
    assert "--children" in err


@pytest.mark.parametrize(
    "content",
    ['{"XYZ99": 100}', "[1, 2]", '{"SFO34": -1}', '{"SFO34": 1.5}',
     '{"SFO34": true}', "{", ""],
)  # fmt: skip
def test_a_bad_children_file_exits_2_naming_the_option(
    document: str, content: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "children.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SystemExit) as caught:
        main(["measure", document, "--on", "2026-11-02", "--children", str(path)])
    assert caught.value.code == 2
    captured = capsys.readouterr()
    assert "--children" in captured.err
    assert (captured.out, "Traceback" in captured.err) == ("", False)


def test_a_missing_children_file_exits_2(
    document: str, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(EXAMPLES / "no-such-children.json")
    with pytest.raises(SystemExit) as caught:
        main(["measure", document, "--children", missing])
    assert caught.value.code == 2
    assert "--children" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["--on", "9999-12-31"],
        ["--on", "0001-01-01"],
        ["--period", "0001-01-01..9999-12-31"],
        ["--on", "9999-12-31", "--period", "9999-12-30..9999-12-31"],
    ],
)
def test_dates_at_the_edge_of_the_calendar_never_print_a_traceback(
    document: str, argv: list[str]
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "socialservices", "measure", document, *argv],
        capture_output=True,
        check=False,
    )
    assert b"Traceback" not in done.stderr
    assert done.returncode in (0, EXIT_FAILED)


# --- bad documents: reported as validate reports them ------------------------


def test_a_document_with_problems_exits_1_and_lists_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["measure", PROBLEMS, "--on", "2026-11-02"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\nerror  $.") == 6


def test_a_document_with_problems_in_json_has_the_problems_of_validate(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, output = _json(capsys, PROBLEMS, "--on", "2026-11-02")
    assert (status, output["measurements"]) == (1, [])
    assert main(["validate", PROBLEMS, "--on", "2026-11-02", "--format", "json"]) == 1
    validated = json.loads(capsys.readouterr().out)
    assert output["problems"] == validated["problems"]


def test_a_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(EXAMPLES / "no-such-file.json")
    status, output = _json(capsys, missing)
    assert status == 2
    assert [(p["code"], p["path"], p["detail"]) for p in output["problems"]] == [
        ("cannot_read", "$", "ENOENT")
    ]
    assert main(["measure", missing]) == 2
    assert missing in capsys.readouterr().err


def test_text_that_is_not_json_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    assert main(["measure", str(path)]) == 2
    captured = capsys.readouterr()
    assert (captured.out, str(path) in captured.err) == ("", True)
    status, output = _json(capsys, str(path))
    assert status == 2
    assert [p["code"] for p in output["problems"]] == ["invalid_json"]


def test_the_help_lists_every_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["measure", "--help"])
    assert caught.value.code == 0
    help_text = capsys.readouterr().out
    for status in (0, 1, 2, EXIT_FAILED):
        assert f"\n  {status} " in help_text


# --- the demo -------------------------------------------------------------------


def test_the_demo_prints_occupancy_close_to_home_and_siblings_together(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo"]) == 0
    rows = _read_rows(capsys.readouterr().out)
    codes = [
        i.code
        for i in INDICATORS
        if i.reference is Reference.ON and i.code[:3] in {"OCC", "LOC", "SIB"}
    ]
    expected = measure(sofia_oblast(), on=SCENARIO_DATE, indicators=codes)
    assert rows == _expected_rows(expected)
    assert {str(row[0])[:3] for row in rows} == {"OCC", "LOC", "SIB"}


def test_the_demo_measures_on_its_date(capsys: pytest.CaptureFixture[str]) -> None:
    day = date(2025, 6, 1)
    assert main(["demo", "--on", day.isoformat()]) == 0
    rows = _read_rows(capsys.readouterr().out)
    expected = measure(sofia_oblast(), on=day, indicators=[str(r[0]) for r in rows])
    assert rows == _expected_rows(expected)
