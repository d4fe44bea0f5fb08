"""Bulgaria: geography, look-ups by name, the catalogue, the law for children, identifiers."""

from __future__ import annotations

import re
from collections import deque
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    AmbiguousNameError,
    InvalidValueError,
    Measure,
    Person,
    Provider,
    ProviderKind,
    Proximity,
    UnknownReferenceError,
)
from socialservices.bulgaria import (
    ACTIVITIES,
    CHILD_POLICY,
    CONSTANT_MEDICAL_CARE,
    GEOGRAPHY,
    HISTORIC_SERVICE_TYPES,
    SERVICE_TYPES,
    TARGET_GROUPS,
    birth_date_from_egn,
    find_municipality,
    find_region,
    find_service_type,
    is_valid_egn,
    is_valid_eik,
    validate_egn,
    validate_eik,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "bulgaria.md"
AMBIGUOUS = {"Бяла", "Byala"}


# --- geography -------------------------------------------------------------


def test_counts_of_oblasts_and_municipalities() -> None:
    assert len(GEOGRAPHY.regions) == 28
    assert len(GEOGRAPHY.municipalities) == 265
    assert len(GEOGRAPHY.municipalities_in("SFO")) == 22
    assert [m.code for m in GEOGRAPHY.municipalities_in("SOF")] == ["SOF46"]


def test_every_municipality_is_in_a_known_oblast_and_codes_are_unique() -> None:
    codes = [m.code for m in GEOGRAPHY.municipalities]
    assert len(set(codes)) == len(codes)
    regions = {r.code for r in GEOGRAPHY.regions}
    assert all(
        m.region in regions and m.code.startswith(m.region)
        for m in GEOGRAPHY.municipalities
    )


def test_oblast_codes_match_iso_and_nuts() -> None:
    sofia = GEOGRAPHY.region("SFO")
    assert (sofia.iso_3166_2, sofia.nuts3, sofia.name_en) == (
        "BG-23",
        "BG412",
        "Sofia Province",
    )
    assert sorted(r.iso_3166_2 or "" for r in GEOGRAPHY.regions) == [
        f"BG-{n:02d}" for n in range(1, 29)
    ]


@pytest.mark.parametrize("kind", ["municipality", "region"])
def test_adjacency_is_symmetric(kind: str) -> None:
    if kind == "municipality":
        codes = [m.code for m in GEOGRAPHY.municipalities]
        neighbours = GEOGRAPHY.neighbouring_municipalities
    else:
        codes = [r.code for r in GEOGRAPHY.regions]
        neighbours = GEOGRAPHY.neighbouring_regions
    for code in codes:
        assert code not in neighbours(code)
        for other in neighbours(code):
            assert code in neighbours(other)


def test_the_oblast_graph_is_connected() -> None:
    seen, queue = {"SOF"}, deque(["SOF"])
    while queue:
        for other in GEOGRAPHY.neighbouring_regions(queue.popleft()) - seen:
            seen.add(other)
            queue.append(other)
    assert seen == {r.code for r in GEOGRAPHY.regions}


def test_sofia_city_borders_exactly_pernik_and_sofia_province() -> None:
    assert GEOGRAPHY.neighbouring_regions("SOF") == {"PER", "SFO"}


def test_oblast_borders_follow_municipality_borders() -> None:
    crossing = {
        frozenset((GEOGRAPHY.municipality(a).region, GEOGRAPHY.municipality(b).region))
        for a, b in map(sorted, GEOGRAPHY.municipality_neighbours)
    }
    assert {pair for pair in crossing if len(pair) == 2} == set(
        GEOGRAPHY.region_neighbours
    )


def test_proximity_of_real_places() -> None:
    pravets, pirdop = find_municipality("Правец").code, find_municipality("Пирдоп").code
    botevgrad = find_municipality("Ботевград").code
    assert GEOGRAPHY.proximity(pravets, pirdop) is Proximity.SAME_REGION
    assert (
        GEOGRAPHY.proximity(pravets, botevgrad) is Proximity.NEIGHBOURING_MUNICIPALITY
    )
    assert GEOGRAPHY.proximity(pravets, "SOF46") is Proximity.NEIGHBOURING_REGION
    assert (
        GEOGRAPHY.proximity(pravets, find_municipality("Варна").code)
        is Proximity.ELSEWHERE
    )


def test_distance_from_pravets_to_sofia() -> None:
    distance = GEOGRAPHY.distance_km("SFO34", "SOF46")
    assert distance is not None
    assert 40 < distance < 80


def test_populations_add_up_to_the_country() -> None:
    total = sum(m.population or 0 for m in GEOGRAPHY.municipalities)
    assert 7_000_000 < total < 7_500_000  # NSI, December 2013: 7.25 million
    assert GEOGRAPHY.municipality("SOF46").population == max(
        m.population or 0 for m in GEOGRAPHY.municipalities
    )


# --- look-ups by name ------------------------------------------------------


@pytest.mark.parametrize("municipality", GEOGRAPHY.municipalities, ids=lambda m: m.code)
def test_every_municipality_is_found_by_code_and_names(municipality: object) -> None:
    from socialservices import Municipality

    assert isinstance(municipality, Municipality)
    assert find_municipality(municipality.code) == municipality
    assert find_municipality(municipality.code.lower()) == municipality
    region = GEOGRAPHY.region(municipality.region)
    for name in (municipality.name, municipality.name_en or ""):
        if name in AMBIGUOUS:
            assert find_municipality(f"{name} ({region.name})") == municipality
            assert find_municipality(f"{name}, {region.name_en}") == municipality
            continue
        assert find_municipality(name) == municipality
        assert find_municipality(name.upper()) == municipality
        assert find_municipality(f"Община {name}") == municipality
        assert find_municipality(f"гр. {name}") == municipality
        assert find_municipality(f"  {name}   Municipality ") == municipality


@pytest.mark.parametrize("region", GEOGRAPHY.regions, ids=lambda r: r.code)
def test_every_oblast_is_found_by_its_codes_and_names(region: object) -> None:
    from socialservices import Region

    assert isinstance(region, Region)
    names = [region.code, region.name_en, region.nuts3, region.iso_3166_2]
    if region.code != "SFO":  # a bare "София" is the capital: see below
        names.append(region.name)
    for name in names:
        assert name is not None
        assert find_region(name) == region
        assert find_region(name.lower()) == region
    assert find_region(f"област {region.name}") == region


@pytest.mark.parametrize(
    "name",
    ["Столична община", "София-град", "Sofia City", "Sofia", "София", "Stolichna"],
)
def test_the_capital_goes_by_all_its_names(name: str) -> None:
    assert find_municipality(name).code == "SOF46"


@pytest.mark.parametrize(
    "name",
    [
        "Столична община",
        "София-град",
        "Sofia City",
        "гр. София-град",
        "София (столица)",  # the NSI classifier's own name
        "Sofia",
        "София",
        " SOFIA ",
        "гр. София",
        "гр.София",
        "град София",
        "Sofia (capital)",
    ],
)
def test_sofia_city_as_an_oblast(name: str) -> None:
    assert find_region(name).code == "SOF"


@pytest.mark.parametrize(
    "name",
    [
        "Sofia Province",
        "sofia province",
        "Sofia oblast",
        "Sofia Region",
        "Province of Sofia",
        "Софийска",
        "Софийска област",
        "област София",
        "Област София",
        "обл. София",
        "София (област)",
        "Sofia (Province)",
    ],
)
def test_the_oblast_around_the_capital_is_sofia_province(name: str) -> None:
    assert find_region(name).code == "SFO"


@pytest.mark.parametrize(
    "name", ["София (столица)", "Sofia (capital)", "гр.София", "град София"]
)
def test_the_capital_as_a_municipality_by_its_classifier_names(name: str) -> None:
    assert find_municipality(name).code == "SOF46"


@pytest.mark.parametrize(
    "name", ["Sofia Province", "Sofia oblast", "област София", "София (област)"]
)
def test_sofia_province_is_no_municipality(name: str) -> None:
    with pytest.raises(UnknownReferenceError) as caught:
        find_municipality(name)
    assert (caught.value.kind, caught.value.id) == ("municipality", name)


def test_an_ambiguous_name_names_every_candidate() -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        find_municipality("бяла")
    assert caught.value.candidates == ("RSE04", "VAR05")
    assert isinstance(caught.value, LookupError)


def test_an_unknown_name_is_an_unknown_reference() -> None:
    with pytest.raises(UnknownReferenceError) as caught:
        find_municipality("Атлантида")
    assert (caught.value.kind, caught.value.id) == ("municipality", "Атлантида")


@pytest.mark.parametrize("name", [None, 34, ["Правец"]])
def test_a_name_that_is_not_a_string_is_refused(name: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        find_municipality(name)  # type: ignore[arg-type]
    assert caught.value.code == "wrong_type"


# --- catalogue -------------------------------------------------------------


def test_ten_activities_in_the_acts_order() -> None:
    assert len(ACTIVITIES) == 10
    assert len({a.code for a in ACTIVITIES}) == 10
    assert ACTIVITIES[0].code == "information-counselling"
    assert ACTIVITIES[-1].code == "assistant-support"


def test_service_types_use_only_known_activities() -> None:
    known = {a.code for a in ACTIVITIES}
    for service_type in SERVICE_TYPES:
        assert service_type.activities <= known


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("ЦНСТ", "FTPC"),
        ("ЦОП", "CSC"),
        ("ЦСРИ", "CSRI"),
        ("защитено жилище", "SHELTERED_HOME"),
        ("преходно жилище", "TRANSITIONAL_HOME"),
        ("наблюдавано жилище", "SUPERVISED_HOME"),
        ("кризисен център", "CRISIS_CENTRE"),
        ("дневен център", "DAY_CENTRE"),
        ("звено „Майка и бебе“", "MOTHER_BABY_UNIT"),
        ('Звено "Майка и бебе"', "MOTHER_BABY_UNIT"),
        ("приемна грижа", "FOSTER_CARE"),
    ],
)
def test_the_types_used_in_practice_are_found_by_their_usual_names(
    alias: str, code: str
) -> None:
    assert find_service_type(alias).code == code


