"""Validation as an API: entry points, reports, custom rules, and the seed story."""

from __future__ import annotations

import calendar
import itertools
from datetime import date, timedelta

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    DEFAULT_RULES,
    Entity,
    Finding,
    InvalidValueError,
    Period,
    Registry,
    Rule,
    Severity,
    age_on,
    from_dict,
    is_valid,
    iter_findings,
    select_rules,
    to_dict,
    validate,
)
from socialservices.bulgaria import CHILD_POLICY, GEOGRAPHY
from socialservices.examples import SCENARIO_DATE, sofia_oblast
from socialservices.strategies import registries
from socialservices.validation import FAMILIES, Facts
from socialservices.validation._coverage import gaps
from socialservices.validation._facts import age
from socialservices.validation._vacancies import Questions

from ..worlds import ON
from ..worlds import small_world as world

# -- the catalogue ----------------------------------------------------------------


def test_the_catalogue_has_every_family_and_at_least_thirty_rules() -> None:
    assert len(DEFAULT_RULES) >= 30
    assert {rule.family for rule in DEFAULT_RULES} == {f.code for f in FAMILIES}
    codes = [rule.code for rule in DEFAULT_RULES]
    assert codes == sorted(set(codes))


def test_rules_about_children_cite_the_child_protection_act() -> None:
    cited = {rule.code: rule.basis for rule in DEFAULT_RULES if rule.basis}
    assert set(cited) >= {"CHD001", "CHD002"}
    assert all(
        citation.act_en == "Child Protection Act"
        for code in ("CHD001", "CHD002")
        for citation in cited[code]
    )


def test_a_rule_code_must_name_a_family_and_a_number() -> None:
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(DEFAULT_RULES[0], code="ref1")
    assert caught.value.code == "malformed"


# -- the seed story ---------------------------------------------------------------


def test_children_placed_out_of_sofia_oblast_are_reported_with_the_room_at_home() -> (
    None
):
    registry = sofia_oblast()
    report = validate(registry, on=SCENARIO_DATE)
    audit = {finding.subjects[0].id: finding for finding in report.by_code()["LOC001"]}
    # Правец (C-03, C-04), Пирдоп (C-15) and Драгоман (C-17), and an old one of Самоков
    assert set(audit) == {"PL-13", "PL-14", "PL-15", "PL-17", "PL-16"}
    for placement_id, finding in audit.items():
        placement = next(p for p in registry.placements if p.id == placement_id)
        person = registry.person(placement.person)
        day = placement.period.start
        assert finding.on == day
        assert finding.severity is Severity.ERROR
        room = {
            service.id: registry.free_places(
                service.id, day, home=person.home_municipality
            )
            for service in registry.services
            if GEOGRAPHY.municipality(service.municipality).region == "SFO"
            and service.type == "FTPC"
        }
        named = {item.service: item.places for item in finding.free_places}
        assert named == {id: free for id, free in room.items() if free and free > 0}
        tiers = [int(item.proximity or 0) for item in finding.free_places]
        assert tiers == sorted(tiers)  # closest first
        assert finding.concerns(Entity.PERSON, person.id)


# -- entry points -----------------------------------------------------------------


def test_the_three_entry_points_agree() -> None:
    registry = sofia_oblast()
    report = validate(registry, on=SCENARIO_DATE)
    assert list(iter_findings(registry, on=SCENARIO_DATE)) == list(report)
    assert is_valid(registry, on=SCENARIO_DATE) is report.is_valid is False
    assert is_valid(world(), on=ON)
    assert report.rules == tuple(rule.code for rule in DEFAULT_RULES)


def test_arguments_are_checked_before_any_finding() -> None:
    with pytest.raises(InvalidValueError) as caught:
        iter_findings("registry")  # type: ignore[arg-type]
    assert caught.value.code == "wrong_type"
    with pytest.raises(InvalidValueError):
        validate(world(), on="2026-11-02")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError) as caught:
        validate(world(), rules=[DEFAULT_RULES[0], DEFAULT_RULES[0]])
    assert caught.value.code == "duplicate"
    with pytest.raises(InvalidValueError) as caught:
        validate(world(), rules="REF001")  # type: ignore[arg-type]
    assert caught.value.code == "wrong_type"
    with pytest.raises(InvalidValueError):
        validate(world(), rules=[object()])  # type: ignore[list-item]


def test_rules_are_selected_by_code_or_family() -> None:
    chosen = select_rules(include=["LOC", "CAP001"], exclude=["LOC002"])
    assert [rule.code for rule in chosen] == ["CAP001", "LOC001"]
    assert select_rules() == DEFAULT_RULES
    with pytest.raises(InvalidValueError) as caught:
        select_rules(include=["LOC003"])
    assert caught.value.code == "unknown_value"
    with pytest.raises(InvalidValueError):
        select_rules(exclude="LOC")
    only_loc = validate(
        sofia_oblast(), on=SCENARIO_DATE, rules=select_rules(include=["LOC"])
    )
    assert {finding.family for finding in only_loc} == {"LOC"}


def _every_service(rule: Rule, facts: Facts) -> list[Finding]:
    return [
        rule.finding(
            f"service {s.id}",
            (Entity.SERVICE, s.id),
            on=None if s.operating is None else s.operating.start,
        )
        for s in facts.registry.services
    ]


def test_callers_can_add_their_own_rules() -> None:
    mine = Rule(
        code="OWN001",
        title="Every service",
        severity=Severity.INFO,
        rationale="A rule of the caller's own.",
        check=_every_service,
    )
    report = validate(world(), rules=(*DEFAULT_RULES, mine))
    assert [f.subjects[0].id for f in report] == [s.id for s in world().services]
    assert {f.severity for f in report} == {Severity.INFO}
    assert report.is_valid


