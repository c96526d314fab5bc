"""The map as a pydeck Deck, built by pure functions from counts, group context and the view.

Country shapes never travel with a rerun: every layer that draws or picks a country reads the
static file (/app/static/countries.geojson), which the browser fetches once. What a rerun sends
is small whatever the data: a deck.gl expression giving each shown country its colour, another
saying which countries can be hovered and clicked, and one tooltip per shown country, all in
one HTML template whose CSS shows only the block of the country under the pointer. Group
outlines, the markers of small states and the chosen country's outline are per rerun and few.

Streamlit keeps a map click as a selection and dims everything else while it lasts; the
pickable layers take a new id after each click, which drops that selection without
re-mounting the chart, and the chosen country is outlined by data instead.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import pydeck as pdk
import shapely
from pydeck.bindings.base_map_provider import BaseMapProvider
from pydeck.bindings.json_tools import default_serialize
from pydeck.types import String

from coopmap.counts import Context
from coopmap.i18n import listing, n_, t
from coopmap.ui.palette import BORDER, CONTEXT, GROUP_LINE, NO_REPORTS, SELECTED, CountClass, colour_for, rgba

STATIC_URL = "/app/static/countries.geojson"
COARSE_TOLERANCE = 0.04  # degrees; plenty at world scale, and a tenth of the bytes
GROUP_TOLERANCE = 0.3  # a group's merged outline
SMALL_AREA_KM2 = 30_000  # below this a country also gets a marker, so it can be found
PICKABLE = ("shown", "markers")
TIP = "coopmap-tip"  # the tooltip template's class; each country's block is TIP-ISO3
# Every block is hidden but the hovered country's: Streamlit puts the object's iso3 where {iso3} stands.
TIP_STYLE = (
    f"<style>.{TIP}>div{{display:none;white-space:pre-wrap}}.{TIP}>.{TIP}-{{iso3}}{{display:block}}</style>"
)
TILE = 512  # deck.gl's Web Mercator world is 512 px wide at zoom 0
# The inhabited world: from the Bering Strait eastwards round to it again (so no sliver of
# Chukotka shows past the date line), from the Arctic islands to Cape Horn (Antarctica left out).
WORLD = (-169.0, -56.0, 180.0, 80.0)
DEFAULT_WIDTH = 700  # px, until the page reports the map's real width
MAP_HEIGHTS = (200, 720)  # px, the least and most the map may take (720 holds the world 1200 px wide)
COUNTRY_ZOOM_IN = 2.5  # at most this much closer than the world view: the region stays in sight
ZOOM_STEP = 1.0
PADDING = 0.3  # of the canvas, around a country zoomed to


# Deck() tries to import pydeck's Jupyter widget each time it is built; without ipywidgets the import
# fails, and a failed import is searched for afresh on every rerun (~1.5 ms). A None entry fails at once.
if "pydeck.widget" not in sys.modules:
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        sys.modules["pydeck.widget"] = None  # type: ignore[assignment]


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: the spec is re-sent on every rerun."""

    def to_json(self) -> str:
        return json.dumps(self, default=default_serialize, sort_keys=True, separators=(",", ":"))

    def _set_api_keys(self, api_keys: dict | None = None) -> None:
        """No basemap, so no keys: pydeck's own version copies any provider key it finds in the
        environment into the JSON sent to the browser."""
        for provider in BaseMapProvider:
            setattr(self, f"{provider.value}_key", None)


# Reports the map column's width, so the map can fit the world to it (the server cannot see the page).
MAP_WIDTH_JS = """
export default function (component) {
  const { setStateValue, parentElement } = component;
  let sent = 0, timer = null;
  const report = () => {
    const width = Math.round(parentElement.getBoundingClientRect().width);
    if (width > 0 && Math.abs(width - sent) >= 16) { sent = width; setStateValue("width", width); }
  };
  const observer = new ResizeObserver(() => { clearTimeout(timer); timer = setTimeout(report, 150); });
  observer.observe(parentElement);
  report();
  return () => { observer.disconnect(); clearTimeout(timer); };
}
"""


@dataclass(frozen=True)
class MapShapes:
    """Coarse shapes, names, marker points, bounds and group outlines, computed once per process."""

    names: Mapping[str, str]
    coarse: Mapping[str, dict]  # iso3 -> GeoJSON geometry
    points: Mapping[str, tuple[float, float]]  # iso3 -> (lon, lat) inside the country
    small: frozenset[str]
    group_outlines: Mapping[str, dict] = field(default_factory=dict)  # group_id -> geometry
    bounds: Mapping[str, tuple[float, float, float, float]] = field(default_factory=dict)  # w, s, e, n


