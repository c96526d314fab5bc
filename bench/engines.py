"""Which engine should select the events on each rerun: pandas as the app does it, DuckDB or polars.

    .venv/bin/python bench/engines.py --data /tmp/synth-100k [--repeat 7] [--load-repeat 5]

Every rerun of the dashboard filters the events table and counts what it selected, as dashboard.py
does: coopmap.filters.select (each filter's rows, once), the selection, the undated events left out,
four facets' counts, counts.map_counts on the selection and counts.year_counts on the selection of
every year. This script reads one package with the app's loader, prepares it with
coopmap.prepared.prepare, and times the same operations over the same rows:

- pandas-app: coopmap's own functions, as the page calls them (a search term's rows found by polars
  over the search text). Each search term is looked up afresh, as for a term no reader has typed yet.
- pandas-app, term cached (reruns only): the page while the search word stays the same, its rows
  kept by prepare's cache of recent terms.
- duckdb: SQL over a zero-copy Arrow table of the columns the filters read, the search text and a row
  position. A rerun evaluates the masks once into a temporary table.
- polars: expressions over the same Arrow table, the masks once per rerun as a boolean frame.

DuckDB and polars give the positions of the selected rows; their rerun hands those rows to the page as
a pandas frame (events.take), since the table, the cards and the words read pandas. Every result is
compared with coopmap's; a mismatch is printed and the exit status is 1.

It also times reading the events table in each format and reader, each read in a fresh process, with
that process's peak memory, and gives the sizes of the CSV and of Parquet files written from it.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: the checkout's code is not an installed package
    sys.path.insert(0, str(ROOT))


# Reading the events table, each in a process of its own so its peak memory is its own. The readers
# import only what they use, so a fresh process starts in about a second.
READERS = {
    "csv, app loader (coopmap _typed)": "events.csv",
    "csv, pandas read_csv": "events.csv",
    "csv, pandas engine=pyarrow": "events.csv",
    "csv, pyarrow.csv -> Arrow": "events.csv",
    "csv, polars read_csv": "events.csv",
    "parquet -> pandas": "events.parquet",
    "parquet -> Arrow": "events.parquet",
    "parquet -> polars": "events.parquet",
    "parquet with status+search_text -> pandas": "prepared.parquet",
}


def _read(reader: str, path: Path) -> tuple[int, float]:
    """Read one file the reader's way: its rows and the table's size in memory (MB)."""
    if reader == "csv, app loader (coopmap _typed)":
        from coopmap.dataset.package import _typed, descriptor

        schema = next(r["schema"] for r in descriptor(path.parent)["resources"] if r["name"] == "events")
        frame = _typed(path, schema)
    elif reader.endswith("-> Arrow"):
        import pyarrow.csv
        import pyarrow.parquet

        table = pyarrow.csv.read_csv(path) if reader.startswith("csv") else pyarrow.parquet.read_table(path)
        return table.num_rows, table.nbytes / 1e6
    elif "polars" in reader:
        import polars as pl

        table = pl.read_csv(path) if reader.startswith("csv") else pl.read_parquet(path)
        return table.height, table.estimated_size() / 1e6
    else:
        import pandas as pd

        if reader.startswith("parquet"):
            frame = pd.read_parquet(path)
        else:
            frame = pd.read_csv(path, engine="pyarrow" if "pyarrow" in reader else None)
    return len(frame), frame.memory_usage(deep=True).sum() / 1e6


def _status_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (the peak) of this process. Not getrusage: its peak survives exec, so a child
    would report its parent's."""
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(f"{field}:")) / 1024


def read_once(reader: str, path: Path) -> dict:
    """In a process of its own: the read's time, and the peak memory it added over the imports."""
    warm_imports(reader)
    before = _status_mb("VmRSS")
    start = time.perf_counter()
    rows, table_mb = _read(reader, path)
    ms = (time.perf_counter() - start) * 1000
    return {"ms": ms, "peak_mb": max(_status_mb("VmHWM") - before, 0.0), "table_mb": table_mb, "rows": rows}


