"""Convert England's SSDA903 children-looked-after episodes to a socialservices document.

SSDA903 is the return every English local authority makes each year on the
children it looks after: a header file (one row per child: ``CHILD``, ``SEX``,
``DOB``, ...) and an episodes file (one row per episode of care: ``CHILD``,
``DECOM``, ``RNE``, ``LS``, ``CIN``, ``PLACE``, ``PLACE_PROVIDER``, ``DEC``,
``REC``, ``REASON_PLACE_CHANGE``, ``HOME_POST``, ``PL_POST``, ``URN``). This
script reads the two CSV files of one extract and writes a registry document
(``socialservices/2``, JSON). The library does no I/O; this is the edge that
does. Standard library and the library itself only::

    python tools/ssda903.py FOLDER                  # the document, on standard output
    python tools/ssda903.py FOLDER -o registry.json
    python tools/ssda903.py FOLDER --report         # records kept, set aside, findings

``FOLDER`` holds ``header.csv`` and ``episodes.csv``. ``--year-ending YYYY``
names the collection year (its 31 March is the document's ``as_of``); without
it, the year is the one the latest episode start falls in. ``--report``
salvages the document (:func:`socialservices.salvage`) and validates what it
keeps as of ``as_of`` under no jurisdiction's law (the jurisdiction-neutral
rules, a child is under 18), as ``validate --law none`` does, and prints the
figures.

How the return is mapped (what the library cannot say yet is noted):

- **Children -> persons.** ``CHILD`` is the person's id (it is already a
  pseudonymous id of the authority's); ``DOB`` is the birth date as the data
  gives it, to the day, because the rules that both sides define (a placement
  before the birth, an adult in a children's placement) need the day; the
  library never puts a birth date in a message. ``SEX``, ``ETHNIC``, ``UPN``
  (a pupil number: a national identifier, never carried), ``MOTHER`` and
  ``MC_DOB`` are not mapped. The home is the postcode district of
  ``HOME_POST``, which the return records per episode: the home municipality
  is the district of the child's latest episode (by start) that gives one,
  and where an episode gives another district than the one before, the
  child moved on the day it starts (a :class:`~socialservices.PreviousHome`
  until then). An episode without a readable postcode changes nothing; before
  the first that has one, the home is that first one's.
- **Geography.** England's geography is not in the library, so the converter
  makes one from the postcodes it sees: a postcode district (the outward code,
  ``EH14``) is a municipality and a postcode area (its letters, ``EH``) a
  region, with no neighbours and no centroids. A missing or unreadable postcode
  becomes the municipality ``UNKNOWN``, which the geography does not hold, so
  that ``REF004`` / ``REF007`` report it rather than a made-up place.
- **Episodes -> placements.** One placement per episode, id ``EP`` and the
  episode's row (from 0, ``EP00012``); ``DECOM`` starts it and ``DEC`` ends it
  (a placement's period is half-open, so an episode ending on the day the
  next starts does not overlap it); ``LS`` (legal status) is the legal basis;
  ``REC`` is mapped to an end reason (:data:`END_REASONS`); ``PLACE`` to a
  measure where one fits (:data:`MEASURES`: foster care with relatives or
  friends, other foster care, residential care, placed for adoption, placed
  with parents; independent living and temporary moves have none). An
  episode placed with parents (``P1``) is in no service: it takes no place
  and has no provider.
- **Settings -> services.** One service per ``URN`` (the Ofsted number of the
  setting) with its placement type ``PLACE`` as service type, ``PLACE_PROVIDER``
  as provider and the district of ``PL_POST`` as municipality; a URN seen with
  more than one of those gets a service for each (``URN.2``, ...). SSDA903 does
  not record a setting's places, so capacity is unknown (an empty history), nor
  when it opened or closed, so ``operating`` is ``null`` (not recorded).
  Every setting admits children under 18 (``max_age`` 17: a looked-after child
  is under 18, Children Act 1989 s.105).
- **Providers.** The six ``PLACE_PROVIDER`` codes are six providers (the kinds
  are the nearest: own and other local-authority provision are municipal,
  other public provision the state, private a company, voluntary an NGO).
  ``PR0`` (placed with parents or persons with parental responsibility) is no
  provider: its episodes are in no service. An episode with ``PR0`` and
  another placement type than ``P1`` is mapped as given (a service of
  provider ``PR0``, which ``REF002`` reports as unknown).
- **Not mapped:** ``RNE`` (why a new episode started), ``CIN`` (category of
  need), ``REASON_PLACE_CHANGE``; the other SSDA903 tables (UASC, missing,
  reviews, adoption, ...).

Nothing is repaired: a date that is not a date, an id with a space, a code
that is not a code are written as they are (a ``dd/mm/yyyy`` date is
rewritten ``yyyy-mm-dd`` even when the day does not exist), so that
:func:`socialservices.salvage` sets the record aside with its problem, or a
rule reports it.
"""

