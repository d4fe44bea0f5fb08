"""Fuzzing the readers: valid documents, broken at random, never break the reader.

Whatever a document holds, ``from_dict`` returns a value of the kind asked
for or raises :class:`~socialservices.InvalidDocument`; ``loads`` likewise
for its text. Nothing else: no ``KeyError``, ``TypeError``, ``RecursionError``.
"""

from __future__ import annotations

import copy
import json
import pickle
import re
from collections.abc import Callable
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialservices import (
    SCHEMA,
    InvalidDocument,
    Period,
    Placement,
    Registry,
    Service,
    from_dict,
    loads,
    to_dict,
)

from ..values import VALUES

pytestmark = pytest.mark.properties

DEPTH = 10_000
"""How deep the hostile nested values go: far beyond the recursion limit."""

WALK_DEPTH = 12
"""How deep into a document mutations reach (documents are shallower)."""

CODES = frozenset(
    {
        "wrong_type",
        "missing_field",
        "unexpected_field",
        "invalid_date",
        "unknown_value",
        "invalid_value",
        "duplicate_key",
        "duplicate_item",
        "number_out_of_range",
        "unknown_schema",
        "invalid_json",
    }
)

VALUES_EXAMPLE = Placement(
    id="PL-1", person="C-1", service="S-1", period=Period(start=date(2024, 2, 29))
)

KINDS: list[Any] = [
    *sorted(VALUES, key=lambda kind: kind.__name__),
    list[Placement],
    tuple[Service, ...],
]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


# -- hostile values, built iteratively ---------------------------------------------


def deep_list(depth: int = DEPTH) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def deep_dict(depth: int = DEPTH) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {"a": value}
    return value


def deep_text(depth: int = DEPTH) -> str:
    return "[" * depth + "]" * depth


@attrs.frozen
class Special:
    """A hostile value, made only when the document is read: ``make()`` in
    Python, ``text`` spliced into JSON text."""

    name: str
    text: str = attrs.field(repr=False)

    def make(self) -> object:
        return _SPECIALS[self.name]()


_SPECIALS: dict[str, Callable[[], object]] = {
    "deep list": deep_list,
    "deep dict": deep_dict,
    "huge integer": lambda: 10**5000,
    "huge negative integer": lambda: -(10**5000),
}

SPECIALS = [
    Special("deep list", deep_text()),
    Special("deep dict", '{"a": ' * DEPTH + "{}" + "}" * DEPTH),
    Special("huge integer", "1" + "0" * 5000),
    Special("huge negative integer", "-1" + "0" * 5000),
]

PLAIN_VALUES: list[object] = [
    None,
    0,
    -1,
    1,
    2**64,
    1.5,
    -0.0,
    "",
    " ",
    "x",
    "two words",
    "2024-02-29",
    "2023-02-29",
    "residential",
    True,
    False,
    [],
    {},
    [None],
    {"": None},
    float("nan"),
    float("inf"),
    float("-inf"),
    "\ud800",
    "a\udfffb",
    "\x00",
    SCHEMA,
]

KEYS: list[object] = [
    "extra",
    "two words",
    "",
    "id",
    "start",
    "schema",
    "\ud800",
    1,
    None,
    (1, 2),
    1.5,
    True,
]


# -- walking and mutating a document ------------------------------------------------

Location = tuple[Any, Any, str]
"""A container, a key or index in it, and the JSON path of what it holds there."""


def child_path(path: str, key: object) -> str:
    if isinstance(key, int) and not isinstance(key, bool):
        return f"{path}[{key}]"
    if isinstance(key, str) and _NAME.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{key!r}]"


def locations(holder: list[Any]) -> list[Location]:
    """Every place in ``holder[0]``, the document, to ``WALK_DEPTH`` levels."""
    found: list[Location] = []
    stack: list[tuple[Any, Any, str, int]] = [(holder, 0, "$", 0)]
    while stack:
        parent, key, path, depth = stack.pop()
        found.append((parent, key, path))
        value = parent[key]
        if depth >= WALK_DEPTH:
            continue
        children: list[Location]
        if type(value) is dict:
            children = [(value, k, child_path(path, k)) for k in value]
        elif type(value) is list:
            children = [(value, i, child_path(path, i)) for i in range(len(value))]
        else:
            continue
        stack.extend((p, k, c, depth + 1) for p, k, c in reversed(children))
    return found


HOSTILE_SCALARS: list[object] = [
    float("nan"),
    float("inf"),
    float("-inf"),
    "\ud800",
    2**64,
    *SPECIALS[2:],
]


SCALARS = (str, int, float, bool, type(None))


