"""The command line on hostile input: encodings, failures, empty selections, paging."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from socialservices import InvalidDocument, Registry, dumps, loads
from socialservices.cli import _main as _cli
from socialservices.cli._main import EXIT_FAILED, main
from socialservices.examples import SCENARIO_DATE, sofia_oblast
from socialservices.validation import DEFAULT_RULES

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
CLEAN = str(EXAMPLES / "registry.json")
WITH_FINDINGS = str(EXAMPLES / "registry-with-findings.json")
WITH_PROBLEMS = str(EXAMPLES / "registry-with-problems.json")


def _run(
    *arguments: str, encoding: str = "utf-8", stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "socialservices", *arguments],
        capture_output=True,
        input=stdin,
        env={"PYTHONIOENCODING": encoding, "PATH": ""},
        check=False,
    )


def _cyrillic_document(tmp_path: Path) -> Path:
    """The scenario with one person's id in Cyrillic, so that findings name it."""
    text = dumps(sofia_oblast()).replace('"C-03"', '"Дете-03"')
    path = tmp_path / "cyrillic.json"
    path.write_text(text, encoding="utf-8")
    return path


# --- item 4: output that is not UTF-8 ---------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_demo_runs_when_the_output_cannot_hold_cyrillic(encoding: str) -> None:
    done = _run("demo", encoding=encoding)
    assert done.returncode == 0
    assert b"Traceback" not in done.stderr
    assert b"total: 103 places, 15 occupied, 87 free" in done.stdout


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_validate_text_runs_when_the_output_cannot_hold_cyrillic(
    tmp_path: Path, encoding: str
) -> None:
    path = _cyrillic_document(tmp_path)
    done = _run(
        "validate", str(path), "--on", SCENARIO_DATE.isoformat(), encoding=encoding
    )
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr
    assert b"LOC001" in done.stdout
    assert b"\\u0414" in done.stdout  # "Д", escaped rather than lost


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_validate_json_stays_valid_json_when_the_output_cannot_hold_cyrillic(
    tmp_path: Path, encoding: str
) -> None:
    path = _cyrillic_document(tmp_path)
    on = ["--on", SCENARIO_DATE.isoformat()]
    done = _run("validate", str(path), *on, "--format", "json", encoding=encoding)
    assert done.returncode == 1
    report = json.loads(done.stdout.decode(encoding))
    subjects = {s["id"] for f in report["findings"] for s in f["subjects"]}
    assert "Дете-03" in subjects


def test_a_usage_error_naming_cyrillic_does_not_crash_under_ascii() -> None:
    done = _run("validate", CLEAN, "--on", "днес", encoding="ascii")
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr


# --- item 5 and 3: failures have their own status, never a traceback --------


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_dates_at_the_edge_of_the_calendar_never_print_a_traceback(day: str) -> None:
    for arguments in (["demo", "--on", day], ["validate", CLEAN, "--on", day]):
        done = _run(*arguments)
        assert b"Traceback" not in done.stderr
        assert done.returncode in (0, 1, EXIT_FAILED)


def _broken_demo(on: object) -> str:
    raise RuntimeError("a bug")


def test_an_internal_error_exits_with_the_failure_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_cli, "_demo", _broken_demo)  # a fault in the edge itself
    assert main(["demo"]) == EXIT_FAILED == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1
    assert "RuntimeError" in captured.err


def test_traceback_shows_an_internal_error_in_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_cli, "_demo", _broken_demo)
    with pytest.raises(RuntimeError):
        main(["demo", "--traceback"])


class _ClosedPipe(io.StringIO):
    def write(self, text: str, /) -> int:
        raise BrokenPipeError


def test_a_closed_output_stops_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["demo"]) == _cli.EXIT_BROKEN_PIPE
    assert capsys.readouterr().err == ""


def test_the_help_lists_every_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ([], ["validate"], ["demo"]):
        with pytest.raises(SystemExit) as caught:
            main([*command, "--help"])
        assert caught.value.code == 0
        help_text = capsys.readouterr().out
        for status in (0, 1, 2, EXIT_FAILED):
            assert f"\n  {status} " in help_text


def test_the_exit_statuses_are_documented() -> None:
    page = (EXAMPLES.parent / "command-line.md").read_text(encoding="utf-8")
    for status in (0, 1, 2, EXIT_FAILED, _cli.EXIT_INTERRUPTED, _cli.EXIT_BROKEN_PIPE):
        assert f"\n| {status} |" in page


# --- item 6: an empty selection of rules ------------------------------------


