"""The engine benchmark (bench/engines.py): each engine selects and counts what coopmap's functions do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import polars
import pytest

from bench.engines import BUSY, OPERATIONS, READERS, claim_counts, comparable, engines, load_package
from bench.synth import write_package
from coopmap.filters import Filters
from coopmap.paths import DATA_DIR

ROOT = Path(__file__).resolve().parent.parent
SCRIPT_S = 120  # a hang must fail the test, not the suite; a run takes ~15 s


ENGINES = ("pandas-app", "duckdb", "polars")


@pytest.fixture(scope="module")
def every():
    """pandas-app (searching afresh, and with its cache of terms), duckdb and polars, on data/."""
    return engines(load_package(DATA_DIR))[0]


@pytest.fixture(scope="module")
def built(every):
    """The engines that run every operation."""
    return [e for e in every if e.name in ENGINES]


def test_the_engines_are_what_they_say(every):
    named = {e.name: e for e in every}
    assert list(named) == ["pandas-app", "pandas-app, term cached", *ENGINES[1:]]
    assert isinstance(named["duckdb"].con, duckdb.DuckDBPyConnection)
    assert isinstance(named["polars"].df, polars.DataFrame)


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        (Filters(countries=("KGZ",)), ["E005", "E014", "E015"]),  # own, Central Asia, SCO
        (Filters(countries=("SGP",)), ["E004", "E013"]),  # ASEAN, and a source names it among the 36
        (Filters(years=(2016, 2016)), ["E014", "E015"]),
        (Filters(years=(2010, 2011), categories=("surveillance_system",)), ["E001", "E007"]),
        (Filters(search="Police training"), ["E002", "E003", "E004"]),  # every word, any case
        (Filters(search="华为"), ["E001", "E008"]),  # E001: a source names Huawei among the suppliers
        (Filters(statuses=("not_found",)), ["E005", "E006"]),
    ],
)
def test_every_engine_selects_the_events_coopmap_selects(built, filters, ids):
    for engine in built:
        assert engine.ids(engine.select(filters)) == ids, engine.name


def test_every_engine_counts_facets_countries_and_years_as_coopmap_does(built):
    for engine in built:
        facets = engine.facets(Filters())
        assert facets["categories"] == {
            "surveillance_system": 5, "police_training": 3, "agreement": 2, "joint_exercise": 2,
            "equipment_donation": 1, "facility": 1, "public_opinion_training": 1,
        }, engine.name  # fmt: skip
        assert facets["statuses"] == {"partly": 10, "confirmed": 3, "not_found": 2}, engine.name
        assert facets["scopes"] == {"country": 8, "group": 5, "aggregate": 2}, engine.name
        by_country, group_claims = claim_counts(engine.map(Filters()))
        assert by_country["IRN"] == {"surveillance_system": 2} and len(by_country) == 7, engine.name
        assert group_claims["africa"] == 2 and len(group_claims) == 6, engine.name
        assert engine.years(Filters()) == {2010: 1, 2011: 1, 2014: 1, 2016: 2, None: 10}, engine.name


def test_a_busy_rerun_gives_every_engine_the_same_page(every):
    reference = every[0].rerun(BUSY)
    assert list(reference["selected"]["event_id"]) == ["E001", "E002"]
    assert reference["undated"] == 2  # a year range hides the undated events, and says how many
    assert reference["facets"]["statuses"] == {"partly": 2}
    for engine in every[1:]:
        got = engine.rerun(BUSY)
        assert list(got["selected"].columns) == list(reference["selected"].columns), engine.name
        assert comparable(engine, "rerun", got) == comparable(every[0], "rerun", reference), engine.name


def test_the_script_runs_end_to_end_and_finds_no_mismatch(tmp_path):
    write_package(tmp_path / "package", 1000, 3)
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "engines.py"), "--data", str(tmp_path / "package"),
         "--repeat", "1", "--load-repeat", "1", "--readers", "app loader,engine=pyarrow,parquet -> Arrow"],
        cwd=ROOT, capture_output=True, text=True, timeout=SCRIPT_S,
    )  # fmt: skip
    assert done.returncode == 0, f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    assert "MISMATCH" not in done.stdout
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in done.stdout.splitlines()
            if line.startswith("| 1,000 |")]  # fmt: skip
    names = {name for name, _, _ in OPERATIONS}
    operations = [r for r in rows if r[1] in names]
    expected = [(n, e) for n in names for e in ENGINES] + [("rerun: all of it", "pandas-app, term cached")]
    assert sorted((r[1], r[2]) for r in operations) == sorted(expected)
    assert all(float(r[3]) > 0 for r in operations)
    reads = {r[1]: r for r in rows if r[1] in READERS}
    assert sorted(reads) == [
        "csv, app loader (coopmap _typed)",
        "csv, pandas engine=pyarrow",
        "parquet -> Arrow",
    ]
    assert all(r[5] == "1000" and float(r[2]) > 0 for r in reads.values())
    assert "events.parquet" in done.stdout and "prepare()" in done.stdout
