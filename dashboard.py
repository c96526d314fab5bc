"""Reported security cooperation: map, timeline, drill-down to passages, table and downloads.

Widgets only. Filtering, counting, the map, the timeline, the drill-down, the URL and the
downloads are decided by the functions imported below, which are tested without Streamlit.
Source text is shown as plain text: HTML-escaped inside st.html, never as Markdown.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from data import drilldown, export, permalink, render, timeline
from data.corroboration import STATUS_LABELS, STATUS_SYMBOLS, source_years, with_status
from data.filters import SCOPES, Filters, apply, count_phrase, summary, year_span
from data.package import load
from data.render import literal
from data.validate import validate
from geo.deck import MapView, build_deck, clicked_country, map_shapes
from geo.palette import GROUP, NO_REPORTS, category_colours, count_classes
from geo.shapes import load_countries

st.set_page_config(page_title="Reported security cooperation", page_icon="🗺️", layout="wide")

SCOPE_LABELS = {
    "country": "Country",
    "group": "Region or bloc",
    "aggregate": "Counted claim (no country named)",
}


@st.cache_resource(show_spinner="Checking the data package…")
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
    st.title("Reported security cooperation")
    st.error("The data package is invalid; nothing is shown until it is fixed.")
    st.code("\n".join(str(p) for p in problems), language=None)
    st.stop()

events, members = with_status(pkg["events"], pkg["corroborations"]), pkg["group_members"]
placed_years = source_years(pkg["corroborations"])
categories = pkg["categories"]
labels = dict(zip(categories["category_id"], categories["label_en"], strict=True))
colours = category_colours(list(categories["category_id"]))
groups = pkg["groups"].set_index("group_id")
names = dict(shapes.names)
span = year_span(events)
member_lists = members.groupby("group_id")["country_iso3"].apply(list).to_dict()
# A counted claim's countries come from later sources: the map says so wherever it names the group.
group_labels = {
    g: row["name_en"] + (" (countries named by later sources; partial)" if row["kind"] == "aggregate" else "")
    for g, row in groups.iterrows()
}
filter_countries = sorted(
    set(events["country_iso3"].dropna()) | set(members["country_iso3"]), key=lambda c: names.get(c, c)
)
actors = events.drop_duplicates("actor").set_index("actor")["actor_en"].to_dict()
all_countries = sorted(shapes.names, key=lambda c: names[c])


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
    """On a session's first run, the URL decides the filters and the open country."""
    parsed = permalink.parse(
        st.query_params.to_dict(),
        countries=filter_countries,
        categories=list(labels),
        actors=list(actors),
        year_bounds=span,
    )
    f = parsed.filters
    focus = parsed.focus if parsed.focus in shapes.names else None
    notices = list(parsed.notices)
    if parsed.focus and focus is None:
        notices.append(f'Ignored focus "{parsed.focus}": no shape on this map.')
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

# ---- Filters -------------------------------------------------------------------------------
with st.sidebar:
    st.header("Filters")
    st.multiselect(
        "Countries",
        filter_countries,
        format_func=lambda c: names.get(c, c),
        key="countries",
        help="A country's own events, plus the claims about a region or bloc it belongs to.",
    )
    st.slider("Years stated by the source", span[0], span[1], key="years")
    st.checkbox("Include events without a stated year", key="undated")
    st.checkbox(
        "Only events confirmed by independent reporting",
        key="confirmed",
        help="Map, counts, timeline, table and downloads then keep only the events an independent source "
        "confirms.",
    )
    st.multiselect("Categories", list(labels), format_func=labels.get, key="categories")
    st.multiselect(
        "Actors, as the source names them",
        list(actors),
        format_func=lambda a: f"{actors[a]} ({a})",
        key="actors",
    )
    st.multiselect("Scope", list(SCOPES), format_func=SCOPE_LABELS.get, key="scopes")
    st.toggle("Show group claims on the map", value=True, key="show_groups")
    st.button("Reset filters", on_click=reset)

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
wanted = permalink.encode(filters, focus, st.session_state.source_years)
if st.query_params.to_dict() != wanted:
    st.query_params.from_dict(wanted)

# ---- Header ------------------------------------------------------------------------------
st.title("Reported security cooperation")
st.caption(
    "Who trains, equips and surveils with whom, as one news analysis reports it: Antonio Graceffo, "
    "“Beijing Uses Police and Security Training to Infiltrate Foreign Countries” (The Epoch Times, 2021), "
    "read through its Chinese translation. An opinionated, partisan source: every mark is what it reports, "
    "attributed, not established fact."
)
for notice in st.session_state.notices:
    st.warning(literal(notice), icon="⚠️")
