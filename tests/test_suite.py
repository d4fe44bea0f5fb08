"""The test suite's own rules: the strategies' private modules are not its
fixtures, and modules of Hypothesis properties carry the ``properties`` marker,
so that ``pytest -m "not properties"`` is a quick run."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from socialservices.bulgaria import GEOGRAPHY
from socialservices.strategies import SMALL_WORLD, SMALL_WORLD_GEOGRAPHY

TESTS = Path(__file__).parent
MODULES = sorted(TESTS.rglob("*.py"), key=lambda path: str(path.relative_to(TESTS)))
TEST_MODULES = [path for path in MODULES if path.name.startswith("test_")]


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported_modules(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_no_test_imports_a_private_module_of_the_strategies(path: Path) -> None:
    private = {
        name
        for name in _imported_modules(_tree(path))
        if name.startswith("socialservices.strategies._")
    }
    assert private == set()


def _is_given(decorator: ast.expr) -> bool:
    call = decorator.func if isinstance(decorator, ast.Call) else decorator
    return (isinstance(call, ast.Name) and call.id == "given") or (
        isinstance(call, ast.Attribute) and call.attr == "given"
    )


def _tests(tree: ast.Module) -> list[ast.FunctionDef]:
    return [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    ]


def _marked_as_properties(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.Assign)
        and [ast.unparse(target) for target in node.targets] == ["pytestmark"]
        and ast.unparse(node.value) == "pytest.mark.properties"
        for node in tree.body
    )


@pytest.mark.parametrize("path", TEST_MODULES, ids=lambda path: path.name)
def test_modules_mostly_of_properties_are_marked_and_only_those_with_some(
    path: Path,
) -> None:
    tree = _tree(path)
    tests = _tests(tree)
    properties = [test for test in tests if any(map(_is_given, test.decorator_list))]
    if 2 * len(properties) > len(tests):
        assert _marked_as_properties(tree)
    if _marked_as_properties(tree):
        assert properties


def test_the_properties_marker_is_registered_and_markers_are_strict(
    pytestconfig: pytest.Config,
) -> None:
    markers = pytestconfig.getini("markers")
    assert "properties" in [marker.split(":")[0] for marker in markers]
    assert pytestconfig.getoption("strict_markers")


def test_the_small_world_s_geography_is_a_toy_apart_from_bulgaria() -> None:
    assert SMALL_WORLD.geography == SMALL_WORLD_GEOGRAPHY
    codes = [municipality.code for municipality in SMALL_WORLD_GEOGRAPHY.municipalities]
    assert codes == ["M1", "M2", "M3"]
    assert not set(codes) & {m.code for m in GEOGRAPHY.municipalities}
