"""Everything a page shows for one view, computed once per run without Streamlit: the page draws it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property, partial

import pandas as pd

from coopmap import export
from coopmap.app.loading import Loaded
from coopmap.app.state import View, from_url, query_string
from coopmap.claims import Card, Panel, counted_claims
from coopmap.counts import MapCounts, Tally, map_counts, tally, year_counts
from coopmap.dataset.status import STATUSES
from coopmap.filters import SCOPES, Filters, Selection
from coopmap.i18n import listing, n_, t
from coopmap.package_index import PackageIndex
from coopmap.paging import Page
from coopmap.permalink import Notice
from coopmap.suggest import suggestions
from coopmap.ui import figure, markup, table, words
from coopmap.ui.deck import Choropleth, MapShapes, camera, map_data

MIME = {"csv": "text/csv", "json": "application/json", "svg": "image/svg+xml", "png": "image/png"}


def read_link(loaded: Loaded, asked: Mapping[str, str | Sequence[str]]) -> tuple[View, tuple[Notice, ...]]:
    """The view an address asks for, each part checked against the package shown, and its notices."""
    ready = loaded.ready
    return from_url(
        asked,
        countries=loaded.shapes.names,
        categories=ready.offered["en"],
        actors=ready.actors,
        span=ready.span,
        events=list(ready.events["event_id"]),
    )


@dataclass(frozen=True)
class Section:
    """A list of cards in the panel: its heading, a line above the cards, and a note below them."""

    key: str  # names the list's pager
    heading: str
    level: str  # "header" or "subheader"
    lead: str = ""  # markdown, escaped
    caption: str = ""  # what the cards are, above them
    ids: tuple[str, ...] = ()
    includes: tuple[str, ...] = ()  # for each card: the chosen countries its group includes, and why
    note: str = ""  # what the filters hide, below them


@dataclass(frozen=True)
class Download:
    """A download button: its file is made only when the reader asks for it."""

    label: str
    data: Callable[[], bytes]
    file_name: str
    mime: str
    key: str | None = None
    help: str | None = None


@dataclass(frozen=True)
class Plan:
    """What the page shows for a view: words in the view's language, codes where a widget holds them."""

    view: View
    ready: PackageIndex = field(repr=False)
    shapes: MapShapes = field(repr=False)
    countries: dict[str, str] = field(repr=False)  # the Countries box's options, computed once a package
    map_names: dict[str, str] = field(repr=False)  # the tooltips' names (deck.map_names), once a package
    selection: Selection = field(repr=False)
    counted: Tally
    summary: str
    on_map: MapCounts = field(repr=False)
    choropleth: Choropleth = field(repr=False)
    accessed: date
    link: str
    address: dict[str, str]  # the view's query parameters: what the browser's address shows
    citation: str
    open_card: Card | None  # the open event's, while the filters show it
    panel: Panel | None
    sections: tuple[Section, ...]  # the chosen countries', the groups', then the counted claims

    @property
    def lang(self) -> str:
        return self.view.lang

    @property
    def filters(self) -> Filters:
        return self.view.filters

    @property
    def span(self) -> tuple[int, int]:
        """The first and last year the package states."""
        return self.ready.span

    def card(self, event_id: str) -> Card:
        return self.ready.cards[self.lang][event_id]

    @property
    def selected(self) -> pd.DataFrame:
        return self.selection.selected

    @property
    def title(self) -> str:
        """The frame's title, as the figure of its tab is titled."""
        return t(self.lang, f"figure.{self.view.tab}_title", title=self.dataset_title)

    @property
    def dataset_title(self) -> str:
        return self.ready.package.said("title", self.lang)

    @property
    def description(self) -> str:
        return self.ready.package.said("description", self.lang)

    @property
    def undated_offer(self) -> words.UndatedOffer | None:
        return words.undated_offer(self.counted, self.filters, self.lang)

    def options(self, key: str) -> dict[str, str]:
        """A filter's options, each labelled with how many events it would show under the other filters."""
        lang, ready = self.lang, self.ready
        shown = {
            "categories": (lambda c: ready.offered[lang][c], ready.offered[lang], "categories"),
            "actors": (lambda a: words.actor(a, ready.actors, lang), ready.actors, "actors"),
            "scopes": (lambda s: t(lang, f"scope.{s}"), SCOPES, "scopes"),
            "verdicts": (lambda s: words.status_badge(s, lang), STATUSES, "statuses"),
        }
        label, options, facet = shown[key]
        counts = self.selection.facet_counts(facet)
        return {o: t(lang, "filters.option_count", label=label(o), n=counts.get(o, 0)) for o in options}

    @property
    def category_help(self) -> str:
        return markup.definitions(self.ready.offered[self.lang], self.ready.definitions[self.lang])

    @property
    def to_panel(self) -> str:
        """The link from the frame down to the chosen countries' passages, or '' when none is chosen."""
        if not self.filters.countries:
            return ""
        names = self.ready.names[self.lang]
        chosen = listing(self.lang, [names.get(c, c) for c in self.filters.countries])
        return f"[{markup.literal(t(self.lang, 'frame.to_panel', names=chosen))}](#passages)"

    @cached_property
    def sources(self) -> list[str]:
        """The sources of the events shown, most cited first."""
        counts = self.ready.source_codes.counts(self.selection.rows())
        return figure.cited(counts, self.ready.sources_by_id, self.lang)

    @property
    def footer(self) -> str:
        """The frame's source line: the sources of what is shown, then the dataset, version and licence."""
        pkg = self.ready.package
        origin = t(
            self.lang, "frame.origin", title=self.dataset_title, version=pkg.version, licence=pkg.licence
        )
        return " ".join(filter(None, (figure.sources_line(self.sources, self.lang), origin)))

    @property
    def search_finds(self) -> bool:
        """Whether some event holds every word searched for, whatever the other filters."""
        return self.ready.finds(self.filters.search)

    @property
    def suggestions(self) -> list[str]:
        """What a search that finds nothing may have meant."""
        return suggestions(self.filters.search, self.ready.terms(), self.ready.finds)

    # The map's tab

    @property
    def legend(self) -> str:
        return markup.legend(self.choropleth.classes, self.view.groups, self.lang)

    @cached_property
    def map_words(self) -> str:
        """The map in words: what it shades, for a reader who cannot see it."""
        names, groups = self.ready.names[self.lang], self.ready.group_names[self.lang]
        return words.map_in_words(self.on_map, names, groups, self.view.groups, self.lang)

    def map_data(self) -> dict:
        """What the map component gets in this run."""
        label = f"{t(self.lang, 'map.alt')} {self.map_words} {t(self.lang, 'map.keyboard')}"
        return map_data(self.choropleth, self.shapes, label)

    # The timeline's tab

    def year_bars(self) -> pd.DataFrame:
        """The timeline's bars: built only where shown, on its tab or in its figure."""
        placed = self.ready.placed_years if self.view.source_years else None
        span, filters = self.ready.span, self.filters
        return year_counts(self.selection.every_year, span, filters.years, placed, filters.undated_shown)

    # The table's tab

    def table_page(self, rows: Page) -> pd.DataFrame:
        """A page of the table, with the selected events' ids in its first column."""
        on_page = self.ready.full(self.selected.iloc[rows.start : rows.stop], table.COLUMNS)
        lang = self.lang
        return table.shown_table(
            on_page, self.ready.package, self.ready.names[lang], self.ready.labels[lang], lang
        )

    def above_table(self, rows: Page) -> str:
        heading = words.event_heading(self.open_card, self.lang) if self.open_card else ""
        return table.above(rows, heading, self.lang)

    # Files

    def file_name(self, extension: str, kind: str = "") -> str:
        return export.file_name(self.filters, extension, kind)

    def csv(self) -> bytes:
        return export.csv_file(self.ready.full(self.selected), self.ready.package)

    def json(self) -> bytes:
        return export.json_file(self.ready.full(self.selected), self.summary, self.ready.package, self.lang)

    def tables(self) -> tuple[Download, ...]:
        """The selected events, every column, as CSV and as JSON."""
        csv = Download(self.words("table.download_csv"), self.csv, self.file_name("csv"), MIME["csv"])
        json = Download(self.words("table.download_json"), self.json, self.file_name("json"), MIME["json"])
        return replace(csv, help=self.words("table.download_help")), json

    def figures(self) -> tuple[Download, ...]:
        """The map and the timeline, each as SVG and as PNG."""
        made = [(kind, form) for kind in ("map", "timeline") for form in ("svg", "png")]
        return tuple(
            Download(
                self.words(f"figure.{kind}_{form}"),
                partial(self.figure, kind, form),
                self.file_name(form, kind),
                MIME[form],
                key=f"figure-{kind}-{form}",
            )
            for kind, form in made
        )

    def words(self, key: str, **values) -> str:
        return t(self.lang, key, **values)

    def figure(self, kind: str, form: str) -> bytes:
        """The map or the timeline as an SVG or a PNG file, dated the day the reader read it."""
        if kind == "map":
            spec = figure.map_spec(self.choropleth, self.shapes, self.caption("map"))
        else:
            spec = figure.timeline_spec(
                self.year_bars(), self.ready.span, self.caption("timeline"), self.lang
            )
        return getattr(figure, form)(spec)

    def caption(self, kind: str) -> figure.Caption:
        """A figure's title, summary, sources (the independent ones of what it shows too) and origin."""
        pkg, lang = self.ready.package, self.lang
        groups = tuple(self.on_map.group_claims) if kind == "map" and self.view.groups else ()
        others = figure.independent(pkg, self.selected["event_id"], groups, lang)
        made = self.accessed.isoformat()
        return figure.caption(
            kind, self.dataset_title, self.summary, self.sources, pkg.version, pkg.licence, made, lang, others
        )

    # Below the frame

    def source_entries(self, part: Page) -> str:
        """A page of the sources the events rest on, as a reference list."""
        return "".join(
            markup.source_entry(s, self.lang) for s in self.ready.cited_sources[part.start : part.stop]
        )

    @property
    def licences(self) -> str:
        pkg = self.ready.package
        return markup.literal(
            t(self.lang, "cite.licences", title=self.dataset_title, version=pkg.version, licence=pkg.licence)
        )


