"""Benchmark: decoding and encoding placement records, against pydantic and msgspec.

For each size N, a fresh Python process generates N Bulgaria-shaped placement
records from ``random.Random(seed)`` (ids ``PL-0000001``, persons ``C-…``
with about 1.5 placements each, 3,000 services ``S-…``, starts over
2018–2026, a third open-ended and the rest 1–900 days long, a measure on most,
an end reason on most ended ones, a legal basis such as ``Заповед № 123/2024``
on some), as the plain dicts ``socialservices.to_dict`` writes, then measures
in records per second:

* decode: dicts → values;
* encode: values → dicts;
* round trip: N / (decode time + encode time).

The contenders:

* socialservices: ``from_dict(records, list[Placement])`` and ``to_dict(values)``;
* pydantic (equivalent): frozen models with ``extra="forbid"``, a nested
  period model whose ``model_validator`` refuses an end before the start,
  identifiers of 1–128 characters without white space or control characters,
  a legal basis that must not be blank; a ``TypeAdapter(list[...])`` decodes
  with ``validate_python`` and encodes with ``dump_python(mode="json")``;
* msgspec (equivalent): frozen ``Struct`` types with
  ``forbid_unknown_fields=True``, the same constraints as ``msgspec.Meta``
  patterns and lengths, and ``__post_init__`` for the end; decoding is
  ``msgspec.convert(records, list[...])``, encoding ``msgspec.to_builtins``;
* pydantic and msgspec (no constraints): the same fields and types (dates,
  the library's enums, a nested period) with plain ``str`` fields, no
  validators and unknown fields ignored, for comparison.

What "equivalent" does not cover: pydantic's lax mode also takes other date
inputs (``"2025-01-01T00:00:00"``, Unix timestamps) where socialservices and
msgspec take only ``YYYY-MM-DD``. pydantic's patterns run on its Rust regex
engine, where a string holding a lone surrogate fails the pattern; the
identifier and non-blank patterns accept exactly the same code points as the
library's checks (verified over all of Unicode when this was written).

Before timing, each process checks, untimed, that every contender decodes the
records to the same information, that each encoder writes the very records
it read and that they decode again, and that each equivalent contender
refuses a set of bad records. Times are the fastest of ``--repeat`` runs
(3 by default). A library that is not installed is noted and skipped.

Run it from the repository root (the ``benchmarks`` extra installs pydantic
and msgspec)::

    python benchmarks/serialization.py
    python benchmarks/serialization.py --sizes 10000,100000 --seed 7 --repeat 5

``--one N`` measures a single size in this process (``--json`` prints the
result as JSON; that is how the driver calls itself).

A second case, hostile documents: ``loads`` of one ``Period`` object with K
keys the type does not have, for each K of ``--keys`` (10,000, 20,000, 40,000
and 80,000 by default; ``--keys 0`` skips it), in this process. Each run
checks that every key is reported, as ``unexpected_field`` at its path and in
document order; the table gives the fastest time and its ratio to the
previous K, which stays near K's ratio (2) when the reader is linear and
would be near its square (4) if it were quadratic::

    python benchmarks/serialization.py --sizes 1000 --keys 50000,100000,200000
"""

import argparse
import importlib.metadata
import importlib.util
import json
import math
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, TypedDict, cast

from _harness import Fastest, environment, parser, repeats, run, table

from socialservices import (
    EndReason,
    InvalidDocument,
    Measure,
    Period,
    Placement,
    from_dict,
    loads,
    to_dict,
)

Record = dict[str, Any]
Facts = tuple[object, ...]

SERVICES = 3_000
PLACEMENTS_PER_PERSON = 1.5
OPEN_ENDED_SHARE = 1 / 3
MAX_DAYS = 900
END_REASON_SHARE = 0.9
LEGAL_BASIS_SHARE = 0.4
FIRST_DAY = date(2018, 1, 1).toordinal()
LAST_DAY = date(2026, 12, 31).toordinal()
MEASURES = ("residential", "foster_family", "relatives", None)
MEASURE_WEIGHTS = (45, 30, 15, 10)
END_REASONS = tuple(reason.value for reason in EndReason)

