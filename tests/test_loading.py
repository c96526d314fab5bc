"""Loading a package once per process (coopmap/app/loading.py): the steps it tells, and one load for all."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from coopmap.app import loading
from coopmap.dataset import validation_cache as checking
from coopmap.dataset.validation_cache import cached_problems
from coopmap.paths import ROOT


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """A cache of this test's own: another test may have found the same files valid already."""
    monkeypatch.setenv("COOPMAP_CACHE", str(tmp_path / "cache"))


def told(root) -> tuple[loading.Loaded, list[tuple[str, dict]]]:
    steps = []
    return loading.loaded(root, lambda step, **counts: steps.append((step, counts))), steps


def test_a_first_load_tells_each_step_with_its_counts_and_a_second_tells_nothing(data_copy):
    first, steps = told(data_copy.root)
    names = [step for step, _ in steps]
    assert names == ["load.validating", "load.read", "load.shapes", "load.prepared"]
    counts = dict(steps)
    files = sum(1 for p in data_copy.root.rglob("*") if p.is_file())
    assert counts["load.validating"]["files"] == files and counts["load.validating"]["megabytes"] > 0
    assert counts["load.read"] == {"events": 15, "tables": 10}
    assert counts["load.prepared"] == {"events": 15}
    assert counts["load.shapes"]["countries"] > 200
    assert first.problems == [] and first.ready is not None and loading.is_current(data_copy.root)
    again, steps = told(data_copy.root)
    assert again is first and steps == []


def test_a_package_found_valid_before_says_so_instead_of_validating(data_copy):
    cached_problems(data_copy.root)  # an earlier start found it valid
    _, steps = told(data_copy.root)
    assert [step for step, _ in steps] == ["load.valid_before", "load.read", "load.shapes", "load.prepared"]


def test_an_invalid_package_stops_after_validating_with_its_problems(data_copy):
    data_copy.change("events.csv", "E007", year="twenty")
    state, steps = told(data_copy.root)
    assert [step for step, _ in steps] == ["load.validating"]
    assert [p.field for p in state.problems] == ["year"] and state.ready is None


def test_readers_arriving_together_share_one_load(data_copy):
    results, steps = [], []
    start = threading.Barrier(4)

    def reader():
        start.wait()
        results.append(loading.loaded(data_copy.root, lambda step, **counts: steps.append(step)))

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and all(r is results[0] for r in results)
    assert steps.count("load.read") == 1


@pytest.fixture
def looks_every_time(monkeypatch):
    monkeypatch.setattr(loading, "CHECK_EVERY", 0.0)


def test_a_changed_package_is_picked_up_without_a_restart(data_copy, looks_every_time):
    first, _ = told(data_copy.root)
    data_copy.delete("events.csv", "E015")
    data_copy.write(
        "corroborations.csv", [r for r in data_copy.rows("corroborations.csv") if r["event_id"] != "E015"]
    )
    again, steps = told(data_copy.root)
    assert [step for step, _ in steps] == ["load.validating", "load.read", "load.shapes", "load.prepared"]
    assert len(first.ready.events) == 15 and len(again.ready.events) == 14
    assert again.serial > first.serial and not again.refused
    assert told(data_copy.root)[0] is again  # and once only


def test_an_invalid_change_is_refused_and_readers_keep_the_last_valid_version(data_copy, looks_every_time):
    first, _ = told(data_copy.root)
    data_copy.change("events.csv", "E007", year="twenty")
    refused, _ = told(data_copy.root)
    assert refused.ready is first.ready and refused.serial == first.serial
    assert [(p.field, p.row) for p in refused.refused] == [("year", 8)]
    data_copy.change("events.csv", "E007", year="2010")
    fixed, _ = told(data_copy.root)
    assert fixed.ready is not first.ready and not fixed.refused and fixed.serial > first.serial


def test_readers_keep_their_version_while_another_loads_the_change(data_copy, looks_every_time):
    first, _ = told(data_copy.root)
    data_copy.change("events.csv", "E007", summary_en="The article reports, in other words, …")
    with loading._lock:  # a reader is loading the change
        assert told(data_copy.root) == (first, [])
        assert not loading.is_current(data_copy.root)
    assert told(data_copy.root)[0].ready.events.loc[lambda e: e.event_id == "E007", "summary_en"].item() == (
        "The article reports, in other words, …"
    )


