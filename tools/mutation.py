"""Mutation testing by hand: run mutmut on named modules and print a score table.

Each module is tested in a throw-away copy of the repository (``src/``,
``tests/`` and ``pyproject.toml``, with a ``[tool.mutmut]`` section added to the
copy only), so a run leaves nothing behind in the working tree and is not upset
by files changing while it runs. Only the test files chosen for a module run,
on one worker by default::

    python tools/mutation.py                    # every module in MODULES
    python tools/mutation.py src/socialservices/_period.py --tests tests/core/test_period.py
    python tools/mutation.py --show             # and print each survivor's diff

The score is the share of mutants the tests killed (a timeout counts as
killed); a mutant no selected test reaches counts as a survivor. Needs
``mutmut`` 3 (``pip install mutmut``); see ``docs/mutation.md``.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
from collections import Counter

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent

MODULES: dict[str, tuple[str, ...]] = {
    "src/socialservices/_period.py": (
        "tests/core/test_period.py",
        "tests/core/test_core_hardening.py",
        "tests/test_mutation_survivors.py",
    ),
    "src/socialservices/validation/_location.py": (
        "tests/validation/test_location_rules.py",
        "tests/validation/test_rules.py",
    ),
    "src/socialservices/validation/_children.py": (
        "tests/test_mutation_survivors.py",
        "tests/validation/test_rules.py",
    ),
    "src/socialservices/matching/_levels.py": (
        "tests/test_mutation_survivors.py",
        "tests/matching/test_matching.py",
    ),
}
"""The modules run by default, each with the fast tests that cover it."""

_KILLED = {"killed", "timeout", "caught by type check"}
_STATUS = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    34: "skipped",
    36: "timeout",
    37: "caught by type check",
    24: "timeout",
    -24: "timeout",
    152: "timeout",
    255: "timeout",
}


def _copy(workdir: pathlib.Path, module: str, tests: list[str]) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis")
    for folder in ("src", "tests"):
        shutil.copytree(REPOSITORY / folder, workdir / folder, ignore=ignore)
    settings = {
        "source_paths": ["src"],
        "only_mutate": [module],
        "pytest_add_cli_args_test_selection": tests,
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "-q"],
        # a mutant that makes the solver loop is stopped (and counted as
        # killed) after 3 times its tests' usual time rather than 15
        "timeout_multiplier": 3.0,
    }
    lines = ["", "[tool.mutmut]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    pyproject = (REPOSITORY / "pyproject.toml").read_text(encoding="utf-8")
    (workdir / "pyproject.toml").write_text(
        pyproject + "\n".join(lines) + "\n", encoding="utf-8"
    )


def _statuses(workdir: pathlib.Path, module: str) -> dict[str, str]:
    meta = workdir / "mutants" / (module + ".meta")
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return {
        name: _STATUS.get(code, "suspicious") if code is not None else "not checked"
        for name, code in codes.items()
    }


def run(
    module: str, tests: list[str], *, max_children: int, show: bool
) -> tuple[Counter[str], list[str]]:
    """Mutate ``module``, run ``tests`` against each mutant; the counts and survivors."""
    with tempfile.TemporaryDirectory(prefix="mutation-") as name:
        workdir = pathlib.Path(name)
        _copy(workdir, module, tests)
        mutmut = [sys.executable, "-m", "mutmut"]
        command = [*mutmut, "run", "--max-children", str(max_children)]
        done = subprocess.run(
            command, cwd=workdir, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
            raise SystemExit(f"mutmut failed on {module} (exit {done.returncode})")
        statuses = _statuses(workdir, module)
        survivors = sorted(
            name for name, status in statuses.items() if status not in _KILLED
        )
        if show:
            for survivor in survivors:
                diff = subprocess.run(
                    [*mutmut, "show", survivor],
                    cwd=workdir,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                print(f"# {survivor} ({statuses[survivor]})\n{diff.stdout}")
        return Counter(statuses.values()), survivors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="source files (default: MODULES)")
    parser.add_argument("--tests", nargs="+", help="the test files to run")
    parser.add_argument("--max-children", type=int, default=1)
    parser.add_argument("--show", action="store_true", help="print survivors' diffs")
    arguments = parser.parse_args(argv)
    chosen = {
        module: list(arguments.tests or MODULES.get(module, ("tests",)))
        for module in (arguments.modules or MODULES)
    }
    rows = []
    for module, listed in chosen.items():
        tests = [test for test in listed if (REPOSITORY / test).exists()]
        for missing in sorted(set(listed) - set(tests)):
            print(f"not found, not run: {missing}", file=sys.stderr)
        counts, survivors = run(
            module, tests, max_children=arguments.max_children, show=arguments.show
        )
        killed = sum(counts[status] for status in _KILLED)
        total = sum(counts.values())
        score = 100 * killed / total if total else 100.0
        rows.append((module, killed, counts["timeout"], total - killed, total, score))
        for survivor in survivors:
            print(f"survived: {survivor}")
    print(
        f"\n{'module':<44} {'killed':>6} {'(timeout)':>9} {'survived':>8} "
        f"{'total':>5} {'score':>6}"
    )
    for module, killed, timeout, survived, total, score in rows:
        print(
            f"{module:<44} {killed:>6} {timeout:>9} {survived:>8} {total:>5} "
            f"{score:>5.1f}%"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
