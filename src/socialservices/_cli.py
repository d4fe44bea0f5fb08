"""The command line: the only module of the library that does I/O."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ._demo_matching import matching_demo
from ._documents import loads, to_dict
from ._errors import DocumentProblem, InvalidDocument, InvalidValueError
from ._registry import Registry
from .examples import SCENARIO_DATE, sofia_oblast
from .validation import DEFAULT_RULES, Report, Rule, select_rules, validate

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
    return "\n".join(
        [
            title,
            "",
            _format(header, rows),
            "",
            total,
            note,
            "",
            _audit(registry, on),
            "",
            matching_demo(registry, on),
        ]
    )


def _audit(registry: Registry, on: date) -> str:
    """What the rules find in the scenario, and the out-of-region audit in full."""
    report = validate(registry, on=on)
    titles = {rule.code: rule.title for rule in DEFAULT_RULES}
    rows: list[tuple[str, ...]] = [
        (code, found[0].severity.value, str(len(found)), titles[code])
        for code, found in report.by_code().items()
    ]
    lines = [
        f"Findings of the validation rules on {on.isoformat()}",
        "",
        _format(("code", "severity", "count", "rule"), rows),
    ]
    for finding in report.by_code().get("LOC001", ()):
        placement = finding.subjects[0].id
        rooms = ", ".join(f"{f.service} {f.places}" for f in finding.free_places)
        lines.append(f"LOC001 {placement} ({finding.on}): free at home: {rooms}")
    return "\n".join(lines)


def validation_report(
    text: str | bytes, *, on: date | None = None, rules: Iterable[Rule] = DEFAULT_RULES
) -> tuple[int, list[DocumentProblem], Report | None]:
    """The exit status, the document's problems and the rules' report for a text.

    A document that cannot be read has problems and no report; one that can
    is checked against ``rules`` on ``on``. The status is ``0`` when nothing
    is wrong (warnings and infos allowed), ``1`` for a problem or an error
    finding, ``2`` when the text is not JSON at all.
    """
    try:
        registry = loads(text, Registry)
    except InvalidDocument as error:
        problems = list(error.problems)
        if any(problem.code == "invalid_json" for problem in problems):
            return EXIT_UNREADABLE, problems, None
        return EXIT_PROBLEMS, problems, None
    report = validate(registry, on=on, rules=rules)
    return (EXIT_CLEAN if report.is_valid else EXIT_PROBLEMS), [], report


def _problem_as_json(problem: DocumentProblem) -> dict[str, Any]:
    return {
        "severity": "error",
        "code": problem.code,
        "path": problem.path,
        "message": problem.message,
        "detail": problem.detail,
        "allowed": list(problem.allowed),
    }


def _validate(path: str, on: date, output: str, rules: tuple[Rule, ...]) -> int:
    try:
        text = Path(path).read_bytes()
    except OSError as error:
        sys.stderr.write(f"{path}: cannot read the file: {error.strerror or error}\n")
        return EXIT_UNREADABLE
    status, problems, report = validation_report(text, on=on, rules=rules)
    if output == "json":
        document = {
            "file": path,
            "on": on.isoformat(),
            "valid": status == EXIT_CLEAN,
            "problems": [_problem_as_json(problem) for problem in problems],
            "findings": [] if report is None else to_dict(report)["findings"],
        }
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    elif status == EXIT_UNREADABLE:
        sys.stderr.write(f"{path}: not JSON: {problems[0].message}\n")
    elif report is None:
        sys.stdout.write(_problems_as_text(path, problems) + "\n")
    else:
        sys.stdout.write(_findings_as_text(path, report) + "\n")
    return status


def _problems_as_text(path: str, problems: list[DocumentProblem]) -> str:
    count = len(problems)
    lines = [f"{path}: {count} problem{'' if count == 1 else 's'}"]
    lines += [f"error  {p.path}  {p.message}  [{p.code}]" for p in problems]
    return "\n".join(lines)


def _findings_as_text(path: str, report: Report) -> str:
    if not report.findings:
        return f"{path}: no problems found"
    counts = ", ".join(
        f"{len(found)} {severity.value}{'' if len(found) == 1 else 's'}"
        for severity, found in report.by_severity().items()
    )
    lines = [f"{path}: {counts}"]
    lines += [
        f"{f.severity.value:<7}  {f.code}  {f.on or ''!s:<10}  {f.message}"
        for f in report.findings
    ]
    return "\n".join(lines)


def _rule_names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


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
        "--rules",
        type=_rule_names,
        default=None,
        metavar="CODES",
        help="check only these rule codes or families, e.g. LOC,CAP001",
    )
    validate.add_argument(
        "--exclude",
        type=_rule_names,
        default=[],
        metavar="CODES",
        help="leave out these rule codes or families",
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
        try:
            rules = select_rules(include=arguments.rules, exclude=arguments.exclude)
        except InvalidValueError as error:
            unknown = ", ".join(map(str, error.value))  # type: ignore[call-overload]
            _parser().error(f"unknown rule code or family: {unknown}")
        return _validate(arguments.file, on, arguments.format, rules)
    sys.stdout.write(_demo(arguments.on) + "\n")
    return EXIT_CLEAN