summary_line = summary(selected, filters, events, labels)
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
    group_names=group_labels,
    members=member_lists,
    show_groups=st.session_state.show_groups,
    focus=focus,
)
map_column, panel_column = st.columns([3, 2], gap="medium")
with map_column:
    st.pydeck_chart(
        build_deck(view, shapes),
        on_select=on_map_click,
        selection_mode="single-object",
        key=f"map-{st.session_state.map_key}",
        height=460,
        alt="World map of reported events per country under the current filters. "
        "The same information is in the table below.",
    )
    classes = count_classes(max((sum(c.values()) for c in counts.values()), default=0))
    swatch = '<span style="display:inline-block;width:1em;height:1em;vertical-align:middle;{}"></span> {}'
    legend = [swatch.format(f"background:{c.colour}", html.escape(c.label)) for c in classes]
    legend.append(swatch.format(f"background:{NO_REPORTS}", "No reports in this dataset"))
    if st.session_state.show_groups:
        legend.append(
            swatch.format(
                f"background:{GROUP}44;border:3px solid {GROUP}",
                "Member of a region or bloc named in a group claim (not a claim about it)",
            )
        )
    legend.append("Dots mark small countries.")
    st.html(
        '<div style="font-size:0.85rem;display:flex;flex-wrap:wrap;gap:0.3rem 1.2rem">'
        + "".join(f"<span>{item}</span>" for item in legend)
        + "</div>"
    )


def show_quote(quote: drilldown.Quote) -> None:
    st.html(render.quote(quote))


def cite(source: drilldown.SourceRef, label: str) -> None:
    st.html(render.citation(source, label))


def show_claim(claim: drilldown.Claim) -> None:
    facts = [claim.category, claim.year, f"Actor: {claim.actor_en} ({claim.actor})"]
    if claim.amount:
        facts.append(f"Amount: {claim.amount}")
    if claim.place:
        facts.append(f"Place: {claim.place}")
    with st.container(border=True):
        st.markdown(
            f"**{literal(claim.event_id)} · {literal(claim.partner)}** — " + literal(" · ".join(facts))
        )
        st.markdown(literal(claim.summary))
        if claim.kind == "caption":
            st.caption("From an image caption in the article.")
        show_quote(claim.quote)
        for further in claim.further:
            label = (
                "The same system, described again" if further.relation == "same_event" else "The article adds"
            )
            st.caption(literal(label))
            show_quote(further)
        if claim.notes:
            st.caption(literal(f"Note: {claim.notes}"))
        cite(claim.source, "Source")
        if claim.original:
            cite(claim.original, "Translation of")
        for passage in claim.in_original:
            st.html(render.in_original(passage))
        show_checks(claim)


VERDICT_WORDS = {
    "confirms": "Confirms",
    "partly": "Partly confirms",
    "contradicts": "Contradicts",
    "not_found": "No independent source found",
}


def show_checks(claim: drilldown.Claim) -> None:
    """The verdict as symbol and words (never colour alone), with each source one click away."""
    st.markdown(f"{STATUS_SYMBOLS[claim.status]} **{literal(STATUS_LABELS[claim.status])}**")
    with st.expander(f"Independent reporting ({len(claim.checks)})"):
        for check in claim.checks:
            if check.source is None:
                st.markdown(f"**{VERDICT_WORDS[check.verdict]}.** " + literal(f"Searched: {check.searched}"))
                continue
            source = check.source
            label = f"{source.publisher}, {source.date}"
            st.markdown(f"**{VERDICT_WORDS[check.verdict]}** — " + literal(f"{label}: “{source.title}”"))
            if check.verdict in ("partly", "contradicts"):
                st.caption(literal(f"What differs: {check.differs}"))
                st.html(render.discrepancy(check.article_says, label, check.source_says))
            given = [
                f"{name}: {value}"
                for name, value in (
                    ("Year", check.year),
                    ("Amount", check.amount),
                    ("Actor", check.actor),
                    ("Place", check.place),
                )
                if value
            ]  # fmt: skip
            if check.countries:
                complete = "complete list" if check.complete else "partial list"
                given.append(f"Countries named ({complete}): {', '.join(check.countries)}")
            if given:
                st.caption(literal(" · ".join(given)))
            if check.note:
                st.caption(literal(check.note))
            st.html(render.citation(source, "Read it"))


