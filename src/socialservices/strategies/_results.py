"""Strategies for what the library computes: reports, findings, rankings,
allocations, occupancy, document problems; and the rule catalogue's values.

Each is the library's own answer on a drawn world, not a value made up field
by field, so it is exactly what your code will be given: a report is what
:func:`~socialservices.validate` returns on a coherent or a broken world, a
ranking what :func:`~socialservices.rank` returns for a request in one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

import attrs
from hypothesis import strategies as st

from .._errors import DocumentProblem, InvalidDocument
from .._geography import Proximity
from .._occupancy import Occupancy, OccupancyStep
from .._person import Person, PlacementRequest
from .._placement import Placement
from .._registry import COLLECTIONS, Registry
from ..documents import Salvage, SetAside, from_dict, salvage, to_dict
from ..matching import (
    Allocation,
    Assignment,
    Candidate,
    Exclusion,
    Ranking,
    Unplaced,
    allocate,
    rank,
)
from ..validation import (
    DEFAULT_RULES,
    FAMILIES,
    Entity,
    Family,
    Finding,
    FreePlaces,
    Report,
    Rule,
    Subject,
    validate,
)
from ._broken import (
    AUDIT_DATE,
    BROKEN_WORLDS,
    SMALL_WORLD,
    beside,
    broken_registries,
)
from ._values import identifiers, periods
from ._worlds import registries

__all__ = [
    "allocations",
    "assignments",
    "candidates",
    "document_problems",
    "exclusions",
    "families",
    "findings",
    "free_places",
    "occupancies",
    "occupancy_steps",
    "rankings",
    "reports",
    "rules",
    "salvages",
    "set_asides",
    "subjects",
    "unplaced",
]

_T = TypeVar("_T")
_U = TypeVar("_U")


def _members(
    wholes: st.SearchStrategy[_T], parts: Callable[[_T], Sequence[_U]]
) -> st.SearchStrategy[_U]:
    """One of the ``parts`` of a drawn whole that has some."""
    return wholes.filter(lambda whole: len(parts(whole)) > 0).flatmap(
        lambda whole: st.sampled_from(parts(whole))
    )


def rules() -> st.SearchStrategy[Rule]:
    """Rules of the default catalogue."""
    return st.sampled_from(DEFAULT_RULES)


def families() -> st.SearchStrategy[Family]:
    """The families of rules (``REF``, ``PER``, ...) of the default catalogue."""
    return st.sampled_from(FAMILIES)


def subjects() -> st.SearchStrategy[Subject]:
    """What a finding is about: a kind of entity and its id."""
    return st.builds(Subject, kind=st.sampled_from(Entity), id=identifiers())


def free_places() -> st.SearchStrategy[FreePlaces]:
    """Free places of a service, maybe with its proximity to someone's home."""
    return st.builds(
        FreePlaces,
        service=identifiers(),
        places=st.integers(0, 50),
        proximity=st.none() | st.sampled_from(Proximity),
    )


def reports() -> st.SearchStrategy[Report]:
    """Reports of :func:`~socialservices.validate`: on coherent worlds, dated or
    not, and on worlds that break one rule, on ``AUDIT_DATE``."""
    clean = st.builds(
        validate,
        registries(max_services=3, max_placements=8),
        on=st.none() | st.just(AUDIT_DATE),
    )
    broken = st.sampled_from(list(BROKEN_WORLDS)).flatmap(
        lambda code: broken_registries(code=code, max_services=2, max_placements=4)
    )
    return clean | broken.map(lambda registry: validate(registry, on=AUDIT_DATE))


def findings() -> st.SearchStrategy[Finding]:
    """Findings of :func:`~socialservices.validate`, of any rule of the catalogue."""
    return _members(reports(), lambda report: report.findings)


@st.composite
def _matching_world(draw: st.DrawFn) -> Registry:
    """A coherent world beside the small world of :func:`broken_registries`,
    with one more request: one to four children of one of its municipalities,
    to be matched on ``AUDIT_DATE``."""
    coherent = draw(registries(max_services=2, max_placements=4, max_requests=2))
    together = beside(coherent, SMALL_WORLD)
    known = set(coherent.geography.municipalities)
    homes = [m.code for m in together.geography.municipalities if m not in known]
    home = draw(st.sampled_from(homes))
    size = draw(st.integers(1, 4))
    group = "G-WAIT" if size > 1 else None
    children = [
        Person(
            id=f"W-WAIT-{k}",
            birth_date=draw(st.dates(date(2010, 1, 1), date(2022, 12, 31))),
            home_municipality=home,
            sibling_group=group,
            target_groups={"children"},
        )
        for k in range(size)
    ]
    request = PlacementRequest(
        id="R-WAIT",
        persons=[child.id for child in children],
        requested_on=draw(st.dates(date(2026, 1, 1), AUDIT_DATE)),
    )
    return attrs.evolve(
        together,
        persons=[*together.persons, *children],
        requests=[*together.requests, request],
    )