from __future__ import annotations

import argparse
import csv
import json
import pathlib
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from socialservices import (
    AgeOfMajority,
    ChildPolicy,
    MeasureOrder,
    Report,
    Salvage,
    salvage,
    select_rules,
    validate,
)

JURISDICTION = "GB-ENG"
UNKNOWN = "UNKNOWN"
WITH_PARENTS = "P1"
"""The placement type of an episode in no service: placed with parents."""
"""The municipality of a missing or unreadable postcode; not in the geography."""

NEUTRAL_RULES = select_rules(exclude=["CHD", "LIC", "AGR001", "AGR003"])
"""The jurisdiction-neutral rules (those ``--law none`` applies)."""

NEUTRAL_POLICY = ChildPolicy(
    majority=AgeOfMajority(age=18), measures=MeasureOrder(measures=())
)
"""A child is under 18; no order of measures (``--law none``)."""


class PlacementType(NamedTuple):
    """An SSDA903 placement type (``PLACE``) as a service type."""

    name: str
    residential: bool
    family_based: bool
    measure: str | None


PLACEMENT_TYPES: Mapping[str, PlacementType] = {
    "A3": PlacementType(
        "Placed for adoption with consent, with current foster carer(s)",
        False,
        True,
        "for_adoption",
    ),
    "A4": PlacementType(
        "Placed for adoption with consent, not with current foster carer(s)",
        False,
        True,
        "for_adoption",
    ),
    "A5": PlacementType(
        "Placed for adoption with placement order, with current foster carer(s)",
        False,
        True,
        "for_adoption",
    ),
    "A6": PlacementType(
        "Placed for adoption with placement order, not with current foster carer(s)",
        False,
        True,
        "for_adoption",
    ),
    "H5": PlacementType(
        "Semi-independent living accommodation not subject to children's homes regulations",
        True,
        False,
        "residential",
    ),
    "K1": PlacementType("Secure children's homes", True, False, "residential"),
    "K2": PlacementType(
        "Children's homes subject to Children's Homes Regulations",
        True,
        False,
        "residential",
    ),
    "K3": PlacementType(
        "Registered supported accommodation", True, False, "residential"
    ),
    "P1": PlacementType(
        "Placed with own parent(s) or other person(s) with parental responsibility",
        False,
        False,
        "with_parents",
    ),
    "P2": PlacementType(
        "Independent living (flat, lodgings, bedsit, B&B, with friends)",
        False,
        False,
        None,
    ),
    "P3": PlacementType("Residential employment", False, False, None),
    "R1": PlacementType("Residential care home", True, False, "residential"),
    "R2": PlacementType(
        "NHS/health trust or other establishment providing medical or nursing care",
        True,
        False,
        None,
    ),
    "R3": PlacementType(
        "Family centre or mother and baby unit", True, False, "residential"
    ),
    "R5": PlacementType("Young offender institution (YOI)", True, False, None),
    "S1": PlacementType(
        "All residential schools, except where dual-registered as a children's home",
        True,
        False,
        None,
    ),
    "T0": PlacementType("All types of temporary move", False, False, None),
    "T1": PlacementType("Temporary periods in hospital", False, False, None),
    "T2": PlacementType(
        "Temporary absences of the child on holiday", False, False, None
    ),
    "T3": PlacementType(
        "Temporary accommodation whilst normal foster carer(s) is/are on holiday",
        False,
        False,
        None,
    ),
    "T4": PlacementType(
        "Temporary accommodation of seven days or less, for any other reason",
        False,
        False,
        None,
    ),
    "U1": PlacementType(
        "Foster placement with relative(s) or friend(s) - long term fostering",
        False,
        True,
        "relatives",
    ),
    "U2": PlacementType(
        "Foster placement with relative(s) or friend(s) - fostering for adoption",
        False,
        True,
        "relatives",
    ),
    "U3": PlacementType(
        "Foster placement with relative(s) or friend(s) - not long term or FFA",
        False,
        True,
        "relatives",
    ),
    "U4": PlacementType(
        "Foster placement with other foster carer(s) - long term fostering",
        False,
        True,
        "foster_family",
    ),
    "U5": PlacementType(
        "Foster placement with other foster carer(s) - fostering for adoption",
        False,
        True,
        "foster_family",
    ),
    "U6": PlacementType(
        "Foster placement with other foster carer(s) - not long term or FFA",
        False,
        True,
        "foster_family",
    ),
    "Z1": PlacementType("Other placements", False, False, None),
}
"""The placement types (``PLACE``) with their names, and the measure each
means (``None``: no measure of the schema fits)."""

