"""Indicators of quality: what services achieve, measured the same way for everyone.

A catalogue of indicators as data (:data:`INDICATORS`), each with its
definition and source, and :func:`measure`, which computes them for the whole
registry or per oblast, municipality, provider, service type or service.

.. versionadded:: 0.5
"""

from ._catalogue import INDICATORS
from ._indicator import DISTANT_KM, Indicator, Located, Reference
from ._measure import Measurement, Quartiles, Unit, measure

__all__ = [
    "DISTANT_KM",
    "INDICATORS",
    "Indicator",
    "Located",
    "Measurement",
    "Quartiles",
    "Reference",
    "Unit",
    "measure",
]