# pydantic: Rust regex, search semantics; a lone surrogate fails any pattern.
IDENTIFIER_RUST = r"^[^\s\x00-\x1f\x7f]{1,128}$"
NON_BLANK_RUST = r"[^\s\x1c-\x1f]"  # str.strip() also strips \x1c-\x1f
# msgspec: Python re, search semantics; strings may hold lone surrogates.
IDENTIFIER_PYTHON = r"\A[^\s\x00-\x1f\x7f\ud800-\udfff]{1,128}\Z"
NON_BLANK_PYTHON = r"(?s)\A(?=[^\ud800-\udfff]*\Z).*?\S"

SOCIALSERVICES = "socialservices"
PYDANTIC = "pydantic (equivalent)"
PYDANTIC_PLAIN = "pydantic (no constraints)"
MSGSPEC = "msgspec (equivalent)"
MSGSPEC_PLAIN = "msgspec (no constraints)"
OPTIONAL_LIBRARIES = ("pydantic", "msgspec")


class Row(TypedDict):
    """The best times of one contender."""

    label: str
    decode_s: float
    encode_s: float


class Result(TypedDict):
    """What ``--one N --json`` prints."""

    records: int
    rows: list[Row]
    skipped: list[str]


@dataclass(frozen=True)
class Contender:
    """A way to decode records to values and encode them back."""

    label: str
    decode: Callable[[list[Record]], list[Any]]
    encode: Callable[[list[Any]], list[Record]]
    constrained: bool = True
    strict_dates: bool = True


def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def _record(rng: random.Random, number: int, persons: int) -> Record:
    start = rng.randint(FIRST_DAY, LAST_DAY)
    ended = rng.random() >= OPEN_ENDED_SHARE
    end = start + rng.randint(1, MAX_DAYS) if ended else None
    order = f"Заповед № {rng.randint(1, 999)}/{date.fromordinal(start).year}"
    return {
        "id": f"PL-{number:07d}",
        "person": f"C-{rng.randint(1, persons):07d}",
        "service": f"S-{rng.randint(1, SERVICES):05d}",
        "period": {"start": _iso(start), "end": None if end is None else _iso(end)},
        "measure": rng.choices(MEASURES, MEASURE_WEIGHTS)[0],
        "legal_basis": order if rng.random() < LEGAL_BASIS_SHARE else None,
        "end_reason": (
            rng.choice(END_REASONS)
            if ended and rng.random() < END_REASON_SHARE
            else None
        ),
    }


def generate(size: int, seed: int) -> list[Record]:
    """``size`` placement records as ``to_dict`` writes them, from ``seed``."""
    rng = random.Random(seed)
    persons = max(1, round(size / PLACEMENTS_PER_PERSON))
    return [_record(rng, number, persons) for number in range(1, size + 1)]


def _socialservices() -> Contender:
    def decode(records: list[Record]) -> list[Any]:
        return from_dict(records, list[Placement])

    return Contender(SOCIALSERVICES, decode, to_dict)


