"""Build geo/web/countries.geojson from Natural Earth, as packaged in npm world-atlas.
Needs npm and its registry at build time only; the same inputs and library versions give identical bytes.
    python geo/build.py  # from the repository root
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
import sys
import tarfile
import tempfile
from pathlib import Path

import antimeridian
import geopandas as gpd
import npm  # geo/npm.py: this folder is the script's own
import numpy as np
import pandas as pd
import pycountry
import shapely
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon, box, mapping

PACKAGE = "world-atlas"
VERSION = "2.0.2"
# sha512 of the registry tarball, in the form npm reports as "integrity".
INTEGRITY = "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
SOURCE_MEMBER = "package/countries-50m.json"
LICENSE_MEMBER = "package/LICENSE"
README_MEMBER = "package/README.md"
LAYER = "countries"

SIMPLIFY_TOLERANCE = 0.012  # degrees; 0.01 gives 1.23 MB, over MAX_BYTES
DECIMALS = 3
MAX_BYTES = 1_200_000

OUT_DIR = Path(__file__).resolve().parent
GEOJSON_PATH = OUT_DIR / "web" / "countries.geojson"  # the shapes in lon/lat (static/ -> geo/web/)
# The same shapes in Equal Earth kilometres, and the globe's outline: what the browser's map draws.
PLANE_PATH = OUT_DIR / "web" / "countries-equal-earth.geojson"
GLOBE_PATH = OUT_DIR / "web" / "globe-equal-earth.geojson"
BORDERS_PATH = OUT_DIR / "web" / "borders-equal-earth.geojson"
EQUAL_EARTH = "EPSG:8857"
PLANE_DECIMALS = 1  # of a km: 100 m, as 3 decimals of a degree
# Borders are drawn as lines, whose every segment costs the browser far more than a filled polygon's:
# each shared edge once, simplified to 4 km (a tenth of a pixel at world zoom, under one at the map's
# closest), about a tenth of the countries' points.
BORDER_TOLERANCE_M = 4000
LICENSE_PATH = OUT_DIR / "LICENSE-natural-earth.md"
BUILD_INFO_PATH = OUT_DIR / "build-info.json"

# Decisions for source features that are not a plain ISO 3166-1 country, keyed by
# the world-atlas feature name. Every entry must match exactly one source feature
# (except "transfer", which works on geometry), so a changed source fails loudly.
#   merge:    dissolve the feature into the shape of `iso3`
#   keep:     keep as its own shape under `iso3` (checked against the source id)
#   drop:     leave out of the output
#   transfer: move part of one country's shape to another (see move_area)
POLICIES: dict[str, dict] = {
    "Somaliland": {
        "action": "merge",
        "iso3": "SOM",
        "reason": "no ISO 3166-1 code; self-declared state, shown within Somalia's "
        "internationally recognised borders",
    },
    "N. Cyprus": {
        "action": "merge",
        "iso3": "CYP",
        "reason": "no ISO 3166-1 code; recognised only by Türkiye, shown within Cyprus's "
        "internationally recognised borders",
    },
    "Kosovo": {
        "action": "keep",
        "iso3": "XKX",
        "source_id": None,
        "name": "Kosovo",
        "iso_assigned": False,
        "reason": "no ISO 3166-1 code; XKX is the user-assigned code in common use "
        "(European Commission, World Bank), flagged iso_assigned=false",
    },
    "Siachen Glacier": {
        "action": "drop",
        "reason": "no ISO 3166-1 code; area disputed between India and Pakistan, left unassigned",
    },
    "Indian Ocean Ter.": {
        "action": "drop",
        "reason": "one unlabelled shape for two Australian territories (Christmas Is., "
        "Cocos (Keeling) Is.); tiny and outside the data's scope",
    },
    "Ashmore and Cartier Is.": {
        "action": "merge",
        "iso3": "AUS",
        "reason": "carries Australia's numeric id 036 in world-atlas; an Australian external territory",
    },
    "Taiwan": {
        "action": "keep",
        "iso3": "TWN",
        "source_id": "158",
        "reason": "ISO 3166-1 assigns TWN; kept as its own shape as in Natural Earth",
    },
    "W. Sahara": {
        "action": "keep",
        "iso3": "ESH",
        "source_id": "732",
        "reason": "ISO 3166-1 assigns ESH; a non-self-governing territory claimed by "
        "Morocco, kept as its own shape",
    },
    "Western Sahara, Moroccan-administered part": {
        "action": "transfer",
        "from": "MAR",
        "iso3": "ESH",
        "reason": "drawn inside Morocco in Natural Earth (west of the berm); moved to "
        "ESH so that it covers the whole non-self-governing territory",
    },
    "Hong Kong": {
        "action": "keep",
        "iso3": "HKG",
        "source_id": "344",
        "reason": "ISO 3166-1 assigns HKG; special administrative region of China, own shape",
    },
    "Macao": {
        "action": "keep",
        "iso3": "MAC",
        "source_id": "446",
        "reason": "ISO 3166-1 assigns MAC; special administrative region of China, own shape",
    },
    "Crimea": {
        "action": "transfer",
        "from": "RUS",
        "iso3": "UKR",
        "reason": "drawn inside Russia in Natural Earth; shown as part of Ukraine "
        "following UN General Assembly resolution 68/262",
    },
}

# Encloses the Crimean peninsula and nothing else of Russia's shape. The east edge
# runs through the Kerch Strait: in this source Crimea ends at 36.575E and Russia's
# Taman peninsula starts at 36.618E.
CRIMEA_AREA = box(32.4, 44.3, 36.60, 46.25)

# Western Sahara's northern boundary is the parallel 27 deg 40' N; in this source it
# is the northern edge of the W. Sahara shape (27.657 after quantisation). Nothing of
# Morocco proper lies south of it.
WESTERN_SAHARA_NORTH = 27 + 40 / 60
WESTERN_SAHARA_WEST, WESTERN_SAHARA_EAST = -18.0, -8.6

# Small states that simplification must not lose (checked after the build).
# fmt: off
SMALL_STATES = (
    "SGP", "BHR", "MLT", "HKG", "MAC", "MDV", "SYC", "MUS", "AND", "LIE", "SMR", "MCO", "NRU", "PLW", "VAT",
    "KNA", "GRD", "LCA", "VCT", "ATG", "DMA", "BRB", "TON", "MHL", "FSM", "KIR", "COM", "STP", "CPV",
)
# fmt: on

GEOD = Geod(ellps="WGS84")


def fetch_package(workdir: Path, tarball: Path | None = None) -> Path:
    """Get the pinned world-atlas tarball with npm; the registry is the source."""
    if tarball is None:
        return npm.pack(f"{PACKAGE}@{VERSION}", INTEGRITY, workdir)
    npm.check(tarball, INTEGRITY)
    return tarball


def extract_members(tarball: Path, workdir: Path) -> tuple[Path, str, str]:
    """Extract only the files used (no extractall): geometry, licence, NE version."""
    with tarfile.open(tarball, "r:gz") as tar:

        def read(member: str) -> bytes:
            handle = tar.extractfile(tar.getmember(member))
            if handle is None:
                raise SystemExit(f"{member} is not a regular file in {tarball.name}")
            return handle.read()

        source = workdir / Path(SOURCE_MEMBER).name
        source.write_bytes(read(SOURCE_MEMBER))
        license_text = read(LICENSE_MEMBER).decode("utf-8")
        readme = read(README_MEMBER).decode("utf-8")
    match = re.search(r"Natural Earth.*?version (\d+\.\d+\.\d+)", readme, re.S)
    if match is None:
        raise SystemExit("could not find the Natural Earth version in the README")
    return source, license_text, match.group(1)


def read_countries(path: Path) -> gpd.GeoDataFrame:
    """Read the TopoJSON layer directly (GDAL keeps the ids); it has no CRS set."""
    gdf = gpd.read_file(path, layer=LAYER)
    return gdf.set_crs("EPSG:4326", allow_override=True)


def country_name(country) -> str:
    """Prefer the short common name ("Bolivia", "Iran", "Taiwan") where one exists."""
    return getattr(country, "common_name", None) or country.name


def assign_codes(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Key every feature by ISO3 and apply POLICIES; fail on anything unexplained."""
    rows, used, problems = [], set(), []
    for source_id, source_name, geom in zip(gdf["id"], gdf["name"], gdf.geometry, strict=True):
        source_id = None if pd.isna(source_id) else str(source_id)
        policy = POLICIES.get(source_name)
        if policy is not None:
            used.add(source_name)
            if policy["action"] == "drop":
                continue
            if "source_id" in policy and policy["source_id"] != source_id:
                problems.append(f"{source_name}: id {source_id!r}, policy expects {policy['source_id']!r}")
                continue
        if source_id is None:
            if policy is None:
                problems.append(f"{source_name}: no id and no policy")
                continue
            iso3 = policy["iso3"]
            if policy.get("iso_assigned", True):
                name = country_name(pycountry.countries.get(alpha_3=iso3))
                rows.append((iso3, name, True, geom))
            else:
                rows.append((iso3, policy["name"], False, geom))
            continue
        country = pycountry.countries.get(numeric=source_id)
        if country is None:
            problems.append(f"{source_name}: id {source_id} unknown to pycountry")
            continue
        if policy is not None and policy["iso3"] != country.alpha_3:
            problems.append(
                f"{source_name}: id {source_id} is {country.alpha_3}, policy says {policy['iso3']}"
            )
            continue
        rows.append((country.alpha_3, country_name(country), True, geom))
    missing = {n for n, p in POLICIES.items() if p["action"] != "transfer"} - used
    problems += [f"policy {name!r} matched no source feature" for name in sorted(missing)]
    counts = pd.Series([r[0] for r in rows]).value_counts()
    merged = {p["iso3"] for p in POLICIES.values() if p["action"] == "merge"}
    for iso3, n in counts[counts > 1].items():
        if iso3 not in merged:
            problems.append(f"{iso3}: {n} source features but no merge policy")
    if problems:
        raise SystemExit("unresolved source features:\n  " + "\n  ".join(problems))
    return gpd.GeoDataFrame(rows, columns=["iso3", "name", "iso_assigned", "geometry"], crs=gdf.crs)


