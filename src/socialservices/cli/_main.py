"""The command line: the only module of the library that does I/O.

It reads a file or standard input, writes to the terminal and, for a default
date (when neither ``--on`` nor the document's ``as_of`` gives one), reads the
clock. It also chooses the law the rules follow (``--law``, or the
document's ``jurisdiction``). Whatever the input, the arguments and the encoding of
the terminal, it ends with one of the documented exit statuses (``EXIT_*``)
and never with a traceback: a bug is one line on standard error and
``EXIT_FAILED``.
"""

from __future__ import annotations

import argparse
import errno
import importlib.metadata
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TypeVar

from .._child_policy import AgeOfMajority, ChildPolicy, Citation, MeasureOrder
from .._errors import DocumentProblem, InvalidDocument, InvalidValueError
from .._period import Period
from .._registry import Registry
from ..bulgaria._law import CHILD_POLICY
from ..documents import SetAside, loads, salvage, to_dict
from ..examples import SCENARIO_DATE, sofia_oblast
from ..indicators import INDICATORS, Measurement, Reference, Unit, measure
from ..validation import DEFAULT_RULES, Finding, Report, Rule, select_rules, validate
from ._demo import demo_measurements, matching_demo

__all__ = ["capacity_table", "main", "measurement_table", "validation_report"]

EXIT_CLEAN = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2  # the file cannot be read or is not JSON
EXIT_USAGE = 2  # argparse's own status for a wrong argument
EXIT_FAILED = 3  # the program failed: a bug
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT
EXIT_BROKEN_PIPE = 141  # the reader of the output went away, as shells report SIGPIPE

STDIN = "-"
STDIN_LABEL = "<stdin>"

PERIOD_SEPARATOR = ".."
"""Between the first day and the end of ``--period``: ``2026-01-01..2027-01-01``."""

EXIT_STATUSES = f"""\
exit status:
  {EXIT_CLEAN}    no problem and no error finding (warnings and infos may be printed)
  {EXIT_PROBLEMS}    a problem in the document, or an error finding
  {EXIT_UNREADABLE}    the file cannot be read or is not JSON, or a wrong argument
  {EXIT_FAILED}    the program failed: a bug, please report it
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C)
  {EXIT_BROKEN_PIPE}  the output was closed early (e.g. by `| head`)
"""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_COUNT = re.compile(r"[0-9]{1,18}")
_RULE_LIKE = re.compile(r"[A-Z]{2,8}([0-9]{3})?")
_T = TypeVar("_T")


class Law(NamedTuple):
    """A law the command line can apply: the child policy the rules follow,
    and the rules it leaves out because they rest on another jurisdiction's law."""

    name: str
    policy: ChildPolicy
    leaves_out: frozenset[str]


BULGARIAN_RULES = frozenset(
    rule.code for rule in DEFAULT_RULES if rule.jurisdiction == "BG"
)
"""The rules that rest on Bulgarian law (:attr:`Rule.jurisdiction`): the Child
Protection Act (CHD), the Social Services Act's licences (LIC) and the
management contracts a municipality needs to have others run its services
(AGR001, AGR003)."""

_CHILD = Citation(
    act="Convention on the Rights of the Child",
    provision="Art. 1",
    summary_en="A child is every human being below the age of eighteen years.",
)
NEUTRAL_POLICY = ChildPolicy(
    majority=AgeOfMajority(age=18, basis=_CHILD), measures=MeasureOrder(measures=())
)
"""The child policy of ``--law none``: a child is under 18 (the Convention
on the Rights of the Child); no order of measures, no age limit on residential care."""

LAWS = {
    "bulgaria": Law("bulgaria", CHILD_POLICY, frozenset()),
    "none": Law("none", NEUTRAL_POLICY, BULGARIAN_RULES),
}
"""The laws ``--law`` names."""

JURISDICTIONS = {"BG": "bulgaria"}
"""The law of each jurisdiction a document may name (by its ISO 3166 code, or
a subdivision of it): any other is checked with ``none``."""

