"""A small, realistic scenario to try the library on: services in Sofia oblast.

The municipalities are real (their EKATTE codes, names, populations from
the National Statistical Institute's December 2013 estimates, centroids and
borders); the providers, services, people and placements are invented. A
few children from Sofia oblast are placed in Lovech and Veliko Tarnovo
although services in their own oblast have free places: the situation the
library exists to catch.

>>> from socialservices.examples import SCENARIO_DATE, sofia_oblast
>>> registry = sofia_oblast()
>>> registry.free_places("S-PRAVETS-FTPC", SCENARIO_DATE, home="SFO34")
9
>>> registry.free_places("S-PRAVETS-FTPC", SCENARIO_DATE, home="SFO18")  # 1 held for Etropole
10
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from ._agreement import Agreement, AgreementKind, Party, PartyKind, Reservation
from ._geography import Coordinates, Geography, Municipality, Region
from ._period import Period
from ._person import Person, PlacementRequest
from ._placement import EndReason, Measure, Placement
from ._provider import Licence, Provider, ProviderKind
from ._registry import Registry
from ._service import CapacityChange, Eligibility, Financing, Service, ServiceType

__all__ = ["SCENARIO_DATE", "sofia_oblast"]

SCENARIO_DATE = date(2026, 11, 2)
"""The date the scenario describes (a Monday)."""

_REGIONS = (
    Region(code="SFO", name="София", name_en="Sofia Province", nuts3="BG412", iso_3166_2="BG-23"),
    Region(code="SOF", name="София-град", name_en="Sofia City", nuts3="BG411", iso_3166_2="BG-22"),
    Region(code="PER", name="Перник", name_en="Pernik", nuts3="BG414", iso_3166_2="BG-14"),
    Region(code="LOV", name="Ловеч", name_en="Lovech", nuts3="BG315", iso_3166_2="BG-11"),
    Region(code="VTR", name="Велико Търново", name_en="Veliko Tarnovo", nuts3="BG321", iso_3166_2="BG-04"),
)  # fmt: skip


def _municipality(
    code: str, name: str, name_en: str, population: int, lat: float, lon: float
) -> Municipality:
    return Municipality(
        code=code,
        name=name,
        name_en=name_en,
        region=code[:3],
        population=population,
        centroid=Coordinates(latitude=lat, longitude=lon),
    )


_MUNICIPALITIES = (
    _municipality("SFO07", "Ботевград", "Botevgrad", 32587, 42.9409, 23.7365),
    _municipality("SFO16", "Драгоман", "Dragoman", 5147, 42.9336, 22.9072),
    _municipality("SFO18", "Етрополе", "Etropole", 11679, 42.8350, 24.0393),
    _municipality("SFO26", "Костинброд", "Kostinbrod", 17336, 42.8845, 23.1764),
    _municipality("SFO34", "Правец", "Pravets", 7510, 42.9638, 23.9559),
    _municipality("SFO39", "Самоков", "Samokov", 36963, 42.3221, 23.4881),
    _municipality("SFO47", "Златица", "Zlatitsa", 5649, 42.6968, 24.1350),
    _municipality("SFO55", "Пирдоп", "Pirdop", 8062, 42.6841, 24.2329),
    _municipality("SOF46", "Столична", "Stolichna", 1309634, 42.6781, 23.3989),
    _municipality("PER32", "Перник", "Pernik", 93890, 42.6011, 23.0780),
    _municipality("LOV18", "Ловеч", "Lovech", 47494, 43.1569, 24.7779),
    _municipality("VTR04", "Велико Търново", "Veliko Tarnovo", 88278, 43.0442, 25.5919),
)

# Borders among the municipalities above, as the NSI polygons give them.
_MUNICIPALITY_BORDERS = (
    ("SFO07", "SFO18"), ("SFO07", "SFO34"), ("SFO07", "SOF46"), ("SFO16", "SFO26"),
    ("SFO18", "SFO34"), ("SFO18", "SFO47"), ("SFO26", "SOF46"), ("SFO39", "PER32"),
    ("SFO39", "SOF46"), ("SFO47", "SFO55"), ("PER32", "SOF46"),
)  # fmt: skip
_REGION_BORDERS = (
    ("SFO", "SOF"), ("SFO", "PER"), ("SFO", "LOV"), ("SOF", "PER"), ("LOV", "VTR"),
)  # fmt: skip

_SERVICE_TYPES = (
    ServiceType(
        code="FTPC",
        name="Център за настаняване от семеен тип",
        name_en="Family-type placement centre",
        residential=True,
        activities={"residential-care"},
        aliases={"ЦНСТ"},
    ),
    ServiceType(
        code="FOSTER",
        name="Приемна грижа",
        name_en="Foster care",
        residential=True,
        family_based=True,
        activities={"residential-care"},
        aliases={"приемна грижа"},
    ),
    ServiceType(
        code="CSC",
        name="Център за обществена подкрепа",
        name_en="Community support centre",
        activities={"information-counselling", "therapy-rehabilitation"},
        aliases={"ЦОП"},
    ),
)

_SINCE = Period(start=date(2016, 1, 1))
_CHILDREN_3_17 = Eligibility(target_groups={"children"}, min_age=3, max_age=17)
_CHILDREN = Eligibility(target_groups={"children"}, max_age=17)

_PROVIDERS = (
    Provider(id="P-PRAVETS", name="Община Правец", kind=ProviderKind.MUNICIPALITY),
    Provider(id="P-SAMOKOV", name="Община Самоков", kind=ProviderKind.MUNICIPALITY),
    Provider(id="P-PIRDOP", name="Община Пирдоп", kind=ProviderKind.MUNICIPALITY),
    Provider(id="P-DRAGOMAN", name="Община Драгоман", kind=ProviderKind.MUNICIPALITY),
    Provider(id="P-ZLATITSA", name="Община Златица", kind=ProviderKind.MUNICIPALITY),
    Provider(id="P-LOVECH", name="Община Ловеч", kind=ProviderKind.MUNICIPALITY),
    Provider(
        id="P-VTARNOVO", name="Община Велико Търново", kind=ProviderKind.MUNICIPALITY
    ),
    Provider(
        id="P-NADEZHDA",
        name="Сдружение „Надежда за децата“",
        kind=ProviderKind.NGO,
        licences=[
            Licence(
                number="L-2021-0117",
                service_type="FTPC",
                target_group="children",
                period=Period.from_term(date(2021, 3, 1), relativedelta(years=5)),
            ),
            Licence(
                number="L-2026-0042",
                service_type="FTPC",
                target_group="children",
                period=Period.from_term(date(2026, 3, 1), relativedelta(years=5)),
            ),
        ],
    ),
)


def _service(
    id: str, name: str, type: str, provider: str, municipality: str,
    places: tuple[tuple[date, int], ...], eligibility: Eligibility,
    financing: Financing = Financing.STATE_DELEGATED,
) -> Service:  # fmt: skip
    return Service(
        id=id,
        name=name,
        type=type,
        provider=provider,
        municipality=municipality,
        operating=Period(start=places[0][0]),
        capacity=[CapacityChange(effective=day, places=n) for day, n in places],
        eligibility=eligibility,
        financing=financing,
    )


_SERVICES = (
    _service("S-PRAVETS-FTPC", "ЦНСТ „Слънце“ Правец", "FTPC", "P-PRAVETS", "SFO34",
             ((date(2016, 1, 1), 12), (date(2024, 1, 1), 14)), _CHILDREN_3_17),
    _service("S-BOTEVGRAD-FTPC", "ЦНСТ „Детелина“ Ботевград", "FTPC", "P-NADEZHDA",
             "SFO07", ((date(2018, 6, 1), 14),), _CHILDREN_3_17),
    _service("S-SAMOKOV-FTPC", "ЦНСТ Самоков", "FTPC", "P-SAMOKOV", "SFO39",
             ((date(2016, 1, 1), 12),), _CHILDREN_3_17),
    _service("S-PIRDOP-FOSTER", "Приемна грижа – Пирдоп", "FOSTER", "P-PIRDOP",
             "SFO55", ((date(2016, 1, 1), 3), (date(2025, 9, 1), 4)), _CHILDREN),
    _service("S-DRAGOMAN-FOSTER", "Приемна грижа – Драгоман", "FOSTER", "P-DRAGOMAN",
             "SFO16", ((date(2016, 1, 1), 3),), _CHILDREN),
    _service("S-ZLATITSA-CSC", "ЦОП Златица", "CSC", "P-ZLATITSA", "SFO47",
             ((date(2017, 4, 1), 30),), _CHILDREN, Financing.MUNICIPAL),
    _service("S-LOVECH-FTPC", "ЦНСТ Ловеч", "FTPC", "P-LOVECH", "LOV18",
             ((date(2016, 1, 1), 12),), _CHILDREN_3_17),
    _service("S-VTARNOVO-FTPC", "ЦНСТ Велико Търново", "FTPC", "P-VTARNOVO", "VTR04",
             ((date(2016, 1, 1), 14),), _CHILDREN_3_17),
)  # fmt: skip

# (person, birth date, home municipality, sibling group)
_PERSONS = (
    ("C-01", date(2012, 4, 3), "SFO34", None),
    ("C-02", date(2011, 9, 17), "SFO34", None),
    ("C-03", date(2014, 2, 28), "SFO34", "G-1"),
    ("C-04", date(2016, 2, 29), "SFO34", "G-1"),
    ("C-05", date(2010, 12, 1), "SFO18", None),
    ("C-06", date(2013, 6, 30), "SFO18", None),
    ("C-07", date(2015, 1, 9), "SFO07", None),
    ("C-08", date(2009, 11, 23), "SFO07", None),
    ("C-09", date(2012, 7, 14), "SFO39", None),
    ("C-10", date(2017, 3, 2), "SFO55", None),
    ("C-11", date(2019, 5, 5), "SFO47", None),
    ("C-12", date(2011, 8, 8), "SFO16", "G-2"),
    ("C-13", date(2013, 10, 10), "SFO16", "G-2"),
    ("C-14", date(2008, 1, 15), "SFO26", None),
    ("C-15", date(2014, 5, 20), "SFO39", None),
    ("C-16", date(2020, 9, 1), "SFO55", None),
)

# (placement, person, service, start, end, measure, end reason)
_PLACEMENTS = (
    ("PL-01", "C-01", "S-PRAVETS-FTPC", date(2023, 2, 1), None, Measure.RESIDENTIAL, None),
    ("PL-02", "C-02", "S-PRAVETS-FTPC", date(2022, 9, 1), None, Measure.RESIDENTIAL, None),
    ("PL-03", "C-05", "S-PRAVETS-FTPC", date(2024, 1, 15), None, Measure.RESIDENTIAL, None),
    ("PL-04", "C-06", "S-PRAVETS-FTPC", date(2025, 3, 3), None, Measure.RESIDENTIAL, None),
    ("PL-05", "C-07", "S-BOTEVGRAD-FTPC", date(2024, 6, 1), None, Measure.RESIDENTIAL, None),
    ("PL-06", "C-08", "S-BOTEVGRAD-FTPC", date(2021, 4, 12), date(2026, 11, 2),
     Measure.RESIDENTIAL, EndReason.RETURNED_TO_FAMILY),
    ("PL-07", "C-14", "S-BOTEVGRAD-FTPC", date(2026, 11, 2), None, Measure.RESIDENTIAL, None),
    ("PL-08", "C-09", "S-SAMOKOV-FTPC", date(2020, 10, 5), None, Measure.RESIDENTIAL, None),
    ("PL-09", "C-10", "S-PIRDOP-FOSTER", date(2023, 5, 1), None, Measure.FOSTER_FAMILY, None),
    ("PL-10", "C-11", "S-PIRDOP-FOSTER", date(2025, 9, 15), None, Measure.FOSTER_FAMILY, None),
    ("PL-11", "C-12", "S-DRAGOMAN-FOSTER", date(2024, 2, 1), None, Measure.FOSTER_FAMILY, None),
    ("PL-12", "C-13", "S-DRAGOMAN-FOSTER", date(2024, 2, 1), None, Measure.FOSTER_FAMILY, None),
    ("PL-13", "C-03", "S-LOVECH-FTPC", date(2026, 3, 9), None, Measure.RESIDENTIAL, None),
    ("PL-14", "C-04", "S-LOVECH-FTPC", date(2026, 3, 9), None, Measure.RESIDENTIAL, None),
    ("PL-15", "C-15", "S-VTARNOVO-FTPC", date(2025, 11, 17), None, Measure.RESIDENTIAL, None),
    ("PL-16", "C-09", "S-LOVECH-FTPC", date(2019, 1, 7), date(2020, 10, 5),
     Measure.RESIDENTIAL, EndReason.TRANSFERRED),
)  # fmt: skip

_AGREEMENTS = (
    Agreement(
        id="A-BOTEVGRAD-2021",
        kind=AgreementKind.MANAGEMENT_CONTRACT,
        title="Договор за управление на ЦНСТ „Детелина“ Ботевград",
        parties=[
            Party(kind=PartyKind.MUNICIPALITY, id="SFO07", role="възложител"),
            Party(kind=PartyKind.PROVIDER, id="P-NADEZHDA", role="изпълнител"),
        ],
        signed=date(2021, 2, 15),
        period=Period.from_term(date(2021, 3, 1), relativedelta(years=6)),
        services={"S-BOTEVGRAD-FTPC"},
    ),
    Agreement(
        id="A-PRAVETS-ETROPOLE",
        kind=AgreementKind.INTER_MUNICIPAL,
        title="Споразумение Правец – Етрополе за места в ЦНСТ",
        parties=[
            Party(kind=PartyKind.MUNICIPALITY, id="SFO34"),
            Party(kind=PartyKind.MUNICIPALITY, id="SFO18"),
        ],
        signed=date(2023, 12, 20),
        period=Period(start=date(2024, 1, 1), end=date(2028, 1, 1)),
        services={"S-PRAVETS-FTPC"},
        reservations=[
            Reservation(service="S-PRAVETS-FTPC", for_municipality="SFO18", places=3)
        ],
    ),
)


def sofia_oblast() -> Registry:
    """The Sofia-oblast scenario as a :class:`~socialservices.Registry`."""
    persons = [
        Person(id=id, birth_date=born, home_municipality=home, sibling_group=group)
        for id, born, home, group in _PERSONS
    ]
    placements = [
        Placement(
            id=id,
            person=person,
            service=service,
            period=Period(start=start, end=end),
            measure=measure,
            end_reason=reason,
        )
        for id, person, service, start, end, measure, reason in _PLACEMENTS
    ]
    return Registry(
        geography=Geography(
            regions=_REGIONS,
            municipalities=_MUNICIPALITIES,
            municipality_neighbours=_MUNICIPALITY_BORDERS,
            region_neighbours=_REGION_BORDERS,
        ),
        providers=_PROVIDERS,
        service_types=_SERVICE_TYPES,
        services=_SERVICES,
        persons=persons,
        placements=placements,
        agreements=_AGREEMENTS,
        requests=[
            PlacementRequest(
                id="R-01", persons=["C-16"], requested_on=date(2026, 10, 20)
            ),
        ],
    )
