"""England's SSDA903 episodes, read through ``tools/ssda903.py``: the findings
both sides define the same way agree, child by child and episode by episode.

The data are the SSDA903 validator's fake extract and the sample and damaged
copies cut from it, read from ``../shared/external/ssda903/`` at test time
(never copied into the project; the tests skip when the folder is absent).
Each expectation is computed here, from the CSV files, independently of the
converter and of the library's rules.
"""

from __future__ import annotations

import csv
import importlib.util
import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import pytest

from socialservices import Entity, Finding, Measure, Report, Salvage

REPOSITORY = Path(__file__).resolve().parents[2]
SCRIPT = REPOSITORY / "tools" / "ssda903.py"
EXTERNAL = REPOSITORY.parent / "shared" / "external" / "ssda903"
AS_OF = date(2018, 3, 31)  # the fake extract's collection year ends on 31 March 2018

pytestmark = pytest.mark.skipif(
    not (EXTERNAL / "sample" / "episodes.csv").is_file(),
    reason="../shared/external/ssda903 is not there",
)


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ssda903", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Extract(NamedTuple):
    """One extract: its rows as read here, the converter's document, and
    what salvage and validation made of it."""

    header: list[dict[str, str]]
    episodes: list[dict[str, str]]
    document: dict[str, Any]
    salvaged: Salvage
    report: Report


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


_EXTRACTS: dict[str, Extract] = {}


def extract(name: str) -> Extract:
    """The extract in ``../shared/external/ssda903/NAME``, converted once."""
    if name not in _EXTRACTS:
        script = _load_script()
        convert: Callable[[Path], dict[str, Any]] = script.convert_folder
        check: Callable[[Mapping[str, Any]], tuple[Salvage, Report]] = script.check
        folder = EXTERNAL / name
        document = convert(folder)
        salvaged, report = check(document)
        _EXTRACTS[name] = Extract(
            _rows(folder / "header.csv"),
            _rows(folder / "episodes.csv"),
            document,
            salvaged,
            report,
        )
    return _EXTRACTS[name]


def parsed(text: str) -> date | None:
    """An SSDA903 date (dd/mm/yyyy), or None when blank or not a date."""
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


def episode_id(row: int) -> str:
    return f"EP{row:05d}"


def placements_of(findings: Iterable[Finding]) -> set[str]:
    return {
        subject.id
        for finding in findings
        for subject in finding.subjects
        if subject.kind is Entity.PLACEMENT
    }


def subjects(findings: Iterable[Finding], kind: Entity) -> set[str]:
    return {
        subject.id
        for finding in findings
        for subject in finding.subjects
        if subject.kind is kind
    }


def found(data: Extract, code: str) -> tuple[Finding, ...]:
    return data.report.by_code().get(code, ())


def set_aside(data: Extract, collection: str) -> dict[str, list[tuple[str, str]]]:
    """The records of ``collection`` set aside: id -> [(code, path)]."""
    return {
        str(record.id): [(problem.code, problem.path) for problem in record.problems]
        for record in data.salvaged.set_aside
        if record.collection == collection
    }


class Span(NamedTuple):
    row: int
    child: str
    start: date
    end: date | None  # None: open


def spans(data: Extract) -> list[Span]:
    """The episodes whose dates read and end on or after they start."""
    kept = []
    for row, episode in enumerate(data.episodes):
        start, end = parsed(episode["DECOM"]), parsed(episode["DEC"])
        if start is None or (episode["DEC"] and end is None):
            continue
        if end is not None and end < start:
            continue
        kept.append(Span(row, episode["CHILD"], start, end))
    return kept


def _root(group: dict[int, int], row: int) -> int:
    while group[row] != row:
        row = group[row]
    return row


