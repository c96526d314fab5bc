"""Checks on the committed country polygons in geo/ (no network, no npm)."""

from __future__ import annotations

import hashlib
import itertools
import json
from pathlib import Path

import numpy as np
import pycountry
import pytest
import shapely
from shapely.geometry import Point, shape

from coopmap.paths import GEOJSON

GEO_DIR = Path(__file__).resolve().parents[1] / "geo"
BUILD_INFO = GEO_DIR / "build-info.json"
LICENSE = GEO_DIR / "LICENSE-natural-earth.md"
MAX_BYTES = 1_200_000

SMALL_STATES = ["SGP", "BHR", "MLT", "HKG", "MAC", "MDV", "LIE", "AND", "SMR", "MCO"]
DATASET = ["ECU", "LBR", "IRN", "BOL", "JAM", "ARG", "KGZ"]
ASEAN = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"]
SCO = ["KAZ", "KGZ", "RUS", "TJK", "UZB", "IND", "PAK"]
CENTRAL_ASIA = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
# UN M49 region 002 (Africa): its 54 countries plus Western Sahara. The M49
# territories Mayotte and Reunion are part of France's shape in Natural Earth.
# fmt: off
AFRICA = [
    "DZA", "EGY", "LBY", "MAR", "SDN", "TUN", "ESH",  # Northern Africa
    "BDI", "COM", "DJI", "ERI", "ETH", "KEN", "MDG", "MWI", "MUS", "MOZ", "RWA",  # Eastern Africa
    "SYC", "SOM", "SSD", "UGA", "TZA", "ZMB", "ZWE",
    "AGO", "CMR", "CAF", "TCD", "COG", "COD", "GNQ", "GAB", "STP",  # Middle Africa
    "BWA", "SWZ", "LSO", "NAM", "ZAF",  # Southern Africa
    "BEN", "BFA", "CPV", "CIV", "GMB", "GHA", "GIN", "GNB", "LBR", "MLI", "MRT",  # Western Africa
    "NER", "NGA", "SEN", "SLE", "TGO",
]
# fmt: on
OWN_SHAPES = ["TWN", "ESH", "HKG", "MAC", "XKX"]  # policy: kept as separate shapes


@pytest.fixture(scope="module")
def collection() -> dict:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shapes(collection) -> dict:
    return {f["properties"]["iso3"]: shape(f["geometry"]) for f in collection["features"]}


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def _rings(geometry: dict):
    for polygon in _polygons(geometry):
        yield from polygon


