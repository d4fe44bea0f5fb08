"""Benchmark: building a registry, indexing occupancy and asking for free places.

For each size N (placements), a fresh Python process generates a synthetic,
Bulgaria-shaped data set (28 regions, 265 municipalities, a fixed network of
3,000 services, or with ``--services 0`` one service per 40 placements,
persons with home municipalities, agreements reserving places in about 2% of
the services) from ``random.Random(seed)``, then measures:

* generate: making the data (reported only, not part of the budget);
* Registry build: ``Registry(...)`` construction, from placements and persons
  in shuffled order (the registry sorts them into its canonical order);
* index build: the first ``registry.occupied(...)`` call, which builds the
  occupancy index lazily;
* build total: Registry build + index build (the budget: under 5 s for
  1,000,000 placements);
* free-place queries/s: ``registry.free_places(service, day, home=...)`` over
  random (service, day, home) triples;
* peak RSS: ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` of that process.

Build times are the fastest of ``--repeat`` builds (3 by default), as timings
on a shared machine are noisy. Each size runs in its own process, so peak RSS
is per size. The same seed
gives the same data and the same queries.

Run it from the repository root::

    python benchmarks/occupancy.py
    python benchmarks/occupancy.py --sizes 10000,100000 --queries 20000 --seed 7

``--one N`` measures a single size in this process (``--json`` prints the
result as JSON; that is how the driver calls itself).
"""

from __future__ import annotations

import itertools
import math
import random
import sys
import time
from dataclasses import dataclass
from datetime import date
from typing import TypedDict, cast

from _harness import Fastest, environment, parser, peak_rss_mib, repeats, run, table

from socialservices import (
    Agreement,
    AgreementKind,
    CapacityChange,
    EndReason,
    Geography,
    Measure,
    Municipality,
    Party,
    PartyKind,
    Period,
    Person,
    Placement,
    Provider,
    ProviderKind,
    Region,
    Registry,
    Reservation,
    Service,
    ServiceType,
)

REGIONS = 28
MUNICIPALITIES = 265
PLACEMENTS_PER_SERVICE = 40
NATIONAL_SERVICES = 3_000
PLACEMENTS_PER_PERSON = 1.5
RESERVED_SHARE = 0.02
OPEN_ENDED_SHARE = 0.30
BACK_TO_BACK_SHARE = 0.10
NEAR_HOME_SHARE = 0.60
BUDGET_SIZE = 1_000_000
BUDGET_SECONDS = 5.0

FIRST_DAY = date(2015, 1, 1).toordinal()
LAST_DAY = date(2026, 12, 31).toordinal()
MAX_DAYS = 5 * 365

SERVICE_TYPES = (
    ServiceType(code="FTPC", name="ЦНСТ", name_en="Family-type placement centre"),
    ServiceType(code="CRISIS", name="Кризисен център", name_en="Crisis centre"),
    ServiceType(code="FOSTER", name="Приемна грижа", family_based=True),
    ServiceType(code="SHELTER", name="Защитено жилище", name_en="Sheltered home"),
    ServiceType(code="TRANSIT", name="Преходно жилище", name_en="Transitional home"),
)

MEASURES = tuple(Measure)
END_REASONS = tuple(EndReason)


class Result(TypedDict):
    """What ``--one N --json`` prints."""

    placements: int
    services: int
    persons: int
    agreements: int
    reserved_services: int
    generate_s: float
    registry_s: float
    index_s: float
    build_s: float
    queries: int
    queries_per_s: float
    free_places_sum: int
    peak_rss_mib: float


@dataclass(frozen=True)
class DataSet:
    """Everything a registry is built from."""

    geography: Geography
    providers: list[Provider]
    services: list[Service]
    persons: list[Person]
    placements: list[Placement]
    agreements: list[Agreement]


def _day(ordinal: int) -> date:
    return date.fromordinal(ordinal)