def warm_imports(reader: str) -> None:
    """Import what the reader uses before the clock starts."""
    import pandas  # noqa: F401
    import pyarrow.csv
    import pyarrow.parquet  # noqa: F401

    if "polars" in reader:
        import polars  # noqa: F401
    if "app loader" in reader:
        import coopmap.dataset.package  # noqa: F401


if __name__ == "__main__" and sys.argv[1:2] == ["--read-once"]:  # the child of measure_reads
    print(json.dumps(read_once(sys.argv[2], Path(sys.argv[3]))))
    sys.exit(0)

import duckdb  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import polars as pl  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from coopmap.counts import LISTED_CLAIMS as LISTED  # noqa: E402
from coopmap.counts import map_counts, year_counts  # noqa: E402
from coopmap.dataset.package import load  # noqa: E402
from coopmap.dataset.shapes import iso3_codes  # noqa: E402
from coopmap.filters import (  # noqa: E402
    FACETS,
    GROUP_SCOPES,
    Filters,
    groups_including,
    search_mask,
    search_terms,
    search_text,
    select,
)
from coopmap.paths import DATA_DIR  # noqa: E402
from coopmap.prepared import Prepared, prepare  # noqa: E402

# A busy rerun: a year range, three categories, three verdicts, two scopes and a search word, so
# each of the four facets drops a filter of its own (actors has none: its counts are the selection's).
BUSY = Filters(
    years=(2010, 2018),
    categories=("police_training", "surveillance_system", "agreement"),
    statuses=("confirmed", "partly", "not_found"),
    scopes=("country", "group"),
    search="police",
)
OPERATIONS = (  # name, what is timed, the filters
    ("years+category", "select", Filters(years=(2010, 2015), categories=("police_training", "agreement"))),
    ("country+groups", "select", Filters(countries=("KGZ", "IRN"))),
    ("search 2 words", "select", Filters(search="Police training")),
    ("facets x4", "facets", BUSY),
    ("map counts", "map", BUSY),
    ("year counts", "years", BUSY),
    ("rerun: all of it", "rerun", BUSY),
    ("rerun, no search", "rerun", replace(BUSY, search="")),
)


@dataclass
class Loaded:
    """One package as the page prepares it, its search text, and what building them took."""

    ready: Prepared
    text: pl.Series  # per event, what a search looks in (coopmap.filters.search_text)
    startup: dict[str, float]  # step -> seconds


def load_package(root: Path) -> Loaded:
    """The package read by the app's loader, then prepare()d as the page does.

    The map's shapes are left out: each code with a shape stands for its own name (the names
    only feed the search text, which holds both languages' names of ISO countries either way).
    """
    startup = {}
    start = time.perf_counter()
    package = load(root)
    startup["load()"] = time.perf_counter() - start
    start = time.perf_counter()
    ready = prepare(package, {code: code for code in iso3_codes()})
    startup["prepare()"] = time.perf_counter() - start
    found = getattr(ready.found, "__wrapped__", None)  # prepare's search_mask over its search text
    if isinstance(found, partial) and found.func is search_mask and isinstance(found.args[0], pl.Series):
        text = found.args[0]
    else:
        start = time.perf_counter()
        text = search_text(package, ready.names)
        startup["search_text again"] = time.perf_counter() - start
    return Loaded(ready, text, startup)


# What each engine returns, in plain Python, so they can be compared with coopmap's.
def year_dict(frame: pd.DataFrame) -> dict[int | None, int]:
    """coopmap.counts.year_counts' bars as year (None: undated) -> events."""
    bars = zip(frame["year"], frame["events"], strict=True)
    return {None if pd.isna(y) else int(y): int(n) for y, n in bars}


def nested(pairs) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for iso3, category, n in pairs:
        out.setdefault(str(iso3), {})[str(category)] = int(n)
    return out