def overlap_runs(data: Extract) -> set[frozenset[str]]:
    """Each child's runs of overlapping episodes, by brute force: the connected
    groups of episodes that share a day ([DECOM, DEC), open when DEC is blank),
    counting only episodes that start by the extract's date."""
    by_child: dict[str, list[Span]] = defaultdict(list)
    for span in spans(data):
        if span.start <= AS_OF:
            by_child[span.child].append(span)
    runs: set[frozenset[str]] = set()
    for stays in by_child.values():
        group = {span.row: span.row for span in stays}
        for i, one in enumerate(stays):
            for other in stays[i + 1 :]:
                ends = [end for end in (one.end, other.end) if end is not None]
                if max(one.start, other.start) < min(ends, default=date.max):
                    group[_root(group, one.row)] = _root(group, other.row)
        members: dict[int, set[str]] = defaultdict(set)
        for span in stays:
            members[_root(group, span.row)].add(episode_id(span.row))
        runs |= {frozenset(run) for run in members.values() if len(run) > 1}
    return runs


def validator_overlaps(data: Extract) -> set[str]:
    """The episodes the SSDA903 validator flags as overlapping: rule 501 (an
    episode starts before the previous one's DEC) and rule 142 (an episode
    that is not the child's last has no DEC), previous and last by DECOM."""
    by_child: dict[str, list[Span]] = defaultdict(list)
    for span in spans(data):
        by_child[span.child].append(span)
    flagged = set()
    for stays in by_child.values():
        stays.sort(key=lambda span: (span.start, span.row))
        for previous, span in itertools.pairwise(stays):
            if previous.end is not None and span.start < previous.end:  # 501
                flagged.add(episode_id(span.row))
            if previous.end is None:  # 142
                flagged.add(episode_id(previous.row))
    return flagged


def unseen_pairs(data: Extract) -> set[frozenset[str]]:
    """Pairs of a child's overlapping episodes that are not next to each other
    in DECOM order, so that the validator's rules never compare them."""
    by_child: dict[str, list[Span]] = defaultdict(list)
    for span in spans(data):
        by_child[span.child].append(span)
    pairs = set()
    for stays in by_child.values():
        stays.sort(key=lambda span: (span.start, span.row))
        for i, one in enumerate(stays):
            for other in stays[i + 2 :]:
                empty = other.end == other.start
                if not empty and (one.end is None or other.start < one.end):
                    pairs.add(frozenset({episode_id(one.row), episode_id(other.row)}))
    return pairs


# The document ---------------------------------------------------------------


def test_the_sample_reads_whole_as_of_its_31_march_in_england() -> None:
    data = extract("sample")
    registry = data.salvaged.registry
    assert data.salvaged.complete
    assert registry.as_of == AS_OF
    assert registry.jurisdiction == "GB-ENG"
    assert sorted(person.id for person in registry.persons) == sorted(
        child["CHILD"] for child in data.header
    )
    assert sorted(placement.id for placement in registry.placements) == [
        episode_id(row) for row in range(len(data.episodes))
    ]


def test_the_conversion_agrees_with_the_reference_conversion() -> None:
    data = extract("sample")
    reference = json.loads(
        (EXTERNAL / "converted" / "sample" / "registry.json").read_text(
            encoding="utf-8"
        )
    )

    def placements(document: Mapping[str, Any]) -> set[tuple[str, ...]]:
        return {
            (
                p["id"],
                p["person"],
                p["period"]["start"],
                str(p["period"]["end"]),
                str(p["legal_basis"]),
            )
            for p in document["placements"]
        }

    def services(document: Mapping[str, Any]) -> set[tuple[str, ...]]:
        return {(s["id"], s["type"], s["municipality"]) for s in document["services"]}

    def persons(document: Mapping[str, Any]) -> set[tuple[str, ...]]:
        return {(p["id"], p["birth_date"]) for p in document["persons"]}

    assert placements(data.document) == placements(reference)
    assert persons(data.document) == persons(reference)
    # where the two differ, on purpose: the reference was made before a
    # placement could be in no service, with parents or for adoption, and
    # before a service's opening could be left unrecorded
    place = {str(row): e["PLACE"] for row, e in enumerate(data.episodes)}
    ours = {p["id"]: p for p in data.document["placements"]}
    theirs = {p["id"]: p for p in reference["placements"]}
    for id, placement in ours.items():
        kind = place[id[2:].lstrip("0") or "0"]
        expected = {"P1": "with_parents", "A3": "for_adoption", "A4": "for_adoption",
                    "A5": "for_adoption", "A6": "for_adoption"}.get(kind, theirs[id]["measure"])  # fmt: skip
        assert placement["measure"] == expected
        assert placement["service"] == (None if kind == "P1" else theirs[id]["service"])
    in_use = {p["service"] for p in ours.values()}
    assert services(data.document) == {s for s in services(reference) if s[0] in in_use}
    assert {s["operating"] for s in data.document["services"]} == {None}
    # the reference takes the home of the first episode, even one with no
    # postcode, as the only home; the converter keeps each episode's: on the
    # day of the reference's first episode, the home is the reference's
    people = {p.id: p for p in data.salvaged.registry.persons}
    first: dict[str, date] = {}
    for span in sorted(spans(data), key=lambda span: (span.start, span.row)):
        first.setdefault(span.child, span.start)
    for person in reference["persons"]:
        if person["home_municipality"] != "UNKNOWN":
            home = people[person["id"]].home_on(first[person["id"]])
            assert home == person["home_municipality"]


