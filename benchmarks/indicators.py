"""Benchmark: every default indicator, by municipality, on Bulgaria-shaped history.

The data sets are ``benchmarks/validation.py``'s (services across Bulgaria's
municipalities, people placed and moved over the years, a few broken records),
of about N placements each. The registry is built, then
:func:`socialservices.indicators.measure` computes every indicator of a day
(on the audit day) and of a period (the year before it) by municipality; the
time is the fastest of ``--repeat`` runs, each on a fresh registry (the
occupancy index is built inside the measured time). Each size runs in a fresh
process.

Run it from the repository root::

    python benchmarks/indicators.py
    python benchmarks/indicators.py --sizes 10000,100000,1000000 --repeat 1
"""

from __future__ import annotations

import sys
from datetime import timedelta
from typing import TypedDict

from _harness import Fastest, environment, parser, peak_rss_mib, repeats, run, table

from socialservices import Period
from socialservices.indicators import Unit, measure
from validation import AUDIT_DAY, _registry, generate

YEAR = Period(start=AUDIT_DAY - timedelta(days=365), end=AUDIT_DAY)


class Result(TypedDict):
    placements: int
    services: int
    measurements: int
    measure_s: float
    per_placement_us: float
    peak_rss_mib: float


def one(size: int, repeat: int) -> Result:
    data = generate(size, 1)
    best = Fastest()
    found: tuple[object, ...] = ()
    for _ in repeats(repeat):
        found = ()
        registry = _registry(data)
        with best("measure"):
            found = measure(registry, on=AUDIT_DAY, period=YEAR, by=Unit.MUNICIPALITY)
    placements = len(data.placements)
    return Result(
        placements=placements,
        services=len(data.services),
        measurements=len(found),
        measure_s=best["measure"],
        per_placement_us=best["measure"] / placements * 1e6,
        peak_rss_mib=peak_rss_mib(),
    )


def main(argv: list[str] | None = None) -> int:
    command = parser(
        __doc__.splitlines()[0], noun="placements", sizes=[10_000, 100_000], repeat=3
    )
    arguments = command.parse_args(argv)
    results = run(
        arguments,
        __file__,
        lambda size: one(size, arguments.repeat),
        noun="placements",
        options={"repeat": arguments.repeat},
    )
    if results is None:
        return 0
    print(
        environment(
            f"fastest of {arguments.repeat}; every default indicator by municipality"
        )
    )
    print()
    print(
        table(
            [
                "placements",
                "services",
                "measurements",
                "measure (s)",
                "µs per placement",
                "peak RSS (MiB)",
            ],
            [
                [
                    f"{r['placements']:,}",
                    f"{r['services']:,}",
                    f"{r['measurements']:,}",
                    f"{r['measure_s']:.2f}",
                    f"{r['per_placement_us']:.1f}",
                    f"{r['peak_rss_mib']:.0f}",
                ]
                for r in results
            ],
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
