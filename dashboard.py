"""Reported security cooperation: map, timeline, drill-down to passages, table and downloads.

Widgets only. Filtering, counting, the map, the timeline, the drill-down, the URL and the
downloads are decided by the functions imported below, which are tested without Streamlit.
Every UI string comes from the catalogue (data/strings) in the chosen language. Source text
is shown as plain text: HTML-escaped inside st.html, Markdown-escaped elsewhere.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from data import drilldown, export, permalink, render, timeline
from data.corroboration import STATUS_SYMBOLS, source_years, with_status
from data.filters import SCOPES, Filters, apply, summary, year_span
from data.i18n import LANGUAGES, n_, t
from data.names import country_name, is_iso3, sort_key
from data.package import load
from data.render import literal
from data.validate import validate
from geo.deck import MapView, build_deck, clicked_country, map_shapes
from geo.palette import GROUP, NO_REPORTS, category_colours, count_classes
from geo.shapes import load_countries

st.set_page_config(page_title=t("en", "app.title"), page_icon="🗺️", layout="wide")


@st.cache_resource(show_spinner=False)
def resources():
    """Validate, load and precompute once per process; reruns only filter and draw."""
    problems = validate()
    if problems:
        return problems, None, None
    pkg = load()
    members = pkg["group_members"].groupby("group_id")["country_iso3"].apply(list).to_dict()
    return [], pkg, map_shapes(load_countries(), members)


problems, pkg, shapes = resources()
if problems:
    st.title(t("en", "app.title"))
    st.error(t("en", "app.invalid"))
    st.code("\n".join(str(p) for p in problems), language=None)
    st.stop()

events, members = with_status(pkg["events"], pkg["corroborations"]), pkg["group_members"]
placed_years = source_years(pkg["corroborations"])
categories = pkg["categories"]
groups = pkg["groups"].set_index("group_id")
span = year_span(events)
member_lists = members.groupby("group_id")["country_iso3"].apply(list).to_dict()
filter_countries = sorted((set(events["country_iso3"]) | set(members["country_iso3"])) - {""})
actors = events.drop_duplicates("actor").set_index("actor")["actor_en"].to_dict()


def defaults() -> dict:
    return {
        "countries": [],
        "years": span,
        "undated": True,
        "confirmed": False,
        "categories": [],
        "actors": [],
        "scopes": [],
    }


def view_from_url() -> None:
    """On a session's first run, the URL decides the language, the filters and the open country."""
    parsed = permalink.parse(
        st.query_params.to_dict(),
        countries=filter_countries,
        categories=list(categories["category_id"]),
        actors=list(actors),
        year_bounds=span,
    )
    f = parsed.filters
    focus = parsed.focus if parsed.focus in shapes.names else None
    notices = list(parsed.notices)
    if parsed.focus and focus is None:
        notices.append(permalink.Notice("no_shape", value=parsed.focus))
    st.session_state.update(
        countries=list(f.countries),
        years=f.years or span,
        undated=f.include_undated,
        confirmed=f.confirmed_only,
        source_years=parsed.source_years,
        categories=list(f.categories),
        actors=list(f.actors),
        scopes=list(f.scopes),
        focus=focus,
        lang=parsed.lang,
        notices=notices,
        map_key=0,
        picked_event=None,
    )


def reset() -> None:
    st.session_state.update(defaults(), focus=None, picked_event=None)


def refresh_map() -> None:
    """A new key clears the map's own click highlight once the focus is set elsewhere."""
    st.session_state.map_key += 1
    st.session_state.picked_event = None


def on_map_click() -> None:
    code = clicked_country(st.session_state.get(f"map-{st.session_state.map_key}"))
    if code:
        st.session_state.focus = code
        refresh_map()  # the focus layer marks the country; the chart's own dimming would hide the rest


def on_timeline_click() -> None:
    picked = timeline.picked_span(st.session_state.get("timeline"))
    if picked:
        st.session_state.years = picked


if "map_key" not in st.session_state:
    view_from_url()

# ---- Language and names -----------------------------------------------------------------------
with st.sidebar:
    lang = st.segmented_control(
        t("en", "app.language"), list(LANGUAGES), format_func=LANGUAGES.get, key="lang", required=True
    )
labels = dict(zip(categories["category_id"], categories[f"label_{lang}"], strict=True))
colours = category_colours(list(categories["category_id"]))
names = {c: country_name(c, lang) if is_iso3(c) else shapes.names[c] for c in shapes.names}
other = "en" if lang == "zh" else "zh"
both = {c: f"{names[c]} · {country_name(c, other)}" if is_iso3(c) else names[c] for c in names}


def by_name(codes) -> list[str]:
    return sorted(codes, key=lambda c: sort_key(names[c], lang))