DEFAULT_LAW = "bulgaria"
"""The law of a document that names no jurisdiction (as before documents could)."""


def law_for(name: str | None, jurisdiction: str | None) -> Law:
    """The law ``--law`` names, or else the one of the document's jurisdiction.

    >>> law_for(None, "GB-ENG").name, law_for(None, "BG").name, law_for(None, None).name
    ('none', 'bulgaria', 'bulgaria')
    >>> law_for("bulgaria", "GB").name
    'bulgaria'

    Raises:
        InvalidValueError: ``name`` is not one of :data:`LAWS` (``"unknown_value"``).
    """
    if name is not None and name not in LAWS:
        raise InvalidValueError(
            "law_for", "name", name, "unknown_value", f"must be one of {list(LAWS)}"
        )
    if name is None:
        if jurisdiction is None:
            name = DEFAULT_LAW
        else:
            country = jurisdiction.split("-", 1)[0].upper()
            name = JURISDICTIONS.get(country, "none")
    return LAWS[name]


class _NoRuleLeftError(Exception):
    """The document's jurisdiction leaves out every rule chosen."""

    def __init__(self, jurisdiction: str | None, law: Law) -> None:
        super().__init__(jurisdiction, law.name)
        self.jurisdiction = jurisdiction
        self.law = law


class _Output(Protocol):
    """A text stream: standard output or error, or what a test puts there."""

    def write(self, text: str, /) -> object: ...


def _iso_date(text: str) -> date:
    """Exactly ``YYYY-MM-DD`` on every Python (3.11 also reads ``20261102``)."""
    if _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}")


def _period(text: str) -> Period:
    """``START..END``, two dates ``YYYY-MM-DD``: the days from START up to,
    not including, END (as a period's ``end`` in a document)."""
    start, separator, end = text.partition(PERIOD_SEPARATOR)
    if not separator:
        raise argparse.ArgumentTypeError(
            f"not a period in the form YYYY-MM-DD..YYYY-MM-DD: {text!r}"
        )
    if not end:
        raise argparse.ArgumentTypeError(
            f"a period to measure over ends: {text!r} has no end after '..'"
        )
    first, last = _iso_date(start), _iso_date(end)
    if last <= first:
        raise argparse.ArgumentTypeError(
            f"the end of the period must be after its start: {text!r}"
        )
    return Period(start=first, end=last)


def _count(text: str) -> int:
    if not _COUNT.fullmatch(text):
        raise argparse.ArgumentTypeError(f"not a whole number, 0 or more: {text!r}")
    return int(text)


def _write(stream: _Output, text: str) -> None:
    """Write ``text``; what the stream's encoding cannot hold is backslash-escaped."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        text = text.encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:  # an encoding Python does not know: the stream decides
        pass
    stream.write(text)


def _encodes(stream: _Output, text: str) -> bool:
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _write_json(document: dict[str, Any]) -> None:
    """One JSON object, with ``\\u`` escapes if the output cannot hold the text."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    if not _encodes(sys.stdout, text):
        text = json.dumps(document, ensure_ascii=True, indent=2)
    _write(sys.stdout, text + "\n")


class _Parser(argparse.ArgumentParser):
    """argparse, writing its usage and errors through :func:`_write`."""

    def _print_message(self, message: str, file: _Output | None = None) -> None:
        if message:
            _write(file or sys.stderr, message)


def capacity_table(registry: Registry, on: date) -> list[tuple[str, ...]]:
    """Rows of capacity, occupied and free places by municipality and service
    ("?" for capacity and free places that are not recorded)."""
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
                _number(capacity),
                str(occupied),
                _number(free),
            )
        )
    return sorted(rows)


def _number(value: int | None) -> str:
    """A count as shown in the table: "?" when unknown."""
    return "?" if value is None else str(value)


def _where(registry: Registry, code: str) -> tuple[str, str]:
    """The region code and name of municipality ``code`` ("?" and the code if unknown)."""
    if not registry.geography.has_municipality(code):
        return "?", code
    municipality = registry.geography.municipality(code)
    return municipality.region, municipality.name


