"""The map and the timeline as figures to take away: Vega-Lite specs drawn offline to SVG and PNG.

A figure shows what the screen shows, from the same shapes, counts and colours, and carries
what a reader of a report needs beside it: the title, the line saying which filters chose the
events, the sources, the dataset's version and licence, and the day it was made. Text is
wrapped here (Vega does not wrap), by the width its characters take: a Chinese character is
about twice as wide as a Latin letter.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import shapely
import shapely.geometry
import vl_convert

from coopmap.dataset.cells import UNCONVERTIBLE
from coopmap.i18n import listing, n_, t
from coopmap.ui.chart import axis, bars, drawn
from coopmap.ui.deck import RING_MARGIN_KM, RING_MIN_PX, MapShapes, MapView
from coopmap.ui.palette import BORDER, CONTEXT, EVENTS, NO_REPORTS, RING, SELECTED, colour_for
from coopmap.ui.projection import to_lonlat, world_box
from coopmap.ui.words import count_class

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
WIDTH = 960  # px: a page's text width at print resolution once scaled
MAP_HEIGHT = 480
TIMELINE_HEIGHT = 260
PNG_SCALE = 2  # about 2,000 px wide: sharp in print and on a slide
FONT = "Noto Sans, Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
FONT_SIZE = 13
LEFT_OUT = frozenset({"ATA"})  # Antarctica: no claim concerns it, and it would take a fifth of the map
LISTED_SOURCES = 3


@dataclass(frozen=True)
class Caption:
    """The words around a figure: its title, what the view shows, and its sources and origin."""

    title: str
    summary: str
    sources: str
    origin: str


def caption(
    kind: str,
    title: str,
    summary: str,
    sources: Sequence[str],
    version: str,
    licence: str,
    made: str,
    lang: str,
) -> Caption:
    """kind is 'map' or 'timeline'; sources name the sources of the events shown, most cited first."""
    return Caption(
        title=t(lang, f"figure.{kind}_title", title=title),
        summary=summary,
        sources=sources_line(sources, lang),
        origin=t(lang, f"figure.{kind}_origin", title=title, version=version, licence=licence, date=made),
    )


def sources_line(sources: Sequence[str], lang: str) -> str:
    """The sources of the events shown, the first few by name, as a chart's footer gives them."""
    shown = list(sources[:LISTED_SOURCES])
    if len(sources) > LISTED_SOURCES:
        shown.append(n_(lang, "figure.more_sources", len(sources) - LISTED_SOURCES))
    return t(lang, "figure.sources", list=listing(lang, shown)) if shown else ""


def cited(source_ids: Iterable[str], sources: Mapping[str, Mapping[str, str]], lang: str) -> list[str]:
    """The sources the shown events rest on, in the order given (most events first): author, title,
    publisher (translator)."""
    names = []
    for source_id in source_ids:
        row = sources.get(source_id)
        if row is None:
            names.append(str(source_id))
            continue
        who = t(lang, "cite.author", author=row["author"]) if row["author"] else ""
        name = f"{who}“{row['title']}”{t(lang, 'cite.comma')}{row['publisher']}"
        if row["translator"]:
            name += t(lang, "cite.translated_by", translator=row["translator"])
        names.append(name)
    return names


