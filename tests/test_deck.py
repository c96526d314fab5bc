"""The map's deck (coopmap/ui/deck.py): its JSON against a golden skeleton, tooltips, clicks and camera."""

from __future__ import annotations

import importlib.machinery
import json

import pydeck.bindings.deck
import pytest

from coopmap.counts import Context
from coopmap.dataset.shapes import load_countries
from coopmap.ui.deck import (
    MAP_HEIGHTS,
    ZOOM_STEP,
    Camera,
    MapView,
    build_deck,
    camera,
    clicked_country,
    map_shapes,
    tooltip_text,
    world_camera,
    world_point,
)
from coopmap.ui.palette import CONTEXT, RAMP, count_classes, rgba
from tests.support.deck import fills

NYT = "The New York Times, 2019-04-24"
EIGHTEEN = "18 countries using intelligence surveillance systems made by the CCP"
DEU, IRN = {"properties": {"iso3": "DEU"}}, {"properties": {"iso3": "IRN"}}


@pytest.fixture(scope="module")
def members(package):
    return package["group_members"].groupby("group_id")["country_iso3"].apply(list).to_dict()


@pytest.fixture(scope="module")
def shapes(members):
    return map_shapes(load_countries(), members)


@pytest.fixture(scope="module")
def view():
    return MapView(
        counts={"JAM": {"Equipment donation": 1}, "IRN": {"Surveillance system": 2}},
        classes=tuple(count_classes(2)),
        context={
            "SGP": (Context("ASEAN", ("E004",), "", 1),),
            "DEU": (Context("18 countries", ("E012",), NYT, 1),),
        },
        group_ids=("asean", "agg-18-surveillance"),
        focus=("JAM",),
        camera=Camera(-77.3, 18.1, 5.0, 416),
        clicks=2,
    )


def skeleton(value):
    """The spec with every geometry's coordinates replaced by its type: what the golden test compares."""
    if isinstance(value, dict):
        if "coordinates" in value and "type" in value:
            return value["type"]
        return {k: skeleton(v) for k, v in value.items()}
    if isinstance(value, list):
        return [skeleton(v) for v in value]
    return value


def layer(spec: dict, layer_id: str) -> dict:
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


TRIGGER = "de05036ab9b9"  # a digest of both expressions: deck.gl recomputes them when it changes
GOLDEN = {
    "initialViewState": {"latitude": 18.1, "longitude": -77.3, "maxZoom": 8, "minZoom": -1, "zoom": 5.0},
    "layers": [
        {"@@type": "GeoJsonLayer", "data": "/app/static/countries.geojson", "filled": True,
         "getFillColor": "@@=(properties.iso3=='DEU'||properties.iso3=='SGP')?[212,212,212,255]"
                         ":(properties.iso3=='IRN')?[8,69,148,255]:(properties.iso3=='JAM')?[158,202,225,255]"
                         ":[236,236,236,255]",
         "getLineColor": [255, 255, 255, 255], "id": "countries", "lineWidthMinPixels": 0.5,
         "lineWidthUnits": "pixels", "pickable": False, "stroked": True,
         "updateTriggers": {"getFillColor": TRIGGER}},
        {"@@type": "GeoJsonLayer", "data": "/app/static/countries.geojson",
         "extensions": [{"@@type": "DataFilterExtension", "filterSize": 1}], "filled": True,
         "filterRange": [1, 1], "getFillColor": [0, 0, 0, 0],
         "getFilterValue": "@@=(properties.iso3=='DEU'||properties.iso3=='IRN'||properties.iso3=='JAM'"
                           "||properties.iso3=='SGP')?1:0",
         "id": "shown-2", "pickable": True, "stroked": False, "updateTriggers": {"getFilterValue": TRIGGER}},
        {"@@type": "GeoJsonLayer", "dashJustified": True,
         "data": {"features": [
             {"geometry": "MultiPolygon", "properties": {"group_id": "asean"}, "type": "Feature"},
             {"geometry": "MultiPolygon", "properties": {"group_id": "agg-18-surveillance"},
              "type": "Feature"}],
             "type": "FeatureCollection"},
         "extensions": [{"@@type": "PathStyleExtension", "dash": True}], "filled": False,
         "getDashArray": [4, 3], "getLineColor": [77, 77, 77, 255], "id": "groups", "lineWidthMinPixels": 1.5,
         "lineWidthUnits": "pixels", "pickable": False, "stroked": True},
        {"@@type": "ScatterplotLayer",
         "data": [
             {"fill": [158, 202, 225, 255], "iso3": "JAM", "position": [-77.159, 18.1], "radius": 6},
             {"fill": [212, 212, 212, 255], "iso3": "SGP", "position": [103.823, 1.349], "radius": 3}],
         "filled": True, "getFillColor": "@@=fill", "getLineColor": [77, 77, 77, 255], "getLineWidth": 1,
         "getPosition": "@@=position", "getRadius": "@@=radius", "id": "markers-2",
         "lineWidthUnits": "pixels", "pickable": True, "radiusUnits": "pixels", "stroked": True},
        {"@@type": "GeoJsonLayer",
         "data": {"features": [{"geometry": "Polygon", "properties": {"iso3": "JAM"}, "type": "Feature"}],
                  "type": "FeatureCollection"},
         "filled": False, "getLineColor": [0, 0, 0, 255], "id": "selected", "lineWidthMinPixels": 2.5,
         "lineWidthUnits": "pixels", "pickable": False, "stroked": True},
    ],
    "mapStyle": "__MAP_STYLE__",
    "views": [{"@@type": "MapView", "controller": {"keyboard": True, "scrollZoom": False}}],
}  # fmt: skip


