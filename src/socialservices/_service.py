"""Service types, services, their eligibility, and their capacity and staffing over time."""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from . import _checks
from ._age import whole_years
from ._period import Period
from ._person import Person

__all__ = [
    "CapacityChange",
    "Eligibility",
    "Financing",
    "Ineligibility",
    "Service",
    "ServiceType",
    "StaffingChange",
]


class Financing(enum.Enum):
    """How a service is paid for.

    .. versionadded:: 0.1
    """

    STATE_DELEGATED = "state_delegated"
    """A state-delegated activity (делегирана от държавата дейност)."""
    MUNICIPAL = "municipal"
    """A local activity paid by the municipality (местна дейност)."""
    PROJECT = "project"
    """A project, e.g. under an EU programme."""
    PRIVATE = "private"
    """Paid by users or private donors."""


def _age_range(
    instance: Eligibility, attribute: attrs.Attribute[Any], value: Any
) -> None:
    _checks.optional_count(instance, attribute, value)
    if value is not None and instance.min_age is not None and value < instance.min_age:
        raise _checks.fail(
            instance, attribute, value, "below_min_age", "max_age is below min_age"
        )


class Ineligibility(enum.Enum):
    """Why a person does not qualify for a service on a date.

    .. versionadded:: 0.1
    """

    TOO_YOUNG = "too_young"
    TOO_OLD = "too_old"
    TARGET_GROUP = "target_group"
    NEEDS_NOT_MET = "needs_not_met"


@attrs.frozen(kw_only=True)
class Eligibility:
    """Who a service is for.

    Ages are whole years on the date in question and both bounds are
    inclusive (``max_age=17`` admits a child until the day before their
    18th birthday). ``needs`` are the needs the service can meet: a person
    qualifies only if the service meets all of theirs. A person qualifies
    for ``target_groups`` when either side leaves them unstated or the two
    share a group. Empty collections and ``None`` bounds restrict nothing.

    >>> from datetime import date
    >>> from socialservices import Person
    >>> children = Eligibility(target_groups={"children"}, max_age=17)
    >>> teenager = Person(id="C1", birth_date=date(2008, 5, 1), home_municipality="SFO34")
    >>> children.check(teenager, on=date(2026, 4, 30)), children.admits(teenager, on=date(2026, 5, 1))
    ((), False)

    .. versionadded:: 0.1
    """

    target_groups: frozenset[str] = attrs.field(
        default=frozenset(),
        converter=_checks.to_str_frozenset,
        validator=_checks.frozenset_of(str, each=_checks.code),
    )
    min_age: int | None = attrs.field(default=None, validator=_checks.optional_count)
    max_age: int | None = attrs.field(default=None, validator=_age_range)
    needs: frozenset[str] = attrs.field(
        default=frozenset(),
        converter=_checks.to_str_frozenset,
        validator=_checks.frozenset_of(str, each=_checks.code),
    )

    def check(self, person: Person, *, on: date) -> tuple[Ineligibility, ...]:
        """Every reason ``person`` does not qualify on ``on``, in a fixed order.

        An empty tuple means the person qualifies.
        """
        _checks.argument("Eligibility.check", "person", person, Person)
        _checks.date_argument("Eligibility.check", "on", on)
        return self.reasons(person, on)

    def reasons(self, person: Person, on: date) -> tuple[Ineligibility, ...]:
        """:meth:`check` without its argument checks, for code that checks
        millions of stays."""
        reasons: list[Ineligibility] = []
        if self.min_age is not None or self.max_age is not None:
            age = whole_years(person.birth_date, on)
            if self.min_age is not None and age < self.min_age:
                reasons.append(Ineligibility.TOO_YOUNG)
            if self.max_age is not None and age > self.max_age:
                reasons.append(Ineligibility.TOO_OLD)
        groups = person.target_groups
        if self.target_groups and groups and not self.target_groups & groups:
            reasons.append(Ineligibility.TARGET_GROUP)
        if person.needs and not person.needs <= self.needs:
            reasons.append(Ineligibility.NEEDS_NOT_MET)
        return tuple(reasons)

    def admits(self, person: Person, *, on: date) -> bool:
        """Whether ``person`` qualifies on ``on``."""
        return not self.check(person, on=on)

    def refined_by(self, other: Eligibility) -> Eligibility:
        """This eligibility (a service type's) with what ``other`` (a
        service's) states put in its place, field by field: an age bound or
        a collection ``other`` leaves unstated (``None``, empty) stays as
        here. A service so can narrow its type's age range or name its own
        target groups, and states only what differs. Where the bounds so
        combined would cross (the type admits ages 3 and over, the service up
        to 2), the service's bounds hold as it states them.

        >>> for_children = Eligibility(max_age=17, target_groups={"children"})
        >>> for_children.refined_by(Eligibility(min_age=3, max_age=6))
        Eligibility(target_groups=frozenset({'children'}), min_age=3, max_age=6, needs=frozenset())
        """
        _checks.argument("Eligibility.refined_by", "other", other, Eligibility)
        if other == _ANYONE:
            return self
        min_age = self.min_age if other.min_age is None else other.min_age
        max_age = self.max_age if other.max_age is None else other.max_age
        if min_age is not None and max_age is not None and max_age < min_age:
            min_age, max_age = other.min_age, other.max_age  # as the service says
        return Eligibility(
            target_groups=other.target_groups or self.target_groups,
            min_age=min_age,
            max_age=max_age,
            needs=other.needs or self.needs,
        )


