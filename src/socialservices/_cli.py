"""The command line: the only module of the library that does I/O."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ._documents import loads
from ._errors import DocumentProblem, InvalidDocument
from ._registry import Registry
from .examples import SCENARIO_DATE, sofia_oblast

__all__ = ["capacity_table", "main", "validation_report"]

EXIT_CLEAN = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date in the form YYYY-MM-DD: {text!r}"
        ) from None


def capacity_table(registry: Registry, on: date) -> list[tuple[str, ...]]:
    """Rows of capacity, occupied and free places by municipality and service."""
    rows: list[tuple[str, ...]] = []
    for service in registry.services:
        capacity = registry.capacity(service.id, on)
        occupied = registry.occupied(service.id, on)
        free = registry.free_places(service.id, on, home=service.municipality)
        region, municipality = _where(registry, service.municipality)
        rows.append(
            (
                region,
                municipality,
                service.name,
                service.type,
                str(capacity),
                str(occupied),
                str(free),
            )
        )
    return sorted(rows)


def _where(registry: Registry, code: str) -> tuple[str, str]:
    """The region code and name of municipality ``code`` ("?" and the code if unknown)."""
    if not registry.geography.has_municipality(code):
        return "?", code
    municipality = registry.geography.municipality(code)
    return municipality.region, municipality.name


def _format(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    numeric = {i for i in range(len(header)) if all(r[i].isdigit() for r in rows)}

    def line(row: tuple[str, ...]) -> str:
        cells = [
            cell.rjust(width) if i in numeric else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def _demo(on: date) -> str:
    registry = sofia_oblast()
    header = (
        "oblast",
        "municipality",
        "service",
        "type",
        "capacity",
        "occupied",
        "free",
    )
    rows = capacity_table(registry, on)
    totals = [sum(int(row[i]) for row in rows) for i in (4, 5, 6)]
    title = f"Places in the Sofia-oblast example on {on.isoformat()}"
    total = f"total: {totals[0]} places, {totals[1]} occupied, {totals[2]} free"
    note = "free = places free to a resident of the service's own municipality"
    return "\n".join([title, "", _format(header, rows), "", total, note])


def validation_report(text: str | bytes) -> tuple[int, list[DocumentProblem]]:
    """The exit status and the problems of a registry document's text.

    ``0`` when the document reads cleanly, ``1`` when it has problems (all
    are errors for now; rule findings join them once validation rules
    exist), ``2`` when the text is not JSON at all.
    """
    try:
        loads(text, Registry)
    except InvalidDocument as error:
        problems = list(error.problems)
        if any(problem.code == "invalid_json" for problem in problems):
            return EXIT_UNREADABLE, problems
        return EXIT_PROBLEMS, problems
    return EXIT_CLEAN, []


def _problem_as_json(problem: DocumentProblem) -> dict[str, Any]:
    return {
        "severity": "error",
        "code": problem.code,
        "path": problem.path,
        "message": problem.message,
        "detail": problem.detail,
        "allowed": list(problem.allowed),
    }


def _validate(path: str, on: date, output: str) -> int:
    try:
        text = Path(path).read_bytes()
    except OSError as error:
        sys.stderr.write(f"{path}: cannot read the file: {error.strerror or error}\n")
        return EXIT_UNREADABLE
    status, problems = validation_report(text)
    if output == "json":
        report = {
            "file": path,
            "on": on.isoformat(),
            "valid": status == EXIT_CLEAN,
            "problems": [_problem_as_json(problem) for problem in problems],
        }
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    elif status == EXIT_UNREADABLE:
        sys.stderr.write(f"{path}: not JSON: {problems[0].message}\n")
    else:
        sys.stdout.write(_problems_as_text(path, problems) + "\n")
    return status


def _problems_as_text(path: str, problems: list[DocumentProblem]) -> str:
    if not problems:
        return f"{path}: no problems found"
    count = len(problems)
    lines = [f"{path}: {count} problem{'' if count == 1 else 's'}"]
    lines += [f"error  {p.path}  {p.message}  [{p.code}]" for p in problems]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m socialservices",
        description="Social services: capacity, placements, close to home.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser(
        "demo", help="print capacity, occupied and free places of the example scenario"
    )
    demo.add_argument(
        "--on",
        type=_iso_date,
        default=SCENARIO_DATE,
        metavar="YYYY-MM-DD",
        help=f"the date to report on (default: {SCENARIO_DATE.isoformat()})",
    )
    validate = commands.add_parser(
        "validate", help="read a registry document and list every problem in it"
    )
    validate.add_argument("file", metavar="FILE.json", help="a registry document")
    validate.add_argument(
        "--on",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date rules are checked on (default: today)",
    )
    validate.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for programs",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = _parser().parse_args(argv)
    if arguments.command == "validate":
        on = arguments.on or date.today()  # the edge may read the clock
        return _validate(arguments.file, on, arguments.format)
    sys.stdout.write(_demo(arguments.on) + "\n")
    return EXIT_CLEAN
