"""Reported security cooperation: map, timeline, drill-down to passages, table and downloads.

Widgets and their wiring. Filtering, counting, the map, the timeline, the cards, the URL and
the downloads are decided by the functions imported below, which are tested without
Streamlit. Every UI string comes from the catalogue (coopmap/strings) in the chosen language.
Source text is shown as plain text: HTML-escaped inside st.html, Markdown-escaped elsewhere.
"""

from __future__ import annotations

import hashlib
import html

import pandas as pd
import streamlit as st

from coopmap import claims, export, permalink
from coopmap.counts import year_counts, year_pick
from coopmap.dataset.countries import country_name, is_iso3, sort_key
from coopmap.dataset.package import load
from coopmap.dataset.shapes import load_countries
from coopmap.dataset.status import STATUS_SYMBOLS, source_years, with_status
from coopmap.dataset.validate import validate
from coopmap.filters import (
    SCOPES,
    STATUSES,
    Filters,
    apply,
    facet_counts,
    search_text,
    summary,
    undated_left_out,
    year_span,
)
from coopmap.i18n import LANGUAGES, listing, n_, t
from coopmap.ui import markup
from coopmap.ui.chart import chart
from coopmap.ui.deck import Context, MapView, build_deck, camera, clicked_country, map_shapes
from coopmap.ui.markup import literal
from coopmap.ui.palette import CONTEXT, GROUP_LINE, NO_REPORTS, count_classes

st.set_page_config(page_title=t("en", "app.title"), page_icon="🗺️", layout="wide")

# Reports the map column's width, so the map can fit the world to it (the server cannot see the page).
WIDTH_JS = """
export default function (component) {
  const { setStateValue, parentElement } = component;
  let sent = 0, timer = null;
  const report = () => {
    const width = Math.round(parentElement.getBoundingClientRect().width);
    if (width > 0 && Math.abs(width - sent) >= 16) { sent = width; setStateValue("width", width); }
  };
  const observer = new ResizeObserver(() => { clearTimeout(timer); timer = setTimeout(report, 150); });
  observer.observe(parentElement);
  report();
  return () => { observer.disconnect(); clearTimeout(timer); };
}
"""
map_width = st.components.v2.component("map_width", js=WIDTH_JS, isolate_styles=False)


@st.cache_resource(show_spinner=False)
def resources():
    """Validate, load and precompute once per process; reruns only select and format."""
    problems = validate()
    if problems:
        return problems, None, None, None
    pkg = load()
    members = pkg["group_members"].groupby("group_id")["country_iso3"].apply(list).to_dict()
    shapes = map_shapes(load_countries(), members)
    names = {lang: {c: country_name(c, lang) if is_iso3(c) else shapes.names[c] for c in shapes.names}
             for lang in LANGUAGES}  # fmt: skip
    events = with_status(pkg["events"], pkg["corroborations"])
    events = events.assign(search_text=search_text(pkg, names))
    own_counts = events[events["scope"] == "country"]["country_iso3"].value_counts()
    derived = {
        "events": events,
        "names": names,
        "members": members,
        "placed_years": source_years(pkg["corroborations"]),
        "span": year_span(events),
        "actors": events.drop_duplicates("actor").set_index("actor")["actor_en"].to_dict(),
        # The count scale is the dataset's, so a count keeps its colour under every filter.
        "classes": tuple(count_classes(int(own_counts.max()) if len(own_counts) else 0)),
    }
    return [], pkg, shapes, derived


problems, pkg, shapes, derived = resources()
if problems:
    st.title(t("en", "app.title"))
    st.error(t("en", "app.invalid"))
    st.code("\n".join(str(p) for p in problems), language=None)
    st.stop()

events, all_names, member_lists = derived["events"], derived["names"], derived["members"]
placed_years, span, actors, classes = (derived[k] for k in ("placed_years", "span", "actors", "classes"))
members = pkg["group_members"]
categories = pkg["categories"]


