"""The catalogue of social services under the Social Services Act (2019).

The Act describes services by the *activities* they consist of (Art. 15) and
the people they serve; practice knows them by the names of the service types
(ЦНСТ, ЦОП, ...). Both are here: the ten activities, the target groups, and
the service types with their Bulgarian and English names, abbreviations as
aliases, and whether people live there (residential) and whether the care
is given in a family (family-based).

Names in registers and municipal plans often add the target group ("ЦНСТ за
деца без увреждания", "ЦНСТДБУ"): the target group is eligibility, not a
type, so such a name is the type's. The types of the law before the Act
(the Social Assistance Act and its Regulation, and the homes for children
of the health system) are kept apart, with the day they ceased to be types
of the law, in :data:`HISTORIC_SERVICE_TYPES`.
"""

from __future__ import annotations

from datetime import date

import attrs

from .. import _checks
from .._child_policy import Citation
from .._service import ServiceType

__all__ = [
    "ACTIVITIES",
    "HISTORIC_SERVICE_TYPES",
    "SERVICE_TYPES",
    "TARGET_GROUPS",
    "Activity",
    "HistoricServiceType",
    "TargetGroup",
]


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
        {"ЦНСТ", "ЦНСТДБУ", "ЦНСТДМУ", "ЦНСТПЛУ"},
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


@attrs.frozen(kw_only=True)
class HistoricServiceType:
    """A service type of the law before the Social Services Act, and its end.

    ``in_force_until`` is the first day the type was no longer one of the
    law's (1 July 2020 for the types of the Social Assistance Act, when the
    Social Services Act took effect), or ``None`` where no single day ended
    it. It says when the law stopped listing the type, not when each service
    closed: the Act's transitional provisions let services run on while they
    were transformed. The day each type entered the law is not recorded
    here: types were added to the Regulation at different times.

    .. versionadded:: 0.5
    """

    service_type: ServiceType = attrs.field(validator=_checks.instance_of(ServiceType))
    in_force_until: date | None = attrs.field(validator=_checks.optional_date)
    basis: Citation = attrs.field(validator=_checks.instance_of(Citation))


_PPZSP = Citation(
    act="Правилник за прилагане на Закона за социалното подпомагане",
    act_en="Regulation implementing the Social Assistance Act",
    provision="чл. 36",
    provision_en="Art. 36",
    gazette="ДВ, бр. 133 от 11.11.1998 г.",
    summary_en="The social services in the community (para. 2) and the "
    "specialised institutions (para. 3) under the Social Assistance Act, until "
    "the Social Services Act took effect on 1 July 2020.",
)
_PMS_308 = Citation(
    act="Постановление № 308 на Министерския съвет от 15 декември 2007 г.",
    act_en="Council of Ministers Decree No 308 of 15 December 2007",
    # The annex lists the specialised institutions funded in 2008, by
    # municipality; it names the type, it does not define it.
    provision="приложение",
    provision_en="Annex",
    gazette="ДВ, бр. 110 от 2007 г.",
    summary_en="Lists, by municipality, the social services funded as "
    "state-delegated activities in 2008, among them homes for temporary "
    "accommodation.",
)

_ZLZ = Citation(
    act="Закон за лечебните заведения",
    act_en="Medical Establishments Act",
    # No article is cited: the provision was not checked here.
    provision="—",
    summary_en="Homes for medical and social care for children (aged 0 to 3) "
    "were medical establishments run by the Ministry of Health, not social "
    "services.",
)
_SOCIAL_SERVICES_ACT_IN_FORCE = date(2020, 7, 1)


def _historic(
    code: str,
    name: str,
    name_en: str,
    aliases: set[str],
    *,
    residential: bool = True,
    basis: Citation = _PPZSP,
    until: date | None = _SOCIAL_SERVICES_ACT_IN_FORCE,
) -> HistoricServiceType:
    return HistoricServiceType(
        service_type=_type(
            code, name, name_en, set(), aliases, residential=residential
        ),
        in_force_until=until,
        basis=basis,
    )