def test_the_files_are_looked_at_once_a_second_not_on_every_rerun(data_copy, monkeypatch):
    first, _ = told(data_copy.root)
    calls = []  # within a second of the load
    monkeypatch.setattr(loading, "stamp", lambda root: calls.append(root) or ())
    for _ in range(50):
        assert loading.loaded(data_copy.root) is first
    assert calls == []


def test_a_change_seen_by_asking_is_loaded_by_the_next_load(data_copy, monkeypatch):
    """The page asks is_current, then loads: the look the question took must not hide the change."""
    monkeypatch.setattr(loading, "CHECK_EVERY", 0.2)
    first, _ = told(data_copy.root)
    data_copy.change("events.csv", "E007", summary_en="The article reports, in other words, …")
    time.sleep(0.25)
    assert not loading.is_current(data_copy.root)
    again, steps = told(data_copy.root)  # within CHECK_EVERY of the look
    assert again.serial > first.serial and "load.read" in [step for step, _ in steps]


def test_an_edit_that_lands_while_the_package_is_validated_is_validated_before_it_is_served(
    data_copy, monkeypatch
):
    """Validated, then edited before it is read: the edit is caught, validated and, being invalid, refused."""
    real, validations = loading.cached_problems, []

    def edited_meanwhile(root, **options):
        problems = real(root, **options)
        validations.append(problems)
        if len(validations) == 1:
            data_copy.change("events.csv", "E007", year="twenty")
        return problems

    monkeypatch.setattr(loading, "cached_problems", edited_meanwhile)
    state, _ = told(data_copy.root)
    assert validations[0] == [] and len(validations) == 2
    assert state.ready is None and [(p.field, p.row) for p in state.problems] == [("year", 8)]


def test_a_package_that_never_holds_still_is_refused_until_it_does(data_copy, monkeypatch):
    real, edits = loading.cached_problems, iter(range(1, 100))

    def edited_each_time(root, **options):
        problems = real(root, **options)
        data_copy.change("events.csv", "E007", notes_en=f"Edit {next(edits)}.", notes_zh="改。")
        return problems

    monkeypatch.setattr(loading, "cached_problems", edited_each_time)
    state, _ = told(data_copy.root)
    assert [str(p) for p in state.problems] == [
        f"{data_copy.root}: changed each of the 3 times it was read: it is read again once it holds still"
    ]
    monkeypatch.setattr(loading, "cached_problems", real)
    monkeypatch.setattr(loading, "CHECK_EVERY", 0.0)
    assert told(data_copy.root)[0].ready is not None


def test_a_fifo_in_the_package_is_refused_at_once_never_waited_on(data_copy):
    """A reader opening a FIFO waits for a writer forever, holding the load lock: it is never opened. The
    load runs in a process of its own, so that a hang fails this test, not the run."""
    (data_copy.root / "groups.csv").unlink()
    os.mkfifo(data_copy.root / "groups.csv")
    load = "import sys; from pathlib import Path; from coopmap.app import loading\n"
    load += "print(*loading.loaded(Path(sys.argv[1])).problems, sep='\\n')"
    done = subprocess.run(
        [sys.executable, "-c", load, str(data_copy.root)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{data_copy.root}/groups.csv: is a FIFO, not a regular file\n"


def test_a_load_of_a_package_found_valid_before_hashes_it_twice_once_each_side_of_the_read(
    data_copy, monkeypatch
):
    """Before validation and after the read, to compare: the check of the record reuses the first."""
    cached_problems(data_copy.root)  # an earlier start found it valid
    real, hashed = checking.fingerprint, []

    def counted(*args):
        hashed.append(args[0])
        return real(*args)

    monkeypatch.setattr(checking, "fingerprint", counted)
    monkeypatch.setattr(loading, "fingerprint", counted)
    state, steps = told(data_copy.root)
    assert state.ready is not None and steps[0][0] == "load.valid_before"
    assert hashed == [data_copy.root, data_copy.root]
