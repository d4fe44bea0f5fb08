"""Random care histories for the indicators' properties: a few children, each
placed again and again (in residential and foster services, with relatives or
parents in no service), with or without a day between placements."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from socialservices import EndReason, Measure, Period, Person, Placement, Registry

from .test_indicators import BOTEVGRAD, PRAVETS, service, world

SERVICES = [
    service("S-A", PRAVETS, None),
    service("S-B", BOTEVGRAD, None),
    service("S-F", PRAVETS, None, type="FOSTER_CARE"),
    service("S-D", PRAVETS, None, type="DAY_CENTRE"),
]
_WHERE = ["S-A", "S-A", "S-B", "S-F", "S-D", None]
_NO_SERVICE = [Measure.WITH_PARENTS, Measure.RELATIVES, Measure.FOR_ADOPTION]


@st.composite
def careers(draw: st.DrawFn, max_children: int = 4) -> Registry:
    """A registry of up to ``max_children`` children, each with one to four
    placements one after another (no two on one day); shrinks towards one
    child with one short placement."""
    persons, placements = [], []
    for number in range(draw(st.integers(1, max_children))):
        id = f"C{number}"
        born = draw(st.dates(date(2004, 1, 1), date(2022, 12, 31)))
        persons.append(
            Person(
                id=id,
                birth_date=born,
                home_municipality=draw(st.sampled_from([PRAVETS, BOTEVGRAD])),
            )
        )
        day = max(born, draw(st.dates(date(2019, 1, 1), date(2025, 6, 30))))
        count = draw(st.integers(1, 4))
        for step in range(count):
            where = draw(st.sampled_from(_WHERE))
            end: date | None = day + timedelta(days=draw(st.integers(1, 500)))
            if step == count - 1 and draw(st.booleans()):
                end = None
            placements.append(
                Placement(
                    id=f"{id}-{step}",
                    person=id,
                    service=where,
                    period=Period(start=day, end=end),
                    measure=draw(st.sampled_from(_NO_SERVICE))
                    if where is None
                    else None,
                    end_reason=None
                    if end is None
                    else draw(st.none() | st.sampled_from(list(EndReason))),
                )
            )
            if end is None:
                break
            day = end + timedelta(days=draw(st.sampled_from([0, 0, 0, 1, 40])))
    return world(SERVICES, persons, placements)
