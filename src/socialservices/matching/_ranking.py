"""Ranking the services that can take one request: close to home first."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from .. import _checks
from .._geography import Proximity
from .._person import PlacementRequest
from .._placement import Measure
from .._registry import Registry
from ._policy import Policy
from ._reasons import ExclusionReason, RankReason
from ._world import Map, Member, Site, home_of, member_reasons, sites, type_reasons

__all__ = ["Candidate", "Exclusion", "Ranking", "rank"]

_TIER_REASON = {tier: RankReason(tier.name.lower()) for tier in Proximity}
_TIER_WORDS = {
    Proximity.SAME_MUNICIPALITY: "in the home municipality",
    Proximity.NEIGHBOURING_MUNICIPALITY: "in a neighbouring municipality",
    Proximity.SAME_REGION: "in the home region",
    Proximity.NEIGHBOURING_REGION: "in a neighbouring region",
    Proximity.ELSEWHERE: "outside the home region and its neighbours",
}
_EXCLUSION_WORDS = {
    ExclusionReason.NOT_OPERATING: "does not operate that day",
    ExclusionReason.UNKNOWN_SERVICE_TYPE: "its service type is unknown",
    ExclusionReason.MEASURE_NOT_ACCEPTABLE: "its type of service is not acceptable",
    ExclusionReason.RESIDENTIAL_CARE_NOT_ALLOWED: "residential care is not allowed "
    "for a child this young",
    ExclusionReason.TOO_YOUNG: "too young for it",
    ExclusionReason.TOO_OLD: "too old for it",
    ExclusionReason.TARGET_GROUP: "outside its target groups",
    ExclusionReason.NEEDS_NOT_MET: "it cannot meet the needs",
    ExclusionReason.TIER_EXCLUDED: "the policy excludes its proximity tier",
    ExclusionReason.CAPACITY_UNKNOWN: "its capacity is not recorded",
    ExclusionReason.FULL: "no free place",
    ExclusionReason.RESERVED_FOR_ANOTHER_MUNICIPALITY: "its free places are held "
    "for another municipality",
    ExclusionReason.NOT_ENOUGH_ROOM: "not enough free places for the whole group",
}


def _to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value) if _checks.is_collection(value) else value  # type: ignore[return-value]


@attrs.frozen(kw_only=True)
class Candidate:
    """A service that can take the whole request, and why it ranks where it does.

    ``rank`` counts from 1. ``free_places`` are the places free on the day to
    residents of the request's home municipality. ``reasons`` are in the
    order the policy weighs them.

    .. versionadded:: 0.2
    """

    service: str = attrs.field(validator=_checks.identifier)
    rank: int = attrs.field(validator=_checks.count)
    tier: Proximity = attrs.field(validator=_checks.instance_of(Proximity))
    distance_km: float | None = attrs.field(
        validator=_checks.instance_of(float, optional=True)
    )
    free_places: int = attrs.field(validator=_checks.count)
    measure: Measure | None = attrs.field(
        validator=_checks.instance_of(Measure, optional=True)
    )
    reasons: tuple[RankReason, ...] = attrs.field(
        converter=_to_tuple, validator=_checks.tuple_of(RankReason)
    )
    message: str = attrs.field(validator=_checks.text)


@attrs.frozen(kw_only=True)
class Exclusion:
    """A service that cannot take the request, with every reason why.

    .. versionadded:: 0.2
    """

    service: str = attrs.field(validator=_checks.identifier)
    reasons: tuple[ExclusionReason, ...] = attrs.field(
        converter=_to_tuple, validator=_checks.tuple_of(ExclusionReason)
    )
    message: str = attrs.field(validator=_checks.text)


@attrs.frozen(kw_only=True)
class Ranking:
    """Every service that can take a request on a day, best first, and every
    one that cannot, by id.

    .. versionadded:: 0.2
    """

    request: str = attrs.field(validator=_checks.identifier)
    on: date = attrs.field(validator=_checks.a_date)
    home: str = attrs.field(validator=_checks.code)
    candidates: tuple[Candidate, ...] = attrs.field(
        converter=_to_tuple, validator=_checks.tuple_of(Candidate)
    )
    exclusions: tuple[Exclusion, ...] = attrs.field(
        converter=_to_tuple, validator=_checks.tuple_of(Exclusion)
    )

    @property
    def best(self) -> Candidate | None:
        """The first candidate, ``None`` when no service can take the request."""
        return self.candidates[0] if self.candidates else None


def exclusion_reasons(
    site: Site,
    members: list[Member],
    acceptable: frozenset[str],
    tiers: list[Proximity],
    home: str,
    on: date,
    policy: Policy,
) -> list[ExclusionReason]:
    """Every reason ``site`` cannot take the request, in the enum's order
    (``tiers``: the site's tier from each member's own home)."""
    found: set[ExclusionReason] = set(type_reasons(site, acceptable))
    if not site.operating:
        found.add(ExclusionReason.NOT_OPERATING)
    for member in members:
        found.update(member_reasons(member, site, on))
    if not all(policy.allows(tier) for tier in tiers):
        found.add(ExclusionReason.TIER_EXCLUDED)
    size = len(members)
    homes = [member.home for member in members]
    if site.operating and not site.capacity_known:
        found.add(ExclusionReason.CAPACITY_UNKNOWN)
    elif site.operating and not site.fits(homes):
        if site.raw_free == 0:
            found.add(ExclusionReason.FULL)
        else:
            if site.raw_free >= size or any(
                n for held, n in site.held.items() if held not in homes
            ):  # enough places, but some are held for where a member does not live
                found.add(ExclusionReason.RESERVED_FOR_ANOTHER_MUNICIPALITY)
            if site.raw_free < size:
                found.add(ExclusionReason.NOT_ENOUGH_ROOM)
    return [reason for reason in ExclusionReason if reason in found]


def _places(count: int) -> str:
    return f"{count} free place{'' if count == 1 else 's'}"


def rank(
    request: PlacementRequest,
    registry: Registry,
    *,
    on: date,
    policy: Policy | None = None,
) -> Ranking:
    """Rank the services that can take ``request`` whole on ``on``.

    A candidate operates on ``on``, admits every person of the request, is
    of an acceptable type (by default, any residential or family-based
    service), lies in a tier the policy allows and has a free place for every
    person (places held for a person's own home municipality count for that
    person, those held for another do not, as :meth:`Registry.free_places`
    counts them). For a child, the policy's order of measures comes first
    (family-based care before residential care), then the proximity tier's
    cost, then distance, then id; ``Policy(proximity_first=True)`` swaps the
    first two. A sibling group's home is the municipality most of its members
    live in: its tier and distance are the home's; a tier the policy excludes
    is excluded for the group if it is for any member's own home.

    Args:
        request: one person, or a sibling group to be placed together.
        registry: the services, their places and the people.
        on: the day the places must be free.
        policy: the preferences; the default is ``Policy()``.

    Returns:
        The candidates best first, and every other service with its reasons.

    Raises:
        InvalidValueError: when an argument is of the wrong type.
        UnknownReferenceError: when the request names an unknown person.

    >>> from socialservices.examples import SCENARIO_DATE, sofia_oblast
    >>> registry = sofia_oblast()
    >>> ranking = rank(registry.requests[0], registry, on=SCENARIO_DATE)
    >>> [(c.service, c.tier.name) for c in ranking.candidates[:2]]
    [('S-PIRDOP-FOSTER', 'SAME_MUNICIPALITY'), ('S-DRAGOMAN-FOSTER', 'SAME_REGION')]
    >>> [r.value for r in ranking.candidates[0].reasons]
    ['family_based_care', 'same_municipality']

    .. versionadded:: 0.2
    """
    _checks.argument("rank", "request", request, PlacementRequest)
    _checks.argument("rank", "registry", registry, Registry)
    _checks.date_argument("rank", "on", on)
    if policy is None:
        policy = Policy()
    _checks.argument("rank", "policy", policy, Policy)
    persons = [registry.person(id) for id in request.persons]
    members = [Member(person, on, policy) for person in persons]
    home = home_of(persons, on)
    places = Map(registry.geography)
    children = policy.children
    any_child = children is not None and any(member.child for member in members)
    keyed: list[tuple[tuple[float, ...], str, Site, Proximity, float | None]] = []
    exclusions: list[Exclusion] = []
    for site in sites(registry, on, frozenset({request.id})):
        tier = places.tier(home, site.municipality)
        tiers = [places.tier(m.home, site.municipality) for m in members]
        reasons = exclusion_reasons(
            site, members, request.acceptable_types, tiers, home, on, policy
        )
        if reasons:
            message = "; ".join(_EXCLUSION_WORDS[reason] for reason in reasons)
            exclusions.append(
                Exclusion(service=site.id, reasons=reasons, message=message)
            )
            continue
        distance = places.distance_km(home, site.municipality)
        measure_key = 0
        if any_child and children is not None:
            order = children.measures
            measure_key = (
                order.rank(site.measure)
                if site.measure is not None
                else len(order.measures)
            )
        keys: tuple[float, ...] = (measure_key, policy.tier_cost(tier))
        if policy.proximity_first:
            keys = keys[::-1]
        keyed.append(
            (
                (*keys, math.inf if distance is None else distance),
                site.id,
                site,
                tier,
                distance,
            )
        )
    keyed.sort(key=lambda item: (item[0], item[1]))
    candidates = []
    for position, (_, _, site, tier, distance) in enumerate(keyed, start=1):
        reasons_ = []
        words = []
        if any_child and site.measure is not None:
            family = site.family_based
            reasons_.append(
                RankReason.FAMILY_BASED_CARE if family else RankReason.RESIDENTIAL_CARE
            )
            words.append("family-based care" if family else "residential care")
        tier_reason, tier_words = _TIER_REASON[tier], _TIER_WORDS[tier]
        if policy.proximity_first:
            reasons_.insert(0, tier_reason)
            words.insert(0, tier_words)
        else:
            reasons_.append(tier_reason)
            words.append(tier_words)
        free = site.free_for(home)
        if site.held.get(home, 0):
            reasons_.append(RankReason.HELD_FOR_HOME)
            words.append(f"{site.held[home]} held for the home municipality")
        if distance is not None:
            words.append(f"{distance:.0f} km")
        words.append(_places(free))
        candidates.append(
            Candidate(
                service=site.id,
                rank=position,
                tier=tier,
                distance_km=distance,
                free_places=free,
                measure=site.measure,
                reasons=reasons_,
                message=", ".join(words),
            )
        )
    return Ranking(
        request=request.id,
        on=on,
        home=home,
        candidates=candidates,
        exclusions=exclusions,
    )
