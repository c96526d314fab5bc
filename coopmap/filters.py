"""The filter state shared by map, timeline, table, counts and downloads, and what it selects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

SCOPES = ("country", "group", "aggregate")
GROUP_SCOPES = ("group", "aggregate")
CHUNK_ROWS = 50_000  # events whose search text is built at a time
CHECK_FIELDS = ("actor_en", "actor_zh", "place_en", "place_zh")  # what a search finds of a source's values


@dataclass(frozen=True)
class Filters:
    """What the user asked to see; an empty tuple means no restriction."""

    countries: tuple[str, ...] = ()  # ISO3
    years: tuple[int, int] | None = None  # inclusive span of stated years; None: every year
    include_undated: bool | None = None  # None: shown only while no year range narrows the view
    statuses: tuple[str, ...] = ()  # what independent reporting says (needs a status column)
    categories: tuple[str, ...] = ()  # category ids
    actors: tuple[str, ...] = ()  # actors as the source names them
    scopes: tuple[str, ...] = ()  # country / group / aggregate
    search: str = ""  # words that must all occur in an event's texts (see search_text)

    @property
    def undated_shown(self) -> bool:
        """Events of no stated year are shown unless asked otherwise, or a year range is chosen."""
        return self.years is None if self.include_undated is None else self.include_undated


# A year range has one form, Filters.years: a narrowed span, or None for every year. These two turn a
# span into it and back; nothing else converts one into the other.


def narrowed(years: tuple[int, int] | None, span: tuple[int, int]) -> tuple[int, int] | None:
    """A chosen year range, ordered, or None when it is every year of the dataset (span)."""
    if years is None:
        return None
    low, high = min(years), max(years)
    return None if (low, high) == tuple(span) else (low, high)


def widened(years: tuple[int, int] | None, span: tuple[int, int]) -> tuple[int, int]:
    """The years a range shows: itself, or the whole span of the dataset when it is None."""
    return (years[0], years[1]) if years is not None else (span[0], span[1])


def year_span(events: pd.DataFrame) -> tuple[int, int]:
    """The first and last year any event states."""
    years = events["year"].dropna()
    return int(years.min()), int(years.max())


def groups_including(members: pd.DataFrame, countries: tuple[str, ...]) -> set[str]:
    """Groups with at least one of these countries among their members."""
    return set(members.loc[members["country_iso3"].isin(countries), "group_id"])


def search_terms(text: str) -> list[str]:
    """The words of a search, case-folded; every one must occur for an event to match."""
    return text.casefold().split()


FACETS = {"statuses": "status", "categories": "category", "actors": "actor", "scopes": "scope"}


@dataclass(frozen=True)
class Facet:
    """One facet column as integer codes, built once per package: a rerun counts and picks with numpy."""

    codes: np.ndarray  # per event, the position of its value in values; -1 for none
    values: pd.Index

    def rows(self, chosen: tuple[str, ...]) -> np.ndarray:
        at = self.values.get_indexer(list(chosen))
        return np.isin(self.codes, at[at >= 0])

    def counts(self, rows: np.ndarray) -> dict[str, int]:
        """Events per value among rows, most first (ties in the order the values first occur)."""
        n = np.bincount(self.codes[rows] + 1, minlength=len(self.values) + 1)[1:]
        order = np.argsort(-n, kind="stable")
        return {str(self.values[i]): int(n[i]) for i in order if n[i]}


def facets(events: pd.DataFrame) -> dict[str, Facet]:
    """Every facet column's codes (FACETS), each in the smallest integer type that holds them."""
    return {field: facet(events[column]) for field, column in FACETS.items()}


def facet(column: pd.Series) -> Facet:
    """One column as codes, in the smallest integer type that holds them."""
    codes, values = pd.factorize(column)
    return Facet(codes.astype(np.min_scalar_type(-len(values) - 1)), pd.Index(values))


def _years_mask(events: pd.DataFrame, filters: Filters) -> np.ndarray:
    year = events["year"].to_numpy(dtype=float, na_value=np.nan)
    undated = np.isnan(year) & filters.undated_shown
    if filters.years is None:
        return ~np.isnan(year) | undated
    low, high = filters.years
    return ((year >= low) & (year <= high)) | undated


def search_mask(text: pl.Series, term: str) -> np.ndarray:
    """The events whose search text (search_text) holds term, case-folded.

    polars' literal substring search: many times Arrow's at a million events (bench/README.md).
    """
    return text.str.contains(term, literal=True).to_numpy()


