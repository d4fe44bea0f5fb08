"""Reason codes: why a service ranks where it does, why it is excluded, why a
request is left unplaced. Values are stable, lowercase strings."""

from __future__ import annotations

import enum

__all__ = ["ExclusionReason", "RankReason", "UnplacedReason"]


class RankReason(enum.Enum):
    """Why a candidate service ranks where it does, in the policy's order.

    .. versionadded:: 0.2
    """

    FAMILY_BASED_CARE = "family_based_care"
    """Family-based care (foster care): the measure the law prefers for a child."""
    RESIDENTIAL_CARE = "residential_care"
    """Residential care: for a child, the last resort after a family."""
    SAME_MUNICIPALITY = "same_municipality"
    """In the home municipality."""
    NEIGHBOURING_MUNICIPALITY = "neighbouring_municipality"
    """In a municipality that borders the home one, in the same region."""
    SAME_REGION = "same_region"
    """Elsewhere in the home region."""
    NEIGHBOURING_REGION = "neighbouring_region"
    """In a region that borders the home region."""
    ELSEWHERE = "elsewhere"
    """Farther away."""
    HELD_FOR_HOME = "held_for_home"
    """Some of its free places are held for the home municipality by an agreement."""


class ExclusionReason(enum.Enum):
    """Why a service cannot take a request on the day asked.

    .. versionadded:: 0.2
    """

    NOT_OPERATING = "not_operating"
    """The service does not operate on that day."""
    UNKNOWN_SERVICE_TYPE = "unknown_service_type"
    """The registry does not know the service's type, so its measure is unknown."""
    MEASURE_NOT_ACCEPTABLE = "measure_not_acceptable"
    """The service's type is not among the request's acceptable types (by
    default: a service that neither accommodates people nor places them in a
    family is no placement)."""
    RESIDENTIAL_CARE_NOT_ALLOWED = "residential_care_not_allowed"
    """Residential care for a child below the policy's age limit."""
    TOO_YOUNG = "too_young"
    """A person is younger than the service's eligibility admits."""
    TOO_OLD = "too_old"
    """A person is older than the service's eligibility admits."""
    TARGET_GROUP = "target_group"
    """A person is outside the service's target groups."""
    NEEDS_NOT_MET = "needs_not_met"
    """The service cannot meet a person's needs."""
    TIER_EXCLUDED = "tier_excluded"
    """The policy excludes the service's proximity tier."""
    CAPACITY_UNKNOWN = "capacity_unknown"
    """The service's capacity on that day is not recorded, so no place can be
    counted as free: it is not offered (and not called full).

    .. versionadded:: 0.5"""
    FULL = "full"
    """No place is free on that day."""
    RESERVED_FOR_ANOTHER_MUNICIPALITY = "reserved_for_another_municipality"
    """The free places are held for the residents of another municipality."""
    NOT_ENOUGH_ROOM = "not_enough_room"
    """Places are free, but not enough for the whole sibling group."""


class UnplacedReason(enum.Enum):
    """Why :func:`allocate` left a request unplaced.

    .. versionadded:: 0.2
    """

    UNKNOWN_PERSON = "unknown_person"
    """The request names a person the registry does not hold."""
    DUPLICATE_PERSON = "duplicate_person"
    """A person of the request is also in a request made earlier (by date, then
    id), which is the one considered."""
    NO_ELIGIBLE_SERVICE = "no_eligible_service"
    """No service in an allowed tier qualifies, whatever its places."""
    NOT_OPERATING = "not_operating"
    """Services in an allowed tier would qualify, but none of them operates
    on the day (as :func:`rank` excludes them).

    .. versionadded:: 0.3"""
    CAPACITY_UNKNOWN = "capacity_unknown"
    """Services in an allowed tier would qualify and operate on the day, but
    none of them has a recorded capacity then, so none can be offered.

    .. versionadded:: 0.5"""
    NO_FREE_PLACE = "no_free_place"
    """Services qualify, but none had a free place for the request's home."""
    NOT_ENOUGH_ROOM = "not_enough_room"
    """Services qualify and have free places, but none enough for the whole
    sibling group."""
    PLACES_TAKEN = "places_taken"
    """Qualifying places were free, but they went to requests that the
    objective put first (placing more people, closer to home, or waiting
    longer)."""
