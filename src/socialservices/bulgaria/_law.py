"""The Bulgarian acts the library follows, and the defaults they set for children.

Citations are data: rules, matching and the docs show them as they are here.
Provisions are cited at the level of the article where the article as a
whole carries the rule.
"""

from __future__ import annotations

from .._child_policy import (
    AgeOfMajority,
    ChildPolicy,
    Citation,
    MeasureOrder,
    ResidentialAgeLimit,
)
from .._placement import Measure

__all__ = [
    "CHILD_POLICY",
    "CHILD_PROTECTION_ACT",
    "CONSTANT_MEDICAL_CARE",
    "SOCIAL_SERVICES_ACT",
]

_ZZD = "Закон за закрила на детето"
_ZZD_EN = "Child Protection Act"
_ZZD_GAZETTE = "ДВ, бр. 48 от 13.06.2000 г."
_ZSU = "Закон за социалните услуги"
_ZSU_EN = "Social Services Act"
_ZSU_GAZETTE = "ДВ, бр. 24 от 22.03.2019 г., в сила от 01.07.2020 г."

CHILD_PROTECTION_ACT = Citation(
    act=_ZZD,
    act_en=_ZZD_EN,
    provision="чл. 2",
    provision_en="Art. 2",
    gazette=_ZZD_GAZETTE,
    summary_en="A child is every natural person until the age of 18.",
)
"""The Child Protection Act's definition of a child."""

SOCIAL_SERVICES_ACT = Citation(
    act=_ZSU,
    act_en=_ZSU_EN,
    provision="чл. 15",
    provision_en="Art. 15",
    gazette=_ZSU_GAZETTE,
    summary_en="Social services are provided through ten activities, from "
    "information and counselling to residential care, shelter and assistant support.",
)
"""The Social Services Act's list of the activities social services consist of."""

CONSTANT_MEDICAL_CARE = "constant-medical-care"
"""The need code of a child with a documented lasting disability who needs
constant medical care: the one exception to the age limit on residential care."""

_ORDER_OF_MEASURES = Citation(
    act=_ZZD,
    act_en=_ZZD_EN,
    provision="чл. 26, ал. 1",
    provision_en="Art. 26(1)",
    gazette=_ZZD_GAZETTE,
    summary_en="A child placed outside the family is placed with relatives or close "
    "people, then in a foster family; residential care is the last resort, once "
    "placement in a family is not possible.",
)

_UNDER_THREE = Citation(
    act=_ZZD,
    act_en=_ZZD_EN,
    provision="чл. 26",
    provision_en="Art. 26",
    gazette=_ZZD_GAZETTE,
    summary_en="A child under 3 is not placed in residential care, unless the child "
    "has a lasting disability and needs constant medical care.",
)

CHILD_POLICY = ChildPolicy(
    majority=AgeOfMajority(age=18, basis=CHILD_PROTECTION_ACT),
    measures=MeasureOrder(
        measures=(Measure.RELATIVES, Measure.FOSTER_FAMILY, Measure.RESIDENTIAL),
        basis=_ORDER_OF_MEASURES,
    ),
    residential_age_limit=ResidentialAgeLimit(
        min_age=3, exception_need=CONSTANT_MEDICAL_CARE, basis=_UNDER_THREE
    ),
)
"""The default placement policy for children under Bulgarian law.

>>> [measure.value for measure in CHILD_POLICY.measures.measures]
['relatives', 'foster_family', 'residential']
>>> CHILD_POLICY.majority.age, CHILD_POLICY.residential_age_limit.min_age
(18, 3)
"""