def _width(text: str) -> float:
    """A text's width in ems: wide (CJK) characters one, others a little over half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.56 for c in text)


def wrapped(text: str, px: int, size: int = FONT_SIZE) -> list[str]:
    """text in lines at most px wide at this font size, broken at spaces, or anywhere between CJK."""
    room, lines, line = px / size, [], ""
    for word in _pieces(text):
        if line and _width(line + word) > room:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _pieces(text: str) -> list[str]:
    """Where a line may break: before each space-led word, and after each wide character."""
    pieces, current = [], ""
    for char in text:
        if char == " " and current:
            pieces.append(current)
            current = char
        elif unicodedata.east_asian_width(char) in "WF":
            pieces.append(current + char)
            current = ""
        else:
            current += char
    return [*pieces, current] if current else pieces


def _framed(spec: dict, words: Caption, width: int) -> dict:
    """spec with the title and summary above it and the sources and origin below, in one font."""
    footer = [line for text in (words.sources, words.origin) if text for line in wrapped(text, width, 11)]
    return {
        "$schema": SCHEMA,
        "title": {
            "text": wrapped(words.title, width, 18),
            "subtitle": wrapped(words.summary, width, FONT_SIZE),
            "anchor": "start",
            "fontSize": 18,
            "subtitleFontSize": FONT_SIZE,
            "subtitleColor": "#333333",
            "offset": 12,
        },
        "vconcat": [
            spec,
            {
                "data": {"values": [{"line": line, "at": i} for i, line in enumerate(footer)]},
                "mark": {
                    "type": "text",
                    "align": "left",
                    "baseline": "top",
                    "fontSize": 11,
                    "color": "#333333",
                },
                "encoding": {
                    "text": {"field": "line"},
                    "x": {"value": 0},
                    "y": {
                        "field": "at",
                        "type": "quantitative",
                        "axis": None,
                        "scale": {"domain": [0, max(len(footer), 1)], "range": [0, 15 * max(len(footer), 1)]},
                    },
                },
                "width": width,
                "height": 15 * max(len(footer), 1),
                "view": {"stroke": None},
            },
        ],
        "spacing": 14,
        "padding": 16,
        "background": "#ffffff",
        "config": {"font": FONT, "view": {"stroke": None}},
    }


def _legend(view: MapView, has_context: bool) -> tuple[list[str], list[str]]:
    """The legend's labels and colours: the count classes, no reports, and group context when shown."""
    lang = view.lang
    labels = [count_class(c, lang) for c in view.classes]
    colours = [c.colour for c in view.classes]
    labels.append(t(lang, "map.no_reports"))
    colours.append(NO_REPORTS)
    if has_context:
        labels.append(t(lang, "figure.context"))
        colours.append(CONTEXT)
    return labels, colours


def _clockwise(geometry: dict) -> dict:
    """A GeoJSON polygon's rings turned as d3 draws them on the sphere: outer rings clockwise.

    GeoJSON's are counter-clockwise, which d3 reads as the whole globe but the country."""
    shape = shapely.geometry.shape(geometry)
    parts = getattr(shape, "geoms", [shape])
    turned = [shapely.geometry.polygon.orient(p, sign=-1.0) for p in parts if p.geom_type == "Polygon"]
    return shapely.geometry.mapping(shapely.MultiPolygon(turned) if len(turned) != 1 else turned[0])


