"""The commands bench/README.md gives: each is one its script accepts, and each option they use is run by
a smoke test of that script, so the manual cannot drift from the code unseen."""

from __future__ import annotations

import ast
import importlib
import re
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.bench

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
# Stand-ins for what a reader fills in: a running server's PID, a checkout that holds a dashboard.py.
STAND_INS = {"--pid": "1", "--what-if": str(ROOT)}


def documented() -> list[tuple[str, list[str]]]:
    """(script, arguments) of every command in the README's code blocks, comments left out."""
    commands, fenced = [], False
    for line in (BENCH / "README.md").read_text().splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif fenced and (command := re.search(r"bench/(\w+)\.py([^#]*)", line)):
            commands.append((command[1], command[2].split()))
    return commands


def script(name: str):
    """A benchmark script as a module; bench/ is no package, so its scripts import each other by name."""
    for folder in (str(ROOT), str(BENCH)):
        if folder not in sys.path:
            sys.path.insert(0, folder)
    return importlib.import_module(name)


def smoke_options(name: str) -> set[str]:
    """The options written in the tests that run bench/NAME.py."""
    found: set[str] = set()
    for test in (ROOT / "tests").glob("test_*.py"):
        strings = {
            node.value
            for node in ast.walk(ast.parse(test.read_text()))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        if f"{name}.py" in strings:
            found |= {s for s in strings if re.fullmatch(r"--[a-z][a-z-]*", s)}
    return found


def with_stand_ins(arguments: list[str]) -> list[str]:
    return [STAND_INS.get(before, arg) for before, arg in zip(["", *arguments], arguments, strict=False)]


def test_the_readme_gives_a_command_for_every_script():
    scripts = {path.stem for path in BENCH.glob("*.py")} - {"bare"}  # bare.py is a page, not a command
    assert {name for name, _ in documented()} == scripts


COMMANDS = documented()


@pytest.mark.parametrize(("name", "arguments"), COMMANDS, ids=[" ".join([n, *a]) for n, a in COMMANDS])
def test_each_documented_command_is_one_its_script_accepts(name, arguments):
    assert script(name).arguments(with_stand_ins(arguments))


@pytest.mark.parametrize("name", sorted({name for name, _ in documented()}))
def test_each_documented_option_is_run_by_a_smoke_test(name):
    options = {arg for command, arguments in documented() if command == name for arg in arguments}
    assert {o for o in options if o.startswith("--")} - smoke_options(name) == set()