def defaults() -> dict:
    return {
        "countries": [],
        "years": span,
        "undated": True,
        "verdicts": [],
        "categories": [],
        "actors": [],
        "scopes": [],
        "search": "",
        "event": None,
        "zoom_steps": 0,
        "timeline_notice": None,
    }


def view_from_url() -> None:
    """On a session's first run, the URL decides the language, the filters and the open event."""
    parsed = permalink.parse(
        st.query_params.to_dict(),
        countries=list(shapes.names),
        categories=list(categories["category_id"]),
        actors=list(actors),
        year_bounds=span,
        events=list(events["event_id"]),
    )
    f = parsed.filters
    years = None if f.years == span else f.years
    st.session_state.update(
        defaults(),
        countries=list(f.countries),
        years=years or span,
        undated=years is None if f.include_undated is None else f.include_undated,
        verdicts=list(f.statuses),
        categories=list(f.categories),
        actors=list(f.actors),
        scopes=list(f.scopes),
        search=f.search,
        event=parsed.event,
        source_years=parsed.source_years,
        lang=parsed.lang,
        notices=list(parsed.notices),
        map_clicks=0,
        resets=0,
    )


def reset() -> None:
    st.session_state.update(defaults())
    st.session_state.resets += 1


def on_years_change() -> None:
    """A narrowed year range leaves out events of no stated year until the reader asks for them."""
    st.session_state.undated = tuple(st.session_state.years) == span
    st.session_state.timeline_notice = None


def on_countries_change() -> None:
    st.session_state.zoom_steps = 0


def on_map_click() -> None:
    code = clicked_country(st.session_state.get("map"))
    st.session_state.map_clicks += 1  # new ids for the pickable layers: the chart's own selection goes
    if code:
        st.session_state.countries = [code]
        st.session_state.zoom_steps = 0


def on_timeline_click() -> None:
    """A bar chooses its year; a year the article does not state (a source's) is refused visibly."""
    pick = year_pick(st.session_state.get("timeline"), span)
    st.session_state.timeline_notice = pick.refused
    if pick.years:
        st.session_state.years = pick.years
    if pick.undated is not None:
        st.session_state.undated = pick.undated


def zoom(steps: int) -> None:
    st.session_state.zoom_steps += steps


def reset_view() -> None:
    st.session_state.zoom_steps = 0
    st.session_state.resets += 1


if "map_clicks" not in st.session_state:
    view_from_url()

# ---- Language and names -----------------------------------------------------------------------
with st.sidebar:
    lang = st.segmented_control(
        t("en", "app.language"), list(LANGUAGES), format_func=LANGUAGES.get, key="lang", required=True
    )
labels = dict(zip(categories["category_id"], categories[f"label_{lang}"], strict=True))
names = all_names[lang]
other = "en" if lang == "zh" else "zh"
both = {
    c: f"{names[c]} · {all_names[other][c]}" if all_names[other][c] != names[c] else names[c] for c in names
}
scope_labels = {s: t(lang, f"scope.{s}") for s in SCOPES}
group_names = dict(zip(pkg["groups"]["group_id"], pkg["groups"][f"name_{lang}"], strict=True))
for group in pkg["groups"].loc[pkg["groups"]["kind"] == "aggregate", "group_id"]:
    group_names[group] = t(lang, "map.partial_group", name=group_names[group])


def current_filters() -> Filters:
    years = tuple(st.session_state.years)
    narrowed = None if years == span else (min(years), max(years))
    return Filters(
        countries=tuple(st.session_state.countries),
        years=narrowed,
        include_undated=st.session_state.undated,
        statuses=tuple(s for s in STATUSES if s in st.session_state.verdicts),
        categories=tuple(st.session_state.categories),
        actors=tuple(st.session_state.actors),
        scopes=tuple(st.session_state.scopes),
        search=st.session_state.search,
    )


filters = current_filters()  # every widget's value is in session state before the script draws it


