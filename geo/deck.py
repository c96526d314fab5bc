"""The map as a pydeck Deck, built by pure functions from counts and group claims.

Geometry that never changes (every country, grey, and the borders) is served once as a
static file (/app/static/countries.geojson). What depends on the filters is sent with each
rerun and kept small: coarse shapes of the countries with reports, of the members of the
groups shown, and one dissolved outline per group.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import pydeck as pdk
import shapely
from pydeck.bindings.json_tools import default_serialize
from pydeck.types import String

from data.i18n import n_, t
from geo.palette import BORDER, GROUP, NO_REPORTS, SELECTED, colour_for, count_classes, rgba

STATIC_URL = "/app/static/countries.geojson"
COARSE_TOLERANCE = 0.04  # degrees; plenty at world scale, and a tenth of the bytes
GROUP_TOLERANCE = 0.2  # a group's merged area is a backdrop, drawn coarser still
SMALL_AREA_KM2 = 30_000  # below this a country also gets a marker, so it can be found
INITIAL_VIEW = pdk.ViewState(latitude=20, longitude=20, zoom=0, min_zoom=-1, max_zoom=8)
LAYER_IDS = ("countries", "borders", "groups", "reported", "markers", "selected")


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: the spec is re-sent on every rerun."""

    def to_json(self) -> str:
        return json.dumps(self, default=default_serialize, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class MapShapes:
    """Coarse shapes, names, marker points and group outlines, computed once per process."""

    names: Mapping[str, str]
    coarse: Mapping[str, dict]  # iso3 -> GeoJSON geometry
    points: Mapping[str, tuple[float, float]]  # iso3 -> (lon, lat) inside the country
    small: frozenset[str]
    group_outlines: Mapping[str, dict] = field(default_factory=dict)  # group_id -> geometry


def _rounded(geometry, decimals: int = 2) -> dict:
    """GeoJSON with coordinates rounded (about 1 km at 2 decimals): fewer bytes per rerun."""
    rounded = shapely.transform(geometry, lambda xy: xy.round(decimals))
    return json.loads(shapely.to_geojson(shapely.make_valid(rounded)))


def _group_area(members: list):
    """A group drawn as one shape: members merged, coastlines eased, islets under 0.5 deg² left to markers."""
    merged = shapely.union_all(members).simplify(GROUP_TOLERANCE)
    parts = [p for p in getattr(merged, "geoms", [merged]) if p.area >= 0.5]
    return shapely.MultiPolygon(parts) if parts else merged


def map_shapes(countries: gpd.GeoDataFrame, members: Mapping[str, list[str]]) -> MapShapes:
    """Precompute what every rerun draws from, so reruns never touch the full geometry."""
    simple = countries.set_index("iso3").geometry.simplify(COARSE_TOLERANCE, preserve_topology=True)
    simple = simple.make_valid()
    areas = countries.set_index("iso3").to_crs("EPSG:6933").area / 1e6
    points = countries.set_index("iso3").geometry.representative_point()
    outlines = {
        group: _rounded(_group_area([simple[c] for c in codes if c in simple.index]))
        for group, codes in members.items()
    }
    return MapShapes(
        names=dict(zip(countries["iso3"], countries["name"], strict=True)),
        coarse={iso3: _rounded(geom) for iso3, geom in simple.items()},
        points={iso3: (round(p.x, 3), round(p.y, 3)) for iso3, p in points.items()},
        small=frozenset(areas[areas < SMALL_AREA_KM2].index),
        group_outlines=outlines,
    )


@dataclass(frozen=True)
class MapView:
    """What the map shows under the current filters; plain data, easy to test."""

    counts: Mapping[str, Mapping[str, int]]  # iso3 -> category label -> events
    group_claims: Mapping[str, int]  # group_id -> group events shown
    group_names: Mapping[str, str]  # group_id -> name
    members: Mapping[str, list[str]]  # group_id -> member iso3
    show_groups: bool = True
    focus: str | None = None
    lang: str = "en"
    names: Mapping[str, str] = field(default_factory=dict)  # iso3 -> name in lang; else the shapes' names


def tooltip_text(iso3: str, view: MapView, shapes: MapShapes) -> str:
    """Plain text: the country, its reported events by category, and group claims apart."""
    lang = view.lang
    lines = [view.names.get(iso3) or shapes.names.get(iso3, iso3)]
    by_category = view.counts.get(iso3, {})
    if by_category:
        lines.append(n_(lang, "map.reported", sum(by_category.values())))
        lines += [f"  {label}: {n}" for label, n in sorted(by_category.items())]
    else:
        lines.append(t(lang, "map.no_report"))
    for group in _groups_of(iso3, view):
        lines.append(n_(lang, "map.in_group", view.group_claims[group], group=view.group_names[group]))
    return "\n".join(lines)


def _groups_of(iso3: str, view: MapView) -> list[str]:
    if not view.show_groups:
        return []
    return [g for g in sorted(view.group_claims) if iso3 in view.members.get(g, ())]


def _feature(iso3: str, shapes: MapShapes, **properties) -> dict:
    return {"type": "Feature", "geometry": shapes.coarse[iso3], "properties": {"iso3": iso3, **properties}}


def _collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def _outline(data, layer_id: str, colour: str, width: float) -> pdk.Layer:
    """Lines only, never picked: a stroked pickable layer makes clicks too slow in software WebGL."""
    return pdk.Layer(
        "GeoJsonLayer", data, id=layer_id, pickable=False, stroked=True, filled=False,
        get_line_color=rgba(colour), line_width_min_pixels=width, line_width_units=String("pixels"),
    )  # fmt: skip


def build_deck(view: MapView, shapes: MapShapes) -> CompactDeck:
    """The whole map: static base and borders, then groups, reported countries, markers, focus."""
    classes = count_classes(max((sum(c.values()) for c in view.counts.values()), default=0))
    reported = sorted(iso3 for iso3 in view.counts if iso3 in shapes.coarse)
    shown_groups = sorted(view.group_claims) if view.show_groups else []
    member_codes = sorted({c for g in shown_groups for c in view.members.get(g, ()) if c in shapes.coarse})

    def fill(iso3: str) -> list[int]:
        return rgba(colour_for(sum(view.counts[iso3].values()), classes))

    def tip(iso3: str) -> str:
        return tooltip_text(iso3, view, shapes)

    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            STATIC_URL,
            id="countries",
            pickable=True,
            stroked=False,
            filled=True,
            get_fill_color=rgba(NO_REPORTS),
        ),
        _outline(STATIC_URL, "borders", BORDER, 0.5),
        pdk.Layer(
            "GeoJsonLayer",
            _collection(
                [
                    {"type": "Feature", "geometry": shapes.group_outlines[g], "properties": {"group_id": g}}
                    for g in shown_groups
                    if g in shapes.group_outlines
                ]
            ),
            id="groups",
            pickable=False,
            stroked=True,
            filled=True,
            get_fill_color=rgba(GROUP, 50),
            get_line_color=rgba(GROUP),
            line_width_min_pixels=2,
            line_width_units=String("pixels"),
        ),
        pdk.Layer(
            "GeoJsonLayer",
            _collection([_feature(c, shapes, name=tip(c), fill=fill(c)) for c in reported]),
            id="reported",
            pickable=True,
            stroked=False,
            filled=True,
            get_fill_color="properties.fill",
        ),
        pdk.Layer(
            "ScatterplotLayer",
            [
                {
                    "iso3": c,
                    "name": tip(c),
                    "position": list(shapes.points[c]),
                    "fill": fill(c) if c in view.counts else rgba(GROUP),
                }
                for c in sorted(set(reported) | set(member_codes))
                if c in shapes.small
            ],
            id="markers",
            pickable=True,
            stroked=True,
            filled=True,
            get_position="position",
            get_fill_color="fill",
            get_line_color=rgba(SELECTED),
            radius_units=String("pixels"),
            get_radius=5,
            line_width_units=String("pixels"),
            get_line_width=1,
        ),
        _outline(
            _collection([_feature(view.focus, shapes)] if view.focus in shapes.coarse else []),
            "selected",
            SELECTED,
            2.5,
        ),
    ]
    return CompactDeck(
        layers=layers,
        initial_view_state=INITIAL_VIEW,
        map_provider=None,
        tooltip={"text": "{name}"},
        # Scrolling the page must not zoom the map; double-click, drag and keys still work.
        views=[pdk.View(type="MapView", controller={"scrollZoom": False, "keyboard": True})],
    )


def clicked_country(selection: Mapping | None) -> str | None:
    """The ISO3 code of the country a map click picked, from st.pydeck_chart's selection state."""
    objects = ((selection or {}).get("selection") or {}).get("objects") or {}
    for layer in ("reported", "markers", "countries"):
        for picked in objects.get(layer) or []:
            code = picked.get("iso3") or (picked.get("properties") or {}).get("iso3")
            if isinstance(code, str):
                return code
    return None