HISTORIC_SERVICE_TYPES = (
    _historic(
        "HOME_CHILDREN_NO_PARENTAL_CARE",
        "Дом за деца, лишени от родителска грижа",
        "Home for children deprived of parental care",
        {"ДДЛРГ"},
    ),
    _historic(
        "HOME_CHILDREN_INTELLECTUAL",
        "Дом за деца с умствена изостаналост",
        "Home for children with intellectual disabilities",
        {"ДДУИ"},
    ),
    _historic(
        "HOME_CHILDREN_PHYSICAL",
        "Дом за деца с физически увреждания",
        "Home for children with physical disabilities",
        {"ДДФУ"},
    ),
    _historic(
        "HOME_ADULTS_INTELLECTUAL",
        "Дом за възрастни хора с умствена изостаналост",
        "Home for adults with intellectual disabilities",
        {"ДВУИ", "Дом за възрастни с умствена изостаналост"},
    ),
    _historic(
        "HOME_ADULTS_MENTAL_DISORDERS",
        "Дом за възрастни хора с психични разстройства",
        "Home for adults with mental disorders",
        {"ДВПР", "Дом за възрастни с психични разстройства"},
    ),
    _historic(
        "HOME_ADULTS_PHYSICAL",
        "Дом за възрастни хора с физически увреждания",
        "Home for adults with physical disabilities",
        {"ДВФУ", "Дом за възрастни с физически увреждания"},
    ),
    _historic(
        "HOME_ADULTS_SENSORY",
        "Дом за възрастни хора със сетивни нарушения",
        "Home for adults with sensory impairments",
        {"ДВСН", "Дом за възрастни със сетивни нарушения"},
    ),
    _historic(
        # The abbreviation is left out: registers write it in several ways.
        "HOME_ADULTS_DEMENTIA",
        "Дом за възрастни хора с деменция",
        "Home for adults with dementia",
        set(),
    ),
    _historic(
        "HOME_OLDER_PEOPLE",
        "Дом за стари хора",
        "Home for older people",
        {"ДСХ"},
    ),
    _historic(
        "SOCIAL_VOCATIONAL_CENTRE",
        "Социален учебно-професионален център",
        "Social vocational training centre",
        # and the older name registers still use: "социално учебно-професионално
        # заведение" (СУПЗ)
        {"СУПЦ", "СУПЗ", "Социално учебно-професионално заведение"},
        residential=False,
    ),
    _historic(
        "TEMPORARY_ACCOMMODATION",
        "Център за временно настаняване",
        "Temporary accommodation centre",
        {"ЦВН"},
    ),
    _historic(
        "SHELTER",
        "Приют",
        "Shelter",
        {"приют"},
    ),
    _historic(
        # Registers of the health system's homes for children (ДМСГД): medical
        # establishments, closed one by one in the move to community care, so
        # no single day ended the type.
        "HOME_MEDICAL_SOCIAL_CHILDREN",
        "Дом за медико-социални грижи за деца",
        "Home for medical and social care for children",
        {"ДМСГД"},
        basis=_ZLZ,
        until=None,
    ),
    _historic(
        # Named in the annex of Decree No 308 of 2007 among the specialised
        # institutions it funds; the provision that defined the type was not
        # checked here, nor when it left the law: both unknown.
        "HOME_TEMPORARY_ACCOMMODATION",
        "Дом за временно настаняване",
        "Home for temporary accommodation",
        set(),
        basis=_PMS_308,
        until=None,
    ),
)  # fmt: skip
"""The service types before the Social Services Act that historical extracts use.

Found by :func:`~socialservices.bulgaria.find_service_type` like the current
types. The specialised institutions (the homes, "домове") and the community
services of the Social Assistance Act's Regulation that this catalogue has
no current type for; the homes for medical and social care for children (ДМСГД) were medical
establishments under the Medical Establishments Act. "Дом за временно
настаняване" is cited from the decree that funded such homes in 2008: the
provision that defined it, and when it left the law, are not recorded.
"""
