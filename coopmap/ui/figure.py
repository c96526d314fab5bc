"""The map and the timeline as figures to take away: Vega-Lite specs drawn offline to SVG and PNG.
A figure shows what the screen shows, with what a report's reader needs beside it: the title, the filters,
the sources, the dataset's version and licence, and the day it was made; its type is sized for print."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache

import pandas as pd
import shapely
import shapely.geometry
import vl_convert

from coopmap.claims import source_short
from coopmap.dataset.cells import UNCONVERTIBLE
from coopmap.dataset.countries import sort_key
from coopmap.dataset.package import DataPackage
from coopmap.i18n import listing, n_, t
from coopmap.ui.chart import axis, bars, drawn
from coopmap.ui.deck import RING_MARGIN_KM, RING_MIN_PX, Choropleth, MapShapes, shown_countries
from coopmap.ui.palette import BORDER, CONTEXT, EVENTS, HATCH, NO_REPORTS, RING, SELECTED, colour_for
from coopmap.ui.projection import globe
from coopmap.ui.words import key, reference

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
WIDTH = 960  # px: the chart's width, a page's text width at print resolution once scaled
PADDING = 16
FIGURE_WIDTH = WIDTH + 2 * PADDING  # px: the whole figure, margins included
AXIS_ROOM = 64  # px left for the timeline's value axis: its figure is no wider than the map's
TIMELINE_HEIGHT = 260
PNG_SCALE = 2  # about 2,000 px wide: sharp in print and on a slide
PRINT_INCHES = 6.5  # a report's text width, where a figure is placed
FONT = "Noto Sans, Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
LINE_HEIGHT = 1.35  # of the font size
HATCH_PX = 5  # between context hatch lines, on the map and in its key
HATCH_WIDTH = 0.9  # px: dark enough together to set context a clear step below no reports in greyscale
# The screen's tinted ocean and the light grey of no reports are one grey on paper: the figure's
# ocean is the paper, the globe drawn by its outline.
PAPER = "#ffffff"
OUTLINE = "#9e9e9e"
LISTED_SOURCES = 3
LISTED_INDEPENDENT = 24


def type_px(points: float, width: float = FIGURE_WIDTH) -> int:
    """A text size in px that prints at least this many points when the figure is placed 6.5 in wide."""
    return math.ceil(points / 72 * width / PRINT_INCHES)


TITLE_SIZE = type_px(12)
SUBTITLE_SIZE = type_px(9)
TEXT_SIZE = type_px(8)  # the least: key, axes, notes and sources


@dataclass(frozen=True)
class Caption:
    """The words around a figure: its title, what the view shows, and its sources and origin."""

    title: str
    summary: str
    sources: str
    origin: str
    # What a reader must know of the shading: on the map, the countries another source puts in a group.
    note: str = ""


def caption(
    kind: str,
    title: str,
    summary: str,
    sources: Sequence[str],
    version: str,
    licence: str,
    made: str,
    lang: str,
    independent: Sequence[str] = (),
) -> Caption:
    """kind is 'map' or 'timeline'; sources name the sources of the events shown, most cited first, and
    independent the other sources of what the figure shows."""
    return Caption(
        title=t(lang, f"figure.{kind}_title", title=title),
        summary=summary,
        sources=sources_line(sources, lang, independent),
        origin=t(lang, f"figure.{kind}_origin", title=title, version=version, licence=licence, date=made),
    )


def _some(names: Sequence[str], most: int, lang: str) -> str:
    """The first names, and how many more: names hold commas, so a list of them is split by semicolons."""
    shown = list(names[:most])
    if len(names) > most:
        shown.append(n_(lang, "figure.more_sources", len(names) - most))
    return t(lang, "summary.part_separator").join(shown)


def sources_line(sources: Sequence[str], lang: str, independent: Sequence[str] = ()) -> str:
    """The sources of the events shown, the first few by name, then the independent sources of what is
    shown, as a chart's footer gives them."""
    parts = [t(lang, "figure.sources", list=_some(sources, LISTED_SOURCES, lang))] if sources else []
    if independent:
        parts.append(t(lang, "figure.independent", list=_some(independent, LISTED_INDEPENDENT, lang)))
    return t(lang, "summary.sentence_separator").join(parts)