def counted(field: str, shown) -> callable:
    """An option's label with how many events it would show under the other filters."""
    counts = facet_counts(events, members, filters, field)
    return lambda option: t(lang, "filters.option_count", label=shown(option), n=counts.get(option, 0))


def choose(key: str, label: str, options: list[str], shown, **more) -> None:
    """A multiselect whose typed name and Enter pick exactly the option named, never 'all matches'."""
    st.multiselect(
        t(lang, f"filters.{label}"), options, format_func=shown, key=key, select_all=False,
        placeholder=t(lang, "filters.placeholder"), **more,
    )  # fmt: skip


with st.sidebar:
    st.header(t(lang, "filters.header"))
    st.slider(t(lang, "filters.years"), span[0], span[1], key="years", on_change=on_years_change)
    st.checkbox(t(lang, "filters.undated"), key="undated")
    choose("categories", "categories", list(labels), counted("categories", labels.get))
    choose("actors", "actors", list(actors), counted("actors", lambda a: f"{actors[a]} ({a})"))
    choose("scopes", "scope", list(SCOPES), counted("scopes", scope_labels.get))
    st.toggle(t(lang, "filters.show_groups"), value=True, key="show_groups")
    st.button(t(lang, "filters.reset"), on_click=reset)

# ---- Header, search, country, verdict ----------------------------------------------------------
st.title(t(lang, "app.title"))
st.caption(t(lang, "app.intro"))
for notice in st.session_state.notices:
    st.warning(literal(notice.text(lang)), icon="⚠️")

search_column, country_column = st.columns(2)
search_column.text_input(
    t(lang, "filters.search"), key="search", placeholder=t(lang, "filters.search_placeholder"),
    help=t(lang, "filters.search_help"),
)  # fmt: skip
with country_column:
    choose(
        "countries", "countries", sorted(shapes.names, key=lambda c: sort_key(names[c], lang)), both.get,
        help=t(lang, "filters.countries_help"), on_change=on_countries_change, filter_mode="fuzzy",
    )  # fmt: skip
verdict_count = counted("statuses", lambda s: f"{STATUS_SYMBOLS[s]} {t(lang, f'status_short.{s}')}")
st.pills(
    t(lang, "filters.verdicts"), list(STATUSES), selection_mode="multi", key="verdicts",
    format_func=verdict_count, help=t(lang, "filters.verdicts_help"),
)  # fmt: skip

selected = apply(events, members, filters)
left_out = undated_left_out(events, members, filters)
summary_line = summary(selected, filters, events, labels, lang, names, left_out)
st.markdown(f"**{literal(summary_line)}**")
if left_out:
    note, show = st.columns([4, 1], vertical_alignment="center")
    note.caption(n_(lang, "undated.left_out", left_out))
    show.button(
        t(lang, "undated.show"), on_click=lambda: st.session_state.update(undated=True), key="show_undated"
    )
elif filters.years is not None and filters.undated_shown and selected["year"].isna().any():
    note, hide = st.columns([4, 1], vertical_alignment="center")
    note.caption(n_(lang, "undated.included", int(selected["year"].isna().sum())))
    hide.button(
        t(lang, "undated.hide"), on_click=lambda: st.session_state.update(undated=False), key="hide_undated"
    )

# ---- Map and drill-down --------------------------------------------------------------------
country_rows = selected[selected["scope"] == "country"]
counts = {
    iso3: {labels[c]: int(n) for c, n in rows["category"].value_counts().items()}
    for iso3, rows in country_rows.groupby("country_iso3")
}
group_rows = selected[
    selected["scope"].isin(["group", "aggregate"]) & selected["group_id"].isin(member_lists)
]
claims_by_group = group_rows.groupby("group_id")["event_id"].agg(tuple).to_dict()
context: dict[str, list[Context]] = {}
for row in members[members["group_id"].isin(claims_by_group)].itertuples():
    basis = "" if row.basis == "definition" else claims.source_short(pkg, row.basis, lang)
    context.setdefault(row.country_iso3, []).append(
        Context(group_names[row.group_id], claims_by_group[row.group_id], basis)
    )

