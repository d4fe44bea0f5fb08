"""What the law sets for children, as data: each default with its citation.

The core knows no country's law. A jurisdiction (``socialservices.bulgaria``)
builds a :class:`ChildPolicy` from its acts, citing each provision, so rules,
matching and documentation can show where a default comes from.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from . import _checks
from ._age import age_on
from ._person import Person
from ._placement import Measure

__all__ = [
    "AgeOfMajority",
    "ChildPolicy",
    "Citation",
    "MeasureOrder",
    "ResidentialAgeLimit",
]


@attrs.frozen(kw_only=True)
class Citation:
    """A provision of an act that a default or a rule rests on.

    >>> law = Citation(act="Закон за закрила на детето", act_en="Child Protection Act",
    ...                provision="чл. 2", provision_en="Art. 2")
    >>> str(law)
    'Child Protection Act, Art. 2'

    .. versionadded:: 0.2
    """

    act: str = attrs.field(validator=_checks.text)
    provision: str = attrs.field(validator=_checks.text)
    act_en: str | None = attrs.field(default=None, validator=_checks.optional_text)
    provision_en: str | None = attrs.field(
        default=None, validator=_checks.optional_text
    )
    gazette: str | None = attrs.field(default=None, validator=_checks.optional_text)
    """Where the act was promulgated, e.g. ``"ДВ, бр. 48 от 13.06.2000 г."``."""
    summary_en: str | None = attrs.field(default=None, validator=_checks.optional_text)
    """What the provision says, in a sentence."""

    def __str__(self) -> str:
        return f"{self.act_en or self.act}, {self.provision_en or self.provision}"


@attrs.frozen(kw_only=True)
class AgeOfMajority:
    """A person is a child until this birthday.

    >>> majority = AgeOfMajority(age=18)
    >>> majority.is_child(date(2008, 11, 2), on=date(2026, 11, 1))
    True
    >>> majority.is_child(date(2008, 11, 2), on=date(2026, 11, 2))
    False

    .. versionadded:: 0.2
    """

    age: int = attrs.field(validator=_checks.count)
    basis: Citation | None = attrs.field(
        default=None, validator=_checks.instance_of(Citation, optional=True)
    )

    def is_child(self, birth_date: date, on: date) -> bool:
        """Whether someone born on ``birth_date`` is a child on ``on``."""
        return age_on(birth_date, on) < self.age


def _to_measures(value: Iterable[Measure]) -> tuple[Measure, ...]:
    return tuple(value) if _checks.is_collection(value) else value  # type: ignore[return-value]


def _distinct(
    instance: object,
    attribute: attrs.Attribute[tuple[Measure, ...]],
    value: tuple[Measure, ...],
) -> None:
    if len(set(value)) != len(value):
        raise _checks.fail(instance, attribute, value, "duplicate", "each measure once")


@attrs.frozen(kw_only=True)
class MeasureOrder:
    """Protection measures, most preferred first.

    >>> order = MeasureOrder(measures=(Measure.RELATIVES, Measure.FOSTER_FAMILY, Measure.RESIDENTIAL))
    >>> order.rank(Measure.FOSTER_FAMILY) < order.rank(Measure.RESIDENTIAL)
    True

    .. versionadded:: 0.2
    """

    measures: tuple[Measure, ...] = attrs.field(
        converter=_to_measures,
        validator=[_checks.tuple_of(Measure), _distinct],
    )
    basis: Citation | None = attrs.field(
        default=None, validator=_checks.instance_of(Citation, optional=True)
    )

    def rank(self, measure: Measure) -> int:
        """0 for the most preferred measure; measures not listed come last."""
        try:
            return self.measures.index(measure)
        except ValueError:
            return len(self.measures)


@attrs.frozen(kw_only=True)
class ResidentialAgeLimit:
    """Residential care is not allowed for a child under ``min_age``,
    unless the child has the ``exception_need`` (a need code).

    >>> limit = ResidentialAgeLimit(min_age=3, exception_need="constant-medical-care")
    >>> baby = Person(id="C1", birth_date=date(2025, 5, 1), home_municipality="SFO34")
    >>> limit.allows(baby, on=date(2026, 11, 2))
    False

    .. versionadded:: 0.2
    """

    min_age: int = attrs.field(validator=_checks.count)
    exception_need: str | None = attrs.field(
        default=None, validator=_checks.optional_code
    )
    basis: Citation | None = attrs.field(
        default=None, validator=_checks.instance_of(Citation, optional=True)
    )

    def allows(self, person: Person, on: date) -> bool:
        """Whether ``person`` may be placed in residential care on ``on``."""
        if self.exception_need is not None and self.exception_need in person.needs:
            return True
        return age_on(person.birth_date, on) >= self.min_age


@attrs.frozen(kw_only=True)
class ChildPolicy:
    """A jurisdiction's defaults for placing children, each with its basis.

    ``majority`` says who is a child; ``measures`` the order of preference
    among protection measures (the default placement policy for children);
    ``residential_age_limit`` the youngest age for residential care.

    .. versionadded:: 0.2
    """

    majority: AgeOfMajority = attrs.field(validator=_checks.instance_of(AgeOfMajority))
    measures: MeasureOrder = attrs.field(validator=_checks.instance_of(MeasureOrder))
    residential_age_limit: ResidentialAgeLimit | None = attrs.field(
        default=None, validator=_checks.instance_of(ResidentialAgeLimit, optional=True)
    )

    def is_child(self, person: Person, on: date) -> bool:
        """Whether ``person`` is a child on ``on``."""
        return self.majority.is_child(person.birth_date, on)

    def allows_residential_care(self, person: Person, on: date) -> bool:
        """Whether ``person`` may be placed in residential care on ``on``."""
        limit = self.residential_age_limit
        if limit is None:
            return True
        if limit.exception_need is not None and limit.exception_need in person.needs:
            return True
        years = age_on(person.birth_date, on)  # once: rules ask this of every stay
        return years >= self.majority.age or years >= limit.min_age

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The provisions the defaults rest on, in the order of the fields."""
        defaults = (self.majority, self.measures, self.residential_age_limit)
        return tuple(d.basis for d in defaults if d is not None and d.basis is not None)
