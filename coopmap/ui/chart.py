"""The timeline as a Vega-Lite bar chart, a full-height target over every place on the axis for a click or
tap. The spec depends only on the axis and the language, so Altair validates it once for each; a rerun
sends the bars' data alone. The figure draws the same bars layer."""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Sequence
from functools import lru_cache

import altair as alt
import pandas as pd

from coopmap.counts import PLACED, years_shown
from coopmap.i18n import n_, t
from coopmap.ui.palette import EVENTS, OUTSIDE, OUTSIDE_LINE, UNDATED_OUTSIDE

PLACED_LINE = "#000000"
COLUMNS = ["year", "basis", "events", "inside", "fill", "outline", "dash", "described", "target"]
GAP = " "  # an empty place on the axis between the last year and the undated bar
STRIPES = 4  # pairs of stripes across the undated bar
LABEL_ROOM = 36  # px of band a year's label needs: on narrower bands, every second or third year is labelled


def axis(counts: pd.DataFrame, span: tuple[int, int], lang: str = "en") -> list[str]:
    """The bars' places: every year of span (widened to placed years), a gap, then the undated bar."""
    return [str(y) for y in years_shown(counts, span)] + [GAP, t(lang, "timeline.undated")]


def bars(counts: pd.DataFrame, lang: str = "en", span: tuple[int, int] | None = None) -> pd.DataFrame:
    """The counts with how each bar is drawn and labelled, and what a screen reader says of it; then,
    with span, a target for each year of span, each place with a bar and the undated bar, saying what
    its bars hold. An empty year a source's year widened the axis to gets none: no filter holds it."""
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
        "target": [False] * len(counts),
    }
    for code, year, basis, n, inside in zip(
        counts["basis"].tolist(), *(looks[c] for c in ("year", "basis", "events", "inside")), strict=True
    ):
        looks["fill"].append(EVENTS if inside else OUTSIDE)
        looks["outline"].append(PLACED_LINE if code == PLACED else EVENTS if inside else OUTSIDE_LINE)
        looks["dash"].append("placed" if code == PLACED else "solid")
        # What a screen reader says of a bar (else Vega reads out every field, colours included).
        looks["described"].append(n_(lang, "timeline.bar", n, year=year, basis=basis))
    if span:
        said: dict[str, list[str]] = {str(year): [] for year in range(span[0], span[1] + 1)}
        for year, words in zip(looks["year"], looks["described"], strict=True):
            said.setdefault(year, []).append(words)
        for year, words in said.items():
            told = "; ".join(words) or t(lang, "timeline.bar_none", year=year)
            for column, value in zip(COLUMNS, (year, "", 0, False, "", "", "solid", told, True), strict=True):
                looks[column].append(value)
    return pd.DataFrame(looks, columns=COLUMNS)  # from lists: a fraction of assign()'s cost


def hatch(colour: str) -> dict:
    """Vertical stripes of colour and white: the undated bar reads apart from the years in greyscale too."""
    edges = [i / (2 * STRIPES) for i in range(2 * STRIPES + 1)]
    stops = []
    for i, (start, end) in enumerate(itertools.pairwise(edges)):
        shade = colour if i % 2 == 0 else OUTSIDE
        stops += [{"offset": start, "color": shade}, {"offset": end, "color": shade}]
    return {"gradient": "linear", "x1": 0, "y1": 0, "x2": 1, "y2": 0, "stops": stops}


def x_axis(years: Sequence[str], lang: str, every: str) -> dict:
    """The places' scale and labels: the undated bar's label on two lines, always shown; one year in
    every (a Vega expression) labelled, from the first."""
    undated = json.dumps(t(lang, "timeline.undated"))
    lines = json.dumps(t(lang, "timeline.undated_lines").split("\n"))
    labels = (
        f"datum.value === {undated} ? {lines} : "
        f"(toNumber(datum.value) - {years[0]}) % ({every}) === 0 ? datum.label : ''"
    )
    return {
        "field": "year",
        "type": "nominal",
        "sort": list(years),
        "scale": {"domain": list(years)},
        "title": None,
        "axis": {"labelAngle": 0, "labelOverlap": False, "labelExpr": labels, "ticks": False},
    }


def drawn(years: Sequence[str], lang: str, every: str = "1") -> dict:
    """The bars as a Vega-Lite layer, on screen and in the figure alike; every as x_axis takes it."""
    undated = json.dumps(t(lang, "timeline.undated"))
    # Whether the undated events are shown: bars aggregated by place keep their fill, not "inside".
    shown = f"datum.fill === '{EVENTS}'"
    return {
        "transform": [{"filter": "!datum.target"}],
        "mark": {"type": "bar", "strokeWidth": 1.5},
        "encoding": {
            "x": x_axis(years, lang, every),
            "y": {
                "aggregate": "sum",
                "field": "events",
                "type": "quantitative",
                "title": t(lang, "timeline.events"),
                # Whole counts only, up to 5 ticks: at most one per event, from 0 to at least 1.
                "axis": {"tickCount": {"expr": "min(5, domain('y')[1])"}},
                "scale": {"domain": {"unionWith": [0, 1]}},
            },
            "fill": {
                "condition": [
                    {"test": f"datum.year === {undated} && {shown}", "value": hatch(EVENTS)},
                    {"test": f"datum.year === {undated}", "value": hatch(UNDATED_OUTSIDE)},
                ],
                "field": "fill",
                "type": "nominal",
                "scale": None,
            },
            "stroke": {"field": "outline", "type": "nominal", "scale": None},
            "strokeDash": {
                "field": "dash",
                "type": "nominal",
                "legend": None,
                "scale": {"domain": ["placed", "solid"], "range": [[3, 2], [1, 0]]},
            },
        },
    }


TARGETS = {
    "transform": [{"filter": "datum.target"}],
    "mark": {"type": "bar", "fill": "#ffffff", "fillOpacity": 0, "cursor": "pointer"},
    "params": [
        {"name": "years", "select": {"type": "point", "fields": ["year"], "toggle": "event.shiftKey"}}
    ],
    "encoding": {
        "x": {"field": "year", "type": "nominal"},
        "y": {"value": 0},
        "y2": {"value": "height"},
        "description": {"field": "described", "type": "nominal"},
        "tooltip": {"field": "described", "type": "nominal"},
    },
}


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
    bars_layer = drawn(years, lang, f"max(1, ceil({LABEL_ROOM} / bandwidth('x')))")  # a phone's narrow bands
    bars_layer["mark"]["aria"] = False  # the targets say what each year holds, once
    spec = {"layer": [bars_layer, TARGETS], "height": 200}
    alt.LayerChart.from_dict(copy.deepcopy(spec))  # validated against the Vega-Lite schema, once
    return spec


def chart(counts: pd.DataFrame, span: tuple[int, int], lang: str = "en") -> tuple[pd.DataFrame, dict]:
    """The bars, their targets and the spec drawing them: a bar per year in the events colour, the
    undated bar striped, last.

    Click or tap a year, empty or not, to choose it; shift-click for a span. Bars outside the
    chosen years are hollow; placed years have a dashed black outline. The chart's own selection
    changes no colour: what is chosen shows through the data alone.
    """
    return bars(counts, lang, span), copy.deepcopy(_spec(tuple(axis(counts, span, lang)), lang))
