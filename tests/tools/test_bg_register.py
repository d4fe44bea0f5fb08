"""A Bulgarian register table, read through ``tools/bg_register.py``, salvaged and checked.

The table is ``tests/tools/data/bg_register_excerpt.csv``: 21 services named in
public sources (a 2007 decree's annex, municipal pages, news), each cited in
the file's header, with the capacity the source states, and a few defects,
some as published, some put in on purpose (the header says which). The
expectations below are read off the table by hand, not from the converter.
"""

from __future__ import annotations

import doctest
import importlib.util
import json
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import Entity, Registry, Report, Salvage, loads

REPOSITORY = Path(__file__).resolve().parents[2]
SCRIPT = REPOSITORY / "tools" / "bg_register.py"
EXCERPT = Path(__file__).resolve().parent / "data" / "bg_register_excerpt.csv"
AS_OF = date(2025, 12, 31)


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bg_register", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bg_register = _load_script()
ROWS: list[dict[str, str]] = bg_register.read_table(EXCERPT.read_text(encoding="utf-8"))


def _document() -> dict[str, Any]:
    document: dict[str, Any] = bg_register.convert(ROWS, as_of=AS_OF)
    return document


def _checked() -> tuple[Salvage, Report]:
    checked: tuple[Salvage, Report] = bg_register.check(_document())
    return checked


KEPT = {
    # id: (municipality, service type, places on AS_OF)
    "S-1": ("BLG01", "SOCIAL_VOCATIONAL_CENTRE", 140),  # "СУПЗ", the older name
    "S-2": ("BLG01", "DAY_CENTRE", 35),
    "S-3": ("BLG01", "DAY_CENTRE", 30),
    "S-4": ("BLG01", "DAY_CENTRE", 20),  # с. Добринище, in Банско
    "S-5": ("BLG01", "SHELTERED_HOME", 7),
    "S-6": ("BLG01", "SHELTERED_HOME", 8),  # and its pasted copy: REF001
    "S-8": ("BLG03", "HOME_TEMPORARY_ACCOMMODATION", 10),
    "S-9": ("JAM03", "SHELTERED_HOME", 8),  # "8 души"
    "S-10": ("VID06", "SHELTERED_HOME", 6),  # "Брегово, обл. Видин"
    "S-11": ("VAR05", "SHELTERED_HOME", 8),  # "гр. Бяла, обл. Варна"
    "S-12": ("Велинрад", "SHELTERED_HOME", 8),  # misspelt, one word: REF004
    "S-14": ("MON26", "DAY_CENTRE", 20),  # "20 места"
    "S-16": ("BGS04", "SHELTERED_HOME", 7),
    "S-18": ("SML31", "FTPC", 11),  # с. Широка лъка, in Смолян
    "S-19": ("SZR12", "DAY_CENTRE", None),  # "н.д."
    "S-20": ("SZR12", "CSRI", None),  # blank
    "S-21": ("SZR12", "DAY_CENTRE", None),  # "—"
}

SET_ASIDE = [
    # (collection, index, id, [(problem code, path)])
    ("providers", 12, "P-13", [("invalid_value", "$.providers[12].uic")]),
    ("services", 6, "S-7", [("invalid_value", "$.services[6].type")]),
    (
        "services",
        12,
        "S-13",
        [
            ("invalid_value", "$.services[12].type"),
            ("wrong_type", "$.services[12].capacity[0].places"),
        ],
    ),
    ("services", 14, "S-15", [("invalid_value", "$.services[14].municipality")]),
    ("services", 16, "S-17", [("wrong_type", "$.services[16].capacity[0].places")]),
]


def test_every_row_is_a_service_of_the_document() -> None:
    document = _document()
    assert len(ROWS) == 22
    assert [service["id"] for service in document["services"]] == [
        f"S-{number}" for number in [*range(1, 22), 6]
    ]
    assert document["as_of"] == "2025-12-31"
    assert document["jurisdiction"] == "BG"


def test_salvage_sets_aside_exactly_the_rows_that_do_not_read() -> None:
    salvaged, _report = _checked()
    assert [
        (
            record.collection,
            record.index,
            record.id,
            [(problem.code, problem.path) for problem in record.problems],
        )
        for record in salvaged.set_aside
    ] == SET_ASIDE
    assert salvaged.problems == ()


def test_the_eik_a_digit_short_is_refused_with_its_detail() -> None:
    salvaged, _report = _checked()
    (problem,) = salvaged.set_aside[0].problems
    assert problem.detail == "malformed"


def test_every_good_row_is_kept_where_its_names_place_it() -> None:
    salvaged, _report = _checked()
    registry = salvaged.registry
    kept = {
        service.id: (
            service.municipality,
            service.type,
            service.capacity_on(AS_OF),
        )
        for service in registry.services
    }
    assert kept == KEPT
    assert len(registry.services) == len(KEPT) + 1  # S-6 twice
    assert len(registry.providers) == 12


def test_unknown_capacity_is_none_and_an_info_finding_not_zero() -> None:
    salvaged, report = _checked()
    unknown = [
        s for s in salvaged.registry.services if s.id in {"S-19", "S-20", "S-21"}
    ]
    assert [service.capacity for service in unknown] == [(), (), ()]
    assert all(service.capacity_on(AS_OF) is None for service in unknown)
    (finding,) = report.by_code()["CAP004"]
    assert finding.severity.value == "info"
    assert [subject.id for subject in finding.subjects] == ["S-19", "S-20", "S-21"]