def _wraps(ring) -> bool:
    """A ring wraps if consecutive points jump more than 180 degrees of longitude."""
    x = np.asarray(ring.coords)[:, 0]
    return bool((np.abs(np.diff(x)) > 180).any())


def split_antimeridian(geom):
    """Split parts stitched across +-180 degrees; drawn as-is they become map bands.

    world-atlas follows d3's spherical convention (exterior rings clockwise) while
    the antimeridian package expects RFC 7946 (counterclockwise), so crossing parts
    are reversed first. Zero-height rings (Antarctica's ring along -89.999 latitude)
    only close the shape around the pole on a sphere; they are dropped and the
    library closes the shape over the pole instead.
    """
    parts = []
    for poly in getattr(geom, "geoms", [geom]):
        rings = [poly.exterior, *poly.interiors]
        if not any(_wraps(r) for r in rings):
            parts.append(poly)
            continue
        rings = [r for r in rings if np.ptp(np.asarray(r.coords)[:, 1]) > 0]
        rings = [list(r.coords)[::-1] for r in rings]
        fixed = antimeridian.fix_polygon(Polygon(rings[0], rings[1:]), fix_winding=True, great_circle=False)
        parts.extend(densify_pole_edges(p) for p in getattr(fixed, "geoms", [fixed]))
    out = MultiPolygon(parts)
    if out.area > 0.25 * 360 * 180:
        raise SystemExit(
            "antimeridian split produced a shape covering most of the globe: ring orientation is wrong"
        )
    return out