scope_labels = {s: t(lang, f"scope.{s}") for s in SCOPES}
group_names = {
    g: row[f"name_{lang}"]
    if row["kind"] != "aggregate"
    else t(lang, "map.partial_group", name=row[f"name_{lang}"])
    for g, row in groups.iterrows()
}

# ---- Filters -------------------------------------------------------------------------------


def choose(key: str, label: str, options: list[str], shown, **more) -> None:
    """A multiselect labelled and prompted in the chosen language, its value in session state[key]."""
    st.multiselect(
        t(lang, f"filters.{label}"), options, format_func=shown, key=key,
        placeholder=t(lang, "filters.placeholder"), **more,
    )  # fmt: skip


with st.sidebar:
    st.header(t(lang, "filters.header"))
    choose(
        "countries", "countries", by_name(filter_countries), both.get, help=t(lang, "filters.countries_help")
    )
    st.slider(t(lang, "filters.years"), span[0], span[1], key="years")
    st.checkbox(t(lang, "filters.undated"), key="undated")
    st.checkbox(t(lang, "filters.confirmed"), key="confirmed", help=t(lang, "filters.confirmed_help"))
    choose("categories", "categories", list(labels), labels.get)
    choose("actors", "actors", list(actors), lambda a: f"{actors[a]} ({a})")
    choose("scopes", "scope", list(SCOPES), scope_labels.get)
    st.toggle(t(lang, "filters.show_groups"), value=True, key="show_groups")
    st.button(t(lang, "filters.reset"), on_click=reset)

years = tuple(st.session_state.years)
filters = Filters(
    countries=tuple(st.session_state.countries),
    years=None if years == span else (min(years), max(years)),
    include_undated=st.session_state.undated,
    confirmed_only=st.session_state.confirmed,
    categories=tuple(st.session_state.categories),
    actors=tuple(st.session_state.actors),
    scopes=tuple(st.session_state.scopes),
)
selected = apply(events, members, filters)


def follow_table_selection() -> None:
    """A row picked in the table opens its drill-down (its country's panel, or the event itself)."""
    rows = tuple(((st.session_state.get("table") or {}).get("selection") or {}).get("rows") or ())
    if rows and rows != st.session_state.get("table_rows_seen") and rows[0] < len(selected):
        row = selected.iloc[rows[0]]
        if row["scope"] == "country":
            st.session_state.focus = row["country_iso3"]
        refresh_map()
        st.session_state.picked_event = row["event_id"]
    st.session_state.table_rows_seen = rows


follow_table_selection()
focus = st.session_state.focus
wanted = permalink.encode(filters, focus, st.session_state.source_years, lang)
if st.query_params.to_dict() != wanted:
    st.query_params.from_dict(wanted)

# ---- Header ------------------------------------------------------------------------------
st.title(t(lang, "app.title"))
st.caption(t(lang, "app.intro"))
for notice in st.session_state.notices:
    st.warning(literal(notice.text(lang)), icon="⚠️")
summary_line = summary(selected, filters, events, labels, lang)
st.markdown(f"**{literal(summary_line)}**")

# ---- Map and drill-down --------------------------------------------------------------------
country_rows = selected[selected["scope"] == "country"]
counts = {
    iso3: {labels[c]: int(n) for c, n in rows["category"].value_counts().items()}
    for iso3, rows in country_rows.groupby("country_iso3")
}
group_rows = selected[
    selected["scope"].isin(["group", "aggregate"]) & selected["group_id"].isin(member_lists)
]
view = MapView(
    counts=counts,
    group_claims=group_rows["group_id"].value_counts().astype(int).to_dict(),
    group_names=group_names,
    members=member_lists,
    show_groups=st.session_state.show_groups,
    focus=focus,
    lang=lang,
    names=names,
)
map_column, panel_column = st.columns([3, 2], gap="medium")
with map_column:
    totals = sorted(
        ((sum(c.values()), iso3) for iso3, c in counts.items()), key=lambda x: (-x[0], names[x[1]])
    )
    most = t(lang, "summary.list_separator").join(f"{names[c]} ({n})" for n, c in totals)
    in_words = t(lang, "map.most_reported", list=most) if totals else t(lang, "map.none_reported")
    if st.session_state.show_groups and view.group_claims:
        shown = t(lang, "summary.list_separator").join(group_names[g] for g in sorted(view.group_claims))
        in_words += " " + t(lang, "map.groups_shown", list=shown)
    st.pydeck_chart(
        build_deck(view, shapes),
        on_select=on_map_click,
        selection_mode="single-object",
        key=f"map-{st.session_state.map_key}",
        height=460,
        alt=f"{t(lang, 'map.alt')} {in_words}",
    )
    classes = count_classes(max((sum(c.values()) for c in counts.values()), default=0))
    swatch = '<span style="display:inline-block;width:1em;height:1em;vertical-align:middle;{}"></span> {}'
    legend = [
        swatch.format(f"background:{c.colour}", html.escape(n_(lang, "map.reported", c.low)))
        if c.low == c.high
        else swatch.format(f"background:{c.colour}", html.escape(f"{c.low}–{c.high}"))
        for c in classes
    ]
    legend.append(swatch.format(f"background:{NO_REPORTS}", html.escape(t(lang, "map.no_reports"))))
    if st.session_state.show_groups:
        legend.append(
            swatch.format(f"background:{GROUP}44;border:3px solid {GROUP}", html.escape(t(lang, "map.group")))
        )
    legend.append(html.escape(t(lang, "map.dots")))
    st.html(
        '<div style="font-size:0.85rem;display:flex;flex-wrap:wrap;gap:0.3rem 1.2rem">'
        + "".join(f"<span>{item}</span>" for item in legend)
        + "</div>"
    )
    st.markdown(literal(in_words))