@dataclass(frozen=True)
class Selection:
    """The rows each filter keeps, computed once per rerun.

    The table, the facets' counts and the timeline each combine them, leaving out the
    filters whose effect they show.
    """

    events: pd.DataFrame
    filters: Filters
    masks: dict[str, np.ndarray]  # Filters field -> the rows it keeps; only narrowing filters appear
    facets: dict[str, Facet]

    def rows(self, *leaving_out: str) -> np.ndarray:
        keep = np.ones(len(self.events), dtype=bool)
        for name, mask in self.masks.items():
            if name not in leaving_out:
                keep &= mask
        return keep

    @property
    def selected(self) -> pd.DataFrame:
        return self.events[self.rows()]

    @property
    def every_year(self) -> pd.DataFrame:
        """The events every filter but the years selects, undated ones included: what the timeline counts."""
        return self.events[self.rows("years")]

    @property
    def undated_left_out(self) -> int:
        """How many events of no stated year the other filters would show, while they are hidden."""
        if self.filters.undated_shown:
            return 0
        return int((self.rows("years") & self.events["year"].isna().to_numpy(dtype=bool)).sum())

    def facet_counts(self, field: str) -> dict[str, int]:
        """Events per value of one facet under every other filter, so each option shows what it would add."""
        return self.facets[field].counts(self.rows(field))


def select(
    events: pd.DataFrame,
    members: pd.DataFrame,
    filters: Filters,
    found: Callable[[str], np.ndarray],
    coded: dict[str, Facet],
) -> Selection:
    """Each filter's rows. A country filter keeps that country's own events and the claims about a
    region, bloc or counted group that includes it (they stay group claims: the scope column says so).
    found(term) gives a search term's rows and coded the facets(events), both kept per package."""
    masks = {"years": _years_mask(events, filters)}
    if filters.countries:
        scope = events["scope"]
        in_country = (scope == "country") & events["country_iso3"].isin(filters.countries)
        in_group = scope.isin(GROUP_SCOPES) & events["group_id"].isin(
            groups_including(members, filters.countries)
        )
        masks["countries"] = (in_country | in_group).to_numpy(dtype=bool)
    for field in FACETS:
        if chosen := getattr(filters, field):
            masks[field] = coded[field].rows(chosen)
    if terms := search_terms(filters.search):
        masks["search"] = np.logical_and.reduce([found(term) for term in terms])
    return Selection(events, filters, masks, coded)


def search_text(package, names: dict[str, dict[str, str]]) -> pl.Series:
    """Per event, every text a reader may search for, case-folded, in event order.

    Passages in the source's language and in translation, summaries, notes, actors, places,
    partner, category and country names in both languages, the event's source and the
    independent sources weighed against it. Built once per loaded package.
    """

    SPACE = pa.scalar(" ", pa.large_string())

    def text(series: pd.Series) -> pa.Array:
        return pa.array(series.astype("string").fillna(""), type=pa.large_string())

    def joined(*parts: pa.Array) -> pa.Array:
        return pc.binary_join_element_wise(*parts, SPACE)

    def per_event(ids: pd.Series, values: pa.Array) -> pa.Array:
        """Every row's text for its event, joined, in event order ('' for an event with none)."""
        grouped = pa.table({"id": text(ids), "text": values}).group_by("id", use_threads=False)
        grouped = grouped.aggregate([("text", "list")])
        at = pc.index_in(event_ids, value_set=grouped["id"])
        return pc.fill_null(
            pc.take(pc.binary_join(grouped["text_list"], SPACE), at), pa.scalar("", pa.large_string())
        )

    def mapped(keys: pd.Series, values: pd.Series) -> pa.Array:
        return text(keys.map(values))

    events = package["events"]
    event_ids = text(events["event_id"])
    sources = package["sources"].set_index("source_id")
    source_fields = ("title", "publisher", "author", "translator")
    source_text = pd.Series(joined(*(text(sources[c]) for c in source_fields)), index=sources.index)
    further, checks = package["event_passages"], package["corroborations"]
    linked = [  # per event: its further passages, and the sources, actors and places weighed against it
        per_event(further["event_id"], joined(text(further["passage"]), text(further["passage_en"]))),
        per_event(
            checks["event_id"],
            joined(mapped(checks["source_id"], source_text), *(text(checks[c]) for c in CHECK_FIELDS)),
        ),
    ]
    columns = [
        "passage",
        "passage_en",
        "summary_en",
        "summary_zh",
        "notes_en",
        "notes_zh",
        "actor",
        "actor_en",
        "place",
        "partner_src",
        "amount_text",
        "financing",
        "event_id",
    ]
    categories = package["categories"].set_index("category_id")
    groups = package["groups"].set_index("group_id")
    chunks = []
    for at in range(0, len(events), CHUNK_ROWS):  # a slice at a time: the texts are GBs at a million events
        rows = events.iloc[at : at + CHUNK_ROWS]
        parts = [text(rows[c]) for c in columns]
        for lang in ("en", "zh"):
            parts.append(mapped(rows["category"], categories[f"label_{lang}"]))
            parts.append(mapped(rows["group_id"], groups[f"name_{lang}"]))
            parts.append(mapped(rows["country_iso3"], pd.Series(names[lang], dtype="string")))
        parts.append(mapped(rows["source_id"], source_text))
        parts += [part.slice(at, CHUNK_ROWS) for part in linked]
        folded = [value.casefold() for value in joined(*parts).to_pylist()]  # Arrow has no casefold
        chunks.append(pl.Series(folded, dtype=pl.String))
    return pl.concat(chunks, rechunk=False) if chunks else pl.Series([], dtype=pl.String)