def _rounded(geometry, decimals: int = 2) -> dict:
    """GeoJSON with coordinates rounded (about 1 km at 2 decimals): fewer bytes per rerun.

    Rounding can collapse slivers into lines or points; only the polygons are kept. A state
    smaller than the rounding (Monaco at 1 decimal) is kept at the next finer one instead.
    """
    valid = shapely.make_valid(shapely.transform(geometry, lambda xy: xy.round(decimals)))
    polygons = [p for p in getattr(valid, "geoms", [valid]) if p.geom_type in ("Polygon", "MultiPolygon")]
    if not polygons:
        return _rounded(geometry, decimals + 1) if decimals < 6 else json.loads(shapely.to_geojson(geometry))
    return json.loads(shapely.to_geojson(shapely.union_all(polygons) if len(polygons) > 1 else polygons[0]))


def _main_parts(geometry, least: float):
    """A shape's parts of at least least deg² (its largest part at any rate): islets are left to markers."""
    parts = list(getattr(geometry, "geoms", [geometry]))
    kept = [p for p in parts if p.area >= least] or [max(parts, key=lambda p: p.area)]
    return shapely.MultiPolygon(kept) if len(kept) > 1 else kept[0]


def _group_area(members: list):
    """A group drawn as one shape: members merged, coastlines eased, islets under 0.5 deg² left to markers."""
    return _main_parts(shapely.union_all(members).simplify(GROUP_TOLERANCE), 0.5)


def _bounds(geometry) -> tuple[float, float, float, float]:
    """West, south, east, north; east past 180 where a country across the date line is narrower so."""
    west, south, east, north = geometry.bounds
    shifted = [x % 360 for x, _ in shapely.get_coordinates(geometry)]
    if east - west > 180 and max(shifted) - min(shifted) < east - west:
        return min(shifted), south, max(shifted), north
    return west, south, east, north


def map_shapes(countries: gpd.GeoDataFrame, members: Mapping[str, list[str]]) -> MapShapes:
    """Precompute what every rerun draws from, so reruns never touch the full geometry."""
    indexed = countries.set_index("iso3")
    simple = indexed.geometry.simplify(COARSE_TOLERANCE, preserve_topology=True).make_valid()
    areas = indexed.to_crs("EPSG:6933").area / 1e6
    points = indexed.geometry.representative_point()
    return MapShapes(
        names=dict(zip(countries["iso3"], countries["name"], strict=True)),
        coarse={iso3: _rounded(geom) for iso3, geom in simple.items()},
        points={iso3: (round(p.x, 3), round(p.y, 3)) for iso3, p in points.items()},
        small=frozenset(areas[areas < SMALL_AREA_KM2].index),
        group_outlines={
            group: _rounded(_group_area([simple[c] for c in codes if c in simple.index]), 1)
            for group, codes in members.items()
        },
        bounds={iso3: tuple(round(v, 3) for v in _bounds(geom)) for iso3, geom in indexed.geometry.items()},
    )