def test_a_rule_reports_only_days_on_which_it_is_in_force() -> None:
    mine = Rule(
        code="OWN001",
        title="Every service",
        severity=Severity.ERROR,
        rationale="A rule of the caller's own.",
        check=_every_service,
        in_force=Period(start=date(2020, 1, 2)),
    )
    assert validate(world(), rules=[mine]).findings == ()
    earlier = attrs.evolve(mine, in_force=Period(start=date(2020, 1, 1)))
    assert len(validate(world(), rules=[earlier])) == len(world().services)


def test_a_check_must_yield_findings_of_its_own_rule() -> None:
    def wrong(rule: Rule, facts: Facts) -> list[Finding]:
        return [attrs.evolve(rule.finding("x"), code="OTHER001")]

    mine = Rule(
        code="OWN001", title="t", severity=Severity.ERROR, rationale="r", check=wrong
    )
    with pytest.raises(InvalidValueError):
        validate(world(), rules=[mine])


def test_an_audit_on_a_date_leaves_out_what_happens_later() -> None:
    registry = sofia_oblast()
    later = {f.code for f in validate(registry)} - {
        f.code for f in validate(registry, on=SCENARIO_DATE)
    }
    assert later == {
        "AGR003",
        "LIC001",
    }  # the contract lapses in 2027, the licence in 2031
    assert all(
        f.on is None or f.on <= SCENARIO_DATE
        for f in validate(registry, on=SCENARIO_DATE)
    )


# -- reports ----------------------------------------------------------------------


def test_a_report_groups_by_code_severity_and_entity() -> None:
    report = validate(sofia_oblast(), on=SCENARIO_DATE)
    assert list(report.by_code()) == sorted(report.by_code())
    assert sum(report.counts().values()) == len(report)
    severities = list(report.by_severity())
    assert severities == [s for s in Severity if s in severities]
    assert report.errors == report.with_severity(Severity.ERROR)
    assert len(report.errors) + len(report.warnings) == len(report)
    by_subject = report.by_subject()
    for subject, found in by_subject.items():
        assert found == report.about(subject.kind, subject.id)
    assert list(by_subject) == sorted(by_subject)


def test_a_report_round_trips_as_data() -> None:
    report = validate(sofia_oblast(), on=SCENARIO_DATE)
    assert from_dict(to_dict(report), type(report)) == report


# -- the pieces, against the obvious ----------------------------------------------


@given(
    st.dates(date(1900, 1, 1), date(2100, 12, 31)),
    st.dates(date(1900, 1, 1), date(2100, 12, 31)),
)
def test_ages_are_dateutils_calendar_years(birth: date, day: date) -> None:
    assert age(birth, day) == age_on(birth, day) == relativedelta(day, birth).years


def test_the_fast_age_of_a_leapling() -> None:
    leapling = date(2008, 2, 29)
    assert [age(leapling, d) for d in (date(2026, 2, 27), date(2026, 2, 28))] == [
        17,
        18,
    ]
    assert calendar.isleap(2028)
    assert (
        age(leapling, date(2028, 2, 28))
        == relativedelta(date(2028, 2, 28), leapling).years
        == 19
    )


_SMALL_DAYS = st.integers(0, 40).map(lambda n: date(2024, 2, 10) + timedelta(days=n))


@st.composite
def _small_periods(draw: st.DrawFn) -> Period:
    start = draw(_SMALL_DAYS)
    end = draw(st.none() | _SMALL_DAYS.filter(lambda d: d >= start))
    return Period(start=start, end=end)


@given(_small_periods(), st.lists(_small_periods(), max_size=4))
def test_gaps_are_the_days_no_cover_reaches(
    within: Period, covers: list[Period]
) -> None:
    horizon = date(2024, 2, 10) + timedelta(days=60)
    found = gaps(within, covers)
    day = within.start
    while day < (within.end or horizon):
        in_gap = any(gap.contains(day) for gap in found)
        assert in_gap == (not any(cover.contains(day) for cover in covers))
        day += timedelta(days=1)
    for before, after in itertools.pairwise(found):
        assert before.end is not None
        assert before.end < after.start  # gaps are separate runs


@given(registries(max_services=5, max_placements=20), st.data())
def test_free_services_agree_with_asking_each_service(
    registry: Registry, data: st.DataObject
) -> None:
    if not registry.persons:
        return
    facts = Facts(registry, on=None, policy=CHILD_POLICY)
    local = data.draw(st.booleans())  # ask about municipalities, or regions
    questions = Questions(within_municipality=local)
    geography = registry.geography
    areas = geography.municipalities if local else geography.regions
    for _ in range(5):
        person = data.draw(st.sampled_from(registry.persons))
        day = data.draw(st.dates(date(2015, 6, 1), date(2027, 1, 1)))
        region = data.draw(st.sampled_from([area.code for area in areas]))
        profile = data.draw(
            st.sampled_from([(True, False), (False, True), (False, False)])
        )
        questions.ask(day, region, profile, person)
    answers = facts.vacancies.answer(questions)
    for number in range(len(questions)):
        day, region = questions.days[number], questions.regions[number]
        profile, person = questions.profiles[number], questions.persons[number]
        answer = answers.get(number, [])
        expected = []
        for service in registry.services:
            kind = registry.service_type(service.type)
            where = service.municipality
            area = where if local else facts.region_of(where)
            if area != region or (kind.residential, kind.family_based) != profile:
                continue
            free = registry.free_places(service.id, day, home=person.home_on(day))
            admitted = service.eligibility.admits(person, on=day) and (
                not kind.residential
                or CHILD_POLICY.allows_residential_care(person, day)
            )
            if free is not None and free > 0 and admitted:
                expected.append((service.id, free))
        assert [(s.id, free) for s, free in answer] == sorted(expected)
