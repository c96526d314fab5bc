"""Where the checkout keeps its data: the one module that knows the folders."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
GEOJSON = ROOT / "geo" / "web" / "countries.geojson"  # static/ links to geo/web/: all the browser may fetch
STRINGS_DIR = Path(__file__).resolve().parent / "strings"
