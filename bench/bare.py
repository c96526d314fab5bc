"""The bare page: the dashboard's map alone, to measure the dashboard's time-to-map against.

One st.pydeck_chart and one toggle: the countries drawn from the same static file as the dashboard's
map (/app/static/countries-equal-earth.geojson, Equal Earth km, an OrthographicView), pickable, with no
basemap; the toggle shades them, the redraw one widget change costs (a map click is timed against it).
`?width=N` gives it the dashboard's map width and height: the same canvas, the same pixels to draw.
bench/browser.py runs it from a folder that links this file and static/.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pydeck as pdk  # noqa: E402
import streamlit as st  # noqa: E402

from coopmap.app import sockets  # noqa: E402
from coopmap.ui.projection import fit, world_box, world_height  # noqa: E402

st.set_page_config(page_title="Bare map", layout="wide")
sockets.once()

asked = st.query_params.get("width", "")
width = int(asked) if asked.isdigit() and 100 <= int(asked) <= 4000 else 700
height = world_height(width)  # the dashboard's canvas at this width: the same pixels to draw
shaded = st.toggle("Shade the countries")  # bench/browser.py clicks this label
layer = pdk.Layer(
    "GeoJsonLayer",
    "/app/static/countries-equal-earth.geojson",
    id="countries",
    pickable=True,
    stroked=False,
    filled=True,
    get_fill_color=[158, 202, 225, 255] if shaded else [236, 236, 236, 255],
)
(x, y), zoom = fit(world_box(), width, height)
view = pdk.ViewState(target=[x, y, 0], zoom=zoom)
deck = pdk.Deck(
    layers=[layer],
    initial_view_state=view,
    map_provider=None,
    views=[pdk.View(type="OrthographicView", flipY=False)],
)
st.pydeck_chart(deck, width=width, height=height)