def _geography(rng: random.Random) -> Geography:
    """28 regions and 265 municipalities, every region with at least two."""
    regions = [
        Region(code=f"R{r:02d}", name=f"Област {r}", name_en=f"Region {r}")
        for r in range(1, REGIONS + 1)
    ]
    per_region = [2] * REGIONS
    for _ in range(MUNICIPALITIES - 2 * REGIONS):
        per_region[rng.randrange(REGIONS)] += 1
    municipalities: list[Municipality] = []
    borders: list[tuple[str, str]] = []
    for region, count in zip(regions, per_region, strict=True):
        codes = [f"{region.code}M{m:02d}" for m in range(1, count + 1)]
        municipalities.extend(
            Municipality(
                code=code,
                name=f"Община {code}",
                region=region.code,
                population=rng.randint(1_000, 300_000),
            )
            for code in codes
        )
        borders.extend(itertools.pairwise(codes))
    region_borders = list(itertools.pairwise(region.code for region in regions))
    return Geography(
        regions=regions,
        municipalities=municipalities,
        municipality_neighbours=borders,
        region_neighbours=region_borders,
    )


def _capacity(rng: random.Random) -> list[CapacityChange]:
    """1 to 3 changes, the first when the service opens."""
    days = {FIRST_DAY}
    changes = rng.randint(1, 3)
    while len(days) < changes:
        days.add(rng.randint(FIRST_DAY + 1, LAST_DAY))
    return [
        CapacityChange(effective=_day(day), places=rng.randint(6, 16))
        for day in sorted(days)
    ]


def _period_from(rng: random.Random, start: int) -> Period:
    """Open-ended, or 1 day to 5 years long and over by the end of 2026."""
    if rng.random() < OPEN_ENDED_SHARE:
        return Period(start=_day(start))
    end = min(start + rng.randint(1, MAX_DAYS), LAST_DAY + 1)
    return Period(start=_day(start), end=_day(end))


