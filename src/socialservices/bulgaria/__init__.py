"""Bulgaria: its geography, its catalogue of social services, its law for children.

The library's first jurisdiction, and the pattern for others:

- :data:`GEOGRAPHY`: the 28 oblasts (regions) and 265 municipalities, with
  EKATTE, NUTS3 and ISO 3166-2 codes, Bulgarian and English names,
  populations, centroids and borders, derived from public NSI data by
  ``tools/build_bulgaria.py``;
- :func:`find_municipality`, :func:`find_region`, :func:`find_settlement`,
  :func:`find_service_type`: look-up by code or by name as people write it;
- :data:`ACTIVITIES`, :data:`TARGET_GROUPS`, :data:`SERVICE_TYPES`: the
  catalogue under the Social Services Act, and :data:`HISTORIC_SERVICE_TYPES`
  before it;
- :data:`CHILD_POLICY`: the Child Protection Act's defaults, each citing its
  provision;
- :func:`is_valid_eik`, :func:`validate_eik` (also applied to every
  :class:`~socialservices.Provider`'s Bulgarian ``uic``), and
  :func:`is_valid_egn`, :func:`validate_egn`, :func:`birth_date_from_egn`
  for callers who must screen a personal number.

>>> from socialservices import Proximity
>>> from socialservices.bulgaria import GEOGRAPHY, find_municipality
>>> pravets, pirdop = find_municipality("гр. Правец"), find_municipality("Pirdop")
>>> pravets.code, pirdop.code, GEOGRAPHY.proximity(pravets.code, pirdop.code).name
('SFO34', 'SFO55', 'SAME_REGION')
>>> find_municipality("Sofia City").code
'SOF46'
"""

from __future__ import annotations

import re

from .._geography import Coordinates, Geography, Municipality, Region
from .._service import ServiceType
from . import _geodata
from ._catalogue import (
    ACTIVITIES,
    HISTORIC_SERVICE_TYPES,
    SERVICE_TYPES,
    TARGET_GROUPS,
    Activity,
    HistoricServiceType,
    TargetGroup,
)
from ._identifiers import (
    birth_date_from_egn,
    is_valid_egn,
    is_valid_eik,
    validate_egn,
    validate_eik,
)
from ._law import (
    CHILD_POLICY,
    CHILD_PROTECTION_ACT,
    CONSTANT_MEDICAL_CARE,
    SOCIAL_SERVICES_ACT,
)
from ._names import NameIndex, normalise
from ._settlements import Settlement, settlements

__all__ = [
    "ACTIVITIES",
    "CHILD_POLICY",
    "CHILD_PROTECTION_ACT",
    "CONSTANT_MEDICAL_CARE",
    "GEOGRAPHY",
    "HISTORIC_SERVICE_TYPES",
    "SERVICE_TYPES",
    "SOCIAL_SERVICES_ACT",
    "TARGET_GROUPS",
    "Activity",
    "HistoricServiceType",
    "Settlement",
    "TargetGroup",
    "birth_date_from_egn",
    "find_municipality",
    "find_region",
    "find_service_type",
    "find_settlement",
    "is_valid_egn",
    "is_valid_eik",
    "validate_egn",
    "validate_eik",
]

GEOGRAPHY = Geography(
    regions=[
        Region(code=code, name=name, name_en=name_en, nuts3=nuts3, iso_3166_2=iso)
        for code, name, name_en, nuts3, iso in _geodata.REGIONS
    ],
    municipalities=[
        Municipality(
            code=code,
            name=name,
            name_en=name_en,
            region=code[:3],
            population=population,
            centroid=Coordinates(latitude=latitude, longitude=longitude),
        )
        for code, name, name_en, population, latitude, longitude in _geodata.MUNICIPALITIES
    ],
    region_neighbours=_geodata.REGION_BORDERS,
    municipality_neighbours=_geodata.MUNICIPALITY_BORDERS,
)
"""Bulgaria's 28 oblasts and 265 municipalities, their borders and centroids."""