def test_the_home_on_each_episode_is_that_episodes_postcode_district() -> None:
    data = extract("fake_data")
    persons = {p.id: p for p in data.salvaged.registry.persons}
    districts: dict[tuple[str, date], set[str]] = {}
    latest: dict[str, tuple[date, int, str]] = {}
    for span in spans(data):
        postcode = data.episodes[span.row]["HOME_POST"]
        if postcode:
            code = postcode.split()[0]
            districts.setdefault((span.child, span.start), set()).add(code)
            if (
                span.child not in latest
                or (span.start, span.row) > latest[span.child][:2]
            ):
                latest[span.child] = (span.start, span.row, code)
    checked = moved = 0
    for (child, start), seen in districts.items():
        if len(seen) == 1:  # two districts on one day: either may be the home
            assert persons[child].home_on(start) == next(iter(seen))
            checked += 1
    for child, (_, _, code) in latest.items():
        assert persons[child].home_municipality == code
        moved += bool(persons[child].previous_homes)
    assert checked > 4000
    assert moved > 1000  # children whose home changed during care
    unknown = {p.id for p in persons.values() if p.home_municipality == "UNKNOWN"}
    assert unknown == set(persons) - set(latest)
    assert subjects(found(data, "REF007"), Entity.PERSON) == unknown


def test_an_episode_placed_with_parents_is_in_no_service() -> None:
    data = extract("fake_data")
    with_parents = {
        episode_id(row) for row, e in enumerate(data.episodes) if e["PLACE"] == "P1"
    }
    placements = {p.id: p for p in data.salvaged.registry.placements}
    assert with_parents
    assert {id for id, p in placements.items() if p.service is None} == with_parents
    assert {placements[id].measure for id in with_parents} == {Measure.WITH_PARENTS}
    services = {p.service for p in placements.values()}
    assert len(data.salvaged.registry.services) == len(services - {None})


# The findings both sides define the same way ----------------------------------


@pytest.mark.parametrize("name", ["sample", "damaged", "fake_data"])
def test_overlapping_episodes_are_one_PLC001_per_run_of_a_child(name: str) -> None:
    data = extract(name)
    findings = found(data, "PLC001")
    expected = overlap_runs(data)
    assert expected  # the data have overlaps
    assert {frozenset(placements_of([finding])) for finding in findings} == expected
    assert len(findings) == len(expected)
    children = {data.episodes[int(next(iter(run))[2:])]["CHILD"] for run in expected}
    assert subjects(findings, Entity.PERSON) == children


def test_every_overlap_the_validator_flags_is_in_a_PLC001_run() -> None:
    data = extract("fake_data")
    flagged = validator_overlaps(data)
    runs = {frozenset(placements_of([finding])) for finding in found(data, "PLC001")}
    assert flagged
    assert flagged <= set().union(*runs)
    # and PLC001 also holds overlapping episodes that rules 501 and 142 never
    # compare: they look at each episode and the one before it only
    unseen = unseen_pairs(data)
    assert unseen
    assert all(any(pair <= run for run in runs) for pair in unseen)


