"""Regions, municipalities, their borders, and how close two places are."""

from __future__ import annotations

import enum
import math
import operator
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from . import _checks
from ._errors import InvalidValueError, UnknownReferenceError

__all__ = [
    "Coordinates",
    "Geography",
    "Municipality",
    "Proximity",
    "Region",
]

EARTH_RADIUS_KM = 6371.0088
"""The mean Earth radius (IUGG) used for great-circle distances."""
REPR_IN_FULL_UP_TO = 30
"""Geographies of more municipalities have a summary for their repr."""


class Proximity(enum.IntEnum):
    """How close a service's site is to a person's home, closest first.

    The tiers are administrative: a neighbouring municipality borders the home
    municipality *within the same region*; a site across the region's border
    is at best ``NEIGHBOURING_REGION``, however close it is on the map.
    Members compare in this order, so ``min()`` picks the closest tier.

    >>> Proximity.SAME_MUNICIPALITY < Proximity.SAME_REGION < Proximity.ELSEWHERE
    True
    >>> Proximity.SAME_REGION.in_region
    True

    .. versionadded:: 0.1
    """

    SAME_MUNICIPALITY = 0
    NEIGHBOURING_MUNICIPALITY = 1
    SAME_REGION = 2
    NEIGHBOURING_REGION = 3
    ELSEWHERE = 4

    @property
    def in_region(self) -> bool:
        """``True`` for the tiers inside the home region (up to ``SAME_REGION``)."""
        return self <= Proximity.SAME_REGION


@attrs.frozen(kw_only=True)
class Coordinates:
    """A point on the map in decimal degrees (WGS 84).

    .. versionadded:: 0.1
    """

    latitude: float = attrs.field(validator=_checks.in_range(-90.0, 90.0))
    longitude: float = attrs.field(validator=_checks.in_range(-180.0, 180.0))

    def distance_km(self, other: Coordinates) -> float:
        """The great-circle (haversine) distance to ``other`` in kilometres.

        >>> sofia = Coordinates(latitude=42.6977, longitude=23.3219)
        >>> round(sofia.distance_km(Coordinates(latitude=43.2141, longitude=27.9147)))
        378

        Raises:
            InvalidValueError: ``other`` is not :class:`Coordinates`.
        """
        _checks.argument("Coordinates.distance_km", "other", other, Coordinates)
        lat1, lon1 = math.radians(self.latitude), math.radians(self.longitude)
        lat2, lon2 = math.radians(other.latitude), math.radians(other.longitude)
        h = (
            math.sin((lat2 - lat1) / 2) ** 2
            + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        )
        return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@attrs.frozen(kw_only=True)
class Region:
    """A region (in Bulgaria an oblast, NUTS 3), identified by its code.

    >>> Region(code="SFO", name="София", name_en="Sofia Province").code
    'SFO'

    .. versionadded:: 0.1
    """

    code: str = attrs.field(validator=_checks.code)
    name: str = attrs.field(validator=_checks.text)
    name_en: str | None = attrs.field(default=None, validator=_checks.optional_text)
    nuts3: str | None = attrs.field(default=None, validator=_checks.optional_code)
    iso_3166_2: str | None = attrs.field(default=None, validator=_checks.optional_code)


@attrs.frozen(kw_only=True)
class Municipality:
    """A municipality (LAU), identified by its code, in a region.

    ``region`` is the region's code. ``centroid`` places it on the map, for
    distances; ``population`` is informative.

    .. versionadded:: 0.1
    """

    code: str = attrs.field(validator=_checks.code)
    name: str = attrs.field(validator=_checks.text)
    region: str = attrs.field(validator=_checks.code)
    name_en: str | None = attrs.field(default=None, validator=_checks.optional_text)
    population: int | None = attrs.field(default=None, validator=_checks.optional_count)
    centroid: Coordinates | None = attrs.field(
        default=None, validator=_checks.instance_of(Coordinates, optional=True)
    )


Border = frozenset[str]
"""Two codes that share a border, unordered."""


def _to_borders(value: Iterable[Iterable[str]]) -> frozenset[Border]:
    if not _checks.is_collection(value):
        return value  # type: ignore[return-value]
    try:
        return frozenset(
            frozenset(pair) if _checks.is_collection(pair) else pair  # type: ignore[misc]
            for pair in value
        )
    except TypeError:  # unhashable members: the validator names them
        return value  # type: ignore[return-value]


