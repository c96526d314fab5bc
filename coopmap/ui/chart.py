"""The timeline as a Vega-Lite bar chart made with Altair: bars outside the chosen years are hollow,
placed years dashed. The spec depends only on the axis and the language, so Altair builds and
validates it once for each; a rerun sends the bars' data alone."""

from __future__ import annotations

import copy
from functools import lru_cache

import altair as alt
import pandas as pd

from coopmap.counts import PLACED, years_shown
from coopmap.i18n import n_, t
from coopmap.ui.palette import EVENTS, OUTSIDE, OUTSIDE_LINE

PLACED_LINE = "#000000"
COLUMNS = ["year", "basis", "events", "inside", "fill", "outline", "dash", "described"]


def axis(counts: pd.DataFrame, span: tuple[int, int], lang: str = "en") -> list[str]:
    """The bars' places: every year of span (widened to placed years), then the undated bar."""
    return [str(y) for y in years_shown(counts, span)] + [t(lang, "timeline.undated")]


def bars(counts: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The counts with how each bar is drawn and labelled, and what a screen reader says of it."""
    undated = t(lang, "timeline.undated")
    looks = {
        "year": [undated if pd.isna(y) else str(y) for y in counts["year"].tolist()],
        "basis": [t(lang, f"timeline.{b}") for b in counts["basis"].tolist()],
        "events": counts["events"].tolist(),
        "inside": counts["inside"].tolist(),
        "fill": [],
        "outline": [],
        "dash": [],
        "described": [],
    }
    for code, year, basis, n, inside in zip(
        counts["basis"].tolist(), *(looks[c] for c in ("year", "basis", "events", "inside")), strict=True
    ):
        looks["fill"].append(EVENTS if inside else OUTSIDE)
        looks["outline"].append(PLACED_LINE if code == PLACED else EVENTS if inside else OUTSIDE_LINE)
        looks["dash"].append("placed" if code == PLACED else "solid")
        # What a screen reader says of a bar (else Vega reads out every field, colours included).
        looks["described"].append(n_(lang, "timeline.bar", n, year=year, basis=basis))
    return pd.DataFrame(looks, columns=COLUMNS)  # from lists: a fraction of assign()'s cost


def picked(selection: dict | None) -> tuple[list[int], bool]:
    """The years of the bars clicked, and whether the undated bar was among them, from the chart's selection.

    A bar is named by its label: ASCII digits are a year, any other label is the undated bar's.
    """
    points = ((selection or {}).get("selection") or {}).get("years") or []
    years, undated = [], False
    for point in points:
        value = str(point.get("year", "")) if isinstance(point, dict) else ""
        if value.isascii() and value.isdigit():
            years.append(int(value))
        elif value:
            undated = True
    return sorted(years), undated


@lru_cache(maxsize=32)
def _spec(years: tuple[str, ...], lang: str) -> dict:
    pick = alt.selection_point(name="years", fields=["year"], toggle="true")
    spec = (
        alt.Chart(pd.DataFrame(columns=COLUMNS))
        .mark_bar(strokeWidth=1.5)
        .encode(
            x=alt.X("year:N", sort=list(years), scale=alt.Scale(domain=list(years)), title=None,
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
        .to_dict()
    )  # fmt: skip
    del spec["data"], spec["datasets"]  # the bars come with each rerun
    return spec


def chart(counts: pd.DataFrame, span: tuple[int, int], lang: str = "en") -> tuple[pd.DataFrame, dict]:
    """The bars and the spec drawing them: a bar per year in the events colour, the undated bar last.

    Click a bar to choose its year, shift-click for a span. Bars outside the chosen years are
    hollow; placed years have a dashed black outline. The chart's own selection changes no
    colour: what is chosen shows through the data alone.
    """
    return bars(counts, lang), copy.deepcopy(_spec(tuple(axis(counts, span, lang)), lang))
