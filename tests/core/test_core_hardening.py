"""Issue 15, the core values and the registry: the edge of the calendar, no
national ids or birth dates on display, no invisible characters in ids,
building a registry bit by bit in linear time, and ``free_places`` arguments.
"""

from __future__ import annotations

import calendar
import pickle
import sys
import threading
import time
import unicodedata
from collections.abc import Callable
from datetime import date

import attrs
import pytest
from dateutil.relativedelta import MO, relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from socialservices import (
    CapacityChange,
    Eligibility,
    InvalidDocument,
    InvalidValueError,
    Period,
    Person,
    Placement,
    PlacementRequest,
    Registry,
    Service,
    UnknownReferenceError,
    age_on,
    from_dict,
    to_dict,
    validate,
)
from socialservices._checks import IDENTIFIER, is_egn
from socialservices._registry import COLLECTIONS
from socialservices.bulgaria import is_valid_egn
from socialservices.examples import SCENARIO_DATE, sofia_oblast
from socialservices.strategies import registries

EGN = "8032056031"  # valid: born 5 December 1880 (the Bulgarian docs' example)
NOT_EGN = "8032056032"  # ten digits, wrong check digit
BORN = date(2016, 2, 29)


def _person(id: str = "C-1", born: date = BORN) -> Person:
    return Person(id=id, birth_date=born, home_municipality="SFO34")


def _placement(
    number: int, *, service: str = "S1", start: date | None = None
) -> Placement:
    return Placement(
        id=f"PL-{number:06d}",
        person=f"C-{number}",
        service=service,
        period=Period(start=start or date(2026, 1, 1)),
    )


def _service(id: str = "S1", places: int = 10) -> Service:
    return Service(
        id=id,
        name="ЦНСТ",
        type="FTPC",
        provider="P1",
        municipality="SFO34",
        operating=Period(start=date.min),
        capacity=[CapacityChange(effective=date.min, places=places)],
    )


# -- item 3: no date a caller can pass crashes anything ---------------------------


@pytest.mark.parametrize(
    ("start", "term"),
    [
        (date(9999, 6, 1), relativedelta(years=1)),
        (date.max, relativedelta(days=1)),
        (date(9999, 12, 31), relativedelta(weekday=MO(+1))),
        (date(2026, 1, 1), relativedelta(years=100_000)),
        (date.min, relativedelta(year=10_000)),
    ],
)
def test_a_term_past_the_calendar_gives_an_open_ended_period(
    start: date, term: relativedelta
) -> None:
    period = Period.from_term(start, term)
    assert period == Period(start=start)
    assert period.contains(date.max)