def _ring_area2(ring) -> float:
    """Twice the signed planar area: positive for counterclockwise rings."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))


def test_geojson_structure(collection):
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) > 200
    for feature in collection["features"]:
        code = feature["properties"].get("iso3")
        assert feature["type"] == "Feature", code
        assert set(feature["properties"]) == {"iso3", "name", "iso_assigned"}, code
        assert isinstance(feature["properties"]["name"], str), code
        assert feature["properties"]["name"].strip(), code
        assert isinstance(feature["properties"]["iso_assigned"], bool), code
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon"), code
        for polygon in _polygons(feature["geometry"]):
            for k, ring in enumerate(polygon):
                assert len(ring) >= 4 and ring[0] == ring[-1], code
                assert all(len(p) == 2 for p in ring), code
                # RFC 7946: exterior rings counterclockwise, holes clockwise
                assert (_ring_area2(ring) > 0) == (k == 0), code


def test_geometries_valid_and_not_empty(shapes):
    bad = {
        c: shapely.is_valid_reason(g)
        for c, g in shapes.items()
        if g.is_empty or not g.is_valid or g.area <= 0
    }
    assert not bad


def test_codes_are_iso_alpha3_except_kosovo(collection):
    for feature in collection["features"]:
        props = feature["properties"]
        if props["iso3"] == "XKX":
            assert props["iso_assigned"] is False
            assert pycountry.countries.get(alpha_3="XKX") is None
        else:
            assert props["iso_assigned"] is True, props
            assert pycountry.countries.get(alpha_3=props["iso3"]) is not None, props


def test_codes_unique_and_sorted(collection):
    codes = [f["properties"]["iso3"] for f in collection["features"]]
    assert len(codes) == len(set(codes))
    assert codes == sorted(codes)


def test_file_size():
    assert GEOJSON.stat().st_size <= MAX_BYTES


def test_compact_json():
    text = GEOJSON.read_text(encoding="utf-8")
    assert "\n" not in text.rstrip("\n") and ": " not in text[:2000]


def test_coordinates_in_range_and_rounded(collection):
    for feature in collection["features"]:
        for ring in _rings(feature["geometry"]):
            for x, y in ring:
                assert -180 <= x <= 180 and -90 <= y <= 90, feature["properties"]
                assert round(x, 3) == x and round(y, 3) == y, (x, y)


def test_no_ring_jumps_across_antimeridian(collection):
    wrapped = set()
    for feature in collection["features"]:
        for ring in _rings(feature["geometry"]):
            if any(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(ring)):
                wrapped.add(feature["properties"]["iso3"])
    assert not wrapped


def test_antimeridian_countries_reach_both_sides(shapes):
    # split, not dropped: Russia, Fiji and Antarctica keep land on both sides
    for code in ("RUS", "FJI", "ATA"):
        minx, _, maxx, _ = shapes[code].bounds
        assert minx < -170 and maxx > 170, code


@pytest.mark.parametrize(
    "code",
    sorted(set(SMALL_STATES + DATASET + ASEAN + SCO + CENTRAL_ASIA + AFRICA + OWN_SHAPES)),
)
def test_country_present_as_polygon(shapes, code):
    assert code in shapes
    geom = shapes[code]
    assert geom.geom_type in ("Polygon", "MultiPolygon")
    assert not geom.is_empty and geom.area > 0


@pytest.mark.parametrize(
    ("place", "lon", "lat", "code"),
    [
        ("Simferopol", 34.10, 44.95, "UKR"),
        ("Sevastopol", 33.52, 44.60, "UKR"),
        ("Kerch", 36.47, 45.36, "UKR"),
        ("Taman", 36.72, 45.21, "RUS"),
        ("Moscow", 37.62, 55.75, "RUS"),
        ("Hargeisa", 44.06, 9.56, "SOM"),
        ("northern Cyprus", 33.60, 35.30, "CYP"),
        ("Quito", -78.47, -0.18, "ECU"),
        ("Pristina", 21.17, 42.66, "XKX"),
        ("Taipei", 121.56, 25.04, "TWN"),
        ("Laayoune", -13.20, 27.15, "ESH"),
        ("Smara", -11.66, 26.74, "ESH"),
        ("Rabat", -6.84, 34.02, "MAR"),
    ],
)
def test_point_in_country(shapes, place, lon, lat, code):
    point = Point(lon, lat)
    containing = {c for c, g in shapes.items() if g.covers(point)}
    assert containing == {code}, place


def test_dropped_areas_are_unassigned(shapes):
    # Siachen Glacier and the Indian Ocean Territories are left out by policy
    # (points inside those source shapes)
    for lon, lat in [(77.26, 35.41), (105.653, -10.503)]:
        assert not any(g.covers(Point(lon, lat)) for g in shapes.values())


def test_build_info_matches_file(collection):
    info = json.loads(BUILD_INFO.read_text(encoding="utf-8"))
    data = GEOJSON.read_bytes()
    assert info["sha256"] == hashlib.sha256(data).hexdigest()
    assert info["size_bytes"] == len(data)
    assert info["feature_count"] == len(collection["features"])
    assert info["package"] == "world-atlas" and info["version"] == "2.0.2"
    assert info["integrity"].startswith("sha512-")


def test_licence_file():
    text = LICENSE.read_text(encoding="utf-8")
    assert "public domain" in text
    assert "Copyright 2013-2019 Michael Bostock" in text


def test_the_borders_the_map_draws_follow_the_countries_within_the_tolerance():
    """Lines cost the browser most: each shared edge once, coarser, yet within 4 km of every outline."""
    web = GEO_DIR / "web"
    plane = json.loads((web / "countries-equal-earth.geojson").read_text(encoding="utf-8"))
    drawn = json.loads((web / "borders-equal-earth.geojson").read_text(encoding="utf-8"))
    [feature] = drawn["features"]
    borders = shape(feature["geometry"])
    outlines = shapely.union_all([shape(f["geometry"]).boundary for f in plane["features"]])
    assert feature["geometry"]["type"] == "MultiLineString"
    assert shapely.get_num_coordinates(borders) < 0.6 * shapely.get_num_coordinates(outlines)
    assert hausdorff(borders, outlines) < 4.0 + 0.1  # km, the build's tolerance and rounding


def segments(lines) -> np.ndarray:
    """Every straight piece of the lines, one line of two points each."""
    pieces = [shapely.get_coordinates(line) for line in shapely.get_parts(lines)]
    return shapely.linestrings(
        np.concatenate([np.stack([c[:-1], c[1:]], axis=1) for c in pieces if len(c) > 1])
    )


def hausdorff(a, b) -> float:
    """shapely.hausdorff_distance (each vertex of one to the nearest point of the other, both ways, the
    farthest of these), through a tree of segments: GEOS compares every vertex with every segment."""

    def farthest(lines, to) -> float:
        vertices = shapely.points(shapely.get_coordinates(lines))
        _, distances = shapely.STRtree(segments(to)).query_nearest(vertices, return_distance=True)
        return float(distances.max())

    return max(farthest(a, b), farthest(b, a))


def test_the_indexed_hausdorff_distance_is_shapelys():
    square = shapely.LineString([(0, 0), (10, 0), (10, 10), (0, 10)])
    bent = shapely.MultiLineString([[(0, 1), (5, -2), (10, 0)], [(10, 0), (10, 10), (0, 12)]])
    assert hausdorff(square, bent) == pytest.approx(shapely.hausdorff_distance(square, bent))
