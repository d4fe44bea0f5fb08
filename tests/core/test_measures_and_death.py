"""What real registers say: the measures and end reasons they record (with
parents, for adoption, special guardianship, an episode that continues into
the next), a person's date of death, and PER005, a placement after it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    EndReason,
    InvalidDocument,
    InvalidValueError,
    Measure,
    Period,
    Person,
    Placement,
    Registry,
    dumps,
    from_dict,
    loads,
    to_dict,
    validate,
)
from socialservices.bulgaria import CHILD_POLICY

from ..worlds import ON, START, adding, child, placement, small_world

NEW_MEASURES = [Measure.WITH_PARENTS, Measure.FOR_ADOPTION]
NEW_END_REASONS = [
    EndReason.SPECIAL_GUARDIANSHIP,
    EndReason.CHILD_ARRANGEMENTS,
    EndReason.CONTINUES,
]
DIED = date(2023, 3, 15)


def _stay(**fields: object) -> Placement:
    base: dict[str, object] = {
        "id": "PL",
        "person": "C",
        "service": "S",
        "period": Period(start=date(2024, 1, 1), end=date(2024, 6, 1)),
    }
    return Placement(**{**base, **fields})  # type: ignore[arg-type]


# -- measures and end reasons in documents ----------------------------------------


@pytest.mark.parametrize("measure", NEW_MEASURES, ids=lambda m: m.value)
def test_a_new_measure_is_written_by_its_lower_case_name_and_read_back(
    measure: Measure,
) -> None:
    stay = _stay(measure=measure)
    document = to_dict(stay)
    assert document["measure"] == measure.name.lower()
    assert from_dict(document, Placement) == stay


@pytest.mark.parametrize("reason", NEW_END_REASONS, ids=lambda r: r.value)
def test_a_new_end_reason_is_written_by_its_lower_case_name_and_read_back(
    reason: EndReason,
) -> None:
    stay = _stay(end_reason=reason)
    document = to_dict(stay)
    assert document["end_reason"] == reason.name.lower()
    assert from_dict(document, Placement) == stay


def test_a_registry_with_every_measure_and_end_reason_round_trips_as_text() -> None:
    stays = [
        placement(f"PL-M{i}", "C4", "S-RES-M3", measure=measure)
        for i, measure in enumerate(Measure)
    ] + [
        placement(
            f"PL-E{i}",
            "C4",
            "S-RES-M3",
            date(2021, 1, 4),
            date(2021, 2, 1),
            end_reason=reason,
        )
        for i, reason in enumerate(EndReason)
    ]
    registry = adding(placements=stays)(small_world())
    assert loads(dumps(registry), Registry) == registry


def test_special_guardianship_and_child_arrangements_are_exits_to_a_family() -> None:
    assert EndReason.SPECIAL_GUARDIANSHIP.is_exit_to_family
    assert EndReason.CHILD_ARRANGEMENTS.is_exit_to_family
    assert EndReason.ADOPTED.is_exit_to_family
    assert not EndReason.CONTINUES.is_exit_to_family


def test_only_a_continuing_episode_is_not_an_exit() -> None:
    assert [reason for reason in EndReason if not reason.is_exit] == [
        EndReason.CONTINUES
    ]


# -- the child policy's order of measures ------------------------------------------


def test_a_measure_the_child_policy_does_not_list_ranks_after_those_it_does() -> None:
    order = CHILD_POLICY.measures
    listed = [order.rank(measure) for measure in order.measures]
    assert listed == [0, 1, 2]
    for measure in NEW_MEASURES:
        assert order.rank(measure) == len(order.measures)


# -- rules on the new members ------------------------------------------------------


def _codes(registry: Registry, on: date | None = ON) -> set[str]:
    return {finding.code for finding in validate(registry, on=on)}


def _episodes(first_end: date, second_start: date) -> Registry:
    return adding(
        persons=[child("C9", home="M3")],
        placements=[
            placement(
                "PL-A",
                "C9",
                "S-RES-M3",
                date(2022, 1, 3),
                first_end,
                end_reason=EndReason.CONTINUES,
            ),
            placement("PL-B", "C9", "S-RES-M3", second_start),
        ],
    )(small_world())


def test_a_continuing_episode_and_the_next_from_its_end_day_are_one_clean_stay() -> (
    None
):
    day = date(2023, 5, 2)
    assert _codes(_episodes(day, day)) == set()
    assert _codes(_episodes(day, day), on=None) == set()


def test_a_continuing_episode_that_ends_a_day_after_the_next_starts_overlaps() -> None:
    day = date(2023, 5, 2)
    assert _codes(_episodes(day + timedelta(days=1), day)) == {"PLC001"}


@pytest.mark.parametrize(
    "reason", [EndReason.ADOPTED, *NEW_END_REASONS], ids=lambda r: r.value
)
def test_a_placement_ended_by_adoption_or_an_order_is_no_finding(
    reason: EndReason,
) -> None:
    registry = adding(
        persons=[child("C9", home="M3")],
        placements=[
            placement(
                "PL-A",
                "C9",
                "S-RES-M3",
                date(2022, 1, 3),
                date(2023, 5, 2),
                end_reason=reason,
            )
        ],
    )(small_world())
    assert _codes(registry) == set()


@pytest.mark.parametrize("measure", NEW_MEASURES, ids=lambda m: m.value)
def test_a_new_measure_in_any_service_is_no_finding(measure: Measure) -> None:
    registry = adding(
        persons=[child("C9", home="M3")],
        placements=[placement("PL-A", "C9", "S-RES-M3", measure=measure)],
    )(small_world())
    assert _codes(registry) == set()


# -- the date of death -------------------------------------------------------------


def test_a_person_s_repr_withholds_the_date_of_death() -> None:
    person = Person(
        id="C1", birth_date=date(2012, 5, 5), home_municipality="M1", died=DIED
    )
    text = repr(person)
    assert "died=<withheld>" in text
    assert "2023" not in text


def test_a_date_of_death_before_the_birth_is_refused_and_withheld() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Person(
            id="C1",
            birth_date=date(2012, 5, 5),
            home_municipality="M1",
            died=date(2012, 5, 4),
        )
    error = caught.value
    assert (error.type_name, error.field, error.code) == (
        "Person",
        "died",
        "before_birth",
    )
    assert error.value == "<withheld>"
    assert "2012" not in str(error)


def test_a_death_on_the_day_of_birth_is_kept() -> None:
    born = date(2012, 5, 5)
    person = Person(id="C1", birth_date=born, home_municipality="M1", died=born)
    assert person.died == born


def test_a_date_of_death_that_is_not_a_date_is_refused() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Person(
            id="C1",
            birth_date=date(2012, 5, 5),
            home_municipality="M1",
            died="2023-03-15",  # type: ignore[arg-type]
        )
    assert (caught.value.field, caught.value.code) == ("died", "wrong_type")


def test_the_date_of_death_round_trips_in_documents() -> None:
    person = child("C9", died=DIED)
    document = to_dict(person)
    assert document["died"] == "2023-03-15"
    assert from_dict(document, Person) == person


def test_a_person_without_a_date_of_death_in_the_document_is_alive() -> None:
    document = to_dict(child("C9"))
    assert "died" not in document  # written only when given
    assert from_dict(document, Person).died is None


def test_a_document_with_a_death_before_the_birth_names_the_field() -> None:
    document = to_dict(small_world())
    document["persons"][0]["died"] = "2000-01-01"
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Registry)
    assert [problem.path for problem in caught.value.problems] == ["$.persons[0].died"]
    assert "2000-01-01" not in str(caught.value)


# -- PER005: a placement after the person's death ----------------------------------


def _placed(
    end: date | None, *, start: date = START, died: date | None = DIED
) -> Registry:
    return adding(
        persons=[child("C9", home="M3", died=died)],
        placements=[placement("PL-C9", "C9", "S-RES-M3", start, end)],
    )(small_world())


def _deaths(registry: Registry, on: date | None = ON) -> list[tuple[object, ...]]:
    return [
        (
            finding.severity.value,
            tuple((s.kind.value, s.id) for s in finding.subjects),
            finding.fields,
            finding.on,
        )
        for finding in validate(registry, on=on)
        if finding.code == "PER005"
    ]


_FOUND = [
    (
        "error",
        (("placement", "PL-C9"), ("person", "C9")),
        ("Placement.period", "Person.died"),
        START,
    )
]


@pytest.mark.parametrize(
    "end",
    [DIED - timedelta(days=1), DIED],
    ids=["ends the day before the death", "ends on the day of death"],
)
def test_a_placement_that_ends_by_the_day_of_death_is_no_finding(end: date) -> None:
    assert _deaths(_placed(end)) == []
    assert _deaths(_placed(end), on=None) == []


@pytest.mark.parametrize(
    "end",
    [DIED + timedelta(days=1), date(2024, 1, 1), None],
    ids=["ends the day after", "ends later", "open-ended"],
)
def test_a_placement_in_force_after_the_death_is_a_finding(end: date | None) -> None:
    assert _deaths(_placed(end)) == _FOUND
    assert _deaths(_placed(end), on=None) == _FOUND


@pytest.mark.parametrize(
    "start",
    [DIED, DIED + timedelta(days=30)],
    ids=["starts on the day of death", "starts after it"],
)
def test_a_placement_that_starts_on_or_after_the_death_is_a_finding(
    start: date,
) -> None:
    (found,) = _deaths(_placed(None, start=start))
    assert found[1:3] == _FOUND[0][1:3]
    assert found[3] == start


def test_a_placement_of_a_person_with_no_date_of_death_is_no_finding() -> None:
    assert _deaths(_placed(None, died=None)) == []


def test_a_death_after_the_day_of_the_audit_is_not_yet_known() -> None:
    registry = _placed(None)
    assert _deaths(registry, on=DIED - timedelta(days=1)) == []
    assert len(_deaths(registry, on=DIED)) == 1


def test_the_finding_gives_neither_the_date_of_death_nor_the_birth_date() -> None:
    born = date(2012, 5, 5)
    registry = adding(
        persons=[child("C9", home="M3", born=born, died=DIED)],
        placements=[
            placement("PL-C9", "C9", "S-RES-M3", START),
            placement("PL-C9b", "C9", "S-FOS-M2", date(2023, 4, 3), date(2023, 4, 4)),
        ],
    )(small_world())
    findings = [f for f in validate(registry, on=ON) if f.code == "PER005"]
    assert len(findings) == 2
    for finding in findings:
        for day in (born, DIED):
            assert day.isoformat() not in finding.message
            assert finding.on != day


# -- strategies ---------------------------------------------------------------------


@given(st.from_type(Person))
def test_generated_people_die_if_at_all_on_or_after_their_birth(person: Person) -> None:
    assert person.died is None or person.died >= person.birth_date
    assert from_dict(to_dict(person), Person) == person
