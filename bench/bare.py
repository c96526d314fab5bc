"""The bare page: the dashboard's map alone, to measure the dashboard's time-to-map against.

One st.pydeck_chart and nothing else: no sidebar, widget, panel, table or timeline. The deck is
coopmap.ui.deck.build_deck's, with nothing reported, so what it draws is the country geometry the
dashboard draws under everything else: the static file /app/static/countries.geojson, filled with
its borders and once more as the (empty) pickable layer, with the same options (no basemap, same
controller and tooltip, empty pickable layers). `?width=N` gives the map the width the dashboard's
map column reports at the same window, and the height and camera the dashboard then fits the world
to: the same canvas, so the same pixels to draw (without it, the dashboard's default: 700 px).
Its server sends without delay, as the dashboard's does (coopmap.sockets).

bench/browser.py runs it as `streamlit run` from a temporary folder that links this file and the
project's static/ folder, because Streamlit serves /app/static/ from beside the main script.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from coopmap import sockets  # noqa: E402
from coopmap.ui.deck import DEFAULT_WIDTH, MapShapes, MapView, build_deck, world_camera  # noqa: E402

st.set_page_config(page_title="Bare map", layout="wide")
sockets.once()

asked = st.query_params.get("width", "")
width = int(asked) if asked.isdigit() and 100 <= int(asked) <= 4000 else DEFAULT_WIDTH
camera = world_camera(width)
nothing = MapShapes(names={}, coarse={}, points={}, small=frozenset())
view = MapView(counts={}, classes=(), context={}, group_ids=(), camera=camera)
st.pydeck_chart(build_deck(view, nothing), width=width, height=camera.height)