def check_no_wrap(gdf: gpd.GeoDataFrame) -> None:
    """Fail if any ring still jumps across the antimeridian or leaves lon/lat range."""
    bad = []
    for iso3, geom in zip(gdf["iso3"], gdf.geometry, strict=True):
        minx, miny, maxx, maxy = geom.bounds
        if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
            bad.append(f"{iso3}: bounds {geom.bounds}")
        for poly in getattr(geom, "geoms", [geom]):
            if any(_wraps(r) for r in [poly.exterior, *poly.interiors]):
                bad.append(f"{iso3}: ring wraps the antimeridian")
                break
    if bad:
        raise SystemExit("geometry crosses the antimeridian:\n  " + "\n  ".join(bad))


def polygonal(geom):
    """make_valid, keeping polygons only (it may also return lines and points)."""
    geom = shapely.make_valid(geom)
    polys = []
    for part in getattr(geom, "geoms", [geom]):
        if isinstance(part, Polygon) and not part.is_empty:
            polys.append(part)
        elif isinstance(part, MultiPolygon):
            polys.extend(p for p in part.geoms if not p.is_empty)
        elif hasattr(part, "geoms"):
            polys.extend(getattr(polygonal(part), "geoms", []))
    return MultiPolygon(polys)


def km2(geom) -> float:
    """Geodesic area, for sanity checks independent of the lon/lat distortion."""
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