def show_quote(quote: drilldown.Quote, source: drilldown.SourceRef) -> None:
    st.html(render.quote(quote, source, lang))


def show_claim(claim: drilldown.Claim) -> None:
    facts = [claim.category, claim.year, t(lang, "panel.actor", actor=f"{claim.actor_en} ({claim.actor})")]
    if claim.amount:
        facts.append(t(lang, "panel.amount", amount=claim.amount))
    if claim.place:
        facts.append(t(lang, "panel.place", place=claim.place))
    with st.container(border=True):
        st.markdown(
            f"**{literal(claim.event_id)} · {literal(claim.partner)}** — " + literal(" · ".join(facts))
        )
        st.markdown(literal(claim.summary))
        if claim.kind == "caption":
            st.caption(t(lang, "panel.caption"))
        show_quote(claim.quote, claim.source)
        for further in claim.further:
            st.caption(t(lang, f"panel.{further.relation}"))
            show_quote(further, claim.source)
        if claim.notes:
            st.caption(literal(t(lang, "panel.note", text=claim.notes)))
        st.html(render.citation(claim.source, t(lang, "panel.source"), lang))
        if claim.original:
            st.html(render.citation(claim.original, t(lang, "panel.translation_of"), lang))
        for passage in claim.in_original:
            st.html(render.in_original(passage, lang))
        show_checks(claim)


def show_checks(claim: drilldown.Claim) -> None:
    """The verdict as symbol and words (never colour alone), with each source one click away."""
    st.markdown(f"{STATUS_SYMBOLS[claim.status]} **{literal(t(lang, f'status.{claim.status}'))}**")
    with st.expander(t(lang, "check.reporting", n=len(claim.checks))):
        for check in claim.checks:
            verdict = t(lang, f"verdict.{check.verdict}")
            if check.source is None:
                st.markdown(
                    f"**{literal(verdict)}.** " + literal(t(lang, "check.searched", text=check.searched))
                )
                continue
            source = check.source
            label = f"{source.publisher}, {source.date}"
            st.markdown(f"**{literal(verdict)}** — " + literal(f"{label}: “{source.title}”"))
            if check.verdict in ("partly", "contradicts"):
                st.caption(literal(t(lang, "check.differs", text=check.differs)))
                st.html(render.discrepancy(check.article_says, label, check.source_says, lang))
            given = [
                t(lang, f"check.{name}", value=value)
                for name, value in (
                    ("year", check.year),
                    ("amount", check.amount),
                    ("actor", check.actor),
                    ("place", check.place),
                )
                if value
            ]
            if check.countries:
                kind = "complete" if check.complete else "partial"
                separator = t(lang, "summary.list_separator")
                given.append(t(lang, f"check.countries_{kind}", list=separator.join(check.countries)))
            if given:
                st.caption(literal(" · ".join(given)))
            if check.note:
                st.caption(literal(check.note))
            st.html(render.citation(source, t(lang, "check.read_it"), lang))


