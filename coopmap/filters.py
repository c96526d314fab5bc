"""The filter state shared by map, timeline, table, counts and downloads, and what it selects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

SCOPES = ("country", "group", "aggregate")
GROUP_SCOPES = ("group", "aggregate")


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


def _years_mask(events: pd.DataFrame, filters: Filters) -> np.ndarray:
    year = events["year"].to_numpy(dtype=float, na_value=np.nan)
    undated = np.isnan(year) & filters.undated_shown
    if filters.years is None:
        return ~np.isnan(year) | undated
    low, high = filters.years
    return ((year >= low) & (year <= high)) | undated


def search_mask(text: pd.Series, term: str) -> np.ndarray:
    """The events whose search text (search_text) holds term, case-folded."""
    return text.str.contains(term, regex=False).to_numpy(dtype=bool)


@dataclass(frozen=True)
class Selection:
    """The rows each filter keeps, computed once per rerun.

    The table, the facets' counts and the timeline each combine them, leaving out the
    filters whose effect they show.
    """

    events: pd.DataFrame
    filters: Filters
    masks: dict[str, np.ndarray]  # Filters field -> the rows it keeps; only narrowing filters appear

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
        counts = self.events.loc[self.rows(field), FACETS[field]].value_counts()
        return {str(k): int(v) for k, v in counts.items()}


def select(
    events: pd.DataFrame,
    members: pd.DataFrame,
    filters: Filters,
    found: Callable[[str], np.ndarray] | None = None,
) -> Selection:
    """Each filter's rows. found(term) gives a search term's rows, from a cache kept per package;
    without it events needs a search_text column."""
    masks = {"years": _years_mask(events, filters)}
    if filters.countries:
        scope = events["scope"]
        in_country = (scope == "country") & events["country_iso3"].isin(filters.countries)
        in_group = scope.isin(GROUP_SCOPES) & events["group_id"].isin(
            groups_including(members, filters.countries)
        )
        masks["countries"] = (in_country | in_group).to_numpy(dtype=bool)
    for field, column in FACETS.items():
        if chosen := getattr(filters, field):
            masks[field] = events[column].isin(chosen).to_numpy(dtype=bool)
    if terms := search_terms(filters.search):
        find = found or partial(search_mask, events["search_text"])
        masks["search"] = np.logical_and.reduce([find(term) for term in terms])
    return Selection(events, filters, masks)


def apply(events: pd.DataFrame, members: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The events the filters select, in dataset order.

    A country filter keeps that country's own events and the claims about a region, bloc or
    counted group that includes it (they stay group claims: the scope column says so).
    """
    return select(events, members, filters).selected


def search_text(package, names: dict[str, dict[str, str]]) -> pd.Series:
    """Per event, every text a reader may search for, case-folded, in event order.

    Passages in the source's language and in translation, summaries, notes, actors, places,
    partner, category and country names in both languages, the event's source and the
    independent sources weighed against it. Built once per loaded package.
    """

    def plain(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
        return pd.DataFrame({c: frame[c].astype("string").fillna("") for c in columns})

    def joined(*parts: pd.Series) -> pd.Series:
        out = parts[0]
        for part in parts[1:]:
            out = out + " " + part
        return out

    def per_event(ids: pd.Series, text: pd.Series) -> pd.Series:
        """Every row's text for its event, joined (a Python loop: pandas' groupby-join is one per group)."""
        by_event: dict[str, list[str]] = {}
        for event_id, value in zip(ids, text, strict=True):
            by_event.setdefault(event_id, []).append(value)
        return events["event_id"].map({k: " ".join(v) for k, v in by_event.items()}).fillna("")

    columns = ["passage", "passage_en", "summary_en", "notes", "actor", "actor_en", "place", "partner_src",
               "amount_text", "financing", "event_id"]  # fmt: skip
    events = plain(package["events"], *columns, "category", "group_id", "country_iso3", "source_id")
    sources = plain(package["sources"], "source_id", "title", "publisher", "author", "translator")
    source_text = joined(*(sources[c] for c in ("title", "publisher", "author", "translator")))
    source_text.index = sources["source_id"]
    further = plain(package["event_passages"], "event_id", "passage", "passage_en")
    checks = plain(package["corroborations"], "event_id", "source_id", "actor", "place")
    categories = package["categories"].set_index("category_id")
    groups = package["groups"].set_index("group_id")
    parts = [events[c] for c in columns]
    for lang in ("en", "zh"):
        parts.append(events["category"].map(categories[f"label_{lang}"]).fillna(""))
        parts.append(events["group_id"].map(groups[f"name_{lang}"]).fillna(""))
        parts.append(events["country_iso3"].map(names[lang]).fillna(""))
    parts.append(events["source_id"].map(source_text).fillna(""))
    parts.append(per_event(further["event_id"], joined(further["passage"], further["passage_en"])))
    check_text = joined(checks["source_id"].map(source_text).fillna(""), checks["actor"], checks["place"])
    parts.append(per_event(checks["event_id"], check_text))
    return joined(*parts).str.casefold().set_axis(package["events"].index)
