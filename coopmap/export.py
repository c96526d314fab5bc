"""The filtered events as a download a reader can cite: every row with its source and dataset version."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import partial

import pandas as pd

from coopmap.dataset.cells import formula
from coopmap.dataset.countries import country_name, is_iso3, name_en
from coopmap.dataset.package import DataPackage
from coopmap.filters import Filters
from coopmap.i18n import LANGUAGES, t

# One schema in every language: each text a reader may see in both, in columns of its own,
# so a script reading a download never breaks on the reader's language switch.
EXPORT_COLUMNS = (
    "event_id",
    "scope",
    "country_iso3",
    "country_name_en",
    "country_name_zh",
    "group_id",
    "group_name_en",
    "group_name_zh",
    "year",
    "category",
    "category_label_en",
    "category_label_zh",
    "actor",
    "actor_en",
    "amount_usd",
    "amount_text",
    "financing",
    "count_stated",
    "count_unit",
    "place",
    "summary_en",
    "summary_zh",
    "passage",
    "passage_en",
    "notes_en",
    "notes_zh",
    "source_id",
    "source_title",
    "source_publisher",
    "source_author",
    "source_translator",
    "source_date",
    "source_url",
    "original_source_id",
    "original_title",
    "original_url",
    "original_date",
    "corroboration",
    "corroborating_sources",
    "corroborating_urls",
    "dataset_version",
)
SOURCE_FIELDS = {
    "title": "source_title",
    "publisher": "source_publisher",
    "author": "source_author",
    "translator": "source_translator",
    "date_published": "source_date",
    "url": "source_url",
}
ORIGINAL_FIELDS = {"title": "original_title", "url": "original_url", "date_published": "original_date"}
NAME_STEM = "reported-cooperation"
NAME_LIMIT = 100
CHUNK_ROWS = 20_000  # rows of the export table built at a time
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def neutralise(value: str) -> str:
    """A text cell a spreadsheet would run as a formula, made inert with an apostrophe before the whole
    value (OWASP), whitespace and all: a spreadsheet skips leading whitespace and reads full-width signs."""
    return "'" + value if formula(value) else value


def _looked_up(keys: pd.Series, frame: pd.DataFrame, key: str, column: str) -> pd.Series:
    return keys.map(frame.set_index(key)[column]).fillna("").astype("string")


def _joined_by_event(event_ids: pd.Series, checks: pd.DataFrame, column: str) -> pd.Series:
    """Each event's values of column across its corroborations, joined with ' ; '."""
    joined = checks.groupby("event_id")[column].agg(lambda values: " ; ".join(dict.fromkeys(values)))
    return event_ids.map(joined).fillna("").astype("string")


def table(selected: pd.DataFrame, package: DataPackage) -> pd.DataFrame:
    """The selected events, in their order, with the names, labels and sources a citation needs.

    Missing text is '' and a missing number is <NA>; years and amounts stay integers.
    """
    sources = package["sources"]
    out = selected.copy()
    for lang in LANGUAGES:
        named = partial(country_name, lang=lang, aliases=package.aliases)
        names = out["country_iso3"].map(lambda code, named=named: named(code) if code else "")
        out[f"country_name_{lang}"] = names.astype("string")
        out[f"group_name_{lang}"] = _looked_up(out["group_id"], package["groups"], "group_id", f"name_{lang}")
        labels = _looked_up(out["category"], package["categories"], "category_id", f"label_{lang}")
        out[f"category_label_{lang}"] = labels
    for field, column in SOURCE_FIELDS.items():
        out[column] = _looked_up(out["source_id"], sources, "source_id", field)
    translated = sources.loc[sources["relation"] == "translation_of"]
    out["original_source_id"] = _looked_up(out["source_id"], translated, "source_id", "related_source_id")
    for field, column in ORIGINAL_FIELDS.items():
        out[column] = _looked_up(out["original_source_id"], sources, "source_id", field)
    checks = package["corroborations"].merge(
        package["sources"][["source_id", "url"]], on="source_id", how="left"
    )
    checks = checks[checks["verdict"] != "not_found"]
    out["corroboration"] = out["status"]
    out["corroborating_sources"] = _joined_by_event(out["event_id"], checks, "source_id")
    out["corroborating_urls"] = _joined_by_event(out["event_id"], checks, "url")
    out["dataset_version"] = pd.Series(package.version, index=out.index, dtype="string")
    return out[list(EXPORT_COLUMNS)]


def _csv_cell(value: object) -> object:
    if isinstance(value, str):
        return neutralise(value)
    return "" if pd.isna(value) else value


def _chunks(selected: pd.DataFrame, package: DataPackage) -> Iterator[pd.DataFrame]:
    """The export table a slice at a time, so a download never holds a second copy of every row."""
    for start in range(0, max(len(selected), 1), CHUNK_ROWS):
        yield table(selected.iloc[start : start + CHUNK_ROWS], package)


