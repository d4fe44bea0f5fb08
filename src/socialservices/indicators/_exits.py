"""Exits: why placements ended over a period.

Owns EXT01 (exits to a family) and EXT02 to EXT07 (exits by end reason, and
coming of age), in :data:`EXITS`. Each counts the placements whose last day
falls in the period (:attr:`Measured.ended`) and that ended as exits. Must
not know how counts are grouped by unit (``_measure``).

No register records "coming of age" as a reason: EXT07 derives it from the
birth date (never shown), as a child's placement left at 18 or over, whatever
the reason recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .._age import whole_years
from .._placement import EndReason, Placement
from .._registry import Registry
from ._indicator import Count, Indicator, Located, Measured, Reference

__all__ = ["EXITS"]


def _exits(
    measured: Measured, test: Callable[[Registry, Placement], bool | None]
) -> Iterator[Count]:
    registry = measured.registry
    for placement, home in measured.ended:
        reason = placement.end_reason
        answer = None if reason is None else test(registry, placement)
        if answer is None:
            yield placement.service, home, 0, 0, 1
        elif reason is not None and reason.is_exit:
            yield placement.service, home, int(answer), 1, 0


def _to_family(measured: Measured) -> Iterator[Count]:
    return _exits(
        measured,
        lambda _, p: p.end_reason is not None and p.end_reason.is_exit_to_family,
    )


def _for(reason: EndReason) -> Callable[[Measured], Iterator[Count]]:
    def count(measured: Measured) -> Iterator[Count]:
        return _exits(measured, lambda _, p: p.end_reason is reason)

    return count


def _of_age(registry: Registry, placement: Placement) -> bool | None:
    person = registry.index.persons_by_id.get(placement.person)
    if person is None:
        return None
    assert placement.period.end is not None
    return (
        whole_years(person.birth_date, placement.period.start) < 18
        and whole_years(person.birth_date, placement.period.end) >= 18
    )


def _coming_of_age(measured: Measured) -> Iterator[Count]:
    return _exits(measured, _of_age)


_CFSR = (
    "US Children's Bureau, Child and Family Services Reviews: permanency "
    "(exits to permanency)"
)
_AFCARS = (
    "US Children's Bureau, AFCARS: reason for discharge (reunification, living with "
    "other relatives, adoption, emancipation, ...)"
)
_EXITS = (
    "placements whose last day falls in the period and that ended as exits "
    "(an episode that continues into the next is no exit)"
)
_LEFT_OUT = "placements that ended with no recorded reason, counted apart as unknown"
_EPISODES = "counts placements (episodes), not children"


def _by_reason(code: str, reason: EndReason, title: str, what: str) -> Indicator:
    return Indicator(
        code=code,
        count=_for(reason),
        title=title,
        reference=Reference.PERIOD,
        located=Located.HOME,
        numerator=f"placements whose last day falls in the period and that ended {what}",
        denominator=_EXITS,
        excluded=_LEFT_OUT,
        source=_AFCARS,
        differs=_EPISODES + "; the reasons are the register's (EndReason)",
    )


EXITS: tuple[Indicator, ...] = (
    Indicator(
        code="EXT01",
        count=_to_family,
        title="Exits to a family",
        reference=Reference.PERIOD,
        located=Located.HOME,
        numerator="placements whose last day falls in the period and that ended for a family: "
        "returned home, relatives, adoption, special guardianship, child arrangements",
        denominator=_EXITS,
        excluded=_LEFT_OUT,
        source=_CFSR,
        differs=_EPISODES + ", and counts placement with relatives as a family",
    ),
    _by_reason(
        "EXT02",
        EndReason.RETURNED_TO_FAMILY,
        "Exits home to the family",
        "with a return to the parents (returned_to_family)",
    ),
    _by_reason(
        "EXT03",
        EndReason.PLACED_WITH_RELATIVES,
        "Exits to relatives",
        "with a placement with relatives or close people (placed_with_relatives)",
    ),
    _by_reason(
        "EXT04",
        EndReason.FOSTER_FAMILY,
        "Exits to a foster family",
        "with a placement in a foster family (foster_family)",
    ),
    _by_reason(
        "EXT05", EndReason.ADOPTED, "Exits to adoption", "in adoption (adopted)"
    ),
    _by_reason(
        "EXT06",
        EndReason.INDEPENDENT_LIVING,
        "Exits to independent living",
        "with the person living on their own (independent_living)",
    ),
    Indicator(
        code="EXT07",
        count=_coming_of_age,
        title="Exits on coming of age",
        reference=Reference.PERIOD,
        located=Located.HOME,
        numerator="placements whose last day falls in the period, begun before the person "
        "was 18 and ended (the end day) at 18 or over, whatever the reason recorded",
        denominator=_EXITS,
        excluded=_LEFT_OUT
        + "; as are placements of a person the registry does not know",
        source=_AFCARS + ": emancipation",
        differs=_EPISODES + "; derived from the birth date, not from a recorded reason",
    ),
)
"""The exit indicators, in the catalogue's order."""
