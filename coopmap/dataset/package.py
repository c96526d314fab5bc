"""Load the data package: its tables as typed DataFrames and its stored source texts.
Each column's type is this project's schema's (schema.json), which the validator holds every package to:
the loader reads what the validator passed, and nothing a package declares changes how."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from coopmap.dataset.schema import TABLES, TEXTS, WRITTEN
from coopmap.dataset.text import paragraphs, plain_text
from coopmap.paths import DATA_DIR

DESCRIPTOR = "datapackage.json"
KEPT_ROWS = 4096  # per table and key: the groups, sources and events a rerun reads again


def descriptor(root: Path = DATA_DIR) -> dict:
    """The package's datapackage.json as written: JSON, not yet checked against this project's schema."""
    return json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))


def read_rows(path: Path) -> list[dict[str, str]]:
    """A CSV as strings, exactly as written (no type guessing, empty cells stay '')."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class CutShort(csv.Error):
    """A file whose last row stops mid-way, with no line break after it: a copy or download cut short."""


def records(
    path: Path, stopped: Callable[[int, ValueError], None] | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """A CSV's rows streamed as strings, numbered as frictionless numbers them (the header is row 1).

    A short row reads as if its last cells were empty; a file that stops decoding or parsing stops
    there, and stopped(row, error) hears of it; nothing needs the whole table in memory.
    """
    number = 1
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, [])
            cells = []
            for number, cells in enumerate(reader, start=2):
                if cells:
                    yield number, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
        except (UnicodeDecodeError, csv.Error) as exc:
            if stopped is not None:
                stopped(number + 1, exc)
            return
    if stopped is not None and 0 < len(cells) < len(header) and not _ends_a_line(path):
        stopped(number, CutShort("the file ends inside this row: it looks cut short"))


def _ends_a_line(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, 2)
        return handle.read(1) in b"\r\n"


class Rows(Mapping[str, list[dict]]):
    """A table's rows by the value of one column: where each group lies is found once, in bulk,
    and a group's rows become dicts only when asked for, so a million rows stay one table.

    The values are one numpy string array, looked up by binary search: a dict of a million
    Python strings and spans took ~250 MB, this ~40 MB."""

    def __init__(self, frame: pd.DataFrame, key: str):
        self._table = pa.Table.from_pandas(frame, preserve_index=False)
        codes, values = pd.factorize(frame[key].astype("string").fillna(""))
        self._order = np.argsort(codes, kind="stable")
        self._ends = np.cumsum(np.bincount(codes, minlength=len(values)))
        self._values = np.asarray(values.to_numpy(dtype=str), dtype=str)  # in the order they first occur
        self._sorted = np.argsort(self._values, kind="stable")
        self._read = lru_cache(maxsize=KEPT_ROWS)(self._rows)

    def __getitem__(self, value: str) -> list[dict]:
        """The rows holding value: read once while often asked for, so the same list, not to be changed."""
        return self._read(value)

    def _rows(self, value: str) -> list[dict]:
        if not isinstance(value, str):
            raise KeyError(value)
        at = int(np.searchsorted(self._values, value, sorter=self._sorted))
        if at == len(self._values) or self._values[self._sorted[at]] != value:
            raise KeyError(value)
        code = int(self._sorted[at])
        start, stop = (int(self._ends[code - 1]) if code else 0), int(self._ends[code])
        rows = self._table.take(self._order[start:stop]).to_pylist()
        return [{field: "" if cell is None else cell for field, cell in row.items()} for row in rows]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values.tolist())

    def __len__(self) -> int:
        return len(self._values)


class DataPackageError(ValueError):
    """A table that cannot be read as its schema says; names the file, row and field."""


def inside(root: Path, relative: str) -> Path | None:
    """root / relative, or None when that would leave the package folder (absolute, '..', a link out).

    A package names its files itself; reading one from elsewhere would show another file as a source.
    """
    path = root / relative
    if Path(relative).is_absolute() or not path.resolve().is_relative_to(root.resolve()):
        return None
    return path


def _inside(root: Path, relative: str, where: str) -> Path:
    path = inside(root, relative)
    if path is None:
        raise DataPackageError(f"{where}: {relative!r} leaves the package folder {root}")
    return path


def _booleans(path: Path, name: str, column: pd.Series) -> pd.Series:
    """Table Schema's default true/false spellings as a nullable boolean column."""
    values = {"true": True, "false": False, "": pd.NA}
    bad = column[~column.isin(list(values))]
    if len(bad):
        raise DataPackageError(
            f"{path}, row {int(bad.index[0]) + 2}, field {name}: {bad.iloc[0]!r} is not true or false"
        )
    return column.map(values).astype("boolean")