@dataclass(frozen=True)
class Camera:
    """Where the map looks and how tall it is drawn, for a map this many pixels wide."""

    longitude: float
    latitude: float
    zoom: float
    height: int


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _latitude(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def _fit(bounds: tuple[float, float, float, float], width: float, height: float, padding: float = 0.0):
    west, south, east, north = bounds
    spans = (max(east - west, 1e-3) / 360, max(_mercator(north) - _mercator(south), 1e-3) / (2 * math.pi))
    zoom = math.log2(min(width * (1 - padding) / spans[0], height * (1 - padding) / spans[1]) / TILE)
    middle = _latitude((_mercator(north) + _mercator(south)) / 2)
    return (west + east) / 2, middle, zoom


def world_camera(width: int | None) -> Camera:
    """The inhabited world fitted to the map's width, with a height that holds it and no more."""
    width = width or DEFAULT_WIDTH
    west, south, east, north = WORLD
    aspect = ((_mercator(north) - _mercator(south)) / (2 * math.pi)) / ((east - west) / 360)
    height = min(max(round(width * aspect), MAP_HEIGHTS[0]), MAP_HEIGHTS[1])
    longitude, latitude, zoom = _fit(WORLD, width, height)
    return Camera(round(longitude, 4), round(latitude, 4), round(zoom, 4), height)


def world_point(width: float, height: float, lon: float, lat: float) -> tuple[float, float]:
    """Where deck.gl's MapView draws (lon, lat) on a canvas this wide, at the world view fitted to it."""
    cam = world_camera(round(width))
    scale = TILE * 2**cam.zoom
    x = width / 2 + (lon - cam.longitude) / 360 * scale
    y = height / 2 - (_mercator(lat) - _mercator(cam.latitude)) * scale / (2 * math.pi)
    return x, y


def camera(
    shapes: MapShapes, countries: tuple[str, ...], width: int | None, zoom_steps: int = 0, reset: int = 0
) -> Camera:
    """The world, or the chosen countries, fitted to the map; zoom_steps from the zoom buttons.

    reset counts the reset-view presses: each moves the camera by a hair, because the chart
    applies a view only where it differs from the one it was last sent.
    """
    world = world_camera(width)
    boxes = [shapes.bounds[c] for c in countries if c in shapes.bounds]
    longitude, latitude, zoom = world.longitude, world.latitude, world.zoom
    if boxes:
        box = (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
        longitude, latitude, zoom = _fit(box, width or DEFAULT_WIDTH, world.height, PADDING)
        zoom = max(min(zoom, world.zoom + COUNTRY_ZOOM_IN), world.zoom)
        longitude = (longitude + 180) % 360 - 180
    hair = (reset % 2) * 1e-4
    return Camera(
        round(longitude + hair, 4),
        round(latitude + hair, 4),
        round(zoom + zoom_steps * ZOOM_STEP + hair, 4),
        world.height,
    )


@dataclass(frozen=True)
class MapView:
    """What the map shows under the current filters; plain data, easy to test."""

    counts: Mapping[str, Mapping[str, int]]  # iso3 -> category label -> events
    classes: tuple[CountClass, ...]  # the dataset's count classes: fixed under every filter
    context: Mapping[str, tuple[Context, ...]]  # iso3 -> the group claims shown that include it
    group_ids: tuple[str, ...]  # groups whose outline is shown
    show_groups: bool = True
    focus: tuple[str, ...] = ()
    lang: str = "en"
    names: Mapping[str, str] = field(default_factory=dict)  # iso3 -> name in lang; else the shapes' names
    camera: Camera = field(default_factory=lambda: world_camera(None))
    clicks: int = 0  # map clicks so far: the pickable layers' id suffix


def tooltip_text(iso3: str, view: MapView, shapes: MapShapes) -> str:
    """Plain text: the country, its own events by category, and each group claim that concerns it, and why."""
    lang = view.lang
    name = view.names.get(iso3) or shapes.names.get(iso3, iso3)
    lines = [name]
    by_category = view.counts.get(iso3, {})
    if by_category:
        lines.append(n_(lang, "map.reported", sum(by_category.values())))
        lines += [f"  {label}: {n}" for label, n in sorted(by_category.items())]
    else:
        lines.append(t(lang, "map.no_report", name=name))
    for context in view.context.get(iso3, ()) if view.show_groups else ():
        listed = list(context.claims) + (["…"] if context.count > len(context.claims) else [])
        claims = n_(lang, "map.group_claims", context.count, ids=listing(lang, listed))
        why = t(lang, "map.named_by", source=context.basis) if context.basis else t(lang, "map.by_definition")
        lines.append(t(lang, "map.in_group", group=context.group, claims=claims, why=why))
    return "\n".join(lines)


def _feature(iso3: str, geometry: dict, **properties) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": {"iso3": iso3, **properties}}


def _collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def _outline(data, layer_id: str, colour: str, width: float, **more) -> pdk.Layer:
    """Lines only, never picked: a stroked pickable layer makes clicks too slow in software WebGL."""
    return pdk.Layer(
        "GeoJsonLayer", data, id=layer_id, pickable=False, stroked=True, filled=False,
        get_line_color=rgba(colour), line_width_min_pixels=width, line_width_units=String("pixels"), **more,
    )  # fmt: skip


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


def _plain(text: str) -> str:
    """Text for the HTML tooltip: escaped, and braces kept from Streamlit's {field} interpolation."""
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


def tooltip_html(view: MapView, shapes: MapShapes, shown: list[str]) -> str:
    """Every shown country's tooltip in one template; its CSS shows only the hovered one."""
    blocks = "".join(f'<div class="{TIP}-{c}">{_plain(tooltip_text(c, view, shapes))}</div>' for c in shown)
    return f'{TIP_STYLE}<div class="{TIP}">{blocks}</div>'


def build_deck(view: MapView, shapes: MapShapes) -> CompactDeck:
    """The whole map: countries coloured with their borders, the shown ones picked, group outlines,
    markers, focus."""
    reported = sorted(iso3 for iso3 in view.counts if iso3 in shapes.names)
    context = (
        sorted(c for c in view.context if c not in view.counts and c in shapes.names)
        if view.show_groups
        else []
    )
    shown = sorted(reported + context)
    suffix = f"-{view.clicks}"

    def fill(iso3: str) -> list[int]:
        return rgba(colour_for(sum(view.counts[iso3].values()), list(view.classes)))

    fills = {c: fill(c) for c in reported} | {c: rgba(CONTEXT) for c in context}
    colours = fill_expression(fills, rgba(NO_REPORTS))
    pickable = f"({_one_of(shown)})?1:0" if shown else 0
    # deck.gl does not compare accessor functions: a digest of both expressions makes it recompute them.
    trigger = hashlib.sha1(json.dumps([colours, pickable]).encode()).hexdigest()[:12]
    outlines = [
        {"type": "Feature", "geometry": shapes.group_outlines[g], "properties": {"group_id": g}}
        for g in (view.group_ids if view.show_groups else ())
        if g in shapes.group_outlines
    ]
    markers = [
        {"iso3": c, "position": list(shapes.points[c]), "fill": fill(c), "radius": 6}
        for c in reported
        if c in shapes.small
    ] + [
        {"iso3": c, "position": list(shapes.points[c]), "fill": rgba(CONTEXT), "radius": 3}
        for c in context
        if c in shapes.small
    ]
    layers = [
        # Never picked, so it may be stroked: the borders come with the fill, from one load of the file.
        pdk.Layer(
            "GeoJsonLayer", STATIC_URL, id="countries", pickable=False, stroked=True, filled=True,
            get_fill_color=colours, update_triggers={"getFillColor": trigger}, get_line_color=rgba(BORDER),
            line_width_min_pixels=0.5, line_width_units=String("pixels"),
        ),
        # Invisible, and only the shown countries: what is hovered and clicked.
        pdk.Layer(
            "GeoJsonLayer", STATIC_URL, id="shown" + suffix, pickable=True, stroked=False, filled=True,
            get_fill_color=[0, 0, 0, 0], extensions=[{"@@type": "DataFilterExtension", "filterSize": 1}],
            get_filter_value=pickable, filter_range=[1, 1], update_triggers={"getFilterValue": trigger},
        ),
        _outline(
            _collection(outlines),
            "groups",
            GROUP_LINE,
            1.5,
            extensions=[{"@@type": "PathStyleExtension", "dash": True}],
            get_dash_array=[4, 3],
            dash_justified=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            markers,
            id="markers" + suffix,
            pickable=True,
            stroked=True,
            filled=True,
            get_position="position",
            get_fill_color="fill",
            get_line_color=rgba(GROUP_LINE),
            radius_units=String("pixels"),
            get_radius="radius",
            line_width_units=String("pixels"),
            get_line_width=1,
        ),
        _outline(
            _collection([_feature(c, shapes.coarse[c]) for c in view.focus if c in shapes.coarse]),
            "selected",
            SELECTED,
            2.5,
        ),
    ]  # fmt: skip
    cam = view.camera
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(
            longitude=cam.longitude, latitude=cam.latitude, zoom=cam.zoom, min_zoom=-1, max_zoom=8
        ),
        map_provider=None,
        tooltip={"html": tooltip_html(view, shapes, shown)},
        # Scrolling the page must not zoom the map; the zoom buttons, double-click, drag and keys still work.
        views=[pdk.View(type="MapView", controller={"scrollZoom": False, "keyboard": True})],
    )


def clicked_country(selection: Mapping | None) -> str | None:
    """The ISO3 code of the country a map click picked, from st.pydeck_chart's selection state."""
    objects = ((selection or {}).get("selection") or {}).get("objects") or {}
    for prefix in PICKABLE:
        for layer, picked_objects in sorted(objects.items()):
            if layer.split("-")[0] != prefix:
                continue
            for picked in picked_objects or []:
                code = picked.get("iso3") or (picked.get("properties") or {}).get("iso3")
                if isinstance(code, str):
                    return code
    return None