def cited(source_ids: Iterable[str], sources: Mapping[str, Mapping[str, str]], lang: str) -> list[str]:
    """The sources the shown events rest on, named in full as cards cite them, in the order given (most
    events first), a translation with the original it translates: a reader cites the article, not only
    the copy quoted."""
    names = []
    for source_id in source_ids:
        row = sources.get(source_id)
        if row is None:
            names.append(str(source_id))
            continue
        original = sources.get(row.get("related_source_id") or "")
        if row.get("relation") == "translation_of" and original is not None:
            names.append(
                t(
                    lang,
                    "figure.translation_of",
                    translation=reference(row, lang),
                    original=reference(original, lang),
                )
            )
        else:
            names.append(reference(row, lang))
    return names


def independent(
    package: DataPackage, event_ids: Iterable[str], groups: Iterable[str], lang: str
) -> list[str]:
    """The independent sources of what a figure shows, each once, as cards name them: those that weigh
    the shown events, then those that name members of the groups it shades."""
    checks = package["corroborations"]
    found = dict.fromkeys(checks.loc[checks["event_id"].isin(set(event_ids)), "source_id"].dropna())
    members = package["group_members"]
    named = members.loc[members["group_id"].isin(set(groups)) & (members["basis"] != "definition"), "basis"]
    found |= dict.fromkeys(named)
    return [source_short(package, source_id, lang) for source_id in found if source_id]


