from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from socialservices import Measure, dumps, validate
from socialservices.cli._main import capacity_table, main
from socialservices.examples import SCENARIO_DATE, sofia_oblast


def test_demo_prints_the_capacity_table_on_the_scenario_date(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert SCENARIO_DATE.isoformat() in out
    assert "ЦНСТ „Слънце“ Правец" in out
    assert "total: 103 places, 15 occupied, 87 free" in out


def test_demo_on_another_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--on", "2016-01-01"]) == 0
    assert "2016-01-01" in capsys.readouterr().out


def test_demo_refuses_a_malformed_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["demo", "--on", "2026-02-30"])
    assert caught.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_table_rows_match_the_registry() -> None:
    registry = sofia_oblast()
    rows = capacity_table(registry, SCENARIO_DATE)
    assert len(rows) == len(registry.services)
    by_name = {row[2]: row for row in rows}
    for service in registry.services:
        row = by_name[service.name]
        assert int(row[4]) == registry.capacity(service.id, SCENARIO_DATE)
        assert int(row[5]) == registry.occupied(service.id, SCENARIO_DATE)
        assert int(row[6]) == registry.free_places(
            service.id, SCENARIO_DATE, home=service.municipality
        )


def test_python_dash_m_runs_the_demo() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "socialservices", "demo"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0
    assert "free" in done.stdout


# --- validate ----------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_validate_a_clean_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLES / "registry.json")]) == 0
    assert "no problems" in capsys.readouterr().out


def test_validate_lists_every_problem_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(EXAMPLES / "registry-with-problems.json")
    assert main(["validate", path, "--format", "json", "--on", "2026-11-02"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    assert report["on"] == "2026-11-02"
    assert [(p["code"], p["path"]) for p in report["problems"]] == [
        ("invalid_value", "$.services[0].operating.end"),
        ("invalid_value", "$.services[0].capacity[1].places"),
        ("missing_field", "$.persons[1].home_municipality"),
        ("unexpected_field", "$.persons[1].home"),
        ("invalid_date", "$.placements[0].period.start"),
        ("unknown_value", "$.placements[1].measure"),
    ]
    assert {p["severity"] for p in report["problems"]} == {"error"}
    assert report["problems"][0]["detail"] == "before_start"
    assert report["problems"][5]["allowed"] == [m.value for m in Measure]


def test_validate_text_has_one_line_per_problem(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(EXAMPLES / "registry-with-problems.json")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 + 6
    assert lines[1].split()[:2] == ["error", "$.services[0].operating.end"]


@pytest.mark.parametrize(
    "content",
    [b"{", b"\xff\xfe\x00garbage", b"", b"[" * 10_000 + b"]" * 10_000],
    ids=["truncated", "binary", "empty", "too-deep"],
)
def test_validate_exits_2_when_the_file_is_not_json(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 2
    assert str(path) in capsys.readouterr().err


def test_validate_exits_2_when_the_file_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "missing.json")]) == 2
    assert main(["validate", str(tmp_path)]) == 2  # a directory
    assert "cannot read" in capsys.readouterr().err


def test_validate_a_json_document_that_is_not_a_registry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2, 3]", encoding="utf-8")
    assert main(["validate", str(path), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [(p["code"], p["path"]) for p in report["problems"]] == [("wrong_type", "$")]


def test_validate_a_document_of_another_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "v3.json"
    document = json.loads((EXAMPLES / "registry.json").read_text(encoding="utf-8"))
    path.write_text(json.dumps({**document, "schema": "socialservices/3"}), "utf-8")
    assert main(["validate", str(path), "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["code"], p["allowed"]) for p in problems] == [
        ("unknown_schema", ["socialservices/1", "socialservices/2"])
    ]


def test_validate_the_example_scenario_reports_the_rules_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "scenario.json"
    path.write_text(dumps(sofia_oblast()), encoding="utf-8")
    on = ["--on", SCENARIO_DATE.isoformat()]
    assert main(["validate", str(path), *on, "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    expected = validate(sofia_oblast(), on=SCENARIO_DATE)
    assert [f["code"] for f in report["findings"]] == [f.code for f in expected]
    assert report["problems"] == []
    assert main(["validate", str(path), *on, "--exclude", "LOC"]) == 0  # warnings only


def test_validate_lists_rule_findings_one_per_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(EXAMPLES / "registry-with-findings.json")
    assert main(["validate", path, "--on", "2026-11-02"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[:3] for line in lines[1:]] == [
        ["error", "LOC001", "2026-03-09"],
        ["error", "PLC001", "2026-06-01"],
    ]
    assert main(["validate", path, "--on", "2026-11-02", "--rules", "PLC"]) == 1
    assert "LOC001" not in capsys.readouterr().out
    assert main(["validate", path, "--on", "2026-11-02", "--exclude", "LOC,PLC"]) == 0


def test_validate_refuses_an_unknown_rule(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate", str(EXAMPLES / "registry.json"), "--rules", "LOC009"])
    assert caught.value.code == 2
    assert "LOC009" in capsys.readouterr().err


def test_demo_shows_what_the_rules_find(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    audit = validate(sofia_oblast(), on=SCENARIO_DATE).by_code()["LOC001"]
    assert out.count("\nLOC001 PL-") == len(audit)


def test_validate_refuses_a_malformed_date(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate", str(EXAMPLES / "registry.json"), "--on", "2026-13-01"])
    assert caught.value.code == 2


def test_python_dash_m_validate_sets_the_exit_status() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "socialservices", "validate",
         str(EXAMPLES / "registry-with-problems.json")],
        capture_output=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout.decode("utf-8").count("\nerror ") == 6
