"""Extracts know their date (``Registry.as_of``) and the command line chooses its law.

The extract is shaped like the SSDA903 children-looked-after returns: taken
on 31 March 2018, with episodes that were open then (some with an end
recorded after it) and a provider's licence that runs out later.
"""

from __future__ import annotations

import json
import pickle
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    SCHEMA,
    Agreement,
    AgreementKind,
    CapacityChange,
    Eligibility,
    EndReason,
    Geography,
    InvalidDocument,
    InvalidValueError,
    Licence,
    Measure,
    Municipality,
    Party,
    PartyKind,
    Period,
    Person,
    Placement,
    Provider,
    ProviderKind,
    Region,
    Registry,
    Service,
    ServiceType,
    dumps,
    from_dict,
    is_valid,
    iter_findings,
    loads,
    to_dict,
    validate,
)
from socialservices.bulgaria import CHILD_POLICY
from socialservices.cli._main import law_for, main
from socialservices.strategies import registries
from socialservices.validation import Facts

AS_OF = date(2018, 3, 31)
LATER = date(2026, 12, 1)
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"

GEOGRAPHY = Geography(
    regions=[Region(code="E1", name="Shire")],
    municipalities=[
        Municipality(code="LA1", name="Borough", region="E1"),
        Municipality(code="LA2", name="Town", region="E1"),
    ],
    municipality_neighbours=[("LA1", "LA2")],
)
CHILDREN = Eligibility(target_groups={"children"}, min_age=3, max_age=17)
SINCE_2015 = Period(start=date(2015, 1, 1))


def _service(id: str, municipality: str, provider: str, places: int) -> Service:
    return Service(
        id=id,
        name=id,
        type="RES",
        provider=provider,
        municipality=municipality,
        operating=SINCE_2015,
        capacity=[CapacityChange(effective=SINCE_2015.start, places=places)],
        eligibility=CHILDREN,
    )


def _child(id: str, born: date, home: str = "LA1") -> Person:
    return Person(
        id=id, birth_date=born, home_municipality=home, target_groups={"children"}
    )


def _stay(
    id: str,
    person: str,
    service: str,
    start: date,
    end: date | None = None,
    reason: EndReason | None = None,
) -> Placement:
    return Placement(
        id=id,
        person=person,
        service=service,
        period=Period(start=start, end=end),
        measure=Measure.RESIDENTIAL,
        end_reason=reason,
    )


def extract() -> Registry:
    """An extract taken on 31 March 2018; what it records after that day was
    planned then, not known."""
    return Registry(
        as_of=AS_OF,
        geography=GEOGRAPHY,
        service_types=[ServiceType(code="RES", name="Home", residential=True)],
        providers=[
            Provider(id="P-LA1", name="Borough", kind=ProviderKind.MUNICIPALITY),
            Provider(
                id="P-IND",
                name="Independent",
                kind=ProviderKind.COMPANY,
                licences=[
                    Licence(
                        number="L-1",
                        service_type="RES",
                        target_group="children",
                        period=Period(start=date(2015, 1, 1), end=date(2019, 1, 1)),
                    )
                ],
            ),
        ],
        services=[
            _service("S-LA1", "LA1", "P-LA1", places=1),
            _service("S-IND", "LA2", "P-IND", places=3),
        ],
        persons=[
            _child("C1", date(2002, 6, 1)),  # comes of age on 2020-06-01
            _child("C2", date(2010, 2, 2), home="LA2"),
            _child("C3", date(2008, 8, 8)),
            _child("C4", date(2009, 9, 9)),
            _child("C5", date(2011, 1, 1), home="LA2"),
        ],
        placements=[
            _stay("E1", "C1", "S-LA1", date(2016, 1, 4)),
            _stay("E2", "C2", "S-IND", date(2017, 3, 1), date(2018, 9, 30)),
            _stay("E3", "C3", "S-LA1", date(2018, 1, 8), date(2018, 7, 1)),
            _stay(
                "E4",
                "C4",
                "S-LA1",
                date(2018, 5, 1),
                date(2018, 6, 1),
                EndReason.RETURNED_TO_FAMILY,
            ),  # planned
            _stay(
                "E5a",
                "C5",
                "S-IND",
                date(2017, 6, 1),
                date(2018, 6, 30),
                EndReason.RETURNED_TO_FAMILY,
            ),
            _stay(
                "E5b",
                "C5",
                "S-IND",
                date(2018, 2, 1),
                date(2018, 8, 1),
                EndReason.RETURNED_TO_FAMILY,
            ),
        ],
        agreements=[
            Agreement(
                id="A-1",
                kind=AgreementKind.MANAGEMENT_CONTRACT,
                title="Contract",
                parties=[
                    Party(kind=PartyKind.MUNICIPALITY, id="LA2"),
                    Party(kind=PartyKind.PROVIDER, id="P-IND"),
                ],
                period=SINCE_2015,
                services={"S-IND"},
            )
        ],
    )


