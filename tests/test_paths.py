"""Which data package the page shows (an argument, else an environment variable, else data/), and where
work already done is recorded."""

from __future__ import annotations

from pathlib import Path

from coopmap.paths import DATA_DIR, cache_dir, data_dir


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


def test_the_cache_folder_is_chosen_by_the_environment_else_the_xdg_convention():
    assert cache_dir({"COOPMAP_CACHE": "~/c", "XDG_CACHE_HOME": "/x", "HOME": "/h"}) == Path.home() / "c"
    assert cache_dir({"XDG_CACHE_HOME": "/var/cache/me", "HOME": "/h"}) == Path("/var/cache/me/coopmap")
    assert cache_dir({"XDG_CACHE_HOME": "relative", "HOME": "/h"}) == Path("/h/.cache/coopmap")
    assert cache_dir({}) == Path.home() / ".cache" / "coopmap"
