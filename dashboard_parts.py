"""The page's parts, each drawn from the view's plan with its widgets: the sidebar, the link's notices,
the three tabs of the chart frame, the search box, the files, and pages of long lists."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from coopmap.app import state
from coopmap.app.page import Plan
from coopmap.i18n import labelled, t
from coopmap.paging import PANEL_CARDS, TABLE_ROWS, Page, page
from coopmap.permalink import Notice
from coopmap.ui import markup, table, words
from coopmap.ui.chart import chart, picked
from coopmap.ui.markup import literal

session = st.session_state
WIDGET_ID = re.compile(r"^\$\$ID-[0-9a-f]+-(?P<key>.+)$")  # Streamlit's id of a keyed widget ends in -KEY


def widgets_sent() -> frozenset[str]:
    """The keys of the widgets whose values the browser sent with this run: none on a first load, every
    widget's when a page open as the server restarted wakes. Only Streamlit's internals hold them."""
    try:
        sent = get_script_run_ctx().session_state._state._new_widget_state.states
    except AttributeError:  # another Streamlit: the link's view, as on a first load
        return frozenset()
    return frozenset(found["key"] for widget in sent if (found := WIDGET_ID.match(widget)))


def labels(options: dict[str, str]) -> Callable[[str], str]:
    """Each option's label; a value that is no option (a label the browser kept from a run before) as is."""
    return lambda option: options.get(option, str(option))


def resent(key: str, options: dict[str, str]) -> None:
    """A widget's value set again before it is drawn when its options' labels changed since it was last
    drawn (the language, the counts shown): a choice travels as its option's label, so the browser must
    take this run's. Else the browser's value stands, and an unchanged widget is sent as a reference to
    the copy the browser keeps (global.minCachedMessageSize)."""
    drawn = session.setdefault("drawn_labels", {})
    if key in session and drawn.get(key) != options:
        value = session[key]
        session[key] = list(value) if isinstance(value, list | tuple) else value
    drawn[key] = options


def choose(shown: Plan, key: str, words_key: str, options: dict[str, str], **more) -> None:
    """A multiselect whose typed name and Enter pick exactly the option named, never 'all matches'."""
    more = {"placeholder": shown.words("filters.placeholder"), **labelled(shown.lang, words_key), **more}
    resent(key, options)
    st.multiselect(options=list(options), format_func=labels(options), key=key, select_all=False, **more)


def one_of(label: str, options: dict[str, str], key: str) -> None:
    """A row of buttons, one always chosen, named for screen readers only."""
    shown = {"format_func": labels(options), "required": True, "label_visibility": "collapsed"}
    resent(key, options)
    st.segmented_control(label, list(options), key=key, **shown)


def sidebar(shown: Plan) -> None:
    say, span = shown.words, shown.span
    st.header(say("filters.header"))
    st.slider(say("filters.years"), *span, key="years", on_change=state.years_changed, args=(session, span))
    st.checkbox(say("filters.undated"), key="undated")
    choose(shown, "categories", "filters.categories", shown.options("categories"), help=shown.category_help)
    choose(shown, "actors", "filters.actors", shown.options("actors"))
    choose(shown, "scopes", "filters.scope", shown.options("scopes"))
    st.toggle(say("filters.show_groups"), key="show_groups")
    st.button(say("filters.reset"), on_click=state.reset, args=(session, span))


def notices(told: list[Notice], lang: str) -> None:
    """A link's notices in one quiet line, their list on a click, and a button that dismisses them."""
    if len(told) == 1:
        st.warning(literal(told[0].text(lang)), icon="⚠️")
    else:
        listed = "\n".join(f"- {literal(notice.text(lang))}" for notice in told)
        st.expander(f"⚠️ {literal(t(lang, 'notice.several', n=len(told)))}").markdown(listed)
    dismiss = {"on_click": state.dismiss_notices, "args": (session,)}
    st.button("✕", key="dismiss_notices", help=t(lang, "notice.dismiss"), **dismiss)