_ANYONE = Eligibility()


@attrs.frozen(kw_only=True)
class ServiceType:
    """A kind of social service, e.g. a family-type placement centre.

    ``residential`` services accommodate people; ``family_based`` ones place
    them in a family (foster care). ``activities`` are codes of the
    activities the service type combines; ``aliases`` are other names people
    use for it (abbreviations such as ЦНСТ). ``eligibility``, where the law
    or the register sets it for the type (e.g. children only), holds for every
    service of the type unless the service says otherwise (see
    :meth:`Eligibility.refined_by`).

    .. versionadded:: 0.1
    .. versionchanged:: 0.5
       ``eligibility``.
    """

    code: str = attrs.field(validator=_checks.code)
    name: str = attrs.field(validator=_checks.text)
    name_en: str | None = attrs.field(default=None, validator=_checks.optional_text)
    residential: bool = attrs.field(default=False, validator=_checks.boolean)
    family_based: bool = attrs.field(default=False, validator=_checks.boolean)
    activities: frozenset[str] = attrs.field(
        default=frozenset(),
        converter=_checks.to_str_frozenset,
        validator=_checks.frozenset_of(str, each=_checks.code),
    )
    aliases: frozenset[str] = attrs.field(
        default=frozenset(),
        converter=_checks.to_str_frozenset,
        validator=_checks.frozenset_of(str, each=_checks.text),
    )
    eligibility: Eligibility | None = attrs.field(
        default=None, validator=_checks.instance_of(Eligibility, optional=True)
    )


@attrs.frozen(kw_only=True)
class CapacityChange:
    """From ``effective`` on, a service has ``places`` places.

    .. versionadded:: 0.1
    """

    effective: date = attrs.field(validator=_checks.a_date)
    places: int = attrs.field(validator=_checks.count)


def _to_capacity(value: Iterable[CapacityChange]) -> tuple[CapacityChange, ...]:
    return _checks.canonical(value, key=lambda change: change.effective)


_capacity_history = _checks.dated_history(
    CapacityChange,
    lambda change: change.effective,
    "two capacity changes take effect on the same day",
)


def _at_most_positions(
    instance: StaffingChange, attribute: attrs.Attribute[Any], value: Any
) -> None:
    _checks.count(instance, attribute, value)
    positions = instance.positions
    if type(positions) is int and value > positions:
        raise _checks.fail(
            instance,
            attribute,
            value,
            "above_positions",
            "more posts are filled than there are positions",
        )


@attrs.frozen(kw_only=True)
class StaffingChange:
    """From ``effective`` on, a service has ``positions`` staff positions (posts
    in its staffing table, щатни бройки), of which ``filled`` are filled.

    A post is filled or not, so ``filled`` is at most ``positions``
    (``above_positions`` otherwise): a member of staff on leave whose post a
    substitute covers is one filled post, not two. Both are whole posts.

    >>> StaffingChange(effective=date(2024, 1, 1), positions=10, filled=8)
    StaffingChange(effective=datetime.date(2024, 1, 1), positions=10, filled=8)
    >>> StaffingChange(effective=date(2024, 1, 1), positions=10, filled=11)
    Traceback (most recent call last):
    ...
    socialservices.InvalidValueError: StaffingChange.filled=11: more posts are filled than there are positions

    .. versionadded:: 0.5
    """

    effective: date = attrs.field(validator=_checks.a_date)
    positions: int = attrs.field(validator=_checks.count)
    filled: int = attrs.field(validator=_at_most_positions)

    @property
    def vacant(self) -> int:
        """The positions not filled."""
        return self.positions - self.filled


def _to_staffing(value: Iterable[StaffingChange]) -> tuple[StaffingChange, ...]:
    return _checks.canonical(value, key=lambda change: change.effective)


_staffing_history = _checks.dated_history(
    StaffingChange,
    lambda change: change.effective,
    "two staffing changes take effect on the same day",
)