class PandasApp:
    """coopmap's functions as dashboard.py calls them: select() builds each filter's rows once per rerun.

    The page keeps the rows of the last 64 search terms (Prepared.found); this engine searches afresh
    every time, as for a term no reader has typed yet, unless cached is true.
    """

    name = "pandas-app"
    kinds = frozenset({"select", "facets", "map", "years", "rerun"})

    def __init__(self, loaded: Loaded, cached: bool = False):
        ready = loaded.ready
        self.events, self.package, self.span = ready.keys, ready.package, ready.span  # as Prepared.select
        self.members = ready.group_members
        self.found = ready.found if cached else partial(search_mask, loaded.text)
        categories = ready.package["categories"]["category_id"]
        self.labels = dict(zip(categories, categories, strict=True))  # counts by category id, to compare
        self.group_names = ready.group_names["en"]

    def selection(self, f: Filters):
        return select(self.events, self.members, f, self.found)

    def select(self, f: Filters) -> pd.DataFrame:
        return self.selection(f).selected

    def ids(self, selected: pd.DataFrame) -> list[str]:
        return list(selected["event_id"])

    def facets(self, f: Filters, selection=None) -> dict:
        selection = selection or self.selection(f)
        return {field: selection.facet_counts(field) for field in FACETS}

    def map(self, f: Filters, selected: pd.DataFrame | None = None) -> tuple[dict, dict]:
        selected = self.select(f) if selected is None else selected
        on_map = map_counts(selected, self.package, self.package.members, self.labels, self.group_names)
        return on_map.by_country, on_map.group_claims

    def years(self, f: Filters, selection=None) -> dict:
        selection = selection or self.selection(f)
        return year_dict(year_counts(selection.every_year, self.span, f.years, None, f.undated_shown))

    def rerun(self, f: Filters) -> dict:
        selection = self.selection(f)
        selected = selection.selected
        return {
            "selected": selected,
            "undated": selection.undated_left_out,
            "facets": self.facets(f, selection),
            "map": self.map(f, selected),
            "years": self.years(f, selection),
        }


class PandasAppCached(PandasApp):
    """The page as it runs while the search word stays the same: the term's rows come from its cache."""

    name = "pandas-app, term cached"
    kinds = frozenset({"rerun"})
    searching = True  # without a search it is pandas-app

    def __init__(self, loaded: Loaded):
        super().__init__(loaded, cached=True)


class Masked:
    """What DuckDB and polars share: one mask per filter, and each result from the masks it needs.

    The selection is every mask; a facet's counts leave its own mask out; the timeline's selection
    and the undated events left out leave the years' mask out (as coopmap.filters.Selection does).
    """

    name = ""
    kinds = PandasApp.kinds

    def __init__(self, loaded: Loaded):
        self.events = loaded.ready.keys  # what the page selects from (Prepared.select)
        self.members = loaded.ready.group_members
        self.member_groups = sorted(loaded.ready.members)

    def parts(self, f: Filters):
        raise NotImplementedError

    def positions(self, parts) -> np.ndarray:
        raise NotImplementedError

    def undated(self, parts) -> int:
        raise NotImplementedError

    def facet_counts(self, parts) -> dict:
        raise NotImplementedError

    def map_counts(self, parts) -> tuple[dict, dict]:
        raise NotImplementedError

    def year_counts(self, parts) -> dict:
        raise NotImplementedError

    def ids(self, positions: np.ndarray) -> list[str]:
        return list(self.events["event_id"].take(positions))

    def groups(self, f: Filters) -> list[str]:
        return sorted(groups_including(self.members, f.countries))

    def select(self, f: Filters) -> np.ndarray:
        return self.positions(self.parts(f))

    def facets(self, f: Filters) -> dict:
        return self.facet_counts(self.parts(f))

    def map(self, f: Filters) -> tuple[dict, dict]:
        return self.map_counts(self.parts(f))

    def years(self, f: Filters) -> dict:
        return self.year_counts(self.parts(f))

    def rerun(self, f: Filters) -> dict:
        parts = self.parts(f)
        return {
            "selected": self.events.take(self.positions(parts)),  # the page reads a pandas frame
            "undated": 0 if f.undated_shown else self.undated(parts),
            "facets": self.facet_counts(parts),
            "map": self.map_counts(parts),
            "years": self.year_counts(parts),
        }


