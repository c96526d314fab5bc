"""The page: widgets, callbacks and st.* calls; what it shows is decided by coopmap, tested without
Streamlit, in the chosen language, source text escaped. Served by dashboard.py from the root, beside
static/ (served from the page's folder): in coopmap/ui/ its modules would shadow others on sys.path.
"""

from __future__ import annotations

import hashlib
import os
import sys
from datetime import UTC, datetime

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from coopmap import export, sockets, state
from coopmap.claims import Claim, counted_claims, country_panel
from coopmap.counts import map_counts, tally, year_counts
from coopmap.dataset.countries import sort_key
from coopmap.dataset.status import STATUSES
from coopmap.filters import SCOPES
from coopmap.i18n import LANGUAGES, listing, n_, t
from coopmap.paging import PANEL_CARDS, TABLE_ROWS, Page, page
from coopmap.paths import PAGE_CSS, data_dir
from coopmap.state import from_url, query_string
from coopmap.suggest import suggestions
from coopmap.ui import figure, loading, markup, table, words
from coopmap.ui.chart import chart, picked
from coopmap.ui.deck import MAP_JS, Choropleth, camera, map_data
from coopmap.ui.history import HISTORY_JS, history_data
from coopmap.ui.markup import literal
from coopmap.ui.share import SHARE_JS, share_data

st.set_page_config(page_title=t("en", "app.title"), page_icon="🗺️", layout="wide")  # named below, in lang

deck_map = st.components.v2.component("coopmap_map", js=MAP_JS, isolate_styles=False)
share_buttons = st.components.v2.component("share", js=SHARE_JS, isolate_styles=False)
history = st.components.v2.component("coopmap_history", js=HISTORY_JS, isolate_styles=False)
sockets.once()


root = data_dir(sys.argv[1:], os.environ)
page_lang = st.query_params.get("lang", "en")  # the language widget needs the package: the link's, until then
page_lang = page_lang if page_lang in LANGUAGES else "en"
# On every run, so that what follows keeps its place (else the map is mounted anew); a load's steps
# show in it while the package loads: a reader whose rerun loads a change sees what is being done.
slot = st.empty()
if loading.is_current(root):
    package_state = loading.loaded(root)
else:
    with slot.status(t(page_lang, "load.title"), expanded=True) as steps:
        package_state = loading.loaded(root, lambda step, **n: steps.write(t(page_lang, step, **n)))
    slot.empty()
ready, shapes, classes = package_state.ready, package_state.shapes, package_state.classes
if problems := package_state.problems:
    st.title(t(page_lang, "app.title"))
    st.error(t(page_lang, "app.invalid"))
    st.code("\n".join(str(p) for p in problems), language=None)
    st.stop()

pkg, events, span = ready.package, ready.events, ready.span


def read_link(asked) -> tuple[state.View, tuple]:
    """The view an address asks for, each part checked against the package shown, and its notices."""
    return from_url(
        asked, countries=shapes.names, categories=ready.offered["en"], actors=ready.actors, span=span,
        events=list(events["event_id"]),
    )  # fmt: skip


if st.session_state.get("package_serial") != package_state.serial:  # a first run, or a new version:
    clicks = st.session_state.get("map_clicks", -1)
    if clicks < 0:  # the link decides the view
        asked = {key: st.query_params.get_all(key) for key in st.query_params}
    else:  # the package changed under an open page: the view as the reader has just set it
        now = state.current(st.session_state, span)
        asked = now.url([now.event])
    state.start(st.session_state, *read_link(asked), span)
    st.session_state.update(package_serial=package_state.serial, map_clicks=clicks + 1)
elif getattr(get_script_run_ctx(), "is_history_navigation", False):
    # Back or Forward: Streamlit reruns with the address reached, and the widgets' values from before
    # (it says so only in its run context). The page shows that address's view, read as a link's is.
    asked = {key: st.query_params.get_all(key) for key in st.query_params}
    state.returned(st.session_state, read_link(asked)[0], span)

st.html(PAGE_CSS)
# At the top, not in the sidebar: on a phone the sidebar starts closed, and the language is one tap.
with st.container(horizontal=True, horizontal_alignment="right", vertical_alignment="center"):
    link_notices = st.container(horizontal=True, vertical_alignment="center", gap="small")  # every run
    lang = st.segmented_control(
        t("en", "app.language"), list(LANGUAGES), format_func=LANGUAGES.get, key="lang", required=True,
        label_visibility="collapsed",
    )  # fmt: skip
