"""How fast ``registries()`` makes worlds, in examples per second.

Run it with ``python benchmarks/strategies.py`` (needs the ``hypothesis``
extra). For each setting it runs a Hypothesis test that only draws a world,
generation phase only (no shrinking, no example database), and reports the
examples per second and the mean number of services and placements drawn.
The project's budget: ``registries(max_placements=50)`` at least 50 examples
per second on the benchmark machine.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Sequence

from hypothesis import HealthCheck, Phase, given, settings

from socialservices import Registry
from socialservices.strategies import registries

SETTINGS: list[tuple[str, dict[str, object]]] = [
    ("registries(max_placements=10)", {"max_placements": 10}),
    ("registries(max_placements=50)", {"max_placements": 50}),
    ("registries(max_placements=200)", {"max_placements": 200}),
    (
        "registries(max_placements=50, bulgaria=True)",
        {"max_placements": 50, "bulgaria": True},
    ),
]


def measure(arguments: dict[str, object], examples: int) -> tuple[float, float, float]:
    """Examples per second, mean services, mean placements."""
    services: list[int] = []
    placements: list[int] = []

    @settings(
        max_examples=examples,
        phases=[Phase.generate],
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(registries(**arguments))  # type: ignore[arg-type]
    def draw(world: Registry) -> None:
        services.append(len(world.services))
        placements.append(len(world.placements))

    started = time.perf_counter()
    draw()
    elapsed = time.perf_counter() - started
    return (
        len(services) / elapsed,
        statistics.mean(services),
        statistics.mean(placements),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--examples", type=int, default=500, help="examples per setting"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="keep the fastest of N runs"
    )
    arguments = parser.parse_args(argv)
    print(f"Python {platform.python_version()}, {platform.platform()}")
    print(f"{arguments.examples} examples per run, fastest of {arguments.repeat}\n")
    print("| strategy | examples/s | mean services | mean placements |")
    print("|---|---:|---:|---:|")
    for label, strategy_arguments in SETTINGS:
        runs = [
            measure(strategy_arguments, arguments.examples)
            for _ in range(arguments.repeat)
        ]
        rate, services, placements = max(runs)
        print(f"| `{label}` | {rate:,.0f} | {services:.1f} | {placements:.1f} |")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