def service_count(size: int, services: int) -> int:
    """Services in the data set: ``services``, or one per 40 placements if 0."""
    if services:
        return services
    return max(MUNICIPALITIES, size // PLACEMENTS_PER_SERVICE)


def generate(size: int, seed: int, network: int = NATIONAL_SERVICES) -> DataSet:
    """A deterministic synthetic data set with ``size`` placements."""
    rng = random.Random(seed)
    geography = _geography(rng)
    codes = [municipality.code for municipality in geography.municipalities]
    providers = [
        Provider(id=f"P-{code}", name=f"Община {code}", kind=ProviderKind.MUNICIPALITY)
        for code in codes
    ]
    opened = Period(start=_day(FIRST_DAY))
    services: list[Service] = []
    services_in: dict[str, list[str]] = {}
    count = service_count(size, network)
    width = len(str(count))
    for s in range(count):
        municipality = rng.choice(codes)
        service_type = rng.choice(SERVICE_TYPES)
        service = Service(
            id=f"S{s:0{width}d}",
            name=f"{service_type.name} {s}",
            type=service_type.code,
            provider=f"P-{municipality}",
            municipality=municipality,
            operating=opened,
            capacity=_capacity(rng),
        )
        services.append(service)
        services_in.setdefault(municipality, []).append(service.id)
    service_ids = [service.id for service in services]

    person_count = max(1, round(size / PLACEMENTS_PER_PERSON))
    width = len(str(person_count))
    persons = [
        Person(
            id=f"C{p:0{width}d}",
            birth_date=_day(rng.randint(date(2000, 1, 1).toordinal(), LAST_DAY)),
            home_municipality=rng.choice(codes),
        )
        for p in range(person_count)
    ]

    placements: list[Placement] = []
    ended: list[tuple[str, int]] = []  # (service, end) of those over by 2027
    width = len(str(size))
    for i in range(size):
        person = rng.choice(persons)
        if ended and rng.random() < BACK_TO_BACK_SHARE:
            # Starts on the very day an earlier placement in the service ends.
            service_id, start = rng.choice(ended)
        else:
            near = services_in.get(person.home_municipality)
            if near and rng.random() < NEAR_HOME_SHARE:
                service_id = rng.choice(near)
            else:
                service_id = rng.choice(service_ids)
            start = rng.randint(FIRST_DAY, LAST_DAY)
        period = _period_from(rng, start)
        placements.append(
            Placement(
                id=f"PL{i:0{width}d}",
                person=person.id,
                service=service_id,
                period=period,
                measure=rng.choice(MEASURES),
                end_reason=None if period.end is None else rng.choice(END_REASONS),
            )
        )
        if period.end is not None and period.end.toordinal() <= LAST_DAY:
            ended.append((service_id, period.end.toordinal()))

    agreements = _agreements(rng, services, geography)
    # Exports rarely arrive in id order: shuffle, so the registry has to sort.
    rng.shuffle(placements)
    rng.shuffle(persons)
    return DataSet(
        geography=geography,
        providers=providers,
        services=services,
        persons=persons,
        placements=placements,
        agreements=agreements,
    )


def _agreements(
    rng: random.Random, services: list[Service], geography: Geography
) -> list[Agreement]:
    """Inter-municipal agreements reserving places in about 2% of the services."""
    reserved = rng.sample(services, max(1, round(len(services) * RESERVED_SHARE)))
    agreements: list[Agreement] = []
    for a, first in enumerate(range(0, len(reserved), 4)):
        covered = reserved[first : first + 4]
        reservations: list[Reservation] = []
        partners: set[str] = set()
        for service in covered:
            region = geography.municipality(service.municipality).region
            others = [
                m.code
                for m in geography.municipalities_in(region)
                if m.code != service.municipality
            ]
            for partner in rng.sample(others, min(len(others), rng.randint(1, 2))):
                partners.add(partner)
                reservations.append(
                    Reservation(
                        service=service.id,
                        for_municipality=partner,
                        places=rng.randint(1, 3),
                    )
                )
        start = rng.randint(FIRST_DAY, date(2023, 1, 1).toordinal())
        end = None if rng.random() < 0.3 else start + rng.randint(365, 6 * 365)
        hosts = {service.municipality for service in covered}
        agreements.append(
            Agreement(
                id=f"A{a:04d}",
                kind=AgreementKind.INTER_MUNICIPAL,
                title=f"Споразумение {a}",
                period=Period(
                    start=_day(start), end=None if end is None else _day(end)
                ),
                parties=[
                    Party(kind=PartyKind.MUNICIPALITY, id=code)
                    for code in sorted(hosts | partners)
                ],
                services={service.id for service in covered},
                reservations=reservations,
            )
        )
    return agreements


def measure(
    size: int, queries: int, seed: int, services: int, repeat: int = 3
) -> Result:
    """Generate, build and query one data set of ``size`` placements."""
    started = time.perf_counter()
    data = generate(size, seed, services)
    generate_s = time.perf_counter() - started

    rng = random.Random(seed + 1)
    service_ids = [service.id for service in data.services]
    codes = [municipality.code for municipality in data.geography.municipalities]
    triples = [
        (
            rng.choice(service_ids),
            _day(rng.randint(FIRST_DAY, LAST_DAY)),
            rng.choice(codes),
        )
        for _ in range(queries)
    ]

    best = Fastest()
    registry: Registry | None = None
    for _ in repeats(repeat):  # the fastest of a few builds: timings are noisy
        registry = None
        with best("registry"):
            registry = Registry(
                geography=data.geography,
                providers=data.providers,
                service_types=SERVICE_TYPES,
                services=data.services,
                persons=data.persons,
                placements=data.placements,
                agreements=data.agreements,
            )
        with best("index"):
            registry.occupied(service_ids[0], _day(FIRST_DAY))
    assert registry is not None
    registry_s, index_s = best["registry"], best["index"]

    free_places = registry.free_places
    total = 0
    started = time.perf_counter()
    for service, day, home in triples:
        total += free_places(service, day, home=home) or 0  # None: unrecorded
    query_s = time.perf_counter() - started

    reserved = {
        held.service for agreement in data.agreements for held in agreement.reservations
    }
    return Result(
        placements=size,
        services=len(data.services),
        persons=len(data.persons),
        agreements=len(data.agreements),
        reserved_services=len(reserved),
        generate_s=generate_s,
        registry_s=registry_s,
        index_s=index_s,
        build_s=registry_s + index_s,
        queries=queries,
        queries_per_s=queries / query_s if query_s > 0 else math.inf,
        free_places_sum=total,
        peak_rss_mib=peak_rss_mib(),
    )


def _n_log_n(n: int) -> float:
    return n * math.log(n)


COLUMNS = (
    "placements",
    "services",
    "generate (s)",
    "Registry build (s)",
    "index build (s)",
    "build total (s)",
    "free-place queries/s",
    "peak RSS (MiB)",
)


def _table(results: list[Result]) -> str:
    return table(
        COLUMNS,
        [
            [
                f"{r['placements']:,}",
                f"{r['services']:,}",
                f"{r['generate_s']:.2f}",
                f"{r['registry_s']:.2f}",
                f"{r['index_s']:.2f}",
                f"{r['build_s']:.2f}",
                f"{r['queries_per_s']:,.0f}",
                f"{r['peak_rss_mib']:,.0f}",
            ]
            for r in results
        ],
    )


def _growth(results: list[Result]) -> str:
    steps: list[str] = []
    for before, after in itertools.pairwise(results):
        n0, n1 = before["placements"], after["placements"]
        time_ratio = after["build_s"] / before["build_s"]
        bound = _n_log_n(n1) / _n_log_n(n0)
        steps.append(
            f"{n0:,} → {n1:,}: build ×{time_ratio:.2f}, n·log n ×{bound:.2f}, "
            f"ratio {time_ratio / bound:.2f}"
        )
    if not steps:
        return "Growth: (needs two sizes or more)"
    return (
        "Growth of build total against n·log n (ratio ≤ 1: no worse than "
        "n·log n): " + "; ".join(steps)
    )


def main(argv: list[str] | None = None) -> int:
    command = parser(
        "Benchmark capacity queries of socialservices.",
        noun="placements",
        sizes=[10_000, 100_000, 1_000_000],
        minimum=2,
        repeat_help="builds per size; the fastest is reported (default 3)",
    )
    command.add_argument(
        "--queries", type=int, default=100_000, help="free-place queries per size"
    )
    command.add_argument("--seed", type=int, default=1, help="random seed")
    command.add_argument(
        "--services",
        type=int,
        default=NATIONAL_SERVICES,
        help=(
            "services in every data set: a fixed national network "
            f"(default {NATIONAL_SERVICES:,}); 0 for one per "
            f"{PLACEMENTS_PER_SERVICE} placements, growing with the data"
        ),
    )
    args = command.parse_args(argv)
    queries, seed = cast(int, args.queries), cast(int, args.seed)
    services, repeat = cast(int, args.services), max(1, cast(int, args.repeat))

    results = run(
        args,
        __file__,
        lambda size: measure(size, queries, seed, services, repeat),
        noun="placements",
        options={
            "queries": queries,
            "seed": seed,
            "services": services,
            "repeat": repeat,
        },
    )
    if results is None:
        return 0
    print(
        environment(
            f"Seed {seed}, {queries:,} free-place queries per size",
            f"Build times: the fastest of {repeat} builds per size",
            f"A fixed network of {services:,} services"
            if services
            else f"One service per {PLACEMENTS_PER_SERVICE} placements",
        )
    )
    print()
    print(_table(results))
    print()
    print(_growth(results))
    for result in results:
        if result["placements"] == BUDGET_SIZE:
            verdict = "within" if result["build_s"] < BUDGET_SECONDS else "OVER"
            print(
                f"Budget: build total for {BUDGET_SIZE:,} placements is "
                f"{result['build_s']:.2f} s, {verdict} the {BUDGET_SECONDS:g} s budget"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
