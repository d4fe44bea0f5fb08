"""The docs' catalogue of rules is generated from the rules and kept current."""

from __future__ import annotations

import importlib.util
import pathlib
from types import ModuleType

import pytest

from socialservices import DEFAULT_RULES
from socialservices.validation import FAMILIES

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = REPOSITORY / "tools" / "build_rule_docs.py"
PAGES = REPOSITORY / "docs" / "rules"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_rule_docs", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_pages_on_disk_are_current(script: ModuleType) -> None:
    assert script.main(["--check"]) == 0
    pages: dict[str, str] = script.render()
    assert sorted(pages) == sorted(path.name for path in PAGES.glob("*.md"))


def test_every_rule_has_its_section_and_its_row(script: ModuleType) -> None:
    pages: dict[str, str] = script.render()
    for rule in DEFAULT_RULES:
        page = pages[f"{rule.family.lower()}.md"]
        assert f"## {rule.code}: {rule.title}" in page
        assert rule.rationale in page
        assert f"| `{rule.code}` | {rule.severity.value} |" in pages["index.md"]
        for citation in rule.basis:
            assert citation.provision in page
    assert len(pages) == len(FAMILIES) + 1


def test_a_stale_page_fails_the_check(
    script: ModuleType, tmp_path: pathlib.Path
) -> None:
    assert script.main(["--output", str(tmp_path)]) == 0
    assert script.main(["--check", "--output", str(tmp_path)]) == 0
    (tmp_path / "loc.md").write_text("stale\n", encoding="utf-8")
    assert script.main(["--check", "--output", str(tmp_path)]) == 1
    (tmp_path / "loc.md").unlink()
    assert script.main(["--check", "--output", str(tmp_path)]) == 1