class Polars(Masked):
    """polars expressions over the Arrow table; the masks are one boolean frame per rerun."""

    name = "polars"

    def __init__(self, loaded: Loaded, table: pa.Table):
        super().__init__(loaded)
        self.df = pl.from_arrow(table)

    def parts(self, f: Filters) -> pl.DataFrame:
        exprs, year, undated = {}, pl.col("year"), pl.lit(f.undated_shown)
        if f.years is None:
            exprs["years"] = year.is_not_null() | undated
        else:
            exprs["years"] = year.is_between(*f.years).fill_null(False) | (year.is_null() & undated)
        if f.countries:
            scope = pl.col("scope")
            own = (scope == "country") & pl.col("country_iso3").is_in(list(f.countries))
            claims = scope.is_in(GROUP_SCOPES) & pl.col("group_id").is_in(self.groups(f))
            exprs["countries"] = (own | claims).fill_null(False)
        for field, column in FACETS.items():
            if getattr(f, field):
                exprs[field] = pl.col(column).is_in(list(getattr(f, field))).fill_null(False)
        terms = search_terms(f.search)
        if terms:
            text = pl.col("search_text")
            found = [text.str.contains(t, literal=True) for t in terms]
            exprs["search"] = pl.all_horizontal(found).fill_null(False)
        return self.df.select(**exprs)

    def chosen(self, parts: pl.DataFrame, columns: list[str], without: str = "") -> pl.DataFrame:
        """The rows every mask but without's keeps, of the columns asked for only (not the search text)."""
        names = [n for n in parts.columns if n != without]
        frame = self.df.select(columns)
        return frame.filter(parts.select(pl.all_horizontal(names)).to_series()) if names else frame

    def positions(self, parts: pl.DataFrame) -> np.ndarray:
        return self.chosen(parts, ["pos"])["pos"].to_numpy()

    def undated(self, parts: pl.DataFrame) -> int:
        return self.chosen(parts, ["year"], "years").select(pl.col("year").is_null().sum()).item()

    def facet_counts(self, parts: pl.DataFrame) -> dict:
        return {
            field: dict(self.chosen(parts, [column], field)[column].value_counts().iter_rows())
            for field, column in FACETS.items()
        }

    def map_counts(self, parts: pl.DataFrame) -> tuple[dict, dict]:
        chosen = self.chosen(parts, ["pos", "event_id", "scope", "country_iso3", "group_id", "category"])
        own = chosen.filter(pl.col("scope") == "country").group_by("country_iso3", "category").len()
        scope, group = pl.col("scope"), pl.col("group_id")
        about = chosen.filter(scope.is_in(GROUP_SCOPES) & group.is_in(self.member_groups))
        claims = about.group_by("group_id", maintain_order=True).agg(
            pl.len(), pl.col("event_id").head(LISTED)
        )
        return nested(own.iter_rows()), {g: (n, tuple(ids)) for g, n, ids in claims.iter_rows()}

    def year_counts(self, parts: pl.DataFrame) -> dict:
        return dict(self.chosen(parts, ["year"], "years").group_by("year").len().iter_rows())


