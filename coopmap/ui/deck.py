"""The map as pydeck's Deck JSON, and what the page's own map component needs beside it; pure functions.
Country shapes never travel with a rerun: the layers name the static Equal Earth shapes, which the browser
fetches once, and a rerun sends what the view shows (colours, tooltips, rings, outlines, the camera's box)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import pydeck as pdk
import shapely
from pydeck.bindings.json_tools import default_serialize
from pydeck.types import String

from coopmap.counts import Context
from coopmap.i18n import n_, t
from coopmap.ui.palette import (
    BORDER,
    CONTEXT,
    NO_REPORTS,
    OCEAN,
    RING,
    SELECTED,
    CountClass,
    colour_for,
    rgba,
)
from coopmap.ui.projection import MAP_HEIGHTS, project, world_box
from coopmap.ui.scripts import loader

MAP_JS = loader("map.js")  # the map is static/map.js, cached by the browser
MAP_NAMES_JS = loader("map-names.js")
# deck.gl, then @deck.gl/json, which extends it: static/map.js loads them in this order
LIBRARY = ("app/static/deckgl/deck.min.js", "app/static/deckgl/json.min.js")
COUNTRIES_URL = "app/static/countries-equal-earth.geojson"  # relative: the browser resolves it on the page
GLOBE_URL = "app/static/globe-equal-earth.geojson"
BORDERS_URL = "app/static/borders-equal-earth.geojson"  # each shared edge once, coarser: lines cost most
COARSE_TOLERANCE = 4.0  # km; plenty at world scale, and a tenth of the bytes
SMALL_AREA_KM2 = 30_000  # below this a shown country also gets a dot, so it can be found
RING_AREA_KM2 = 300_000  # below this a country with claims is ringed: Ecuador, Liberia, Kyrgyzstan, Jamaica
RING_MARGIN_KM = 150.0
RING_MIN_PX = 9
MARKS = ("rings", "dots")  # picked by the map itself, before the countries, first found first
PICKED = ("countries",)  # what deck.gl picks under a tap or hover
COUNTRY_ZOOM_IN = 2.5  # at most this much closer than the world view: the region stays in sight
PADDING = 0.3  # of the canvas, around a country zoomed to


def deck_json(deck: dict) -> dict:
    """The layers and views as compact JSON: what the component converts with deck.gl's JSONConverter."""
    return json.loads(json.dumps(deck, default=default_serialize, sort_keys=True, separators=(",", ":")))


@dataclass(frozen=True)
class MapShapes:
    """Coarse shapes, names, points, bounds and rings, computed once per process, in Equal Earth km:
    the screen's map and the figures draw the same."""

    names: Mapping[str, str]
    small: frozenset[str]
    bounds: Mapping[str, tuple[float, float, float, float]] = field(default_factory=dict)  # km: w, s, e, n
    plane_coarse: Mapping[str, dict] = field(default_factory=dict)  # iso3 -> GeoJSON geometry, km
    plane_points: Mapping[str, tuple[float, float]] = field(default_factory=dict)  # iso3 -> (x, y) km
    ringed: frozenset[str] = frozenset()  # countries small enough to ring when they have claims
    rings: Mapping[str, tuple[tuple[float, float], float]] = field(default_factory=dict)  # iso3 -> centre, km


def _rounded(geometry, decimals: int) -> dict:
    """GeoJSON with coordinates rounded: fewer bytes per rerun.

    Rounding can collapse slivers into lines or points; only the polygons are kept. A state
    smaller than the rounding is kept at the next finer one instead.
    """
    valid = shapely.make_valid(shapely.transform(geometry, lambda xy: xy.round(decimals)))
    polygons = [p for p in getattr(valid, "geoms", [valid]) if p.geom_type in ("Polygon", "MultiPolygon")]
    if not polygons:
        return _rounded(geometry, decimals + 1) if decimals < 6 else json.loads(shapely.to_geojson(geometry))
    return json.loads(shapely.to_geojson(shapely.union_all(polygons) if len(polygons) > 1 else polygons[0]))


