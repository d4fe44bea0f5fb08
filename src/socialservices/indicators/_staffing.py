"""The staffing indicators: staff per place and the vacancy rate, on a day and
over a period.

Owns :data:`STAFFING` and the computation of its counts from each service's
staffing history (:meth:`~socialservices.Service.staffing_on`) and capacity
(:meth:`~socialservices.Service.capacity_on`). Must not know how results are
grouped by unit (``_measure``) nor the other families of indicators
(``_catalogue``, which adds these to :data:`~socialservices.indicators.INDICATORS`).

A service is counted on every day it is not known to be closed: where it is
known not to operate it counts in nothing; where the staffing (or, for staff
per place, the capacity) of a day is not recorded, that service or day is
counted apart as unknown, never as no staff.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import date

from .._period import Period
from .._service import Service, StaffingChange
from ._indicator import Count, Indicator, Located, Measured, Reference

__all__ = ["STAFFING"]

_Reading = Callable[[Service, date], tuple[int, int] | None]
"""What one service counts on one day: (numerator, denominator), or ``None``
when a fact it needs is not recorded."""


def _staff_per_place(service: Service, day: date) -> tuple[int, int] | None:
    """(filled posts, places) on ``day``, ``None`` when either is not recorded."""
    staffing, places = service.staffing_on(day), service.capacity_on(day)
    if staffing is None or places is None:
        return None
    return staffing.filled, places


def _vacancy(service: Service, day: date) -> tuple[int, int] | None:
    """(vacant posts, positions) on ``day``, ``None`` when not recorded."""
    staffing: StaffingChange | None = service.staffing_on(day)
    return None if staffing is None else (staffing.vacant, staffing.positions)


def _on(measured: Measured, read: _Reading) -> Iterator[Count]:
    on = measured.on
    assert on is not None
    for service in measured.registry.services:
        if service.operates_on(on) is False:
            continue
        counts = read(service, on)
        if counts is None:
            yield service.id, None, 0, 0, 1
        else:
            yield service.id, None, counts[0], counts[1], 0


def _steps(service: Service, period: Period) -> Iterator[tuple[date, int]]:
    """Each day of ``period`` on which something of ``service`` may change
    (the period's start, a change taking effect, its opening or closing),
    with the number of days until the next."""
    start, end = period.start, period.end
    assert end is not None  # measure() refuses an open-ended period
    days = {start, end}
    days.update(change.effective for change in service.capacity)
    days.update(change.effective for change in service.staffing)
    if service.operating is not None:
        days.add(service.operating.start)
        if service.operating.end is not None:
            days.add(service.operating.end)
    inside = sorted(day for day in days if start <= day <= end)
    for day, after in itertools.pairwise(inside):
        yield day, (after - day).days


def _over(measured: Measured, read: _Reading) -> Iterator[Count]:
    period = measured.period
    assert period is not None
    for service in measured.registry.services:
        numerator = denominator = unknown = 0
        for day, days in _steps(service, period):
            if service.operates_on(day) is False:
                continue
            counts = read(service, day)
            if counts is None:
                unknown += days
            else:
                numerator += counts[0] * days
                denominator += counts[1] * days
        if numerator or denominator or unknown:
            yield service.id, None, numerator, denominator, unknown


def _staff_per_place_on(measured: Measured) -> Iterator[Count]:
    return _on(measured, _staff_per_place)


def _vacancy_on(measured: Measured) -> Iterator[Count]:
    return _on(measured, _vacancy)


def _staff_per_place_over(measured: Measured) -> Iterator[Count]:
    return _over(measured, _staff_per_place)


def _vacancy_over(measured: Measured) -> Iterator[Count]:
    return _over(measured, _vacancy)


_ORDINANCE = (
    "Ordinance on the quality of social services (Наредба за качеството на "
    "социалните услуги, under the Social Services Act): its quality standards "
    "set the minimum number and qualification of staff of each kind of service"
)
_EUROSTAT = (
    "Eurostat, job vacancy statistics: the job vacancy rate, vacant posts over "
    "occupied and vacant posts"
)

STAFFING: tuple[Indicator, ...] = (
    Indicator(
        code="STF01",
        count=_staff_per_place_on,
        title="Staff per place on a date",
        reference=Reference.ON,
        located=Located.SERVICE,
        numerator="filled staff posts on the day, in services whose staffing and capacity "
        "that day are recorded",
        denominator="the places those services have on the day",
        excluded="services not operating on the day; services whose staffing or capacity "
        "that day is not recorded are counted apart as unknown",
        source=_ORDINANCE,
        differs="the Ordinance sets a minimum staff for each kind of service; the ratio of "
        "filled posts to places over a unit is ours",
    ),
    Indicator(
        code="STF02",
        count=_vacancy_on,
        title="Vacancy rate on a date",
        reference=Reference.ON,
        located=Located.SERVICE,
        numerator="staff positions not filled on the day, in services whose staffing that "
        "day is recorded",
        denominator="the staff positions of those services on the day",
        excluded="services not operating on the day; services whose staffing that day is "
        "not recorded are counted apart as unknown",
        source=_EUROSTAT,
        differs="every unfilled position of a service's staffing table counts as vacant, "
        "whether or not it is being recruited for",
    ),
    Indicator(
        code="STF03",
        count=_staff_per_place_over,
        title="Staff per place over a period",
        reference=Reference.PERIOD,
        located=Located.SERVICE,
        numerator="filled post-days: for each day of the period with recorded staffing and "
        "capacity, the filled staff posts",
        denominator="place-days: for the same days, the places the service has",
        excluded="days whose staffing or capacity is not recorded, counted apart as unknown "
        "days (days the service is known not to operate count in neither)",
        source="as STF01",
        differs="as STF01; a period's figure weighs each day alike",
    ),
    Indicator(
        code="STF04",
        count=_vacancy_over,
        title="Vacancy rate over a period",
        reference=Reference.PERIOD,
        located=Located.SERVICE,
        numerator="vacant post-days: for each day of the period with recorded staffing, the "
        "staff positions not filled",
        denominator="position-days: for the same days, the staff positions",
        excluded="days whose staffing is not recorded, counted apart as unknown days (days "
        "the service is known not to operate count in neither)",
        source=_EUROSTAT,
        differs="as STF02; Eurostat measures vacancies at the end of each quarter, this "
        "every day of the period",
    ),
)
"""The staffing indicators, by code."""
