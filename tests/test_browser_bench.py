"""The browser benchmarks (bench/browser.py, bench/clicks.py), each in its shortest run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.browser import chromium_or_skip

pytestmark = [pytest.mark.browser, pytest.mark.bench]
ROOT = Path(__file__).resolve().parent.parent
BENCH_S = 300  # a hang must fail the test, not the suite; one round takes about a minute unloaded


def tables(stdout: str) -> list[list[dict[str, str]]]:
    """The Markdown tables the benchmark printed, each as rows keyed by column."""
    found: list[list[dict[str, str]]] = []
    header: list[str] | None = None
    for line in stdout.splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
            found.append([])
        elif not line.startswith("|---"):
            found[-1].append(dict(zip(header, cells, strict=True)))
    return found


def test_one_round_times_the_maps_a_click_and_the_bare_map_among_the_pages_elements():
    chromium_or_skip()
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "browser.py"),
            "--rounds",
            "1",
            "--quiet",
            "1",
            "--timeout",
            "90",
            "--around",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BENCH_S,
    )
    assert done.returncode == 0, f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    loads, clicks = tables(done.stdout)
    assert len(loads) == 1 and [c["page"] for c in clicks] == ["dashboard", "bare", "around"], done.stdout
    load, (click, toggle, around) = loads[0], clicks
    dashboard, bare = float(load["dashboard ms"]), float(load["bare ms"])
    assert dashboard > 0 and bare > 0 and float(load["around ms"]) > 0
    assert float(load["dashboard / bare"]) == pytest.approx(dashboard / bare, abs=0.01)
    assert float(load["around / bare"]) == pytest.approx(float(load["around ms"]) / bare, abs=0.01)
    assert load["dashboard's runs ended at (ms)"].startswith("first ")  # its script runs were read
    assert click["country"] == "Iran"
    assert float(click["panel ms"]) > 0 and float(click["idle ms"]) > 0 and float(click["map ms"]) > 0
    assert toggle["country"] == "toggle" and float(toggle["map ms"]) > 0  # the bare page's redraw
    assert around["country"] == "toggle" and float(around["map ms"]) > 0  # the same among the page's elements
    assert "around redraw / bare redraw: ratio of the medians" in done.stdout
    assert "dashboard click / bare redraw: ratio of the medians" in done.stdout
    # The click reached the server as the map's trigger, naming the country.
    assert 'map__events=[{"event":"country","value":"IRN"}]' in click["runs after it"]


def test_a_what_if_checkout_is_timed_beside_the_others_and_each_load_is_traced(tmp_path):
    """--what-if this very checkout, with --trace and --no-click: three maps a round, no click."""
    chromium_or_skip()
    command = [sys.executable, str(ROOT / "bench" / "browser.py"), "--rounds", "1", "--quiet", "1"]
    command += ["--timeout", "90", "--no-click", "--trace", str(tmp_path), "--what-if", str(ROOT)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=BENCH_S)
    assert done.returncode == 0, f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    (loads,) = tables(done.stdout)  # no table of clicks
    assert len(loads) == 1 and float(loads[0]["what-if ms"]) > 0, done.stdout
    assert "what-if / bare: ratio of the medians" in done.stdout
    traced = sorted(path.name for path in tmp_path.iterdir())
    assert traced == ["round1-bare.txt", "round1-dashboard.txt", "round1-what-if.txt"]
    assert all(path.read_text() for path in tmp_path.iterdir())


def test_first_clicks_on_fresh_pages_choose_their_country_on_desktop_and_phone():
    chromium_or_skip()
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "clicks.py"), "--pages", "1", "--timeout", "90"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BENCH_S,
    )
    assert done.returncode == 0, f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    (rows,) = tables(done.stdout)
    assert [(row["viewport"], row["chose the country"]) for row in rows] == [
        ("desktop", "1 of 1"),
        ("phone", "1 of 1"),
    ]
    assert all(float(row["click to panel, median ms (min-max)"].split()[0]) > 0 for row in rows)
