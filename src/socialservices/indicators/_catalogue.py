"""The indicators: what each measures, defined once, with its source.

Owns the catalogue (:data:`INDICATORS`) and the computation of the counts of
occupancy, close to home and siblings; the other families live in modules of
their own (``_exits``, ``_stability``, ``_stays``, ``_family``), joined here. Must not know how the results are
grouped by unit or written (``_measure``), nor read a registry's insides:
it uses the registry's public queries and :class:`~socialservices._registry.RegistryIndex`.
What an indicator is lives in ``_indicator``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .._registry import Registry
from ._exits import EXITS
from ._family import FAMILY
from ._indicator import DFE, DISTANT_KM, Count, Indicator, Located, Measured, Reference
from ._stability import STABILITY
from ._staffing import STAFFING
from ._stays import STAYS

__all__ = ["INDICATORS"]


def _occupancy_on(measured: Measured) -> Iterator[Count]:
    registry, on = measured.registry, measured.on
    assert on is not None
    for service in registry.services:
        if service.operates_on(on) is not True:
            continue
        places = service.capacity_on(on)
        occupied = registry.occupied(service.id, on)
        if places is None:
            yield service.id, None, 0, 0, 1
        else:
            yield service.id, None, occupied, places, 0


def _occupancy_over(measured: Measured) -> Iterator[Count]:
    registry, period = measured.registry, measured.period
    assert period is not None
    for service in registry.services:
        taken = available = unknown = 0
        for step in registry.occupancy(service.id, period).steps:
            assert step.period.end is not None  # the period is bounded
            days = (step.period.end - step.period.start).days
            if step.capacity is None:
                unknown += (
                    days if service.operates_on(step.period.start) is not False else 0
                )
            else:
                taken += step.occupied * days
                available += step.capacity * days
        if taken or available or unknown:
            yield service.id, None, taken, available, unknown


def _where(
    measured: Measured, test: Callable[[str, str], bool | None]
) -> Iterator[Count]:
    services = measured.registry.index.services_by_id
    for _, home, at in measured.in_care:
        service = services.get(at)
        answer = None if service is None else test(home, service.municipality)
        if answer is None:
            yield at, home, 0, 0, 1
        else:
            yield at, home, int(answer), 1, 0


def _region(registry: Registry, code: str) -> str | None:
    found = registry.geography.municipalities_by_code.get(code)
    return None if found is None else found.region


def _own_municipality(measured: Measured) -> Iterator[Count]:
    registry = measured.registry
    known = registry.geography.municipalities_by_code
    return _where(
        measured,
        lambda home, site: home == site if home in known and site in known else None,
    )


def _same_region(registry: Registry, home: str, site: str) -> bool | None:
    a, b = _region(registry, home), _region(registry, site)
    return None if a is None or b is None else a == b


def _own_region(measured: Measured) -> Iterator[Count]:
    return _where(
        measured, lambda home, site: _same_region(measured.registry, home, site)
    )


def _outside_region(measured: Measured) -> Iterator[Count]:
    def outside(home: str, site: str) -> bool | None:
        same = _same_region(measured.registry, home, site)
        return None if same is None else not same

    return _where(measured, outside)


def _far(measured: Measured) -> Iterator[Count]:
    registry = measured.registry

    def far(home: str, site: str) -> bool | None:
        if home == site:
            return False if home in registry.geography.municipalities_by_code else None
        km = (
            registry.geography.distance_km(home, site)
            if _region(registry, home) and _region(registry, site)
            else None
        )
        return None if km is None else km > DISTANT_KM

    return _where(measured, far)


def _siblings_together(measured: Measured) -> Iterator[Count]:
    persons = measured.registry.index.persons_by_id
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for person, home, at in measured.in_care:
        group = persons[person].sibling_group
        if group is not None:
            groups.setdefault(group, []).append((person, home, at))
    for group in sorted(groups):
        members = sorted(groups[group])
        if len(members) < 2:
            continue
        home, at = members[0][1], members[0][2]
        together = len({member[2] for member in members}) == 1
        yield at, home, int(together), 1, 0


_OCCUPANCY_PLACE_SIBLINGS: tuple[Indicator, ...] = (
    Indicator(
        code="OCC01",
        count=_occupancy_on,
        title="Occupancy on a date",
        reference=Reference.ON,
        located=Located.SERVICE,
        numerator="places taken on the day, in services operating then whose capacity is recorded",
        denominator="the places those services have on the day",
        excluded="services not operating on the day; services whose capacity that day is not "
        "recorded are counted apart as unknown",
        source="the occupancy figures of annual reports to the Agency for Quality of Social "
        "Services (Social Services Act, Art. 112)",
    ),
    Indicator(
        code="OCC02",
        count=_occupancy_over,
        title="Occupancy over a period",
        reference=Reference.PERIOD,
        located=Located.SERVICE,
        numerator="occupied place-days: for each day of the period with recorded capacity, the "
        "places taken",
        denominator="available place-days: for the same days, the places the service has",
        excluded="days whose capacity is not recorded, counted apart as unknown place-days "
        "(days the service is known not to operate count in neither)",
        source="place-days as in the bed-occupancy rate of health and social-care statistics "
        "(occupied bed-days over available bed-days)",
    ),
    Indicator(
        code="LOC01",
        count=_own_municipality,
        title="In care in their own municipality",
        reference=Reference.ON,
        located=Located.HOME,
        numerator="people in a service on the day whose service is in the municipality they "
        "live in that day",
        denominator="people in a service on the day (one stay each: the earliest begun)",
        excluded="placements in no service; a person or municipality the registry does not "
        "know is counted apart as unknown",
        source="the mission of this library; Child Protection Act, Art. 4 (measures close to "
        "the child's family and environment)",
    ),
    Indicator(
        code="LOC02",
        count=_own_region,
        title="In care in their own oblast",
        reference=Reference.ON,
        located=Located.HOME,
        numerator="people in a service on the day whose service is in their home oblast",
        denominator="people in a service on the day (one stay each)",
        excluded="as LOC01",
        source="as LOC01",
    ),
    Indicator(
        code="LOC03",
        count=_outside_region,
        title="Placed outside the home oblast",
        reference=Reference.ON,
        located=Located.HOME,
        numerator="people in a service on the day whose service is outside their home oblast, "
        "whatever the free places",
        denominator="people in a service on the day (one stay each)",
        excluded="as LOC01",
        source=DFE + ": children placed outside the local authority boundary",
        differs="the unit is the oblast (region), not the local authority",
    ),
    Indicator(
        code="LOC04",
        count=_far,
        title="Placed more than 32 km from home",
        reference=Reference.ON,
        located=Located.HOME,
        numerator="people in a service on the day more than 32 km from home (centroid to "
        "centroid; 0 km within a municipality)",
        denominator="people in a service on the day whose distance is known",
        excluded="people whose distance is unknown (a municipality without a centroid) are "
        "counted apart",
        source=DFE + ": children placed more than 20 miles from home",
        differs="distances between municipality centroids, not between postcodes",
    ),
    Indicator(
        code="SIB01",
        count=_siblings_together,
        title="Sibling groups placed together",
        reference=Reference.ON,
        located=Located.HOME,
        numerator="sibling groups with two or more members in services on the day, all in "
        "one service",
        denominator="sibling groups with two or more members in services on the day",
        excluded="siblings in no service, and groups with one member in care; a group is put "
        "at the home and service of its first member by id",
        source="UN Guidelines for the Alternative Care of Children (2010), para. 17: siblings "
        "should not be separated",
    ),
)

INDICATORS: tuple[Indicator, ...] = (
    *_OCCUPANCY_PLACE_SIBLINGS,
    *EXITS,
    *STABILITY,
    *STAYS,
    *FAMILY,
    *STAFFING,
)
"""Every indicator, by code."""
