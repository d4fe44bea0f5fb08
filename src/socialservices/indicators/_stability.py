"""Stability: how often children in care move, as England's Department for
Education and the US Children's Bureau measure it.

Owns STB01 to STB03 (England's placement stability) and MOV01 (moves per
1,000 days in care, US CFSR), collected in :data:`STABILITY`. They read each
person's stays (:attr:`Measured.stays`); must not know how counts are
grouped by unit (``_measure``).

In care here means in any placement: in a service, or under a measure in no
service (with parents, relatives or close people, prospective adopters).
Each is a placement of the child under a protection measure, as England
counts children looked after who are placed with parents or for adoption;
a move from a foster family to relatives is a move. A period of care is a
run of stays each beginning on or before the day the run so far ends: a
stay that begins the day after one ended (a day at home) begins a new one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from .._age import whole_years
from ._indicator import DFE, Count, Indicator, Located, Measured, Reference, open_end

__all__ = ["STABILITY"]

_DAY = timedelta(days=1)
_CFSR_SHORTEST = 8  # days: CFSR leaves out children in care for fewer


def _three_or_more(years: int) -> Callable[[Measured], Iterator[Count]]:
    def count(measured: Measured) -> Iterator[Count]:
        on = measured.on
        assert on is not None
        first = on - relativedelta(years=years) + _DAY
        for _, home, stay, _, stays, _ in measured.children_in_care:
            during = sum(1 for s in stays if s[0] <= on and open_end(s[1]) > first)
            yield stay[2], home, int(during >= 3), 1, 0

    return count


def _long_term(measured: Measured) -> Iterator[Count]:
    on = measured.on
    assert on is not None
    in_care_since = on - relativedelta(years=2, months=6)
    placed_since = on - relativedelta(years=2)
    for _, home, stay, began, _, age in measured.children_in_care:
        if age < 16 and began <= in_care_since:
            yield stay[2], home, int(stay[0] <= placed_since), 1, 0


def _moves(measured: Measured) -> Iterator[Count]:
    period = measured.period
    assert period is not None
    assert period.end is not None
    persons = measured.registry.index.persons_by_id
    for id, stays in measured.stays.items():
        person = persons.get(id)
        i = 0
        while i < len(stays):
            began, until, j = stays[i][0], open_end(stays[i][1]), i + 1
            while j < len(stays) and stays[j][0] <= until:
                until = max(until, open_end(stays[j][1]))
                j += 1
            if period.contains(began):
                if person is None:
                    yield stays[i][2], None, 0, 0, 1
                elif (
                    whole_years(person.birth_date, began) < 18
                    and (until - began).days >= _CFSR_SHORTEST
                ):
                    limit = min(until, period.end)
                    moves = sum(1 for s in stays[i + 1 : j] if s[0] < limit)
                    home = person.home_on(began)
                    yield stays[i][2], home, moves, (limit - began).days, 0
            i = j


_DFE = DFE + ": placement stability"
_IN_CARE = (
    "children (under 18) in care on the day: in a placement in a service or "
    "under a measure in no service (with parents, relatives, prospective adopters)"
)
_SAME_STAY = (
    "consecutive placements in one service (or under one measure in no "
    "service), each starting the day the one before ended, are one placement"
)

STABILITY: tuple[Indicator, ...] = (
    Indicator(
        code="STB01",
        count=_three_or_more(1),
        title="Three or more placements in the year",
        reference=Reference.ON,
        located=Located.HOME,
        numerator="children in care on the day with 3 or more placements during the year "
        "ending on it (that day included)",
        denominator=_IN_CARE,
        excluded="people aged 18 or over on the day, and people the registry does not know; "
        + _SAME_STAY,
        source=_DFE + " (short-term: 3 or more placements during the year)",
        differs="any day, not only 31 March; placements with parents or prospective "
        "adopters count; a new episode in the same placement is no new placement",
    ),
    Indicator(
        code="STB02",
        count=_three_or_more(2),
        title="Three or more placements in two years",
        reference=Reference.ON,
        located=Located.HOME,
        numerator="children in care on the day with 3 or more placements during the two "
        "years ending on it",
        denominator=_IN_CARE,
        excluded="as STB01",
        source=_DFE + " (3 or more placements during the previous 2 years)",
        differs="as STB01",
    ),
    Indicator(
        code="STB03",
        count=_long_term,
        title="Long-term stability of children under 16",
        reference=Reference.ON,
        located=Located.HOME,
        numerator="of those, children who have lived in the same placement for 2 years or "
        "more on the day",
        denominator="children under 16 on the day (16th birthday excluded) in care on it, "
        "continuously for 2.5 years or more: a run of placements each beginning on or "
        "before the day the run so far ends",
        excluded="as STB01; a child in two placements on the day is counted in the one "
        "begun first",
        source=_DFE + " (long-term stability)",
        differs="a child placed for adoption counts only the adoptive placement's own "
        "length, not that of the placement before it",
    ),
    Indicator(
        code="MOV01",
        count=_moves,
        title="Moves per 1,000 days in care",
        reference=Reference.PERIOD,
        located=Located.HOME,
        numerator="moves (a placement after the first) of children whose period of care "
        "began in the period, from that day to its end or the period's, whichever first",
        denominator="their days in care over the same days",
        excluded="children 18 or over when care began, and periods of care shorter than 8 "
        "days; an unknown person is counted apart as unknown; " + _SAME_STAY,
        source="US Children's Bureau, Child and Family Services Reviews, statewide data "
        "indicator: placement stability (moves per 1,000 days in foster care)",
        differs="the period may be of any length; placements with parents, relatives or "
        "prospective adopters count as placements",
        scale=1000,
    ),
)
"""The stability indicators, in the catalogue's order."""
