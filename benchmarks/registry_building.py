"""Benchmark: building a registry member by member with the ``with_*`` methods.

For each size N, makes N persons and N placements (one service per 40
placements) from ``random.Random(seed)``, in shuffled order, and measures:

* at once: ``Registry(services=..., persons=..., placements=...)``;
* one at a time: ``with_services``, ``with_persons`` and ``with_placements``
  called once per member, starting from an empty registry;
* in chunks: the same members added in chunks of 100.

Each time includes the first ``occupied(...)`` query, which sorts the
collections of a registry built bit by bit and builds the indexes of any.

Each way must give an equal registry (checked). Building one at a time is
linear overall: its time per member should stay flat as N grows (it grew
with N, quadratically in total, before issue 15). Times are the fastest of
``--repeat`` runs (3 by default). Each size runs in its own process.

Run it from the repository root::

    python benchmarks/registry_building.py
    python benchmarks/registry_building.py --sizes 1000,10000 --repeat 1

``--one N`` measures a single size in this process (``--json`` prints the
result as JSON; that is how the driver calls itself).
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from typing import TypedDict, cast

from _harness import environment, fastest, parser, run, table

from socialservices import (
    CapacityChange,
    Period,
    Person,
    Placement,
    Registry,
    Service,
)

FIRST_DAY = date(2020, 1, 1)


def _data(size: int, seed: int) -> tuple[list[Service], list[Person], list[Placement]]:
    rng = random.Random(seed)
    services = [
        Service(
            id=f"S-{number:05d}",
            name=f"Service {number}",
            type="FTPC",
            provider="P-1",
            municipality="SFO34",
            operating=Period(start=FIRST_DAY),
            capacity=[CapacityChange(effective=FIRST_DAY, places=40)],
        )
        for number in range(max(1, size // 40))
    ]
    persons = [
        Person(
            id=f"C-{number:07d}",
            birth_date=FIRST_DAY - timedelta(days=rng.randrange(6000)),
            home_municipality="SFO34",
        )
        for number in range(size)
    ]
    placements = [
        Placement(
            id=f"PL-{number:07d}",
            person=f"C-{number:07d}",
            service=rng.choice(services).id,
            period=Period(start=FIRST_DAY + timedelta(days=rng.randrange(2000))),
        )
        for number in range(size)
    ]
    for members in (services, persons, placements):
        rng.shuffle(members)
    return services, persons, placements


class Result(TypedDict):
    """What ``--one N --json`` prints: the fastest time of each way, in seconds."""

    size: int
    at_once_s: float
    one_at_a_time_s: float
    in_chunks_s: float


def measure(size: int, *, seed: int, repeat: int) -> Result:
    services, persons, placements = _data(size, seed)

    def at_once() -> Registry:
        registry = Registry(services=services, persons=persons, placements=placements)
        registry.occupied(services[0].id, FIRST_DAY)
        return registry

    def one_at_a_time() -> Registry:
        registry = Registry()
        for service in services:
            registry = registry.with_services(service)
        for person in persons:
            registry = registry.with_persons(person)
        for placement in placements:
            registry = registry.with_placements(placement)
        registry.occupied(services[0].id, FIRST_DAY)
        return registry

    def in_chunks() -> Registry:
        registry = Registry().with_services(*services)
        for start in range(0, size, 100):
            registry = registry.with_persons(*persons[start : start + 100])
            registry = registry.with_placements(*placements[start : start + 100])
        registry.occupied(services[0].id, FIRST_DAY)
        return registry

    whole_time, whole = fastest(repeat, at_once)
    single_time, single = fastest(repeat, one_at_a_time)
    chunk_time, chunked = fastest(repeat, in_chunks)
    assert single == whole, "one at a time differs from at once"
    assert chunked == whole, "in chunks differs from at once"
    return Result(
        size=size,
        at_once_s=whole_time,
        one_at_a_time_s=single_time,
        in_chunks_s=chunk_time,
    )


COLUMNS = ("N", "at once (s)", "one at a time (s)", "in chunks (s)", "µs/member")


def _table(results: list[Result]) -> str:
    rows = []
    for r in results:
        members = 2 * r["size"] + max(1, r["size"] // 40)
        rows.append(
            [
                f"{r['size']:,}",
                f"{r['at_once_s']:.3f}",
                f"{r['one_at_a_time_s']:.3f}",
                f"{r['in_chunks_s']:.3f}",
                f"{r['one_at_a_time_s'] / members * 1e6:.2f}",
            ]
        )
    return table(COLUMNS, rows)


def main(argv: list[str] | None = None) -> int:
    command = parser(
        "Benchmark building a registry member by member.",
        noun="placements",
        sizes=[1_000, 10_000, 100_000],
    )
    command.add_argument("--seed", type=int, default=15, help="random seed")
    args = command.parse_args(argv)
    seed, repeat = cast(int, args.seed), max(1, cast(int, args.repeat))
    results = run(
        args,
        __file__,
        lambda size: measure(size, seed=seed, repeat=repeat),
        noun="placements",
        options={"seed": seed, "repeat": repeat},
    )
    if results is None:
        return 0
    print(environment(f"Seed {seed}; times are the fastest of {repeat} runs"))
    print()
    print(_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
