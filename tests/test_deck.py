"""The map's deck: its JSON against an inline golden skeleton, tooltips, clicks and colours."""

from __future__ import annotations

import itertools
import json

import pytest

from geo.deck import STATIC_URL, MapView, build_deck, clicked_country, map_shapes, tooltip_text
from geo.palette import NO_REPORTS, RAMP, colour_for, count_classes, rgba
from geo.shapes import load_countries


@pytest.fixture(scope="module")
def members(package):
    return package["group_members"].groupby("group_id")["country_iso3"].apply(list).to_dict()


@pytest.fixture(scope="module")
def shapes(members):
    return map_shapes(load_countries(), members)


@pytest.fixture(scope="module")
def view(members):
    return MapView(
        counts={"JAM": {"Equipment donation": 1}, "IRN": {"Surveillance system": 2}},
        group_claims={"asean": 1},
        group_names={"asean": "ASEAN"},
        members=members,
        focus="JAM",
    )


def skeleton(value):
    """The spec with every geometry replaced by its type: what the golden test compares."""
    if isinstance(value, dict):
        if value.get("type") in ("Polygon", "MultiPolygon") and "coordinates" in value:
            return value["type"]
        return {k: skeleton(v) for k, v in value.items()}
    if isinstance(value, list):
        return [skeleton(v) for v in value]
    return value