def _codes(findings: Any) -> set[str]:
    return {finding.code for finding in findings}


# -- the value ------------------------------------------------------------------


def test_a_registry_has_no_date_unless_given_one() -> None:
    assert Registry().as_of is None
    assert Registry().jurisdiction is None
    assert extract().as_of == AS_OF


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("as_of", "2018-03-31", "wrong_type"),
        ("as_of", datetime(2018, 3, 31), "wrong_type"),
        ("jurisdiction", "", "empty"),
        ("jurisdiction", "G B", "malformed"),
        ("jurisdiction", 826, "wrong_type"),
    ],
)
def test_a_bad_date_or_jurisdiction_is_refused(
    field: str, value: object, code: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Registry(**{field: value})  # type: ignore[arg-type]
    error = caught.value
    assert (error.type_name, error.field, error.value, error.code) == (
        "Registry",
        field,
        value,
        code,
    )


def test_the_date_survives_evolve_with_and_pickle() -> None:
    registry = extract()
    grown = Registry(as_of=AS_OF, jurisdiction="GB")
    for placement in registry.placements:
        grown = grown.with_placements(placement)
    assert (grown.as_of, grown.jurisdiction) == (AS_OF, "GB")
    assert len(grown.placements) == len(registry.placements)
    assert attrs.evolve(grown, jurisdiction=None).as_of == AS_OF
    again = pickle.loads(pickle.dumps(grown))
    assert again == grown
    assert (again.as_of, again.jurisdiction) == (AS_OF, "GB")


def test_registries_taken_on_other_days_differ() -> None:
    registry = extract()
    other = attrs.evolve(registry, as_of=date(2018, 4, 1))
    assert other != registry
    assert attrs.evolve(other, as_of=AS_OF) == registry
    assert hash(attrs.evolve(other, as_of=AS_OF)) == hash(registry)
    assert attrs.evolve(registry, jurisdiction="GB") != registry


# -- documents ------------------------------------------------------------------


def test_the_date_and_jurisdiction_come_first_in_a_document() -> None:
    document = to_dict(attrs.evolve(extract(), jurisdiction="GB"))
    assert list(document)[:4] == ["schema", "as_of", "jurisdiction", "geography"]
    assert (document["schema"], document["as_of"], document["jurisdiction"]) == (
        SCHEMA,
        "2018-03-31",
        "GB",
    )


def test_a_document_without_them_is_written_as_before() -> None:
    document = to_dict(attrs.evolve(extract(), as_of=None))
    assert "as_of" not in document
    assert "jurisdiction" not in document
    assert document["schema"] == SCHEMA == "socialservices/2"
    assert list(document)[1] == "geography"  # the body version 1 wrote


@given(
    registries(),
    st.none() | st.dates(),
    st.none() | st.sampled_from(["BG", "GB", "GB-ENG", "US"]),
)
def test_a_registry_round_trips_with_and_without_them(
    registry: Registry, as_of: date | None, jurisdiction: str | None
) -> None:
    value = attrs.evolve(registry, as_of=as_of, jurisdiction=jurisdiction)
    document = to_dict(value)
    assert ("as_of" in document) is (as_of is not None)
    assert ("jurisdiction" in document) is (jurisdiction is not None)
    assert from_dict(document, Registry) == value
    assert loads(dumps(value), Registry) == value


def test_an_old_document_reads_with_no_date() -> None:
    text = (EXAMPLES / "registry.json").read_text(encoding="utf-8")
    assert '"as_of"' not in text
    registry = loads(text, Registry)
    assert (registry.as_of, registry.jurisdiction) == (None, None)
    document = json.loads(text)
    stated = {**document, "as_of": None, "jurisdiction": None}
    assert from_dict(stated, Registry) == registry  # null is the same as absent


def test_a_bad_date_in_a_document_is_a_problem_at_its_path() -> None:
    document = {"schema": SCHEMA, "as_of": "31/03/2018", "jurisdiction": 44}
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Registry)
    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("invalid_date", "$.as_of"),
        ("wrong_type", "$.jurisdiction"),
    ]


