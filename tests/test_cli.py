from __future__ import annotations

import subprocess
import sys

import pytest

from socialservices._cli import capacity_table, main
from socialservices.examples import SCENARIO_DATE, sofia_oblast


def test_demo_prints_the_capacity_table_on_the_scenario_date(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert SCENARIO_DATE.isoformat() in out
    assert "ЦНСТ „Слънце“ Правец" in out
    assert "total: 103 places, 14 occupied, 88 free" in out


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