@pytest.mark.parametrize("service_type", SERVICE_TYPES, ids=lambda t: t.code)
def test_every_alias_and_name_resolves(service_type: object) -> None:
    from socialservices import ServiceType

    assert isinstance(service_type, ServiceType)
    for name in (
        service_type.code,
        service_type.name,
        service_type.name_en or "",
        *service_type.aliases,
    ):
        assert find_service_type(name) == service_type
        assert find_service_type(name.upper()) == service_type


def test_residential_and_family_based_marks() -> None:
    marks = {t.code: (t.residential, t.family_based) for t in SERVICE_TYPES}
    assert marks["FTPC"] == (True, False)
    assert marks["FOSTER_CARE"] == (False, True)
    assert marks["CSC"] == (False, False)
    assert marks["DAY_CENTRE"] == (False, False)
    assert marks["CRISIS_CENTRE"] == (True, False)


def test_target_group_codes_are_unique_and_children_come_first() -> None:
    codes = [g.code for g in TARGET_GROUPS]
    assert len(set(codes)) == len(codes)
    assert codes[0] == "children"


def _docs_table_rows(heading_text: str) -> list[list[str]]:
    """Rows of the first table after the paragraph containing ``heading_text``."""
    text = DOCS.read_text(encoding="utf-8")
    after = text[text.index(heading_text) :]
    table = re.search(r"((?:^\|.*\|\n)+)", after, re.MULTILINE)
    assert table is not None
    lines = table.group(1).splitlines()[2:]
    return [
        [cell.strip().strip("`") for cell in line.strip("|").split("|")]
        for line in lines
    ]