@pytest.mark.parametrize("name", ["sample", "damaged", "fake_data"])
def test_an_episode_ending_the_day_it_starts_is_PER001(name: str) -> None:
    data = extract(name)  # SSDA903 rule 355: DECOM == DEC
    expected = {
        episode_id(row)
        for row, episode in enumerate(data.episodes)
        if episode["DEC"] == episode["DECOM"] and parsed(episode["DECOM"]) is not None
    }
    assert placements_of(found(data, "PER001")) == expected
    if name == "damaged":
        assert expected == {episode_id(6)}


@pytest.mark.parametrize("name", ["sample", "damaged", "fake_data"])
def test_an_episode_ending_before_it_starts_is_set_aside(name: str) -> None:
    data = extract(name)  # SSDA903 rule 356
    expected = {
        episode_id(row)
        for row, episode in enumerate(data.episodes)
        if (start := parsed(episode["DECOM"])) is not None
        and (end := parsed(episode["DEC"])) is not None
        and end < start
    }
    before_start = {
        str(record.id)
        for record in data.salvaged.set_aside
        if record.collection == "placements"
        and any(problem.detail == "before_start" for problem in record.problems)
    }
    assert before_start == expected
    if name == "damaged":
        assert expected == {episode_id(0)}


def test_dates_that_are_not_dates_set_their_records_aside() -> None:
    data = extract("damaged")  # SSDA903 rules 141 (DECOM), 147 (DEC), 102 (DOB)
    expected = {
        (episode_id(row), field)
        for row, episode in enumerate(data.episodes)
        for column, field in (("DECOM", "start"), ("DEC", "end"))
        if episode[column] and parsed(episode[column]) is None
    }
    aside = set_aside(data, "placements")
    assert {
        (id, path.rsplit(".", 1)[1])
        for id, problems in aside.items()
        for code, path in problems
        if code == "invalid_date"
    } == expected
    assert expected == {(episode_id(10), "start"), (episode_id(14), "end")}
    births = {child["CHILD"] for child in data.header if parsed(child["DOB"]) is None}
    people = set_aside(data, "persons")
    assert set(people) == births == {"512087"}
    assert people["512087"] == [("invalid_date", "$.persons[9].birth_date")]


@pytest.mark.parametrize("name", ["sample", "damaged", "fake_data"])
def test_an_episode_before_the_birth_is_PER002(name: str) -> None:
    data = extract(name)  # SSDA903 rule 302 asks it of the first episode
    born = {child["CHILD"]: parsed(child["DOB"]) for child in data.header}
    expected = {
        episode_id(span.row)
        for span in spans(data)
        if (birth := born.get(span.child)) is not None and span.start < birth
    }
    assert placements_of(found(data, "PER002")) == expected
    if name == "damaged":
        assert expected == {episode_id(13)}


@pytest.mark.parametrize("name", ["sample", "damaged", "fake_data"])
def test_a_reason_without_an_end_is_PLC009_and_an_end_without_a_reason_PLC008(
    name: str,
) -> None:
    data = extract(name)  # SSDA903 rule 148: DEC and REC both given or both blank
    readable = {episode_id(span.row) for span in spans(data)}
    reason_only = {
        episode_id(row)
        for row, episode in enumerate(data.episodes)
        if not episode["DEC"] and episode["REC"]
    }
    end_only = {
        episode_id(row)
        for row, episode in enumerate(data.episodes)
        if episode["DEC"] and not episode["REC"]
    }
    aside = set(set_aside(data, "placements"))
    assert placements_of(found(data, "PLC009")) == (reason_only & readable) - aside
    assert placements_of(found(data, "PLC008")) == (end_only & readable) - aside


