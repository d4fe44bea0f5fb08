"""The docs page's tables are the lifecycle, its FHIR mapping and the codes."""

from __future__ import annotations

from pathlib import Path

from socialservices.requests import FHIR_R4, HISTORY_CODES, REQUEST_LIFECYCLE, State

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGE = DOCS / "requests.md"
WHERE = "tests/requests/test_requests_docs.py compares this table with"


def _rows(mark: str) -> list[list[str]]:
    text = PAGE.read_text(encoding="utf-8")
    table = text.split(f"<!-- the {mark}: {WHERE}")[1].split("-->", 1)[1]
    lines = table.strip().split("\n\n")[0].splitlines()[2:]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def test_the_states_table_is_the_lifecycle_and_its_fhir_mapping() -> None:
    table = REQUEST_LIFECYCLE
    assert _rows("states") == [
        [
            f"`{state.value}`",
            _yes(state in table.start),
            _yes(state in table.terminal),
            f"`{FHIR_R4[state].task}`",
            f"`{FHIR_R4[state].service_request}`",
        ]
        for state in State
    ]


def test_the_transitions_table_is_the_lifecycle_in_its_order() -> None:
    assert _rows("transitions") == [
        [f"`{t.source.value}`", f"`{t.target.value}`", _yes(t.needs_reason)]
        for t in REQUEST_LIFECYCLE.transitions
    ]


def test_the_codes_table_is_the_codes() -> None:
    assert _rows("codes") == [
        [f"`{code}`", meaning] for code, meaning in HISTORY_CODES.items()
    ]


def test_the_page_is_in_the_table_of_contents_and_shows_the_drawn_diagram() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    assert "\nrequests\n" in index
    assert "](_generated/request-lifecycle.svg)" in PAGE.read_text(encoding="utf-8")
