"""The filter state shared by map, timeline, table, counts and downloads, and what it selects."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data.i18n import n_, t

SCOPES = ("country", "group", "aggregate")


@dataclass(frozen=True)
class Filters:
    """What the user asked to see; an empty tuple means no restriction."""

    countries: tuple[str, ...] = ()  # ISO3
    years: tuple[int, int] | None = None  # inclusive span; None: every stated year
    include_undated: bool = True  # events whose source states no year
    confirmed_only: bool = False  # only events an independent source confirms (needs a status column)
    categories: tuple[str, ...] = ()  # category ids
    actors: tuple[str, ...] = ()  # actors as the source names them
    scopes: tuple[str, ...] = ()  # country / group / aggregate


def year_span(events: pd.DataFrame) -> tuple[int, int]:
    """The first and last year any event states."""
    years = events["year"].dropna()
    return int(years.min()), int(years.max())


def groups_including(members: pd.DataFrame, countries: tuple[str, ...]) -> set[str]:
    """Groups with at least one of these countries among their members."""
    return set(members.loc[members["country_iso3"].isin(countries), "group_id"])


def apply(events: pd.DataFrame, members: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The events the filters select, in dataset order.

    A country filter keeps that country's own events and the group claims whose group
    includes it (they stay group claims: the scope column says so); counted aggregates
    name no country, so a country filter leaves them out.
    """
    keep = pd.Series(True, index=events.index)
    if filters.countries:
        in_country = (events["scope"] == "country") & events["country_iso3"].isin(filters.countries)
        in_group = (events["scope"] == "group") & events["group_id"].isin(
            groups_including(members, filters.countries)
        )
        keep &= in_country | in_group
    if filters.years is not None:
        low, high = filters.years
        dated = events["year"].between(low, high).fillna(False).astype(bool)
        keep &= dated | (events["year"].isna() & filters.include_undated)
    elif not filters.include_undated:
        keep &= events["year"].notna()
    if filters.categories:
        keep &= events["category"].isin(filters.categories)
    if filters.actors:
        keep &= events["actor"].isin(filters.actors)
    if filters.scopes:
        keep &= events["scope"].isin(filters.scopes)
    if filters.confirmed_only:
        keep &= events["status"] == "confirmed"
    return events[keep.astype(bool)]


def summary(
    selected: pd.DataFrame,
    filters: Filters,
    all_events: pd.DataFrame,
    labels: dict[str, str],
    lang: str = "en",
) -> str:
    """One line saying what is shown: how many events, where, which years, which categories.

    e.g. '9 events in 7 countries, 1 region or bloc; 2010–2016 and 3 without a stated year;
    all categories'. Only the kinds of partner present are named; labels are in lang.
    """
    places = [
        n_(lang, f"summary.{kind}", n)
        for kind, n in (
            ("country", selected.loc[selected["scope"] == "country", "country_iso3"].nunique()),
            ("group", selected.loc[selected["scope"] == "group", "group_id"].nunique()),
            ("aggregate", int((selected["scope"] == "aggregate").sum())),
        )
        if n
    ]
    head = n_(lang, "summary.event", len(selected))
    if places:
        head = t(lang, "summary.where", events=head, places=t(lang, "summary.list_separator").join(places))
    low, high = filters.years or year_span(all_events)
    span = f"{low}–{high}" if low != high else str(low)
    undated = int(selected["year"].isna().sum())
    if not filters.include_undated:
        span = t(lang, "summary.dated_only", span=span)
    elif undated:
        span = t(lang, "summary.undated", span=span, n=undated)
    separator = t(lang, "summary.list_separator")
    kinds = separator.join(label for c, label in labels.items() if c in filters.categories)
    kinds = kinds or t(lang, "summary.all_categories")
    line = "summary.line_confirmed" if filters.confirmed_only else "summary.line"
    return t(lang, line, head=head, span=span, kinds=kinds)