def _bounds(geometry) -> tuple[float, float, float, float]:
    """West, south, east, north in km, of the country's land on the side of the date line most of it is on.

    Russia's Chukotka lies across 180° and so at the far west of the map: a zoom to Russia leaves it out.
    """
    parts = list(getattr(geometry, "geoms", [geometry]))
    if len(parts) > 1:
        west_side = [p for p in parts if p.centroid.x < 0]
        east_side = [p for p in parts if p.centroid.x >= 0]
        sides = [s for s in (west_side, east_side) if s]
        geometry = shapely.union_all(max(sides, key=lambda side: sum(p.area for p in side)))
    return tuple(round(v, 1) for v in geometry.bounds)


def _ring(geometry) -> tuple[tuple[float, float], float]:
    """A circle around a country's main land (parts at least a fifth of its largest): centre and radius in km.

    Far islets (the Galápagos) would make the ring as wide as a continent; they are left out.
    """
    parts = list(getattr(geometry, "geoms", [geometry]))
    largest = max(p.area for p in parts)
    main = shapely.union_all([p for p in parts if p.area >= largest / 5])
    centre = main.envelope.centroid
    radius = shapely.hausdorff_distance(centre, main.boundary)
    return (round(centre.x, 1), round(centre.y, 1)), round(float(radius), 1)


def map_shapes(countries: gpd.GeoDataFrame) -> MapShapes:
    """Precompute what every rerun draws from, so reruns never touch the full geometry."""
    indexed = countries.set_index("iso3")
    plane = gpd.GeoSeries([project(g) for g in indexed.geometry], index=indexed.index)  # km, no CRS
    plane_simple = plane.simplify(COARSE_TOLERANCE, preserve_topology=True).make_valid()
    areas = plane.area  # km², Equal Earth keeps areas
    points = indexed.geometry.representative_point()
    plane_points = {iso3: tuple(round(v, 1) for v in project(p).coords[0]) for iso3, p in points.items()}
    ringed = frozenset(areas[areas < RING_AREA_KM2].index)
    return MapShapes(
        names=dict(zip(countries["iso3"], countries["name"], strict=True)),
        small=frozenset(areas[areas < SMALL_AREA_KM2].index),
        bounds={iso3: _bounds(geom) for iso3, geom in plane.items()},
        plane_coarse={iso3: _rounded(geom, 0) for iso3, geom in plane_simple.items()},
        plane_points=plane_points,
        ringed=ringed,
        rings={iso3: _ring(plane[iso3]) for iso3 in ringed},
    )


@dataclass(frozen=True)
class Camera:
    """What the camera should fit, in Equal Earth km; the component fits it to the element's width.

    resets counts the page's resets (of the filters, or a view reached by Back): a new count asks the
    component to fit again, even where the reader has since zoomed or panned to a view the server never saw.
    """

    focus: tuple[float, float, float, float] | None = None  # w, s, e, n; None: the world
    resets: int = 0

    def request(self) -> dict:
        return {
            "world": list(world_box()),
            "focus": list(self.focus) if self.focus else None,
            "heights": list(MAP_HEIGHTS),
            "padding": PADDING,
            "zoomIn": COUNTRY_ZOOM_IN,
            "resets": self.resets,
        }


def camera(shapes: MapShapes, countries: tuple[str, ...], resets: int = 0) -> Camera:
    """The world, or the box around the chosen countries; the zoom buttons are the browser's own."""
    boxes = [shapes.bounds[c] for c in countries if c in shapes.bounds]
    if not boxes:
        return Camera(None, resets)
    box = tuple(f(b[i] for b in boxes) for i, f in enumerate((min, min, max, max)))
    return Camera(box, resets)


@dataclass(frozen=True)
class Choropleth:
    """What the map shows under the current filters; plain data, easy to test."""

    counts: Mapping[str, Mapping[str, int]]  # iso3 -> category id -> events
    classes: tuple[CountClass, ...]  # the dataset's count classes: fixed under every filter
    context: Mapping[str, tuple[Context, ...]]  # iso3 -> the group claims shown that include it
    show_groups: bool = True
    focus: tuple[str, ...] = ()
    lang: str = "en"
    names: Mapping[str, str] = field(default_factory=dict)  # iso3 -> name in lang; else the shapes' names
    labels: Mapping[str, str] = field(default_factory=dict)  # category id -> its label in lang
    camera: Camera = field(default_factory=Camera)
    # Countries with claims of their own in the dataset, under no filter (the package's, not copied per run).
    claimed: Collection[str] = frozenset()