st.set_page_config(page_title=ready.package.said("title", lang))  # the browser tab, in the page's language
labels, names, group_names = ready.labels[lang], ready.names[lang], ready.group_names[lang]
offered = ready.offered[lang]  # the categories events use, whatever else the package lists
view = state.current(st.session_state, span)
filters = view.filters  # every widget's value is in session state before the script draws it
selection = ready.select(filters)


def counted(field: str, shown) -> callable:
    """An option's label with how many events it would show under the other filters."""
    counts = selection.facet_counts(field)
    return lambda option: t(lang, "filters.option_count", label=shown(option), n=counts.get(option, 0))


def choose(key: str, label: str, options: list[str], shown, **more) -> None:
    """A multiselect whose typed name and Enter pick exactly the option named, never 'all matches'."""
    st.multiselect(
        t(lang, f"filters.{label}"), options, format_func=shown, key=key, select_all=False,
        placeholder=t(lang, "filters.placeholder"), **more,
    )  # fmt: skip


with st.sidebar:
    st.header(t(lang, "filters.header"))
    st.slider(
        t(lang, "filters.years"), span[0], span[1], key="years", on_change=state.years_changed,
        args=(st.session_state, span),
    )  # fmt: skip
    st.checkbox(t(lang, "filters.undated"), key="undated")
    choose(
        "categories", "categories", list(offered), counted("categories", offered.get),
        help=markup.definitions(offered, ready.definitions[lang]),
    )  # fmt: skip
    choose(
        "actors",
        "actors",
        list(ready.actors),
        counted("actors", lambda a: words.actor(a, ready.actors, lang)),
    )
    choose("scopes", "scope", list(SCOPES), counted("scopes", lambda s: t(lang, f"scope.{s}")))
    st.toggle(t(lang, "filters.show_groups"), key="show_groups")  # its value from the link: state.start
    st.button(t(lang, "filters.reset"), on_click=state.reset, args=(st.session_state, span))

# On every run, empty or not: an element that comes and goes would move all that follows,
# and the map would be mounted anew, its canvas and geometry with it.
with st.container():
    if refused := package_state.refused:
        st.warning(n_(lang, "load.refused", len(refused), version=pkg.version), icon="⚠️")
        with st.expander(t(lang, "load.refused_list")):
            st.code("\n".join(str(p) for p in refused), language=None)

if told := state.notices(st.session_state, view):  # one quiet line beside the language; its list on a click
    with link_notices:
        if len(told) == 1:
            st.warning(literal(told[0].text(lang)), icon="⚠️")
        else:
            with st.expander(f"⚠️ {literal(t(lang, 'notice.several', n=len(told)))}"):
                st.markdown("\n".join(f"- {literal(notice.text(lang))}" for notice in told))
        st.button(
            "✕", key="dismiss_notices", help=t(lang, "notice.dismiss"), on_click=state.dismiss_notices,
            args=(st.session_state,),
        )  # fmt: skip

selected = selection.selected
counted_now = tally(selected, selection.undated_left_out)
summary_line = words.view_line(counted_now, filters, span, offered, lang, names)
on_map = map_counts(selected, pkg, ready.members, labels, group_names, lang)
in_words = words.map_in_words(on_map, names, group_names, st.session_state.show_groups, lang)
cards = ready.cards[lang]
shown_sources = figure.cited(ready.source_codes.counts(selection.rows()), ready.sources_by_id, lang)
# Read now: a figure is built when asked for, outside this run and its session state.
shaded_groups = tuple(on_map.group_claims) if st.session_state.show_groups else ()


def figure_words(kind: str, made: str) -> figure.Caption:
    """A figure's title, summary, sources (the independent ones of what it shows too) and origin."""
    title = pkg.said("title", lang)
    groups = shaded_groups if kind == "map" else ()
    others = figure.independent(pkg, selected["event_id"], groups, lang)
    return figure.caption(
        kind, title, summary_line, shown_sources, pkg.version, pkg.licence, made, lang, others
    )


def show_claim(claim: Claim, includes: str = "") -> None:
    """A card: verdict and key facts first, the comparison with independent reporting, then the passages."""
    st.html(markup.card(claim, includes, lang))