@pytest.mark.parametrize("name", ["sample", "damaged", "fake_data"])
def test_a_child_of_18_in_care_is_PLC006(name: str) -> None:
    data = extract(name)
    born = {child["CHILD"]: parsed(child["DOB"]) for child in data.header}
    aside = set(set_aside(data, "placements"))
    expected, started_adult = set(), set()
    for span in spans(data):
        birth = born.get(span.child)
        if birth is None or span.start < birth or episode_id(span.row) in aside:
            continue
        if birth.month == 2 and birth.day == 29:
            birth = birth.replace(day=28)
        adult_from = max(birth.replace(year=birth.year + 18), span.start)
        if adult_from < (span.end or AS_OF + timedelta(days=1)):  # open: up to AS_OF
            expected.add(episode_id(span.row))
        if span.start >= birth.replace(year=birth.year + 18):
            started_adult.add(episode_id(span.row))
    in_finding = placements_of(found(data, "PLC006"))
    assert in_finding == expected
    assert started_adult <= in_finding  # SSDA903 rule 352: aged 18 at the start
    if name == "damaged":
        assert started_adult == {episode_id(43), episode_id(44), episode_id(45)}


def test_a_child_not_in_the_header_is_REF005_and_one_twice_REF001() -> None:
    data = extract("damaged")
    children = [child["CHILD"] for child in data.header]
    unknown = {
        episode_id(row)
        for row, episode in enumerate(data.episodes)
        if episode["CHILD"] not in children
    }
    twice = {child for child in children if children.count(child) > 1}
    assert placements_of(found(data, "REF005")) == unknown == {episode_id(12)}
    assert subjects(found(data, "REF001"), Entity.PERSON) == twice == {"733831"}


def test_a_placement_type_that_is_not_a_code_is_REF003() -> None:
    data = extract("damaged")  # SSDA903 rule 146
    script = _load_script()
    codes: Mapping[str, object] = script.PLACEMENT_TYPES
    rows = [
        row
        for row, episode in enumerate(data.episodes)
        if episode["PLACE"] not in codes
    ]
    assert rows == [15]
    services = subjects(found(data, "REF003"), Entity.SERVICE)
    by_id = {placement.id: placement for placement in data.salvaged.registry.placements}
    assert services == {by_id[episode_id(row)].service for row in rows}


def test_a_setting_without_a_postcode_is_REF004() -> None:
    data = extract("damaged")  # SSDA903 rule 392b asks for PL_POST
    service_of = [placement["service"] for placement in data.document["placements"]]
    blank = {
        service_of[row]
        for row, episode in enumerate(data.episodes)
        if not episode["PL_POST"].strip()
    }
    assert subjects(found(data, "REF004"), Entity.SERVICE) == blank
    assert service_of[21] in blank  # the postcode the damaged copy took away


def test_a_urn_with_a_space_sets_aside_its_setting_and_episode() -> None:
    data = extract("damaged")  # SSDA903 rule 1008
    assert set_aside(data, "placements")[episode_id(18)] == [
        ("invalid_value", "$.placements[18].service")
    ]
    services = [
        record for record in data.salvaged.set_aside if record.collection == "services"
    ]
    assert [(record.id, [p.path for p in record.problems]) for record in services] == [
        (None, [f"{services[0].path}.id"])
    ]


def test_every_defect_of_the_damaged_copy_is_reported() -> None:
    data = extract("damaged")
    manifest = json.loads((EXTERNAL / "damaged" / "manifest.json").read_text("utf-8"))
    aside = set(set_aside(data, "placements")) | set(set_aside(data, "persons"))
    named = placements_of(data.report.findings) | subjects(
        data.report.findings, Entity.PERSON
    )
    by_id = {placement.id: placement for placement in data.salvaged.registry.placements}
    services = subjects(data.report.findings, Entity.SERVICE)
    for defect in manifest:
        if defect["table"] == "episodes":
            id = episode_id(defect["row"])
            assert id in aside or id in named or by_id[id].service in services, defect
        else:
            child = data.header[defect["row"]]["CHILD"]
            assert child in aside or child in named, defect
