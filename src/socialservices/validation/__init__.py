"""Validation: a catalogue of rules with stable codes, and the findings they report.

Three entry points, as in jsonschema: :func:`iter_findings` yields every
finding, :func:`validate` gathers them in a :class:`Report`, :func:`is_valid`
answers yes or no. Rules are data (:class:`Rule`); the default catalogue is
:data:`DEFAULT_RULES`.
"""

from ._catalogue import DEFAULT_RULES, FAMILIES
from ._facts import Facts
from ._finding import Entity, Finding, FreePlaces, Severity, Subject
from ._report import Report
from ._rule import ALWAYS, Check, Family, Rule
from ._validate import is_valid, iter_findings, select_rules, validate

__all__ = [
    "ALWAYS",
    "DEFAULT_RULES",
    "FAMILIES",
    "Check",
    "Entity",
    "Facts",
    "Family",
    "Finding",
    "FreePlaces",
    "Report",
    "Rule",
    "Severity",
    "Subject",
    "is_valid",
    "iter_findings",
    "select_rules",
    "validate",
]