GOLDEN = {
    "initialViewState": {"latitude": 20, "longitude": 20, "maxZoom": 8, "minZoom": -1, "zoom": 0},
    "layers": [
        {"@@type": "GeoJsonLayer", "data": "/app/static/countries.geojson", "filled": True,
         "getFillColor": [226, 226, 226, 255], "id": "countries", "pickable": True, "stroked": False},
        {"@@type": "GeoJsonLayer", "data": "/app/static/countries.geojson", "filled": False,
         "getLineColor": [255, 255, 255, 255], "id": "borders", "lineWidthMinPixels": 0.5,
         "lineWidthUnits": "pixels", "pickable": False, "stroked": True},
        {"@@type": "GeoJsonLayer",
         "data": {"features": [{"geometry": "MultiPolygon", "properties": {"group_id": "asean"},
                                "type": "Feature"}], "type": "FeatureCollection"},
         "filled": True, "getFillColor": [230, 159, 0, 50], "getLineColor": [230, 159, 0, 255],
         "id": "groups", "lineWidthMinPixels": 2, "lineWidthUnits": "pixels", "pickable": False,
         "stroked": True},
        {"@@type": "GeoJsonLayer",
         "data": {"features": [
             {"geometry": "MultiPolygon", "properties": {
                 "fill": [72, 33, 115, 255], "iso3": "IRN",
                 "name": "Iran\n2 reported events\n  Surveillance system: 2"}, "type": "Feature"},
             {"geometry": "Polygon", "properties": {
                 "fill": [160, 218, 57, 255], "iso3": "JAM",
                 "name": "Jamaica\n1 reported event\n  Equipment donation: 1"}, "type": "Feature"}],
             "type": "FeatureCollection"},
         "filled": True, "getFillColor": "@@=properties.fill", "id": "reported", "pickable": True,
         "stroked": False},
        {"@@type": "ScatterplotLayer",
         "data": [
             {"fill": [230, 159, 0, 255], "iso3": "BRN", "name": "Brunei Darussalam\nNo report names this "
              "country\nIn ASEAN: 1 group claim, not about this country alone",
              "position": [114.461, 4.535]},
             {"fill": [160, 218, 57, 255], "iso3": "JAM", "name": "Jamaica\n1 reported event\n  Equipment "
              "donation: 1", "position": [-77.159, 18.1]},
             {"fill": [230, 159, 0, 255], "iso3": "SGP", "name": "Singapore\nNo report names this country\n"
              "In ASEAN: 1 group claim, not about this country alone", "position": [103.823, 1.349]}],
         "filled": True, "getFillColor": "@@=fill", "getLineColor": [0, 0, 0, 255], "getLineWidth": 1,
         "getPosition": "@@=position", "getRadius": 5, "id": "markers", "lineWidthUnits": "pixels",
         "pickable": True, "radiusUnits": "pixels", "stroked": True},
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


def test_deck_json_is_compact_and_small(view, shapes):
    text = build_deck(view, shapes).to_json()
    assert "\n  " not in text and ": " not in text.replace('": "', "")[:200]
    assert len(text) < 60_000  # geometry of the whole world stays in the static file


def test_the_static_geometry_is_what_the_server_serves():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    served = root / "static" / STATIC_URL.removeprefix("/app/static/")
    assert served.resolve() == (root / "geo" / "countries.geojson").resolve()


def test_two_counts_get_the_two_ends_of_the_ramp(view, shapes):
    spec = json.loads(build_deck(view, shapes).to_json())
    reported = {
        f["properties"]["iso3"]: f["properties"]["fill"] for f in spec["layers"][3]["data"]["features"]
    }
    assert reported == {"IRN": rgba(RAMP[-1]), "JAM": rgba(RAMP[0])}


def test_groups_can_be_hidden(view, shapes, members):
    hidden = MapView(**{**view.__dict__, "show_groups": False})
    spec = json.loads(build_deck(hidden, shapes).to_json())
    assert spec["layers"][2]["data"]["features"] == []
    assert "group claim" not in json.dumps(spec)


def test_tooltip_lists_counts_by_category_and_groups_apart(shapes, members):
    view = MapView(
        counts={"KGZ": {"Joint exercise": 1}},
        group_claims={"central-asia": 1, "sco": 1},
        group_names={"central-asia": "Central Asia", "sco": "Shanghai Cooperation Organisation (SCO)"},
        members=members,
    )
    assert tooltip_text("KGZ", view, shapes) == (
        "Kyrgyzstan\n1 reported event\n  Joint exercise: 1\n"
        "In Central Asia: 1 group claim, not about this country alone\n"
        "In Shanghai Cooperation Organisation (SCO): 1 group claim, not about this country alone"
    )
    assert tooltip_text("FRA", view, shapes) == "France\nNo report names this country"


@pytest.mark.parametrize(
    ("selection", "code"),
    [
        ({"selection": {"objects": {"reported": [{"properties": {"iso3": "IRN"}}]}}}, "IRN"),
        ({"selection": {"objects": {"markers": [{"iso3": "SGP", "position": [1, 2]}]}}}, "SGP"),
        (
            {"selection": {"objects": {"countries": [{"type": "Feature", "properties": {"iso3": "FRA"}}]}}},
            "FRA",
        ),
        ({"selection": {"objects": {}}}, None),
        ({"selection": {"objects": {"reported": [{"properties": {"iso3": 7}}]}}}, None),
        (None, None),
        ({}, None),
    ],
)
def test_clicked_country(selection, code):
    assert clicked_country(selection) == code


def test_small_states_get_markers_and_every_shape_has_a_coarse_form(shapes):
    assert {"SGP", "BHR", "MLT", "JAM", "CPV", "STP", "BRN"} <= shapes.small
    assert not {"IRN", "ARG", "RUS"} & shapes.small
    assert set(shapes.coarse) == set(shapes.names)
    assert set(shapes.group_outlines) == {
        "africa", "asean", "central-asia", "sco", "agg-18-surveillance", "agg-36-opinion-training",
    }  # fmt: skip


def test_count_classes_and_no_reports():
    assert [(c.label, c.colour) for c in count_classes(3)] == [
        ("1 event", "#a0da39"), ("2 events", "#21918c"), ("3 events", "#482173"),
    ]  # fmt: skip
    assert [c.label for c in count_classes(12)] == [
        "1 event",
        "2 events",
        "3 events",
        "4–6 events",
        "7–12 events",
    ]
    assert count_classes(0) == []
    classes = count_classes(2)
    assert colour_for(0, classes) == NO_REPORTS
    assert colour_for(2, classes) == RAMP[-1]


def _lightness(hex_colour: str) -> float:
    """CIE L* of an sRGB colour: what tells colours apart for every kind of colour vision."""
    linear = [((c / 255 + 0.055) / 1.055) ** 2.4 if c / 255 > 0.04045 else c / 255 / 12.92
              for c in rgba(hex_colour)[:3]]  # fmt: skip
    y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


def test_ramp_darkens_steadily_and_no_reports_is_lighter_than_any_count():
    steps = [_lightness(c) for c in RAMP]
    assert all(a - b >= 10 for a, b in itertools.pairwise(steps))
    assert _lightness(NO_REPORTS) - steps[0] >= 8
