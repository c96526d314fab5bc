"""Where the checkout keeps its data, and which data package to show: the one module that knows folders."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
STATIC = ROOT / "geo" / "web"  # static/ links here: all the browser may fetch
GEOJSON = STATIC / "countries.geojson"  # the shapes in lon/lat, read by the server
MAP_GEOJSON = STATIC / "countries-equal-earth.geojson"  # the same, projected: what the map fetches
PAGE_CSS = Path(__file__).resolve().parent / "ui" / "page.css"  # the page's few styles, read by st.html
STRINGS_DIR = Path(__file__).resolve().parent / "strings"
DATA_VARIABLE = "DASHBOARD_DATA"
CACHE_VARIABLE = "COOPMAP_CACHE"


def data_dir(argv: Sequence[str], environ: Mapping[str, str]) -> Path:
    """The package to show: `streamlit run dashboard.py -- --data PATH`, else $DASHBOARD_DATA, else data/."""
    parser = argparse.ArgumentParser(prog="dashboard.py", add_help=False)
    parser.add_argument("--data")
    chosen = parser.parse_known_args(list(argv))[0].data or environ.get(DATA_VARIABLE)
    return Path(chosen).expanduser().resolve() if chosen else DATA_DIR


def cache_dir(environ: Mapping[str, str]) -> Path:
    """Where work already done is recorded, outside any data package.

    $COOPMAP_CACHE, else $XDG_CACHE_HOME/coopmap, else ~/.cache/coopmap.
    """
    if environ.get(CACHE_VARIABLE):
        return Path(environ[CACHE_VARIABLE]).expanduser()
    xdg = environ.get("XDG_CACHE_HOME", "")
    if Path(xdg).is_absolute():  # the XDG specification ignores a relative path
        return Path(xdg) / "coopmap"
    return (Path(environ["HOME"]) if environ.get("HOME") else Path.home()) / ".cache" / "coopmap"
