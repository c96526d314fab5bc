"""Shared fixtures: the real data package, as loaded and as the page prepares it, and broken copies of it."""

from __future__ import annotations

import csv
import functools
import shutil
from pathlib import Path

import pytest
from hypothesis import settings
from streamlit.components.v2 import manifest_scanner

from coopmap.dataset.package import load
from coopmap.dataset.shapes import load_countries
from coopmap.package_index import prepare
from coopmap.paths import DATA_DIR

# A property holds or not whatever the time an example takes: a busy 2-core machine is no failure.
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")

# Each new AppTest scans every installed package for Streamlit components (0.4 s of a page's run here);
# nothing is installed during a test run, so one scan serves them all.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


@pytest.fixture(scope="session", autouse=True)
def validation_cache(tmp_path_factory):
    """Records of valid packages go to a folder of this run, not the user's cache (servers inherit it)."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COOPMAP_CACHE", str(folder))
        yield folder


@pytest.fixture(scope="session")
def package():
    return load()


@pytest.fixture(scope="session")
def ready(package):
    """The package as the page prepares it once: statuses, search text, names, labels and cards."""
    countries = load_countries()
    return prepare(package, dict(zip(countries["iso3"], countries["name"], strict=True)))


class DataCopy:
    """A copy of data/ that a test breaks one cell, row or file at a time."""

    def __init__(self, root: Path):
        self.root = root

    def rows(self, name: str) -> list[dict[str, str]]:
        with (self.root / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def write(self, name: str, rows: list[dict[str, str]]) -> None:
        with (self.root / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    def change(self, name: str, key: str, **cells: str) -> None:
        """Set cells of the row whose first column is key (every column named must exist)."""
        rows = self.rows(name)
        row = next(r for r in rows if next(iter(r.values())) == key)
        assert set(cells) <= set(row), set(cells) - set(row)
        row.update(cells)
        self.write(name, rows)

    def append(self, name: str, copy_of: str, **cells: str) -> None:
        """Add a copy of the row whose first column is copy_of, with some cells changed."""
        rows = self.rows(name)
        row = dict(next(r for r in rows if next(iter(r.values())) == copy_of), **cells)
        self.write(name, [*rows, row])

    def delete(self, name: str, key: str) -> None:
        self.write(name, [r for r in self.rows(name) if next(iter(r.values())) != key])


@pytest.fixture
def data_copy(tmp_path) -> DataCopy:
    root = tmp_path / "data"
    shutil.copytree(DATA_DIR, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return DataCopy(root)
