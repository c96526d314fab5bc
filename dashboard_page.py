"""The page: the package loaded, the view read from the widgets, its plan computed once (coopmap.app.page),
and the plan's fields drawn, each part by dashboard_parts. Served by dashboard.py from the root, beside
static/ (served from the page's folder): in coopmap/ its modules would shadow others on sys.path."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from functools import partial

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

import dashboard_parts as parts
from coopmap.app import loading, sockets, state
from coopmap.app.page import plan, read_link
from coopmap.i18n import LANGUAGES, n_, t
from coopmap.paths import data_dir
from coopmap.ui.deck import MAP_JS, MAP_NAMES_JS
from coopmap.ui.history import HISTORY_JS, history_data
from coopmap.ui.markup import PAGE_STYLE, literal
from coopmap.ui.share import SHARE_JS, share_data

st.set_page_config(page_title=t("en", "app.title"), page_icon="🗺️", layout="wide")  # named below, in lang
deck_map = st.components.v2.component("coopmap_map", js=MAP_JS, isolate_styles=False)
map_names = st.components.v2.component("coopmap_map_names", js=MAP_NAMES_JS, isolate_styles=False)
share_buttons = st.components.v2.component("share", js=SHARE_JS, isolate_styles=False)
history = st.components.v2.component("coopmap_history", js=HISTORY_JS, isolate_styles=False)
sockets.once()
session = st.session_state

root = data_dir(sys.argv[1:], os.environ)
link_lang = st.query_params.get("lang", "en")  # the language widget needs the package: the link's until then
link_lang = link_lang if link_lang in LANGUAGES else "en"
# On every run, so that what follows keeps its place (else the map is mounted anew); a load's steps
# show in it while the package loads: a reader whose rerun loads a change sees what is being done.
slot = st.empty()
if loading.is_current(root):
    loaded = loading.loaded(root)
else:
    with slot.status(t(link_lang, "load.title"), expanded=True) as steps:
        loaded = loading.loaded(root, lambda step, **n: steps.write(t(link_lang, step, **n)))
    slot.empty()
if loaded.problems:
    st.title(t(link_lang, "app.title"))
    st.error(t(link_lang, "app.invalid"))
    st.code("\n".join(str(p) for p in loaded.problems), language=None)
    st.stop()

span = loaded.ready.span

asked = {key: st.query_params.get_all(key) for key in st.query_params}
# Back or Forward reruns with the address reached; Streamlit says so only in its run context.
returned = getattr(get_script_run_ctx(), "is_history_navigation", False)
held = parts.widgets_sent()  # none on a first load; all on a page that was open as the server restarted
restored = state.arrive(session, loaded.serial, asked, partial(read_link, loaded), span, returned, held)

st.html(PAGE_STYLE)
# At the top, not in the sidebar: on a phone the sidebar starts closed, and the language is one tap.
with st.container(horizontal=True, horizontal_alignment="right", vertical_alignment="center"):
    link_notices = st.container(horizontal=True, vertical_alignment="center", gap="small")  # every run
    parts.one_of(t("en", "app.language"), LANGUAGES, "lang")
view = state.current(session, span)  # every widget's value is in session state before the script draws it
lang, context = view.lang, st.context
when = {"timezone": context.timezone, "now": datetime.now(UTC)}
shown = plan(loaded, view, resets=session.resets, page_url=context.url, **when)
say = shown.words
st.set_page_config(page_title=shown.dataset_title)  # the browser tab, in the page's language

with st.sidebar:
    parts.sidebar(shown)
# On every run, empty or not: an element that comes and goes would move all that follows,
# and the map would be mounted anew, its canvas and geometry with it.
with st.container():
    if refused := loaded.refused:
        st.warning(n_(lang, "load.refused", len(refused), version=loaded.ready.package.version), icon="⚠️")
        st.expander(say("load.refused_list")).code("\n".join(map(str, refused)), language=None)
if told := state.notices(session, view):  # one quiet line beside the language; its list on a click
    with link_notices:
        parts.notices(told, lang)

# One frame, as a chart in a report: title, summary, the chart, its controls, then sources and files.
with st.container(border=True):
    st.title(shown.title, anchor=False)
    st.caption(literal(shown.description))
    st.markdown(f"**{literal(shown.summary)}**")
    with st.container():  # on every run, like the warnings above
        if offer := shown.undated_offer:
            note, button = st.columns([4, 1], vertical_alignment="center")
            note.caption(offer.text)
            button.button(offer.button, key=offer.key, on_click=partial(session.update, undated=offer.show))
    parts.one_of(say("frame.label"), {tab: say(f"frame.{tab}") for tab in parts.TABS}, "tab")
    map_slot = parts.TABS[view.tab](shown)  # only the tab shown is built; the map's gives the map's place
    if shown.to_panel:
        st.markdown(shown.to_panel)
    else:
        st.caption(say("panel.prompt"))
    search_column, country_column = st.columns(2)
    with search_column:
        parts.search(shown)
    with country_column:
        parts.choose(shown, "countries", "filters.countries", shown.countries, filter_mode="fuzzy")
    parts.verdicts(shown)
    st.caption(literal(shown.footer))
    parts.files(shown, lambda: share_buttons(data=share_data(shown.link, shown.citation, lang), key="share"))

if shown.panel:
    st.html('<span id="passages"></span>')
for section in shown.sections:
    getattr(st, section.level)(section.heading)
    if section.lead:
        st.markdown(section.lead)
    if section.caption:
        st.caption(section.caption)
    if section.ids:
        parts.cards(shown, section.key, section.ids, section.includes)
    if section.note:
        st.caption(section.note)

st.divider()
st.header(say("cite.header"))
sources = parts.pager(shown, "sources", len(shown.ready.cited_sources))  # independent ones: with their claims
st.html(shown.source_entries(sources))
st.markdown(shown.licences)
st.markdown(f"**{literal(say('cite.how'))}**")
st.text(shown.citation)  # plain text to select and copy: a code block loads a highlighter for it

# The address follows the view: a reader's change is a new entry of the browser's history, which
# Streamlit pushes; a link's first view is put in place of the link by the page's history script.
address_change = state.addressed(session, shown.address)
if address_change == "push":
    st.query_params.from_dict(shown.address)
history(data=history_data(shown.address if address_change == "replace" else None), key="history")

# The map is drawn last, so the rest of the page is not held back while software WebGL draws it.
# It fits itself to its width in the browser; a rerun sends it colours, texts and the camera's request.
if map_slot is not None:

    def map_clicked() -> None:
        state.country_clicked(session, (session.get("map") or {}).get("country"))

    map_names(data=shown.map_names, key="map_names")  # the language's names: a reference while unchanged
    with map_slot:
        drawn = deck_map(key="map", data=shown.map_data(), on_country_change=map_clicked)
    if restored:  # a tap on the map that woke the page had no callback to call: the next run chooses it
        session[state.WOKEN] = drawn.country
if restored:  # the widgets drawn hold the reader's values now: the page is drawn from them
    st.rerun()
