"""Reading country polygons (coopmap/dataset/shapes.py): the committed file by default, or any given one."""

from __future__ import annotations

import json
from pathlib import Path

from coopmap.dataset.shapes import iso3_codes, load_countries
from coopmap.paths import GEOJSON


def _square(x: float) -> dict:
    ring = [[x, 0.0], [x + 1, 0.0], [x + 1, 1.0], [x, 1.0], [x, 0.0]]
    return {"type": "Polygon", "coordinates": [ring]}


def _write(path: Path, features: list[tuple[str, str, bool]]) -> Path:
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"iso3": code, "name": name, "iso_assigned": assigned, "extra": "dropped"},
                "geometry": _square(i),
            }
            for i, (code, name, assigned) in enumerate(features)
        ],
    }
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def test_the_default_is_the_committed_file_with_every_country_in_code_order():
    gdf = load_countries()
    committed = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    assert len(gdf) == 236
    assert list(gdf["iso3"]) == [f["properties"]["iso3"] for f in committed]
    assert list(gdf.columns) == ["iso3", "name", "iso_assigned", "geometry"]
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf.loc[:2, ["iso3", "name"]].itertuples(index=False, name=None)) == [
        ("ABW", "Aruba"),
        ("AFG", "Afghanistan"),
        ("AGO", "Angola"),
    ]
    assert gdf.loc[gdf["iso3"] == "XKX", "iso_assigned"].tolist() == [False]
    assert gdf["iso_assigned"].dtype == bool and int(gdf["iso_assigned"].sum()) == 235
    assert gdf.geometry.is_valid.all()


def test_iso3_codes_are_the_loaded_codes_without_the_geometry():
    codes = iso3_codes()
    assert len(codes) == 236 and {"XKX", "TWN", "IRN", "SGP"} <= codes and "GIB" not in codes
    assert codes == set(load_countries()["iso3"])


def test_a_given_file_is_read_sorted_by_code_with_only_the_known_columns(tmp_path):
    path = _write(tmp_path / "two.geojson", [("ZZB", "Zed", True), ("AAA", "Ay", False)])
    gdf = load_countries(path)
    assert list(gdf.columns) == ["iso3", "name", "iso_assigned", "geometry"]
    assert list(gdf[["iso3", "name", "iso_assigned"]].itertuples(index=False, name=None)) == [
        ("AAA", "Ay", False),
        ("ZZB", "Zed", True),
    ]
    assert list(gdf.index) == [0, 1] and gdf.crs.to_epsg() == 4326
    assert gdf.geometry.iloc[0].bounds == (1.0, 0.0, 2.0, 1.0)  # AAA's square, which came second
    assert iso3_codes(path) == frozenset({"AAA", "ZZB"})
    assert iso3_codes(str(path)) == iso3_codes(path)