class DuckDB(Masked):
    """SQL over the Arrow table (registered, not copied). A rerun writes its masks to a temporary table
    once; a single operation filters in its own query."""

    name = "duckdb"

    def __init__(self, loaded: Loaded, table: pa.Table):
        super().__init__(loaded)
        self.con = duckdb.connect()
        self.con.register("ev", table)

    def parts(self, f: Filters) -> dict[str, tuple[str, dict]]:
        """Each filter as an SQL condition over ev and its parameters."""
        u, parts = f.undated_shown, {}
        if f.years is None:
            parts["years"] = ("(year IS NOT NULL OR $u)", {"u": u})
        else:
            low, high = f.years
            parts["years"] = ("(coalesce(year BETWEEN $lo AND $hi, false) OR (year IS NULL AND $u))",
                              {"lo": low, "hi": high, "u": u})  # fmt: skip
        if f.countries:
            parts["countries"] = (
                "((scope = 'country' AND list_contains($countries, country_iso3))"
                " OR (scope IN ('group', 'aggregate') AND list_contains($groups, group_id)))",
                {"countries": list(f.countries), "groups": self.groups(f)},
            )
        for field, column in FACETS.items():
            if getattr(f, field):
                parts[field] = (f"list_contains(${field}, {column})", {field: list(getattr(f, field))})
        terms = search_terms(f.search)
        if terms:
            parts["search"] = (
                " AND ".join(f"contains(search_text, $t{i})" for i in range(len(terms))),
                {f"t{i}": term for i, term in enumerate(terms)},
            )
        return parts

    @staticmethod
    def where(parts: dict, without: str = "") -> tuple[str, dict]:
        chosen = [(sql, params) for name, (sql, params) in parts.items() if name != without]
        sql = " AND ".join(f"({s})" for s, _ in chosen) or "true"
        return sql, {k: v for _, p in chosen for k, v in p.items()}

    def query(self, sql: str, params: dict) -> list[tuple]:
        return self.con.execute(sql, params).fetchall()

    def masked(self, parts: dict) -> dict:
        """Evaluate every mask once into a temporary table m; the parts as its boolean columns."""
        columns = ", ".join(f"({sql}) AS p_{name}" for name, (sql, _) in parts.items())
        params = {k: v for _, p in parts.values() for k, v in p.items()}
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE m AS SELECT pos, event_id, scope, country_iso3, group_id, year,"
            f" category, actor, status{', ' if columns else ''}{columns} FROM ev",
            params,
        )
        return {name: (f"p_{name}", {}) for name in parts}

    def positions(self, parts: dict, source: str = "ev") -> np.ndarray:
        sql, params = self.where(parts)
        found = self.con.execute(f"SELECT pos FROM {source} WHERE {sql} ORDER BY pos", params)
        return found.fetchnumpy()["pos"]

    def undated(self, parts: dict, source: str = "ev") -> int:
        sql, params = self.where(parts, "years")
        return self.query(f"SELECT count(*) FROM {source} WHERE year IS NULL AND {sql}", params)[0][0]

    def facet_counts(self, parts: dict, source: str = "ev") -> dict:
        if source == "ev":
            parts, source = self.masked(parts), "m"
        union = " UNION ALL ".join(
            f"SELECT '{field}', {column}, count(*) FROM {source}"
            f" WHERE {self.where(parts, field)[0]} GROUP BY {column}"
            for field, column in FACETS.items()
        )
        out: dict[str, dict[str, int]] = {field: {} for field in FACETS}
        for field, value, n in self.query(union, {}):
            out[field][value] = n
        return out

    def map_counts(self, parts: dict, source: str = "ev") -> tuple[dict, dict]:
        sql, params = self.where(parts)
        own = self.query(
            f"SELECT country_iso3, category, count(*) FROM {source} WHERE {sql} AND scope = 'country'"
            " GROUP BY country_iso3, category",
            params,
        )
        claims = self.query(
            f"SELECT group_id, count(*), list(event_id ORDER BY pos)[1:{LISTED}] FROM {source} WHERE {sql}"
            " AND scope IN ('group', 'aggregate') AND list_contains($member_groups, group_id)"
            " GROUP BY group_id",
            {**params, "member_groups": self.member_groups},
        )
        return nested(own), {g: (n, tuple(ids)) for g, n, ids in claims}

    def year_counts(self, parts: dict, source: str = "ev") -> dict:
        sql, params = self.where(parts, "years")
        return dict(self.query(f"SELECT year, count(*) FROM {source} WHERE {sql} GROUP BY year", params))

    def rerun(self, f: Filters) -> dict:
        parts = self.masked(self.parts(f))
        return {
            "selected": self.events.take(self.positions(parts, "m")),
            "undated": 0 if f.undated_shown else self.undated(parts, "m"),
            "facets": self.facet_counts(parts, "m"),
            "map": self.map_counts(parts, "m"),
            "years": self.year_counts(parts, "m"),
        }


