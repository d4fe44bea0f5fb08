"""The harness the benchmark scripts share: sizes, fresh processes, fastest runs, tables.

A script measures one size with a function of its own, and leaves the rest to
this module:

* :func:`parser`: the command line every script takes: ``--sizes`` (a
  comma-separated list), ``--repeat``, and ``--one N`` with ``--json``, by which
  the script measures one size in its own process;
* :func:`run`: every size measured in a fresh interpreter (through
  :func:`_fresh.measure_in_fresh_process`), so that a size inherits nothing of
  the previous one's heap and its peak RSS is its own; or, with ``--one``, the
  one size in this process;
* :class:`Fastest` and :func:`fastest`: each timed step run ``--repeat``
  times, the fastest run reported, as timings on a shared machine are noisy;
* :func:`peak_rss_mib`, :func:`environment` and :func:`table`: the peak memory
  of the process, the lines naming the interpreter and machine, and the results
  as a Markdown table.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import resource
import sys
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar, cast

from _fresh import measure_in_fresh_process

__all__ = [
    "Fastest",
    "environment",
    "fastest",
    "parse_sizes",
    "parser",
    "peak_rss_mib",
    "repeats",
    "run",
    "table",
]

T = TypeVar("T")


def parse_sizes(minimum: int) -> Callable[[str], list[int]]:
    """A ``--sizes`` reader: comma-separated whole numbers of ``minimum`` or more
    (``1_000`` is one thousand)."""

    def sizes(text: str) -> list[int]:
        try:
            found = [int(part.replace("_", "")) for part in text.split(",") if part]
        except ValueError:
            found = []
        if not found or min(found) < minimum:
            raise argparse.ArgumentTypeError(
                f"sizes are whole numbers of {minimum} or more"
            )
        return found

    return sizes


def parser(
    description: str,
    *,
    noun: str,
    sizes: Sequence[int],
    minimum: int = 1,
    repeat: int = 3,
    repeat_help: str | None = None,
) -> argparse.ArgumentParser:
    """A parser with the options every benchmark takes; add a script's own to it.

    Args:
        description: what the script measures.
        noun: what a size counts (``placements``, ``records``, ...).
        sizes: the default sizes.
        minimum: the least size the script can measure.
        repeat: the default number of runs, of which the fastest is reported.
        repeat_help: the help of ``--repeat``, when the default needs saying.
    """
    command = argparse.ArgumentParser(description=description)
    shown = ",".join(str(size) for size in sizes)
    command.add_argument(
        "--sizes",
        type=parse_sizes(minimum),
        default=list(sizes),
        help=f"comma-separated numbers of {noun} (default {shown})",
    )
    command.add_argument(
        "--repeat",
        type=int,
        default=repeat,
        help=repeat_help
        or f"runs per size; the fastest is reported (default {repeat})",
    )
    command.add_argument(
        "--one", type=int, metavar="N", help=f"measure N {noun} in this process"
    )
    command.add_argument(
        "--json", action="store_true", help="with --one: print the result as JSON"
    )
    return command


def run(
    arguments: argparse.Namespace,
    script: str,
    measure: Callable[[int], T],
    *,
    noun: str,
    options: Mapping[str, int],
) -> list[T] | None:
    """The results of ``measure`` for every size of the command line.

    Each size is measured in a fresh interpreter, which calls ``script`` with
    ``--one SIZE --json`` and ``options`` (the script's own, as
    ``--name value``), and the JSON it prints is the result. Called so, with
    ``--one N``, this measures N here: with ``--json`` it prints the result and
    returns ``None`` (the script has nothing more to print), without it returns
    the one result.
    """
    if arguments.one is not None:
        result = measure(cast(int, arguments.one))
        if arguments.json:
            print(json.dumps(result))
            return None
        return [result]
    results: list[T] = []
    for size in cast(list[int], arguments.sizes):
        print(f"measuring {size:,} {noun} ...", file=sys.stderr, flush=True)
        results.append(cast(T, measure_in_fresh_process(script, size, **options)))
    return results


def repeats(count: int) -> Iterator[int]:
    """``count`` runs (one at least), the garbage of each collected before the
    next, so that it is not the next run's cost."""
    for number in range(max(1, count)):
        gc.collect()
        yield number


class Fastest:
    """The fastest time of each named step over repeated runs.

    >>> best = Fastest()
    >>> for _ in repeats(3):
    ...     with best("sum"):
    ...         total = sum(range(1000))
    >>> best["sum"] < 1.0
    True
    """

    def __init__(self) -> None:
        self._seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, step: str) -> Iterator[None]:
        """Time the block as one run of ``step``."""
        started = time.perf_counter()
        yield
        elapsed = time.perf_counter() - started
        self._seconds[step] = min(self._seconds.get(step, math.inf), elapsed)

    def __getitem__(self, step: str) -> float:
        """The fastest run of ``step``, in seconds."""
        return self._seconds[step]


def fastest(repeat: int, call: Callable[[], T]) -> tuple[float, T]:
    """The fastest of ``repeat`` calls, in seconds, and the last call's result.

    The previous result is freed before each call starts.
    """
    best = Fastest()
    result: T | None = None
    for _ in repeats(repeat):
        result = None
        with best("call"):
            result = call()
    return best["call"], cast(T, result)


def peak_rss_mib() -> float:
    """The peak resident memory of this process so far, in MiB."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # bytes there, kilobytes on Linux
        rss //= 1024
    return rss / 1024


def environment(*lines: str) -> str:
    """The lines naming the interpreter and the machine, then ``lines``."""
    python = f"Python {platform.python_version()} ({platform.python_implementation()})"
    machine = f"Machine: {platform.platform()}, {os.cpu_count()} CPUs"
    return "\n".join([python, machine, *lines])


def table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    left: Collection[int] = (),
) -> str:
    """A Markdown table of ``rows`` under ``columns``, numbers aligned right.

    Args:
        columns: the headers.
        rows: the cells of each row, already formatted (or shown with ``str``).
        left: the indexes of the columns aligned left (words, not numbers).

    >>> print(table(["size", "s"], [["1,000", "0.10"]], left=[0]))
    | size | s |
    |:---|---:|
    | 1,000 | 0.10 |
    """
    rule = "".join(
        ":---|" if index in left else "---:|" for index in range(len(columns))
    )
    lines = ["| " + " | ".join(columns) + " |", "|" + rule]
    lines.extend("| " + " | ".join(str(cell) for cell in row) + " |" for row in rows)
    return "\n".join(lines)
