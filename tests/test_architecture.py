"""The rooms of the package and the directions of import, as docs/architecture.md draws them."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "socialservices"
PAGE = ROOT / "docs" / "architecture.md"
NAMEDTUPLE_API = {"_make", "_replace", "_asdict", "_fields"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        parts = path.relative_to(SOURCE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if path.name == "__init__.py" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imported(name: str, path: Path) -> Iterator[tuple[str, int]]:
    """Every module of the package that ``name`` imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            stem = ".".join([*base, node.module] if node.module else base)
            named = [f"{stem}.{alias.name}" for alias in node.names]
            targets = [stem, *named] if node.module else named
        elif isinstance(node, ast.ImportFrom) and node.module:
            targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        for target in targets:
            if target in MODULES and target != name:
                yield target, node.lineno


def _graph() -> dict[str, set[str]]:
    return {
        name: {t for t, _ in _imported(name, path)} for name, path in MODULES.items()
    }


def _rooms() -> list[tuple[str, list[str], set[str]]]:
    """(room, module prefixes, rooms it may import) from the page's table."""
    text = PAGE.read_text(encoding="utf-8")
    table = text.split(
        "<!-- the rooms: tests/test_architecture.py reads this table -->"
    )[1]
    rooms = []
    for line in table.strip().splitlines():
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if cells[0] in ("room", "---"):
            continue
        modules = [
            m if m.startswith("socialservices") else f"socialservices.{m}"
            for m in re.findall(r"`([\w.]+)`", cells[1])
        ]
        allowed = (
            set()
            if cells[3] in ("—", "every room")
            else {room.strip() for room in cells[3].split(",")}
        )
        if cells[3] == "every room":
            allowed = {"*"}
        rooms.append((cells[0], modules, allowed))
    return rooms


ROOMS = _rooms()


def room_of(module: str) -> str:
    best, length = None, -1
    for room, prefixes, _ in ROOMS:
        for prefix in prefixes:
            matches = module == prefix or module.startswith(prefix + ".")
            if matches and len(prefix) > length:
                best, length = room, len(prefix)
    assert best is not None, f"{module} is in no room of docs/architecture.md"
    return best


def test_every_module_is_in_a_room_and_every_room_is_drawn() -> None:
    assert {room for room, _, _ in ROOMS} >= {
        "core",
        "documents",
        "validation",
        "matching",
    }
    for module in MODULES:
        room_of(module)
    for _, prefixes, _ in ROOMS:
        for prefix in prefixes:
            assert prefix in MODULES, f"the page names {prefix}, which is no module"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_only_where_the_page_allows(module: str) -> None:
    mine = room_of(module)
    allowed = next(rooms for room, _, rooms in ROOMS if room == mine)
    wrong = [
        (target, line)
        for target, line in _imported(module, MODULES[module])
        if room_of(target) != mine
        and "*" not in allowed
        and room_of(target) not in allowed
    ]
    assert wrong == []


def test_no_two_modules_import_each_other_round_any_loop() -> None:
    graph = _graph()
    # a package's __init__ re-exports its children: the edge child -> parent
    # package would be a loop; no module imports its own package
    for name, targets in graph.items():
        assert not any(name.startswith(t + ".") for t in targets), name
    state: dict[str, int] = {}
    loops: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                loops.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert loops == []


def _private_reads(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = {
        (alias.asname or alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        name = node.attr
        if not name.startswith("_") or name.startswith("__") or name in NAMEDTUPLE_API:
            continue
        owner = node.value
        if isinstance(owner, ast.Name) and owner.id in {"self", "cls", *modules}:
            continue
        door = isinstance(owner, ast.Attribute) and path.name == "_registry.py"
        inner = owner.value if isinstance(owner, ast.Attribute) else None
        if door and isinstance(inner, ast.Name) and inner.id == "self":
            continue  # RegistryIndex reads the registry it is the door of
        found.append(f"{path.relative_to(SOURCE)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_module_reads_another_values_private_attributes() -> None:
    found = [read for path in MODULES.values() for read in _private_reads(path)]
    # the registry's own module builds its lazy collections from its own methods
    assert [read for read in found if not read.startswith("_registry.py:")] == []


def test_the_registry_door_is_all_the_rules_and_the_matching_read() -> None:
    """validation and matching name no private attribute of a registry or geography."""
    for name, path in MODULES.items():
        if room_of(name) in ("validation", "matching"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"registry\._[a-z]", text), name
            assert not re.search(r"geography\._[a-z]", text), name


def test_importing_the_package_loads_the_core_only() -> None:
    code = (
        "import sys, socialservices\n"
        "print(sorted(m for m in sys.modules if m.startswith(('socialservices.', 'cattrs'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(ast.literal_eval(result.stdout))
    assert {room_of(module) for module in loaded} == {"core"}
    assert not any(module.startswith("cattrs") for module in loaded)


def test_a_lazy_name_is_the_sub_packages_own() -> None:
    code = (
        "import sys, socialservices\n"
        "from socialservices import validate\n"
        "from socialservices.validation import validate as same\n"
        "print(validate is same, 'socialservices.matching' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "False"]
