"""bench/synth.py writes a valid, reproducible synthetic package of the real one's shape and schema."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bench.synth import write_package
from coopmap.dataset.package import descriptor, load
from coopmap.dataset.validate import validate
from coopmap.paths import DATA_DIR, ROOT

EVENTS, SEED = 300, 11


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    root = tmp_path_factory.mktemp("synth") / "package"
    write_package(root, EVENTS, SEED)
    return root


@pytest.fixture(scope="module")
def thousand(tmp_path_factory):
    """More events and corroborations than three digits number: their ids take four."""
    root = tmp_path_factory.mktemp("synth") / "thousand"
    write_package(root, 1000, SEED)
    return root


def files(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def schemas(root) -> dict[str, dict]:
    return {r["name"]: r["schema"] for r in descriptor(root)["resources"] if r.get("type") == "table"}


@pytest.mark.parametrize("size", ["synthetic", "thousand"])
def test_the_validator_finds_no_problem(request, size):
    assert [str(p) for p in validate(request.getfixturevalue(size))] == []


def test_the_same_seed_gives_byte_identical_files_and_another_seed_other_events(synthetic, tmp_path):
    write_package(tmp_path / "again", EVENTS, SEED)
    write_package(tmp_path / "other", EVENTS, SEED + 1)
    assert files(tmp_path / "again") == files(synthetic)
    assert files(tmp_path / "other")["events.csv"] != files(synthetic)["events.csv"]


def test_it_loads_with_every_scope_category_and_verdict_and_a_tenth_undated(synthetic):
    package = load(synthetic)
    events = package["events"]
    assert len(events) == EVENTS
    assert set(events["scope"]) == {"country", "group", "aggregate"}
    assert set(events["category"]) == set(package["categories"]["category_id"])
    assert set(package["corroborations"]["verdict"]) == {"confirms", "partly", "contradicts", "not_found"}
    assert 0.05 <= events["year"].isna().mean() <= 0.15
    assert not set(events["country_iso3"].dropna()) & {"CHN", "HKG", "MAC", "TWN"}
    assert package.licence == "CC0-1.0" and package.title.startswith("Synthetic")


def test_a_few_countries_hold_most_events(synthetic):
    counts = load(synthetic)["events"]["country_iso3"].value_counts()
    assert counts.iloc[:5].sum() > 0.3 * counts.sum() and len(counts) > 40


@pytest.mark.parametrize("size", ["synthetic", "thousand"])
def test_at_every_size_the_schemas_are_the_projects_own(request, size):
    assert schemas(request.getfixturevalue(size)) == schemas(DATA_DIR)


def test_ids_take_the_digits_their_count_needs(thousand):
    package = load(thousand)
    assert list(package["events"]["event_id"].iloc[[0, -1]]) == ["E0001", "E1000"]
    assert package["corroborations"]["corroboration_id"].iloc[-1] == "K1200"


def test_the_command_writes_a_valid_package_and_refuses_a_folder_that_holds_files(tmp_path):
    """The documented command line, made small."""
    out = tmp_path / "p"
    synth = [sys.executable, str(ROOT / "bench" / "synth.py")]
    command = [*synth, "--events", "40", "--out", str(out), "--seed", "3"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{out}: 40 events, ")
    assert [str(p) for p in validate(out)] == []
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (again.returncode, again.stderr) == (2, f"synth.py: error: {out} is not empty\n")
