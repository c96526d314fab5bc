"""Equal Earth (EPSG:8857), in kilometres: the map's one projection, and where the world sits on a canvas.
The browser draws shapes projected here (and in geo/build.py) with deck.gl's OrthographicView: areas keep
their proportions, unlike Web Mercator's, which swells the north."""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import shapely
from pyproj import Transformer

EQUAL_EARTH = "EPSG:8857"
KM = 1000.0
# The inhabited world: the globe's full width, from the Arctic islands to Cape Horn (Antarctica left out).
SOUTH, NORTH = -56.0, 84.0
MAP_HEIGHTS = (200, 720)  # px, the least and most the map may take


@cache
def _transformer() -> Transformer:
    return Transformer.from_crs("EPSG:4326", EQUAL_EARTH, always_xy=True)


def to_plane(lon: float, lat: float) -> tuple[float, float]:
    """(lon, lat) in degrees as Equal Earth (x, y) in km; y grows northwards."""
    x, y = _transformer().transform(lon, lat)
    return x / KM, y / KM


@cache
def _inverse() -> Transformer:
    return Transformer.from_crs(EQUAL_EARTH, "EPSG:4326", always_xy=True)


def to_lonlat(x: float, y: float) -> tuple[float, float]:
    """Equal Earth (x, y) in km as (lon, lat) in degrees: where a figure, which projects itself, puts it."""
    return _inverse().transform(x * KM, y * KM)


def project(geometry):
    """A shapely geometry in lon/lat as the same geometry in Equal Earth km."""
    transform = _transformer().transform
    return shapely.transform(geometry, lambda xy: _stack(transform(xy[:, 0], xy[:, 1])))


def _stack(xy):
    return np.column_stack(xy) / KM


def globe() -> shapely.Polygon:
    """The Equal Earth outline of the whole globe: the ±180° meridians and the poles, the ocean's shape."""
    east = [to_plane(180.0, lat) for lat in range(-90, 91)]
    west = [to_plane(-180.0, lat) for lat in range(90, -91, -1)]
    return shapely.Polygon([(round(x, 1), round(y, 1)) for x, y in east + west])


@cache
def world_box() -> tuple[float, float, float, float]:
    """West, south, east, north in km: the globe's width (at the equator) and the inhabited latitudes."""
    half = to_plane(180.0, 0.0)[0]
    return (
        round(-half, 1),
        round(to_plane(0.0, SOUTH)[1], 1),
        round(half, 1),
        round(to_plane(0.0, NORTH)[1], 1),
    )


# The browser fits the map to its width itself: geo/web/map.js mirrors world_height() and fit().
def world_height(width: float) -> int:
    """The map's height for this width: the world box's, within MAP_HEIGHTS."""
    west, south, east, north = world_box()
    return min(max(round(width * (north - south) / (east - west)), MAP_HEIGHTS[0]), MAP_HEIGHTS[1])


def fit(box: tuple[float, float, float, float], width: float, height: float, padding: float = 0.0):
    """The OrthographicView's target (x, y) and zoom (log2 of px per km) that fit box in the canvas."""
    west, south, east, north = box
    scale = min(
        width * (1 - padding) / max(east - west, 1e-3), height * (1 - padding) / max(north - south, 1e-3)
    )
    return ((west + east) / 2, (south + north) / 2), math.log2(scale)


def world_point(width: float, height: float, lon: float, lat: float) -> tuple[float, float]:
    """Where (lon, lat) lands on a canvas this big, at the world view fitted to it (px from top left)."""
    (cx, cy), zoom = fit(world_box(), width, height)
    x, y = to_plane(lon, lat)
    return width / 2 + (x - cx) * 2**zoom, height / 2 - (y - cy) * 2**zoom