def test_deck_json_matches_the_golden_skeleton(view, shapes):
    spec = json.loads(build_deck(view, shapes).to_json())
    assert skeleton(spec) == GOLDEN


def test_a_deck_tries_pydecks_jupyter_import_once_not_once_per_map_provider(view, shapes, monkeypatch):
    tries = []
    monkeypatch.setattr(pydeck.bindings.deck, "has_jupyter_extra", lambda: tries.append(1) and False)
    build_deck(view, shapes)
    assert len(tries) == 1


def test_building_a_deck_searches_for_no_module(view, shapes, monkeypatch):
    """pydeck's Jupyter widget cannot be imported here; each rerun must not look for it again."""
    searched = []
    find = importlib.machinery.PathFinder.find_spec
    monkeypatch.setattr(
        importlib.machinery.PathFinder,
        "find_spec",
        classmethod(lambda cls, name, *more: searched.append(name) or find(name, *more)),
    )
    build_deck(view, shapes)
    assert searched == []


def test_deck_json_is_compact_and_small(view, shapes):
    text = build_deck(view, shapes).to_json()
    assert "\n  " not in text and ": " not in text.replace('": "', "")[:200]
    assert len(text) < 15_000  # no country's shape but the chosen one's: the rest are in the static file


def test_the_tooltip_template_holds_each_shown_country_escaped_and_shows_only_the_hovered_one(view, shapes):
    template = build_deck(view, shapes)._tooltip["html"]
    assert template == (
        "<style>.coopmap-tip>div{display:none;white-space:pre-wrap}.coopmap-tip>.coopmap-tip-{iso3}"
        '{display:block}</style><div class="coopmap-tip">'
        '<div class="coopmap-tip-DEU">Germany\nNo claim names Germany itself\n'
        "In 18 countries: 1 claim (E012); named as one by The New York Times, 2019-04-24</div>"
        '<div class="coopmap-tip-IRN">Iran\n2 reported events\n  Surveillance system: 2</div>'
        '<div class="coopmap-tip-JAM">Jamaica\n1 reported event\n  Equipment donation: 1</div>'
        '<div class="coopmap-tip-SGP">Singapore\nNo claim names Singapore itself\n'
        "In ASEAN: 1 claim (E004); a member by the group&#x27;s definition</div></div>"
    )
    named = {"SGP": (Context("<b>{iso3}</b> & co", ("E004",), "", 1),)}
    hostile = MapView(**{**view.__dict__, "context": named})
    template = build_deck(hostile, shapes)._tooltip["html"]
    assert "In &lt;b&gt;&#123;iso3&#125;&lt;/b&gt; &amp; co: 1 claim" in template
    assert template.count("{iso3}") == 1  # only the template's own placeholder is filled in by Streamlit


def test_with_nothing_to_show_no_country_is_coloured_or_picked(view, shapes):
    empty = MapView(**{**view.__dict__, "counts": {}, "context": {}})
    countries, shown = json.loads(build_deck(empty, shapes).to_json())["layers"][:2]
    assert (countries["getFillColor"], shown["getFilterValue"]) == ([236, 236, 236, 255], 0)


def test_only_the_data_layers_are_picked_and_they_change_id_with_each_click(view, shapes):
    """A new id drops Streamlit's kept selection; the coloured countries keep theirs: fetched once."""
    for clicks in (0, 7):
        spec = json.loads(build_deck(MapView(**{**view.__dict__, "clicks": clicks}), shapes).to_json())
        assert [(layer["id"], layer["pickable"]) for layer in spec["layers"]] == [
            ("countries", False),
            (f"shown-{clicks}", True),
            ("groups", False),
            (f"markers-{clicks}", True),
            ("selected", False),
        ]