@attrs.frozen(kw_only=True)
class Service:
    """A social service at a site: one service type, run by one provider.

    ``type``, ``provider`` and ``municipality`` are references by code or id,
    resolved by a :class:`Registry`. ``operating`` is the period the service
    operates, or ``None`` where the register does not record when it opened
    (nor when it closed): the service is then taken to operate wherever its
    capacity history has taken effect, and no rule reasons about its opening.
    ``capacity`` is the history of how many places the service has, kept in
    date order. On days it does not operate it has none (0); on days it
    operates before its first change, and on every day when the history is
    empty, the number is not recorded, which is unknown (``None``), never 0.
    ``staffing`` is the history of its staff positions and filled posts, kept
    the same way (:meth:`staffing_on`); ``staff`` is one number of staff as a
    register states it, with no date.
    ``eligibility`` refines its type's (:meth:`Eligibility.refined_by`; the
    :class:`Registry` gives the result, :meth:`Registry.eligibility_of`).

    >>> from datetime import date
    >>> service = Service(
    ...     id="S1", name="ЦНСТ Правец", type="FTPC", provider="P1",
    ...     municipality="SFO34",
    ...     operating=Period(start=date(2020, 1, 1)),
    ...     capacity=[CapacityChange(effective=date(2020, 1, 1), places=12),
    ...               CapacityChange(effective=date(2024, 1, 1), places=14)],
    ... )
    >>> service.capacity_on(date(2023, 12, 31)), service.capacity_on(date(2024, 1, 1))
    (12, 14)
    >>> unrecorded = attrs.evolve(service, capacity=())
    >>> unrecorded.capacity_on(date(2024, 1, 1)) is None  # unknown, not 0
    True
    >>> undated = attrs.evolve(service, operating=None)  # opening not recorded
    >>> undated.capacity_on(date(2019, 12, 31)) is None, undated.operates_on(date(2019, 12, 31))
    (True, None)
    >>> staffed = attrs.evolve(service, staffing=[
    ...     StaffingChange(effective=date(2024, 1, 1), positions=10, filled=8)])
    >>> staffed.staffing_on(date(2024, 1, 1)).filled, staffed.staffing_on(date(2023, 12, 31))
    (8, None)

    .. versionadded:: 0.1
    .. versionchanged:: 0.5
       ``operating`` may be ``None``; ``staffing``.
    """

    id: str = attrs.field(validator=_checks.identifier)
    name: str = attrs.field(validator=_checks.text)
    type: str = attrs.field(validator=_checks.code)
    provider: str = attrs.field(validator=_checks.identifier)
    municipality: str = attrs.field(validator=_checks.code)
    operating: Period | None = attrs.field(
        validator=_checks.instance_of(Period, optional=True)
    )
    capacity: tuple[CapacityChange, ...] = attrs.field(
        default=(), converter=_to_capacity, validator=_capacity_history
    )
    eligibility: Eligibility = attrs.field(
        factory=Eligibility, validator=_checks.instance_of(Eligibility)
    )
    financing: Financing | None = attrs.field(
        default=None, validator=_checks.instance_of(Financing, optional=True)
    )
    staff: int | None = attrs.field(default=None, validator=_checks.optional_count)
    staffing: tuple[StaffingChange, ...] = attrs.field(
        default=(), converter=_to_staffing, validator=_staffing_history
    )

    def capacity_on(self, day: date) -> int | None:
        """How many places the service has on ``day``.

        0 on days it does not operate; ``None`` (unknown) on days it operates
        but no capacity change has taken effect yet, which is every day when
        :attr:`capacity` is empty.

        .. versionchanged:: 0.5
           ``None`` where capacity is not recorded; before, 0.
        """
        operating = self.operating
        if operating is not None and not operating.contains(day):
            return 0
        index = bisect.bisect_right(self.capacity, day, key=_effective) - 1
        return self.capacity[index].places if index >= 0 else None

    def staffing_on(self, day: date) -> StaffingChange | None:
        """The staffing change in effect on ``day``: the last to take effect
        by then.

        ``None`` where no change has taken effect by ``day`` (every day when
        :attr:`staffing` is empty: not recorded, which is unknown, never 0
        staff) and on days the service does not operate (it has no posts
        then; a change recorded before it closed no longer holds).

        .. versionadded:: 0.5
        """
        _checks.date_argument("Service.staffing_on", "day", day)
        operating = self.operating
        if operating is not None and not operating.contains(day):
            return None
        index = bisect.bisect_right(self.staffing, day, key=_effective) - 1
        return self.staffing[index] if index >= 0 else None

    def operates_on(self, day: date) -> bool | None:
        """Whether the service operates on ``day``: ``None`` (unknown) where
        :attr:`operating` is not recorded and no capacity change has taken
        effect by ``day``.

        .. versionadded:: 0.5
        """
        _checks.date_argument("Service.operates_on", "day", day)
        if self.operating is not None:
            return self.operating.contains(day)
        return True if self.capacity and self.capacity[0].effective <= day else None


def eligibility_within(service: Service, kind: ServiceType | None) -> Eligibility:
    """Who ``service`` is for, as a service of ``kind`` (its type, ``None`` when
    unknown): the type's eligibility refined by the service's own."""
    if kind is None or kind.eligibility is None:
        return service.eligibility
    return kind.eligibility.refined_by(service.eligibility)


def operating_as_known(service: Service) -> Period | None:
    """The days ``service`` is taken to operate: its ``operating`` period, or
    where that is not recorded, from its first capacity change on (``None``
    when neither is recorded). For rules that reason about operating days."""
    if service.operating is not None:
        return service.operating
    if service.capacity:
        return Period(start=service.capacity[0].effective)
    return None


def _effective(change: CapacityChange | StaffingChange) -> date:
    return change.effective
