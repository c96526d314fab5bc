"""The bare page: the dashboard's map alone, to measure the dashboard's time-to-map against.

One st.pydeck_chart and nothing else: no sidebar, widget, panel, table or timeline. It draws the
countries once, from the static file /app/static/countries.geojson (lon/lat, Web Mercator), pickable,
with no basemap. `?width=N` gives it the width of the dashboard's map at the same window and the
height the dashboard's map takes at that width: the same canvas, so the same pixels to draw.
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

import pydeck as pdk  # noqa: E402
import streamlit as st  # noqa: E402

from coopmap import sockets  # noqa: E402
from coopmap.ui.projection import world_height  # noqa: E402

st.set_page_config(page_title="Bare map", layout="wide")
sockets.once()

asked = st.query_params.get("width", "")
width = int(asked) if asked.isdigit() and 100 <= int(asked) <= 4000 else 700
height = world_height(width)  # the dashboard's canvas at this width: the same pixels to draw
layer = pdk.Layer(
    "GeoJsonLayer",
    "/app/static/countries.geojson",
    id="countries",
    pickable=True,
    stroked=False,
    filled=True,
    get_fill_color=[236, 236, 236, 255],
)
view = pdk.ViewState(longitude=5.5, latitude=30.0, zoom=max(-1.0, __import__("math").log2(width / 512)))
deck = pdk.Deck(layers=[layer], initial_view_state=view, map_provider=None, views=[pdk.View(type="MapView")])
st.pydeck_chart(deck, width=width, height=height)