def arrow_table(loaded: Loaded) -> pa.Table:
    """The columns the filters read, and the search text, as Arrow, with each row's position in the events."""
    events = loaded.ready.keys
    narrow = events.assign(search_text=loaded.text.to_numpy())
    table = pa.Table.from_pandas(narrow, preserve_index=False)
    return table.append_column("pos", pa.array(np.arange(len(events), dtype=np.int64)))


def engines(loaded: Loaded) -> tuple[list, dict[str, float], dict[str, float]]:
    """Every engine over the loaded events: the engines, the seconds each took to set up, its table's MB."""
    built, setup, memory = [PandasApp(loaded), PandasAppCached(loaded)], {}, {}
    frame_mb = loaded.ready.keys.memory_usage(deep=True).sum() / 1e6
    memory["pandas-app (key columns + search text)"] = frame_mb + loaded.text.estimated_size() / 1e6
    start = time.perf_counter()
    table = arrow_table(loaded)
    setup["Arrow table of the filtered columns"] = time.perf_counter() - start
    for engine in (DuckDB, Polars):
        start = time.perf_counter()
        built.append(engine(loaded, table))
        setup[engine.name] = time.perf_counter() - start
    memory["duckdb"] = table.nbytes / 1e6  # registered, not copied
    memory["polars"] = built[-1].df.estimated_size() / 1e6
    return built, setup, memory


def result(engine, kind: str, f: Filters):
    """Run one operation: the engine's own result."""
    return {
        "select": engine.select,
        "facets": engine.facets,
        "map": engine.map,
        "years": engine.years,
        "rerun": engine.rerun,
    }[kind](f)


def claim_counts(on_map: tuple[dict, dict]) -> tuple[dict, dict]:
    """Map counts with each group's claims as their number (coopmap's MapCounts.group_claims; the
    other engines also find each group's first LISTED claims, which the map names)."""
    by_country, claims = on_map
    return by_country, {g: c if isinstance(c, int) else c[0] for g, c in claims.items()}


def comparable(engine, kind: str, out) -> object:
    """A result in plain Python, the same for every engine that computes it right."""
    if kind == "select":
        return engine.ids(out)
    if kind == "map":
        return claim_counts(out)
    if kind == "rerun":
        return {**out, "selected": list(out["selected"]["event_id"]), "map": claim_counts(out["map"])}
    return out


