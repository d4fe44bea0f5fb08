"""People who use services, and requests to place them."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from . import _checks
from ._age import age_on

__all__ = ["Person", "PlacementRequest", "PreviousHome"]


def _withheld(value: object) -> str:
    return "<withheld>"


def _not_before_birth(
    instance: Person, attribute: attrs.Attribute[date | None], value: date | None
) -> None:
    if value is None:
        return
    _checks.a_date(instance, attribute, value)
    if value < instance.birth_date:
        raise _checks.fail(
            instance,
            attribute,
            "<withheld>",
            "before_birth",
            "the date of death is before the birth date",
        )


@attrs.frozen(kw_only=True)
class PreviousHome:
    """A municipality a person lived in before ``until``, when they moved.

    ``until`` is the first day the person no longer lived there, as a
    :class:`Period`'s ``end`` is the first day after it: on ``until`` the
    person's home is the next one (a later :class:`PreviousHome`, or
    :attr:`Person.home_municipality`).

    >>> from datetime import date
    >>> PreviousHome(municipality="SFO07", until=date(2021, 3, 1))
    PreviousHome(municipality='SFO07', until=datetime.date(2021, 3, 1))

    .. versionadded:: 0.5
    """

    municipality: str = attrs.field(validator=_checks.code)
    until: date = attrs.field(validator=_checks.a_date)


def _until(home: PreviousHome) -> date:
    return home.until


def _to_previous_homes(value: Iterable[PreviousHome]) -> tuple[PreviousHome, ...]:
    return _checks.canonical(value, key=_until)


_previous_homes = _checks.dated_history(
    PreviousHome, _until, "two previous homes end on the same day"
)


@attrs.frozen(kw_only=True)
class Person:
    """A service user, known only by a pseudonymous id.

    A person never carries a name or a national identity number: an ``id``
    that is a valid Bulgarian EGN is refused (code ``"national_id"``, with
    the number masked in the error), and the birth date is withheld from the
    ``repr``. ``died`` is the date of death where the person has died and it is
    recorded, ``None`` otherwise; it may not be before the birth date (code
    ``"before_birth"``, the error's value withheld) and, like the birth date,
    is withheld from the ``repr``. Siblings share a ``sibling_group`` id.
    ``needs`` and ``target_groups`` are codes matched against a service's
    :class:`Eligibility`.

    ``home_municipality`` is the code of the municipality the person lives in
    now (or last lived in). Where the person moved, ``previous_homes`` says
    where they lived before (kept in date order, no two ending on the same
    day), and :meth:`home_on` gives the home on any day; rules and matching
    use the home on the day they reason about.

    >>> from datetime import date
    >>> child = Person(id="C-017", birth_date=date(2016, 2, 29), home_municipality="SFO34")
    >>> child.age_on(date(2026, 11, 23))
    10
    >>> child
    Person(id='C-017', birth_date=<withheld>, home_municipality='SFO34', sibling_group=None, needs=frozenset(), target_groups=frozenset(), died=<withheld>, previous_homes=())
    >>> moved = attrs.evolve(child, previous_homes=[PreviousHome(municipality="SFO07", until=date(2021, 3, 1))])
    >>> moved.home_on(date(2021, 2, 28)), moved.home_on(date(2021, 3, 1))
    ('SFO07', 'SFO34')

    .. versionadded:: 0.1
    .. versionchanged:: 0.5
       ``died``, ``previous_homes`` and :meth:`home_on`.
    """

    id: str = attrs.field(validator=_checks.person_identifier)
    birth_date: date = attrs.field(validator=_checks.a_date, repr=_withheld)
    home_municipality: str = attrs.field(validator=_checks.code)
    sibling_group: str | None = attrs.field(
        default=None, validator=_checks.optional_identifier
    )
    needs: frozenset[str] = attrs.field(
        default=frozenset(),
        converter=_checks.to_str_frozenset,
        validator=_checks.frozenset_of(str, each=_checks.code),
    )
    target_groups: frozenset[str] = attrs.field(
        default=frozenset(),
        converter=_checks.to_str_frozenset,
        validator=_checks.frozenset_of(str, each=_checks.code),
    )
    died: date | None = attrs.field(
        default=None, validator=_not_before_birth, repr=_withheld
    )
    previous_homes: tuple[PreviousHome, ...] = attrs.field(
        default=(), converter=_to_previous_homes, validator=_previous_homes
    )

    def home_on(self, day: date) -> str:
        """The code of the municipality the person lived in on ``day``."""
        _checks.date_argument("Person.home_on", "day", day)
        homes = self.previous_homes
        if not homes:
            return self.home_municipality
        at = bisect.bisect_right(homes, day, key=_until)
        return homes[at].municipality if at < len(homes) else self.home_municipality

    @property
    def homes(self) -> tuple[str, ...]:
        """Every home municipality the person had, earliest first, each once."""
        found = [home.municipality for home in self.previous_homes]
        return tuple(dict.fromkeys([*found, self.home_municipality]))

    def age_on(self, day: date) -> int:
        """Age in whole years on ``day`` (see :func:`age_on`)."""
        return age_on(self.birth_date, day)


def _to_person_ids(value: Iterable[str]) -> tuple[str, ...]:
    return _checks.canonical(value, key=str)


def _person_ids(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _checks.tuple_of(str, each=_checks.person_identifier)(instance, attribute, value)
    if not value:
        raise _checks.fail(instance, attribute, value, "empty", "names no person")
    if len(set(value)) != len(value):
        raise _checks.fail(
            instance, attribute, value, "duplicate", "names a person more than once"
        )


@attrs.frozen(kw_only=True)
class PlacementRequest:
    """A request to place one person, or a sibling group together.

    ``persons`` are person ids (pseudonymous, never a national identity
    number, as for :class:`Person`), kept sorted; a request for several persons is
    never split. ``acceptable_types`` are service-type codes; empty means
    any type is acceptable.

    >>> from datetime import date
    >>> PlacementRequest(id="R1", persons=["C2", "C1"], requested_on=date(2026, 1, 5)).persons
    ('C1', 'C2')

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=_checks.identifier)
    persons: tuple[str, ...] = attrs.field(
        converter=_to_person_ids, validator=_person_ids
    )
    requested_on: date = attrs.field(validator=_checks.a_date)
    acceptable_types: frozenset[str] = attrs.field(
        default=frozenset(),
        converter=_checks.to_str_frozenset,
        validator=_checks.frozenset_of(str, each=_checks.code),
    )

    @property
    def is_sibling_group(self) -> bool:
        """``True`` when the request places more than one person together."""
        return len(self.persons) > 1
