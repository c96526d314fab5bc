"""Events per year, stacked by category, with events of no stated year kept as their own bar."""

from __future__ import annotations

import altair as alt
import pandas as pd

UNDATED = "Year not stated"


def year_counts(selected: pd.DataFrame, labels: dict[str, str], span: tuple[int, int]) -> pd.DataFrame:
    """One row per (year, category) with its count; every year of span appears, then UNDATED."""
    years = [str(y) for y in range(span[0], span[1] + 1)]
    frame = pd.DataFrame(
        {
            "year": selected["year"].astype("string").fillna(UNDATED),
            "category": selected["category"].map(labels).astype("string"),
        }
    )
    counts = frame.value_counts().rename("events").reset_index()
    order = {y: i for i, y in enumerate([*years, UNDATED])}
    counts = counts[counts["year"].isin(order)]
    return counts.sort_values(["year", "category"], key=lambda s: s.map(order) if s.name == "year" else s,
                              ignore_index=True)  # fmt: skip


def chart(
    counts: pd.DataFrame, span: tuple[int, int], colours: dict[str, str], undated: bool = True
) -> alt.Chart:
    """A stacked bar per year of span (and the undated bar when shown); click bars to select years."""
    years = [str(y) for y in range(span[0], span[1] + 1)] + ([UNDATED] if undated else [])
    pick = alt.selection_point(name="years", fields=["year"], toggle="true")
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X("year:N", sort=years, scale=alt.Scale(domain=years), title=None,
                    axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(events):Q", title="Reported events", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("category:N", title="Category",
                            scale=alt.Scale(domain=list(colours), range=list(colours.values()))),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
            tooltip=[alt.Tooltip("year:N", title="Year"), alt.Tooltip("category:N", title="Category"),
                     alt.Tooltip("sum(events):Q", title="Events")],
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
