"""Matching requests to free places, closest to home first.

:func:`rank` explains, for one person or sibling group, which services could
take them and in what order, and why the others cannot.
:func:`allocate` places a whole batch at once: as many people as possible,
children in families where it can, then as close to home as possible,
exactly. :func:`allocate_first_come` is the first-come-first-served baseline
it improves on. Like the rest of the library, matching does no I/O and never
reads the clock: the day is always an argument.
"""

from ._allocation import allocate
from ._greedy import allocate_first_come
from ._policy import CLOSEST_FIRST, UNKNOWN_DISTANCE_M, Level, Policy
from ._ranking import Candidate, Exclusion, Ranking, rank
from ._reasons import ExclusionReason, RankReason, UnplacedReason
from ._results import Allocation, Assignment, Unplaced

__all__ = [
    "CLOSEST_FIRST",
    "UNKNOWN_DISTANCE_M",
    "Allocation",
    "Assignment",
    "Candidate",
    "Exclusion",
    "ExclusionReason",
    "Level",
    "Policy",
    "RankReason",
    "Ranking",
    "Unplaced",
    "UnplacedReason",
    "allocate",
    "allocate_first_come",
    "rank",
]