map_column, panel_column = st.columns([3, 2], gap="medium")
with map_column:
    width = map_width(key="map_width", on_width_change=lambda: None).width
    cam = camera(
        shapes, filters.countries, width if isinstance(width, int | float) else None,
        st.session_state.zoom_steps, st.session_state.resets,
    )  # fmt: skip
    view = MapView(
        counts=counts,
        classes=classes,
        context={c: tuple(v) for c, v in context.items()},
        group_ids=tuple(sorted(claims_by_group)),
        show_groups=st.session_state.show_groups,
        focus=filters.countries,
        lang=lang,
        names=names,
        camera=cam,
        clicks=st.session_state.map_clicks,
    )
    totals = sorted(
        ((sum(c.values()), iso3) for iso3, c in counts.items()), key=lambda x: (-x[0], names[x[1]])
    )
    in_words = (
        t(lang, "map.most_reported", list=listing(lang, [f"{names[c]} ({n})" for n, c in totals]))
        if totals
        else t(lang, "map.none_reported")
    )
    if st.session_state.show_groups and claims_by_group:
        in_words += " " + t(
            lang, "map.groups_shown", list=listing(lang, [group_names[g] for g in sorted(claims_by_group)])
        )
    st.pydeck_chart(
        build_deck(view, shapes),
        on_select=on_map_click,
        selection_mode="single-object",
        key="map",
        height=cam.height,
        alt=f"{t(lang, 'map.alt')} {in_words}",
    )
    zoom_in, zoom_out, home, _ = st.columns([1, 1, 2, 3])
    zoom_in.button("＋", key="zoom_in", on_click=zoom, args=(1,), help=t(lang, "map.zoom_in"))
    zoom_out.button("－", key="zoom_out", on_click=zoom, args=(-1,), help=t(lang, "map.zoom_out"))
    home.button(t(lang, "map.reset"), key="reset_view", on_click=reset_view)
    swatch = '<span style="display:inline-block;width:1em;height:1em;vertical-align:middle;{}"></span> {}'
    legend = [
        swatch.format(f"background:{c.colour}", html.escape(n_(lang, "map.reported", c.low)))
        if c.low == c.high
        else swatch.format(
            f"background:{c.colour}", html.escape(t(lang, "map.reported_range", low=c.low, high=c.high))
        )
        for c in classes
    ]
    legend.append(swatch.format(f"background:{NO_REPORTS}", html.escape(t(lang, "map.no_reports"))))
    if st.session_state.show_groups:
        legend.append(
            swatch.format(
                f"background:{CONTEXT};border:2px dashed {GROUP_LINE}", html.escape(t(lang, "map.context"))
            )
        )
    legend.append(html.escape(t(lang, "map.dots")))
    st.html(
        '<div style="font-size:0.85rem;display:flex;flex-wrap:wrap;gap:0.3rem 1.2rem">'
        + "".join(f"<span>{item}</span>" for item in legend)
        + "</div>"
    )
    st.markdown(literal(in_words))


def show_checks(claim: claims.Claim) -> None:
    """What independent reporting says, comparison first; nothing folded away."""
    for check in claim.checks:
        verdict = t(lang, f"verdict.{check.verdict}")
        if check.source is None:
            st.markdown(f"**{literal(verdict)}.** " + literal(t(lang, "check.searched", text=check.searched)))
            continue
        st.html(
            f"<p style='margin:0.2rem 0'><strong>{html.escape(verdict)}</strong>: "
            f"{markup.source_link(check.source)}</p>"
        )
        if check.verdict in ("partly", "contradicts"):
            st.html(markup.discrepancy(check.article_says, check.source, check.source_says, lang))
            st.caption(literal(t(lang, "check.differs", text=check.differs)))
        given = [
            t(lang, f"check.{name}", value=value)
            for name, value in (
                ("year", check.year), ("amount", check.amount), ("actor", check.actor), ("place", check.place)
            )
            if value
        ]  # fmt: skip
        if check.countries:
            kind = "complete" if check.complete else "partial"
            given.append(t(lang, f"check.countries_{kind}", list=listing(lang, check.countries)))
        details = [*given, check.note] if check.note else given
        if details:
            st.caption(
                literal(
                    t(
                        lang,
                        "check.gives",
                        source=check.source.short,
                        text=t(lang, "summary.part_separator").join(details),
                    )
                )
            )