_SOFIA_CITY = (
    "София-град",
    "Sofia City",
    "Sofia-grad",
    "Столична община",
    "Sofia Capital",
    "София (столица)",  # the NSI classifier's name of the capital oblast
    "София (град)",
    "Sofia (capital)",
    "Sofia (city)",
)
_SOFIA = ("София", "Sofia", "гр. София", "град София", "City of Sofia")
"""Names of the capital, the city, that once "гр."/"град"/"Province" are
dropped would read as the oblast's name: exact names, looked up first."""
_SOFIA_PROVINCE = (
    "Sofia Province",
    "Sofia Oblast",
    "Sofia Region",
    "Province of Sofia",
    "област София",
    "обл. София",
)
"""Names of the oblast around the capital, which no municipality goes by."""
_MUNICIPALITY_ALIASES = {"SOF46": (*_SOFIA, *_SOFIA_CITY)}
_REGION_ALIASES = {
    "SOF": _SOFIA_CITY,
    "SFO": (
        "Софийска област",
        "Sofia Oblast",
        "Sofia Region",
        "София (област)",
        "София (обл.)",
        "Sofia (Province)",
        "Sofia (oblast)",
    ),
}


def _municipality_names(municipality: Municipality) -> tuple[str, ...]:
    region = GEOGRAPHY.region(municipality.region)
    names = (municipality.name, municipality.name_en or municipality.name)
    regions = (region.name, region.name_en or region.name)
    qualified = tuple(f"{name} ({where})" for name in names for where in regions)
    aliases = _MUNICIPALITY_ALIASES.get(municipality.code, ())
    return (municipality.code, *names, *qualified, *aliases)


_MUNICIPALITIES = NameIndex(
    "municipality",
    lambda m: m.code,
    ((m, _municipality_names(m)) for m in GEOGRAPHY.municipalities),
    exact=[(None, _SOFIA_PROVINCE)],
)
_REGIONS = NameIndex(
    "region",
    lambda r: r.code,
    (
        (
            r,
            (
                r.code,
                r.name,
                r.name_en or r.name,
                r.nuts3 or r.code,
                r.iso_3166_2 or r.code,
                *_REGION_ALIASES.get(r.code, ()),
            ),
        )
        for r in GEOGRAPHY.regions
    ),
    exact=[(GEOGRAPHY.region("SOF"), _SOFIA)],
)
_ALL_SERVICE_TYPES = (*SERVICE_TYPES, *(h.service_type for h in HISTORIC_SERVICE_TYPES))
_SERVICE_TYPES = NameIndex(
    "service type",
    lambda t: t.code,
    (
        (t, (t.code, t.name, t.name_en or t.name, *t.aliases))
        for t in _ALL_SERVICE_TYPES
    ),
)
_ABBREVIATIONS = sorted(
    (
        normalise(alias)
        for service_type in _ALL_SERVICE_TYPES
        for alias in service_type.aliases
        if alias.isalpha() and alias.isupper()
    ),
    key=lambda alias: (-len(alias), alias),
)
"""The types' abbreviations (ЦНСТ, ДЦ, ...), longest first."""
_TARGET_GROUP_INITIALS = frozenset("бвдилмнпрсуфх")
"""The initials a target group adds to an abbreviation ("ЦНСТ" + "ДБУ"): of
деца, младежи, без, възрастни, лица, пълнолетни, стари хора, с увреждания,
умствена изостаналост, психични разстройства, физически, сетивни, насилие."""
_FOR = re.compile(r"\s+за\s+", re.IGNORECASE)


def _variant_of(name: str) -> list[ServiceType] | None:
    """The type of a name that adds a target group to a type's name, if any.

    "<type> за <group>" ("Дневен център за възрастни с увреждания", "ЦНСТ за
    пълнолетни лица с умствена изостаналост"), the longest type name first;
    or an abbreviation followed by the group's initials ("ЦНСТДБУ").
    """
    for separator in reversed(list(_FOR.finditer(name))):
        found = _SERVICE_TYPES.matches(name[: separator.start()])
        if found:
            return found
    text = normalise(name)
    for abbreviation in _ABBREVIATIONS:
        rest = text[len(abbreviation) :]
        if (
            text.startswith(abbreviation)
            and rest
            and set(rest) <= _TARGET_GROUP_INITIALS
        ):
            return _SERVICE_TYPES.matches(abbreviation)
    return None