def _borders(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, frozenset):
        raise _checks.fail(
            instance, attribute, value, "wrong_type", "must be a collection of pairs"
        )
    for pair in value:
        if not isinstance(pair, frozenset) or not all(isinstance(c, str) for c in pair):
            raise _checks.fail(
                instance, attribute, pair, "wrong_type", "each border is two codes"
            )
        if len(pair) != 2:
            raise _checks.fail(
                instance,
                attribute,
                sorted(pair),
                "malformed",
                "each border joins two different codes",
            )


_CODE = operator.attrgetter("code")


def _to_regions(value: Iterable[Region]) -> tuple[Region, ...]:
    return _checks.canonical(value, key=_CODE)


def _to_municipalities(value: Iterable[Municipality]) -> tuple[Municipality, ...]:
    return _checks.canonical(value, key=_CODE)


def _neighbour_index(borders: frozenset[Border]) -> Mapping[str, frozenset[str]]:
    neighbours: dict[str, set[str]] = {}
    for border in borders:
        a, b = sorted(border)
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    return {code: frozenset(codes) for code, codes in neighbours.items()}


def _code_argument(function: str, name: str, value: object) -> None:
    """Refuse a code argument that is not a string, naming the function."""
    if not isinstance(value, str):
        raise InvalidValueError(
            function, name, value, "wrong_type", "must be a code (a str)"
        )