def _ragged(path: Path) -> str:
    """The first row with more or fewer cells than the header, numbered as load() numbers rows."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = filter(None, csv.reader(handle))  # blank lines are no rows
        header = next(rows, [])
        for number, cells in enumerate(rows, start=2):
            if len(cells) < len(header):
                return f"{path}, row {number}, field {header[len(cells)]}: cell missing"
            if len(cells) > len(header):
                return f"{path}, row {number}: {len(cells)} cells, where the header names {len(header)}"
    return f"{path}: not a CSV table"


def _strings(path: Path, names: list[str]) -> pd.DataFrame:
    """A table's cells as strings, exactly as written (empty cells stay ''), parsed by Arrow in bulk."""
    try:
        frame = pd.read_csv(path, engine="pyarrow", dtype="string", keep_default_na=False, na_values=[])
    except pd.errors.EmptyDataError:
        frame = pd.DataFrame(columns=names, dtype="string")
    except pd.errors.ParserError:
        raise DataPackageError(_ragged(path)) from None
    missing = [n for n in names if n not in frame.columns]
    if missing and len(frame):
        raise DataPackageError(f"{path}, row 2, field {missing[0]}: cell missing")
    frame = frame.reindex(columns=names).astype("string") if missing else frame[names]
    return frame.apply(_one_chunk)


def _one_chunk(column: pd.Series) -> pd.Series:
    """The column as one Arrow array: the reader leaves many chunks per GB, and every take or filter
    pays for each (bench/README.md)."""
    joined = pa.chunked_array(pa.array(column.array)).combine_chunks()
    return pd.Series(pd.arrays.ArrowStringArray(joined), index=column.index, name=column.name)


def _typed(path: Path, schema: dict) -> pd.DataFrame:
    frame = _strings(path, [f["name"] for f in schema["fields"]])
    for field in schema["fields"]:
        if field["type"] == "boolean":
            frame[field["name"]] = _booleans(path, field["name"], frame[field["name"]])
        if field["type"] != "integer":
            continue
        column = frame[field["name"]]
        bad = column[(column != "") & ~column.str.fullmatch(WRITTEN["integer"])]
        if len(bad):
            row_no = int(bad.index[0]) + 2
            raise DataPackageError(
                f"{path}, row {row_no}, field {field['name']}: {bad.iloc[0]!r} is not an integer"
            )
        frame[field["name"]] = pd.to_numeric(column.replace("", pd.NA)).astype("Int64")
    return frame


@dataclass(frozen=True)
class DataPackage:
    """The tables of the package by resource name, each stored source's plain text, and how to cite it."""

    root: Path
    tables: dict[str, pd.DataFrame]
    texts: dict[str, str]
    version: str
    title: str
    licence: str
    about: dict[str, str]  # the descriptor's own words: description, title_zh…
    aliases: Path  # its own country_aliases file: its countries are named as it says, not as data/ does

    def said(self, name: str, lang: str) -> str:
        """A descriptor text in lang ('title_zh' for Chinese), else in English ('title'), else ''."""
        return self.about.get(f"{name}_{lang}") or self.about.get(name, "")

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    @cached_property
    def members(self) -> dict[str, list[str]]:
        """Each group's member codes, in the table's order."""
        return self.tables["group_members"].groupby("group_id")["country_iso3"].apply(list).to_dict()

    @cached_property
    def paragraphs(self) -> dict[str, list[str]]:
        return {source_id: paragraphs(text) for source_id, text in self.texts.items()}

    def rows_by(self, table: str, key: str) -> Rows:
        """A table's rows (missing cells as '') grouped by one column; the grouping is found once."""
        cache = self.__dict__.setdefault("_rows_by", {})
        if (table, key) not in cache:
            cache[table, key] = Rows(self.tables[table], key)
        return cache[table, key]

    def row(self, table: str, key: str, value: str) -> dict | None:
        """The row of a table whose key column holds value, or None."""
        rows = self.rows_by(table, key).get(value)
        return rows[0] if rows else None


def load(root: Path = DATA_DIR) -> DataPackage:
    """Read every table and stored text of the package at root, as this project's schema types them.

    The package is one validate() found valid: each table is found by name at the path its descriptor
    gives."""
    desc = descriptor(root)
    paths = {r["name"]: r["path"] for r in desc["resources"]}
    where = {name: f"{root / DESCRIPTOR}, field resources.{name}.path" for name in paths}
    tables = {}
    for name, schema in TABLES.items():
        tables[name] = _typed(_inside(root, paths[name], where[name]), schema)
    sources, texts = _inside(root, paths["sources"], where["sources"]), {}
    for row_no, row in enumerate(read_rows(sources), start=2):
        if row["text_path"]:
            path = _inside(root, row["text_path"], f"{sources}, row {row_no}, field text_path")
            texts[row["source_id"]] = plain_text(path.read_text(encoding="utf-8"))
    return DataPackage(
        root=root,
        tables=tables,
        texts=texts,
        version=desc["version"],
        title=desc["title"],
        licence=desc["licenses"][0]["name"],
        about={k: v for k, v in desc.items() if k in TEXTS},
        aliases=_inside(root, paths["country_aliases"], where["country_aliases"]),
    )