MEASURES = {code: kind.measure for code, kind in PLACEMENT_TYPES.items()}

PROVIDERS: Mapping[str, tuple[str, str]] = {
    "PR0": (
        "Placed with parent(s) or other person(s) with parental responsibility "
        "(no provider: recorded as the responsible authority's arrangement)",
        "municipality",
    ),
    "PR1": ("Own provision by the responsible local authority", "municipality"),
    "PR2": ("Other local authority provision", "municipality"),
    "PR3": ("Other public provision", "state"),
    "PR4": ("Private provision", "company"),
    "PR5": ("Voluntary/third sector provision", "ngo"),
}
"""The placement providers (``PLACE_PROVIDER``): name and provider kind."""

END_REASONS: Mapping[str, str] = {
    "X1": "transferred",  # episode ceases, a new one begins the same day
    "E11": "adopted",
    "E12": "adopted",
    "E2": "deceased",
    "E3": "transferred",  # care taken over by another local authority
    "E4A": "returned_to_family",
    "E4B": "returned_to_family",
    "E5": "independent_living",
    "E6": "independent_living",
    "E7": "transferred",  # to residential care funded by adult social services
    "E8": "other",
    "E9": "other",  # sentenced to custody
    "E13": "other",  # left care to live with former foster carer(s)
    "E14": "other",  # accommodation on remand ended
    "E15": "other",  # age assessment found the child 18 or over
    "E16": "other",  # moved abroad
    "E17": "other",  # aged 18 or over, stayed with current carers
    "E41": "placed_with_relatives",  # residence / child arrangements order
    "E43": "placed_with_relatives",  # special guardianship: former foster carer, relative or friend
    "E44": "other",  # special guardianship: former foster carer, not a relative
    "E45": "placed_with_relatives",  # special guardianship: relative or friend
    "E46": "other",  # special guardianship: other carer
    "E47": "other",  # special guardianship: former foster carer(s)
    "E48": "other",  # special guardianship: other carer(s)
}
"""Why an episode ceased (``REC``) as an end reason. Special guardianship has
no end reason of its own in this schema: to relatives or friends it is
``placed_with_relatives``, otherwise ``other``. A code not listed is written
as it is (the record is then set aside, as an unknown value)."""

_DAY_MONTH_YEAR = re.compile(r"([0-9]{2})/([0-9]{2})/([0-9]{4})")
_OUTWARD = re.compile(r"([A-Z]{1,2})[0-9][A-Z0-9]?")


def iso_date(text: str) -> str | None:
    """An SSDA903 date (``dd/mm/yyyy``) as ``yyyy-mm-dd``; blank is ``None``.

    Anything else is returned as it is, for the library to refuse.

    >>> iso_date("14/08/2017"), iso_date(""), iso_date("31/02/2017"), iso_date("2017-13-01")
    ('2017-08-14', None, '2017-02-31', '2017-13-01')
    """
    text = text.strip()
    if not text:
        return None
    found = _DAY_MONTH_YEAR.fullmatch(text)
    if found is None:
        return text
    day, month, year = found.groups()
    return f"{year}-{month}-{day}"