@attrs.frozen(kw_only=True)
class Geography:
    """Regions, municipalities and which of them share a border.

    Borders are unordered pairs of codes, so adjacency is symmetric by
    construction. Collections are kept sorted by code, so two geographies
    built from the same facts in another order are equal. A municipality
    whose region is missing, or a border naming an unknown code, is kept as
    given: validation rules report such references, construction does not.

    >>> geography = Geography(
    ...     regions=[Region(code="R1", name="One"), Region(code="R2", name="Two")],
    ...     municipalities=[
    ...         Municipality(code="A", name="A", region="R1"),
    ...         Municipality(code="B", name="B", region="R1"),
    ...         Municipality(code="C", name="C", region="R1"),
    ...         Municipality(code="D", name="D", region="R2"),
    ...     ],
    ...     municipality_neighbours=[("A", "B"), ("A", "D")],
    ...     region_neighbours=[("R1", "R2")],
    ... )
    >>> geography.proximity("A", "B").name, geography.proximity("A", "C").name
    ('NEIGHBOURING_MUNICIPALITY', 'SAME_REGION')
    >>> geography.proximity("A", "D").name
    'NEIGHBOURING_REGION'

    .. versionadded:: 0.1
    """

    regions: tuple[Region, ...] = attrs.field(
        default=(), converter=_to_regions, validator=_checks.tuple_of(Region)
    )
    municipalities: tuple[Municipality, ...] = attrs.field(
        default=(),
        converter=_to_municipalities,
        validator=_checks.tuple_of(Municipality),
    )
    region_neighbours: frozenset[Border] = attrs.field(
        default=frozenset(), converter=_to_borders, validator=_borders
    )
    municipality_neighbours: frozenset[Border] = attrs.field(
        default=frozenset(), converter=_to_borders, validator=_borders
    )
    _regions_by_code: Mapping[str, Region] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _municipalities_by_code: Mapping[str, Municipality] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _region_neighbours: Mapping[str, frozenset[str]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _municipality_neighbours: Mapping[str, frozenset[str]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _municipalities_by_region: Mapping[str, tuple[Municipality, ...]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __repr__(self) -> str:
        """The fields in full, or a summary for a geography of more than
        ``REPR_IN_FULL_UP_TO`` municipalities (a country's would run to 70 kB)."""
        if len(self.municipalities) > REPR_IN_FULL_UP_TO:
            return (
                f"Geography(<{len(self.regions)} regions, "
                f"{len(self.municipalities)} municipalities>)"
            )
        return (
            f"Geography(regions={self.regions!r}, "
            f"municipalities={self.municipalities!r}, "
            f"region_neighbours={self.region_neighbours!r}, "
            f"municipality_neighbours={self.municipality_neighbours!r})"
        )

    def __attrs_post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "_regions_by_code", _checks.first_by(self.regions, "code"))
        set_(
            self,
            "_municipalities_by_code",
            _checks.first_by(self.municipalities, "code"),
        )
        set_(self, "_region_neighbours", _neighbour_index(self.region_neighbours))
        set_(
            self,
            "_municipality_neighbours",
            _neighbour_index(self.municipality_neighbours),
        )
        by_region: dict[str, list[Municipality]] = {}
        for municipality in self.municipalities:
            by_region.setdefault(municipality.region, []).append(municipality)
        set_(
            self,
            "_municipalities_by_region",
            {region: tuple(members) for region, members in by_region.items()},
        )

    def region(self, code: str) -> Region:
        """The region with this code.

        Raises:
            UnknownReferenceError: when there is none.
        """
        return _checks.look_up(self._regions_by_code, "region", code)

    def municipality(self, code: str) -> Municipality:
        """The municipality with this code.

        Raises:
            UnknownReferenceError: when there is none.
        """
        return _checks.look_up(self._municipalities_by_code, "municipality", code)

    @property
    def municipalities_by_code(self) -> Mapping[str, Municipality]:
        """Every municipality by its code (the first, should one be given twice).

        .. versionadded:: 0.5
        """
        return self._municipalities_by_code

    def has_municipality(self, code: str) -> bool:
        """Whether a municipality with this code is known.

        Raises:
            InvalidValueError: ``code`` is not a string (``wrong_type``).
        """
        _code_argument("Geography.has_municipality", "code", code)
        return code in self._municipalities_by_code

    def municipalities_in(self, region: str) -> tuple[Municipality, ...]:
        """The municipalities of ``region``, by code.

        Raises:
            InvalidValueError: ``region`` is not a string (``wrong_type``).
            UnknownReferenceError: no region has that code and no
                municipality names it as its region.
        """
        self._region_code("Geography.municipalities_in", "region", region)
        return self._municipalities_by_region.get(region, ())

    def neighbouring_municipalities(self, code: str) -> frozenset[str]:
        """Codes of the municipalities that border ``code``, in any region.

        Raises:
            InvalidValueError: ``code`` is not a string (``wrong_type``).
            UnknownReferenceError: the municipality is unknown.
        """
        _code_argument("Geography.neighbouring_municipalities", "code", code)
        self.municipality(code)
        return self._municipality_neighbours.get(code, frozenset())

    def neighbouring_regions(self, code: str) -> frozenset[str]:
        """Codes of the regions that border region ``code``.

        Raises:
            InvalidValueError: ``code`` is not a string (``wrong_type``).
            UnknownReferenceError: no region has that code and no
                municipality names it as its region.
        """
        self._region_code("Geography.neighbouring_regions", "code", code)
        return self._region_neighbours.get(code, frozenset())

    def _region_code(self, function: str, name: str, code: object) -> None:
        """Refuse a code that is neither a region's nor a municipality's region.

        A municipality whose region is missing is kept as given (validation
        reports it), so the code it names is still a place one can ask about.
        """
        _code_argument(function, name, code)
        if (
            code not in self._regions_by_code
            and code not in self._municipalities_by_region
        ):
            raise UnknownReferenceError("region", str(code))

    def proximity(self, home: str, site: str) -> Proximity:
        """How close municipality ``site`` is to municipality ``home``.

        Raises:
            UnknownReferenceError: when either municipality is unknown.
        """
        home_region = self.municipality(home).region
        site_region = self.municipality(site).region
        if home == site:
            return Proximity.SAME_MUNICIPALITY
        if home_region == site_region:
            if site in self.neighbouring_municipalities(home):
                return Proximity.NEIGHBOURING_MUNICIPALITY
            return Proximity.SAME_REGION
        if site_region in self.neighbouring_regions(home_region):
            return Proximity.NEIGHBOURING_REGION
        return Proximity.ELSEWHERE

    def distance_km(self, a: str, b: str) -> float | None:
        """Great-circle distance between two municipalities' centroids.

        Returns ``None`` when either has no centroid.

        Raises:
            UnknownReferenceError: when either municipality is unknown.
        """
        first, second = self.municipality(a).centroid, self.municipality(b).centroid
        if first is None or second is None:
            return None
        return first.distance_km(second)