@pytest.mark.parametrize(
    ("start", "term"),
    [
        (date.min, relativedelta(days=-1)),
        (date(2, 1, 1), relativedelta(years=-1, days=-400)),
        (date(9999, 1, 1), relativedelta(years=-100_000)),
    ],
)
def test_a_term_ending_before_the_calendar_is_refused_as_before_start(
    start: date, term: relativedelta
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Period.from_term(start, term)
    assert (caught.value.type_name, caught.value.field) == ("Period", "term")
    assert caught.value.code == "before_start"
    assert caught.value.value is term


@pytest.mark.parametrize(
    "term", [relativedelta(hours=25), relativedelta(seconds=1), relativedelta(hour=3)]
)
def test_a_term_with_a_time_of_day_is_refused(term: relativedelta) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Period.from_term(date(2026, 1, 1), term)
    assert (caught.value.field, caught.value.code) == ("term", "not_whole_days")


@pytest.mark.parametrize(
    ("term", "end"),
    [
        (relativedelta(years=4), date(2028, 2, 29)),
        (relativedelta(years=1), date(2025, 2, 28)),
        (relativedelta(months=12), date(2025, 2, 28)),
        (relativedelta(days=1), date(2024, 3, 1)),
    ],
)
def test_a_term_from_29_february(term: relativedelta, end: date) -> None:
    assert Period.from_term(date(2024, 2, 29), term).end == end


def test_terms_up_to_the_last_day_of_the_calendar_keep_their_end() -> None:
    assert Period.from_term(date(9999, 12, 30), relativedelta(days=1)).end == date.max
    assert Period.from_term(date.max, relativedelta()).days == 0


@pytest.mark.parametrize("day", [date.min, date(1, 1, 2), date(9999, 12, 30), date.max])
def test_registry_queries_at_the_edges_of_the_calendar(day: date) -> None:
    placements = [
        _placement(1, start=date.min),
        Placement(
            id="PL-2",
            person="C-2",
            service="S1",
            period=Period(start=date(9999, 12, 30), end=date.max),
        ),
    ]
    registry = Registry(services=[_service()], placements=placements)
    occupied = 2 if day == date(9999, 12, 30) else 1
    assert registry.capacity("S1", day) == 10
    assert registry.occupied("S1", day) == occupied
    assert registry.free_places("S1", day) == 10 - occupied
    whole = registry.occupancy("S1", Period(start=date.min))
    assert whole.on(day) is not None
    assert whole.peak == 2
    assert (
        registry.occupancy("S1", Period(start=day, end=date.max)).period.end == date.max
    )


def test_ages_at_the_edges_of_the_calendar() -> None:
    assert age_on(date.min, date.max) == 9998
    assert age_on(date.max, date.min) == -9998
    assert age_on(date(4, 2, 29), date.max) == 9995
    assert age_on(date(9996, 2, 29), date(9999, 2, 28)) == 3
    assert age_on(date(9996, 2, 29), date(9999, 2, 27)) == 2
    children = Eligibility(min_age=0, max_age=17)
    assert not children.admits(_person(born=date.min), on=date.max)
    assert not children.admits(_person(born=date.max), on=date.min)


# -- item 7: no national ids, no birth dates on display --------------------------


def test_the_repr_of_a_person_withholds_the_birth_date() -> None:
    person = _person(born=date(2016, 2, 29))
    assert "2016" not in repr(person)
    assert "birth_date=" in repr(person)
    assert person.birth_date == date(2016, 2, 29)


_PERSON_REFERENCES: dict[str, Callable[[str], object]] = {
    "Person.id": lambda id: _person(id=id),
    "Placement.person": lambda id: Placement(
        id="PL-1", person=id, service="S1", period=Period(start=date(2026, 1, 1))
    ),
    "PlacementRequest.persons": lambda id: PlacementRequest(
        id="R-1", persons=["C-1", id], requested_on=date(2026, 1, 1)
    ),
}


@pytest.mark.parametrize(
    "build", _PERSON_REFERENCES.values(), ids=_PERSON_REFERENCES.keys()
)
def test_an_egn_is_refused_as_a_person_id_without_being_repeated(
    build: Callable[[str], object],
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        build(EGN)
    error = caught.value
    assert error.code == "national_id"
    assert error.value == "*" * 10
    for shown in (str(error), repr(error), error.reason, repr(error.args)):
        assert EGN not in shown
        assert EGN[:6] not in shown  # not even the birth date it encodes


@pytest.mark.parametrize(
    "build", _PERSON_REFERENCES.values(), ids=_PERSON_REFERENCES.keys()
)
def test_ten_digits_that_are_no_egn_are_a_valid_person_id(
    build: Callable[[str], object],
) -> None:
    build(NOT_EGN)
    build("9999999999")  # no such birth date
    build("C-" + EGN)  # a number inside an id is not the whole id


def test_an_egn_in_a_document_is_reported_masked() -> None:
    document = {"id": EGN, "birth_date": "2016-02-29", "home_municipality": "SFO34"}
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Person)
    [problem] = caught.value.problems
    assert (problem.code, problem.path, problem.detail) == (
        "invalid_value",
        "$.id",
        "national_id",
    )
    assert EGN not in str(caught.value)


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_the_core_egn_rule_agrees_with_bulgaria(text: str) -> None:
    assert is_egn(text) == is_valid_egn(text)


@pytest.mark.parametrize("text", ["8032056031", "7523169263", "0241010000"])
def test_the_core_egn_rule_knows_each_century(text: str) -> None:
    assert is_egn(text)
    assert is_valid_egn(text)


def test_a_placement_before_birth_is_reported_without_the_birth_date() -> None:
    person = Person(id="C-1", birth_date=date(2020, 5, 17), home_municipality="SFO34")
    stay = Placement(
        id="PL-1", person="C-1", service="S1", period=Period(start=date(2020, 1, 6))
    )
    registry = Registry(persons=[person], placements=[stay])
    [finding] = validate(registry).by_code()["PER002"]
    assert "2020-05-17" not in finding.message
    assert "2020-01-06" in finding.message  # the placement's own date stays


# -- item 8: nothing invisible in an id ---------------------------------------------

_INVISIBLE = [
    "\u200b",  # zero width space
    "\u200c",  # zero width non-joiner
    "\u200d",  # zero width joiner
    "\ufeff",  # byte-order mark
    "\u00ad",  # soft hyphen
    *map(chr, range(0x202A, 0x202F)),  # bidi embeddings and overrides
    *map(chr, range(0x2066, 0x206A)),  # bidi isolates
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u2060",  # word joiner
    "\u034f",  # combining grapheme joiner
    "\u3164",  # Hangul filler
    "\ufe0f",  # variation selector 16
    "\U000e0041",  # tag letter A
    "\x00",
    "\t",
    "\x85",
    "\x9f",
    "\u2028",
    "\u2029",
    "\u00a0",
    "\u3000",
]


@pytest.mark.parametrize(
    "character", _INVISIBLE, ids=[f"U+{ord(c):04X}" for c in _INVISIBLE]
)
def test_an_invisible_character_in_an_id_is_refused_by_position_and_code_point(
    character: str,
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        _placement(1, service=f"S-PR{character}AVETS")
    error = caught.value
    assert (error.field, error.code) == ("service", "invisible_character")
    assert f"U+{ord(character):04X}" in error.reason
    assert "character 5 " in error.reason
    assert character not in error.reason
    if not character.isprintable():
        assert character not in str(error)


def test_every_control_format_and_separator_character_is_refused() -> None:
    categories = {"Cc", "Cf", "Cs", "Zl", "Zp", "Zs"}
    allowed = [
        f"U+{point:04X}"
        for point in range(sys.maxunicode + 1)
        if unicodedata.category(chr(point)) in categories
        and IDENTIFIER.fullmatch("a" + chr(point)) is not None
    ]
    assert allowed == []


def test_a_plain_space_in_an_id_is_still_malformed() -> None:
    with pytest.raises(InvalidValueError) as caught:
        _placement(1, service="S PRAVETS")
    assert caught.value.code == "malformed"


def test_an_invisible_character_after_a_space_is_named() -> None:
    with pytest.raises(InvalidValueError) as caught:
        _placement(1, service="S PR\u200bAVETS")
    assert caught.value.code == "invisible_character"
    assert "character 5 is U+200B" in caught.value.reason


@pytest.mark.parametrize(
    "id", ["S-ЦНСТ-1", "Ѕ-РRAVETS-FTPC", "服务-1", "ДСП_Ловеч.2", "S-Ελλάδα-7"]
)
def test_ids_may_mix_scripts(id: str) -> None:
    assert _placement(1, service=id).service == id


def test_an_invisible_character_in_a_document_is_reported_at_its_path() -> None:
    document = {
        "id": "PL\u200b-1",
        "person": "C-1",
        "service": "S-1\u202e",
        "period": {"start": "2026-01-01"},
    }
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Placement)
    problems = [(p.path, p.code, p.detail) for p in caught.value.problems]
    assert problems == [
        ("$.id", "invalid_value", "invisible_character"),
        ("$.service", "invalid_value", "invisible_character"),
    ]


# -- item 13: building a registry bit by bit is linear --------------------------------


def test_adding_20000_placements_one_at_a_time_is_linear() -> None:
    placements = [_placement(number) for number in range(20_000)]
    started = time.perf_counter()
    registry = Registry(services=[_service()])
    for placement in reversed(placements):  # against the canonical order, too
        registry = registry.with_placements(placement)
    assert registry == Registry(services=[_service()], placements=placements)
    assert registry.occupied("S1", date(2026, 1, 1)) == 20_000
    # Quadratic building took minutes at this size; linear takes well under 1 s.
    assert time.perf_counter() - started < 20


def test_trying_a_placement_before_adding_another_stays_linear() -> None:
    trial = _placement(99_999)
    started = time.perf_counter()
    registry = Registry(services=[_service()])
    for number in range(20_000):
        tried = registry.with_placements(trial)  # a what-if, then thrown away
        registry = registry.with_placements(_placement(number))
    assert trial not in registry.placements
    assert len(tried.placements) == 20_000
    assert time.perf_counter() - started < 20


def test_adding_20000_persons_one_at_a_time_is_linear() -> None:
    persons = [_person(id=f"C-{number}") for number in range(20_000)]
    started = time.perf_counter()
    registry = Registry()
    for person in persons:
        registry = registry.with_persons(person)
        registry.with_placements(_placement(1))  # a branch does not disturb it
    assert registry == Registry(persons=persons)
    assert registry.person("C-19999") == persons[-1]
    assert time.perf_counter() - started < 20


_COLLECTIONS = tuple(COLLECTIONS)


@settings(max_examples=max(5, settings().max_examples // 4))  # worlds are big
@given(registries(), st.data())
def test_any_split_into_chunks_gives_an_equal_registry(
    whole: Registry, data: st.DataObject
) -> None:
    registry = Registry(geography=whole.geography)
    order = data.draw(st.permutations(_COLLECTIONS))
    for name in order:
        members = getattr(whole, name)
        cuts = sorted(data.draw(st.sets(st.integers(0, len(members)), max_size=4)))
        for start, end in zip([0, *cuts], [*cuts, len(members)], strict=True):
            if data.draw(st.booleans()):
                registry.persons_by_id  # noqa: B018 - queries between chunks
            registry = getattr(registry, f"with_{name}")(*members[start:end])
    assert registry == whole
    assert hash(registry) == hash(whole)
    assert validate(registry) == validate(whole)
    day = date(2026, 1, 1)
    for service in whole.services:
        assert registry.free_places(service.id, day) == whole.free_places(
            service.id, day
        )
    assert pickle.loads(pickle.dumps(registry)) == whole
    assert to_dict(registry) == to_dict(whole)


def test_a_registry_never_sees_what_is_added_to_another() -> None:
    base = Registry(services=[_service()]).with_placements(_placement(1))
    left = base.with_placements(_placement(2))
    right = base.with_placements(_placement(3))
    assert [p.id for p in base.placements] == ["PL-000001"]
    assert [p.id for p in left.placements] == ["PL-000001", "PL-000002"]
    assert [p.id for p in right.placements] == ["PL-000001", "PL-000003"]
    assert left.with_placements() is left


def test_queries_see_what_was_added_after_them() -> None:
    registry = Registry(services=[_service(places=2)])
    assert registry.free_places("S1", date(2026, 1, 1)) == 2
    registry = registry.with_placements(_placement(1))
    assert registry.free_places("S1", date(2026, 1, 1)) == 1
    registry = registry.with_services(_service("S2"))
    assert registry.service("S2").id == "S2"
    assert registry.free_places("S1", date(2026, 1, 1)) == 1


def test_threads_adding_to_one_registry_each_get_their_own() -> None:
    base = Registry().with_placements(_placement(0))
    results: dict[int, Registry] = {}

    def add(number: int) -> None:
        results[number] = base.with_placements(_placement(number))

    threads = [threading.Thread(target=add, args=(n,)) for n in range(1, 9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for number, registry in results.items():
        assert registry == Registry(placements=[_placement(0), _placement(number)])


@pytest.mark.parametrize("name", _COLLECTIONS)
def test_adding_a_member_of_the_wrong_type_is_refused(name: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        getattr(Registry(), f"with_{name}")("not a member")
    error = caught.value
    assert (error.type_name, error.field, error.value) == (
        "Registry",
        name,
        "not a member",
    )
    assert error.code == "wrong_type"


def test_a_registry_built_bit_by_bit_evolves_like_any_other() -> None:
    registry = Registry().with_placements(_placement(1))
    evolved = attrs.evolve(registry, requests=())
    assert evolved == registry
    assert evolved.with_placements(_placement(2)).placements[-1] == _placement(2)


# -- item 9: free_places checks its home ------------------------------------------------

REGISTRY = sofia_oblast()
SERVICE = "S-PRAVETS-FTPC"


@pytest.mark.parametrize("home", [123, ["x"], {"SFO34"}, b"SFO34", 34.0])
def test_free_places_refuses_a_home_that_is_no_code(home: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        REGISTRY.free_places(SERVICE, SCENARIO_DATE, home=home)  # type: ignore[arg-type]
    error = caught.value
    assert (error.type_name, error.field) == ("Registry.free_places", "home")
    assert error.code == "wrong_type"
    assert error.value is home


@pytest.mark.parametrize("home", ["SF034", "sfo34", ""])
def test_free_places_refuses_an_unknown_municipality(home: str) -> None:
    with pytest.raises(UnknownReferenceError) as caught:
        REGISTRY.free_places(SERVICE, SCENARIO_DATE, home=home)
    assert (caught.value.kind, caught.value.id) == ("municipality", home)


def test_free_places_takes_a_home_that_the_data_names() -> None:
    person = Person(id="C-1", birth_date=BORN, home_municipality="M-ONLY-HERE")
    registry = Registry(services=[_service()], persons=[person])
    assert registry.free_places("S1", SCENARIO_DATE, home="M-ONLY-HERE") == 10
    assert registry.free_places("S1", SCENARIO_DATE, home="SFO34") == 10  # the site
    with pytest.raises(UnknownReferenceError):
        registry.free_places("S1", SCENARIO_DATE, home="SFO18")


@pytest.mark.parametrize(
    ("start", "term"),
    [
        (date(9999, 6, 1), relativedelta(years=1, days=-300)),
        (date(9999, 12, 1), relativedelta(months=1, days=-20)),
        (date(1, 1, 20), relativedelta(months=-1, days=40)),
        (date(9996, 2, 29), relativedelta(years=3, months=10)),
    ],
)
def test_a_term_whose_steps_pass_the_calendar_ends_where_it_ends(
    start: date, term: relativedelta
) -> None:
    """dateutil adds years and months before days, and fails when that step
    leaves the calendar though the end lies inside it: the end is still the
    one its rule gives, counted here in plain day numbers."""
    months = start.year * 12 + start.month - 1 + term.years * 12 + term.months
    year, month = divmod(months, 12)
    month += 1
    day = min(start.day, calendar.monthrange(year, month)[1])  # any year
    expected = date.fromordinal(_day_number(year, month, day) + term.days)
    assert Period.from_term(start, term) == Period(start=start, end=expected)


def _day_number(year: int, month: int, day: int) -> int:
    """``date(year, month, day).toordinal()``, also for years past 9999."""
    before = year - 1
    days = before * 365 + before // 4 - before // 100 + before // 400
    lengths = [31, 29 if calendar.isleap(year) else 28, 31, 30, 31, 30, 31, 31, 30]
    return days + sum([*lengths, 31, 30][: month - 1]) + day