def day(text: str | None) -> date | None:
    """The date of an ISO text, or ``None`` when it is not one."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def district(postcode: str) -> str:
    """The postcode district (outward code) of ``postcode``, or :data:`UNKNOWN`.

    >>> district("EH14 8EC"), district("eh148ec"), district(""), district("12")
    ('EH14', 'EH14', 'UNKNOWN', 'UNKNOWN')
    """
    compact = "".join(postcode.split()).upper()
    outward = compact[:-3]
    return outward if _OUTWARD.fullmatch(outward) else UNKNOWN


def year_end(starts: Iterable[date]) -> date:
    """The 31 March that ends the collection year of the latest of ``starts``."""
    latest = max(starts)
    march = date(latest.year, 3, 31)
    return march if latest <= march else date(latest.year + 1, 3, 31)


def convert(
    header: Sequence[Mapping[str, str]],
    episodes: Sequence[Mapping[str, str]],
    *,
    as_of: date | None = None,
) -> dict[str, Any]:
    """The registry document of one SSDA903 extract (rows as :class:`csv.DictReader` gives them).

    ``as_of`` is the collection year's 31 March; without it, the one after
    the latest readable episode start.
    """
    starts = [day(iso_date(row["DECOM"])) for row in episodes]
    if as_of is None:
        readable = [start for start in starts if start is not None]
        as_of = year_end(readable) if readable else None

    def order(row: int) -> tuple[date, int]:
        return (starts[row] or date.max, row)

    # the homes: each episode's postcode district, in order of start
    homes: dict[str, str] = {}
    moves: dict[str, list[dict[str, str]]] = {}
    for row in sorted(range(len(episodes)), key=order):
        child, home = episodes[row]["CHILD"], district(episodes[row]["HOME_POST"])
        if home == UNKNOWN:
            continue
        before = homes.get(child)
        start = iso_date(episodes[row]["DECOM"])
        if before is not None and home != before and starts[row] is not None:
            known = moves.setdefault(child, [])
            if not known or known[-1]["until"] != start:  # not moved twice that day
                known.append({"municipality": before, "until": str(start)})
        if before is None or starts[row] is not None:
            homes[child] = home

    services: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    per_urn: Counter[str] = Counter()
    service_of: list[str | None] = []
    for episode in episodes:
        if episode["PLACE"] == WITH_PARENTS:
            service_of.append(None)  # in no service
            continue
        urn = episode["URN"]
        key = (
            urn,
            episode["PLACE"],
            episode["PLACE_PROVIDER"],
            district(episode["PL_POST"]),
        )
        service = services.get(key)
        start = iso_date(episode["DECOM"])
        if service is None:
            per_urn[urn] += 1
            identity = urn if per_urn[urn] == 1 else f"{urn}.{per_urn[urn]}"
            service = services[key] = {
                "id": identity,
                "name": f"{key[1]} setting, Ofsted URN {urn}",
                "type": key[1],
                "provider": key[2],
                "municipality": key[3],
                "operating": None,  # not recorded
                "capacity": [],
                "eligibility": {"max_age": 17},
            }
        service_of.append(service["id"])

    districts = {district(row["HOME_POST"]) for row in episodes}
    districts |= {service["municipality"] for service in services.values()}
    districts.discard(UNKNOWN)
    areas = sorted({_area(code) for code in districts})
    used_providers = sorted({service["provider"] for service in services.values()})
    used_types = sorted({service["type"] for service in services.values()})
    document: dict[str, Any] = {
        "schema": "socialservices/2",
        "jurisdiction": JURISDICTION,
        "as_of": None if as_of is None else as_of.isoformat(),
        "geography": {
            "regions": [
                {"code": area, "name": f"postcode area {area}"} for area in areas
            ],
            "municipalities": [
                {
                    "code": code,
                    "name": f"postcode district {code}",
                    "region": _area(code),
                }
                for code in sorted(districts)
            ],
            "region_neighbours": [],
            "municipality_neighbours": [],
        },
        "providers": [
            {"id": code, "name": PROVIDERS[code][0], "kind": PROVIDERS[code][1]}
            for code in used_providers
            if code in PROVIDERS
        ],
        "service_types": [
            {
                "code": code,
                "name": PLACEMENT_TYPES[code].name,
                "residential": PLACEMENT_TYPES[code].residential,
                "family_based": PLACEMENT_TYPES[code].family_based,
            }
            for code in used_types
            if code in PLACEMENT_TYPES
        ],
        "services": list(services.values()),
        "persons": [_person(child, homes, moves) for child in header],
        "placements": [
            {
                "id": f"EP{row:05d}",
                "person": episode["CHILD"],
                "service": service_of[row],
                "period": {
                    "start": iso_date(episode["DECOM"]),
                    "end": iso_date(episode["DEC"]),
                },
                "measure": MEASURES.get(episode["PLACE"]),
                "legal_basis": episode["LS"].strip() or None,
                "end_reason": _end_reason(episode["REC"]),
            }
            for row, episode in enumerate(episodes)
        ],
    }
    if as_of is None:
        del document["as_of"]
    return document


def _person(
    child: Mapping[str, str],
    homes: Mapping[str, str],
    moves: Mapping[str, list[dict[str, str]]],
) -> dict[str, Any]:
    person: dict[str, Any] = {
        "id": child["CHILD"],
        "birth_date": iso_date(child["DOB"]),
        "home_municipality": homes.get(child["CHILD"], UNKNOWN),
    }
    if child["CHILD"] in moves:
        person["previous_homes"] = moves[child["CHILD"]]
    return person


def _area(code: str) -> str:
    found = _OUTWARD.fullmatch(code)
    assert found is not None
    return found.group(1)


def _end_reason(code: str) -> str | None:
    code = code.strip()
    return END_REASONS.get(code, code) if code else None


def read_rows(path: pathlib.Path) -> list[dict[str, str]]:
    """The rows of a CSV file, each a mapping of column to text (blank for a missing cell)."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        return [
            {key: value or "" for key, value in row.items() if key is not None}
            for row in csv.DictReader(file)
        ]


