"""The catalogue of social services under the Social Services Act (2019).

The Act describes services by the *activities* they consist of (Art. 15) and
the people they serve; practice knows them by the names of the service types
(ЦНСТ, ЦОП, ...). Both are here: the ten activities, the target groups, and
the service types with their Bulgarian and English names, abbreviations as
aliases, and whether people live there (residential) and whether the care
is given in a family (family-based).
"""

from __future__ import annotations

import attrs

from .. import _checks
from .._service import ServiceType

__all__ = ["ACTIVITIES", "SERVICE_TYPES", "TARGET_GROUPS", "Activity", "TargetGroup"]


@attrs.frozen(kw_only=True)
class Activity:
    """One of the activities social services consist of (Social Services Act, Art. 15).

    .. versionadded:: 0.2
    """

    code: str = attrs.field(validator=_checks.code)
    name: str = attrs.field(validator=_checks.text)
    name_en: str = attrs.field(validator=_checks.text)


@attrs.frozen(kw_only=True)
class TargetGroup:
    """A group of people that services and licences are for.

    .. versionadded:: 0.2
    """

    code: str = attrs.field(validator=_checks.code)
    name: str = attrs.field(validator=_checks.text)
    name_en: str = attrs.field(validator=_checks.text)


def _activity(code: str, name: str, name_en: str) -> Activity:
    return Activity(code=code, name=name, name_en=name_en)


ACTIVITIES = (
    _activity("information-counselling", "информиране и консултиране", "information and counselling"),
    _activity("advocacy-mediation", "застъпничество и посредничество", "advocacy and mediation"),
    _activity("community-work", "общностна работа", "community work"),
    _activity("therapy-rehabilitation", "терапия и рехабилитация", "therapy and rehabilitation"),
    _activity("skills-training", "обучение за придобиване на умения", "skills training"),
    _activity("work-skills-support", "подкрепа за придобиване на трудови умения", "support for work skills"),
    _activity("day-care", "дневна грижа", "day care"),
    _activity("residential-care", "резидентна грижа", "residential care"),
    _activity("shelter", "осигуряване на подслон", "shelter"),
    _activity("assistant-support", "асистентска подкрепа", "assistant support"),
)  # fmt: skip
"""The ten activities of Art. 15 of the Social Services Act, in the Act's order."""


def _group(code: str, name: str, name_en: str) -> TargetGroup:
    return TargetGroup(code=code, name=name, name_en=name_en)


TARGET_GROUPS = (
    _group("children", "деца", "children"),
    _group("children-with-disabilities", "деца с увреждания", "children with disabilities"),
    _group("young-people", "младежи (от 18 до 21 г.), напускащи грижа", "young people (18 to 21) leaving care"),
    _group("families-with-children", "семейства с деца", "families with children"),
    _group("mothers-at-risk", "бременни и майки в риск", "pregnant women and mothers at risk"),
    _group("adults", "пълнолетни лица", "adults"),
    _group("adults-with-disabilities", "пълнолетни лица с увреждания", "adults with disabilities"),
    _group("older-people", "възрастни хора", "older people"),
    _group("victims-of-violence", "пострадали от насилие", "victims of violence"),
    _group("victims-of-trafficking", "пострадали от трафик", "victims of trafficking"),
    _group("homeless", "бездомни лица", "homeless people"),
)  # fmt: skip
"""Target groups the catalogue's services and licences name (codes are the library's)."""


def _type(
    code: str,
    name: str,
    name_en: str,
    activities: set[str],
    aliases: set[str],
    *,
    residential: bool = False,
    family_based: bool = False,
) -> ServiceType:
    return ServiceType(
        code=code,
        name=name,
        name_en=name_en,
        residential=residential,
        family_based=family_based,
        activities=activities,
        aliases=aliases,
    )


SERVICE_TYPES = (
    _type(
        "FTPC",
        "Център за настаняване от семеен тип",
        "Family-type placement centre",
        {"residential-care"},
        {"ЦНСТ", "ЦНСТДМУ", "ЦНСТПЛУ"},
        residential=True,
    ),
    _type(
        "CSC",
        "Център за обществена подкрепа",
        "Community support centre",
        {
            "information-counselling",
            "advocacy-mediation",
            "therapy-rehabilitation",
            "skills-training",
        },
        {"ЦОП"},
    ),
    _type(
        "CSRI",
        "Център за социална рехабилитация и интеграция",
        "Centre for social rehabilitation and integration",
        {
            "information-counselling",
            "therapy-rehabilitation",
            "skills-training",
            "work-skills-support",
        },
        {"ЦСРИ"},
    ),
    _type(
        "SHELTERED_HOME",
        "Защитено жилище",
        "Sheltered home",
        {"residential-care", "skills-training"},
        {"защитено жилище", "ЗЖ"},
        residential=True,
    ),
    _type(
        "TRANSITIONAL_HOME",
        "Преходно жилище",
        "Transitional home",
        {"residential-care", "skills-training"},
        {"преходно жилище"},
        residential=True,
    ),
    _type(
        "SUPERVISED_HOME",
        "Наблюдавано жилище",
        "Supervised home",
        {"residential-care", "information-counselling", "skills-training"},
        {"наблюдавано жилище"},
        residential=True,
    ),
    _type(
        "CRISIS_CENTRE",
        "Кризисен център",
        "Crisis centre",
        {"shelter", "information-counselling", "therapy-rehabilitation"},
        {"кризисен център", "КЦ"},
        residential=True,
    ),
    _type(
        "DAY_CENTRE",
        "Дневен център",
        "Day centre",
        {"day-care", "therapy-rehabilitation", "skills-training"},
        {"дневен център", "ДЦ"},
    ),
    _type(
        "MOTHER_BABY_UNIT",
        "Звено „Майка и бебе“",
        "Mother and baby unit",
        {"residential-care", "information-counselling"},
        {"звено „Майка и бебе“", "Майка и бебе", "ЗМБ"},
        residential=True,
    ),
    _type(
        "FOSTER_CARE",
        "Приемна грижа",
        "Foster care",
        set(),
        {"приемна грижа", "приемно семейство"},
        family_based=True,
    ),
)
"""The service types used in practice, residential or not, family-based or not.

Foster care is family-based and not residential: a child lives in a family,
not in a service's premises (so the age limit on residential care does not
apply). It lists no activity: the Child Protection Act, not the ten
activities of the Social Services Act, describes it.
"""