def move_area(
    gdf: gpd.GeoDataFrame, policy_name: str, area, moved_km2: tuple[float, float]
) -> gpd.GeoDataFrame:
    """Move the part of one shape inside `area` to another shape, with a sanity
    check on the geodesic size of what moved (a wrong box fails loudly)."""
    policy = POLICIES[policy_name]
    src = gdf.index[gdf["iso3"] == policy["from"]]
    dst = gdf.index[gdf["iso3"] == policy["iso3"]]
    if len(src) != 1 or len(dst) < 1:
        raise SystemExit(
            f"{policy_name}: expected one {policy['from']} feature and a {policy['iso3']} feature"
        )
    source = gdf.at[src[0], "geometry"]
    moved = polygonal(source.intersection(area))
    size = km2(moved)
    if not moved_km2[0] <= size <= moved_km2[1]:
        raise SystemExit(f"{policy_name}: moved {size:.0f} km2, expected {moved_km2}")
    gdf = gdf.copy()
    gdf.at[src[0], "geometry"] = polygonal(source.difference(area))
    gdf.at[dst[0], "geometry"] = polygonal(shapely.union(gdf.at[dst[0], "geometry"], moved))
    print(f"{policy_name}: moved {size:.0f} km2 from {policy['from']} to {policy['iso3']}")
    return gdf


