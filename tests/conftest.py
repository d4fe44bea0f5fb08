"""Hypothesis profiles: ``ci`` (the default, bounded) and ``deep`` (by hand).

``ci`` draws the same examples on every run (``derandomize``), so that a
run here and CI's see the same cases and a result can be reproduced; new
cases are searched for with ``deep``, which draws at random:
``python -m pytest --hypothesis-profile=deep``.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

_BOTH = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("ci", _BOTH, max_examples=100, derandomize=True)
settings.register_profile("deep", _BOTH, max_examples=5000)
settings.load_profile("ci")