def _pydantic_equivalent() -> Contender:
    from pydantic import (
        BaseModel,
        ConfigDict,
        StringConstraints,
        TypeAdapter,
        model_validator,
    )

    identifier = StringConstraints(
        min_length=1, max_length=128, pattern=IDENTIFIER_RUST
    )
    non_blank = StringConstraints(pattern=NON_BLANK_RUST)

    class PeriodModel(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        start: date
        end: date | None = None

        @model_validator(mode="after")
        def _end_not_before_start(self) -> "PeriodModel":
            if self.end is not None and self.end < self.start:
                raise ValueError("the end is before the start")
            return self

    class PlacementModel(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        id: Annotated[str, identifier]
        person: Annotated[str, identifier]
        service: Annotated[str, identifier]
        period: PeriodModel
        measure: Measure | None = None
        legal_basis: Annotated[str, non_blank] | None = None
        end_reason: EndReason | None = None

    adapter = TypeAdapter(list[PlacementModel])
    return Contender(
        PYDANTIC,
        adapter.validate_python,
        lambda values: adapter.dump_python(values, mode="json"),
        strict_dates=False,
    )


def _pydantic_plain() -> Contender:
    from pydantic import BaseModel, ConfigDict, TypeAdapter

    class PeriodModel(BaseModel):
        model_config = ConfigDict(frozen=True)

        start: date
        end: date | None = None

    class PlacementModel(BaseModel):
        model_config = ConfigDict(frozen=True)

        id: str
        person: str
        service: str
        period: PeriodModel
        measure: Measure | None = None
        legal_basis: str | None = None
        end_reason: EndReason | None = None

    adapter = TypeAdapter(list[PlacementModel])
    return Contender(
        PYDANTIC_PLAIN,
        adapter.validate_python,
        lambda values: adapter.dump_python(values, mode="json"),
        constrained=False,
    )


def _msgspec_equivalent() -> Contender:
    import msgspec

    identifier = msgspec.Meta(min_length=1, max_length=128, pattern=IDENTIFIER_PYTHON)
    non_blank = msgspec.Meta(pattern=NON_BLANK_PYTHON)

    class PeriodStruct(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
        start: date
        end: date | None = None

        def __post_init__(self) -> None:
            if self.end is not None and self.end < self.start:
                raise ValueError("the end is before the start")

    class PlacementStruct(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
        id: Annotated[str, identifier]
        person: Annotated[str, identifier]
        service: Annotated[str, identifier]
        period: PeriodStruct
        measure: Measure | None = None
        legal_basis: Annotated[str, non_blank] | None = None
        end_reason: EndReason | None = None

    def decode(records: list[Record]) -> list[Any]:
        return msgspec.convert(records, list[PlacementStruct])

    return Contender(MSGSPEC, decode, msgspec.to_builtins)


def _msgspec_plain() -> Contender:
    import msgspec

    class PeriodStruct(msgspec.Struct, frozen=True):
        start: date
        end: date | None = None

    class PlacementStruct(msgspec.Struct, frozen=True):
        id: str
        person: str
        service: str
        period: PeriodStruct
        measure: Measure | None = None
        legal_basis: str | None = None
        end_reason: EndReason | None = None

    def decode(records: list[Record]) -> list[Any]:
        return msgspec.convert(records, list[PlacementStruct])

    return Contender(MSGSPEC_PLAIN, decode, msgspec.to_builtins, constrained=False)


def _installed(library: str) -> bool:
    return importlib.util.find_spec(library) is not None


def contenders() -> tuple[list[Contender], list[str]]:
    """The contenders whose libraries are installed, and the libraries missing."""
    found = [_socialservices()]
    makers = {
        "pydantic": (_pydantic_equivalent, _pydantic_plain),
        "msgspec": (_msgspec_equivalent, _msgspec_plain),
    }
    skipped: list[str] = []
    for library, (equivalent, plain) in makers.items():
        if _installed(library):
            found += [equivalent(), plain()]
        else:
            skipped.append(library)
    return found, skipped


def _facts(value: Any) -> Facts:
    """What one decoded placement says, whichever library made it."""
    period = value.period
    return (
        value.id,
        value.person,
        value.service,
        period.start,
        period.end,
        value.measure,
        value.legal_basis,
        value.end_reason,
    )


def _bad_records(good: Record) -> dict[str, Record]:
    """Records that break one rule each, by what they break."""
    period = good["period"]

    def changed(**fields: object) -> Record:
        return {**good, **fields}

    return {
        "id with a space": changed(id="PL 1"),
        "empty id": changed(id=""),
        "id of 129 characters": changed(id="P" * 129),
        "person with a control character": changed(person="C-\x01"),
        "service with a lone surrogate": changed(service="S-\ud800"),
        "blank legal basis": changed(legal_basis=" \u00a0\t"),
        "legal basis of \\x1c": changed(legal_basis="\x1c"),
        "legal basis with a lone surrogate": changed(legal_basis="№ 1\udc00"),
        "end before start": changed(
            period={"start": "2025-01-02", "end": "2025-01-01"}
        ),
        "unknown field": changed(note="x"),
        "unknown field in period": changed(period={**period, "days": 3}),
        "unknown measure": changed(measure="orphanage"),
        "date not YYYY-MM-DD": changed(period={"start": "2025-1-1", "end": None}),
    }


LAX_DATES = {
    "datetime for a date": {"start": "2025-01-01T00:00:00", "end": None},
    "timestamp for a date": {"start": 1735689600, "end": None},
}


def _refuses(contender: Contender, record: Record) -> bool:
    try:
        contender.decode([record])
    except Exception:  # each library has its own error type
        return True
    return False


def _check_refusals(contender: Contender, good: Record) -> None:
    bad = _bad_records(good)
    if contender.strict_dates:
        bad |= {name: {**good, "period": period} for name, period in LAX_DATES.items()}
    accepted = [name for name, record in bad.items() if not _refuses(contender, record)]
    if accepted:
        raise AssertionError(f"{contender.label} accepts: {', '.join(accepted)}")


def check(found: list[Contender], records: list[Record]) -> None:
    """Every contender reads the same information and writes the same records."""
    expected: list[Facts] | None = None
    for contender in found:
        values = contender.decode(records)
        facts = [_facts(value) for value in values]
        if expected is None:
            expected = facts
        elif facts != expected:
            raise AssertionError(f"{contender.label} reads different information")
        encoded = contender.encode(values)
        if encoded != records:
            raise AssertionError(f"{contender.label} writes different records")
        if [_facts(value) for value in contender.decode(encoded)] != expected:
            raise AssertionError(f"{contender.label} misreads what it wrote")
        if contender.constrained:
            _check_refusals(contender, records[0])


def _time(contender: Contender, records: list[Record], repeat: int) -> Row:
    """The fastest decode and the fastest encode of ``repeat`` runs."""
    best = Fastest()
    for _ in repeats(repeat):  # each after the previous run's garbage is collected
        with best("decode"):
            values = contender.decode(records)
        with best("encode"):
            encoded = contender.encode(values)
        del values, encoded
    return Row(label=contender.label, decode_s=best["decode"], encode_s=best["encode"])


def measure(size: int, seed: int, repeat: int = 3) -> Result:
    """Check, then time every installed contender on ``size`` records."""
    records = generate(size, seed)
    found, skipped = contenders()
    check(found, records)
    rows = [_time(contender, records, repeat) for contender in found]
    return Result(records=size, rows=rows, skipped=skipped)


def _round_trip_s(row: Row) -> float:
    return row["decode_s"] + row["encode_s"]


def _per_s(records: int, seconds: float) -> float:
    return records / seconds if seconds > 0 else math.inf


COLUMNS = (
    "library",
    "records",
    "decode rec/s",
    "encode rec/s",
    "round trip rec/s",
    "round trip vs socialservices",
)


def _table(results: list[Result]) -> str:
    rows: list[list[str]] = []
    for result in results:
        n = result["records"]
        ours = _round_trip_s(_row(result, SOCIALSERVICES))
        rows.extend(
            [
                row["label"],
                f"{n:,}",
                f"{_per_s(n, row['decode_s']):,.0f}",
                f"{_per_s(n, row['encode_s']):,.0f}",
                f"{_per_s(n, _round_trip_s(row)):,.0f}",
                f"{ours / _round_trip_s(row):.2f}×",
            ]
            for row in result["rows"]
        )
    return table(COLUMNS, rows, left=[0])


def _row(result: Result, label: str) -> Row:
    return next(row for row in result["rows"] if row["label"] == label)


def _has(result: Result, label: str) -> bool:
    return any(row["label"] == label for row in result["rows"])


def _verdict(within: bool) -> str:
    return "within" if within else "OVER"


def _against_pydantic(result: Result, label: str, budget: bool) -> str:
    if not _has(result, label):
        return f"socialservices vs {label}: skipped (pydantic not installed)"
    speed = _round_trip_s(_row(result, label)) / _round_trip_s(
        _row(result, SOCIALSERVICES)
    )
    line = f"socialservices round trip / {label} round trip speed: {speed:.2f}"
    if budget:
        return f"{line}; budget ≥ 1.0: {_verdict(speed >= 1.0)}"
    return f"{line} (for information)"


def _against_msgspec(result: Result, label: str, budget: bool) -> str:
    if not _has(result, label):
        return f"socialservices vs {label}: skipped (msgspec not installed)"
    slower = _round_trip_s(_row(result, SOCIALSERVICES)) / _round_trip_s(
        _row(result, label)
    )
    line = f"socialservices is {slower:.2f}× slower than {label}"
    if budget:
        return f"{line}; budget ≤ 3×: {_verdict(slower <= 3.0)}"
    return f"{line} (for information)"


def _budgets(result: Result) -> list[str]:
    lines = [
        _against_pydantic(result, PYDANTIC, budget=True),
        _against_msgspec(result, MSGSPEC, budget=True),
        _against_pydantic(result, PYDANTIC_PLAIN, budget=False),
        _against_msgspec(result, MSGSPEC_PLAIN, budget=False),
    ]
    return [f"{result['records']:,} records: {line}" for line in lines]


def _versions() -> str:
    names = ("socialservices", *OPTIONAL_LIBRARIES)
    found: list[str] = []
    for name in names:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def unexpected_keys_document(keys: int) -> str:
    """A ``Period`` as JSON text with ``keys`` keys it does not have."""
    extra = {f"extra{i}": i for i in range(keys)}
    return json.dumps({"start": "2024-02-29", **extra, "end": None})


def _unexpected_keys_s(keys: int, repeat: int) -> float:
    """The fastest ``loads`` of the document, after checking its problems."""
    text = unexpected_keys_document(keys)
    expected = [("unexpected_field", f"$.extra{i}") for i in range(keys)]
    best = Fastest()
    for _ in repeats(repeat):
        refused: InvalidDocument | None = None
        with best("loads"):
            try:
                loads(text, Period)
            except InvalidDocument as error:
                refused = error
        if refused is None:
            raise AssertionError("a document with unexpected keys was read")
        found = [(problem.code, problem.path) for problem in refused.problems]
        if found != expected:
            raise AssertionError("the unexpected keys were not all reported in order")
    return best["loads"]


KEYS_COLUMNS = (
    "unexpected keys",
    "loads s",
    "problems/s",
    "time vs previous",
    "keys vs previous",
)


def _unexpected_keys_table(keys: list[int], repeat: int) -> str:
    rows: list[list[str]] = []
    previous: tuple[int, float] | None = None
    for count in keys:
        seconds = _unexpected_keys_s(count, repeat)
        if previous is None:
            ratios = ["–", "–"]
        else:
            ratios = [f"{seconds / previous[1]:.2f}×", f"{count / previous[0]:.2f}×"]
        rows.append(
            [f"{count:,}", f"{seconds:.3f}", f"{_per_s(count, seconds):,.0f}", *ratios]
        )
        previous = (count, seconds)
    return table(KEYS_COLUMNS, rows)


def _parse_keys(text: str) -> list[int]:
    try:
        keys = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("keys are whole numbers") from None
    if not keys or min(keys) < 0:
        raise argparse.ArgumentTypeError("keys are whole numbers, 0 to skip")
    return [count for count in keys if count > 0]


def _parser() -> argparse.ArgumentParser:
    command = parser(
        "Benchmark decoding and encoding placements: "
        "socialservices against pydantic and msgspec.",
        noun="records",
        sizes=[100_000, 1_000_000],
        repeat_help="runs per contender and size; the fastest is reported (default 3)",
    )
    command.add_argument("--seed", type=int, default=1, help="random seed")
    command.add_argument(
        "--keys",
        type=_parse_keys,
        default=[10_000, 20_000, 40_000, 80_000],
        help="comma-separated numbers of unexpected keys in one document "
        "(default 10000,20000,40000,80000; 0 skips this case)",
    )
    return command


def _report(results: list[Result], seed: int, repeat: int) -> None:
    print(
        environment(
            f"Libraries: {_versions()}",
            f"Seed {seed}; times are the fastest of {repeat} runs per size",
        )
    )
    for library in sorted({name for r in results for name in r["skipped"]}):
        print(f"Note: {library} is not installed; its rows are skipped")
    print()
    print(_table(results))
    print()
    for result in results:
        for line in _budgets(result):
            print(line)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    seed, repeat = cast(int, args.seed), max(1, cast(int, args.repeat))
    results = run(
        args,
        __file__,
        lambda size: measure(size, seed, repeat),
        noun="records",
        options={"seed": seed, "repeat": repeat},
    )
    if results is None:
        return 0
    _report(results, seed, repeat)
    if args.one is not None:
        return 0
    keys = cast(list[int], args.keys)
    if keys:
        shown = ", ".join(f"{count:,}" for count in keys)
        print(f"measuring documents with {shown} unexpected keys ...", file=sys.stderr)
        print()
        print("One document with many keys its type does not have (loads, Period):")
        print()
        print(_unexpected_keys_table(keys, repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
