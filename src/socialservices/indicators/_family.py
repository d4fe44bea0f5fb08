"""Family-based care: where children in formal care live, as UNICEF's
TransMonEE database counts it.

Owns FAM01 (the share in family-based care) and FAM02 (children in
residential care per 10,000 children), in :data:`FAMILY`. Must not know how
counts are grouped by unit (``_measure``).

Formal care, here, is a child's placement on the day in a service whose type
is family-based (:attr:`ServiceType.family_based`, foster care) or
residential (:attr:`ServiceType.residential`: family-type placement centres,
homes, crisis centres), or a placement with relatives or close people
(:attr:`Measure.RELATIVES`, the kinship care TransMonEE counts as
family-based), in a service or not. Placements with parents, with
prospective adopters, and in services where nobody lives (day centres,
community support) are not formal care. A type that is both counts as
family-based.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .._age import whole_years
from .._placement import Measure, Placement
from .._registry import Registry
from ._indicator import Count, Indicator, Located, Measured, Reference

__all__ = ["FAMILY"]

_FAMILY, _RESIDENTIAL = 1, 0


def _kind(registry: Registry, placement: Placement) -> int | None:
    """1 family-based, 0 residential, -1 neither, ``None`` not known."""
    if placement.measure is Measure.RELATIVES:
        return _FAMILY
    if placement.service is None:
        return -1
    service = registry.index.services_by_id.get(placement.service)
    kind = (
        None
        if service is None
        else registry.index.service_types_by_code.get(service.type)
    )
    if kind is None:
        return None
    if kind.family_based:
        return _FAMILY
    return _RESIDENTIAL if kind.residential else -1


def _in_formal_care(
    measured: Measured,
) -> Iterator[tuple[str | None, str | None, int | None]]:
    """(service, home, kind) of each child in formal care on the day, by
    person id: the placement begun first (then by id) among those in formal
    care; kind ``None`` for a child in no known formal care with a placement
    of unknown kind."""
    on = measured.on
    assert on is not None
    registry = measured.registry
    persons = registry.index.persons_by_id
    best: dict[str, tuple[int, date, str, str | None, int | None]] = {}
    for p in measured.active:
        kind = _kind(registry, p)
        if kind == -1:
            continue
        rank = (0 if kind is not None else 1, p.period.start, p.id)
        if p.person not in best or rank < best[p.person][:3]:
            best[p.person] = (*rank, p.service, kind)
    for id in sorted(best):
        person = persons.get(id)
        if person is None or not 0 <= whole_years(person.birth_date, on) < 18:
            continue
        _, _, _, service, kind = best[id]
        yield service, person.home_on(on), kind


def _share_family(measured: Measured) -> Iterator[Count]:
    for service, home, kind in _in_formal_care(measured):
        if kind is None:
            yield service, home, 0, 0, 1
        else:
            yield service, home, int(kind == _FAMILY), 1, 0


def _residential_per_children(measured: Measured) -> Iterator[Count]:
    children = measured.children
    assert children is not None
    for code in sorted(children):
        yield None, code, 0, children[code], 0
    for service, home, kind in _in_formal_care(measured):
        if kind is None or (kind == _RESIDENTIAL and home not in children):
            yield service, home, 0, 0, 1
        elif kind == _RESIDENTIAL:
            yield service, home, 1, 0, 0


_TRANSMONEE = (
    "UNICEF, TransMonEE database: children in formal care (residential and "
    "family-based), and the rate of children in residential care per 100,000 "
    "children aged 0-17"
)

FAMILY: tuple[Indicator, ...] = (
    Indicator(
        code="FAM01",
        count=_share_family,
        title="Children in formal care who are in family-based care",
        reference=Reference.ON,
        located=Located.HOME,
        numerator="children (under 18) in family-based care on the day: a foster family, "
        "or relatives or close people",
        denominator="children in formal care on the day: family-based, or in a residential "
        "service (one placement each: the one begun first)",
        excluded="placements with parents or prospective adopters, and in services where "
        "nobody lives; a child whose only placement is in a service or type the registry "
        "does not know is counted apart as unknown",
        source=_TRANSMONEE,
        differs="the kinds of care are read from the service type's residential and "
        "family_based flags",
    ),
    Indicator(
        code="FAM02",
        count=_residential_per_children,
        title="Children in residential care per 10,000 children",
        reference=Reference.ON,
        located=Located.HOME,
        numerator="children (under 18) in residential care on the day, by home municipality",
        denominator="the children living in those municipalities, as the caller gives them "
        "(an oblast's: the sum of its municipalities')",
        excluded="children whose home municipality has no population given, or whose "
        "kind of care is not known, are counted apart as unknown: a municipality with no "
        "population given has no value, not zero",
        source=_TRANSMONEE,
        differs="per 10,000 children, not per 100,000; children's numbers are the "
        "caller's, for the day measured",
        scale=10000,
        needs_children=True,
    ),
)
"""The family-based care indicators, in the catalogue's order."""
