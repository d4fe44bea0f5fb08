"""Benchmark: how long ``import socialservices`` takes, against its dependencies.

Each measurement is a fresh Python process that times one import statement
with ``time.perf_counter`` (the interpreter's own start-up is not counted).
The median of ``--repeat`` processes is reported for:

* the run-time dependencies together (``attrs``, ``cattrs``, ``dateutil``'s
  ``relativedelta``), the yardstick issue 16 sets: the package may take at
  most 1.5 times as long;
* ``import socialservices`` (the core; documents, validation and matching
  load when a name of theirs is first used);
* ``from socialservices import validate`` and ``from socialservices import
  allocate``, which load the rules and the matching.

Run it from the repository root::

    python benchmarks/import_time.py
    python benchmarks/import_time.py --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

CASES = (
    ("attrs, cattrs and dateutil", "import attrs, cattrs, dateutil.relativedelta"),
    ("import socialservices", "import socialservices"),
    ("from socialservices import validate", "from socialservices import validate"),
    ("from socialservices import allocate", "from socialservices import allocate"),
)

_TIMED = "import time; _t = time.perf_counter(); {}; print(time.perf_counter() - _t)"


def seconds(statement: str) -> float:
    """The time one fresh process takes to run ``statement``."""
    result = subprocess.run(
        [sys.executable, "-c", _TIMED.format(statement)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21, help="processes per case")
    arguments = parser.parse_args(argv)
    rows = []
    for name, statement in CASES:
        times = [seconds(statement) for _ in range(arguments.repeat)]
        rows.append((name, statistics.median(times), min(times)))
    yardstick = rows[0][1]
    print("| import | median (ms) | fastest (ms) | × dependencies |")
    print("|---|---:|---:|---:|")
    for name, median, fastest in rows:
        ratio = median / yardstick
        print(f"| {name} | {median * 1000:.1f} | {fastest * 1000:.1f} | {ratio:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
