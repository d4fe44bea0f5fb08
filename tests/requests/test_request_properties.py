"""Properties of the strategies: drawn histories follow the table; a drawn break is found."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from socialservices.requests import HISTORY_CODES, RequestEvent, request_history
from socialservices.strategies import broken_request_histories, request_histories

pytestmark = pytest.mark.properties


@given(request_histories(max_requests=4, max_events=12))
def test_any_history_the_strategy_draws_follows_the_table(
    events: tuple[RequestEvent, ...],
) -> None:
    assert request_history(events).problems == ()
    assert all(a.day <= b.day for a, b in itertools.pairwise(events))  # one log by day


@pytest.mark.parametrize("code", sorted(HISTORY_CODES))
@settings(max_examples=40)
@given(data=st.data())
def test_any_single_break_is_found_with_its_code(
    code: str, data: st.DataObject
) -> None:
    events = data.draw(broken_request_histories(code=code, max_requests=3))
    problems = request_history(events).problems
    assert [p.code for p in problems] == [code]
    broken = problems[0]
    assert events[broken.index].request == broken.request
    assert events[broken.index].state is broken.state


@given(request_histories(min_requests=0, max_requests=0))
def test_no_requests_is_an_empty_history(events: tuple[RequestEvent, ...]) -> None:
    assert events == ()


def test_bad_arguments_fail_when_the_strategy_is_made() -> None:
    with pytest.raises(InvalidArgument):
        broken_request_histories(code="PLC001")
    with pytest.raises(InvalidArgument):
        broken_request_histories(code="REQ001", min_requests=0)
    with pytest.raises(InvalidArgument):
        request_histories(min_requests=3, max_requests=2)
    with pytest.raises(InvalidArgument):
        request_histories(max_events=0)
    with pytest.raises(InvalidArgument):
        request_histories(ids="R-1")  # type: ignore[arg-type]
