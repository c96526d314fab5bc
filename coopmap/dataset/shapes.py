"""Load the committed country polygons (geo/web/countries.geojson); no network needed."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import geopandas as gpd

from coopmap.paths import GEOJSON as DEFAULT


def load_countries(path: str | Path = DEFAULT) -> gpd.GeoDataFrame:
    """Country polygons in EPSG:4326, one row per ISO3 code (column `iso3`, sorted),
    with columns `name` and `iso_assigned` (False only for the user-assigned XKX)."""
    gdf = gpd.read_file(path)
    gdf["iso_assigned"] = gdf["iso_assigned"].astype(bool)
    gdf = gdf[["iso3", "name", "iso_assigned", "geometry"]]
    return gdf.sort_values("iso3", ignore_index=True).set_crs("EPSG:4326", allow_override=True)


@lru_cache(maxsize=4)
def _codes(path: str) -> frozenset[str]:
    with open(path, encoding="utf-8") as handle:
        collection = json.load(handle)
    return frozenset(f["properties"]["iso3"] for f in collection["features"])


def iso3_codes(path: str | Path = DEFAULT) -> frozenset[str]:
    """The ISO3 codes that have a shape (read without parsing the geometry)."""
    return _codes(str(Path(path).resolve()))
