"""Hypothesis profiles: ``ci`` (the default, bounded) and ``deep`` (by hand).

Run the deep profile with ``python -m pytest --hypothesis-profile=deep``.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

_BOTH = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("ci", _BOTH, max_examples=100)
settings.register_profile("deep", _BOTH, max_examples=5000)
settings.load_profile("ci")