def test_two_counts_get_the_two_ends_of_the_ramp(view, shapes):
    spec = json.loads(build_deck(view, shapes).to_json())
    context = rgba(CONTEXT)
    assert fills(spec) == {"IRN": rgba(RAMP[-1]), "JAM": rgba(RAMP[0]), "DEU": context, "SGP": context}


def test_every_chosen_country_is_outlined(view, shapes):
    both = MapView(**{**view.__dict__, "focus": ("IRN", "JAM", "ZZZ")})
    spec = json.loads(build_deck(both, shapes).to_json())
    assert [f["properties"]["iso3"] for f in layer(spec, "selected")["data"]["features"]] == ["IRN", "JAM"]


def test_groups_can_be_hidden(view, shapes):
    hidden = MapView(**{**view.__dict__, "show_groups": False})
    spec = json.loads(build_deck(hidden, shapes).to_json())
    assert layer(spec, "groups")["data"]["features"] == []
    assert set(fills(spec)) == {"IRN", "JAM"}
    assert [m["iso3"] for m in layer(spec, "markers-2")["data"]] == ["JAM"]
    assert "In ASEAN" not in build_deck(hidden, shapes)._tooltip["html"]


def test_tooltip_lists_counts_by_category_and_each_group_claim_apart_with_why(shapes):
    view = MapView(
        counts={"KGZ": {"Joint exercise": 1}},
        classes=tuple(count_classes(1)),
        context={
            "KGZ": (
                Context("Central Asia", ("E005",), "", 1),
                Context("Shanghai Cooperation Organisation (SCO)", ("E015",), "", 1),
            ),
            "DEU": (Context(EIGHTEEN, ("E012",), NYT, 1),),
        },
        group_ids=("central-asia", "sco", "agg-18-surveillance"),
    )
    assert tooltip_text("KGZ", view, shapes) == (
        "Kyrgyzstan\n1 reported event\n  Joint exercise: 1\n"
        "In Central Asia: 1 claim (E005); a member by the group's definition\n"
        "In Shanghai Cooperation Organisation (SCO): 1 claim (E015); a member by the group's definition"
    )
    assert tooltip_text("DEU", view, shapes) == (
        "Germany\nNo claim names Germany itself\n"
        f"In {EIGHTEEN}: 1 claim (E012); "
        "named as one by The New York Times, 2019-04-24"
    )
    assert tooltip_text("FRA", view, shapes) == "France\nNo claim names France itself"
    hidden = MapView(**{**view.__dict__, "show_groups": False})
    assert tooltip_text("DEU", hidden, shapes) == "Germany\nNo claim names Germany itself"


def test_tooltip_in_chinese(shapes):
    view = MapView(
        counts={},
        classes=(),
        context={"SGP": (Context("东南亚国家联盟（东盟）", ("E004", "E013"), "", 2),)},
        group_ids=("asean",),
        lang="zh",
        names={"SGP": "新加坡"},
    )
    assert tooltip_text("SGP", view, shapes) == (
        "新加坡\n没有报道点名新加坡本身\n"
        "属于东南亚国家联盟（东盟）：2 项报道（E004、E013）；按该群体的定义为其成员"
    )


@pytest.mark.parametrize(
    ("selection", "code"),
    [
        ({"selection": {"objects": {"shown-3": [IRN]}}}, "IRN"),
        ({"selection": {"objects": {"markers-0": [{"iso3": "SGP", "position": [1, 2]}]}}}, "SGP"),
        ({"selection": {"objects": {"shown-12": [DEU]}}}, "DEU"),
        ({"selection": {"objects": {"markers-1": [{"iso3": "SGP"}], "shown-1": [IRN]}}}, "IRN"),  # shapes win
        ({"selection": {"objects": {"countries": [{"type": "Feature", **DEU}]}}}, None),  # never picked
        ({"selection": {"objects": {"selected": [{"properties": {"iso3": "FRA"}}]}}}, None),
        ({"selection": {"objects": {}}}, None),
        ({"selection": {"objects": {"shown-0": [{"properties": {"iso3": 7}}]}}}, None),
        (None, None),
        ({}, None),
    ],
)
def test_clicked_country(selection, code):
    assert clicked_country(selection) == code


def test_small_states_get_markers_and_every_shape_has_a_coarse_form(shapes, package):
    assert {"SGP", "BHR", "MLT", "JAM", "CPV", "STP", "BRN"} <= shapes.small
    assert not {"IRN", "ARG", "RUS"} & shapes.small
    assert set(shapes.coarse) == set(shapes.names) == set(shapes.bounds)
    assert set(shapes.group_outlines) == {
        "africa", "asean", "central-asia", "sco", "agg-18-surveillance", "agg-36-opinion-training",
    }  # fmt: skip


