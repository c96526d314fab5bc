"""Events per year, with events of no stated year kept as their own bar.

The chart counts the events every filter but the years selects, so every year stays
clickable; bars outside the chosen years are drawn hollow. On request, an event without a
stated year is placed at the year an independent source gives for it instead, drawn with
a dashed outline and labelled as such, never as the article's.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from data.i18n import t
from geo.palette import EVENTS, OUTSIDE, OUTSIDE_LINE

PLACED_LINE = "#000000"


def year_counts(
    selected: pd.DataFrame,
    span: tuple[int, int],
    chosen: tuple[int, int] | None = None,
    placed: pd.Series | None = None,
    lang: str = "en",
    undated: bool = True,
) -> pd.DataFrame:
    """One row per (year, basis) with its count and whether it is inside the chosen years, in year order.

    placed maps event_id to a year from an independent source; when given, undated events
    with such a year are counted there, with basis 'placed' (labels are in lang). The
    undated bar comes last, inside the selection while undated is true.
    """
    undated_label, stated, placed_label = (t(lang, f"timeline.{k}") for k in ("undated", "stated", "placed"))
    year = selected["year"].astype("Int64")
    basis = pd.Series(stated, index=selected.index)
    if placed is not None:
        other = selected["event_id"].map(placed).astype("Int64")
        use = year.isna() & other.notna()
        year, basis = year.where(~use, other), basis.where(~use, placed_label)
    frame = pd.DataFrame(
        {
            "year": year.astype("string").fillna(undated_label),
            "basis": basis.where(year.notna(), undated_label),
        }
    )
    counts = frame.value_counts().rename("events").reset_index()
    order = {y: i for i, y in enumerate(years_shown(counts, span, lang))}
    counts = counts[counts["year"].isin(order)]
    low, high = chosen or span
    stated_bar = counts["basis"] == stated
    in_years = pd.to_numeric(counts["year"], errors="coerce").between(low, high).fillna(False)
    # Placed bars are undated events, in or out with them: the year filter holds stated years only.
    inside = (stated_bar & in_years) | (~stated_bar & undated)
    return (
        counts.assign(inside=inside.astype(bool), _order=counts["year"].map(order))
        .sort_values(["_order", "basis"], ignore_index=True)
        .drop(columns="_order")
    )


def years_shown(counts: pd.DataFrame, span: tuple[int, int], lang: str = "en") -> list[str]:
    """Every year of span, widened to take in placed years, then the undated bar."""
    placed = [int(y) for y in counts.loc[counts["basis"] == t(lang, "timeline.placed"), "year"]]
    low, high = min([span[0], *placed]), max([span[1], *placed])
    return [str(y) for y in range(low, high + 1)] + [t(lang, "timeline.undated")]


def chart(counts: pd.DataFrame, span: tuple[int, int], lang: str = "en") -> alt.Chart:
    """A bar per year in the events colour; click a bar to choose its year, shift-click for a span.

    Bars outside the chosen years are hollow; placed years have a dashed black outline. The
    chart's own selection changes no colour: what is chosen shows through the data alone.
    """
    years = years_shown(counts, span, lang)
    placed = counts["basis"] == t(lang, "timeline.placed")
    drawn = counts.assign(
        fill=counts["inside"].map({True: EVENTS, False: OUTSIDE}),
        outline=counts["inside"].map({True: EVENTS, False: OUTSIDE_LINE}).where(~placed, PLACED_LINE),
        dash=placed.map({True: "placed", False: "solid"}),
        # What a screen reader says of a bar (else Vega reads out every field, colours included).
        described=[
            t(lang, "timeline.bar", year=y, n=n, basis=b)
            for y, n, b in zip(counts["year"], counts["events"], counts["basis"], strict=True)
        ],
    )
    pick = alt.selection_point(name="years", fields=["year"], toggle="true")
    return (
        alt.Chart(drawn)
        .mark_bar(strokeWidth=1.5)
        .encode(
            x=alt.X("year:N", sort=years, scale=alt.Scale(domain=years), title=None,
                    axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(events):Q", title=t(lang, "timeline.events"), axis=alt.Axis(tickMinStep=1)),
            fill=alt.Fill("fill:N", scale=None),
            stroke=alt.Stroke("outline:N", scale=None),
            strokeDash=alt.StrokeDash("dash:N", legend=None,
                                      scale=alt.Scale(domain=["placed", "solid"], range=[[3, 2], [1, 0]])),
            description=alt.Description("described:N"),
            tooltip=[
                alt.Tooltip("year:N", title=t(lang, "timeline.year")),
                alt.Tooltip("basis:N", title=t(lang, "timeline.year_from")),
                alt.Tooltip("sum(events):Q", title=t(lang, "timeline.events")),
            ],
        )
        .add_params(pick)
        .properties(height=200)
    )  # fmt: skip


def picked_years(selection: dict | None) -> tuple[list[int], bool]:
    """The years clicked on the chart, and whether the undated bar was among the bars clicked."""
    points = ((selection or {}).get("selection") or {}).get("years") or []
    years, undated = [], False
    for point in points:
        value = str(point.get("year", "")) if isinstance(point, dict) else ""
        if value.isascii() and value.isdigit():
            years.append(int(value))
        elif value:
            undated = True
    return sorted(years), undated


@dataclass(frozen=True)
class YearPick:
    """What a click on the timeline asks for."""

    years: tuple[int, int] | None  # the years to choose; None keeps the current ones
    undated: bool | None  # show (True) or leave out (False) the undated events; None keeps the choice
    refused: int | None  # a year the year filter cannot hold (one only an independent source gives)


def year_pick(selection: dict | None, span: tuple[int, int]) -> YearPick:
    """A click's bars as a choice: stated years choose their span; a source's year is refused, never reset.

    Undated events come along only when their bar is among those clicked, or the whole span is chosen.
    """
    years, undated = picked_years(selection)
    outside = [y for y in years if not span[0] <= y <= span[1]]
    if outside:
        return YearPick(None, None, outside[0])
    if years:
        chosen = (years[0], years[-1])
        return YearPick(chosen, undated or chosen == span, None)
    return YearPick(None, True if undated else None, None)
