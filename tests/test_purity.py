"""The library does no I/O and never reads the clock; only the CLI edge may."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "socialservices"
EDGE = {Path("cli") / "_main.py", Path("__main__.py")}
FORBIDDEN = re.compile(
    r"\bopen\(|\bprint\(|sys\.std(?:out|err|in)|\bos\.environ|date\.today\(|"
    r"datetime\.now\(|datetime\.utcnow\(|time\.time\(|^\s*import (?:socket|urllib|sqlite3)",
    re.MULTILINE,
)
MODULES = sorted(
    path for path in SOURCE.rglob("*.py") if path.relative_to(SOURCE) not in EDGE
)


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_library_module_does_no_io(module: Path) -> None:
    assert FORBIDDEN.findall(module.read_text(encoding="utf-8")) == []


def test_package_ships_py_typed() -> None:
    assert (SOURCE / "py.typed").is_file()