def test_bounds_of_a_country_across_the_date_line_run_east_past_180(shapes):
    west, south, east, north = shapes.bounds["ARG"]
    assert -74 < west < -73 and -56 < south < -55 and -54 < east < -53 and -22 < north < -21
    west, _, east, _ = shapes.bounds["RUS"]
    assert 180 < east < 200 and east - west < 180


def _world_px(zoom: float) -> float:
    """How wide the WORLD box is drawn at this zoom: deck.gl's world is 512 px wide at zoom 0."""
    return 512 * 2**zoom * (349 / 360)


@pytest.mark.parametrize("width", [200, 390, 700, 1000])
def test_the_world_view_fits_the_inhabited_world_to_the_maps_width(width):
    cam = world_camera(width)
    assert abs(_world_px(cam.zoom) - width) < 1
    assert (cam.longitude, cam.latitude) == (5.5, 33.7116)  # the middle of WORLD, in Mercator


def test_world_point_puts_the_views_centre_in_the_middle_and_the_date_line_at_its_edges():
    cam = world_camera(700)
    assert world_point(700, cam.height, cam.longitude, cam.latitude) == pytest.approx((350, cam.height / 2))
    west, _ = world_point(700, cam.height, -169.0, 0.0)  # the world view spans WORLD's longitudes
    east, _ = world_point(700, cam.height, 180.0, 0.0)
    assert (west, east) == (pytest.approx(0, abs=1), pytest.approx(700, abs=1))
    _, north = world_point(700, cam.height, 0.0, 60.0)
    _, south = world_point(700, cam.height, 0.0, -30.0)
    assert 0 < north < cam.height / 2 < south < cam.height


def test_the_world_view_fits_the_widest_map_column():
    """At a 1920 px window the map column is about 1,100 px wide; up to 1,212 px the world fills it."""
    assert abs(_world_px(world_camera(1200).zoom) - 1200) < 1
    assert _world_px(world_camera(1920).zoom) < 1920  # wider still, the 720 px height cap decides


@pytest.mark.parametrize(
    ("width", "height"), [(None, 416), (200, 200), (390, 232), (700, 416), (1000, 595), (1920, 720)]
)
def test_the_map_is_as_tall_as_the_world_needs_within_its_limits(width, height):
    assert world_camera(width).height == height
    assert MAP_HEIGHTS == (200, 720)


def test_a_chosen_country_is_centred_and_zoomed_to(shapes):
    world = world_camera(700)
    argentina = camera(shapes, ("ARG",), 700)
    assert -73.6 < argentina.longitude < -53.6 and -55.1 < argentina.latitude < -21.8
    assert argentina.zoom > world.zoom and argentina.height == world.height
    assert camera(shapes, (), 700) == world
    assert camera(shapes, ("ZZZ",), 700) == world  # a code without a shape: the world


def test_a_country_across_the_date_line_is_centred_on_its_land(shapes):
    russia = camera(shapes, ("RUS",), 700)
    assert 60 < russia.longitude < 140 and 50 < russia.latitude < 80


def test_zoom_buttons_step_and_a_reset_moves_the_camera_by_a_hair(shapes):
    base = camera(shapes, ("ARG",), 700)
    assert camera(shapes, ("ARG",), 700, zoom_steps=2).zoom == pytest.approx(base.zoom + 2 * ZOOM_STEP)
    assert ZOOM_STEP == 1.0
    reset = camera(shapes, ("ARG",), 700, reset=1)
    assert reset != base
    moved = [abs(a - b) for a, b in zip(reset.__dict__.values(), base.__dict__.values(), strict=True)]
    assert max(moved) < 2e-4
    assert camera(shapes, ("ARG",), 700, reset=2) == base


def test_a_group_of_states_smaller_than_the_rounding_still_has_an_outline():
    """Monaco, Aruba, Maldives and Norfolk Island vanish at one decimal; they keep a finer polygon."""
    tiny = map_shapes(load_countries(), {"tiny": ["MCO", "ABW", "MDV", "NFK"]})
    assert tiny.group_outlines["tiny"]["type"] in ("Polygon", "MultiPolygon")
    assert tiny.group_outlines["tiny"]["coordinates"]
    for code in ("MCO", "ABW", "MDV", "NFK"):
        assert tiny.coarse[code]["type"] in ("Polygon", "MultiPolygon") and tiny.coarse[code]["coordinates"]


def test_a_tooltip_names_three_of_a_groups_many_claims(shapes):
    many = tuple(f"E{n:04d}" for n in range(1, 1201))
    context = {"KGZ": (Context("SCO", many[:3], "", len(many)),)}
    view = MapView(counts={}, classes=tuple(count_classes(1)), context=context, group_ids=("sco",))
    assert tooltip_text("KGZ", view, shapes).splitlines()[-1] == (
        "In SCO: 1200 claims (E0001, E0002, E0003, …); a member by the group's definition"
    )
