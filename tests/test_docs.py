"""Every code example in README.md and docs/ runs, and the API is documented.

Fenced ``python`` blocks of one page run in order in one namespace; ``pycon``
blocks run as doctests in that same namespace, their output compared.
"""

from __future__ import annotations

import ast
import doctest
import re
import types
from pathlib import Path

import pytest

import socialservices

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
PAGES = [page for page in PAGES if "_build" not in page.parts]
FENCE = re.compile(
    r"^```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```", re.MULTILINE | re.DOTALL
)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _blocks(page: Path) -> list[tuple[str, str, int]]:
    text = page.read_text(encoding="utf-8")
    return [
        (match["lang"], match["body"], text.count("\n", 0, match.start()) + 2)
        for match in FENCE.finditer(text)
        if match["lang"] in {"python", "pycon"}
    ]


def _name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # pages name files relative to the repository
    namespace: dict[str, object] = {"__name__": "__docs__"}
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=FLAGS)
    for lang, body, line in _blocks(page):
        where = f"{_name(page)}:{line}"
        if lang == "python":
            exec(compile(body, where, "exec", dont_inherit=True), namespace)
            continue
        test = parser.get_doctest(body, namespace, where, where, line)
        result = runner.run(test, clear_globs=False)
        namespace.update(test.globs)  # a DocTest works on a copy of its globals
        assert result.failed == 0, f"a pycon example failed at {where}"


def test_every_page_with_code_has_examples_that_run() -> None:
    assert any(_blocks(page) for page in PAGES)


def _documented_names() -> set[str]:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    return set(
        re.findall(
            r"\.\. auto(?:class|function|exception|data):: socialservices\.(\w+)$",
            text,
            re.MULTILINE,
        )
    )


def test_every_public_name_is_in_the_api_reference() -> None:
    assert _documented_names() == set(socialservices.__all__)


def test_all_is_complete() -> None:
    for name in socialservices.__all__:  # the lazy ones load on first use
        getattr(socialservices, name)
    assert set(socialservices.__all__) <= set(dir(socialservices))
    public = {name for name in vars(socialservices) if not name.startswith("_")}
    modules = {"bulgaria", "documents", "examples", "matching", "strategies"}
    modules |= {"cli", "indicators", "plot", "requests", "validation"}
    assert public - modules == set(socialservices.__all__)
    assert public & modules <= {
        name
        for name in public
        if isinstance(getattr(socialservices, name), types.ModuleType)
    }


@pytest.mark.parametrize("name", socialservices.__all__)
def test_every_public_name_has_a_docstring(name: str) -> None:
    assert getattr(socialservices, name).__doc__


def test_readme_shows_exactly_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"<!-- (demo|test)-command -->\n```sh\n(.*?)\n```", readme)
    assert [kind for kind, _ in commands] == ["demo", "test"]
    assert len(re.findall(r"^```(?:sh|console|bash)$", readme, re.MULTILINE)) == 2
    test_command = dict(commands)["test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci


def _raised_codes(tree: ast.AST) -> set[str]:
    """The codes given to ``InvalidValueError(type, field, value, code, reason)``
    and ``fail(instance, attribute, value, code, reason)``, and the keys of the
    ``*_REASONS`` tables that name codes by value."""
    codes: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else getattr(func, "id", "")
            )
            if name in {"InvalidValueError", "fail"} and len(node.args) >= 4:
                code = node.args[3]
                if isinstance(code, ast.Constant) and isinstance(code.value, str):
                    codes.add(code.value)
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        value = getattr(node, "value", None)
        for target in targets:
            if (
                isinstance(target, ast.Name)
                and target.id.endswith("_REASONS")
                and isinstance(value, ast.Dict)
            ):
                codes |= {
                    k.value
                    for k in value.keys
                    if isinstance(k, ast.Constant) and isinstance(k.value, str)
                }
    return codes


def test_every_invalid_value_code_is_documented() -> None:
    raised: set[str] = set()
    for path in (ROOT / "src" / "socialservices").rglob("*.py"):
        raised |= _raised_codes(ast.parse(path.read_text(encoding="utf-8")))
    concepts = (ROOT / "docs" / "concepts.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(\w+)` \|", concepts, re.MULTILINE)) - {"code"}
    assert raised == documented