def test_the_docs_catalogue_table_is_the_catalogue() -> None:
    rows = _docs_table_rows("Practice knows services")
    expected = [
        [
            t.code,
            t.name,
            t.name_en or "",
            ", ".join(sorted(t.aliases)),
            "yes" if t.residential else "no",
            "yes" if t.family_based else "no",
            "`, `".join(sorted(t.activities)) or "—",
        ]
        for t in SERVICE_TYPES
    ]
    assert rows == expected


def test_the_docs_table_of_types_before_2020_is_the_table() -> None:
    rows = _docs_table_rows("Those this catalogue has no current type for")
    expected = [
        [
            h.service_type.code,
            h.service_type.name,
            h.service_type.name_en or "",
            ", ".join(sorted(h.service_type.aliases)) or "—",
            "yes" if h.service_type.residential else "no",
            h.in_force_until.isoformat() if h.in_force_until else "—",
            h.basis.act,
            h.basis.provision,
        ]
        for h in HISTORIC_SERVICE_TYPES
    ]
    assert rows == expected


def test_the_docs_activity_and_target_group_tables_are_the_data() -> None:
    assert _docs_table_rows("describes services by the activities") == [
        [a.code, a.name, a.name_en] for a in ACTIVITIES
    ]
    assert _docs_table_rows("Target groups, for eligibility") == [
        [g.code, g.name, g.name_en] for g in TARGET_GROUPS
    ]


