"""The timeline as an Altair bar chart: bars outside the chosen years are hollow, placed years dashed."""

from __future__ import annotations

import altair as alt
import pandas as pd

from coopmap.counts import years_shown
from coopmap.i18n import t
from coopmap.ui.palette import EVENTS, OUTSIDE, OUTSIDE_LINE

PLACED_LINE = "#000000"


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