def _format(
    header: tuple[str, ...],
    rows: list[tuple[str, ...]],
    right: frozenset[int] = frozenset(),
) -> str:
    """A table: the columns of counts, and those in ``right``, right-aligned."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    numeric = {i for i in range(len(header)) if all(r[i].isdigit() for r in rows)}
    numeric |= right

    def line(row: tuple[str, ...]) -> str:
        cells = [
            cell.rjust(width) if i in numeric else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


MEASUREMENT_HEADER = (
    "indicator",
    "unit",
    "numerator",
    "denominator",
    "unknown",
    "value",
    "title",
)
_MEASUREMENT_NUMBERS = frozenset({2, 3, 4, 5})


def measurement_table(measurements: Iterable[Measurement]) -> list[tuple[str, ...]]:
    """Rows of :data:`MEASUREMENT_HEADER`, one per measurement, in their order.

    The unit is its code or id (``all`` for the whole registry, ``?`` for
    the items whose unit is not known). The value is a percentage with one
    decimal; for a rate, the figure per its scale (``3.2 per 1,000``); for
    lengths of stay, the median and, in brackets, the lower and upper
    quartiles, in days (``median 90 d (30-200)``); ``-`` when nothing was
    counted.

    >>> from socialservices.examples import SCENARIO_DATE, sofia_oblast
    >>> registry = sofia_oblast()
    >>> measurement_table(measure(registry, on=SCENARIO_DATE, indicators=["LOC02"]))
    [('LOC02', 'all', '11', '15', '0', '73.3%', 'In care in their own oblast')]
    """
    titles = {indicator.code: indicator.title for indicator in INDICATORS}
    return [
        (
            m.indicator,
            _unit_text(m),
            str(m.numerator),
            str(m.denominator),
            str(m.unknown),
            _value_text(m),
            titles.get(m.indicator, ""),
        )
        for m in measurements
    ]


def _unit_text(measurement: Measurement) -> str:
    if measurement.unit_id is not None:
        return measurement.unit_id
    return "all" if measurement.unit is Unit.REGISTRY else "?"


def _value_text(measurement: Measurement) -> str:
    value, quartiles = measurement.value, measurement.quartiles
    if value is None:
        return "-"
    if quartiles is not None:
        return f"median {quartiles.median} d ({quartiles.lower}-{quartiles.upper})"
    if measurement.scale != 1:
        return f"{value:.1f} per {measurement.scale:,}"
    return f"{value:.1%}"


def _measurements_text(measurements: Sequence[Measurement]) -> str:
    rows = measurement_table(measurements)
    return _format(MEASUREMENT_HEADER, rows, _MEASUREMENT_NUMBERS)


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
            f"Indicators on {on.isoformat()} (as the measure command prints them)",
            "",
            _measurements_text(demo_measurements(registry, on)),
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
    text: str | bytes,
    *,
    on: date | None = None,
    rules: Iterable[Rule] = DEFAULT_RULES,
    law: str | None = None,
    today: date | None = None,
) -> tuple[int, list[DocumentProblem], Report | None]:
    """The exit status, the document's problems and the rules' report for a text.

    A document that cannot be read has problems and no report; one that can
    is checked against ``rules`` on ``on``, else as of the document's
    ``as_of``, else on ``today`` (with none of them, every recorded day
    counts), under ``law`` (see :func:`law_for`). The status is ``0`` when
    nothing is wrong (warnings and infos allowed), ``1`` for a problem or an
    error finding, ``2`` when the text is not JSON at all.
    """
    status, problems, report, *_ = _outcome(text, on, tuple(rules), law, today)
    return status, problems, report


class _Outcome(NamedTuple):
    status: int
    problems: list[DocumentProblem]
    report: Report | None
    law: Law | None  # None when the document could not be read
    set_aside: tuple[SetAside, ...] = ()  # --salvage: the records left out


def _outcome(
    text: str | bytes,
    on: date | None,
    rules: tuple[Rule, ...],
    law: str | None,
    today: date | None,
    salvaging: bool = False,
) -> _Outcome:
    try:
        if salvaging:  # the problems of the records set aside, and the rest checked
            salvaged = salvage(text)
            registry, found = salvaged.registry, list(salvaged.all_problems)
            set_aside = salvaged.set_aside
        else:
            registry, found, set_aside = loads(text, Registry), [], ()
    except InvalidDocument as error:
        problems = list(error.problems)
        if any(problem.code == "invalid_json" for problem in problems):
            return _Outcome(EXIT_UNREADABLE, problems, None, None)
        return _Outcome(EXIT_PROBLEMS, problems, None, None)
    chosen = law_for(law, registry.jurisdiction)
    kept = [rule for rule in rules if rule.code not in chosen.leaves_out]
    if not kept:
        raise _NoRuleLeftError(registry.jurisdiction, chosen)
    day = on if on is not None else registry.as_of or today
    report = validate(registry, on=day, rules=kept, policy=chosen.policy)
    status = EXIT_CLEAN if report.is_valid and not found else EXIT_PROBLEMS
    return _Outcome(status, found, report, chosen, set_aside)


class _Listing(NamedTuple):
    """What of the problems and findings to list: ``--code``, ``--limit``, ``--summary``."""

    codes: frozenset[str] | None
    limit: int | None
    summary: bool

    def listed(
        self, items: Sequence[_T], codes_of: Callable[[_T], set[str]]
    ) -> list[_T]:
        """The items of the chosen codes, as many as the limit allows."""
        chosen = [
            item for item in items if self.codes is None or codes_of(item) & self.codes
        ]
        limit = self.limit if self.limit is not None else (0 if self.summary else None)
        return chosen if limit is None else chosen[:limit]


def _problem_codes(problem: DocumentProblem) -> set[str]:
    return {problem.code}


def _finding_codes(finding: Finding) -> set[str]:
    return {finding.code, finding.family}


def _read(path: str) -> bytes | str | DocumentProblem:
    """The bytes of the file, or of standard input for ``-``; or why not."""
    try:
        if path == STDIN:
            if sys.stdin is None:
                raise OSError(errno.EBADF, "there is no standard input")
            source: Any = getattr(sys.stdin, "buffer", sys.stdin)
            data: bytes | str = source.read()
            return data
        return Path(path).read_bytes()
    except OSError as error:
        return DocumentProblem(
            "cannot_read",
            "$",
            f"cannot read the file: {error.strerror or error}",
            detail=errno.errorcode.get(error.errno or 0),
        )


def _problem_as_json(problem: DocumentProblem) -> dict[str, Any]:
    return {
        "severity": "error",
        "code": problem.code,
        "path": problem.path,
        "message": problem.message,
        "detail": problem.detail,
        "allowed": list(problem.allowed),
    }


def _summary(
    problems: list[DocumentProblem], report: Report | None
) -> list[tuple[str, str, int]]:
    """Code, severity and count of every code there is, in code order."""
    counts = Counter(problem.code for problem in problems)
    rows = [(code, "error", count) for code, count in sorted(counts.items())]
    if report is not None:
        rows += [
            (code, found[0].severity.value, len(found))
            for code, found in report.by_code().items()
        ]
    return rows


def _validate(
    path: str,
    on: date | None,
    output: str,
    rules: tuple[Rule, ...],
    listing: _Listing,
    law: str | None,
    salvaging: bool = False,
) -> int:
    label = STDIN_LABEL if path == STDIN else path
    text = _read(path)
    today = date.today()  # the edge may read the clock
    if isinstance(text, DocumentProblem):
        outcome = _Outcome(EXIT_UNREADABLE, [text], None, None)
    else:
        try:
            outcome = _outcome(text, on, rules, law, today, salvaging)
        except _NoRuleLeftError as left:
            _write(sys.stderr, _no_rule_left(label, left))
            return EXIT_USAGE
    status, problems, report, chosen, set_aside = outcome
    day = report.on if report is not None else on or today
    findings = () if report is None else report.findings
    shown_problems = listing.listed(problems, _problem_codes)
    shown_findings = listing.listed(findings, _finding_codes)
    if output == "json":
        _write_json(
            {
                "file": label,
                "on": None if day is None else day.isoformat(),
                "law": None if chosen is None else chosen.name,
                "valid": status == EXIT_CLEAN,
                "problems": [_problem_as_json(problem) for problem in shown_problems],
                "findings": to_dict(tuple(shown_findings)),
                "summary": [
                    {"code": code, "severity": severity, "count": count}
                    for code, severity, count in _summary(problems, report)
                ],
                "left_out": {
                    "problems": len(problems) - len(shown_problems),
                    "findings": len(findings) - len(shown_findings),
                },
                **_set_aside_as_json(set_aside, salvaging),
            }
        )
    elif status == EXIT_UNREADABLE:
        problem = problems[0]
        what = "not JSON: " if problem.code == "invalid_json" else ""
        _write(sys.stderr, f"{label}: {what}{problem.message}\n")
    elif report is None:
        _write(sys.stdout, _problems_as_text(label, problems, shown_problems, listing))
    else:
        if problems:  # --salvage: the records set aside, before the findings
            count = len(set_aside)
            found = _problems_as_text(label, problems, shown_problems, listing)
            aside = f"{label}: {count} record{'' if count == 1 else 's'} set aside\n"
            _write(sys.stdout, aside + found)
        # when problems were just listed, "no problems found" would be false
        none = "no findings" if problems else "no problems found"
        _write(
            sys.stdout, _findings_as_text(label, report, shown_findings, listing, none)
        )
    return status


def _set_aside_as_json(
    set_aside: tuple[SetAside, ...], salvaging: bool
) -> dict[str, Any]:
    """With ``--salvage``, the key ``"set_aside"``: each record left out (its
    problems are among ``"problems"``); without it, no key."""
    if not salvaging:
        return {}
    records = [
        {
            "collection": record.collection,
            "index": record.index,
            "id": record.id,
            "path": record.path,
            "problems": len(record.problems),
        }
        for record in set_aside
    ]
    return {"set_aside": records}


def _no_rule_left(label: str, left: _NoRuleLeftError) -> str:
    return (
        f"{label}: the document's jurisdiction {left.jurisdiction} is checked "
        f"under the law {left.law.name!r}, which leaves out every rule chosen; "
        "choose other rules, or the law with --law\n"
    )


def _summary_table(problems: list[DocumentProblem], report: Report | None) -> list[str]:
    """A count per code, and for rule codes the rule's title."""
    rows: list[tuple[str, ...]] = [
        (code, severity, str(count))
        for code, severity, count in _summary(problems, report)
    ]
    if report is None:
        return _format(("code", "severity", "count"), rows).splitlines()
    titles = {rule.code: rule.title for rule in DEFAULT_RULES}
    rows = [(*row, titles.get(row[0], "")) for row in rows]
    return _format(("code", "severity", "count", "rule"), rows).splitlines()