def describe(kind: str, out) -> str:
    """What an operation found, in a few words (from the reference engine's result)."""
    if kind == "select":
        return f"{len(out)} rows"
    if kind == "facets":
        return "{} selected".format(sum(out["actors"].values()))
    if kind == "map":
        return f"{len(out[0])} countries, {len(out[1])} groups"
    if kind == "years":
        return f"{len(out)} bars, {sum(out.values())} events"
    return "{} rows, {} undated left out".format(len(out["selected"]), out["undated"])


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of each of repeat calls, after one call to warm up."""
    call()
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def measure_operations(built: list, repeat: int) -> tuple[list[dict], list[str]]:
    """Time each operation on each engine; rows of the table and the mismatches found."""
    rows, mismatches = [], []
    for name, kind, f in OPERATIONS:
        expected = None
        for engine in (e for e in built if kind in e.kinds and (f.search or not getattr(e, "searching", 0))):
            out = result(engine, kind, f)
            got = comparable(engine, kind, out)
            if expected is None:
                expected, found = got, describe(kind, got)
            elif got != expected:
                mismatches.append(f"{name}: {engine.name} differs from {built[0].name}: {got} != {expected}")
            times = timed(lambda e=engine, k=kind, f=f: result(e, k, f), repeat)
            rows.append({"operation": name, "engine": engine.name, "median": statistics.median(times),
                         "min": min(times), "result": found})  # fmt: skip
    return rows, mismatches


def write_parquet(loaded: Loaded, work: Path) -> dict[str, float]:
    """events.parquet (the table as the app types it) and prepared.parquet (with status and search_text)."""
    events = loaded.ready.events
    sizes = {"events.csv": (loaded.ready.package.root / "events.csv").stat().st_size / 1e6}
    raw = pa.Table.from_pandas(events.drop(columns=["status"]), preserve_index=False)
    pq.write_table(raw, work / "events.parquet")  # snappy, pyarrow's default
    pq.write_table(raw, work / "events.zstd.parquet", compression="zstd")
    prepared = events.assign(search_text=loaded.text.to_numpy())
    pq.write_table(pa.Table.from_pandas(prepared, preserve_index=False), work / "prepared.parquet")
    for name in ("events.parquet", "events.zstd.parquet", "prepared.parquet"):
        sizes[name] = (work / name).stat().st_size / 1e6
    return sizes


def measure_reads(root: Path, work: Path, repeat: int, readers: list[str]) -> list[dict]:
    """Each reader `repeat` times, each time in a fresh process: median ms, peak MB, table MB.

    The CSV is the package's own (root); the Parquet files are in work."""
    rows: list[dict] = []
    if repeat < 1:
        return rows
    for reader, file in READERS.items():
        if not any(part in reader for part in readers):
            continue
        path = (root if file.endswith(".csv") else work) / file
        runs = []
        for _ in range(repeat):
            done = subprocess.run(
                [sys.executable, __file__, "--read-once", reader, str(path)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            runs.append(json.loads(done.stdout))
        rows.append({
            "reader": reader,
            "median": statistics.median(r["ms"] for r in runs),
            "peak_mb": statistics.median(r["peak_mb"] for r in runs),
            "table_mb": runs[0]["table_mb"],
            "rows": runs[0]["rows"],
        })  # fmt: skip
    return rows


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def load_avg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="a data package folder (default data/)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each operation (default 7)")
    parser.add_argument("--load-repeat", type=int, default=5, help="fresh-process reads of each (default 5)")
    parser.add_argument(
        "--readers", default="", help="only the readers whose name holds one of these, comma-separated"
    )
    parser.add_argument("--work", type=Path, help="folder for the Parquet files (default: a temporary one)")
    args = parser.parse_args(argv)

    print(f"load average at start: {load_avg()}", flush=True)
    loaded = load_package(args.data)
    n = len(loaded.ready.events)
    built, setup, memory = engines(loaded)
    gc.collect()
    gc.freeze()  # as dashboard.py does once loaded, so the collection before each timed run is short
    rows, mismatches = measure_operations(built, args.repeat)
    print(f"load average after the operations: {load_avg()}", flush=True)

    work = args.work or Path(tempfile.mkdtemp(prefix="engines-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        sizes = write_parquet(loaded, work)
        reads = measure_reads(args.data, work, args.load_repeat, args.readers.split(","))
    finally:
        if args.work is None:
            shutil.rmtree(work)
    print(f"load average at the end: {load_avg()}\n")

    print(f"{n:,} events from {args.data}; {args.repeat} timed runs per operation, median (min) ms\n")
    print(table(
        ["events", "operation", "engine", "median ms", "min ms", "result"],
        [[f"{n:,}", r["operation"], r["engine"], f"{r['median']:.1f}", f"{r['min']:.1f}", r["result"]]
         for r in rows],
    ))  # fmt: skip
    print(f"\nReading events.csv and Parquet written from it; {args.load_repeat} fresh processes each\n")
    print(table(
        ["events", "reader", "median ms", "peak MB", "table MB", "rows"],
        [[f"{n:,}", r["reader"], f"{r['median']:.0f}", f"{r['peak_mb']:.0f}", f"{r['table_mb']:.1f}",
          r["rows"]] for r in reads],
    ))  # fmt: skip
    print("\nfiles (MB): " + ", ".join(f"{k} {v:.2f}" for k, v in sizes.items()))
    print("startup once (s): " + ", ".join(f"{k} {v:.2f}" for k, v in {**loaded.startup, **setup}.items()))
    print("engine's table (MB): " + ", ".join(f"{k} {v:.1f}" for k, v in memory.items()))
    for problem in mismatches:
        print(f"MISMATCH {problem}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