def show_claim(claim: claims.Claim, includes: str = "") -> None:
    """A card: verdict and key facts first, the comparison with independent reporting, then the passages."""
    facts = [claim.event_id, claim.partner, claim.category, claim.year, f"{claim.actor_en} ({claim.actor})"]
    if claim.amount:
        facts.append(claim.amount)
    if claim.place:
        facts.append(claim.place)
    with st.container(border=True):
        st.markdown(f"{STATUS_SYMBOLS[claim.status]} **{literal(t(lang, f'status.{claim.status}'))}**")
        st.markdown(f"**{literal(' · '.join(facts))}**")
        if includes:
            st.caption(literal(includes))
        st.markdown(literal(claim.summary))
        show_checks(claim)
        if claim.kind == "caption":
            st.caption(t(lang, "panel.caption"))
        for paragraph in claim.paragraphs:
            st.html(markup.paragraph(paragraph, claim.source, lang))
        st.html(markup.citation(claim.source, t(lang, "panel.source"), lang))
        if claim.original:
            st.html(markup.citation(claim.original, t(lang, "panel.translation_of"), lang))
        for passage in claim.in_original:
            st.html(markup.in_original(passage, lang))
        if claim.notes:
            st.caption(literal(t(lang, "panel.note", text=claim.notes)))


shown_in_panel: set[str] = set()
with panel_column:
    if filters.countries:
        panel = claims.country_panel(pkg, filters.countries, selected, names, lang)
        for section in panel.countries:
            st.header(section.name)
            if section.own:
                st.markdown(f"**{literal(n_(lang, 'panel.reported', len(section.own)))}**")
                for claim in section.own:
                    show_claim(claim)
            else:
                st.markdown(literal(t(lang, "panel.none", name=section.name)))
            if section.hidden:
                st.caption(n_(lang, "panel.hidden", section.hidden))
        if panel.via_groups:
            who = listing(lang, [s.name for s in panel.countries])
            st.subheader(t(lang, "panel.via_groups", name=who))
            for claim, includes in zip(panel.via_groups, panel.includes, strict=True):
                show_claim(claim, includes)
        shown_in_panel = {c.event_id for c in panel.via_groups}
    else:
        st.info(t(lang, "panel.prompt"))

aggregates = claims.aggregate_claims(pkg, selected, names, lang, frozenset(shown_in_panel))
if aggregates:
    st.header(t(lang, "panel.counted", n=len(aggregates)))
    st.caption(t(lang, "panel.counted_caption"))
    for claim in aggregates:
        show_claim(claim)

# ---- Timeline -------------------------------------------------------------------------------
st.header(t(lang, "timeline.header"))
st.caption(t(lang, "timeline.caption"))
st.checkbox(t(lang, "timeline.source_years"), key="source_years")
if st.session_state.timeline_notice:
    st.info(
        t(lang, "timeline.not_stated_year", year=st.session_state.timeline_notice, low=span[0], high=span[1])
    )
every_year = apply(events, members, Filters(**{**filters.__dict__, "years": None, "include_undated": True}))
st.altair_chart(
    chart(
        year_counts(
            every_year, span, filters.years, placed_years if st.session_state.source_years else None, lang,
            undated=filters.undated_shown,
        ),
        span,
        lang,
    ),
    on_select=on_timeline_click,
    key="timeline",
)  # fmt: skip

