"""Run one measurement of a benchmark script in a fresh interpreter.

Each size is measured in its own process, so its timings do not inherit the
previous size's heap and its peak RSS is its own. The script is called again
with ``--one SIZE --json`` and its other options, and prints one JSON result.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

__all__ = ["measure_in_fresh_process"]


def measure_in_fresh_process(script: str, size: int, **options: int) -> Any:
    """The JSON result of ``script --one size --json --option value ...``."""
    command = [
        sys.executable,
        str(Path(script).resolve()),
        "--one",
        str(size),
        "--json",
    ]
    for name, value in options.items():
        command += [f"--{name}", str(value)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)