def rankings() -> st.SearchStrategy[Ranking]:
    """Rankings of :func:`~socialservices.rank` for a request on ``AUDIT_DATE``."""
    return _matching_world().flatmap(
        lambda world: st.sampled_from(world.requests).map(
            lambda request: rank(request, world, on=AUDIT_DATE)
        )
    )


def candidates() -> st.SearchStrategy[Candidate]:
    """Candidates of rankings from :func:`rankings`."""
    return _members(rankings(), lambda ranking: ranking.candidates)


def exclusions() -> st.SearchStrategy[Exclusion]:
    """Exclusions of rankings from :func:`rankings`."""
    return _members(rankings(), lambda ranking: ranking.exclusions)


def allocations() -> st.SearchStrategy[Allocation]:
    """Allocations of :func:`~socialservices.allocate` of a world's requests on
    ``AUDIT_DATE``."""
    return _matching_world().map(
        lambda world: allocate(world.requests, world, on=AUDIT_DATE)
    )


def assignments() -> st.SearchStrategy[Assignment]:
    """Assignments of allocations from :func:`allocations`."""
    return _members(allocations(), lambda allocation: allocation.assignments)


def unplaced() -> st.SearchStrategy[Unplaced]:
    """Requests left unplaced by allocations from :func:`allocations`."""
    return _members(allocations(), lambda allocation: allocation.unplaced)


def occupancies() -> st.SearchStrategy[Occupancy]:
    """Occupancy of a service of a coherent world through a period."""

    def through(world: Registry) -> st.SearchStrategy[Occupancy]:
        return st.tuples(
            st.sampled_from(world.services), periods(max_start=date(2027, 1, 1))
        ).map(lambda drawn: world.occupancy(drawn[0].id, drawn[1]))

    return registries(min_services=1, max_services=2, max_placements=8).flatmap(through)


def occupancy_steps() -> st.SearchStrategy[OccupancyStep]:
    """Steps of occupancies from :func:`occupancies`."""
    return _members(occupancies(), lambda occupancy: occupancy.steps)


_JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=2)
        | st.dictionaries(st.text(max_size=6), inner, max_size=2)
    ),
    max_leaves=4,
)


def _problems(document: object) -> tuple[DocumentProblem, ...]:
    try:
        from_dict(document, Placement)
    except InvalidDocument as error:
        return tuple(error.problems)
    return ()


def document_problems() -> st.SearchStrategy[DocumentProblem]:
    """Problems :func:`~socialservices.from_dict` reports in a bad placement document."""
    fields = ["id", "person", "service", "period", "measure", "end_reason", "extra"]
    documents = st.dictionaries(st.sampled_from(fields), _JUNK, max_size=4) | _JUNK
    return _members(documents.map(_problems), lambda problems: problems)


_COLLECTIONS = tuple(COLLECTIONS)


@st.composite
def _damaged_documents(draw: st.DrawFn, min_broken: int) -> dict[str, object]:
    """A drawn world's document with some records replaced by junk."""
    world = draw(registries(max_services=3, max_placements=5, max_requests=1))
    document = to_dict(world)
    for _ in range(draw(st.integers(min_broken, 3), label="broken records")):
        records = document[draw(st.sampled_from(_COLLECTIONS))]
        junk = draw(_JUNK)
        if records:
            records[draw(st.integers(0, len(records) - 1))] = junk
        else:
            records.append(junk)
    return document


def salvages() -> st.SearchStrategy[Salvage]:
    """What :func:`~socialservices.salvage` makes of a drawn world's document
    with up to three of its records replaced by junk (shrinking towards none)."""
    return _damaged_documents(0).map(salvage)


def set_asides() -> st.SearchStrategy[SetAside]:
    """Records :func:`~socialservices.salvage` set aside from such a document."""
    return _members(
        _damaged_documents(1).map(salvage), lambda salvaged: salvaged.set_aside
    )