def _left_out(listed: int, total: int, noun: str) -> list[str]:
    if listed == total:
        return []
    return [f"{total - listed} of {total} {noun}s not listed"]


def _problems_as_text(
    label: str,
    problems: list[DocumentProblem],
    shown: list[DocumentProblem],
    listing: _Listing,
) -> str:
    count = len(problems)
    lines = [f"{label}: {count} problem{'' if count == 1 else 's'}"]
    if listing.summary:
        lines += _summary_table(problems, None)
    lines += [f"error  {p.path}  {p.message}  [{p.code}]" for p in shown]
    lines += _left_out(len(shown), count, "problem")
    return "\n".join(lines) + "\n"


def _findings_as_text(
    label: str,
    report: Report,
    shown: list[Finding],
    listing: _Listing,
    none: str = "no problems found",
) -> str:
    if not report.findings:
        return f"{label}: {none}\n"
    counts = ", ".join(
        f"{len(found)} {severity.value}{'' if len(found) == 1 else 's'}"
        for severity, found in report.by_severity().items()
    )
    lines = [f"{label}: {counts}"]
    if listing.summary:
        lines += _summary_table([], report)
    lines += [
        f"{f.severity.value:<7}  {f.code}  {f.on or ''!s:<10}  {f.message}"
        for f in shown
    ]
    lines += _left_out(len(shown), len(report.findings), "finding")
    return "\n".join(lines) + "\n"


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def _version() -> str:
    """The installed distribution's version, else the package's ``__version__``."""
    try:
        return importlib.metadata.version("socialservices")
    except importlib.metadata.PackageNotFoundError:
        package = sys.modules.get("socialservices")
        return str(getattr(package, "__version__", "unknown"))


