"""Which data package the page shows: an argument, else an environment variable, else data/."""

from __future__ import annotations

from pathlib import Path

from coopmap.paths import DATA_DIR, data_dir


def test_the_checkouts_package_by_default():
    assert data_dir([], {}) == DATA_DIR


def test_the_argument_wins_over_the_environment(tmp_path):
    other = tmp_path / "package"
    assert data_dir(["--data", str(other)], {"DASHBOARD_DATA": "/elsewhere"}) == other
    assert data_dir(["--theme", "x", f"--data={other}"], {}) == other  # other arguments are left alone


def test_the_environment_names_a_package_relative_to_where_it_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert data_dir([], {"DASHBOARD_DATA": "mine"}) == tmp_path / "mine"
    assert data_dir([], {"DASHBOARD_DATA": "~/p"}) == Path.home() / "p"
