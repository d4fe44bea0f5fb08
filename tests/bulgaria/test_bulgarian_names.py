"""Bulgarian names as registers write them: service types, old and new, and settlements."""

from __future__ import annotations

import csv
import pathlib
import subprocess
import sys
from datetime import date

import pytest

from socialservices import (
    AmbiguousNameError,
    InvalidValueError,
    ServiceType,
    UnknownReferenceError,
)
from socialservices.bulgaria import (
    GEOGRAPHY,
    HISTORIC_SERVICE_TYPES,
    SERVICE_TYPES,
    HistoricServiceType,
    Settlement,
    find_municipality,
    find_service_type,
    find_settlement,
)

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
SETTLEMENTS_CSV = REPOSITORY / "tools" / "data" / "bg" / "settlements.csv"
"""The vendored copy of ``../shared/data/bg/settlements.csv`` the build reads."""


def _raw_settlements() -> dict[str, list[dict[str, str]]]:
    with SETTLEMENTS_CSV.open(encoding="utf-8", newline="") as stream:
        rows: dict[str, list[dict[str, str]]] = {}
        for row in csv.DictReader(stream):
            rows.setdefault(row["ekatte"], []).append(row)
    return rows


RAW = _raw_settlements()


# --- service types as written ----------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Център за настаняване от семеен тип за деца без увреждания", "FTPC"),
        ("Център за настаняване от семеен тип за деца с увреждания", "FTPC"),
        ("ЦНСТ за деца и младежи с увреждания", "FTPC"),
        ("ЦНСТДБУ", "FTPC"),
        ("ЦНСТДМУ", "FTPC"),
        ("ЦНСТПЛУ", "FTPC"),
        ("цнстдбу", "FTPC"),
        ("ЦНСТ за пълнолетни лица с умствена изостаналост", "FTPC"),
        ("Дневен център за деца и младежи с умствена изостаналост", "DAY_CENTRE"),
        ("Дневен център за възрастни с увреждания", "DAY_CENTRE"),
        ("Дневен център за деца с увреждания", "DAY_CENTRE"),
        ("ДЦДУ", "DAY_CENTRE"),
        ("Център за социална рехабилитация и интеграция", "CSRI"),
        ("ЦСРИ", "CSRI"),
        ("ЦСРИ за деца", "CSRI"),
        ("Защитено жилище за лица с психични разстройства", "SHELTERED_HOME"),
        ("Кризисен център за деца, пострадали от насилие", "CRISIS_CENTRE"),
        ("Център за обществена подкрепа за деца и семейства", "CSC"),
    ],
)
def test_names_with_a_target_group_are_the_types(name: str, code: str) -> None:
    assert find_service_type(name).code == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("ДМСГД", "HOME_MEDICAL_SOCIAL_CHILDREN"),
        ("Дом за медико-социални грижи за деца", "HOME_MEDICAL_SOCIAL_CHILDREN"),
        ("ДДЛРГ", "HOME_CHILDREN_NO_PARENTAL_CARE"),
        ("Дом за деца, лишени от родителска грижа", "HOME_CHILDREN_NO_PARENTAL_CARE"),
        ("ДДУИ", "HOME_CHILDREN_INTELLECTUAL"),
        ("Дом за деца с умствена изостаналост", "HOME_CHILDREN_INTELLECTUAL"),
        ("ДДФУ", "HOME_CHILDREN_PHYSICAL"),
        ("ДВУИ", "HOME_ADULTS_INTELLECTUAL"),
        ("Дом за възрастни с умствена изостаналост", "HOME_ADULTS_INTELLECTUAL"),
        ("ДВФУ", "HOME_ADULTS_PHYSICAL"),
        ("ДВПР", "HOME_ADULTS_MENTAL_DISORDERS"),
        ("ДВСН", "HOME_ADULTS_SENSORY"),
        ("Дом за възрастни хора с деменция", "HOME_ADULTS_DEMENTIA"),
        ("ДСХ", "HOME_OLDER_PEOPLE"),
        ("Дом за стари хора", "HOME_OLDER_PEOPLE"),
        ("СУПЦ", "SOCIAL_VOCATIONAL_CENTRE"),
        ("Социален учебно-професионален център", "SOCIAL_VOCATIONAL_CENTRE"),
        ("СУПЗ", "SOCIAL_VOCATIONAL_CENTRE"),
        ("Социално учебно-професионално заведение", "SOCIAL_VOCATIONAL_CENTRE"),
        ("ЦВН", "TEMPORARY_ACCOMMODATION"),
        ("Център за временно настаняване", "TEMPORARY_ACCOMMODATION"),
        ("Дом за временно настаняване", "HOME_TEMPORARY_ACCOMMODATION"),
        ("Приют", "SHELTER"),
        ("Приют за бездомни лица", "SHELTER"),
        ("Кризисен център", "CRISIS_CENTRE"),
    ],
)
def test_the_types_before_2020_are_found(name: str, code: str) -> None:
    assert find_service_type(name).code == code


