"""Measuring: the indicators' counts added up per unit, as values.

Owns :class:`Unit`, :class:`Quartiles`, :class:`Measurement` and
:func:`measure`. Must not know any indicator's definition (``_catalogue``):
it only puts each item's counts in its unit, adds them up, and for lengths
finds their quartiles.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date

import attrs

from .. import _checks
from .._errors import InvalidValueError
from .._period import Period
from .._registry import Registry
from ._catalogue import INDICATORS
from ._indicator import Indicator, Located, Measured, Reference

__all__ = ["Measurement", "Quartiles", "Unit", "measure"]


class Unit(enum.Enum):
    """What a measurement is for.

    .. versionadded:: 0.5
    """

    REGISTRY = "registry"
    REGION = "region"
    MUNICIPALITY = "municipality"
    PROVIDER = "provider"
    SERVICE_TYPE = "service_type"
    SERVICE = "service"


@attrs.frozen(kw_only=True)
class Quartiles:
    """Lengths in days: the lower quartile, the median and the upper quartile.

    Each is a length one of the items has (nearest rank): the shortest with
    at least a quarter, a half, three quarters of the items at or below it.
    Quartiles of two units do not add up to those of both.

    >>> Quartiles.of([30, 10, 20, 40])
    Quartiles(lower=10, median=20, upper=30)

    .. versionadded:: 0.5
    """

    lower: int = attrs.field(validator=_checks.count)
    median: int = attrs.field(validator=_checks.count)
    upper: int = attrs.field(validator=_checks.count)

    @classmethod
    def of(cls, lengths: Iterable[int]) -> Quartiles | None:
        """The quartiles of ``lengths`` (``None`` when there are none)."""
        ordered = sorted(lengths)
        n = len(ordered)
        if not n:
            return None
        lower, median, upper = (ordered[(n * k + 3) // 4 - 1] for k in (1, 2, 3))
        return cls(lower=lower, median=median, upper=upper)


@attrs.frozen(kw_only=True)
class Measurement:
    """One indicator for one unit: its counts, and their ratio.

    ``unit_id`` is the code or id of the unit (``None`` for the whole
    registry). ``unknown`` counts the items left out because a fact they need
    is not recorded (services of unknown capacity, people at an unknown
    distance, exits with no reason): they are in neither count. ``scale`` is
    what the value is given per (1; 1,000 for moves per 1,000 days; 10,000
    for children per 10,000). For lengths of stay, ``numerator`` is the days
    and ``denominator`` the stays, so the value is the mean length, and
    ``quartiles`` are the lengths' quartiles (``None`` for a ratio, or
    when no stay was counted); quartiles do not add up across units.

    >>> from datetime import date
    >>> Measurement(indicator="OCC01", unit=Unit.REGISTRY, unit_id=None,
    ...             on=date(2026, 11, 2), numerator=9, denominator=12).value
    0.75

    .. versionadded:: 0.5
    """

    indicator: str = attrs.field(validator=_checks.code)
    unit: Unit = attrs.field(validator=_checks.instance_of(Unit))
    unit_id: str | None = attrs.field(validator=_checks.optional(_checks.identifier))
    on: date | None = attrs.field(default=None, validator=_checks.optional_date)
    period: Period | None = attrs.field(
        default=None, validator=_checks.instance_of(Period, optional=True)
    )
    numerator: int = attrs.field(validator=_checks.count)
    denominator: int = attrs.field(validator=_checks.count)
    unknown: int = attrs.field(default=0, validator=_checks.count)
    scale: int = attrs.field(default=1, validator=_checks.count)
    quartiles: Quartiles | None = attrs.field(
        default=None, validator=_checks.instance_of(Quartiles, optional=True)
    )

    @property
    def value(self) -> float | None:
        """``numerator / denominator`` times ``scale``; ``None`` when nothing
        was counted."""
        if not self.denominator:
            return None
        return self.numerator * self.scale / self.denominator


def measure(
    registry: Registry,
    *,
    on: date | None = None,
    period: Period | None = None,
    by: Unit = Unit.REGISTRY,
    indicators: Iterable[str] | None = None,
    children: Mapping[str, int] | None = None,
) -> tuple[Measurement, ...]:
    """Every indicator asked for, for every unit of kind ``by``.

    Indicators of a day are measured on ``on`` (the registry's ``as_of``
    when not given), those of a period over ``period``, which must end. With
    ``indicators=None`` every indicator whose day or period is given (or
    known) is measured. ``children`` maps municipality codes to their
    numbers of children, for the indicators per child population (an
    oblast's is the sum of its municipalities'; a municipality not given is
    unknown, not zero); without it those are not measured. The result is in
    the catalogue's order of indicators, then by unit id. A unit appears
    once it has counted something.

    >>> from socialservices.examples import SCENARIO_DATE, sofia_oblast
    >>> [(m.indicator, m.numerator, m.denominator) for m in
    ...  measure(sofia_oblast(), on=SCENARIO_DATE, indicators=["LOC02"])]
    [('LOC02', 11, 15)]

    Raises:
        InvalidValueError: an argument of the wrong type, an unknown
            indicator code (``unknown_value``), an open-ended period
            (``malformed``), or an indicator asked for whose day or period is
            not given (``missing``).

    .. versionadded:: 0.5
    """
    _checks.argument("measure", "registry", registry, Registry)
    if on is not None:
        _checks.date_argument("measure", "on", on)
    if period is not None:
        _checks.argument("measure", "period", period, Period)
        if period.end is None:
            raise InvalidValueError(
                "measure",
                "period",
                period,
                "malformed",
                "a period to measure over ends",
            )
    _checks.argument("measure", "by", by, Unit)
    if children is not None:
        _check_children(registry, children)
    day = on if on is not None else registry.as_of
    chosen = _chosen(indicators, day, period, children is not None)
    found: list[Measurement] = []
    measured = Measured(registry, day, period, children)
    places: dict[Located, dict[tuple[str | None, str | None], str | None]] = {
        located: {} for located in Located
    }
    for indicator in chosen:
        totals: dict[str | None, list[int]] = {}
        lengths: dict[str | None, list[int]] = {}
        units = places[indicator.located]
        cells: dict[tuple[str | None, str | None], list[int]] = {}
        for service, home, numerator, denominator, unknown in indicator.count(measured):
            where = (service, home)
            counts = cells.get(where)
            if counts is None:
                if where in units:
                    unit = units[where]
                else:
                    unit = units[where] = _unit_of(
                        registry, indicator.located, by, service, home
                    )
                counts = cells[where] = totals.setdefault(unit, [0, 0, 0])
            counts[0] += numerator
            counts[1] += denominator
            counts[2] += unknown
            if indicator.distribution and denominator:
                unit = units[where]
                lengths.setdefault(unit, []).append(numerator)
        if by is Unit.REGISTRY and None not in totals:
            totals[None] = [0, 0, 0]
        for unit_id in sorted(totals, key=lambda key: (key is not None, key or "")):
            numerator, denominator, unknown = totals[unit_id]
            found.append(
                Measurement(
                    indicator=indicator.code,
                    unit=by,
                    unit_id=unit_id,
                    on=day if indicator.reference is Reference.ON else None,
                    period=period if indicator.reference is Reference.PERIOD else None,
                    numerator=numerator,
                    denominator=denominator,
                    unknown=unknown,
                    scale=indicator.scale,
                    quartiles=Quartiles.of(lengths.get(unit_id, ())),
                )
            )
    return tuple(found)


def _check_children(registry: Registry, children: object) -> None:
    if not isinstance(children, Mapping) or not all(
        isinstance(code, str)
        and isinstance(count, int)
        and not isinstance(count, bool)
        and count >= 0
        for code, count in children.items()
    ):
        raise InvalidValueError(
            "measure",
            "children",
            "<mapping>",
            "wrong_type",
            "must map municipality codes to numbers of children (0 or more)",
        )
    known = registry.geography.municipalities_by_code
    unknown = sorted(code for code in children if code not in known)
    if unknown:
        raise InvalidValueError(
            "measure",
            "children",
            unknown,
            "unknown_value",
            "no municipality has these codes",
        )


def _chosen(
    codes: Iterable[str] | None,
    day: date | None,
    period: Period | None,
    children: bool,
) -> list[Indicator]:
    if codes is None:
        return [
            i
            for i in INDICATORS
            if (day if i.reference is Reference.ON else period) is not None
            and (children or not i.needs_children)
        ]
    if isinstance(codes, str) or not _checks.is_collection(codes):
        raise InvalidValueError(
            "measure",
            "indicators",
            codes,
            "wrong_type",
            "must be a collection of codes",
        )
    by_code = {indicator.code: indicator for indicator in INDICATORS}
    wanted = list(codes)
    unknown = [code for code in wanted if code not in by_code]
    if unknown:
        raise InvalidValueError(
            "measure",
            "indicators",
            unknown,
            "unknown_value",
            "no indicator has these codes",
        )
    chosen = [i for i in INDICATORS if i.code in set(wanted)]
    for indicator in chosen:
        if indicator.reference is Reference.ON and day is None:
            raise InvalidValueError(
                "measure",
                "on",
                None,
                "missing",
                f"{indicator.code} is measured on a day",
            )
        if indicator.reference is Reference.PERIOD and period is None:
            raise InvalidValueError(
                "measure",
                "period",
                None,
                "missing",
                f"{indicator.code} is measured over a period",
            )
        if indicator.needs_children and not children:
            raise InvalidValueError(
                "measure",
                "children",
                None,
                "missing",
                f"{indicator.code} is measured per child population",
            )
    return chosen


def _unit_of(
    registry: Registry,
    located: Located,
    by: Unit,
    service: str | None,
    home: str | None,
) -> str | None:
    if by is Unit.REGISTRY:
        return None
    found = None if service is None else registry.index.services_by_id.get(service)
    if by is Unit.SERVICE:
        return service
    if by is Unit.PROVIDER:
        return None if found is None else found.provider
    if by is Unit.SERVICE_TYPE:
        return None if found is None else found.type
    place = (
        home
        if located is Located.HOME
        else (None if found is None else found.municipality)
    )
    if by is Unit.MUNICIPALITY or place is None:
        return place
    municipality = registry.geography.municipalities_by_code.get(place)
    return None if municipality is None else municipality.region