def values() -> st.SearchStrategy[object]:
    """A replacement value, fresh each time (mutations must not touch the originals)."""
    return st.one_of(
        st.sampled_from(PLAIN_VALUES),
        st.sampled_from(SPECIALS),
        st.sampled_from(HOSTILE_SCALARS),
    ).map(copy.deepcopy)


MUTATIONS = [
    "drop",
    "add key",
    "replace",
    "replace a scalar",
    "wrap in list",
    "wrap in dict",
    "duplicate member",
    "transplant",
]


def mutate(data: st.DataObject, holder: list[Any]) -> None:
    """Apply one random mutation somewhere in ``holder[0]``."""
    mutation = data.draw(st.sampled_from(MUTATIONS), label="mutation")
    places = locations(holder)
    if mutation == "drop":
        places = [place for place in places if place[0] is not holder]
    elif mutation == "add key":
        places = [place for place in places if type(place[0][place[1]]) is dict]
    elif mutation == "replace a scalar":
        places = [place for place in places if type(place[0][place[1]]) in SCALARS]
    elif mutation == "duplicate member":
        places = [
            place
            for place in places
            if type(place[0][place[1]]) is list and place[0][place[1]]
        ]
    if not places:
        return
    parent, key, _ = data.draw(st.sampled_from(places), label="where")
    value = parent[key]
    if mutation == "drop":
        del parent[key]
    elif mutation == "add key":
        value[data.draw(st.sampled_from(KEYS), label="key")] = data.draw(values())
    elif mutation in ("replace", "replace a scalar"):
        parent[key] = data.draw(values(), label="value")
    elif mutation == "wrap in list":
        parent[key] = [value]
    elif mutation == "wrap in dict":
        parent[key] = {data.draw(st.sampled_from(KEYS), label="key"): value}
    elif mutation == "duplicate member":
        value.append(copy.deepcopy(data.draw(st.sampled_from(value), label="member")))
    else:  # transplant: a value from elsewhere in the document
        donor = data.draw(st.sampled_from(places), label="from")
        parent[key] = copy.deepcopy(donor[0][donor[1]])


def materialise(value: Any, text: bool = False) -> Any:
    """``value`` with each :class:`Special` made (or, for ``text``, a placeholder).

    Before materialising, a document is shallow (``WALK_DEPTH`` and a few
    levels of wrapping), so this recursion is bounded.
    """
    if isinstance(value, Special):
        return f"\x00{value.name}\x00" if text else value.make()
    if type(value) is dict:
        return {key: materialise(item, text) for key, item in value.items()}
    if type(value) is list:
        return [materialise(item, text) for item in value]
    return value


def has_odd_keys(value: Any) -> bool:
    """Whether any object in ``value`` has a key that is not a string."""
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) is dict:
            if any(type(key) is not str for key in item):
                return True
            stack.extend(item.values())
        elif type(item) is list:
            stack.extend(item)
    return False


def as_text(document: Any) -> str | None:
    """JSON text of a mutated document, hostile values spliced in; ``None`` if it has none."""
    if has_odd_keys(document):
        return None
    text = json.dumps(materialise(document, text=True), allow_nan=True)
    for special in SPECIALS:
        text = text.replace(json.dumps(f"\x00{special.name}\x00"), special.text)
    return text


def _problems(read: Callable[[], object]) -> list[tuple[str, str]]:
    """The codes and paths of the problems ``read()`` raises (it must raise)."""
    try:
        read()
    except InvalidDocument as error:
        return [(problem.code, problem.path) for problem in error.problems]
    raise AssertionError("a 10,000-deep value was read")


# -- the property ------------------------------------------------------------------


def is_of_kind(value: Any, kind: Any) -> bool:
    origin = getattr(kind, "__origin__", None)
    if origin is None:
        return type(value) is kind
    (item, *_) = kind.__args__
    return type(value) is origin and all(type(member) is item for member in value)


def check_problems(error: InvalidDocument) -> None:
    assert error.problems
    for problem in error.problems:
        assert problem.code in CODES, problem
        assert isinstance(problem.path, str), problem
        assert problem.path.startswith("$"), problem
        assert isinstance(problem.message, str), problem
        if problem.code == "unknown_value":
            assert problem.allowed, problem
    text = str(error)
    assert len(text.splitlines()) >= 1 + len(error.problems)
    text.encode("utf-8")  # printable: no lone surrogate leaks into a message
    assert pickle.loads(pickle.dumps(error)) == error