# --- the law for children ----------------------------------------------------


def _child(born: date, *needs: str) -> Person:
    return Person(id="C", birth_date=born, home_municipality="SFO34", needs=set(needs))


def test_a_child_until_the_eighteenth_birthday() -> None:
    born = date(2008, 11, 2)
    assert CHILD_POLICY.is_child(_child(born), date(2026, 11, 1))
    assert not CHILD_POLICY.is_child(_child(born), date(2026, 11, 2))


def test_a_leap_day_child_comes_of_age_on_28_february() -> None:
    born = date(2008, 2, 29)
    assert CHILD_POLICY.is_child(_child(born), date(2026, 2, 27))
    assert not CHILD_POLICY.is_child(_child(born), date(2026, 2, 28))


def test_measures_in_the_order_of_article_26() -> None:
    order = CHILD_POLICY.measures
    assert order.measures == (
        Measure.RELATIVES,
        Measure.FOSTER_FAMILY,
        Measure.RESIDENTIAL,
    )
    ranks = [
        order.rank(m)
        for m in (Measure.RELATIVES, Measure.FOSTER_FAMILY, Measure.RESIDENTIAL)
    ]
    assert ranks == sorted(ranks) == [0, 1, 2]


def test_no_residential_care_under_three_except_for_constant_medical_care() -> None:
    born = date(2024, 2, 29)
    assert not CHILD_POLICY.allows_residential_care(_child(born), date(2027, 2, 27))
    assert CHILD_POLICY.allows_residential_care(
        _child(born), date(2027, 2, 28)
    )  # 3rd birthday
    assert CHILD_POLICY.allows_residential_care(
        _child(born, CONSTANT_MEDICAL_CARE), date(2024, 6, 1)
    )


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(0, 40 * 366),
)
def test_residential_care_is_refused_exactly_to_children_under_three(
    born: date, days: int
) -> None:
    on = born + timedelta(days=days)
    from socialservices import age_on

    assert CHILD_POLICY.allows_residential_care(_child(born), on) == (
        age_on(born, on) >= 3
    )


def test_every_default_cites_the_child_protection_act() -> None:
    citations = CHILD_POLICY.citations
    assert len(citations) == 3
    assert {c.act_en for c in citations} == {"Child Protection Act"}
    assert [c.provision_en for c in citations] == ["Art. 2", "Art. 26(1)", "Art. 26"]


# --- identifiers -------------------------------------------------------------


@pytest.mark.parametrize("eik", ["020469788", "175074752", "1213961230342"])
def test_valid_eiks(eik: str) -> None:
    assert is_valid_eik(eik)
    validate_eik(eik)


@pytest.mark.parametrize(
    ("eik", "code"),
    [
        ("123456789", "checksum"),
        ("1213961230343", "checksum"),
        ("12345678", "malformed"),
        ("1234567890", "malformed"),
        ("17507475a", "malformed"),
        ("١٧٥٠٧٤٧٥٢", "malformed"),  # Arabic-Indic digits are digits, not ASCII ones
        (175074752, "wrong_type"),
    ],
)
def test_invalid_eiks_say_why(eik: object, code: str) -> None:
    assert not is_valid_eik(eik)
    with pytest.raises(InvalidValueError) as caught:
        validate_eik(eik)
    assert caught.value.code == code


