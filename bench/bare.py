"""The bare page: the dashboard's map alone (one st.pydeck_chart and a toggle), to time the dashboard's map
and its clicks against; bench/browser.py serves it with `?width=N`, the width of the dashboard's map.
Method and results: bench/README.md, section "Browser time-to-map"."""

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
