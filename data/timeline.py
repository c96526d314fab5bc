"""Events per year, stacked by category, with events of no stated year kept as their own bar.

On request, an event without a stated year is placed at the year an independent source
gives for it instead, drawn with a dashed outline and labelled as such, never as the article's.
(Fading would make one category's colour pass for another's.)
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from data.i18n import t

UNDATED = t("en", "timeline.undated")  # the English labels; other languages come from the catalogue


def year_counts(
    selected: pd.DataFrame,
    labels: dict[str, str],
    span: tuple[int, int],
    placed: pd.Series | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """One row per (year, category, basis) with its count, in year order, UNDATED last.

    placed maps event_id to a year from an independent source; when given, undated events
    with such a year are counted there, with basis 'placed' (the labels are in lang).
    """
    undated, stated, placed_label = (t(lang, f"timeline.{k}") for k in ("undated", "stated", "placed"))
    year = selected["year"].astype("Int64")
    basis = pd.Series(stated, index=selected.index)
    if placed is not None:
        other = selected["event_id"].map(placed).astype("Int64")
        use = year.isna() & other.notna()
        year, basis = year.where(~use, other), basis.where(~use, placed_label)
    frame = pd.DataFrame(
        {
            "year": year.astype("string").fillna(undated),
            "category": selected["category"].map(labels).astype("string"),
            "basis": basis.where(year.notna(), undated),
        }
    )
    counts = frame.value_counts().rename("events").reset_index()
    order = {y: i for i, y in enumerate(years_shown(counts, span, lang=lang))}
    counts = counts[counts["year"].isin(order)]
    by_year = counts["year"].map(order)
    return (
        counts.assign(_order=by_year)
        .sort_values(["_order", "basis", "category"], ignore_index=True)
        .drop(columns="_order")
    )


def years_shown(
    counts: pd.DataFrame, span: tuple[int, int], undated: bool = True, lang: str = "en"
) -> list[str]:
    """Every year of span, widened to take in placed years, then the undated bar when shown."""
    placed = [int(y) for y in counts.loc[counts["basis"] == t(lang, "timeline.placed"), "year"]]
    low, high = min([span[0], *placed]), max([span[1], *placed])
    return [str(y) for y in range(low, high + 1)] + ([t(lang, "timeline.undated")] if undated else [])


def chart(
    counts: pd.DataFrame,
    span: tuple[int, int],
    colours: dict[str, str],
    undated: bool = True,
    lang: str = "en",
) -> alt.Chart:
    """A stacked bar per year; click bars to select years. Placed years have a dashed black outline."""
    years = years_shown(counts, span, undated, lang)
    placed = alt.datum.basis == t(lang, "timeline.placed")
    pick = alt.selection_point(name="years", fields=["year"], toggle="true")
    return (
        alt.Chart(counts)
        .mark_bar(strokeWidth=2)
        .encode(
            x=alt.X("year:N", sort=years, scale=alt.Scale(domain=years), title=None,
                    axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(events):Q", title=t(lang, "timeline.events"), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("category:N", title=t(lang, "timeline.category"),
                            scale=alt.Scale(domain=list(colours), range=list(colours.values()))),
            stroke=alt.condition(placed, alt.value("#000000"), alt.value(None)),
            strokeDash=alt.condition(placed, alt.value([3, 2]), alt.value([1, 0])),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
            tooltip=[
                alt.Tooltip("year:N", title=t(lang, "timeline.year")),
                alt.Tooltip("basis:N", title=t(lang, "timeline.year_from")),
                alt.Tooltip("category:N", title=t(lang, "timeline.category")),
                alt.Tooltip("sum(events):Q", title=t(lang, "timeline.events")),
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