# ---- Table, its event, and downloads -----------------------------------------------------------
st.header(t(lang, "table.header"))
shown_table = pd.DataFrame(
    {
        t(lang, "table.event"): selected["event_id"],
        t(lang, "table.partner"): [
            claims.partner_name(pkg, s, c, g, names, lang)
            for s, c, g in zip(selected["scope"], selected["country_iso3"], selected["group_id"], strict=True)
        ],
        t(lang, "table.year"): selected["year"].astype("string").fillna(t(lang, "table.not_stated")),
        t(lang, "table.category"): selected["category"].map(labels),
        t(lang, "table.status"): selected["status"].map(
            lambda s: f"{STATUS_SYMBOLS[s]} {t(lang, f'status_short.{s}')}"
        ),
        t(lang, "table.summary"): selected["summary_en" if lang == "en" else "passage"],
        t(lang, "table.scope"): selected["scope"].map(scope_labels),
    }
)
table_key = "table-" + hashlib.sha1(",".join(selected["event_id"]).encode()).hexdigest()[:10]
table_column, event_column = st.columns([3, 2], gap="medium")
with table_column:
    picked = st.dataframe(
        shown_table, hide_index=True, on_select="rerun", selection_mode="single-row", key=table_key,
        width="stretch", height=min(35 * (len(shown_table) + 1) + 3, 420),
    )  # fmt: skip
    rows = list(picked.selection.rows) if picked else []
    if rows and rows != st.session_state.get("table_rows_seen") and rows[0] < len(selected):
        st.session_state.event = selected.iloc[rows[0]]["event_id"]
    elif not rows and st.session_state.get("table_rows_seen"):
        st.session_state.event = None
    st.session_state.table_rows_seen = rows
    exported = export.table(selected, pkg, lang)
    csv_button, json_button = st.columns(2)
    csv_button.download_button(
        t(lang, "table.download_csv"),
        data=lambda: export.to_csv(exported),
        file_name=export.file_name(filters, "csv"),
        mime="text/csv",
        on_click="ignore",  # a rerun sent with the file request can lose the download under load
        help=t(lang, "table.download_help"),
    )
    json_button.download_button(
        t(lang, "table.download_json"),
        data=lambda: export.to_json(exported, summary_line, pkg.version, lang),
        file_name=export.file_name(filters, "json"),
        mime="application/json",
        on_click="ignore",
    )
with event_column:
    event_id = st.session_state.event
    if event_id and event_id in set(selected["event_id"]):
        row = selected[selected["event_id"] == event_id].iloc[0]
        st.subheader(t(lang, "panel.event", id=event_id))
        show_claim(claims.claim(pkg, row, names, lang))
    else:
        st.info(t(lang, "table.pick_hint"))

wanted = permalink.encode(filters, st.session_state.event if event_id in set(selected["event_id"]) else None,
                          st.session_state.source_years, lang)  # fmt: skip
if st.query_params.to_dict() != wanted:
    st.query_params.from_dict(wanted)

# ---- Sources and citation -------------------------------------------------------------------
st.divider()
st.header(t(lang, "cite.header"))
for source in pkg["sources"].fillna("").itertuples():
    if source.relation == "independent":
        continue  # listed with the claims they weigh
    st.html(
        f"<p>{html.escape(source.source_id)}: {html.escape(source.author)}, "
        f"“{markup.link(source.url, source.title)}”, "
        f"{html.escape(source.publisher)}, "
        f"{html.escape(source.date_published or t(lang, 'panel.date_not_stated'))}."
        f"<br>{html.escape(t(lang, 'cite.usage', text=source.usage_note))}</p>"
    )
st.markdown(literal(t(lang, "cite.licences", version=pkg.version)))
st.markdown(f"**{literal(t(lang, 'cite.how'))}**")
view_text = "?" + "&".join(f"{k}={v}" for k, v in wanted.items()) if wanted else t(lang, "cite.all_events")
st.code(
    t(lang, "cite.text", version=pkg.version, summary=summary_line, view=view_text),
    language=None,
    wrap_lines=True,
)