def tooltip_text(iso3: str, view: Choropleth, shapes: MapShapes) -> str:
    """Plain text: the country, its own events by category, and each group claim that concerns it, and why."""
    lang = view.lang
    name = view.names.get(iso3) or shapes.names.get(iso3, iso3)
    lines = [name]
    by_category = view.counts.get(iso3, {})
    if by_category:
        lines.append(n_(lang, "map.reported", sum(by_category.values())))
        labelled = sorted((view.labels.get(c, c), n) for c, n in by_category.items())
        lines += [f"  {label}: {n}" for label, n in labelled]
    else:
        lines.append(t(lang, "map.no_report", name=name))
    for context in view.context.get(iso3, ()) if view.show_groups else ():
        claims = n_(lang, "map.group_claims", context.count)
        why = t(lang, "map.named_by", source=context.basis) if context.basis else t(lang, "map.by_definition")
        lines.append(t(lang, "map.in_group", group=context.group, claims=claims, why=why))
    return "\n".join(lines)


def tooltip_parts(view: Choropleth, shapes: MapShapes, reported: list[str], context: list[str]) -> dict:
    """The shown countries' tooltips in few bytes: whole texts for the reported countries, and for the
    group members shown as context the group lines once, each member naming the lines that concern it.

    The browser joins a member's name, map.no_report and its lines, giving exactly tooltip_text.
    """
    lines: dict[str, int] = {}
    members: dict[str, list[int]] = {}
    for iso3 in context:
        for line in tooltip_text(iso3, view, shapes).splitlines()[2:]:
            members.setdefault(iso3, []).append(lines.setdefault(line, len(lines)))
    return {
        "tips": {c: tooltip_text(c, view, shapes) for c in reported},
        "groupLines": list(lines),
        "members": members,
        "noReport": t(view.lang, "map.no_report", name="{name}"),
    }


def _one_of(codes) -> str:
    """A deck.gl expression true for a feature of these countries (codes from the geometry: [A-Z0-9-])."""
    return "||".join(f"properties.iso3=='{code}'" for code in codes)


def fill_expression(fills: Mapping[str, list[int]], default: list[int]) -> str | list[int]:
    """Each listed country's colour, the rest default: one clause per colour, growing with the countries."""
    by_colour: dict[tuple[int, ...], list[str]] = {}
    for iso3, colour in sorted(fills.items()):
        by_colour.setdefault(tuple(colour), []).append(iso3)
    if not by_colour:
        return default
    clauses = "".join(
        f"({_one_of(codes)})?{json.dumps(list(colour), separators=(',', ':'))}:"
        for colour, codes in by_colour.items()
    )
    return clauses + json.dumps(default, separators=(",", ":"))


def shown_countries(view: Choropleth, shapes: MapShapes) -> tuple[list[str], list[str]]:
    """The countries with events of their own, and those shaded only as members of a group a claim names."""
    reported = sorted(iso3 for iso3 in view.counts if iso3 in shapes.names)
    context = (
        sorted(c for c in view.context if c not in view.counts and c in shapes.names)
        if view.show_groups
        else []
    )
    return reported, context


