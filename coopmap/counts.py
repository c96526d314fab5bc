"""What the selected events add up to: per country for the map, per year for the timeline.
The map shades the members of a group a claim names as context, never as claims of their own; the timeline
counts the events every filter but the years selects, so every year stays clickable."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from coopmap.claims import source_short
from coopmap.columns import factorized, filtered, is_
from coopmap.dataset.package import DataPackage
from coopmap.filters import widened


@dataclass(frozen=True)
class Context:
    """Why a country is shaded as context: a group claim about a group it belongs to."""

    group: str  # the group's name in the view's language
    basis: str  # '' when a member by the group's definition, else who names it
    count: int  # how many selected claims there are about the group


@dataclass(frozen=True)
class MapCounts:
    """What the map shows of the selected events."""

    by_country: dict[str, dict[str, int]]  # iso3 -> category id -> its own events
    group_claims: dict[str, int]  # group id -> how many selected claims there are about it
    context: dict[str, tuple[Context, ...]]  # iso3 -> the group claims that include it, and why

    def most_reported(self, names: Mapping[str, str]) -> list[tuple[str, int]]:
        """Countries with events of their own, most first, then by name."""
        totals = ((iso3, sum(c.values())) for iso3, c in self.by_country.items())
        return sorted(totals, key=lambda item: (-item[1], names.get(item[0], item[0])))


def map_counts(
    selected: pd.DataFrame,
    package: DataPackage,
    members: Mapping[str, list[str]],
    group_names: Mapping[str, str],
    lang: str = "en",
) -> MapCounts:
    """Own events per country and category id; group claims, and each member they make context of."""
    # Arrow and numpy, not pandas: its per-call cost is most of a rerun's when a few dozen events are shown.
    own = is_(selected["scope"], "country")
    places, countries = factorized(filtered(selected["country_iso3"], own))
    kinds, categories = factorized(filtered(selected["category"], own))
    pair = places * len(categories) + kinds
    pairs, first_at, counts = np.unique(pair, return_index=True, return_counts=True)
    by_country: dict[str, dict[str, int]] = {}
    for at in np.lexsort((first_at, -counts)).tolist():  # most first, then as they come
        place, kind = divmod(int(pairs[at]), len(categories))
        by_country.setdefault(countries[place], {})[categories[kind]] = int(counts[at])
    by_country = dict(sorted(by_country.items()))
    about_groups = is_(selected["scope"], "group", "aggregate") & is_(selected["group_id"], *members)
    codes, groups = factorized(filtered(selected["group_id"], about_groups))
    group_claims = dict(zip(groups, np.bincount(codes, minlength=len(groups)).tolist(), strict=True))
    context: dict[str, list[Context]] = {}
    membership = package.rows_by("group_members", "group_id")
    for group in (g for g in membership if g in group_claims):  # in the package's order
        for row in membership[group]:
            basis = "" if row["basis"] == "definition" else source_short(package, row["basis"], lang)
            context.setdefault(row["country_iso3"], []).append(
                Context(group_names[group], basis, group_claims[group])
            )
    return MapCounts(by_country, group_claims, {c: tuple(v) for c, v in context.items()})


@dataclass(frozen=True)
class Tally:
    """How many claims of each kind are selected, counted once for the summary line and its offer."""

    own: int  # events about a country
    places: int  # the distinct countries they are about
    about_groups: int  # claims about a region or bloc
    groups: int  # the distinct regions and blocs
    aggregates: int  # counted claims, whose countries the article does not name
    undated: int  # selected events without a stated year
    left_out: int = 0  # undated events a year range leaves out


def tally(selected: pd.DataFrame, left_out: int = 0) -> Tally:
    """The selected events counted by kind; country claims and group claims never added up."""
    own, groups = is_(selected["scope"], "country"), is_(selected["scope"], "group")
    return Tally(
        own=int(own.sum()),
        places=pc.count_distinct(filtered(selected["country_iso3"], own)).as_py(),
        about_groups=int(groups.sum()),
        groups=pc.count_distinct(filtered(selected["group_id"], groups)).as_py(),
        aggregates=int(is_(selected["scope"], "aggregate").sum()),
        undated=int(selected["year"].isna().sum()),
        left_out=left_out,
    )


STATED, PLACED, UNDATED = "stated", "placed", "undated"  # a bar's basis: who gives its year


def year_counts(
    selected: pd.DataFrame,
    span: tuple[int, int],
    chosen: tuple[int, int] | None = None,
    placed: pd.Series | None = None,
    undated: bool = True,
) -> pd.DataFrame:
    """One row per (year, basis) with its count and whether it is inside the chosen years, in year order.

    placed maps event_id to a year from an independent source; when given, undated events
    with such a year are counted there, with basis PLACED. The undated bar (year missing)
    comes last, inside the selection while undated is true.
    """
    year = selected["year"].to_numpy(dtype=float, na_value=np.nan)
    use = np.zeros(len(year), dtype=bool)
    if placed is not None:
        other = selected["event_id"].map(placed).to_numpy(dtype=float, na_value=np.nan)
        use = np.isnan(year) & ~np.isnan(other)
        year = np.where(use, other, year)
    # Each (year, placed) pair as one integer, undated as -1, counted at once: a few dozen bars at most.
    codes, events = np.unique(
        np.where(np.isnan(year), -1, year).astype(np.int64) * 2 + use, return_counts=True
    )
    bars = [(code // 2, bool(code % 2), n) for code, n in zip(codes.tolist(), events.tolist(), strict=True)]
    placed_years = [y for y, was_placed, _ in bars if was_placed]
    first, last = min([span[0], *placed_years]), max([span[1], *placed_years])
    low, high = widened(chosen, span)
    # Placed bars are undated events, in or out with them: the year filter holds stated years only.
    rows = sorted(
        (y, PLACED if was_placed else STATED, n, undated if was_placed else low <= y <= high)
        for y, was_placed, n in bars
        if y >= 0 and first <= y <= last
    ) + [(None, UNDATED, n, undated) for y, _, n in bars if y < 0]
    return pd.DataFrame(
        {
            "year": pd.array([y for y, *_ in rows], dtype="Int64"),
            "basis": [basis for _, basis, *_ in rows],
            "events": np.array([n for *_, n, _ in rows], dtype=np.int64),
            "inside": np.array([inside for *_, inside in rows], dtype=bool),
        }
    )


def years_shown(counts: pd.DataFrame, span: tuple[int, int]) -> list[int]:
    """Every year of span, widened to take in placed years."""
    placed = counts.loc[counts["basis"].eq(PLACED), "year"].astype(int).tolist()
    return list(range(min([span[0], *placed]), max([span[1], *placed]) + 1))