@pytest.mark.parametrize(
    "selection",
    [
        ["--rules", ""],
        ["--rules", ","],
        ["--rules", " , "],
        ["--rules", "LOC", "--exclude", "LOC"],
    ],
    ids=["empty", "comma", "blanks", "excluded"],
)
def test_validate_refuses_a_selection_of_no_rules(
    selection: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate", CLEAN, *selection])
    assert caught.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "rule" in captured.err


def test_excluding_every_family_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    families = sorted({rule.family for rule in DEFAULT_RULES})
    with pytest.raises(SystemExit) as caught:
        main(["validate", CLEAN, "--exclude", ",".join(families)])
    assert caught.value.code == 2


# --- item 10: unreadable files in JSON, strict dates, --version, stdin -----


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_validate_json_says_why_a_file_cannot_be_read(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "missing.json" if kind == "missing" else tmp_path
    assert main(["validate", str(path), "--format", "json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    assert report["file"] == str(path)
    assert report["findings"] == []
    assert [(p["code"], p["path"]) for p in report["problems"]] == [
        ("cannot_read", "$")
    ]
    assert report["summary"] == [
        {"code": "cannot_read", "severity": "error", "count": 1}
    ]


def test_validate_json_names_the_missing_files_error() -> None:
    done = _run("validate", "/no/such/file.json", "--format", "json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["problems"][0]["detail"] == "ENOENT"


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00garbage", b"{", b""],
    ids=["not-utf8", "not-json", "empty"],
)
def test_validate_json_reports_text_that_is_not_json(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    assert main(["validate", str(path), "--format", "json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert [p["code"] for p in report["problems"]] == ["invalid_json"]
    assert report["left_out"] == {"problems": 0, "findings": 0}


@pytest.mark.parametrize(
    "day",
    [
        "20261102",
        "2026-W45-1",
        "2026-11-2",
        "2026-11-02T00:00",
        " 2026-11-02",
        "２０２６-11-02",
    ],
)
def test_on_accepts_only_yyyy_mm_dd(
    day: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate", CLEAN, "--on", day])
    assert caught.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_version_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.split()[-1] == _cli._version()
    assert _cli._version() != "unknown"


def test_a_dash_reads_the_document_from_standard_input() -> None:
    document = Path(WITH_FINDINGS).read_bytes()
    done = _run(
        "validate", "-", "--on", "2026-11-02", "--format", "json", stdin=document
    )
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["file"] == "<stdin>"
    assert [f["code"] for f in report["findings"]] == ["LOC001", "PLC001"]


def test_a_dash_reads_standard_input_in_text_too() -> None:
    done = _run("validate", "-", stdin=Path(WITH_PROBLEMS).read_bytes())
    assert done.returncode == 1
    assert done.stdout.decode("utf-8").count("\nerror ") == 6


# --- item 15: summary, limit and codes --------------------------------------


@pytest.fixture(scope="module")
def many_problems(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A document with 40,000 problems: each of 20,000 persons has two."""
    document = json.loads(Path(CLEAN).read_text(encoding="utf-8"))
    document["persons"] = [
        {"id": f"C-{i}", "birth_date": "2012-04-03", "home": "SFO34"}
        for i in range(20_000)
    ]
    path = tmp_path_factory.mktemp("many") / "many.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_limit_lists_the_first_problems_and_says_how_many_are_left_out(
    many_problems: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(many_problems), "--limit", "5"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(": 40000 problems")
    assert len(lines) == 1 + 5 + 1
    with pytest.raises(InvalidDocument) as caught:
        loads(many_problems.read_bytes(), Registry)
    first = [problem.path for problem in caught.value.problems[:5]]
    assert [line.split()[1] for line in lines[1:6]] == first
    assert lines[-1].split()[:3] == ["39995", "of", "40000"]


def test_summary_counts_problems_per_code(
    many_problems: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(many_problems), "--summary"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) < 10
    rows = {line.split()[0]: line.split()[1:] for line in lines[3:5]}
    assert rows == {
        "missing_field": ["error", "20000"],
        "unexpected_field": ["error", "20000"],
    }


def test_code_filters_problems_in_json(
    many_problems: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["validate", str(many_problems), "--format", "json"]
    assert main([*arguments, "--code", "unexpected_field", "--limit", "3"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [p["path"] for p in report["problems"]] == [
        "$.persons[0].home",
        "$.persons[1].home",
        "$.persons[2].home",
    ]
    assert report["left_out"] == {"problems": 39_997, "findings": 0}
    assert {row["code"]: row["count"] for row in report["summary"]} == {
        "missing_field": 20_000,
        "unexpected_field": 20_000,
    }
    assert report["valid"] is False


def test_summary_in_json_lists_none_but_counts_all(
    many_problems: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(many_problems), "--format", "json", "--summary"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["problems"] == []
    assert report["left_out"]["problems"] == 40_000
    assert sum(row["count"] for row in report["summary"]) == 40_000


def test_code_filters_findings_by_code_or_family(
    capsys: pytest.CaptureFixture[str],
) -> None:
    on = ["--on", "2026-11-02"]
    for code in (["--code", "PLC001"], ["--code", "PLC"], ["--code", "XYZ_1,PLC001"]):
        assert main(["validate", WITH_FINDINGS, *on, *code]) == 1  # status of all
        lines = capsys.readouterr().out.splitlines()
        assert [line.split()[1] for line in lines[1:-1]] == ["PLC001"]
        assert lines[-1].split()[:3] == ["1", "of", "2"]


def test_code_is_repeatable_and_takes_commas(
    capsys: pytest.CaptureFixture[str],
) -> None:
    on = ["--on", "2026-11-02", "--format", "json"]
    assert (
        main(["validate", WITH_FINDINGS, *on, "--code", "LOC", "--code", "PLC001"]) == 1
    )
    report = json.loads(capsys.readouterr().out)
    assert [f["code"] for f in report["findings"]] == ["LOC001", "PLC001"]
    assert report["left_out"] == {"problems": 0, "findings": 0}


def test_summary_of_findings_counts_per_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", WITH_FINDINGS, "--on", "2026-11-02", "--format", "json",
                 "--summary", "--limit", "1"]) == 1  # fmt: skip
    report = json.loads(capsys.readouterr().out)
    assert [f["code"] for f in report["findings"]] == ["LOC001"]
    assert report["summary"] == [
        {"code": "LOC001", "severity": "error", "count": 1},
        {"code": "PLC001", "severity": "error", "count": 1},
    ]
    assert report["left_out"] == {"problems": 0, "findings": 1}


@pytest.mark.parametrize(
    "listing",
    [["--code", ""], ["--code", ","], ["--code", "LOC009"], ["--limit", "-1"],
     ["--limit", "ten"], ["--limit", "1_000"]],
)  # fmt: skip
def test_listing_options_refuse_wrong_values(
    listing: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate", CLEAN, *listing])
    assert caught.value.code == 2
    assert capsys.readouterr().out == ""
