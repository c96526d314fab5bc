"""The filter state shared by map, timeline, table, counts and downloads, and what it selects."""

from __future__ import annotations

from dataclasses import dataclass, replace

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
    search: str = ""  # words that must all occur in an event's texts (needs a search_text column)

    @property
    def undated_shown(self) -> bool:
        """Events of no stated year are shown unless asked otherwise, or a year range is chosen."""
        return self.years is None if self.include_undated is None else self.include_undated


def year_span(events: pd.DataFrame) -> tuple[int, int]:
    """The first and last year any event states."""
    years = events["year"].dropna()
    return int(years.min()), int(years.max())


def every_year(filters: Filters) -> Filters:
    """The same filters over every year, undated events included: what the timeline counts."""
    return replace(filters, years=None, include_undated=True)


def groups_including(members: pd.DataFrame, countries: tuple[str, ...]) -> set[str]:
    """Groups with at least one of these countries among their members."""
    return set(members.loc[members["country_iso3"].isin(countries), "group_id"])


def search_terms(text: str) -> list[str]:
    """The words of a search, case-folded; every one must occur for an event to match."""
    return text.casefold().split()


def _years_mask(events: pd.DataFrame, filters: Filters) -> pd.Series:
    undated = events["year"].isna() & filters.undated_shown
    if filters.years is None:
        return events["year"].notna() | undated
    low, high = filters.years
    return events["year"].between(low, high).fillna(False).astype(bool) | undated


def apply(events: pd.DataFrame, members: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The events the filters select, in dataset order.

    A country filter keeps that country's own events and the claims about a region, bloc or
    counted group that includes it (they stay group claims: the scope column says so).
    """
    keep = _years_mask(events, filters)
    if filters.countries:
        in_country = (events["scope"] == "country") & events["country_iso3"].isin(filters.countries)
        in_group = events["scope"].isin(GROUP_SCOPES) & events["group_id"].isin(
            groups_including(members, filters.countries)
        )
        keep &= in_country | in_group
    if filters.categories:
        keep &= events["category"].isin(filters.categories)
    if filters.actors:
        keep &= events["actor"].isin(filters.actors)
    if filters.scopes:
        keep &= events["scope"].isin(filters.scopes)
    if filters.statuses:
        keep &= events["status"].isin(filters.statuses)
    for term in search_terms(filters.search):
        keep &= events["search_text"].str.contains(term, regex=False)
    return events[keep.astype(bool)]


def undated_left_out(events: pd.DataFrame, members: pd.DataFrame, filters: Filters) -> int:
    """How many events of no stated year the other filters would show, while they are hidden."""
    if filters.undated_shown:
        return 0
    shown = apply(events, members, replace(filters, include_undated=True))
    return int(shown["year"].isna().sum())


def facet_counts(events: pd.DataFrame, members: pd.DataFrame, filters: Filters, field: str) -> dict[str, int]:
    """Events per value of one facet under every other filter, so each option shows what it would add."""
    facet = {"statuses": "status", "categories": "category", "actors": "actor", "scopes": "scope"}[field]
    others = apply(events, members, replace(filters, **{field: ()}))
    return {str(k): int(v) for k, v in others[facet].value_counts().items()}


def search_text(package, names: dict[str, dict[str, str]]) -> pd.Series:
    """Per event, every text a reader may search for, case-folded, in event order.

    Passages in the source's language and in translation, summaries, notes, actors, places,
    partner, category and country names in both languages, the event's source and the
    independent sources weighed against it. Built once per loaded package.
    """

    def plain(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.astype(object).where(frame.notna(), "").astype(str)

    events = plain(package["events"])
    sources = plain(package["sources"]).set_index("source_id")
    source_text = (
        sources["title"] + " " + sources["publisher"] + " " + sources["author"] + " " + sources["translator"]
    )
    further = plain(package["event_passages"])
    checks = plain(package["corroborations"])
    checks = checks.assign(
        text=checks["source_id"].map(source_text).fillna("") + " " + checks["actor"] + " " + checks["place"]
    )
    categories = package["categories"].set_index("category_id")
    groups = package["groups"].set_index("group_id")
    columns = ["passage", "passage_en", "summary_en", "notes", "actor", "actor_en", "place", "partner_src",
               "amount_text", "financing", "event_id"]  # fmt: skip
    text = events[columns].agg(" ".join, axis=1)
    for lang in ("en", "zh"):
        text += " " + events["category"].map(categories[f"label_{lang}"]).fillna("")
        text += " " + events["group_id"].map(groups[f"name_{lang}"]).fillna("")
        text += " " + events["country_iso3"].map(names[lang]).fillna("")
    text += " " + events["source_id"].map(source_text).fillna("")
    for table, column in ((further, "passage"), (further, "passage_en"), (checks, "text")):
        joined = table.groupby("event_id")[column].agg(" ".join)
        text += " " + events["event_id"].map(joined).fillna("")
    return text.str.casefold().set_axis(events.index)
