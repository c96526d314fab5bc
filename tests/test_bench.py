"""The server benchmark (bench/serve.py) runs against the real dashboard and says when a change failed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.browser import serving

pytestmark = pytest.mark.bench

ROOT = Path(__file__).resolve().parent.parent
BENCH_S = 150  # a hang must fail the test, not the suite; a run takes ~20 s


def bench(*args: str) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    """Run the benchmark; its result row, by column, from the table it printed."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "serve.py"), *args, "--timeout", "60"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BENCH_S,
    )
    rows = [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in done.stdout.splitlines()
        if line.startswith("|") and not line.startswith("|---")
    ]
    assert len(rows) == 2, f"no table; stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    return done, dict(zip(rows[0], rows[1], strict=True))


def test_two_sessions_change_the_years_through_the_server_without_errors():
    done, row = bench("--sessions", "2", "--changes", "3")
    assert done.returncode == 0, done.stderr
    assert (row["sessions"], row["changes"], row["errors"]) == ("2", "3", "0"), done.stdout
    assert 0 < float(row["p50 ms"]) <= float(row["p95 ms"]) <= float(row["max ms"])
    assert int(row["bytes/rerun p50"].replace(",", "")) > 1000  # the page was drawn again
    assert float(row["server RSS MB"]) > 50 and float(row["first load ms"]) > 0
    assert "warning" not in done.stdout  # every change reached the page: its URL followed


def test_a_page_that_cannot_draw_its_filters_is_counted_as_errors(data_copy):
    """--data reaches the server: an invalid package shows st.error and no widgets to change."""
    data_copy.change("events.csv", "E007", year="twenty")
    done, row = bench("--sessions", "1", "--changes", "2", "--data", str(data_copy.root))
    assert done.returncode == 1
    assert int(row["errors"]) >= 1 and "st.error on the page" in done.stderr


def test_a_mix_of_changes_with_a_profile_of_the_longest_waits():
    done, row = bench("--sessions", "1", "--changes", "5", "--change", "mix", "--profile", "3")
    assert done.returncode == 0, done.stderr
    assert (row["change"], row["changes"], row["errors"]) == ("mix", "5", "0"), done.stdout
    assert "Longest waits in a change" in done.stdout


def test_a_click_on_the_map_in_chinese_sends_at_most_20_kb_a_rerun():
    """The largest rerun of the article's package, deflated as a browser receives it: a map click in Chinese
    (the country's cards, the Countries box set to it). The map's event is sent as static/map.js sends it."""
    done, row = bench("--sessions", "1", "--changes", "3", "--change", "click", "--query", "lang=zh")
    assert done.returncode == 0, done.stderr
    assert (row["change"], row["errors"]) == ("click", "0") and "warning" not in done.stdout, done.stdout
    assert 10_000 < int(row["wire/rerun max"].replace(",", "")) <= 20_000, done.stdout


def test_a_soak_runs_for_its_minutes_with_readers_thinking_between_changes():
    done, row = bench("--sessions", "1", "--minutes", "0.1", "--think", "0.5")
    assert done.returncode == 0, done.stderr
    assert row["errors"] == "0" and 2 <= int(row["changes"]) <= 12, done.stdout  # 6 s, ~0.5 s a change


def test_a_server_already_running_is_measured_by_its_address_and_its_memory_by_its_pid(tmp_path):
    with serving(tmp_path / "server.log") as app:
        done, row = bench("--url", app.url, "--pid", str(app.pid), "--sessions", "1", "--changes", "2")
        assert app.process.poll() is None  # the benchmark leaves a server it did not start running
    assert done.returncode == 0, done.stderr
    assert (row["sessions"], row["changes"], row["errors"]) == ("1", "2", "0"), done.stdout
    assert float(row["server RSS MB"]) > 50, done.stdout  # the server's own memory, read by its PID
