"""Documents: values to JSON-ready data and back, and every problem named with its path."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialservices
from socialservices import (
    SCHEMA,
    SCHEMAS,
    CapacityCeiling,
    CapacityChange,
    Eligibility,
    Geography,
    InvalidDocument,
    InvalidValueError,
    Licence,
    Measure,
    Period,
    Person,
    Placement,
    Provider,
    ProviderKind,
    Registry,
    Rule,
    Service,
    SocialServicesError,
    dumps,
    from_dict,
    loads,
    to_dict,
)
from socialservices.documents._format import WRITTEN_WHEN_GIVEN, WRITTEN_WHEN_SET
from socialservices.examples import sofia_oblast

from ..values import VALUES, placements, real_geographies, single_placements

KINDS = sorted(VALUES, key=lambda kind: kind.__name__)
LEAP_DAY = date(2024, 2, 29)
JSON_SCALARS = (str, int, float, bool, type(None))


def _problems(error: pytest.ExceptionInfo[InvalidDocument]) -> list[tuple[str, str]]:
    return [(problem.code, problem.path) for problem in error.value.problems]


def _assert_json_ready(data: object) -> None:
    """Only dicts with string keys, lists, strings, numbers, booleans and None."""
    stack = [data]
    while stack:
        value = stack.pop()
        if type(value) is dict:
            assert all(type(key) is str for key in value), value
            stack.extend(value.values())
        elif type(value) is list:
            stack.extend(value)
        else:
            assert type(value) in JSON_SCALARS, value


def _placement_document(**changes: object) -> dict[str, Any]:
    document = to_dict(
        Placement(
            id="PL-1",
            person="Ц-1",
            service="S-1",
            period=Period(start=LEAP_DAY, end=date(2024, 3, 1)),
        )
    )
    document.update(changes)
    return document


def _registry_document() -> dict[str, Any]:
    return to_dict(sofia_oblast())


# -- round trips ----------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
@given(data=st.data())
def test_every_value_round_trips(kind: type[Any], data: st.DataObject) -> None:
    value = data.draw(VALUES[kind])
    document = to_dict(value)
    _assert_json_ready(document)
    assert json.loads(json.dumps(document, allow_nan=False)) == document
    assert from_dict(document, kind) == value
    assert from_dict(copy.deepcopy(document), kind) == value
    assert loads(dumps(value), kind) == value
    assert loads(dumps(value, indent=2).encode("utf-8"), kind) == value
    names = [field.name for field in attrs.fields(kind) if field.init]
    if kind is Registry:  # the schema comes first; as_of and jurisdiction if set
        assert document["schema"] == SCHEMA == "socialservices/2"
        assert SCHEMA in SCHEMAS
        unset = {name for name in WRITTEN_WHEN_SET if getattr(value, name) is None}
        names = ["schema", *(name for name in names if name not in unset)]
    later = WRITTEN_WHEN_GIVEN.get(kind.__name__, ())
    names = [n for n in names if n not in later or getattr(value, n) not in (None, ())]
    assert list(document) == names  # every field written, in order


def test_every_public_value_type_has_a_strategy_here() -> None:
    public = {
        kind
        for kind in (getattr(socialservices, name) for name in socialservices.__all__)
        if isinstance(kind, type) and attrs.has(kind)
    }
    assert public - {Rule} == set(VALUES)  # a rule holds a function: not data


def test_the_example_registry_round_trips() -> None:
    registry = sofia_oblast()
    document = to_dict(registry)
    assert next(iter(document)) == "schema"
    assert from_dict(document, Registry) == registry
    assert loads(dumps(registry, indent=2), Registry) == registry


def test_a_list_of_registries_round_trips() -> None:
    registries = [Registry(), sofia_oblast()]
    documents = to_dict(registries)
    assert [document["schema"] for document in documents] == [SCHEMA, SCHEMA]
    assert from_dict(documents, list[Registry]) == registries


@given(placements())
def test_a_list_of_values_round_trips(values: list[Placement]) -> None:
    documents = to_dict(values)
    assert isinstance(documents, list)
    assert from_dict(documents, list[Placement]) == values
    assert from_dict(documents, tuple[Placement, ...]) == tuple(values)
    assert to_dict(tuple(values)) == documents
    assert loads(json.dumps(documents), list[Placement]) == values


@given(data=st.data())
def test_a_list_of_any_kind_round_trips(data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from([k for k in KINDS if k is not Registry]))
    values = data.draw(st.lists(VALUES[kind], min_size=1, max_size=3))
    documents = to_dict(values)
    assert from_dict(documents, list[kind]) == values  # type: ignore[valid-type]
    assert from_dict(documents, tuple[kind, ...]) == tuple(values)  # type: ignore[valid-type]


# -- format facts ---------------------------------------------------------------


def test_a_date_is_written_in_iso_form() -> None:
    assert to_dict(Period(start=LEAP_DAY))["start"] == "2024-02-29"
    assert to_dict(CapacityChange(effective=date(7, 1, 2), places=1)) == {
        "effective": "0007-01-02",
        "places": 1,
    }


def test_an_enum_is_written_as_its_value() -> None:
    placement = Placement(
        id="PL-1",
        person="C-1",
        service="S-1",
        period=Period(start=LEAP_DAY),
        measure=Measure.FOSTER_FAMILY,
    )
    assert to_dict(placement)["measure"] == "foster_family"
    provider = Provider(id="P-1", name="Правец", kind=ProviderKind.NGO)
    assert to_dict(provider)["kind"] == "ngo"


def test_a_frozenset_is_written_as_a_sorted_list() -> None:
    person = Person(
        id="C-1",
        birth_date=LEAP_DAY,
        home_municipality="SFO34",
        needs={"в", "b", "a", "B"},
    )
    assert to_dict(person)["needs"] == ["B", "a", "b", "в"]
    geography = Geography(municipality_neighbours=[("Б", "A"), ("C", "A")])
    assert to_dict(geography)["municipality_neighbours"] == [["A", "C"], ["A", "Б"]]


def test_a_tuple_is_written_as_a_list_in_its_order() -> None:
    licences = [
        Licence(number=number, service_type="FTPC", target_group="children", period=p)
        for number, p in [
            ("L2", Period(start=LEAP_DAY)),
            ("L1", Period(start=LEAP_DAY)),
        ]
    ]
    document = to_dict(
        Provider(id="P", name="P", kind=ProviderKind.NGO, licences=licences)
    )
    assert [licence["number"] for licence in document["licences"]] == ["L1", "L2"]


def test_an_open_ended_period_ends_in_null() -> None:
    assert to_dict(Period(start=LEAP_DAY)) == {"start": "2024-02-29", "end": None}
    assert dumps(Period(start=LEAP_DAY)) == '{"start": "2024-02-29", "end": null}'


def test_an_omitted_optional_field_takes_its_default() -> None:
    assert from_dict({"start": "2024-02-29"}, Period) == Period(start=LEAP_DAY)
    document = _placement_document()
    for name in ("measure", "legal_basis", "end_reason"):
        del document[name]
    placement = from_dict(document, Placement)
    assert (placement.measure, placement.legal_basis, placement.end_reason) == (
        None,
        None,
        None,
    )
    service = to_dict(
        Service(
            id="S-1",
            name="ЦНСТ",
            type="FTPC",
            provider="P-1",
            municipality="SFO34",
            operating=Period(start=LEAP_DAY),
        )
    )
    for name in ("capacity", "eligibility", "financing", "staff"):
        del service[name]
    read = from_dict(service, Service)
    assert (read.capacity, read.eligibility, read.financing, read.staff) == (
        (),
        Eligibility(),
        None,
        None,
    )
    assert from_dict({"schema": SCHEMA}, Registry) == Registry()


@pytest.mark.parametrize(
    "text", ["20240229", "2023-02-29", "2024-W09-4", "2024-02-29T00:00", "2024-02-30"]
)
def test_a_date_in_another_form_is_refused(text: str) -> None:
    with pytest.raises(InvalidDocument) as caught:
        from_dict({"start": text, "end": None}, Period)
    assert _problems(caught) == [("invalid_date", "$.start")]


# -- each problem, with its path --------------------------------------------------


def test_a_bad_date_deep_in_a_registry_is_named_by_its_path() -> None:
    document = _registry_document()
    document["placements"][3]["period"]["start"] = "2024-13-01"
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Registry)
    assert _problems(caught) == [("invalid_date", "$.placements[3].period.start")]


def test_a_missing_field() -> None:
    with pytest.raises(InvalidDocument) as caught:
        from_dict({"end": None}, Period)
    assert _problems(caught) == [("missing_field", "$.start")]
    document = _placement_document()
    del document["period"]["start"]
    del document["id"]
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Placement)
    assert _problems(caught) == [
        ("missing_field", "$.id"),
        ("missing_field", "$.period.start"),
    ]


def test_an_unexpected_field() -> None:
    with pytest.raises(InvalidDocument) as caught:
        from_dict({"start": "2024-02-29", "colour": "red"}, Period)
    assert _problems(caught) == [("unexpected_field", "$.colour")]
    document = _placement_document(period={"start": "2024-02-29", "two words": 1})
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Placement)
    assert _problems(caught) == [("unexpected_field", '$.period["two words"]')]
    with pytest.raises(InvalidDocument) as caught:
        from_dict({"start": "2024-02-29", "two words": 1}, Period)
    assert _problems(caught) == [("unexpected_field", '$["two words"]')]


@pytest.mark.parametrize(
    ("document", "kind", "path"),
    [
        (_placement_document(period="2024-02-29"), Placement, "$.period"),  # str/object
        (_placement_document(id=5), Placement, "$.id"),  # number/string
        ({"effective": "2024-02-29", "places": True}, CapacityChange, "$.places"),
        ({"effective": "2024-02-29", "places": 1.0}, CapacityChange, "$.places"),
        ({"start": 20240229}, Period, "$.start"),  # number/date
        (_placement_document(legal_basis=["x"]), Placement, "$.legal_basis"),
        ({"needs": "abc"}, Eligibility, "$.needs"),  # string/array
        ({"needs": [1]}, Eligibility, "$.needs[0]"),
        ([], Period, "$"),
        ({"schema": SCHEMA, "placements": {}}, Registry, "$.placements"),
    ],
)
def test_a_value_of_the_wrong_type(document: object, kind: type, path: str) -> None:
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, kind)
    assert _problems(caught) == [("wrong_type", path)]


def test_a_registry_that_is_not_an_object_is_of_the_wrong_type() -> None:
    with pytest.raises(InvalidDocument) as caught:
        from_dict([], Registry)
    assert _problems(caught) == [("wrong_type", "$")]


def test_an_unknown_enum_value_lists_the_allowed_ones() -> None:
    with pytest.raises(InvalidDocument) as caught:
        from_dict(_placement_document(measure="orphanage"), Placement)
    assert _problems(caught) == [("unknown_value", "$.measure")]
    (problem,) = caught.value.problems
    assert problem.allowed == tuple(measure.value for measure in Measure)
    assert problem.allowed == (
        "relatives",
        "foster_family",
        "residential",
        "with_parents",
        "for_adoption",
    )


def test_a_period_ending_before_it_starts_is_an_invalid_value() -> None:
    document = _placement_document(period={"start": "2024-03-01", "end": "2024-02-29"})
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Placement)
    assert _problems(caught) == [("invalid_value", "$.period.end")]
    assert caught.value.problems[0].detail == "before_start"


def test_every_broken_invariant_of_one_object_is_reported() -> None:
    with pytest.raises(InvalidDocument) as caught:
        from_dict(
            {"area": "", "service_type": "FTPC", "max_users": -1}, CapacityCeiling
        )
    assert _problems(caught) == [
        ("invalid_value", "$.area"),
        ("invalid_value", "$.max_users"),
    ]
    assert [problem.detail for problem in caught.value.problems] == [
        "empty",
        "negative",
    ]
    with pytest.raises(InvalidDocument) as caught:
        from_dict(
            {"id": "two words", "birth_date": "2024-02-29", "home_municipality": "?"},
            Person,
        )
    assert _problems(caught) == [
        ("invalid_value", "$.id"),
        ("invalid_value", "$.home_municipality"),
    ]
    assert {problem.detail for problem in caught.value.problems} == {"malformed"}


def test_an_unknown_schema_is_the_only_problem() -> None:
    document = _registry_document()
    document["schema"] = "socialservices/3"
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Registry)
    assert _problems(caught) == [("unknown_schema", "$.schema")]
    assert caught.value.problems[0].allowed == SCHEMAS


def test_a_registry_without_a_schema() -> None:
    document = _registry_document()
    del document["schema"]
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Registry)
    assert _problems(caught) == [("missing_field", "$.schema")]


@pytest.mark.parametrize(
    "text", ['{"start": "2024-02-29"', "", "[1,]", '{"start": 2024-02-29}', b"\xff"]
)
def test_text_that_is_not_json(text: str | bytes) -> None:
    with pytest.raises(InvalidDocument) as caught:
        loads(text, Period)
    assert [problem.code for problem in caught.value.problems] == ["invalid_json"]


def test_a_key_given_twice() -> None:
    with pytest.raises(InvalidDocument) as caught:
        loads('{"start": "2024-01-01", "start": "2024-01-02", "end": null}', Period)
    assert _problems(caught) == [("duplicate_key", "$.start")]
    text = dumps(sofia_oblast()).replace('"schema": ', '"schema": "x", "schema": ', 1)
    with pytest.raises(InvalidDocument) as caught:
        loads(text, Registry)
    assert _problems(caught) == [("duplicate_key", "$.schema")]


REGISTRIES_WITH_PLACEMENTS = st.builds(
    Registry,
    geography=real_geographies(),
    placements=st.lists(single_placements(), min_size=2, max_size=8),
)


def test_problems_in_one_object_come_in_the_order_of_its_fields() -> None:
    document = _placement_document(id="", period={"start": "not a date", "end": None})
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Placement)
    assert _problems(caught) == [
        ("invalid_value", "$.id"),
        ("invalid_date", "$.period.start"),
    ]


def test_an_unexpected_field_is_reported_where_it_appears() -> None:
    with pytest.raises(InvalidDocument) as caught:
        from_dict({"start": "not a date", "colour": "red"}, Period)
    assert _problems(caught) == [
        ("invalid_date", "$.start"),
        ("unexpected_field", "$.colour"),
    ]


def test_a_number_too_long_to_write_is_refused_on_reading() -> None:
    """Whatever ``from_dict`` accepts, ``to_dict`` output must go to ``json.dumps``."""
    document = {"effective": "2024-02-29", "places": 10**5000}
    try:
        value = from_dict(document, CapacityChange)
    except InvalidDocument as error:
        paths = [problem.path for problem in error.problems]
    else:
        paths = []
        json.dumps(to_dict(value), allow_nan=False)
        dumps(value)
    assert paths in ([], ["$.places"])


@given(REGISTRIES_WITH_PLACEMENTS, st.data())
def test_every_mistake_is_reported_in_document_order(
    registry: Registry, data: st.DataObject
) -> None:
    document = to_dict(registry)
    count = len(document["placements"])
    broken = data.draw(st.sets(st.integers(0, count - 1), min_size=1))
    for index in broken:
        document["placements"][index]["period"]["start"] = "not a date"
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Registry)
    assert _problems(caught) == [
        ("invalid_date", f"$.placements[{index}].period.start")
        for index in sorted(broken)
    ]


# -- the error itself -----------------------------------------------------------


def test_invalid_document_is_a_value_error_that_pickles() -> None:
    document = _placement_document(id=5, measure="x", period={"end": None})
    with pytest.raises(InvalidDocument) as caught:
        from_dict(document, Placement)
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, SocialServicesError)
    assert sorted(_problems(caught)) == [
        ("missing_field", "$.period.start"),
        ("unknown_value", "$.measure"),
        ("wrong_type", "$.id"),
    ]
    again = pickle.loads(pickle.dumps(error))
    assert again == error
    assert again.problems == error.problems
    lines = str(error).splitlines()
    assert len(lines) == 1 + len(error.problems)
    assert all(
        problem.path in line
        for problem, line in zip(error.problems, lines[1:], strict=True)
    )


# -- bad arguments ----------------------------------------------------------------


@pytest.mark.parametrize("kind", [int, str, dict, list[int], "Period", None, date])
def test_from_dict_refuses_a_kind_it_does_not_read(kind: Any) -> None:
    with pytest.raises(InvalidValueError) as caught:
        from_dict({}, kind)
    assert (caught.value.field, caught.value.code) == ("kind", "wrong_type")


@pytest.mark.parametrize(
    "value", [42, None, "Period", {}, Period, [1], date(2024, 2, 29)]
)
def test_to_dict_refuses_a_value_of_another_type(value: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        to_dict(value)
    assert caught.value.code == "wrong_type"


def test_loads_refuses_what_is_not_text() -> None:
    with pytest.raises(InvalidValueError) as caught:
        loads({"start": "2024-02-29"}, Period)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("text", "wrong_type")


@attrs.frozen
class _Unresolvable:
    """An attrs class of a caller's, with an annotation that names nothing."""

    field: Undefined  # type: ignore[name-defined]  # noqa: F821


@pytest.mark.parametrize("kind", [_Unresolvable, list[_Unresolvable], dict[str, int]])
def test_a_kind_whose_shape_cannot_be_known_is_an_invalid_argument(kind: Any) -> None:
    with pytest.raises(InvalidValueError) as caught:
        from_dict({}, kind)
    assert (caught.value.field, caught.value.code) == ("kind", "wrong_type")


def test_a_value_whose_shape_cannot_be_known_is_an_invalid_argument() -> None:
    with pytest.raises(InvalidValueError) as caught:
        to_dict(_Unresolvable(field=1))
    assert (caught.value.field, caught.value.code) == ("value", "wrong_type")