def pager(shown: Plan, name: str, total: int, size: int = PANEL_CARDS, told=words.page_range) -> Page:
    """The part of a long list to show, with a page box above it; a new filter starts at page 1."""
    if total <= size:
        return page(total, 1, size)
    box, where = st.columns([1, 3], vertical_alignment="bottom")
    key = f"page-{name}-{hash(shown.filters)}"
    part = page(total, box.number_input(shown.words("page.label"), 1, -(-total // size), key=key), size)
    where.caption(told(part, shown.lang))
    return part


@st.fragment
def cards(shown: Plan, name: str, ids: tuple[str, ...], includes: tuple[str, ...] = ()) -> None:
    """One page of a list of cards: turning its page reruns only this list."""
    part = pager(shown, name, len(ids))
    for at in range(part.start, part.stop):
        st.html(markup.card(shown.card(ids[at]), includes[at] if includes else "", shown.lang))


def map_tab(shown: Plan):
    """The map's place at the frame's full width (drawn at the end of the script; its zoom buttons are its
    own), and its key."""
    slot = st.empty()
    st.html(shown.legend)
    st.caption(literal(shown.map_words))
    return slot


def timeline_tab(shown: Plan) -> None:
    say, span = shown.words, shown.span
    st.caption(say("timeline.caption"))
    # Kept while another tab is shown: the figure and the link still need it.
    st.checkbox(say("timeline.source_years"), key="source_years", persist_state="page")
    if year := session.timeline_notice:
        st.info(say("timeline.not_stated_year", year=year, low=span[0], high=span[1]))
    session.update(state.year_ends(session))  # the years, however they were chosen
    with st.container(horizontal=True):
        for end in state.ENDS:
            chosen = {"on_change": state.end_chosen, "args": (session, span, end)}
            st.selectbox(say(f"timeline.{end}"), range(span[0], span[1] + 1), key=end, width=150, **chosen)
    key = f"timeline-{session.year_moves}"

    def clicked() -> None:
        state.bar_clicked(session, *picked(session[key]), span)

    st.vega_lite_chart(*chart(shown.year_bars(), span, shown.lang), key=key, on_select=clicked)


def table_tab(shown: Plan) -> None:
    """A page of the table, its count above it, at the frame's full width; the event a row opens below."""
    rows = pager(shown, "table", len(shown.selected), TABLE_ROWS, told=table.count)
    if line := shown.above_table(rows):
        st.markdown(line)  # a link in a caption lacks contrast
    on_page = shown.table_page(rows)
    ids = on_page.iloc[:, 0].tolist()
    key = "table-" + hashlib.sha1(",".join(ids).encode()).hexdigest()[:10]

    def picked_row() -> None:
        state.row_picked(session, list(session[key].selection.rows), ids)

    st.dataframe(on_page, **table.grid(len(ids), shown.lang), key=key, on_select=picked_row)
    if shown.open_card:
        st.subheader(words.event_heading(shown.open_card, shown.lang), anchor=table.EVENT_ANCHOR)
        st.html(markup.card(shown.open_card, "", shown.lang))
    else:
        st.info(shown.words("table.pick_hint"))


TABS = {"map": map_tab, "timeline": timeline_tab, "table": table_tab}


def search(shown: Plan) -> None:
    """The search box, a button that empties it, and what a search that finds nothing may have meant."""
    box = st.container(horizontal=True, vertical_alignment="bottom", gap="small")
    box.text_input(**labelled(shown.lang, "filters.search"), key="search")
    if not shown.filters.search:
        return
    clear = {"on_click": state.searched, "args": (session, ""), "icon": ":material/close:"}
    box.button(**labelled(shown.lang, "filters.search_clear"), key="search_clear", **clear)
    if shown.search_finds:
        return
    st.caption(literal(shown.words("filters.search_none", text=shown.filters.search)))
    if offered := shown.suggestions:
        row = st.container(horizontal=True, vertical_alignment="center", gap="small")
        row.markdown(literal(shown.words("filters.search_did_you_mean")), width="content")
        for at, term in enumerate(offered):
            kind = "primary" if at == 0 else "secondary"
            row.button(term, key=f"suggestion-{at}", type=kind, on_click=state.searched, args=(session, term))


def verdicts(shown: Plan) -> None:
    """What independent reporting says, as pills: any number chosen, each counted."""
    options = shown.options("verdicts")
    shown_as = {"format_func": labels(options), "selection_mode": "multi"}
    resent("verdicts", options)
    st.pills(**labelled(shown.lang, "filters.verdicts"), options=list(options), key="verdicts", **shown_as)


def files(shown: Plan, share) -> None:
    """The frame's footer: the table's files, the copy buttons (share), and the figures in a popover;
    each file is made only when asked for."""
    downloads = st.container(horizontal=True)
    # on_click="ignore": a rerun sent with the file request can lose the download under load
    for file in shown.tables():
        downloads.download_button(**vars(file), on_click="ignore")
    with downloads:
        share()
    figures = downloads.popover(shown.words("share.figures"), help=shown.words("figure.help"))
    for file in shown.figures():
        figures.download_button(**vars(file), on_click="ignore")
