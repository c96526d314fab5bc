"""Where the checkout keeps its data, and which data package to show: the one module that knows folders."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
GEOJSON = ROOT / "geo" / "web" / "countries.geojson"  # static/ links to geo/web/: all the browser may fetch
STRINGS_DIR = Path(__file__).resolve().parent / "strings"
DATA_VARIABLE = "DASHBOARD_DATA"


def data_dir(argv: Sequence[str], environ: Mapping[str, str]) -> Path:
    """The package to show: `streamlit run dashboard.py -- --data PATH`, else $DASHBOARD_DATA, else data/."""
    parser = argparse.ArgumentParser(prog="dashboard.py", add_help=False)
    parser.add_argument("--data")
    chosen = parser.parse_known_args(list(argv))[0].data or environ.get(DATA_VARIABLE)
    return Path(chosen).expanduser().resolve() if chosen else DATA_DIR
