"""bench/synth.py writes a valid, reproducible synthetic package of the real one's shape and schema."""

from __future__ import annotations

import pytest

from bench.synth import write_package
from coopmap.dataset.package import descriptor, load
from coopmap.dataset.validate import validate
from coopmap.paths import DATA_DIR

EVENTS, SEED = 300, 11


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    root = tmp_path_factory.mktemp("synth") / "package"
    write_package(root, EVENTS, SEED)
    return root


def files(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def schemas(root) -> dict[str, dict]:
    return {r["name"]: r["schema"] for r in descriptor(root)["resources"] if r.get("type") == "table"}


def test_the_validator_finds_no_problem(synthetic):
    assert [str(p) for p in validate(synthetic)] == []


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


def test_under_a_thousand_rows_the_schemas_are_the_projects_own(synthetic):
    assert schemas(synthetic) == schemas(DATA_DIR)


def test_more_rows_than_three_digits_hold_widen_only_the_id_patterns(tmp_path):
    write_package(tmp_path / "big", 1000, SEED)
    real, big = schemas(DATA_DIR), schemas(tmp_path / "big")
    assert big["events"]["fields"][0]["constraints"]["pattern"] == "^E[0-9]{4}$"
    assert big["corroborations"]["fields"][0]["constraints"]["pattern"] == "K[0-9]{4}"
    for name in ("events", "corroborations"):
        big[name]["fields"][0]["constraints"]["pattern"] = real[name]["fields"][0]["constraints"]["pattern"]
    assert big == real
