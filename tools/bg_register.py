"""Convert a Bulgarian register table of social services to a socialservices document.

A municipality's annual plan, the Social Assistance Agency's register or a
decree that funds services lists them one row a service. This script reads
such a table as CSV (UTF-8, or ``--encoding cp1251``; a header row; ``,``,
``;`` or tab between cells; lines before the header that start with ``#``
are comments) and writes a registry document (JSON, the shape
:func:`socialservices.to_dict` writes, jurisdiction ``BG``). The library does no I/O; this is the edge that does. Standard
library and the library itself only::

    python tools/bg_register.py TABLE.csv --as-of 2025-12-31              # the document
    python tools/bg_register.py TABLE.csv --as-of 2025-12-31 -o registry.json
    python tools/bg_register.py TABLE.csv --as-of 2025-12-31 --report     # kept, set aside, findings

``--as-of`` is the day the table gives its figures for (the document's
``as_of``). A file that does not decode, or is no CSV table, is refused
with exit status 2. ``--report`` salvages the document
(:func:`socialservices.salvage`) and validates what it keeps as of that day
under Bulgarian law.

The columns, as registers head them (other columns, such as a source, are
ignored; a column may be missing, and is then blank on every row):

- ``№``: the row's number in the register. The service's id is ``S-`` and
  the number (``S-7``), so a row pasted twice keeps its number and is found
  (``REF001``, an id given twice); a blank number is the row's place in the
  table (``S-row-3``). A table that numbers its rows afresh in each
  municipality (as decrees' annexes do) gives ids twice: number the rows
  through, or leave the column out.
- ``Доставчик``: the provider's name ("Община Банско", "Сдружение ...").
  One provider per name and EIK, ``P-1``, ``P-2``, ... in order of first row.
- ``Вид на доставчика``: what the provider is: ``община`` (a municipality),
  ``държава`` (a state body), ``ЮЛНЦ``/``сдружение``/``фондация`` (an NGO),
  ``търговец``/``ЕООД``/``ООД``/``АД``/``ЕТ`` (a company); see :data:`KINDS`.
- ``ЕИК/БУЛСТАТ``: the provider's EIK where the register gives one, written
  in the ``BG-EIK`` scheme, so the library checks its length and check digit.
- ``Наименование на услугата``: the service's name as written.
- ``Вид на услугата``: the service type as written ("ЦНСТДБУ", "Дом за
  стари хора", "Дневен център за деца и младежи с увреждания"), found with
  :func:`socialservices.bulgaria.find_service_type`. The target group in a
  type's name is not carried into the service's eligibility.
- ``Община``: the municipality, where the register has the column.
- ``Населено място``: the settlement ("гр. Банско", "с. Добринище", "Брегово,
  обл. Видин"), found with :func:`~socialservices.bulgaria.find_settlement`,
  named within the ``Община`` when that is given; its municipality is the
  service's. With no settlement, the ``Община`` alone
  (:func:`~socialservices.bulgaria.find_municipality`).
- ``Капацитет``: the number of places. A whole number, or one followed by
  ``място``/``места``/``души``/``потребители`` ("12 места"), is read; a blank
  cell, ``—``, ``-``, ``н.д.`` or ``няма данни`` is unknown: an empty
  capacity history, never 0 (``CAP004`` lists such services). A known number
  takes effect on ``as_of``: the table says how many places there are on its
  day, not since when.
- ``Дата на откриване``: the day the service opened, ``дд.мм.гггг`` (or
  ``гггг-мм-дд``, kept as it is). Blank, ``н.д.``, or a year alone ("2014", which does not
  say the day) is not recorded: the service's ``operating`` is ``None``.

What does not read is written as it is, never guessed: a type, settlement
or municipality that is not found (or is ambiguous) is written in the
service's ``type`` or ``municipality`` as it stands in the table; a capacity
that is not a number ("около 150", "3-4") is written as text; a date that
does not read, as text; a provider kind not in :data:`KINDS`, as written.
So the record is in the document, and either :func:`socialservices.salvage`
sets it aside with the problem and its path (text with a space is not a
code, text is not a number, "31.02.2020" is not a date), or, where the
text happens to be a well-formed code ("СУПЗ", "Добриниште"), the rules
report the unknown reference (``REF003``, ``REF004``). We chose this over
returning problems per row beside the document: the document then carries
every row, one tool (``salvage``, ``validate --salvage``) reports on it
with the paths users already read, and a fixed cell makes the record read
without any change to the converter. The row of a service is its index in
``services`` (``$.services[4]`` is the fifth data row).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import pathlib
import re
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from socialservices import (
    AmbiguousNameError,
    Registry,
    Report,
    Salvage,
    ServiceType,
    UnknownReferenceError,
    salvage,
    to_dict,
    validate,
)
from socialservices.bulgaria import (
    GEOGRAPHY,
    find_municipality,
    find_service_type,
    find_settlement,
)

JURISDICTION = "BG"

NUMBER = "№"
PROVIDER = "Доставчик"
PROVIDER_KIND = "Вид на доставчика"
EIK = "ЕИК/БУЛСТАТ"
SERVICE = "Наименование на услугата"
TYPE = "Вид на услугата"
MUNICIPALITY = "Община"
SETTLEMENT = "Населено място"
CAPACITY = "Капацитет"
OPENED = "Дата на откриване"
COLUMNS = (
    NUMBER,
    PROVIDER,
    PROVIDER_KIND,
    EIK,
    SERVICE,
    TYPE,
    MUNICIPALITY,
    SETTLEMENT,
    CAPACITY,
    OPENED,
)
"""The columns the converter reads, in the order registers usually give them."""

KINDS: Mapping[str, str] = {
    "община": "municipality",
    "общинска": "municipality",
    "държава": "state",
    "държавна": "state",
    "държавна институция": "state",
    "юлнц": "ngo",
    "нпо": "ngo",
    "сдружение": "ngo",
    "фондация": "ngo",
    "читалище": "ngo",
    "търговец": "company",
    "търговско дружество": "company",
    "еоод": "company",
    "оод": "company",
    "ад": "company",
    "ет": "company",
}
"""Provider kinds as registers write them (case and dots do not matter)."""

UNKNOWN = frozenset({"", "—", "–", "-", "н.д.", "н. д.", "нд", "няма данни", "n/a"})
"""Cells that say a number or a date is not recorded."""

_PLACES = re.compile(
    r"([0-9]+)\s*(?:места|място|м\.|души|потребители|потр\.)?", re.IGNORECASE
)
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})\s*(?:г\.?)?")
_YEAR = re.compile(r"[0-9]{4}\s*(?:г\.?|година)?")


def places(text: str) -> int | str | None:
    """The places a capacity cell gives: a number, ``None`` (unknown) or the text.

    >>> places("14"), places("12 места"), places("6 души"), places("н.д."), places("")
    (14, 12, 6, None, None)
    >>> places("3-4"), places("около 150")
    ('3-4', 'около 150')
    """
    text = " ".join(text.split())
    if text.lower() in UNKNOWN:
        return None
    found = _PLACES.fullmatch(text)
    return int(found.group(1)) if found is not None else text


def opened(text: str) -> str | None:
    """The ISO date of an opening-date cell; ``None`` when it is not recorded.

    A year alone does not say the day, so it is not recorded either; any
    other text is returned as it is, for the library to refuse.

    >>> opened("01.10.2014"), opened("1.3.2021 г."), opened("2014"), opened("н.д.")
    ('2014-10-01', '2021-03-01', None, None)
    >>> opened("2021-03-01"), opened("31.02.2020"), opened("март 2020")
    ('2021-03-01', '2020-02-31', 'март 2020')
    """
    text = " ".join(text.split())
    if text.lower() in UNKNOWN or _YEAR.fullmatch(text):
        return None
    found = _DAY_MONTH_YEAR.fullmatch(text)
    if found is None:
        return text
    day, month, year = found.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def provider_kind(text: str) -> str:
    """The provider kind a cell names, or the cell as written.

    >>> provider_kind("Община"), provider_kind("ЮЛНЦ"), provider_kind("Е.О.О.Д."), provider_kind("църква")
    ('municipality', 'ngo', 'company', 'църква')
    """
    key = " ".join(text.replace(".", "").split()).lower()
    return KINDS.get(key, text.strip())


def municipality_of(settlement: str, municipality: str) -> str:
    """The municipality code of a row's settlement (within its municipality,
    if given), or the text that did not resolve, as written.

    >>> municipality_of("с. Добринище", ""), municipality_of("гр. Елхово", "Елхово")
    ('BLG01', 'JAM07')
    >>> municipality_of("гр. Елхово", ""), municipality_of("", "Община Своге")
    ('гр. Елхово', 'SFO43')
    """
    settlement, municipality = settlement.strip(), municipality.strip()
    try:
        if not settlement:
            return find_municipality(municipality).code
        if municipality:
            name = f"{settlement} ({find_municipality(municipality).name})"
            return find_settlement(name).municipality
        return find_settlement(settlement).municipality
    except (UnknownReferenceError, AmbiguousNameError):
        return settlement or municipality


def service_type_of(text: str) -> ServiceType | str:
    """The catalogue's type of a written type, or the text as written.

    >>> service_type_of("ЦНСТДБУ").code, service_type_of("Домашен социален патронаж")
    ('FTPC', 'Домашен социален патронаж')
    """
    try:
        return find_service_type(text.strip())
    except (UnknownReferenceError, AmbiguousNameError):
        return text.strip()


def read_table(text: str) -> list[dict[str, str]]:
    """The rows of a register table's CSV text, each a mapping of column to cell.

    Comment lines (``#``) before the header are skipped; the cells are
    separated by whichever of ``,``, ``;`` (what a spreadsheet set to
    Bulgarian writes) and tab the header holds most; a missing cell is
    blank, and so is every column the table does not have.

    >>> read_table("№;Капацитет\\n7;12 места\\n")[0]["Капацитет"]
    '12 места'

    Raises:
        csv.Error: the text is no CSV table (a cell longer than the csv
            module's limit).
    """
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    while lines and lines[0].lstrip().startswith("#"):
        lines.pop(0)
    header = lines[0] if lines else ""
    delimiter = max(",;\t", key=header.count)
    rows = csv.DictReader(io.StringIO("".join(lines)), delimiter=delimiter)
    return [
        {
            **dict.fromkeys(COLUMNS, ""),
            **{
                key.strip(): value or ""
                for key, value in row.items()
                if isinstance(key, str) and isinstance(value, str)
            },
        }
        for row in rows
    ]


def convert(rows: Sequence[Mapping[str, str]], *, as_of: date) -> dict[str, Any]:
    """The registry document of a register table's rows (see :func:`read_table`).

    Never raises on a cell's content: see the module's docstring for what
    happens to what does not read.
    """
    providers: dict[tuple[str, str], dict[str, Any]] = {}
    types: dict[str, ServiceType] = {}
    services: list[dict[str, Any]] = []
    for row, cells in enumerate(rows):
        cell = {column: str(cells.get(column, "") or "") for column in COLUMNS}
        key = (" ".join(cell[PROVIDER].split()), cell[EIK].strip())
        provider = providers.get(key)
        if provider is None:
            provider = providers[key] = {
                "id": f"P-{len(providers) + 1}",
                "name": key[0],
                "kind": provider_kind(cell[PROVIDER_KIND]),
                "uic": f"BG-EIK-{key[1]}" if key[1] else None,
                "licences": [],
            }
        found = service_type_of(cell[TYPE])
        if isinstance(found, ServiceType):
            types[found.code] = found
        number = cell[NUMBER].strip().rstrip(".")
        count = places(cell[CAPACITY])
        start = opened(cell[OPENED])
        services.append(
            {
                "id": f"S-{number}" if number else f"S-row-{row + 1}",
                "name": " ".join(cell[SERVICE].split()) or cell[TYPE].strip(),
                "type": found.code if isinstance(found, ServiceType) else found,
                "provider": provider["id"],
                "municipality": municipality_of(cell[SETTLEMENT], cell[MUNICIPALITY]),
                "operating": None if start is None else {"start": start, "end": None},
                "capacity": []
                if count is None
                else [{"effective": as_of.isoformat(), "places": count}],
            }
        )
    frame = Registry(
        geography=GEOGRAPHY,
        service_types=sorted(types.values(), key=lambda kind: kind.code),
        as_of=as_of,
        jurisdiction=JURISDICTION,
    )
    document = to_dict(frame)
    document["providers"] = list(providers.values())
    document["services"] = services
    return document


def check(document: Mapping[str, Any]) -> tuple[Salvage, Report]:
    """Salvage ``document`` and validate what it keeps as of its ``as_of``."""
    salvaged = salvage(dict(document))
    return salvaged, validate(salvaged.registry)


def figures(document: Mapping[str, Any]) -> str:
    """Records kept and set aside, the problems and the findings by code."""
    salvaged, report = check(document)
    lines = [f"as of {document['as_of']}, jurisdiction {document['jurisdiction']}"]
    lines.append(f"{'collection':<14}{'records':>8}{'kept':>8}{'set aside':>11}")
    aside = Counter(record.collection for record in salvaged.set_aside)
    for name in ("providers", "service_types", "services"):
        total = len(document[name])
        lines.append(f"{name:<14}{total:>8}{total - aside[name]:>8}{aside[name]:>11}")
    lines.extend(
        f"set aside {record.path} ({record.id}): "
        + ", ".join(f"{problem.code} at {problem.path}" for problem in record.problems)
        for record in salvaged.set_aside
    )
    counts = report.counts()
    lines.append(f"findings: {sum(counts.values())}")
    lines.extend(f"  {code}  {count:>5}" for code, count in counts.items())
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: convert a table, write the document or the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("table", type=pathlib.Path, help="the register table, CSV")
    parser.add_argument(
        "--as-of",
        type=date.fromisoformat,
        required=True,
        metavar="YYYY-MM-DD",
        help="the day the table gives its figures for",
    )
    parser.add_argument(
        "-o", "--output", type=pathlib.Path, help="write the document here"
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="print records kept, set aside, findings by code",
    )
    parser.add_argument(
        "--encoding",
        default="utf-8-sig",
        help="the table's encoding (default UTF-8; older exports: cp1251)",
    )
    arguments = parser.parse_args(argv)
    try:
        rows = read_table(arguments.table.read_text(encoding=arguments.encoding))
    except (UnicodeDecodeError, csv.Error) as error:
        print(f"{arguments.table}: not a CSV table: {error}", file=sys.stderr)
        return 2
    document = convert(rows, as_of=arguments.as_of)
    if arguments.report:
        print(figures(document))
        return 0
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    if arguments.output is None:
        sys.stdout.write(text)
    else:
        arguments.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