def _width(text: str) -> float:
    """A text's width in ems: wide (CJK) characters one, others a little over half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.56 for c in text)


# Vega does not wrap text: titles and notes are wrapped here, by the width their characters take.
def wrapped(text: str, px: int, size: int = TEXT_SIZE) -> list[str]:
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


def _lines(texts: Iterable[str], size: int = TEXT_SIZE, width: int = WIDTH) -> dict:
    """Lines of small text under a chart, one after another: the notes and the footer."""
    lines = [line for text in texts if text for line in wrapped(text, width, size)]
    step = round(size * LINE_HEIGHT)
    return {
        "data": {"values": [{"line": line, "y": i * step} for i, line in enumerate(lines)]},
        "mark": {"type": "text", "align": "left", "baseline": "top", "fontSize": size, "color": "#333333"},
        "encoding": {
            "text": {"field": "line"},
            "x": {"value": 0},
            "y": {"field": "y", "type": "quantitative", "scale": None, "axis": None},
        },
        "width": width,
        "height": step * max(len(lines), 1),
        "view": {"stroke": None},
    }


def _framed(spec: dict | list[dict], words: Caption, width: int) -> dict:
    """spec (or its parts, top to bottom) with the title and summary above it and the note, sources and
    origin below, in one font."""
    parts = spec if isinstance(spec, list) else [spec]
    return {
        "$schema": SCHEMA,
        "title": {
            "text": wrapped(words.title, width, TITLE_SIZE),
            "subtitle": wrapped(words.summary, width, SUBTITLE_SIZE),
            "anchor": "start",
            "fontSize": TITLE_SIZE,
            "subtitleFontSize": SUBTITLE_SIZE,
            "subtitleColor": "#333333",
            "offset": 14,
        },
        "vconcat": [*parts, _lines((words.note, words.sources, words.origin), width=width)],
        "spacing": 14,
        "padding": PADDING,
        "background": "#ffffff",
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "axis": {"labelFontSize": TEXT_SIZE, "titleFontSize": TEXT_SIZE},
            "legend": {"labelFontSize": TEXT_SIZE, "titleFontSize": TEXT_SIZE},
        },
    }


def _hatched(shape, spacing: float):
    """Lines at 45° across shape, spacing apart (in its units), clipped to it: a fill that reads in
    greyscale, where two light greys merge."""
    west, south, east, north = shape.bounds
    step = spacing * math.sqrt(2)  # vertically between lines spacing apart
    reach = (east - west) + (north - south)
    starts = range(-math.ceil((east - west) / step), math.ceil((north - south) / step) + 1)
    lines = [[(west, south + i * step), (west + reach, south + i * step + reach)] for i in starts]
    return shapely.intersection(shape, shapely.MultiLineString(lines))


def _key(view: Choropleth, has_context: bool) -> dict:
    """The map's key as drawn marks: a swatch and label for each count class, no reports and (hatched,
    as on the map) group context, in rows across the width."""
    lang, size = view.lang, TEXT_SIZE
    entries = key(view.classes, has_context, lang, "figure.context")
    items, hatch, x, y = [], [], 0.0, 0.0
    for label, colour in entries:
        room = size * (1.5 + _width(label) + 1.5)  # swatch and gap, label, gap to the next
        if x and x + room > WIDTH:
            x, y = 0.0, y + round(size * 1.6)
        items.append({"x": x, "y": y, "x2": x + size, "y2": y + size, "label": label, "fill": colour})
        if colour == CONTEXT:
            lines = _hatched(shapely.box(x, y, x + size, y + size), HATCH_PX)
            hatch += [
                {"x": a[0], "y": a[1], "x2": b[0], "y2": b[1]}
                for a, b in (
                    g.coords for g in getattr(lines, "geoms", [lines]) if g.geom_type == "LineString"
                )
            ]
        x += room

    def px(field: str) -> dict:
        return {"field": field, "type": "quantitative", "scale": None, "axis": None}

    return {
        "width": WIDTH,
        "height": round(y + size * 1.2),
        "layer": [
            {
                "data": {"values": items},
                "mark": {"type": "rect", "stroke": "#999999", "strokeWidth": 0.5},
                "encoding": {
                    "x": px("x"),
                    "x2": {"field": "x2"},
                    "y": px("y"),
                    "y2": {"field": "y2"},
                    "fill": {"field": "fill", "type": "nominal", "scale": None},
                },
            },
            {
                "data": {"values": hatch},
                "mark": {"type": "rule", "stroke": HATCH, "strokeWidth": HATCH_WIDTH},
                "encoding": {"x": px("x"), "x2": {"field": "x2"}, "y": px("y"), "y2": {"field": "y2"}},
            },
            {
                "data": {"values": items},
                "mark": {
                    "type": "text",
                    "align": "left",
                    "baseline": "middle",
                    "fontSize": size,
                    "dx": size * 1.5,
                    "dy": size / 2,
                    "color": "#000000",
                },
                "encoding": {"x": px("x"), "y": px("y"), "text": {"field": "label"}},
            },
        ],
    }


def named_elsewhere(view: Choropleth, context: Collection[str]) -> str:
    """The note a map needs when it shades a country only because a source other than the article names
    it among a group's members (the countries an article counts but does not name), with that source."""
    by_source: dict[str, list[str]] = {}
    for iso3 in context:
        bases = {c.basis for c in view.context[iso3]}
        if "" not in bases:  # no group the article names holds it by definition
            for basis in bases:
                by_source.setdefault(basis, []).append(view.names.get(iso3, iso3))
    if not by_source:
        return ""
    lang = view.lang
    parts = [
        t(
            lang,
            "figure.named_by",
            countries=listing(lang, sorted(names, key=lambda n: sort_key(n, lang))),
            source=source,
        )
        for source, names in sorted(by_source.items())
    ]
    return t(lang, "figure.named_elsewhere", list=t(lang, "summary.part_separator").join(parts))


@cache
def _globe() -> tuple[dict, float, int]:
    """The whole Equal Earth outline as GeoJSON in km, the px per km that fits it to WIDTH, and the
    height that then takes: the screen's projection, the poles' lines and the Arctic whole."""
    outline = globe()
    west, south, east, north = outline.bounds
    scale = WIDTH / (east - west)
    return shapely.geometry.mapping(outline), scale, math.ceil((north - south) * scale)


def map_point(x: float, y: float) -> tuple[float, float]:
    """Where a point in Equal Earth km lands on the map figure's chart, px from its top left."""
    _, scale, height = _globe()
    return WIDTH / 2 + x * scale, height / 2 - y * scale