def test_rules_report_what_the_kept_rows_name_but_nobody_knows() -> None:
    _salvaged, report = _checked()
    assert {
        code: sorted(
            subject.id
            for finding in findings
            for subject in finding.subjects
            if subject.kind is Entity.SERVICE
        )
        for code, findings in report.by_code().items()
    } == {
        "CAP004": ["S-19", "S-20", "S-21"],
        "REF001": ["S-6"],  # the row pasted twice
        "REF002": ["S-21"],  # its provider was set aside (the EIK)
        "REF004": ["S-12"],  # "Велинрад"
    }


def test_opening_dates_read_and_a_year_alone_is_not_recorded() -> None:
    services = {service["id"]: service for service in _document()["services"]}
    assert services["S-16"]["operating"] == {"start": "2006-03-31", "end": None}
    assert services["S-17"]["operating"] is None  # "2014"
    assert services["S-1"]["operating"] is None  # blank


def test_cells_that_do_not_read_are_written_as_they_stand() -> None:
    services = _document()["services"]
    assert services[12]["capacity"][0]["places"] == "около 150 места"
    assert services[16]["capacity"][0]["places"] == "20-40"
    assert services[14]["municipality"] == "гр. Елхово"  # three settlements
    assert services[6]["type"] == "Дом за стари хора с отделение за лежащи"


def test_the_table_reads_with_missing_columns_and_no_comments() -> None:
    rows = bg_register.read_table("Доставчик,Населено място\nОбщина Своге,гр. Своге\n")
    assert rows[0]["Капацитет"] == ""
    (service,) = bg_register.convert(rows, as_of=AS_OF)["services"]
    assert (service["id"], service["municipality"], service["capacity"]) == (
        "S-row-1",
        "SFO43",
        [],
    )


def test_the_command_line_writes_the_document_it_converts(tmp_path: Path) -> None:
    output = tmp_path / "registry.json"
    arguments = [str(EXCERPT), "--as-of", "2025-12-31", "-o", str(output)]
    assert bg_register.main(arguments) == 0
    assert json.loads(output.read_text(encoding="utf-8")) == _document()


def test_a_spreadsheet_export_in_cp1251_with_semicolons_reads(tmp_path: Path) -> None:
    table = tmp_path / "register.csv"
    text = "№;Доставчик;Вид на доставчика;Вид на услугата;Населено място;Капацитет\n"
    text += "3;Община Банско;община;ЦНСТДБУ;с. Добринище;12 места\n"
    table.write_bytes(text.encode("cp1251"))
    output = tmp_path / "registry.json"
    arguments = [str(table), "--as-of", "2025-12-31", "--encoding", "cp1251"]
    assert bg_register.main([*arguments, "-o", str(output)]) == 0
    registry = loads(output.read_bytes(), Registry)
    (service,) = registry.services
    assert (service.id, service.type, service.municipality) == ("S-3", "FTPC", "BLG01")
    assert service.capacity_on(AS_OF) == 12


def test_a_file_that_does_not_decode_is_refused_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "register.csv"
    table.write_bytes("№,Населено място\n1,гр. Банско\n".encode("cp1251"))
    assert bg_register.main([str(table), "--as-of", "2025-12-31"]) == 2
    assert capsys.readouterr().out == ""


def test_a_table_with_the_defects_fixed_reads_whole() -> None:
    rows = [dict(row) for row in ROWS[:-1]]  # without the pasted copy
    fixes = {
        "1": {"Вид на услугата": "СУПЦ"},
        "7": {"Вид на услугата": "Дом за стари хора"},
        "8": {"Вид на услугата": "Център за временно настаняване"},
        "12": {"Населено място": "Велинград"},
        "13": {"Вид на услугата": "Дневен център", "Капацитет": "150"},
        "15": {"Община": "Елхово"},
        "17": {"Капацитет": "40"},
        "21": {"ЕИК/БУЛСТАТ": ""},
    }
    for row in rows:
        row.update(fixes.get(row["№"], {}))
    document = bg_register.convert(rows, as_of=AS_OF)
    registry = loads(json.dumps(document, ensure_ascii=False), Registry)
    assert len(registry.services) == 21


def test_the_converter_s_examples_hold() -> None:
    result = doctest.testmod(bg_register, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


@given(
    row=st.integers(min_value=0, max_value=len(ROWS) - 1),
    column=st.sampled_from(bg_register.COLUMNS),
    cell=st.one_of(
        st.text(max_size=40),
        st.sampled_from(["", "н.д.", "—", "3-4", "12 места", "31.02.2020", "Бяла"]),
    ),
)
def test_one_corrupted_cell_never_stops_the_conversion(
    row: int, column: str, cell: str
) -> None:
    rows = [dict(each) for each in ROWS]
    rows[row][column] = cell
    document = bg_register.convert(rows, as_of=AS_OF)
    salvaged, _report = bg_register.check(document)
    aside = [record for record in salvaged.set_aside if record.collection == "services"]
    assert len(salvaged.registry.services) + len(aside) == len(rows)
    providers = [r for r in salvaged.set_aside if r.collection == "providers"]
    assert len(salvaged.registry.providers) + len(providers) == len(
        document["providers"]
    )


@pytest.mark.parametrize("cell", ["н.д.", "", "—", "няма данни"])
def test_every_way_of_writing_unknown_is_an_empty_history(cell: str) -> None:
    rows = [dict(row) for row in ROWS]
    rows[1]["Капацитет"] = cell
    assert bg_register.convert(rows, as_of=AS_OF)["services"][1]["capacity"] == []
