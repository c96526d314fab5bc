"""Events per year, stacked by category, with events of no stated year kept as their own bar.

On request, an event without a stated year is placed at the year an independent source
gives for it instead, drawn with a dashed outline and labelled as such, never as the article's.
(Fading would make one category's colour pass for another's.)
"""

from __future__ import annotations

import altair as alt
import pandas as pd

UNDATED = "Year not stated"
STATED = "Year stated by the article"
PLACED = "Year from an independent source"


def year_counts(
    selected: pd.DataFrame, labels: dict[str, str], span: tuple[int, int], placed: pd.Series | None = None
) -> pd.DataFrame:
    """One row per (year, category, basis) with its count, in year order, UNDATED last.

    placed maps event_id to a year from an independent source; when given, undated events
    with such a year are counted there, with basis PLACED.
    """
    year = selected["year"].astype("Int64")
    basis = pd.Series(STATED, index=selected.index)
    if placed is not None:
        other = selected["event_id"].map(placed).astype("Int64")
        use = year.isna() & other.notna()
        year, basis = year.where(~use, other), basis.where(~use, PLACED)
    frame = pd.DataFrame(
        {
            "year": year.astype("string").fillna(UNDATED),
            "category": selected["category"].map(labels).astype("string"),
            "basis": basis.where(year.notna(), UNDATED),
        }
    )
    counts = frame.value_counts().rename("events").reset_index()
    order = {y: i for i, y in enumerate(years_shown(counts, span))}
    counts = counts[counts["year"].isin(order)]
    by_year = counts["year"].map(order)
    return (
        counts.assign(_order=by_year)
        .sort_values(["_order", "basis", "category"], ignore_index=True)
        .drop(columns="_order")
    )


def years_shown(counts: pd.DataFrame, span: tuple[int, int], undated: bool = True) -> list[str]:
    """Every year of span, widened to take in placed years, then UNDATED when shown."""
    placed = [int(y) for y in counts.loc[counts.get("basis", pd.Series(dtype=str)) == PLACED, "year"]]
    low, high = min([span[0], *placed]), max([span[1], *placed])
    return [str(y) for y in range(low, high + 1)] + ([UNDATED] if undated else [])


def chart(
    counts: pd.DataFrame, span: tuple[int, int], colours: dict[str, str], undated: bool = True
) -> alt.Chart:
    """A stacked bar per year; click bars to select years. Placed years have a dashed black outline."""
    years = years_shown(counts, span, undated)
    pick = alt.selection_point(name="years", fields=["year"], toggle="true")
    return (
        alt.Chart(counts)
        .mark_bar(strokeWidth=2)
        .encode(
            x=alt.X("year:N", sort=years, scale=alt.Scale(domain=years), title=None,
                    axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(events):Q", title="Reported events", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("category:N", title="Category",
                            scale=alt.Scale(domain=list(colours), range=list(colours.values()))),
            stroke=alt.condition(alt.datum.basis == PLACED, alt.value("#000000"), alt.value(None)),
            strokeDash=alt.condition(alt.datum.basis == PLACED, alt.value([3, 2]), alt.value([1, 0])),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
            tooltip=[
                alt.Tooltip("year:N", title="Year"),
                alt.Tooltip("basis:N", title="Year from"),
                alt.Tooltip("category:N", title="Category"),
                alt.Tooltip("sum(events):Q", title="Events"),
            ],
        )
        .add_params(pick)
        .properties(height=220)
    )  # fmt: skip


def picked_span(selection: dict | None) -> tuple[int, int] | None:
    """The span of years clicked on the chart (its undated bar ignored), or None if none."""
    points = ((selection or {}).get("selection") or {}).get("years") or []
    years = []
    for point in points:
        value = str(point.get("year", "")) if isinstance(point, dict) else ""
        if value.isdigit():
            years.append(int(value))
    return (min(years), max(years)) if years else None
