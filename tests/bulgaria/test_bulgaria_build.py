"""The Bulgarian reference geography is reproducible from the vendored raw files."""

from __future__ import annotations

import importlib.util
import pathlib
from collections import deque
from collections.abc import Callable, Iterable
from types import ModuleType

import pytest

from socialservices.bulgaria import _geodata

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = REPOSITORY / "tools" / "build_bulgaria.py"
SOURCE = REPOSITORY / "tools" / "data" / "bg"
GENERATED = REPOSITORY / "src" / "socialservices" / "bulgaria" / "_geodata.py"
SETTLEMENTS = GENERATED.with_name("_settlementdata.py")

REGION_CODES = {region[0] for region in _geodata.REGIONS}
MUNICIPALITY_CODES = {municipality[0] for municipality in _geodata.MUNICIPALITIES}


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_bulgaria", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return _load_script()


def _render(script: ModuleType) -> Callable[[pathlib.Path], str]:
    render: Callable[[pathlib.Path], str] = script.render
    return render


def _main(script: ModuleType) -> Callable[[list[str] | None], int]:
    main: Callable[[list[str] | None], int] = script.main
    return main


def _check_pairs(pairs: tuple[tuple[str, str], ...], known: set[str]) -> None:
    assert list(pairs) == sorted(set(pairs))
    for first, second in pairs:
        assert first < second
        assert first in known
        assert second in known


def _neighbours(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for first, second in pairs:
        graph.setdefault(first, set()).add(second)
        graph.setdefault(second, set()).add(first)
    return graph


def test_render_reproduces_the_committed_module(script: ModuleType) -> None:
    assert _render(script)(SOURCE) == GENERATED.read_text(encoding="utf-8")


def test_render_reproduces_the_committed_settlements_module(script: ModuleType) -> None:
    render: Callable[[pathlib.Path], str] = script.render_settlements
    assert render(SOURCE) == SETTLEMENTS.read_text(encoding="utf-8")


def test_settlements_once_per_code_in_known_municipalities() -> None:
    from socialservices.bulgaria import _settlementdata

    codes = [row[0] for row in _settlementdata.SETTLEMENTS]
    assert codes == sorted(set(codes))
    assert len(codes) > 5000
    assert {row[1] for row in _settlementdata.SETTLEMENTS} == MUNICIPALITY_CODES
    assert {code for code, _name in _settlementdata.OTHER_NAMES} <= set(codes)


def test_counts() -> None:
    assert len(_geodata.REGIONS) == 28
    assert len(REGION_CODES) == 28
    assert len(_geodata.MUNICIPALITIES) == 265
    assert len(MUNICIPALITY_CODES) == 265
    regions = [municipality[0][:3] for municipality in _geodata.MUNICIPALITIES]
    assert regions.count("SFO") == 22
    assert regions.count("SOF") == 1
    assert set(regions) == REGION_CODES


def test_records_are_sorted_by_code() -> None:
    assert [r[0] for r in _geodata.REGIONS] == sorted(REGION_CODES)
    codes = [m[0] for m in _geodata.MUNICIPALITIES]
    assert codes == sorted(MUNICIPALITY_CODES)


def test_border_pairs_are_sorted_known_and_unique() -> None:
    _check_pairs(_geodata.MUNICIPALITY_BORDERS, MUNICIPALITY_CODES)
    _check_pairs(_geodata.REGION_BORDERS, REGION_CODES)


def test_sofia_city_borders_only_sofia_province_and_pernik() -> None:
    assert _neighbours(_geodata.REGION_BORDERS)["SOF"] == {"PER", "SFO"}


def test_region_graph_is_connected() -> None:
    graph = _neighbours(_geodata.REGION_BORDERS)
    start = min(REGION_CODES)
    seen = {start}
    queue = deque([start])
    while queue:
        for neighbour in graph.get(queue.popleft(), set()):
            if neighbour not in seen:
                seen.add(neighbour)
                queue.append(neighbour)
    assert seen == REGION_CODES


def test_populations_and_centroids_are_plausible() -> None:
    for (
        _code,
        _name,
        _name_en,
        population,
        latitude,
        longitude,
    ) in _geodata.MUNICIPALITIES:
        assert population > 0
        assert 41.2 <= latitude <= 44.3
        assert 22.3 <= longitude <= 28.7


def test_botevgrad_borders_pravets() -> None:
    assert ("SFO07", "SFO34") in _geodata.MUNICIPALITY_BORDERS


def test_check_mode(script: ModuleType, tmp_path: pathlib.Path) -> None:
    main = _main(script)
    assert main(["--check", "--source", str(SOURCE), "--output", str(GENERATED)]) == 0
    stale = tmp_path / "_geodata.py"
    stale.write_text(
        GENERATED.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8"
    )
    assert main(["--check", "--source", str(SOURCE), "--output", str(stale)]) == 1
    assert stale.read_text(encoding="utf-8").endswith("# edited\n")
    settlements = tmp_path / "_settlementdata.py"
    settlements.write_text("", encoding="utf-8")
    arguments = ["--check", "--source", str(SOURCE), "--output", str(GENERATED)]
    assert main([*arguments, "--settlements-output", str(settlements)]) == 1
    assert main([*arguments, "--settlements-output", str(SETTLEMENTS)]) == 0


def test_writing_regenerates_both_modules(
    script: ModuleType, tmp_path: pathlib.Path
) -> None:
    geodata, settlements = tmp_path / "geodata.py", tmp_path / "settlements.py"
    arguments = ["--source", str(SOURCE), "--output", str(geodata)]
    assert _main(script)([*arguments, "--settlements-output", str(settlements)]) == 0
    assert geodata.read_bytes() == GENERATED.read_bytes()
    assert settlements.read_bytes() == SETTLEMENTS.read_bytes()