def transfer_crimea(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Move Crimea from Russia's shape to Ukraine's (UN GA resolution 68/262).

    Only whole Russia parts may lie in the box, so nothing of the Taman peninsula
    across the Kerch Strait can move; the moved area must be about 27,000 km2.
    """
    russia = gdf.loc[gdf["iso3"] == "RUS", "geometry"].iloc[0]
    for part in russia.geoms:
        if part.intersects(CRIMEA_AREA) and not part.covered_by(CRIMEA_AREA):
            raise SystemExit(f"Crimea: area box cuts a Russia part at {part.bounds}")
    return move_area(gdf, "Crimea", CRIMEA_AREA, (25_000, 28_500))


def transfer_western_sahara(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Give ESH the whole territory: source Morocco includes the part west of the
    berm. The cut follows the source's own ESH northern edge so borders line up;
    the result must be close to the territory's 266,000 km2."""
    esh = gdf.loc[gdf["iso3"] == "ESH", "geometry"].iloc[0]
    north = esh.bounds[3]
    if abs(north - WESTERN_SAHARA_NORTH) > 0.02:
        raise SystemExit(f"Western Sahara: northern edge at {north}, expected 27.667")
    area = box(WESTERN_SAHARA_WEST, 20.0, WESTERN_SAHARA_EAST, north)
    gdf = move_area(gdf, "Western Sahara, Moroccan-administered part", area, (150_000, 200_000))
    total = km2(gdf.loc[gdf["iso3"] == "ESH", "geometry"].iloc[0])
    if not 250_000 <= total <= 280_000:
        raise SystemExit(f"Western Sahara: ESH is {total:.0f} km2 after the move")
    return gdf


def dissolve(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One feature per ISO3: union the shapes that policies merged together."""
    rows = []
    for iso3, group in gdf.groupby("iso3", sort=True):
        if group["name"].nunique() != 1 or group["iso_assigned"].nunique() != 1:
            raise SystemExit(f"{iso3}: merged features disagree on name or status")
        geom = polygonal(shapely.union_all(list(group.geometry)))
        rows.append((iso3, group["name"].iloc[0], bool(group["iso_assigned"].iloc[0]), geom))
    return gpd.GeoDataFrame(rows, columns=["iso3", "name", "iso_assigned", "geometry"], crs=gdf.crs)


def _densify_pole_ring(coords: list) -> list:
    """Add points every 30 degrees along an edge that runs along a pole latitude."""
    out = [coords[0]]
    for (x0, y0), (x1, y1) in itertools.pairwise(coords):
        if abs(x1 - x0) > 180 and y0 == y1 and abs(y0) == 90:
            steps = int(abs(x1 - x0) // 30)
            out.extend((x0 + (x1 - x0) * k / steps, y0) for k in range(1, steps))
        out.append((x1, y1))
    return out


def densify_pole_edges(poly: Polygon) -> Polygon:
    """The antimeridian split closes Antarctica with one edge from (180, -90) to
    (-180, -90): correct, but it reads as a wrap-around jump; split it into steps."""
    rings = [_densify_pole_ring(list(r.coords)) for r in [poly.exterior, *poly.interiors]]
    return Polygon(rings[0], rings[1:])


def canonical(geom):
    """Stable part order and RFC 7946 winding, so output does not depend on GEOS."""
    parts = sorted(
        (densify_pole_edges(p) for p in getattr(geom, "geoms", [geom])),
        key=lambda p: (-round(p.area, 9), p.bounds),
    )
    geom = parts[0] if len(parts) == 1 else MultiPolygon(parts)
    return shapely.orient_polygons(geom, exterior_cw=False)


def simplify(geom, tolerance: float):
    """Simplify and round to the output grid; keep the detailed shape of small ones.

    A shape is kept unsimplified (only rounded) when simplifying empties it, makes it
    invalid or loses over half of its area: that happens to tiny states and islands.
    Returns (geometry, fell_back).
    """
    grid = 10.0**-DECIMALS
    simple = polygonal(shapely.set_precision(shapely.simplify(geom, tolerance, preserve_topology=True), grid))
    if not simple.is_empty and simple.is_valid and simple.area >= 0.5 * geom.area:
        return simple, False
    detailed = polygonal(shapely.set_precision(geom, grid))
    if detailed.is_empty or not detailed.is_valid:
        raise SystemExit("a shape is empty or invalid even unsimplified")
    return detailed, True


def simplify_all(gdf: gpd.GeoDataFrame, tolerance: float):
    """Apply simplify() to every feature; report which ones fell back."""
    gdf = gdf.copy()
    fallbacks = []
    geoms = []
    for iso3, geom in zip(gdf["iso3"], gdf.geometry, strict=True):
        new, fell_back = simplify(geom, tolerance)
        if fell_back:
            fallbacks.append(iso3)
        geoms.append(canonical(new))
    gdf["geometry"] = geoms
    return gdf, fallbacks


def _coords(obj):
    """Round nested coordinate tuples to DECIMALS (and turn -0.0 into 0.0)."""
    if isinstance(obj, (tuple, list)) and obj and isinstance(obj[0], float):
        return [round(v, DECIMALS) + 0.0 for v in obj]
    return [_coords(o) for o in obj]


def to_geojson(gdf: gpd.GeoDataFrame) -> bytes:
    """Compact FeatureCollection, features sorted by iso3, three properties each."""
    features = []
    for iso3, name, assigned, geom in sorted(
        zip(gdf["iso3"], gdf["name"], gdf["iso_assigned"], gdf.geometry, strict=True)
    ):
        mapped = shapely.geometry.mapping(geom)
        features.append(
            {
                "type": "Feature",
                "properties": {"iso3": iso3, "name": name, "iso_assigned": bool(assigned)},
                "geometry": {"type": mapped["type"], "coordinates": _coords(mapped["coordinates"])},
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def check_output(gdf: gpd.GeoDataFrame, data: bytes) -> None:
    """Last checks on what is written: size, validity, small states, no wrapping."""
    problems = []
    if len(data) > MAX_BYTES:
        problems.append(f"output is {len(data)} bytes, limit {MAX_BYTES}")
    if gdf["iso3"].duplicated().any():
        problems.append("duplicate iso3 codes")
    for iso3, geom in zip(gdf["iso3"], gdf.geometry, strict=True):
        if geom.is_empty or not geom.is_valid:
            problems.append(f"{iso3}: empty or invalid")
    missing = set(SMALL_STATES) - set(gdf["iso3"])
    problems += [f"small state {c} missing" for c in sorted(missing)]
    if problems:
        raise SystemExit("output check failed:\n  " + "\n  ".join(problems))
    check_no_wrap(gdf)


def license_markdown(license_text: str, ne_version: str) -> str:
    """Licence notes: Natural Earth is public domain, world-atlas is ISC."""
    return f"""# Licence of the country geometry

`geo/web/countries.geojson` is derived from the Natural Earth 1:50m Admin 0 country
boundaries, version {ne_version}, as redistributed in the npm package
{PACKAGE} {VERSION} (`countries-50m.json`). It is generated by `geo/build.py`,
which reassigns, merges, drops and simplifies shapes as described in
`geo/README.md`.

## Natural Earth

Natural Earth data is in the public domain: its terms of use state that all
Natural Earth raster and vector map data may be used without permission, in any
manner, including modifying it (https://www.naturalearthdata.com/about/terms-of-use/).
Suggested credit: "Made with Natural Earth."

## {PACKAGE} {VERSION}

The package is published under the ISC licence by Mike Bostock. Its licence text,
as shipped in the package:

```
{license_text.strip()}
```
"""


def build_info(data: bytes, count: int, ne_version: str, tolerance: float, fallbacks: list[str]) -> str:
    """Record what was built from what, so the output can be traced and checked."""
    info = {
        "package": PACKAGE,
        "version": VERSION,
        "integrity": INTEGRITY,
        "source_file": Path(SOURCE_MEMBER).name,
        "natural_earth_version": ne_version,
        "simplify_tolerance_deg": tolerance,
        "coordinate_decimals": DECIMALS,
        "unsimplified_features": fallbacks,
        "feature_count": count,
        "size_bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    return json.dumps(info, indent=2) + "\n"


def _plane_coords(obj):
    if isinstance(obj, (int, float)):
        return round(obj / 1000, PLANE_DECIMALS) + 0.0
    return [_plane_coords(v) for v in obj]


def _plane_collection(gdf: gpd.GeoDataFrame) -> bytes:
    features = [
        {
            "type": "Feature",
            "properties": {k: row[k] for k in gdf.columns if k != "geometry"},
            "geometry": {
                "type": row.geometry.geom_type,
                "coordinates": _plane_coords(mapping(row.geometry)["coordinates"]),
            },
        }
        for _, row in gdf.iterrows()
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()


def project_files() -> None:
    """The lon/lat shapes in Equal Earth km (pyproj, EPSG:8857), and the globe's outline (the ocean).

    Projected once, here, so the browser draws planar shapes with no projection of its own.
    """
    gdf = gpd.read_file(GEOJSON_PATH).set_crs("EPSG:4326", allow_override=True)
    gdf["iso_assigned"] = gdf["iso_assigned"].astype(bool)
    PLANE_PATH.write_bytes(_plane_collection(gdf.to_crs(EQUAL_EARTH)))
    edge = [(180.0, lat) for lat in range(-90, 91)] + [(-180.0, lat) for lat in range(90, -91, -1)]
    globe = gpd.GeoDataFrame({"name": ["globe"]}, geometry=[Polygon(edge)], crs="EPSG:4326")
    GLOBE_PATH.write_bytes(_plane_collection(globe.to_crs(EQUAL_EARTH)))
    BORDERS_PATH.write_bytes(_plane_collection(borders(gdf.to_crs(EQUAL_EARTH))))
    for path in (PLANE_PATH, BORDERS_PATH, GLOBE_PATH):
        print(f"wrote {path.name} ({path.stat().st_size} bytes)")


def borders(plane: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Every country's outline as lines, each edge two countries share once, simplified."""
    lines = shapely.line_merge(shapely.union_all(plane.boundary.values))
    simple = shapely.simplify(lines, BORDER_TOLERANCE_M, preserve_topology=True)
    return gpd.GeoDataFrame({"name": ["borders"]}, geometry=[simple], crs=plane.crs)


def build(tarball: Path | None = None, tolerance: float = SIMPLIFY_TOLERANCE) -> None:
    """Run every step and write the three output files."""
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        tgz = fetch_package(workdir, tarball)
        source, license_text, ne_version = extract_members(tgz, workdir)
        raw = read_countries(source)
    gdf = assign_codes(raw)
    gdf["geometry"] = [polygonal(split_antimeridian(g)) for g in gdf.geometry]
    check_no_wrap(gdf)
    gdf = transfer_crimea(gdf)
    gdf = transfer_western_sahara(gdf)
    gdf = dissolve(gdf)
    gdf, fallbacks = simplify_all(gdf, tolerance)
    data = to_geojson(gdf)
    check_output(gdf, data)
    GEOJSON_PATH.parent.mkdir(exist_ok=True)
    GEOJSON_PATH.write_bytes(data)
    LICENSE_PATH.write_text(license_markdown(license_text, ne_version), encoding="utf-8")
    BUILD_INFO_PATH.write_text(build_info(data, len(gdf), ne_version, tolerance, fallbacks), encoding="utf-8")
    project_files()
    print(
        f"wrote {GEOJSON_PATH.name}: {len(gdf)} features, {len(data)} bytes, "
        f"tolerance {tolerance}, unsimplified: {', '.join(fallbacks) or 'none'}"
    )


def main(argv: list[str] | None = None) -> None:
    """Command line: optionally reuse an already downloaded (still verified) tarball."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tarball",
        type=Path,
        help="use this world-atlas tarball instead of running npm pack (its integrity is still checked)",
    )
    parser.add_argument(
        "--tolerance", type=float, default=SIMPLIFY_TOLERANCE, help="simplify tolerance in degrees"
    )
    parser.add_argument(
        "--project-only", action="store_true", help="only project the existing web/countries.geojson"
    )
    args = parser.parse_args(argv)
    if args.project_only:
        project_files()
    else:
        build(args.tarball, args.tolerance)


if __name__ == "__main__":
    main(sys.argv[1:])