with panel_column:
    st.selectbox(
        t(lang, "panel.selector"),
        [None, *by_name(shapes.names)],
        format_func=lambda c: t(lang, "panel.choose") if c is None else both[c],
        key="focus",
        on_change=refresh_map,
    )
    picked = st.session_state.picked_event
    if picked and picked in set(selected["event_id"]):
        row = selected[selected["event_id"] == picked].iloc[0]
        st.header(t(lang, "panel.event", id=picked))
        show_claim(drilldown.claim(pkg, row, names, lang))
    elif focus:
        panel = drilldown.country_panel(pkg, focus, selected, names, lang)
        st.header(panel.name)
        if panel.own:
            st.markdown(f"**{literal(n_(lang, 'panel.reported', len(panel.own)))}**")
            for claim in panel.own:
                show_claim(claim)
        else:
            st.markdown(literal(t(lang, "panel.none")))
        if panel.hidden:
            st.caption(n_(lang, "panel.hidden", panel.hidden))
        if panel.via_groups:
            st.markdown(f"**{literal(t(lang, 'panel.via_groups', name=panel.name))}**")
            for claim, named_by in zip(panel.via_groups, panel.named_by, strict=True):
                if named_by:
                    st.caption(literal(t(lang, "panel.named_by", source=named_by, name=panel.name)))
                show_claim(claim)
    else:
        st.info(t(lang, "panel.prompt"))

aggregates = drilldown.aggregate_claims(pkg, selected, names, lang)
if aggregates:
    st.header(t(lang, "panel.counted", n=len(aggregates)))
    st.caption(t(lang, "panel.counted_caption"))
    for claim in aggregates:
        show_claim(claim)

# ---- Timeline -------------------------------------------------------------------------------
st.header(t(lang, "timeline.header"))
st.caption(t(lang, "timeline.caption"))
st.checkbox(t(lang, "timeline.source_years"), key="source_years")
placed = placed_years if st.session_state.source_years else None
st.altair_chart(
    timeline.chart(
        timeline.year_counts(selected, labels, filters.years or span, placed, lang),
        filters.years or span,
        {labels[c]: colour for c, colour in colours.items()},
        undated=filters.include_undated,
        lang=lang,
    ),
    on_select=on_timeline_click,
    key="timeline",
)

# ---- Table and downloads ---------------------------------------------------------------------
st.header(t(lang, "table.header"))


def partner_name(row: pd.Series) -> str:
    return (
        names[row["country_iso3"]]
        if row["scope"] == "country"
        else str(groups.loc[row["group_id"], f"name_{lang}"])
    )


shown = pd.DataFrame(
    {
        t(lang, "table.event"): selected["event_id"],
        t(lang, "table.partner"): selected.apply(partner_name, axis=1) if len(selected) else [],
        t(lang, "table.scope"): selected["scope"].map(scope_labels),
        t(lang, "table.year"): selected["year"].astype("string").fillna(t(lang, "table.not_stated")),
        t(lang, "table.category"): selected["category"].map(labels),
        t(lang, "table.actor"): selected["actor_en" if lang == "en" else "actor"],
        t(lang, "table.summary"): selected["summary_en" if lang == "en" else "passage"],
        t(lang, "table.status"): selected["status"].map(
            lambda s: f"{STATUS_SYMBOLS[s]} {t(lang, f'status.{s}')}"
        ),
        t(lang, "table.source"): selected["source_id"].map(pkg["sources"].set_index("source_id")["title"]),
    }
)
st.dataframe(
    shown, hide_index=True, on_select="rerun", selection_mode="single-row", key="table", width="stretch"
)
exported = export.table(selected, pkg, lang)
left, right = st.columns(2)
left.download_button(
    t(lang, "table.download_csv"),
    data=lambda: export.to_csv(exported),
    file_name=export.file_name(filters, "csv"),
    mime="text/csv",
    on_click="ignore",  # a rerun sent with the file request can lose the download under load
    help=t(lang, "table.download_help"),
)
right.download_button(
    t(lang, "table.download_json"),
    data=lambda: export.to_json(exported, summary_line, pkg.version, lang),
    file_name=export.file_name(filters, "json"),
    mime="application/json",
    on_click="ignore",
)

# ---- Sources and citation -------------------------------------------------------------------
st.divider()
st.header(t(lang, "cite.header"))
for source in pkg["sources"].fillna("").itertuples():
    if source.relation == "independent":
        continue  # listed with the claims they weigh
    st.html(
        f"<p>{html.escape(source.source_id)}: {html.escape(source.author)}, “{html.escape(source.title)}”, "
        f"{html.escape(source.publisher)}, "
        f"{html.escape(source.date_published or t(lang, 'panel.date_not_stated'))}. "
        f"{render.link(source.url)}<br>{html.escape(t(lang, 'cite.usage', text=source.usage_note))}</p>"
    )
st.markdown(literal(t(lang, "cite.licences", version=pkg.version)))
st.markdown(f"**{literal(t(lang, 'cite.how'))}**")
view_text = "?" + "&".join(f"{k}={v}" for k, v in wanted.items()) if wanted else t(lang, "cite.all_events")
st.code(
    t(lang, "cite.text", version=pkg.version, summary=summary_line, view=view_text),
    language=None,
    wrap_lines=True,
)