def map_spec(view: Choropleth, shapes: MapShapes, words: Caption) -> dict:
    """The world in Equal Earth, as the screen projects it, with the view's counts: the same classes,
    colours, small-country dots and rings as the screen, and group context hatched over its grey."""
    classes = list(view.classes)
    context = set(shown_countries(view, shapes)[1])  # the screen's rule
    outline, scale, height = _globe()
    features, dots, rings = [], [], []
    for iso3, geometry in shapes.plane_coarse.items():
        count = sum(view.counts.get(iso3, {}).values())
        colour = colour_for(count, classes) if count else CONTEXT if iso3 in context else NO_REPORTS
        name = view.names.get(iso3) or shapes.names.get(iso3, iso3)
        properties = {"iso3": iso3, "name": name, "fill": colour, "focus": iso3 in view.focus}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
        if (count or iso3 in context) and iso3 in shapes.small:
            x, y = shapes.plane_points[iso3]
            dots.append({"iso3": iso3, "x": x, "y": y, "fill": colour})
        if count and iso3 in shapes.ringed:  # around its main land, as on screen
            (x, y), radius = shapes.rings[iso3]
            px = max((radius + RING_MARGIN_KM) * scale, RING_MIN_PX)  # as on screen at world zoom
            rings.append({"iso3": iso3, "x": x, "y": y, "area": round(math.pi * px**2)})
    shaded = shapely.union_all([shapely.geometry.shape(shapes.plane_coarse[c]) for c in sorted(context)])
    lines = shapely.geometry.mapping(
        _hatched(shaded, HATCH_PX / scale) if context else shapely.MultiLineString()
    )
    at = {
        "longitude": {"field": "x", "type": "quantitative"},
        "latitude": {"field": "y", "type": "quantitative"},
    }
    layers = [
        {
            "data": {"values": [{"type": "Feature", "geometry": outline, "properties": {}}]},
            "mark": {"type": "geoshape", "fill": PAPER, "stroke": OUTLINE, "strokeWidth": 0.8},
        },
        {
            "data": {"values": features},
            "mark": {"type": "geoshape", "stroke": BORDER, "strokeWidth": 0.5},
            "encoding": {"fill": {"field": "properties.fill", "type": "nominal", "scale": None}},
        },
        {
            "data": {"values": [{"type": "Feature", "geometry": lines, "properties": {}}]},
            "mark": {"type": "geoshape", "filled": False, "stroke": HATCH, "strokeWidth": HATCH_WIDTH},
        },
        {
            "data": {"values": [f for f in features if f["properties"]["focus"]]},
            "mark": {"type": "geoshape", "filled": False, "stroke": SELECTED, "strokeWidth": 1.2},
        },
        {
            "data": {"values": dots},
            "mark": {"type": "circle", "size": 30, "stroke": "#333333", "strokeWidth": 0.5, "opacity": 1},
            "encoding": {**at, "fill": {"field": "fill", "type": "nominal", "scale": None}},
        },
        {
            "data": {"values": rings},
            "mark": {"type": "circle", "filled": False, "stroke": RING, "strokeWidth": 1.5, "opacity": 1},
            "encoding": {**at, "size": {"field": "area", "type": "quantitative", "scale": None}},
        },
    ]
    chart = {
        "width": WIDTH,
        "height": height,
        # Shapes come projected, in km, as the screen's: drawn as they are, y up, the globe fitting the width.
        "projection": {
            "type": "identity",
            "reflectY": True,
            "scale": scale,
            "translate": [WIDTH / 2, height / 2],
        },
        "layer": layers,
    }
    note = named_elsewhere(view, context)
    spec = _framed([chart, _key(view, bool(context))], replace(words, note=note), WIDTH)
    spec["description"] = t(view.lang, "figure.map_description", title=words.title)
    return spec


def timeline_spec(counts: pd.DataFrame, span: tuple[int, int], words: Caption, lang: str) -> dict:
    """The timeline's bars as the screen draws them: hollow outside the chosen years, placed years
    dashed, the undated bar striped and set apart."""
    chart = {
        "data": {"values": bars(counts, lang).to_dict("records")},
        "width": WIDTH - AXIS_ROOM,
        "height": TIMELINE_HEIGHT,
        **drawn(axis(counts, span, lang), lang),
    }
    spec = _framed(chart, words, WIDTH - AXIS_ROOM)
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