with panel_column:
    st.selectbox(
        "Country (type to search)",
        [None, *all_countries],
        format_func=lambda c: "Choose a country…" if c is None else names[c],
        key="focus",
        on_change=refresh_map,
    )
    picked = st.session_state.picked_event
    if picked and picked in set(selected["event_id"]):
        row = selected[selected["event_id"] == picked].iloc[0]
        st.subheader(f"Event {picked}")
        show_claim(drilldown.claim(pkg, row, names))
    elif focus:
        panel = drilldown.country_panel(pkg, focus, selected, names)
        st.subheader(panel.name)
        if panel.own:
            st.markdown(f"**{count_phrase(len(panel.own), 'reported event', 'reported events')}**")
            for claim in panel.own:
                show_claim(claim)
        else:
            st.markdown("No event under the current filters names this country.")
        if panel.hidden:
            st.caption(
                f"{count_phrase(panel.hidden, 'more event is', 'more events are')} hidden by the filters."
            )
        if panel.via_groups:
            st.markdown(
                "**Claims about a region, bloc or counted group that includes this country** — "
                f"not claims about {literal(panel.name)} itself"
            )
            for claim, named_by in zip(panel.via_groups, panel.named_by, strict=True):
                if named_by:
                    st.caption(
                        literal(f"The article names no country here; {named_by} names {panel.name} as one.")
                    )
                show_claim(claim)
    else:
        st.info("Click a country on the map, or choose one above, to read the passages behind its claims.")

aggregates = drilldown.aggregate_claims(pkg, selected, names)
if aggregates:
    st.subheader(f"Counted claims ({len(aggregates)})")
    st.caption(
        "The article counts countries without naming them. Countries a later source names appear on the map "
        "only in the group layer, with that source as the basis."
    )
    for claim in aggregates:
        show_claim(claim)

# ---- Timeline -------------------------------------------------------------------------------
st.subheader("Timeline")
st.caption("Events per year stated by the source. Click a bar to filter to its year; shift-click for a span.")
st.checkbox(
    "Place events without a stated year at the year an independent source gives (dashed outline)",
    key="source_years",
)
st.altair_chart(
    timeline.chart(
        timeline.year_counts(
            selected, labels, filters.years or span, placed_years if st.session_state.source_years else None
        ),
        filters.years or span,
        {labels[c]: colour for c, colour in colours.items()},
        undated=filters.include_undated,
    ),
    on_select=on_timeline_click,
    key="timeline",
)

# ---- Table and downloads ---------------------------------------------------------------------
st.subheader("Events")


def partner_name(row: pd.Series) -> str:
    if row["scope"] == "country":
        return names.get(row["country_iso3"], row["country_iso3"])
    return str(groups.loc[row["group_id"], "name_en"])


shown = pd.DataFrame(
    {
        "Event": selected["event_id"],
        "Country or group": selected.apply(partner_name, axis=1) if len(selected) else [],
        "Scope": selected["scope"].map(SCOPE_LABELS),
        "Year": selected["year"].astype("string").fillna("not stated"),
        "Category": selected["category"].map(labels),
        "Actor": selected["actor_en"],
        "Summary": selected["summary_en"],
        "Independent reporting": selected["status"].map(lambda s: f"{STATUS_SYMBOLS[s]} {STATUS_LABELS[s]}"),
        "Source": selected["source_id"].map(pkg["sources"].set_index("source_id")["title"]),
    }
)


st.dataframe(
    shown, hide_index=True, on_select="rerun", selection_mode="single-row", key="table", width="stretch"
)
described = summary_line
exported = export.table(selected, pkg)
left, right = st.columns(2)
left.download_button(
    "Download CSV",
    data=lambda: export.to_csv(exported),
    file_name=export.file_name(filters, "csv"),
    mime="text/csv",
    help="Exactly the rows above, with passages, translations and sources.",
)
right.download_button(
    "Download JSON",
    data=lambda: export.to_json(exported, described, pkg.version),
    file_name=export.file_name(filters, "json"),
    mime="application/json",
)

# ---- Sources and citation -------------------------------------------------------------------
st.divider()
st.subheader("Sources and how to cite")
for source in pkg["sources"].fillna("").itertuples():
    st.html(
        f"<p>{html.escape(source.source_id)}: {html.escape(source.author)}, “{html.escape(source.title)}”, "
        f"{html.escape(source.publisher)}, {html.escape(source.date_published or 'date not stated')}. "
        f"{render.link(source.url)}<br>Usage: {html.escape(source.usage_note)}</p>"
    )
st.markdown(
    literal(
        f"Dataset version {pkg.version}. Tables (selection, coding, translations, notes): CC BY 4.0. "
        "Country shapes: Natural Earth (public domain)."
    )
)
st.markdown("**How to cite this view**")
st.code(
    f"Reported security cooperation, dataset version {pkg.version}: {summary_line}. "
    f"View: ?{'&'.join(f'{k}={v}' for k, v in wanted.items()) or '(all events)'}. "
    "What the sources report, attributed; not established fact.",
    language=None,
    wrap_lines=True,
)