def test_the_historic_types_are_apart_and_dated() -> None:
    current = {service_type.code for service_type in SERVICE_TYPES}
    historic = [entry.service_type.code for entry in HISTORIC_SERVICE_TYPES]
    assert len(set(historic)) == len(historic)
    assert not current & set(historic)
    for entry in HISTORIC_SERVICE_TYPES:
        assert isinstance(entry, HistoricServiceType)
        if entry.service_type.code == "HOME_MEDICAL_SOCIAL_CHILDREN":
            assert entry.in_force_until is None
            assert entry.basis.act == "Закон за лечебните заведения"
        elif entry.service_type.code == "HOME_TEMPORARY_ACCOMMODATION":
            assert entry.in_force_until is None  # not recorded, never guessed
            assert entry.basis.provision == "приложение"
        else:
            assert entry.in_force_until == date(2020, 7, 1)
            assert entry.basis.provision_en == "Art. 36"
        assert find_service_type(entry.service_type.name) == entry.service_type
        for alias in entry.service_type.aliases:
            assert find_service_type(alias) == entry.service_type


def test_homes_are_residential_and_the_vocational_centre_is_not() -> None:
    residential = {
        entry.service_type.code: entry.service_type.residential
        for entry in HISTORIC_SERVICE_TYPES
    }
    assert residential["HOME_OLDER_PEOPLE"] is True
    assert residential["HOME_CHILDREN_NO_PARENTAL_CARE"] is True
    assert residential["SOCIAL_VOCATIONAL_CENTRE"] is False


@pytest.mark.parametrize(
    "service_type",
    [*SERVICE_TYPES, *(entry.service_type for entry in HISTORIC_SERVICE_TYPES)],
    ids=lambda t: t.code,
)
def test_every_type_name_with_a_target_group_is_the_type(
    service_type: ServiceType,
) -> None:
    for name in (service_type.name, *service_type.aliases):
        assert find_service_type(f"{name} за деца с увреждания") == service_type
        assert find_service_type(f"{name} за пълнолетни лица") == service_type


@pytest.mark.parametrize(
    "name",
    [
        "ЦНСТГ",  # Г is no target group's initial
        "ЦНСТ1",
        "ЦНСТ ДБУ",
        "за деца с увреждания",
        "Дом за деца",
        "Център за деца",
        "Център",
    ],
)
def test_what_is_no_type_plus_a_target_group_stays_unknown(name: str) -> None:
    with pytest.raises(UnknownReferenceError) as caught:
        find_service_type(name)
    assert (caught.value.kind, caught.value.id) == ("service type", name)


def test_a_service_type_name_that_is_not_a_string_is_refused() -> None:
    with pytest.raises(InvalidValueError) as caught:
        find_service_type(None)  # type: ignore[arg-type]
    assert caught.value.code == "wrong_type"


# --- settlements -------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["Добринище", "с. Добринище", "С. ДОБРИНИЩЕ", "село Добринище", "Dobrinishte",
     "21498", "Добринище (Банско)", "Добринище, община Банско", "с. Добринище (Благоевград)"],
)  # fmt: skip
def test_a_settlement_by_name_or_code(name: str) -> None:
    assert find_settlement(name) == Settlement(
        ekatte="21498", name="Добринище", name_en="Dobrinishte", municipality="BLG01"
    )


def test_a_town_with_or_without_gr() -> None:
    assert find_settlement("гр. Банско").ekatte == find_settlement("Банско").ekatte
    assert find_settlement("град Банско").municipality == "BLG01"


def test_a_name_of_several_settlements_names_every_candidate() -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        find_settlement("с. Абланица")
    assert (caught.value.kind, caught.value.candidates) == (
        "settlement",
        ("00014", "00028", "00881"),
    )
    assert find_settlement("Абланица (Ловеч)").ekatte == "00028"
    assert find_settlement("Абланица, Хаджидимово").ekatte == "00014"