def build_deck(view: Choropleth, shapes: MapShapes) -> dict:
    """The map's layers: countries coloured and picked, borders, rings, dots, the chosen outline. The ocean is
    the component's own (map_data's "sea"), drawn by the browser under the canvas: a layer of its own cost
    software WebGL a whole fill of the canvas on every frame."""
    reported, context = shown_countries(view, shapes)

    def fill(iso3: str) -> list[int]:
        return rgba(colour_for(sum(view.counts[iso3].values()), list(view.classes)))

    fills = {c: fill(c) for c in reported} | {c: rgba(CONTEXT) for c in context}
    colours = fill_expression(fills, rgba(NO_REPORTS))
    # deck.gl does not compare accessor functions: a digest of the expression makes it recompute them.
    trigger = hashlib.sha1(json.dumps(colours).encode()).hexdigest()[:12]
    rings = [
        {"iso3": c, "position": list(shapes.rings[c][0]), "radius": shapes.rings[c][1] + RING_MARGIN_KM}
        for c in reported
        if c in shapes.ringed
    ]
    dots = [
        {
            "iso3": c,
            "position": list(shapes.plane_points[c]),
            "fill": fills[c],
            "radius": 4 if c in view.counts else 3,
        }
        for c in reported + context
        if c in shapes.small
    ]
    layers = [
        # Every country answers hover and tap; unstroked, so picking stays fast: borders are their own layer.
        pdk.Layer(
            "GeoJsonLayer",
            COUNTRIES_URL,
            id="countries",
            pickable=True,
            stroked=False,
            filled=True,
            get_fill_color=colours,
            update_triggers={"getFillColor": trigger},
        ),
        # One-pixel GL lines (static/map.js): the PathLayer of a stroked GeoJsonLayer cost most of a frame.
        pdk.Layer("HairlineLayer", BORDERS_URL, id="borders", pickable=False, color=rgba(BORDER)),
        # Dots and rings are MarkLayers (static/map.js): one small shader, where deck.gl's ScatterplotLayer
        # cost the first frame more than the countries in software WebGL. The map picks them itself.
        pdk.Layer("MarkLayer", dots, id="dots", pickable=False, radius_units=String("pixels")),
        # A circle around each small country with claims, in km so it grows with a zoom; never too small.
        pdk.Layer(
            "MarkLayer",
            rings,
            id="rings",
            pickable=False,
            radius_units=String("common"),
            radius_min_pixels=RING_MIN_PX,
            line_color=rgba(RING),
            line_width_pixels=2,
        ),
        # The chosen countries' outlines, from the map's own file (no shape travels in a rerun), as one-pixel
        # GL lines drawn again to each side: a stroked GeoJsonLayer's PathLayer cost a frame more.
        pdk.Layer(
            "HairlineLayer",
            COUNTRIES_URL,
            id="selected",
            pickable=False,
            color=rgba(SELECTED),
            width_pixels=2.5,
            # Codes joined: pydeck would make a list of strings an expression.
            only=String(",".join(c for c in view.focus if c in shapes.names)),
        ),
    ]
    # Only layers and views: no pdk.Deck, so no basemap, no provider keys and no Jupyter import to mind.
    return {
        "layers": layers,
        # Scrolling the page must not zoom the map; its zoom buttons, double-click, drag and keys still do.
        "views": [
            pdk.View(type="OrthographicView", controller={"scrollZoom": False, "keyboard": True}, flipY=False)
        ],
    }


def map_data(view: Choropleth, shapes: MapShapes, label: str) -> dict:
    """Everything the map component gets in one rerun: the deck, tooltips, the camera's request.

    Tooltips are sent for the shown countries only; any other country's is made in the browser from
    one sentence and its name (see map_names), so every country answers without a text per country per rerun.
    """
    reported, context = shown_countries(view, shapes)
    lang = view.lang
    return {
        "deck": deck_json(build_deck(view, shapes)),
        **tooltip_parts(view, shapes, reported, context),
        "hidden": sorted(c for c in view.claimed if c not in view.counts and c in shapes.names),
        "noClaim": t(lang, "map.no_claim", name="{name}"),
        "filtered": t(lang, "map.filtered_out", name="{name}"),
        "sea": {"url": GLOBE_URL, "fill": rgba(OCEAN)},
        "camera": view.camera.request(),
        # The zoom buttons' names: the buttons are the map's own, and zoom without a rerun.
        "zoom": {"in": t(lang, "map.zoom_in"), "out": t(lang, "map.zoom_out"), "reset": t(lang, "map.reset")},
        "label": label,
        "marks": list(MARKS),
        "picked": list(PICKED),
        "countries": COUNTRIES_URL,
    }


def map_names(names: Mapping[str, str], shapes: MapShapes) -> dict[str, str]:
    """The names in the page's language that differ from the map file's own, for static/map-names.js: the
    same in every rerun of a language, so Streamlit sends them as a reference to the browser's copy."""
    return {c: n for c, n in names.items() if c in shapes.names and n != shapes.names[c]}