# -- validation -----------------------------------------------------------------


def test_validate_checks_an_extract_as_of_its_date() -> None:
    report = validate(extract())
    assert report.on == AS_OF
    assert list(iter_findings(extract())) == list(report.findings)
    assert report == validate(extract(), on=AS_OF)


def test_an_extract_has_no_finding_about_years_it_never_saw() -> None:
    report = validate(extract())
    assert all(f.on is None or f.on <= AS_OF for f in report.findings)
    assert _codes(report.findings) == {"CAP001", "PLC001"}  # nothing of 2018-2026
    later = validate(extract(), on=LATER)  # checked against a later day, it would
    assert {"LIC001", "PLC006", "PLC008"} <= _codes(later.findings)


def test_what_lasts_past_the_date_is_open_then() -> None:
    findings = validate(extract()).by_code()
    (over,) = findings["CAP001"]  # E1 and E3 in one place from 2018-01-08
    assert over.period == Period(start=date(2018, 1, 8))
    assert over.peak == 1  # E4, planned from May, does not count yet
    (twice,) = findings["PLC001"]
    assert twice.period == Period(start=date(2018, 2, 1))
    everything = validate(attrs.evolve(extract(), as_of=None)).by_code()
    (over,) = everything["CAP001"]  # every recorded day: to the end and the peak
    assert (over.period, over.peak) == (
        Period(start=date(2018, 1, 8), end=date(2018, 7, 1)),
        2,
    )
    (twice,) = everything["PLC001"]
    assert twice.period == Period(start=date(2018, 2, 1), end=date(2018, 6, 30))


def test_facts_know_a_period_as_the_audit_does() -> None:
    facts = Facts(extract(), on=AS_OF, policy=CHILD_POLICY)
    before = Period(start=date(2017, 1, 1), end=AS_OF)  # ended on the day: known
    past = Period(start=date(2017, 1, 1), end=date(2018, 4, 1))
    assert facts.as_known(before) == before
    assert facts.as_known(past) == Period(start=date(2017, 1, 1))
    every_day = Facts(extract(), on=None, policy=CHILD_POLICY)
    assert every_day.as_known(past) == past
    with pytest.raises(InvalidValueError) as caught:
        facts.as_known("2017-01-01")  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("period", "wrong_type")


def test_an_explicit_day_overrides_the_date() -> None:
    report = validate(extract(), on=LATER)
    assert report.on == LATER
    assert "LIC001" in _codes(iter_findings(extract(), on=LATER))


def test_validate_with_neither_counts_every_recorded_day() -> None:
    registry = attrs.evolve(extract(), as_of=None)
    report = validate(registry)
    assert report.on is None
    assert {"LIC001", "PLC008"} <= _codes(report.findings)


def test_is_valid_asks_as_of_the_date() -> None:
    keep = {"E1", "E2"}  # no overbooking, no overlap; errors only after 2018
    registry = attrs.evolve(
        extract(), placements=[p for p in extract().placements if p.id in keep]
    )
    assert is_valid(registry)
    assert not is_valid(registry, on=LATER)


# -- the command line -----------------------------------------------------------