def pager(name: str, total: int, size: int = PANEL_CARDS, told=words.page_range) -> Page:
    """The part of a long list to show, with a page box above it (told says which part); a new filter
    starts at page 1."""
    if total <= size:
        return page(total, 1, size)
    box, where = st.columns([1, 3], vertical_alignment="bottom")
    key = f"page-{name}-{hash(filters)}"
    number = box.number_input(t(lang, "page.label"), 1, -(-total // size), key=key)
    shown = page(total, number, size)
    where.caption(told(shown, lang))
    return shown


@st.fragment
def show_claims(name: str, ids: tuple[str, ...], includes: tuple[str, ...] = ()) -> None:
    """One page of a list of cards: turning its page reruns only this list."""
    part = pager(name, len(ids))
    for at in range(part.start, part.stop):
        show_claim(cards[ids[at]], includes[at] if includes else "")


placed = ready.placed_years if st.session_state.source_years else None


def timeline_counts() -> pd.DataFrame:
    """The timeline's bars: built only where shown, on its tab or in its figure."""
    return year_counts(selection.every_year, span, filters.years, placed, undated=filters.undated_shown)


def show_map():
    """The map's place at the frame's full width (drawn at the end of the script), its key and controls."""
    slot = st.empty()
    key_column, controls_column = st.columns([4, 1.4], vertical_alignment="top")
    key_column.html(markup.legend(classes, st.session_state.show_groups, lang))
    controls = controls_column.container(horizontal=True, horizontal_alignment="right", gap="small")
    for label, key, steps in (("＋", "zoom_in", 1), ("－", "zoom_out", -1)):
        help_text = t(lang, f"map.{key}")
        controls.button(label, key=key, on_click=state.zoomed, args=(st.session_state, steps), help=help_text)
    reset = t(lang, "map.reset")
    controls.button(reset, key="reset_view", on_click=state.view_reset, args=(st.session_state,))
    st.caption(literal(in_words))
    return slot


def show_timeline() -> None:
    st.caption(t(lang, "timeline.caption"))
    # Kept while another tab is shown: the figure and the link still need it.
    st.checkbox(t(lang, "timeline.source_years"), key="source_years", persist_state="page")
    if year := st.session_state.timeline_notice:
        st.info(t(lang, "timeline.not_stated_year", year=year, low=span[0], high=span[1]))
    st.session_state.update(state.year_ends(st.session_state))  # the years, however they were chosen
    with st.container(horizontal=True):
        for end in state.ENDS:
            st.selectbox(
                t(lang, f"timeline.{end}"), range(span[0], span[1] + 1), key=end, width=150,
                on_change=state.end_chosen, args=(st.session_state, span, end),
            )  # fmt: skip
    key = f"timeline-{st.session_state.year_moves}"
    st.vega_lite_chart(
        *chart(timeline_counts(), span, lang),
        key=key,
        on_select=lambda: state.bar_clicked(st.session_state, *picked(st.session_state[key]), span),
    )


def show_table() -> None:
    """A page of the table, its count above it, at the frame's full width; the event a row opens below."""
    rows = pager("table", len(selected), TABLE_ROWS, told=table.count)
    above = st.empty()  # filled once the row picked in this run is known
    on_page = ready.full(selected.iloc[rows.start : rows.stop], table.COLUMNS)
    page_ids = list(on_page["event_id"])
    picked = st.dataframe(
        table.shown_table(on_page, pkg, names, labels, lang), hide_index=True, on_select="rerun",
        selection_mode="single-row", width="stretch", height=table.height(len(on_page)),
        column_config=table.column_config(lang), row_height=table.ROW_PX,
        key="table-" + hashlib.sha1(",".join(page_ids).encode()).hexdigest()[:10],
    )  # fmt: skip
    state.row_picked(st.session_state, list(picked.selection.rows) if picked else [], page_ids)
    opened = cards[st.session_state.event] if event_shown() else None
    if line := table.above(rows, words.event_heading(opened, lang) if opened else "", lang):
        above.markdown(line)  # a link in a caption lacks contrast
    if opened:
        st.subheader(words.event_heading(opened, lang), anchor=table.EVENT_ANCHOR)
        show_claim(opened)
    else:
        st.info(t(lang, "table.pick_hint"))


def event_shown() -> bool:
    """Whether the open event is one the filters show."""
    event = st.session_state.event
    return bool(event) and bool(selected["event_id"].eq(event).any())


def show_search() -> None:
    """The search box, a button that empties it, and what a search that finds nothing may have meant."""
    box = st.container(horizontal=True, vertical_alignment="bottom", gap="small")
    box.text_input(
        t(lang, "filters.search"), key="search", placeholder=t(lang, "filters.search_placeholder"),
        help=t(lang, "filters.search_help"),
    )  # fmt: skip
    if not filters.search:
        return
    box.button(
        t(lang, "filters.search_clear"), key="search_clear", icon=":material/close:",
        help=t(lang, "filters.search_clear_help"), on_click=state.searched, args=(st.session_state, ""),
    )  # fmt: skip
    if ready.finds(filters.search):
        return
    st.caption(literal(t(lang, "filters.search_none", text=filters.search)))
    if offered := suggestions(filters.search, ready.terms(), ready.finds):
        row = st.container(horizontal=True, vertical_alignment="center", gap="small")
        row.markdown(literal(t(lang, "filters.search_did_you_mean")), width="content")
        for at, search in enumerate(offered):
            row.button(
                search, key=f"suggestion-{at}", type="primary" if at == 0 else "secondary",
                on_click=state.searched, args=(st.session_state, search),
            )  # fmt: skip


TAB_DRAWN = {"map": show_map, "timeline": show_timeline, "table": show_table}
# One frame, as a chart in a report: title, summary, the chart, its controls, then sources and files.
with st.container(border=True):
    tab = st.session_state.tab
    st.title(t(lang, f"figure.{tab}_title", title=pkg.said("title", lang)), anchor=False)
    st.caption(literal(pkg.said("description", lang)))
    st.markdown(f"**{literal(summary_line)}**")
    with st.container():  # on every run, like the warnings above
        if offer := words.undated_offer(counted_now, filters, lang):
            note, button = st.columns([4, 1], vertical_alignment="center")
            note.caption(offer.text)
            button.button(
                offer.button, key=offer.key, on_click=lambda: st.session_state.update(undated=offer.show)
            )
    st.segmented_control(
        t(lang, "frame.label"), list(TAB_DRAWN), format_func=lambda k: t(lang, f"frame.{k}"), key="tab",
        required=True, label_visibility="collapsed",
    )  # fmt: skip
    map_slot = TAB_DRAWN[tab]()  # only the tab shown is built; the map's tab gives the map's place
    if filters.countries:
        chosen = listing(lang, [names.get(c, c) for c in filters.countries])
        st.markdown(f"[{literal(t(lang, 'frame.to_panel', names=chosen))}](#passages)")
    else:
        st.caption(t(lang, "panel.prompt"))
    search_column, country_column = st.columns(2)
    with search_column:
        show_search()
    with country_column:
        choose(
            "countries", "countries", sorted(shapes.names, key=lambda c: sort_key(names[c], lang)),
            words.bilingual_names(ready.names, lang, ready.aliases).get,
            help=t(lang, "filters.countries_help"), on_change=lambda: st.session_state.update(zoom_steps=0),
            filter_mode="fuzzy",
        )  # fmt: skip
    st.pills(
        t(lang, "filters.verdicts"), list(STATUSES), selection_mode="multi", key="verdicts",
        format_func=counted("statuses", lambda s: words.status_badge(s, lang)),
        help=t(lang, "filters.verdicts_help"),
    )  # fmt: skip

    shown_ids = {st.session_state.event} if event_shown() else set()
    wanted = state.current(st.session_state, span).url(shown_ids)  # a table row may have opened an event
    accessed = words.reader_date(st.context.timezone, datetime.now(UTC))
    link = words.full_link(st.context.url, query_string(wanted))
    citation = words.view_citation(pkg.said("title", lang), pkg.version, summary_line, link, accessed, lang)
    origin = t(lang, "frame.origin", title=pkg.said("title", lang), version=pkg.version, licence=pkg.licence)
    st.caption(literal(" ".join(filter(None, (figure.sources_line(shown_sources, lang), origin)))))
    downloads = st.container(horizontal=True)  # side by side; each file is built only when pressed
    downloads.download_button(
        t(lang, "table.download_csv"), data=lambda: export.csv_file(ready.full(selected), pkg),
        file_name=export.file_name(filters, "csv"), mime="text/csv",
        on_click="ignore",  # a rerun sent with the file request can lose the download under load
        help=t(lang, "table.download_help"),
    )  # fmt: skip
    downloads.download_button(
        t(lang, "table.download_json"),
        data=lambda: export.json_file(ready.full(selected), summary_line, pkg, lang),
        file_name=export.file_name(filters, "json"), mime="application/json", on_click="ignore",
    )  # fmt: skip
    with downloads:
        share_buttons(data=share_data(link, citation, lang), key="share")
    figures = downloads.popover(t(lang, "share.figures"), help=t(lang, "figure.help"))

# What the map shows, screen and figure alike; fixed now, as a figure is built later, when asked for.
map_view = Choropleth(
    counts=on_map.by_country,
    classes=classes,
    context=on_map.context,
    show_groups=st.session_state.show_groups,
    focus=filters.countries,
    lang=lang,
    names=names,
    camera=camera(shapes, filters.countries, st.session_state.zoom_steps, st.session_state.resets),
    claimed=ready.own_counts,
)
figure_specs = {
    "map": lambda made: figure.map_spec(map_view, shapes, figure_words("map", made)),
    "timeline": lambda made: figure.timeline_spec(
        timeline_counts(), span, figure_words("timeline", made), lang
    ),
}
for kind, spec in figure_specs.items():
    for form in ("svg", "png"):
        figures.download_button(
            t(lang, f"figure.{kind}_{form}"), key=f"figure-{kind}-{form}",
            data=lambda spec=spec, form=form: getattr(figure, form)(spec(accessed.isoformat())),
            file_name=export.file_name(filters, form, kind), on_click="ignore",
            mime="image/svg+xml" if form == "svg" else "image/png",
        )  # fmt: skip

in_panel: frozenset[str] = frozenset()
if filters.countries:
    panel = country_panel(
        pkg, filters.countries, selected, names, lang, cards, ready.own_counts, ready.mentioned
    )
    st.html('<span id="passages"></span>')
    for section in panel.countries:
        st.header(section.name)
        if section.own_ids:
            st.markdown(f"**{literal(n_(lang, 'panel.reported', len(section.own_ids)))}**")
            show_claims(section.iso3, section.own_ids)
        else:
            st.markdown(literal(t(lang, f"panel.{section.why_none}", name=section.name)))
        if section.hidden:
            st.caption(n_(lang, "panel.hidden", section.hidden))
    if panel.via_ids:
        st.subheader(t(lang, "panel.via_groups", name=listing(lang, [s.name for s in panel.countries])))
        show_claims("groups", panel.via_ids, panel.includes)
    in_panel = frozenset(panel.via_ids)

if counted := counted_claims(selected, in_panel):
    st.header(t(lang, "panel.counted", n=len(counted)))
    st.caption(t(lang, "panel.counted_caption"))
    show_claims("counted", counted)

st.divider()
st.header(t(lang, "cite.header"))
sources = pager("sources", len(ready.cited_sources))  # independent ones are listed with their claims
st.html("".join(markup.source_entry(s, lang) for s in ready.cited_sources[sources.start : sources.stop]))
st.markdown(literal(t(lang, "cite.licences", title=pkg.said("title", lang), version=pkg.version,
                       licence=pkg.licence)))  # fmt: skip
st.markdown(f"**{literal(t(lang, 'cite.how'))}**")
st.text(citation)  # plain text to select and copy: a code block loads a highlighter for it


# The address follows the view: a reader's change is a new entry of the browser's history, which
# Streamlit pushes; a link's first view is put in place of the link by the page's history script.
address_change = state.addressed(st.session_state, wanted)
if address_change == "push":
    st.query_params.from_dict(wanted)
history(data=history_data(wanted if address_change == "replace" else None), key="history")

# The map is drawn last, so the rest of the page is not held back while software WebGL draws it.
# It fits itself to its width in the browser; a rerun sends it colours, texts and the camera's request.
if map_slot is not None:
    map_label = f"{t(lang, 'map.alt')} {in_words} {t(lang, 'map.keyboard')}"

    def map_clicked() -> None:
        state.country_clicked(st.session_state, (st.session_state.get("map") or {}).get("country"))

    with map_slot:
        deck_map(key="map", data=map_data(map_view, shapes, map_label), on_country_change=map_clicked)
