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
``--repeat`` runs (3 by default).

Run it from the repository root::

    python benchmarks/registry_building.py
    python benchmarks/registry_building.py --sizes 1000,10000 --repeat 1
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from datetime import date, timedelta

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


def _fastest(repeat: int, run: Callable[[], Registry]) -> tuple[float, Registry]:
    best, result = float("inf"), Registry()
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def measure(size: int, *, seed: int, repeat: int) -> dict[str, float]:
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

    whole_time, whole = _fastest(repeat, at_once)
    single_time, single = _fastest(repeat, one_at_a_time)
    chunk_time, chunked = _fastest(repeat, in_chunks)
    assert single == whole, "one at a time differs from at once"
    assert chunked == whole, "in chunks differs from at once"
    return {
        "at once": whole_time,
        "one at a time": single_time,
        "in chunks": chunk_time,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.sizes.split(",")]
    columns = ("at once", "one at a time", "in chunks")
    print(f"{'N':>9} | " + " | ".join(f"{c:>13}" for c in columns) + " | µs/member")
    for size in sizes:
        row = measure(size, seed=arguments.seed, repeat=arguments.repeat)
        per_member = row["one at a time"] / (2 * size + max(1, size // 40)) * 1e6
        cells = " | ".join(f"{row[c]:>12.3f}s" for c in columns)
        print(f"{size:>9,} | {cells} | {per_member:>9.2f}")


if __name__ == "__main__":
    main()
