"""The map's deck (coopmap/ui/deck.py): its JSON against a golden skeleton, tooltips, clicks and camera."""

from __future__ import annotations

import hashlib
import importlib.machinery
import json

import pyproj
import pytest
import shapely

from coopmap.counts import Context
from coopmap.dataset.shapes import load_countries
from coopmap.paths import GEOJSON
from coopmap.ui.deck import (
    MAP_JS,
    MAP_NAMES_JS,
    Choropleth,
    build_deck,
    camera,
    map_data,
    map_names,
    map_shapes,
    tooltip_text,
)
from coopmap.ui.history import HISTORY_JS
from coopmap.ui.palette import CONTEXT, RAMP, count_classes, rgba
from coopmap.ui.projection import fit, project, to_plane, world_box, world_height, world_point
from coopmap.ui.share import SHARE_JS
from tests.support.deck import fills

NYT = "The New York Times, 2019-04-24"
EIGHTEEN = "18 countries using intelligence surveillance systems made by the CCP"


@pytest.fixture(scope="module")
def shapes():
    return map_shapes(load_countries())


@pytest.fixture(scope="module")
def view():
    return Choropleth(
        counts={"JAM": {"equipment_donation": 1}, "IRN": {"surveillance_system": 2}},
        labels={"equipment_donation": "Equipment donation", "surveillance_system": "Surveillance system"},
        classes=tuple(count_classes(2)),
        context={
            "SGP": (Context("ASEAN", "", 1),),
            "DEU": (Context("18 countries", NYT, 1),),
        },
        focus=("JAM",),
        claimed=frozenset({"JAM", "IRN", "ARG"}),
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


def deck_spec(view, shapes) -> dict:
    return map_data(view, shapes, "label")["deck"]


TRIGGER = "945d5f360f71"  # a digest of the fill expression: deck.gl recomputes the colours when it changes
COUNTRIES = "app/static/countries-equal-earth.geojson"
GOLDEN = {
    "layers": [
        {
            "@@type": "GeoJsonLayer",
            "data": COUNTRIES,
            "filled": True,
            "getFillColor": "@@=(properties.iso3=='DEU'||properties.iso3=='SGP')?[212,212,212,255]"
            ":(properties.iso3=='IRN')?[8,69,148,255]:(properties.iso3=='JAM')?[158,202,225,255]"
            ":[236,236,236,255]",
            "id": "countries",
            "pickable": True,
            "stroked": False,
            "updateTriggers": {"getFillColor": TRIGGER},
        },
        {
            "@@type": "HairlineLayer",
            "color": [255, 255, 255, 255],
            "data": "app/static/borders-equal-earth.geojson",
            "id": "borders",
            "pickable": False,
        },
        {
            "@@type": "MarkLayer",
            "data": [
                {"fill": [158, 202, 225, 255], "iso3": "JAM", "position": [-7217.9, 2306.1], "radius": 4},
                {"fill": [212, 212, 212, 255], "iso3": "SGP", "position": [9944.9, 173.3], "radius": 3},
            ],
            "id": "dots",
            "pickable": False,
            "radiusUnits": "pixels",
        },
        {
            "@@type": "MarkLayer",
            "data": [{"iso3": "JAM", "position": [-7228.7, 2308.4], "radius": 249.3}],
            "id": "rings",
            "lineColor": [8, 69, 148, 255],
            "lineWidthPixels": 2,
            "pickable": False,
            "radiusMinPixels": 9,
            "radiusUnits": "common",
        },
        {
            "@@type": "HairlineLayer",
            "color": [0, 0, 0, 255],
            "data": COUNTRIES,
            "id": "selected",
            "only": "JAM",
            "pickable": False,
            "widthPixels": 2.5,
        },
    ],
    "views": [
        {"@@type": "OrthographicView", "controller": {"keyboard": True, "scrollZoom": False}, "flipY": False}
    ],
}


def test_deck_json_matches_the_golden_skeleton(view, shapes):
    assert skeleton(deck_spec(view, shapes)) == GOLDEN
    # The sea is the component's own, under the canvas: the globe's outline and its colour.
    sea = {"url": "app/static/globe-equal-earth.geojson", "fill": [238, 243, 247, 255]}
    assert map_data(view, shapes, "label")["sea"] == sea


def test_the_zoom_buttons_are_the_maps_own_named_in_the_pages_language(view, shapes):
    """No camera step travels: the browser zooms; a rerun names the buttons."""
    english = map_data(view, shapes, "label")
    assert english["zoom"] == {"in": "Zoom in", "out": "Zoom out", "reset": "Reset view"}
    assert "steps" not in english["camera"]
    chinese = map_data(Choropleth(**{**view.__dict__, "lang": "zh"}), shapes, "label")
    assert chinese["zoom"] == {"in": "放大", "out": "缩小", "reset": "重置视图"}


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


def test_no_layer_carries_a_countrys_shape(view, shapes):
    """Shapes come from the map's own files, fetched once; a rerun sends codes, colours and texts."""
    text = json.dumps(map_data(view, shapes, "label"))
    assert len(text) < 10_000 and '"coordinates"' not in text
    assert [
        spec_layer["id"]
        for spec_layer in deck_spec(view, shapes)["layers"]
        if isinstance(spec_layer["data"], str)
    ] == ["countries", "borders", "selected"]


def test_tooltips_travel_once_per_group_line_and_rebuild_each_countrys_text(view, shapes):
    data = map_data(view, shapes, "label")
    assert data["tips"] == {
        "IRN": "Iran\n2 reported events\n  Surveillance system: 2",
        "JAM": "Jamaica\n1 reported event\n  Equipment donation: 1",
    }
    for code in ("DEU", "SGP"):  # what the browser joins is exactly tooltip_text
        name = shapes.names[code]
        lines = [data["groupLines"][at] for at in data["members"][code]]
        joined = "\n".join([name, data["noReport"].replace("{name}", name), *lines])
        assert joined == tooltip_text(code, view, shapes)
    assert data["noClaim"] == "The dataset has no claim about {name}."
    assert data["hidden"] == ["ARG"]  # a claim in the dataset, none shown under these filters


def test_names_travel_apart_and_only_where_the_languages_differ_from_the_files(shapes):
    """A rerun's map data holds no country's name; the names element gives those the map file lacks."""
    given = {"DEU": "德国", "FRA": "France", "XXX": "nowhere"}  # one as in the file, one it does not draw
    assert map_names(given, shapes) == {"DEU": "德国"}
    assert shapes.names["FRA"] == "France" and "XXX" not in shapes.names


def test_source_text_in_a_tooltip_is_sent_as_text_not_markup(view, shapes):
    """The component sets textContent: characters meaning markup arrive unchanged, to be shown as text."""
    named = {"SGP": (Context("<b>{iso3}</b> & co", "", 1),)}
    data = map_data(Choropleth(**{**view.__dict__, "context": named}), shapes, "label")
    assert data["groupLines"] == ["In <b>{iso3}</b> & co: 1 claim; a member by the group's definition"]


@pytest.mark.parametrize(
    ("name", "component"),
    [("map.js", MAP_JS), ("map-names.js", MAP_NAMES_JS), ("share.js", SHARE_JS), ("history.js", HISTORY_JS)],
)
def test_each_component_carries_only_a_loader_of_its_static_script(name, component):
    """The script is a file the browser caches; it sets text, never markup, and reaches no other host."""
    assert f'new URL("app/static/{name}", document.baseURI)' in component and len(component) < 400
    script = (GEOJSON.parent / name).read_text(encoding="utf-8")
    names = script.replace("document.baseURI", "").replace('"http://www.w3.org/2000/svg"', "")  # a namespace
    assert "innerHTML" not in script and "http" not in names


def test_the_component_loads_its_script_and_libraries_from_the_static_route_only():
    for name in ("map.js", "deckgl/deck.min.js", "deckgl/json.min.js"):
        assert (GEOJSON.parent / name).is_file()
    info = json.loads((GEOJSON.parent / "deckgl" / "build-info.json").read_text())
    for name, file in info["files"].items():
        data = (GEOJSON.parent / "deckgl" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == file["sha256"] and file["package"].endswith("@9.4.0")


def test_with_nothing_to_show_no_country_is_coloured_but_every_one_is_picked(view, shapes):
    empty = Choropleth(**{**view.__dict__, "counts": {}, "context": {}})
    countries = layer(deck_spec(empty, shapes), "countries")
    assert (countries["getFillColor"], countries["pickable"]) == ([236, 236, 236, 255], True)
    assert "extensions" not in countries  # no filter: a country without claims answers too


def test_layer_ids_stay_the_same_whatever_is_clicked(view, shapes):
    """The component keeps one deck.gl Deck; fixed ids let it keep each layer's buffers across reruns."""
    ids = [(spec_layer["id"], spec_layer["pickable"]) for spec_layer in deck_spec(view, shapes)["layers"]]
    assert ids == [
        ("countries", True),
        ("borders", False),
        ("dots", False),  # the map picks dots and rings itself, as it draws them
        ("rings", False),
        ("selected", False),
    ]
    other = Choropleth(**{**view.__dict__, "focus": ("BRA",)})
    assert [spec_layer["id"] for spec_layer in deck_spec(other, shapes)["layers"]] == [i for i, _ in ids]


def test_two_counts_get_the_two_ends_of_the_ramp(view, shapes):
    context = rgba(CONTEXT)
    assert fills(deck_spec(view, shapes)) == {
        "IRN": rgba(RAMP[-1]),
        "JAM": rgba(RAMP[0]),
        "DEU": context,
        "SGP": context,
    }


def test_every_chosen_country_is_outlined(view, shapes):
    both = Choropleth(**{**view.__dict__, "focus": ("IRN", "JAM", "ZZZ")})
    spec = deck_spec(both, shapes)
    assert layer(spec, "selected")["only"] == "IRN,JAM"  # from the map's own file: no shape is sent


def test_groups_can_be_hidden(view, shapes):
    hidden = Choropleth(**{**view.__dict__, "show_groups": False})
    spec = deck_spec(hidden, shapes)
    assert set(fills(spec)) == {"IRN", "JAM"}
    assert [m["iso3"] for m in layer(spec, "dots")["data"]] == ["JAM"]
    assert map_data(hidden, shapes, "label")["members"] == {}


def test_context_is_a_light_fill_without_dashed_group_outlines(view, shapes):
    spec = deck_spec(view, shapes)
    assert "PathStyleExtension" not in json.dumps(spec) and "groups" not in [x["id"] for x in spec["layers"]]
    assert fills(spec)["DEU"] == rgba(CONTEXT)


def test_small_countries_with_claims_are_ringed_around_their_main_land(shapes):
    claims = {c: {"joint_exercise": 1} for c in ("ECU", "LBR", "KGZ", "JAM", "IRN", "BRA")}
    view = Choropleth(counts=claims, classes=tuple(count_classes(1)), context={})
    rings = {r["iso3"]: r for r in layer(deck_spec(view, shapes), "rings")["data"]}
    assert set(rings) == {"ECU", "LBR", "KGZ", "JAM"}  # Iran and Brazil are plain to see
    ecuador = rings["ECU"]
    for lon, lat in ((-78.5, -0.2), (-80.0, -3.5)):  # Quito, and the coast near Peru: inside
        x, y = to_plane(lon, lat)
        assert (x - ecuador["position"][0]) ** 2 + (y - ecuador["position"][1]) ** 2 < ecuador["radius"] ** 2
    assert ecuador["radius"] < 800  # around the mainland, not out to the Galápagos (-91°)
    for code, ring in rings.items():  # the country's own point lies inside its ring
        x, y = shapes.plane_points[code]
        assert (x - ring["position"][0]) ** 2 + (y - ring["position"][1]) ** 2 < ring["radius"] ** 2


def test_tooltip_lists_counts_by_category_and_each_group_claim_apart_with_why(shapes):
    view = Choropleth(
        counts={"KGZ": {"joint_exercise": 1}},
        labels={"joint_exercise": "Joint exercise"},
        classes=tuple(count_classes(1)),
        context={
            "KGZ": (
                Context("Central Asia", "", 1),
                Context("Shanghai Cooperation Organisation (SCO)", "", 1),
            ),
            "DEU": (Context(EIGHTEEN, NYT, 1),),
        },
    )
    assert tooltip_text("KGZ", view, shapes) == (
        "Kyrgyzstan\n1 reported event\n  Joint exercise: 1\n"
        "In Central Asia: 1 claim; a member by the group's definition\n"
        "In Shanghai Cooperation Organisation (SCO): 1 claim; a member by the group's definition"
    )
    assert tooltip_text("DEU", view, shapes) == (
        "Germany\nNo claim names Germany itself\n"
        f"In {EIGHTEEN}: 1 claim; "
        "named as one by The New York Times, 2019-04-24"
    )
    assert tooltip_text("FRA", view, shapes) == "France\nNo claim names France itself"
    hidden = Choropleth(**{**view.__dict__, "show_groups": False})
    assert tooltip_text("DEU", hidden, shapes) == "Germany\nNo claim names Germany itself"


def test_tooltip_in_chinese(shapes):
    view = Choropleth(
        counts={},
        classes=(),
        context={"SGP": (Context("东南亚国家联盟（东盟）", "", 2),)},
        lang="zh",
        names={"SGP": "新加坡"},
    )
    assert tooltip_text("SGP", view, shapes) == (
        "新加坡\n没有报道点名新加坡本身\n属于东南亚国家联盟（东盟）：2 项报道；按该群体的定义为其成员"
    )


def test_small_states_get_markers_and_every_shape_has_a_coarse_form(shapes, package):
    assert {"SGP", "BHR", "MLT", "JAM", "CPV", "STP", "BRN"} <= shapes.small
    assert not {"IRN", "ARG", "RUS"} & shapes.small
    assert set(shapes.plane_coarse) == set(shapes.names) == set(shapes.bounds)


def test_bounds_are_in_equal_earth_km_and_russia_is_its_land_west_of_the_date_line(shapes):
    west, south, east, north = shapes.bounds["ARG"]
    assert west < to_plane(-65, -35)[0] < east and south < to_plane(-65, -35)[1] < north
    west, _, east, _ = shapes.bounds["RUS"]
    assert 0 < west < to_plane(30, 60)[0] and to_plane(170, 65)[0] < east  # not out to Chukotka's west end


def test_equal_earth_centres_the_origin_and_matches_pyproj():
    assert to_plane(0, 0) == (0.0, 0.0)
    x, y = to_plane(54, 32)
    assert to_plane(-54, 32) == pytest.approx((-x, y)) and to_plane(54, -32) == pytest.approx((x, -y))
    expected = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:8857", always_xy=True).transform(54, 32)
    assert (x * 1000, y * 1000) == pytest.approx(expected)
    assert to_plane(180, 0)[0] == pytest.approx(17243.959, abs=0.01)  # the equator's half, in km
    # Equal area: the band 0–10° N is as large near the date line as at Greenwich.
    assert project(shapely.box(0, 0, 10, 10)).area == pytest.approx(
        project(shapely.box(170, 0, 180, 10)).area
    )


@pytest.mark.parametrize("width", [200, 390, 700, 1000])
def test_the_world_view_fits_the_globes_width_to_the_maps(width):
    height = world_height(width)
    west, east = world_point(width, height, -180, 0), world_point(width, height, 180, 0)
    assert (west[0], east[0]) == (pytest.approx(0, abs=1), pytest.approx(width, abs=1))
    assert world_point(width, height, 0, 0)[0] == pytest.approx(width / 2)


def test_world_point_puts_the_north_up_and_antarctica_below_the_canvas():
    height = world_height(700)
    _, north = world_point(700, height, 0.0, 60.0)
    _, south = world_point(700, height, 0.0, -30.0)
    assert 0 < north < height / 2 < south < height
    assert world_point(700, height, 0, -70)[1] > height


@pytest.mark.parametrize(("width", "height"), [(200, 200), (390, 200), (700, 302), (1000, 432), (2000, 720)])
def test_the_map_is_as_tall_as_the_world_needs_within_its_limits(width, height):
    assert world_height(width) == height


def test_a_chosen_country_asks_for_its_box_and_the_world_for_none(shapes):
    argentina = camera(shapes, ("ARG",))
    assert argentina.focus == shapes.bounds["ARG"] and argentina.request()["focus"] == list(
        shapes.bounds["ARG"]
    )
    assert camera(shapes, ()).focus is None and camera(shapes, ("ZZZ",)).focus is None
    both = camera(shapes, ("ARG", "IRN")).focus
    assert both[0] == shapes.bounds["ARG"][0] and both[2] == shapes.bounds["IRN"][2]
    assert argentina.request()["world"] == list(world_box())


def test_a_reset_is_a_new_count_not_a_moved_camera(shapes):
    reset = camera(shapes, ("ARG",), resets=1).request()
    assert reset["resets"] == 1 and reset["focus"] == camera(shapes, ("ARG",)).request()["focus"]


def test_fit_zooms_to_pixels_per_km():
    (x, y), zoom = fit((-100.0, -50.0, 100.0, 50.0), 400, 400)
    assert (x, y, zoom) == (0.0, 0.0, 1.0)  # 200 km across 400 px: 2 px per km


def test_states_smaller_than_the_rounding_keep_a_shape(shapes):
    """Monaco, Aruba, Maldives and Norfolk Island vanish at the rounding; they keep a finer polygon."""
    for code in ("MCO", "ABW", "MDV", "NFK"):
        shape = shapes.plane_coarse[code]
        assert shape["type"] in ("Polygon", "MultiPolygon") and shape["coordinates"]


def test_a_tooltip_counts_a_groups_many_claims_and_names_no_id(shapes):
    context = {"KGZ": (Context("SCO", "", 1200),)}
    view = Choropleth(counts={}, classes=tuple(count_classes(1)), context=context)
    assert tooltip_text("KGZ", view, shapes).splitlines()[-1] == (
        "In SCO: 1200 claims; a member by the group's definition"
    )