def read_and_check(read: Any, kind: Any) -> object:
    """``read()``, which must give a ``kind`` or raise :class:`InvalidDocument`."""
    try:
        value = read()
    except InvalidDocument as error:
        check_problems(error)
        return error
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt):
            raise
        raise AssertionError(
            f"raised {type(error).__name__}: {error!r:.300}"
        ) from error
    assert is_of_kind(value, kind), value
    document = to_dict(value)
    assert from_dict(document, kind) == value
    json.dumps(document, allow_nan=False)
    return value


def documents() -> st.SearchStrategy[tuple[Any, Any]]:
    """A kind and a valid document of it."""

    def of(kind: Any) -> st.SearchStrategy[tuple[Any, Any]]:
        origin = getattr(kind, "__origin__", None)
        if origin is None:
            strategy: st.SearchStrategy[Any] = VALUES[kind]
        else:
            strategy = st.lists(VALUES[kind.__args__[0]], max_size=3)
        return st.tuples(st.just(kind), strategy.map(to_dict))

    return st.sampled_from(KINDS).flatmap(of)


@given(documents(), st.data())
def test_a_broken_document_is_read_or_refused(
    kind_and_document: tuple[Any, Any], data: st.DataObject
) -> None:
    kind, document = kind_and_document
    holder = [copy.deepcopy(document)]
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        mutate(data, holder)
    mutated = holder[0]
    read_and_check(lambda: from_dict(materialise(mutated), kind), kind)
    text = as_text(mutated)
    if text is not None:
        read_and_check(lambda: loads(text, kind), kind)
        read_and_check(lambda: loads(text.encode("utf-8"), kind), kind)


@given(documents(), st.data())
def test_a_deeply_nested_value_anywhere_is_refused_without_recursion(
    kind_and_document: tuple[Any, Any], data: st.DataObject
) -> None:
    kind, document = kind_and_document
    holder = [copy.deepcopy(document)]
    parent, key, path = data.draw(st.sampled_from(locations(holder)), label="where")
    special = data.draw(st.sampled_from(SPECIALS[:2]), label="value")
    parent[key] = special
    outcome = read_and_check(lambda: from_dict(materialise(holder[0]), kind), kind)
    if isinstance(outcome, InvalidDocument):
        for problem in outcome.problems:
            assert problem.code in {
                "wrong_type",
                "unknown_value",
                "unexpected_field",
                "missing_field",
                "unknown_schema",
            }, problem
            if not (kind is Registry and problem.path == "$.schema"):
                assert problem.path == path or problem.path.startswith(
                    (f"{path}.", f"{path}[")
                ), (problem, path)
    text = as_text(holder[0])
    assert text is not None
    assert _problems(lambda: loads(text, kind)) == [("invalid_json", "$")]


@pytest.mark.parametrize("kind", [Registry, Placement, list[Placement]], ids=str)
@pytest.mark.parametrize("text", [SPECIALS[0].text, SPECIALS[1].text], ids=["[", "{"])
def test_deeply_nested_json_text_is_invalid_json(kind: Any, text: str) -> None:
    assert _problems(lambda: loads(text, kind)) == [("invalid_json", "$")]


def test_a_deeply_nested_value_is_of_the_wrong_type() -> None:
    nested, nested_dict = deep_list(), deep_dict()
    document = to_dict(VALUES_EXAMPLE)
    document["period"]["end"] = nested
    assert _problems(lambda: from_dict(document, Placement)) == [
        ("wrong_type", "$.period.end")
    ]
    document["period"]["end"] = None
    document["measure"] = nested
    assert _problems(lambda: from_dict(document, Placement)) == [
        ("unknown_value", "$.measure")
    ]
    document["measure"] = None
    document["legal_basis"] = nested_dict
    assert _problems(lambda: from_dict(document, Placement)) == [
        ("wrong_type", "$.legal_basis")
    ]
    assert _problems(lambda: from_dict(nested, Placement)) == [("wrong_type", "$")]
    assert _problems(lambda: from_dict(nested, Registry)) == [("wrong_type", "$")]
    assert _problems(lambda: from_dict(nested, list[Placement])) == [
        ("wrong_type", "$[0]")
    ]
    assert _problems(lambda: from_dict(nested_dict, list[Placement])) == [
        ("wrong_type", "$")
    ]
    assert _problems(lambda: from_dict(nested_dict, Registry)) == [
        ("missing_field", "$.schema")
    ]
    assert _problems(lambda: from_dict(nested_dict, Placement)) == [
        ("unexpected_field", "$.a"),
        ("missing_field", "$.id"),
        ("missing_field", "$.person"),
        ("missing_field", "$.service"),
        ("missing_field", "$.period"),
    ]