def _parser() -> _Parser:
    parser = _Parser(
        prog="python -m socialservices",
        description="Social services: capacity, placements, close to home.",
        epilog=EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    common = _Parser(add_help=False)
    common.add_argument(
        "--traceback",
        action="store_true",
        help="on an internal error, show the full traceback (for a bug report)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser(
        "demo",
        parents=[common],
        help="print capacity, occupied and free places of the example scenario",
        epilog=EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.set_defaults(usage=demo)
    demo.add_argument(
        "--on",
        type=_iso_date,
        default=SCENARIO_DATE,
        metavar="YYYY-MM-DD",
        help=f"the date to report on (default: {SCENARIO_DATE.isoformat()})",
    )
    validate = commands.add_parser(
        "validate",
        parents=[common],
        help="read a registry document and list every problem in it",
        epilog=EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.set_defaults(usage=validate)
    validate.add_argument(
        "file", metavar="FILE.json", help="a registry document, or - for standard input"
    )
    validate.add_argument(
        "--on",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date rules are checked on (default: the document's as_of, "
        "the day its data was taken; else today)",
    )
    validate.add_argument(
        "--law",
        choices=tuple(LAWS),
        default=None,
        help="the law the rules follow: bulgaria (the Bulgarian child policy and "
        "rules) or none (only jurisdiction-neutral rules); default: the law of "
        "the document's jurisdiction, none if the library knows no law for it, "
        "bulgaria if it names none",
    )
    validate.add_argument(
        "--rules",
        type=_names,
        default=None,
        metavar="CODES",
        help="check only these rule codes or families, e.g. LOC,CAP001",
    )
    validate.add_argument(
        "--exclude",
        type=_names,
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
    validate.add_argument(
        "--code",
        type=_names,
        action="extend",
        default=None,
        metavar="CODES",
        help="list only the problems and findings of these codes (rule codes or "
        "families, problem codes); repeat it or separate codes with commas",
    )
    validate.add_argument(
        "--limit",
        type=_count,
        default=None,
        metavar="N",
        help="list at most N problems or findings, and say how many were left out",
    )
    validate.add_argument(
        "--summary",
        action="store_true",
        help="print a count per code; list none unless --limit is given",
    )
    validate.add_argument(
        "--salvage",
        action="store_true",
        help="check the records that read, and list the problems of those set "
        "aside (the document as a whole must read: its schema, its geography)",
    )
    _measure_parser(commands, common)
    return parser


def _measure_parser(commands: Any, common: _Parser) -> None:
    measuring = commands.add_parser(
        "measure",
        parents=[common],
        help="read a registry document and print its indicators of quality",
        epilog=EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    measuring.set_defaults(usage=measuring)
    measuring.add_argument(
        "file", metavar="FILE.json", help="a registry document, or - for standard input"
    )
    measuring.add_argument(
        "--on",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day the indicators of a day are measured on (default: the "
        "document's as_of; else, without --period, today)",
    )
    measuring.add_argument(
        "--period",
        type=_period,
        default=None,
        metavar="START..END",
        help="the period the indicators of a period are measured over: from START "
        "up to, not including, END, e.g. 2026-01-01..2027-01-01 for 2026",
    )
    measuring.add_argument(
        "--by",
        choices=tuple(unit.value for unit in Unit),
        default=Unit.REGISTRY.value,
        help="the units measured (default: registry, the whole document)",
    )
    measuring.add_argument(
        "--indicator",
        type=_names,
        action="extend",
        default=None,
        metavar="CODES",
        help="measure only these indicator codes (default: every indicator whose "
        "day or period is given); repeat it or separate codes with commas",
    )
    measuring.add_argument(
        "--children",
        type=_children,
        default=None,
        metavar="FILE.json",
        help="the number of children in each municipality, a JSON object such as "
        '{"SFO34": 1520}, for the indicators per child population',
    )
    measuring.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for programs",
    )


def _children(path: str) -> dict[str, int]:
    """The JSON object of ``--children``: municipality codes and numbers of
    children, 0 or more."""
    data = _read(path)
    if isinstance(data, DocumentProblem):
        raise argparse.ArgumentTypeError(f"{path}: {data.message}")
    try:
        found = json.loads(data)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, too deep
        found = None
    if not isinstance(found, dict) or not all(
        isinstance(count, int) and not isinstance(count, bool) and count >= 0
        for count in found.values()
    ):
        raise argparse.ArgumentTypeError(
            f"{path}: not a JSON object of municipality codes and numbers of "
            "children (whole numbers, 0 or more)"
        )
    return found


def _indicators(parser: _Parser, arguments: argparse.Namespace) -> list[str] | None:
    """The codes ``--indicator`` names; a usage error for an unknown one, one
    of a period without ``--period``, or one per child population without
    ``--children``."""
    codes: list[str] | None = arguments.indicator
    if codes is None:
        return None
    if not codes:
        parser.error("--indicator names no indicator code")
    known = {indicator.code: indicator for indicator in INDICATORS}
    unknown = [code for code in codes if code not in known]
    if unknown:
        parser.error(f"--indicator: unknown indicator code: {', '.join(unknown)}")
    over = [c for c in codes if known[c].reference is Reference.PERIOD]
    if over and arguments.period is None:
        parser.error(
            f"--indicator {', '.join(over)} is measured over a period: give --period"
        )
    per_child = [c for c in codes if known[c].needs_children]
    if per_child and arguments.children is None:
        parser.error(
            f"--indicator {', '.join(per_child)} is measured per child population: "
            "give --children"
        )
    return codes


def _measure(
    parser: _Parser,
    arguments: argparse.Namespace,
    codes: list[str] | None,
) -> int:
    path: str = arguments.file
    label = STDIN_LABEL if path == STDIN else path
    period: Period | None = arguments.period
    by = Unit(arguments.by)
    status, problems, registry = _load(path)
    day: date | None = arguments.on
    measurements: tuple[Measurement, ...] = ()
    if registry is not None:
        if day is None:  # the edge may read the clock
            day = registry.as_of or (date.today() if period is None else None)
        try:
            measurements = measure(
                registry,
                on=day,
                period=period,
                by=by,
                indicators=codes,
                children=arguments.children,
            )
        except InvalidValueError as error:
            if error.code == "missing" and error.field == "on":
                parser.error(
                    f"--indicator {error.reason}: give --on (the document has no as_of)"
                )
            if error.field == "children" and isinstance(error.value, list):
                unknown = ", ".join(map(str, error.value))
                parser.error(f"--children: {error.reason}: {unknown}")
            raise
    if arguments.format == "json":
        _write_json(
            {
                "file": label,
                "on": None if day is None else day.isoformat(),
                "period": None if period is None else to_dict(period),
                "by": by.value,
                "problems": [_problem_as_json(problem) for problem in problems],
                "measurements": to_dict(measurements),
            }
        )
    elif status == EXIT_UNREADABLE:
        problem = problems[0]
        what = "not JSON: " if problem.code == "invalid_json" else ""
        _write(sys.stderr, f"{label}: {what}{problem.message}\n")
    elif problems:
        listing = _Listing(None, None, False)
        _write(sys.stderr, _problems_as_text(label, problems, problems, listing))
    else:
        _write(sys.stdout, _measured_heading(label, day, period, by, measurements))
    return status


def _load(path: str) -> tuple[int, list[DocumentProblem], Registry | None]:
    """The exit status so far, the problems and the registry of a document."""
    text = _read(path)
    if isinstance(text, DocumentProblem):
        return EXIT_UNREADABLE, [text], None
    try:
        return EXIT_CLEAN, [], loads(text, Registry)
    except InvalidDocument as error:
        problems = list(error.problems)
        unreadable = any(p.code == "invalid_json" for p in problems)
        return (EXIT_UNREADABLE if unreadable else EXIT_PROBLEMS), problems, None


def _measured_heading(
    label: str,
    day: date | None,
    period: Period | None,
    by: Unit,
    measurements: Sequence[Measurement],
) -> str:
    when = []
    if day is not None:
        when.append(f"on {day.isoformat()}")
    if period is not None:
        assert period.end is not None  # --period always ends
        when.append(f"over {period.start}{PERIOD_SEPARATOR}{period.end}")
    heading = f"Indicators of {label} {', '.join(when)}, by {by.value}"
    if not measurements:
        return f"{heading}: nothing measured\n"
    return f"{heading}\n\n{_measurements_text(measurements)}\n"


def _rules(parser: _Parser, arguments: argparse.Namespace) -> tuple[Rule, ...]:
    """The rules ``--rules`` and ``--exclude`` choose; a usage error if none."""
    if arguments.rules is not None and not arguments.rules:
        parser.error("--rules names no rule code or family")
    try:
        rules = select_rules(include=arguments.rules, exclude=arguments.exclude)
    except InvalidValueError as error:
        if error.code == "unknown_value" and isinstance(error.value, (list, tuple)):
            unknown = ", ".join(map(str, error.value))
            parser.error(f"unknown rule code or family: {unknown}")
        parser.error(f"--rules and --exclude leave no rule to check ({error.reason})")
    if not rules:
        parser.error("--rules and --exclude leave no rule to check")
    return rules


def _listing(parser: _Parser, arguments: argparse.Namespace) -> _Listing:
    codes = arguments.code
    if codes is None:
        return _Listing(None, arguments.limit, arguments.summary)
    if not codes:
        parser.error("--code names no code")
    known = {rule.code for rule in DEFAULT_RULES} | {r.family for r in DEFAULT_RULES}
    unknown = sorted(c for c in codes if _RULE_LIKE.fullmatch(c) and c not in known)
    if unknown:
        parser.error(f"unknown rule code or family: {', '.join(unknown)}")
    return _Listing(frozenset(codes), arguments.limit, arguments.summary)


def _run(parser: _Parser, arguments: argparse.Namespace) -> int:
    if arguments.command == "validate":
        rules = _rules(arguments.usage, arguments)
        listing = _listing(arguments.usage, arguments)
        law = arguments.law
        if law is not None and all(r.code in LAWS[law].leaves_out for r in rules):
            arguments.usage.error(
                f"--law {law} leaves out every rule --rules and --exclude chose"
            )
        return _validate(
            arguments.file,
            arguments.on,
            arguments.format,
            rules,
            listing,
            law,
            arguments.salvage,
        )
    if arguments.command == "measure":
        codes = _indicators(arguments.usage, arguments)
        return _measure(arguments.usage, arguments, codes)
    _write(sys.stdout, _demo(arguments.on) + "\n")
    return EXIT_CLEAN


def _bug(parser: _Parser, error: Exception) -> str:
    what = f"{type(error).__name__}: {error}"
    if len(what) > 200:
        what = what[:199] + "…"
    return (
        f"{parser.prog}: internal error ({what}). This is a bug in socialservices "
        f"{_version()}: please report it to its developers with the command you "
        "ran; --traceback shows the details.\n"
    )


def _silence_stdout() -> None:
    """After a broken pipe, keep the interpreter's last flush from failing too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (a captured stream)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (``EXIT_*``).

    A wrong argument exits through :class:`SystemExit` with argparse's usage
    status (2), as ``--help`` and ``--version`` exit with 0.
    """
    parser = _parser()
    arguments = parser.parse_args(argv)
    try:
        return _run(parser, arguments)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:  # the edge turns any bug into one line and a status
        if arguments.traceback:
            raise
        _write(sys.stderr, _bug(parser, error))
        return EXIT_FAILED
