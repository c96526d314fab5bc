"""Reported security cooperation: the events table with its sources (the map comes next)."""

from __future__ import annotations

import streamlit as st

from data.package import load
from data.validate import validate

st.set_page_config(page_title="Reported security cooperation", layout="wide")


@st.cache_resource
def package():
    problems = validate()
    return problems, (None if problems else load())


problems, pkg = package()
st.title("Reported security cooperation")
if problems:
    st.error("The data package is invalid; nothing is shown until it is fixed.")
    st.code("\n".join(str(p) for p in problems), language=None)
    st.stop()

events = pkg["events"]
st.caption(
    f"{len(events)} events reported by one news analysis and its Chinese translation, each resting on a "
    "verbatim passage. What the source reports, attributed; not established fact."
)
st.dataframe(
    events[["event_id", "scope", "country_iso3", "group_id", "year", "category", "actor_en", "summary_en"]],
    hide_index=True,
)
st.caption(f"Dataset version {pkg.version}. Sources: " + "; ".join(pkg["sources"]["title"]))