def to_csv(frames: Iterable[pd.DataFrame]) -> bytes:
    """UTF-8 with a byte-order mark, without which spreadsheet programs garble the Chinese."""
    out = io.BytesIO()
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    for number, frame in enumerate(frames):
        if number == 0:
            writer.writerow(frame.columns)
        writer.writerows([_csv_cell(value) for value in row] for row in frame.itertuples(index=False))
    text.flush()
    return out.getvalue()


def _json_value(value: object) -> str | int | None:
    if isinstance(value, str):
        return value or None
    return None if pd.isna(value) else int(value)


def to_json(
    frames: Iterable[pd.DataFrame],
    count: int,
    filters_description: str,
    package: DataPackage,
    lang: str = "en",
) -> bytes:
    """count rows, with what a reader must know to cite and weigh them: dataset, version, filters, licence.

    Written event by event, laid out exactly as json.dumps(document, indent=2) would.
    """
    head = {
        "dataset": package.title,
        "version": package.version,
        "filters": filters_description,
        "note": t(lang, "export.note"),
        "licence": package.licence,
        "count": count,
        "events": [],
    }
    before, after = json.dumps(head, ensure_ascii=False, indent=2).rsplit("[]", 1)
    out = io.BytesIO()
    out.write(before.encode("utf-8"))
    first = True
    for frame in frames:
        for row in frame.itertuples(index=False):
            event = {column: _json_value(value) for column, value in zip(frame.columns, row, strict=True)}
            item = json.dumps(event, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            out.write(("[\n    " if first else ",\n    ").encode("utf-8") + item.encode("utf-8"))
            first = False
    out.write(("[]" if first else "\n  ]").encode("utf-8"))
    out.write(after.encode("utf-8"))
    return out.getvalue()


def csv_file(selected: pd.DataFrame, package: DataPackage) -> bytes:
    """The CSV download of the selected events: the same columns in either language."""
    return to_csv(_chunks(selected, package))


def json_file(
    selected: pd.DataFrame, filters_description: str, package: DataPackage, lang: str = "en"
) -> bytes:
    """The JSON download of the selected events, with the line saying which filters chose them."""
    return to_json(_chunks(selected, package), len(selected), filters_description, package, lang)


def _ascii(value: str) -> str:
    """Letters without accents, then only what every file system takes ('Côte d'Ivoire' -> 'Cote-dIvoire')."""
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return _UNSAFE.sub("", plain.replace(" ", "-").replace(",", "")).strip("-")


def _joined(values) -> str:
    return "-".join(sorted({_ascii(value) for value in values} - {""}))


def file_name(filters: Filters, extension: str, kind: str = "") -> str:
    """A name that says what the download holds, safe on every system: ASCII, at most 100 characters.

    kind names a figure ('map', 'timeline'): 'reported-cooperation-map_Iran.svg'.

    Every active filter leaves a mark: countries by English name, years, undated events shown or
    not, verdicts, categories, actors (counted: they are Chinese), scopes and the search (its
    ASCII words, else just 'search'). A list too long for the limit is counted instead.
    """
    lists = {
        "countries": tuple(name_en(c) if is_iso3(c) else c for c in filters.countries),
        "verdicts": filters.statuses,
        "categories": filters.categories,
        "scopes": filters.scopes,
    }
    shown = {key: _joined(values) for key, values in lists.items()}
    years = ""
    if filters.years is not None:
        low, high = filters.years
        years = str(low) if low == high else f"{low}-{high}"
    undated = ""
    if filters.undated_shown != (filters.years is None):
        undated = "with-undated" if filters.undated_shown else "undated-excluded"
    search = ""
    if filters.search.strip():
        search = "-".join(["search", *filter(None, map(_ascii, filters.search.split()))])

    def stem() -> str:
        parts = (
            shown["countries"],
            years,
            undated,
            shown["verdicts"],
            shown["categories"],
            f"actors-{len(set(filters.actors))}" if filters.actors else "",
            shown["scopes"],
            search,
        )
        head = f"{NAME_STEM}-{kind}" if kind else NAME_STEM
        return "_".join([head, *([part for part in parts if part] or ["all"])])

    room = NAME_LIMIT - len(extension) - 1
    for key in sorted(lists, key=lambda k: -len(shown[k])):
        counted = f"{key}-{len(set(lists[key]))}"
        if len(stem()) <= room:
            break
        if lists[key] and len(counted) < len(shown[key]):
            shown[key] = counted
    if len(stem()) > room and search:  # a search too long for the name keeps its mark, not its words
        search = "search"
    name = stem()
    if len(name) > room:  # still too long: whole parts go from the end, never half a word
        name = name[: name.rfind("_", 0, room + 1)]
    return f"{name}.{extension}"