def _sections(panel: Panel | None, counted: tuple[str, ...], lang: str) -> tuple[Section, ...]:
    sections = []
    for country in panel.countries if panel else ():
        if country.own_ids:
            lead = f"**{markup.literal(n_(lang, 'panel.reported', len(country.own_ids)))}**"
        else:
            lead = markup.literal(t(lang, f"panel.{country.why_none}", name=country.name))
        note = n_(lang, "panel.hidden", country.hidden) if country.hidden else ""
        sections.append(Section(country.iso3, country.name, "header", lead, ids=country.own_ids, note=note))
    if panel and panel.via_ids:
        heading = t(lang, "panel.via_groups", name=listing(lang, [s.name for s in panel.countries]))
        sections.append(Section("groups", heading, "subheader", ids=panel.via_ids, includes=panel.includes))
    if counted:
        heading, caption = t(lang, "panel.counted", n=len(counted)), t(lang, "panel.counted_caption")
        sections.append(Section("counted", heading, "header", caption=caption, ids=counted))
    return tuple(sections)


def plan(
    loaded: Loaded,
    view: View,
    *,
    resets: int = 0,
    page_url: str | None = None,
    timezone: str | None = None,
    now: datetime,
) -> Plan:
    """What the page shows for view: resets asks the map to fit its camera again, page_url the
    address the browser reports (its query is the view's), timezone and now the reader's date."""
    ready, shapes, lang, filters = loaded.ready, loaded.shapes, view.lang, view.filters
    pkg, names = ready.package, ready.names[lang]
    selection = ready.select(filters)
    selected = selection.selected
    counted = tally(selected, selection.undated_left_out)
    summary = words.view_line(counted, filters, ready.span, ready.offered[lang], lang, names)
    on_map = map_counts(selected, pkg, ready.members, ready.group_names[lang], lang)
    choropleth = Choropleth(
        counts=on_map.by_country,
        classes=loaded.classes,
        context=on_map.context,
        show_groups=view.groups,
        focus=filters.countries,
        lang=lang,
        names=names,
        labels=ready.labels[lang],
        camera=camera(shapes, filters.countries, resets),
        claimed=ready.own_counts,
    )
    shown = bool(view.event) and bool(selected["event_id"].eq(view.event).any())
    address = view.url({view.event} if shown else set())
    accessed = words.reader_date(timezone, now)
    link = words.full_link(page_url, query_string(address))
    citation = words.view_citation(
        ready.package.said("title", lang), pkg.version, summary, link, accessed, lang
    )
    panel = ready.panel(filters.countries, selected, lang) if filters.countries else None
    counted_ids = counted_claims(selected, frozenset(panel.via_ids) if panel else frozenset())
    return Plan(
        view=view,
        ready=ready,
        shapes=shapes,
        countries=loaded.countries[lang],
        map_names=loaded.map_names[lang],
        selection=selection,
        counted=counted,
        summary=summary,
        on_map=on_map,
        choropleth=choropleth,
        accessed=accessed,
        link=link,
        address=address,
        citation=citation,
        open_card=ready.cards[lang][view.event] if shown else None,
        panel=panel,
        sections=_sections(panel, counted_ids, lang),
    )