def _write(tmp_path: Path, registry: Registry, name: str = "extract.json") -> str:
    path = tmp_path / name
    path.write_text(dumps(registry), encoding="utf-8")
    return str(path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    status = main(["validate", *argv, "--format", "json"])
    return status, json.loads(capsys.readouterr().out)


def test_the_cli_checks_a_document_as_of_its_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, report = _run(capsys, _write(tmp_path, extract()))
    assert report["on"] == "2018-03-31"
    assert {f["code"] for f in report["findings"]} == {"CAP001", "PLC001"}


def test_the_cli_s_on_overrides_the_document_s_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, report = _run(capsys, _write(tmp_path, extract()), "--on", "2026-12-01")
    assert report["on"] == "2026-12-01"
    assert {"LIC001", "PLC006"} <= {f["code"] for f in report["findings"]}


def test_the_cli_checks_a_document_with_no_date_as_of_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = date.today()
    _, report = _run(capsys, _write(tmp_path, attrs.evolve(extract(), as_of=None)))
    assert date.fromisoformat(report["on"]) in {before, date.today()}
    assert {"LIC001", "PLC006"} <= {f["code"] for f in report["findings"]}


# A world that breaks Bulgarian law (a child under three in residential care, a
# company's service with neither a licence nor a management contract) and a
# rule of every jurisdiction (a placement that ended with no reason).
BULGARIAN = {"AGR001", "AGR003", "CHD001", "CHD002", "LIC001", "LIC002"}


def _elsewhere(jurisdiction: str | None = None) -> Registry:
    since = date(2021, 1, 4)
    return Registry(
        as_of=date(2026, 11, 2),
        jurisdiction=jurisdiction,
        geography=GEOGRAPHY,
        service_types=[ServiceType(code="RES", name="Home", residential=True)],
        providers=[Provider(id="P-IND", name="Company", kind=ProviderKind.COMPANY)],
        services=[
            attrs.evolve(
                _service("S-IND", "LA1", "P-IND", places=5),
                operating=Period(start=since),
                capacity=[CapacityChange(effective=since, places=5)],
                eligibility=Eligibility(target_groups={"children"}, max_age=17),
            )
        ],
        persons=[_child("B1", date(2022, 1, 10)), _child("B2", date(2012, 3, 3))],
        placements=[
            _stay("E1", "B1", "S-IND", date(2023, 1, 2)),
            _stay("E2", "B2", "S-IND", date(2021, 2, 1), date(2022, 2, 1)),
        ],
    )


def _found(report: Any) -> set[str]:
    return {finding["code"] for finding in report["findings"]}


def test_the_cli_applies_bulgarian_law_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, report = _run(capsys, _write(tmp_path, _elsewhere()))
    assert report["law"] == "bulgaria"
    assert {"AGR001", "CHD001", "LIC001", "PLC008"} <= _found(report)


def test_law_none_leaves_out_the_bulgarian_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, report = _run(capsys, _write(tmp_path, _elsewhere()), "--law", "none")
    assert report["law"] == "none"
    assert _found(report) == {"PLC008"}
    assert not BULGARIAN & {row["code"] for row in report["summary"]}
    assert status == 0  # PLC008 is a warning


@pytest.mark.parametrize(
    ("jurisdiction", "argv", "law"),
    [
        ("GB", [], "none"),
        ("BG", [], "bulgaria"),
        ("GB", ["--law", "bulgaria"], "bulgaria"),
        ("BG", ["--law", "none"], "none"),
    ],
)
def test_the_document_s_jurisdiction_chooses_the_law_unless_told(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    jurisdiction: str,
    argv: list[str],
    law: str,
) -> None:
    path = _write(tmp_path, _elsewhere(jurisdiction))
    _, report = _run(capsys, path, *argv)
    assert report["law"] == law
    bulgarian = BULGARIAN & _found(report)
    assert bool(bulgarian) is (law == "bulgaria")
    assert "PLC008" in _found(report)


def test_law_none_with_only_bulgarian_rules_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, _elsewhere())
    with pytest.raises(SystemExit) as caught:
        main(["validate", path, "--law", "none", "--rules", "CHD"])
    assert caught.value.code == 2
    assert "--law" in capsys.readouterr().err


def test_a_document_whose_law_leaves_no_chosen_rule_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, _elsewhere("GB"))
    assert main(["validate", path, "--rules", "CHD"]) == 2
    assert "GB" in capsys.readouterr().err


def test_an_unknown_law_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate", "-", "--law", "england"])
    assert caught.value.code == 2


def test_a_law_the_library_does_not_know_is_refused_by_name() -> None:
    with pytest.raises(InvalidValueError) as caught:
        law_for("england", None)
    assert (caught.value.field, caught.value.value, caught.value.code) == (
        "name",
        "england",
        "unknown_value",
    )
