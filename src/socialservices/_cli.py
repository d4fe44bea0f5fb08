"""The command line: the only module of the library that does I/O."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date

from ._registry import Registry
from .examples import SCENARIO_DATE, sofia_oblast

__all__ = ["capacity_table", "main"]


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = _parser().parse_args(argv)
    if arguments.command == "demo":
        sys.stdout.write(_demo(arguments.on) + "\n")
    return 0
