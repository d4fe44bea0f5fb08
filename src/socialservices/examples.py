"""A small, realistic scenario to try the library on: services in Sofia oblast.

The geography is Bulgaria's, whole and real
(:data:`socialservices.bulgaria.GEOGRAPHY`), and the service types are the
Bulgarian catalogue's; the providers, services, people and placements are
invented. Children
from Правец, Пирдоп and Драгоман in Sofia oblast are placed in Lovech and
Veliko Tarnovo although services in their own oblast have free places: the
situation the library exists to catch.

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
from ._period import Period
from ._person import Person, PlacementRequest
from ._placement import EndReason, Measure, Placement
from ._provider import Licence, Provider, ProviderKind
from ._registry import Registry
from ._service import CapacityChange, Eligibility, Financing, Service
from .bulgaria import GEOGRAPHY, SERVICE_TYPES

__all__ = ["SCENARIO_DATE", "sofia_oblast"]

SCENARIO_DATE = date(2026, 11, 2)
"""The date the scenario describes (a Monday)."""

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
             "SFO07", ((date(2021, 3, 1), 14),), _CHILDREN_3_17),
    _service("S-SAMOKOV-FTPC", "ЦНСТ Самоков", "FTPC", "P-SAMOKOV", "SFO39",
             ((date(2016, 1, 1), 12),), _CHILDREN_3_17),
    _service("S-PIRDOP-FOSTER", "Приемна грижа – Пирдоп", "FOSTER_CARE", "P-PIRDOP",
             "SFO55", ((date(2016, 1, 1), 3), (date(2025, 9, 1), 4)), _CHILDREN),
    _service("S-DRAGOMAN-FOSTER", "Приемна грижа – Драгоман", "FOSTER_CARE", "P-DRAGOMAN",
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
    ("C-14", date(2010, 1, 15), "SFO26", None),
    ("C-15", date(2014, 5, 20), "SFO55", None),
    ("C-16", date(2020, 9, 1), "SFO55", None),
    ("C-17", date(2012, 12, 12), "SFO16", None),
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
    ("PL-17", "C-17", "S-VTARNOVO-FTPC", date(2026, 6, 1), None, Measure.RESIDENTIAL, None),
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
        geography=GEOGRAPHY,
        providers=_PROVIDERS,
        service_types=SERVICE_TYPES,
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