def convert_folder(
    folder: pathlib.Path, *, as_of: date | None = None
) -> dict[str, Any]:
    """The document of the extract in ``folder`` (``header.csv``, ``episodes.csv``)."""
    return convert(
        read_rows(folder / "header.csv"),
        read_rows(folder / "episodes.csv"),
        as_of=as_of,
    )


def check(document: Mapping[str, Any]) -> tuple[Salvage, Report]:
    """Salvage ``document`` and validate what it keeps as of its ``as_of``,
    with the jurisdiction-neutral rules."""
    salvaged = salvage(dict(document))
    report = validate(salvaged.registry, rules=NEUTRAL_RULES, policy=NEUTRAL_POLICY)
    return salvaged, report


def figures(document: Mapping[str, Any]) -> str:
    """Records kept and set aside per collection, problems and findings by code."""
    salvaged, report = check(document)
    lines = [
        f"as of {document.get('as_of')}, jurisdiction {document.get('jurisdiction')}"
    ]
    lines.append(f"{'collection':<14}{'records':>8}{'kept':>8}{'set aside':>11}")
    aside = Counter(record.collection for record in salvaged.set_aside)
    for name in ("providers", "service_types", "services", "persons", "placements"):
        total = len(document[name])
        lines.append(f"{name:<14}{total:>8}{total - aside[name]:>8}{aside[name]:>11}")
    problems = Counter(
        problem.code for record in salvaged.set_aside for problem in record.problems
    )
    problems.update(problem.code for problem in salvaged.problems)
    lines.append(
        "problems: "
        + (
            ", ".join(f"{code} {count}" for code, count in sorted(problems.items()))
            or "none"
        )
    )
    counts = report.counts()
    lines.append(f"findings: {sum(counts.values())}")
    lines.extend(f"  {code}  {count:>5}" for code, count in counts.items())
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: convert a folder, write the document or the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "folder", type=pathlib.Path, help="holds header.csv and episodes.csv"
    )
    parser.add_argument(
        "-o", "--output", type=pathlib.Path, help="write the document here"
    )
    parser.add_argument(
        "--year-ending",
        type=int,
        metavar="YYYY",
        help="the collection year ending 31 March YYYY",
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="print records kept, set aside, findings by code",
    )
    arguments = parser.parse_args(argv)
    as_of = (
        None if arguments.year_ending is None else date(arguments.year_ending, 3, 31)
    )
    document = convert_folder(arguments.folder, as_of=as_of)
    if arguments.report:
        print(figures(document))
        return 0
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    if arguments.output is None:
        sys.stdout.write(text)
    else:
        arguments.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