def map_spec(view: MapView, shapes: MapShapes, words: Caption) -> dict:
    """The world in Equal Earth with the view's counts: the same classes, colours, light group context,
    small-country dots and rings as the screen (no dashed group outlines: context reads second)."""
    classes = list(view.classes)
    context = {c for c in view.context if c not in view.counts} if view.show_groups else set()
    labels, colours = _legend(view, bool(context))
    label_of = dict(zip(colours, labels, strict=True))
    features, dots, rings = [], [], []
    for iso3, geometry in shapes.coarse.items():
        if iso3 in LEFT_OUT:
            continue
        count = sum(view.counts.get(iso3, {}).values())
        colour = colour_for(count, classes) if count else CONTEXT if iso3 in context else NO_REPORTS
        name = view.names.get(iso3) or shapes.names.get(iso3, iso3)
        properties = {"iso3": iso3, "name": name, "key": label_of[colour], "focus": iso3 in view.focus}
        features.append({"type": "Feature", "geometry": _clockwise(geometry), "properties": properties})
        if (count or iso3 in context) and iso3 in shapes.small:
            lon, lat = shapes.points[iso3]
            dots.append({"iso3": iso3, "lon": lon, "lat": lat, "key": label_of[colour]})
        if count and iso3 in shapes.ringed:  # around its main land, as on screen
            (x, y), radius = shapes.rings[iso3]
            lon, lat = to_lonlat(x, y)
            # The world spans the figure's width: km to px as on screen at world zoom, never too small.
            px = max((radius + RING_MARGIN_KM) * WIDTH / (world_box()[2] - world_box()[0]), RING_MIN_PX)
            rings.append(
                {"iso3": iso3, "lon": round(lon, 3), "lat": round(lat, 3), "area": round(math.pi * px**2)}
            )
    colour = {
        "field": "properties.key", "type": "nominal", "title": None,
        "scale": {"domain": labels, "range": colours},
        "legend": {"orient": "bottom-left", "symbolType": "square", "symbolStrokeColor": "#999999",
                   "labelLimit": 420, "fillColor": "#ffffff", "padding": 6, "labelFontSize": 11},
    }  # fmt: skip
    layers = [
        {
            "data": {"values": features},
            "mark": {"type": "geoshape", "stroke": BORDER, "strokeWidth": 0.5},
            "encoding": {"color": colour},
        },
        {
            "data": {"values": [f for f in features if f["properties"]["focus"]]},
            "mark": {"type": "geoshape", "filled": False, "stroke": SELECTED, "strokeWidth": 1.2},
        },
    ]
    if dots:
        layers.append(
            {
                "data": {"values": dots},
                "mark": {"type": "circle", "size": 30, "stroke": "#333333", "strokeWidth": 0.5, "opacity": 1},
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "color": {"field": "key", "type": "nominal", "scale": colour["scale"], "legend": None},
                },
            }
        )
    if rings:
        layers.append(
            {
                "data": {"values": rings},
                "mark": {"type": "circle", "filled": False, "stroke": RING, "strokeWidth": 1.5, "opacity": 1},
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "size": {"field": "area", "type": "quantitative", "scale": None, "legend": None},
                },
            }
        )
    chart = {
        "width": WIDTH,
        "height": MAP_HEIGHT,
        "projection": {"type": "equalEarth"},
        "layer": layers,
    }
    spec = _framed(chart, words, WIDTH)
    spec["description"] = t(view.lang, "figure.map_description", title=words.title)
    return spec


def timeline_spec(counts: pd.DataFrame, span: tuple[int, int], words: Caption, lang: str) -> dict:
    """The timeline's bars as the screen draws them: hollow outside the chosen years, placed years
    dashed, the undated bar striped and set apart."""
    chart = {
        "data": {"values": bars(counts, lang).to_dict("records")},
        "width": WIDTH,
        "height": TIMELINE_HEIGHT,
        **drawn(axis(counts, span, lang), lang),
    }
    spec = _framed(chart, words, WIDTH)
    spec["description"] = t(lang, "figure.timeline_description", title=words.title)
    spec["config"]["bar"] = {"color": EVENTS}
    return spec


def _convertible(value):
    """value (a spec, or any part of one) with every text rid of what the converter cannot take.

    A character outside XML 1.0's Char or a noncharacter makes vl-convert panic in native code,
    which aborts the whole server, not just the figure. The validator refuses them in every text a
    package holds; this is the second line of defence, for any text that comes another way."""
    if isinstance(value, str):
        return UNCONVERTIBLE.sub("", value)
    if isinstance(value, dict):
        return {_convertible(key): _convertible(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple):
        return [_convertible(inner) for inner in value]
    return value


def svg(spec: Mapping) -> bytes:
    """The figure as SVG: text stays text, in the fonts named, for print and for editing."""
    return vl_convert.vegalite_to_svg(_convertible(dict(spec)), allowed_base_urls=[]).encode("utf-8")


def png(spec: Mapping, scale: int = PNG_SCALE) -> bytes:
    """The figure as PNG, drawn with the fonts this machine has (Chinese needs a CJK font)."""
    return vl_convert.vegalite_to_png(_convertible(dict(spec)), scale=scale, allowed_base_urls=[])