def _reference_eik_check(digits: str, passes: tuple[tuple[int, ...], ...]) -> int:
    """The check digit, computed the slow, obvious way."""
    first = sum(int(d) * w for d, w in zip(digits, passes[0], strict=True)) % 11
    if first < 10:
        return first
    second = sum(int(d) * w for d, w in zip(digits, passes[1], strict=True)) % 11
    return second if second < 10 else 0


@given(st.text("0123456789", min_size=8, max_size=8))
def test_exactly_one_check_digit_completes_nine_digits(prefix: str) -> None:
    valid = [d for d in "0123456789" if is_valid_eik(prefix + d)]
    weights = ((1, 2, 3, 4, 5, 6, 7, 8), (3, 4, 5, 6, 7, 8, 9, 10))
    assert valid == [str(_reference_eik_check(prefix, weights))]


@given(
    st.text("0123456789", min_size=8, max_size=8),
    st.text("0123456789", min_size=3, max_size=3),
)
def test_exactly_one_check_digit_completes_thirteen_digits(
    prefix: str, unit: str
) -> None:
    nine = next(prefix + d for d in "0123456789" if is_valid_eik(prefix + d))
    valid = [d for d in "0123456789" if is_valid_eik(nine + unit + d)]
    weights = ((2, 7, 3, 5), (4, 9, 5, 7))
    assert valid == [str(_reference_eik_check(nine[8] + unit, weights))]


@pytest.mark.parametrize("egn", ["8032056031", "7523169263"])
def test_valid_egns(egn: str) -> None:
    assert is_valid_egn(egn)
    validate_egn(egn)


@pytest.mark.parametrize(
    ("egn", "code"),
    [
        ("8032056032", "checksum"),
        ("803205603", "malformed"),
        ("80320560311", "malformed"),
        ("8013326031", "invalid_date"),  # month 13 of the 1900s
        ("0142296031", "invalid_date"),  # 29 February 2001
        (8032056031, "wrong_type"),
    ],
)
def test_invalid_egns_say_why_without_repeating_the_number(
    egn: object, code: str
) -> None:
    assert not is_valid_egn(egn)
    with pytest.raises(InvalidValueError) as caught:
        validate_egn(egn)
    assert caught.value.code == code
    assert str(egn) not in str(caught.value)


@given(
    st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(0, 999),
)
def test_an_egn_encodes_its_birth_date_and_one_check_digit(
    born: date, serial: int
) -> None:
    month = born.month + {18: 20, 19: 0, 20: 40}[born.year // 100]
    prefix = f"{born.year % 100:02d}{month:02d}{born.day:02d}{serial:03d}"
    valid = [prefix + d for d in "0123456789" if is_valid_egn(prefix + d)]
    assert len(valid) == 1
    assert birth_date_from_egn(valid[0]) == born


def test_birth_date_from_an_invalid_egn_is_refused() -> None:
    with pytest.raises(InvalidValueError):
        birth_date_from_egn("8032056032")


# --- providers' UIC ----------------------------------------------------------


@pytest.mark.parametrize(
    "uic", ["175074752", "BG175074752", "1213961230342", "DE123456789", "HRB"]
)
def test_a_provider_takes_a_valid_bulgarian_or_a_foreign_uic(uic: str) -> None:
    assert Provider(id="P", name="Доставчик", kind=ProviderKind.NGO, uic=uic).uic == uic


@pytest.mark.parametrize("uic", ["123456789", "BG123456789", "1213961230343"])
def test_a_provider_refuses_a_bulgarian_uic_with_a_wrong_check_digit(uic: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Provider(id="P", name="Доставчик", kind=ProviderKind.NGO, uic=uic)
    assert (caught.value.type_name, caught.value.field, caught.value.code) == (
        "Provider",
        "uic",
        "checksum",
    )
