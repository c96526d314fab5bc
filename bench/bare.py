"""The bare page: the dashboard's map alone (one st.pydeck_chart and a toggle), to time the dashboard's map
and its clicks against; bench/browser.py serves it with `?width=N`, the width of the dashboard's map.
With `&around=1` the same chart sits among elements of the kinds and number the dashboard's first view
sends (widgets, text, files), holding no logic: what Streamlit alone costs a page of that size.
Method and results: bench/README.md, section "Browser time-to-map"."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pycountry  # noqa: E402
import pydeck as pdk  # noqa: E402
import streamlit as st  # noqa: E402

from coopmap.app import sockets  # noqa: E402
from coopmap.ui.projection import fit, world_box, world_height  # noqa: E402

st.set_page_config(page_title="Bare map", layout="wide")
sockets.once()

asked = st.query_params.get("width", "")
width = int(asked) if asked.isdigit() and 100 <= int(asked) <= 4000 else 700
height = world_height(width)  # the dashboard's canvas at this width: the same pixels to draw
around = st.query_params.get("around") == "1"
TEXT = "A line of text as long as one of the page's summaries, with **some** words in bold. " * 3
NAMES = sorted(country.name for country in pycountry.countries)  # as many as the Countries box lists


def chart(shaded: bool) -> None:
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


def sidebar() -> None:
    with st.sidebar:
        st.header("Filters")
        st.slider("Years", 2000, 2021, (2000, 2021))
        st.checkbox("Undated")
        for name in ("Categories", "Actors", "Scopes"):
            st.multiselect(name, [f"{name} {n}" for n in range(8)])
        st.toggle("Groups", value=True)
        st.button("Reset")


def frame():
    """Everything but the toggle and the chart, the same on every run; the chart's place is returned."""
    with st.container(horizontal=True, horizontal_alignment="right"):
        st.segmented_control("Language", ["English", "中文"], default="English", label_visibility="collapsed")
    with st.container(border=True):
        st.title("Reported security cooperation", anchor=False)
        st.caption(TEXT)
        st.markdown(TEXT)
        tabs = ["Map", "Timeline", "Table"]
        st.segmented_control("View", tabs, default="Map", label_visibility="collapsed")
        chart_slot = st.container()
        with st.container(horizontal=True):
            st.html("<div>" + " ".join(f"<span>{n} events</span>" for n in range(8)) + "</div>")
            for label in ("＋", "－", "Reset view"):
                st.button(label)
        st.caption(TEXT)
        left, right = st.columns(2)
        left.text_input("Search the passages")
        right.multiselect("Countries", NAMES)
        st.pills("Verdicts", ["confirmed", "contradicted", "not checked"], selection_mode="multi")
        st.caption(TEXT)
        with st.container(horizontal=True):
            for n in range(6):
                st.download_button(f"File {n}", data=TEXT * 4, file_name=f"file{n}.txt")
    st.html("<p>" + TEXT * 4 + "</p>")
    st.header("Passages")
    for _ in range(2):
        st.markdown(TEXT)
        st.html("<blockquote>" + TEXT * 8 + "</blockquote>")
    st.divider()
    st.header("Sources and how to cite")
    st.html("<ol>" + "<li>A source, its date and its address</li>" * 4 + "</ol>")
    st.markdown(TEXT)
    st.text(TEXT)
    return chart_slot


shaded = st.toggle("Shade the countries")  # bench/browser.py clicks this label
if around:
    sidebar()
    with frame():
        chart(shaded)
else:
    chart(shaded)