def test_an_unknown_settlement() -> None:
    for name in ("Атлантида", "Абланица (Варна)", "99999"):
        with pytest.raises(UnknownReferenceError) as caught:
            find_settlement(name)
        assert (caught.value.kind, caught.value.id) == ("settlement", name)
    with pytest.raises(InvalidValueError) as refused:
        find_settlement(21498)  # type: ignore[arg-type]
    assert refused.value.code == "wrong_type"


def _codes_called(name: str) -> tuple[str, ...]:
    try:
        return (find_settlement(name).ekatte,)
    except AmbiguousNameError as error:
        return error.candidates


def test_every_settlement_of_the_raw_data_is_found_in_its_municipality() -> None:
    assert len(RAW) > 5000
    for code, rows in RAW.items():
        settlement = find_settlement(code)
        assert settlement.ekatte == code
        municipalities = {row["municipality"] for row in rows}
        assert settlement.municipality in municipalities
        if len(municipalities) == 1:
            assert find_municipality(code).code == settlement.municipality
        for row in rows:
            assert code in _codes_called(row["name_bg"])


def test_a_code_the_raw_data_gives_two_municipalities_keeps_the_geocoded_row() -> None:
    assert {row["municipality"] for row in RAW["21193"]} == {"MON07", "VID33"}
    assert find_settlement("21193").municipality == "VID33"
    assert find_settlement("Кокорово") == find_settlement("Кoкорово")  # Latin "o"


def test_settlements_load_only_on_first_use() -> None:
    code = (
        "import sys, socialservices.bulgaria as bg; "
        "name = 'socialservices.bulgaria._settlementdata'; "
        "before = name in sys.modules; bg.find_settlement('21498'); "
        "print(before, name in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]


# --- municipalities by a settlement's name -----------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("с. Добринище", "BLG01"),
        ("Добринище", "BLG01"),
        ("Dobrinishte", "BLG01"),
        ("Падеш", "BLG03"),  # the raw EKATTE data places Падеш in Благоевград
        ("с. Падеш", "BLG03"),
        ("Банско", "BLG01"),
        ("гр. Банско", "BLG01"),
        ("Абланица (Ловеч)", "LOV18"),
        ("21498", "BLG01"),
    ],
)
def test_a_municipality_by_a_settlements_name(name: str, code: str) -> None:
    assert find_municipality(name).code == code


def test_a_settlement_name_in_several_municipalities_is_ambiguous() -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        find_municipality("с. Абланица")
    assert (caught.value.kind, caught.value.candidates) == (
        "municipality",
        ("BLG52", "LOV18", "PAZ08"),
    )


def test_settlements_of_one_name_in_one_municipality_give_it() -> None:
    by_name: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for rows in RAW.values():
        name = rows[0]["name_bg"]
        by_name.setdefault(name, set()).add(rows[0]["municipality"])
        counts[name] = counts.get(name, 0) + 1
    municipality_names = {m.name for m in GEOGRAPHY.municipalities}
    shared = sorted(
        name
        for name, municipalities in by_name.items()
        if len(municipalities) == 1
        and counts[name] > 1
        and name not in municipality_names
    )
    assert shared
    for name in shared:
        assert {find_municipality(name).code} == by_name[name]
        with pytest.raises(AmbiguousNameError):
            find_settlement(name)


def test_municipality_names_win_over_settlement_names() -> None:
    # Villages called Габрово lie in Кърджали and Благоевград municipalities.
    assert {
        row["municipality"]
        for rows in RAW.values()
        for row in rows
        if row["name_bg"] == "Габрово"
    } == {"GAB05", "KRZ35", "BLG03"}
    assert find_municipality("Габрово").code == "GAB05"
    with pytest.raises(AmbiguousNameError) as caught:
        find_municipality("Бяла")  # also a village in Сливен municipality
    assert caught.value.candidates == ("RSE04", "VAR05")
    with pytest.raises(UnknownReferenceError):
        find_municipality("Sofia Province")  # not the city of София


def test_an_unknown_place_is_an_unknown_municipality() -> None:
    with pytest.raises(UnknownReferenceError) as caught:
        find_municipality("с. Атлантида")
    assert (caught.value.kind, caught.value.id) == ("municipality", "с. Атлантида")
