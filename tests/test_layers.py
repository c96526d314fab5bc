"""The layout's rules, read from the import lines: data folders hold no code, and coopmap's layers
import only downward (dataset ← model ← ui ← app), without cycles and without streamlit."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "coopmap"
BASE = {"coopmap.i18n", "coopmap.paths"}  # shared by every layer
RANK = {"base": 0, "dataset": 1, "model": 2, "ui": 3, "app": 4}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    if module in BASE or module == "coopmap":
        return "base"
    second = module.split(".")[1]
    return second if second in ("dataset", "ui", "app") else "model"


def imports(path: Path) -> set[str]:
    """Every module a file imports, absolute, with 'from coopmap import x' read as coopmap.x."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: relative import"
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: {m for m in imports(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def test_the_package_has_its_four_layers():
    layers = {layer(m) for m in MODULES}
    assert layers == set(RANK)
    assert {"coopmap.dataset.validate", "coopmap.claims", "coopmap.ui.deck", "coopmap.app.page"} <= set(
        MODULES
    )


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_only_its_own_layer_or_below(module):
    upward = [m for m in GRAPH[module] if RANK[layer(m)] > RANK[layer(module)]]
    assert upward == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_nothing_in_the_package_imports_streamlit(module):
    assert not [m for m in imports(MODULES[module]) if m.split(".")[0] == "streamlit"]


def test_the_imports_have_no_cycle():
    done, path = set(), []

    def visit(module: str) -> None:
        assert module not in path, " -> ".join([*path[path.index(module) :], module])
        if module in done:
            return
        path.append(module)
        for imported in sorted(GRAPH[module]):
            visit(imported)
        path.pop()
        done.add(module)

    for module in sorted(GRAPH):
        visit(module)


def test_the_data_folders_hold_no_code_but_the_build_scripts_of_what_is_served():
    code = sorted(
        str(p.relative_to(ROOT)) for folder in ("data", "geo") for p in (ROOT / folder).rglob("*.py")
    )
    # The geometry, the map's deck.gl scripts, and the npm fetch both use.
    assert code == ["geo/build.py", "geo/deckgl.py", "geo/npm.py"]
    for script in code:
        assert not [m for m in imports(ROOT / script) if m.split(".")[0] == "coopmap"]


def test_the_rules_catch_what_they_forbid(tmp_path):
    """The checks above on a made-up file: an upward import, a package import, streamlit."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import streamlit as st\nfrom coopmap import claims\nfrom coopmap.ui.deck import Choropleth\n"
    )
    found = imports(sample)
    assert {"streamlit", "coopmap.claims", "coopmap.ui.deck", "coopmap.ui.deck.Choropleth"} <= found
    assert layer("coopmap.ui.deck") == "ui" and layer("coopmap.claims") == "model"
    assert layer("coopmap.app.state") == "app"
    assert layer("coopmap.dataset.package") == "dataset" and layer("coopmap.i18n") == "base"