def find_municipality(name: str) -> Municipality:
    """The municipality with this EKATTE code, Bulgarian or English name.

    Case does not matter, nor "гр."/"община"/"Municipality" around the name.
    Two municipalities are called Бяла (in Ruse and in Varna oblast): name
    the oblast too, as ``"Бяла (Варна)"`` or ``"Byala, Varna"``. "Sofia",
    "София" and "София (столица)" are the capital; "Sofia Province" is an
    oblast, not a municipality. A name that is no municipality's may be a
    settlement's (see :func:`find_settlement`): the municipality it lies in,
    when all the settlements of that name lie in one.

    >>> find_municipality("Община Ботевград").code, find_municipality("sfo34").name
    ('SFO07', 'Правец')
    >>> find_municipality("с. Добринище").name, find_municipality("Padesh").name
    ('Банско', 'Благоевград')

    Raises:
        UnknownReferenceError: no municipality or settlement goes by that name.
        AmbiguousNameError: several municipalities do ("Бяла"/"Byala"), or
            settlements in several municipalities; ``candidates`` are the
            municipalities' codes.
    """
    name = _MUNICIPALITIES.checked(name)
    municipalities = _MUNICIPALITIES.matches(name)
    if municipalities is None:
        codes = settlements().municipalities(name)
        municipalities = (
            None if codes is None else list(map(GEOGRAPHY.municipality, codes))
        )
    return _MUNICIPALITIES.resolve(name, municipalities)


def find_region(name: str) -> Region:
    """The oblast with this EKATTE, ISO 3166-2 or NUTS3 code, or name.

    A bare "Sofia" or "София" is the capital (``SOF``, also "София (столица)",
    "София-град", "Sofia City"); the oblast around it is "Sofia Province",
    "Софийска област" or "София (област)" (``SFO``).

    >>> find_region("BG-23").code, find_region("област Ловеч").code, find_region("Sofia City").code
    ('SFO', 'LOV', 'SOF')
    >>> find_region("Sofia").code, find_region("София (област)").code
    ('SOF', 'SFO')

    Raises:
        UnknownReferenceError: no oblast goes by that name.
    """
    return _REGIONS.find(name)


def find_service_type(name: str) -> ServiceType:
    """The service type with this code, name or abbreviation (ЦНСТ, ЦОП, ...).

    A name that adds a target group is the type's: the group is eligibility,
    not a type ("Дневен център за възрастни с увреждания", "ЦНСТ за деца без
    увреждания", "ЦНСТДБУ"). The types before the Social Services Act (ДДЛРГ,
    ДСХ, ...; see :data:`HISTORIC_SERVICE_TYPES`) are found too.

    >>> find_service_type("ЦНСТ").name_en, find_service_type("приемна грижа").code
    ('Family-type placement centre', 'FOSTER_CARE')
    >>> find_service_type("Дневен център за деца с увреждания").code
    'DAY_CENTRE'
    >>> find_service_type("ДДЛРГ").name
    'Дом за деца, лишени от родителска грижа'

    Raises:
        UnknownReferenceError: no service type goes by that name.
    """
    name = _SERVICE_TYPES.checked(name)
    found = _SERVICE_TYPES.matches(name)
    return _SERVICE_TYPES.resolve(name, _variant_of(name) if found is None else found)


def find_settlement(name: str) -> Settlement:
    """The settlement with this EKATTE code, or Bulgarian or English name.

    Case does not matter, nor "с."/"гр."/"село"/"град" before the name. Many
    villages share a name: name the municipality too, as ``"Ново село
    (Видин)"``. The table holds every settlement of the NSI's EKATTE
    classifier (see ``tools/data/bg/``); it is loaded on the first look-up.

    >>> dobrinishte = find_settlement("с. Добринище")
    >>> dobrinishte.ekatte, dobrinishte.municipality, find_settlement("55107").name
    ('21498', 'BLG01', 'Падеш')

    Raises:
        UnknownReferenceError: no settlement goes by that name.
        AmbiguousNameError: several do; ``candidates`` are their EKATTE codes.
    """
    return settlements().find(name)
