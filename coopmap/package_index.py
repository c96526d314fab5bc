"""What the page needs of a loaded package that no filter changes, computed once per package: statuses,
search text, names and labels in each language, group members, and a card for each event, built when
first shown; a rerun selects and formats."""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial

import numpy as np
import pandas as pd

from coopmap.claims import LOOKUPS, Card, Panel, card, country_panel, mentioned_countries
from coopmap.dataset.countries import country_name, is_iso3, other_names
from coopmap.dataset.package import DataPackage
from coopmap.dataset.status import source_years, with_status
from coopmap.filters import (
    Facet,
    Filters,
    Selection,
    facet,
    facets,
    search_mask,
    search_terms,
    search_text,
    select,
    year_span,
)
from coopmap.i18n import LANGUAGES, t
from coopmap.suggest import Vocabulary, vocabulary

KEPT_CARDS = 4096  # per language: pages that many readers open stay built
KEY_COLUMNS = ["event_id", "scope", "country_iso3", "group_id", "year", "category", "actor", "status"]
KEPT_SEARCHES = 64  # search terms whose matching events are kept: a term is searched for once


class Cards(Mapping[str, Card]):
    """Event id -> its card in one language, built when first shown and kept while in use.

    A card reads its passages' paragraphs, checks and sources (milliseconds each); a page
    shows a few dozen, so a package of a million events never builds a million cards.
    """

    def __init__(self, package: DataPackage, events: pd.DataFrame, names: Mapping[str, str], lang: str):
        self._ids = pd.Index(events["event_id"])
        self._build = lru_cache(maxsize=KEPT_CARDS)(
            lambda event_id: card(package, events.iloc[self._ids.get_loc(event_id)], names, lang)
        )

    def __getitem__(self, event_id: str) -> Card:
        if event_id not in self._ids:
            raise KeyError(event_id)
        return self._build(event_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


@dataclass(frozen=True)
class PackageIndex:
    package: DataPackage
    events: pd.DataFrame  # with a status column
    keys: pd.DataFrame  # the events' KEY_COLUMNS: what a rerun selects and counts, without the long texts
    names: dict[str, dict[str, str]]  # lang -> code -> name, for every country and area the map draws
    aliases: dict[str, tuple[str, ...]]  # code -> the other names readers look it up by
    labels: dict[str, dict[str, str]]  # lang -> category id -> label
    definitions: dict[str, dict[str, str]]  # lang -> category id -> what it covers
    offered: dict[str, dict[str, str]]  # lang -> category id -> label, of the categories events use
    group_names: dict[str, dict[str, str]]  # lang -> group id -> name (a counted group marked partial)
    members: dict[str, list[str]]  # group id -> member codes
    placed_years: pd.Series  # event id -> a year an independent source gives
    span: tuple[int, int]  # the first and last stated year
    actors: dict[str, str]  # actor as the source names it -> in English
    most_own: int  # the most events any one country has of its own: the top of the count scale
    own_counts: Mapping[str, int]  # iso3 -> its own events, under no filter
    mentioned: frozenset[str]  # every country a claim names, itself or in the group the claim is about
    cards: dict[str, Cards]  # lang -> event id -> its card
    found: Callable[[str], np.ndarray]  # a search term -> the events that hold it, kept for the next reader
    terms: Callable[[], Vocabulary]  # what a search may be corrected to, built when a search first fails
    facets: dict[str, Facet]  # the facet columns as codes
    cited_sources: tuple[dict, ...]  # the sources events rest on and what those translate, as rows
    sources_by_id: dict[str, dict]  # the same, by source id
    source_codes: Facet  # the events' source ids as codes: a rerun counts the shown events' sources
    views: dict[tuple[str, ...], pd.DataFrame] = field(default_factory=dict)  # columns -> events' columns

    @property
    def group_members(self) -> pd.DataFrame:
        return self.package["group_members"]

    def select(self, filters: Filters) -> Selection:
        """The rows each filter keeps, over the key columns: selecting never copies a passage."""
        return select(self.keys, self.group_members, filters, self.found, self.facets)

    def panel(self, countries: tuple[str, ...], selected: pd.DataFrame, lang: str) -> Panel:
        """The chosen countries' claims among the selected events, and the group claims including them."""
        names, cards = self.names[lang], self.cards[lang]
        return country_panel(
            self.package, countries, selected, names, lang, cards, self.own_counts, self.mentioned
        )

    def finds(self, search: str) -> bool:
        """Whether some event holds every word of search, whatever the other filters."""
        words = search_terms(search)
        return bool(words) and bool(np.logical_and.reduce([self.found(word) for word in words]).any())

    def full(self, selected: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
        """The selected events with every column (or these), for a page of the table or a download."""
        frame = self.events
        if columns:  # a view of the columns is kept: choosing them costs more than taking 50 rows
            frame = self.views.setdefault(tuple(columns), frame[columns])  # copy on write: no copy
        return frame.take(selected.index)  # events has a RangeIndex: labels are positions


def _group_names(groups: pd.DataFrame, lang: str) -> dict[str, str]:
    names = dict(zip(groups["group_id"], groups[f"name_{lang}"], strict=True))
    for group in groups.loc[groups["kind"] == "aggregate", "group_id"]:
        names[group] = t(lang, "map.partial_group", name=names[group])
    return names


def _rested_on(sources: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """The sources events quote and the originals those translate, not independent ones nor any
    source the package lists that no event rests on."""
    quoted = sources["source_id"].isin(events["source_id"].unique())  # a few values, not one per event
    originals = sources["source_id"].isin(sources.loc[quoted, "related_source_id"])
    return (quoted | originals) & (sources["relation"] != "independent")


def prepare(package: DataPackage, shape_names: Mapping[str, str]) -> PackageIndex:
    """shape_names: every code the map draws, with the geometry's name for those that are not ISO 3166."""
    named = package.aliases  # the package's own names for countries, not this checkout's
    names = {
        lang: {c: country_name(c, lang, named) if is_iso3(c) else shape_names[c] for c in shape_names}
        for lang in LANGUAGES
    }
    events = with_status(package["events"], package["corroborations"]).reset_index(drop=True)  # see full()
    own = events.loc[events["scope"] == "country", "country_iso3"].value_counts()
    categories, sources = package["categories"], package["sources"]
    # A package may list many categories no event uses: the picker, sent on every rerun, offers these.
    used = categories[categories["category_id"].isin(events["category"].unique())]
    for table, key in LOOKUPS:  # now, not on the first reader's first card
        package.rows_by(table, key)
    package.paragraphs  # noqa: B018  (a cached property: split once, here)
    searched = search_text(package, names)
    written = pd.concat([events[c] for c in ("actor", "actor_en", "place")]).dropna().unique().tolist()
    written += [name for lang in LANGUAGES for name in names[lang].values()]
    cited = tuple(sources[_rested_on(sources, events)].fillna("").to_dict("records"))
    return PackageIndex(
        package=package,
        events=events,
        keys=events[KEY_COLUMNS],
        names=names,
        aliases={c: found for c in shape_names if is_iso3(c) and (found := other_names(c, named))},
        labels={
            lang: dict(zip(categories["category_id"], categories[f"label_{lang}"], strict=True))
            for lang in LANGUAGES
        },
        definitions={
            lang: dict(zip(categories["category_id"], categories[f"definition_{lang}"], strict=True))
            for lang in LANGUAGES
        },
        offered={
            lang: dict(zip(used["category_id"], used[f"label_{lang}"], strict=True)) for lang in LANGUAGES
        },
        group_names={lang: _group_names(package["groups"], lang) for lang in LANGUAGES},
        members=package.members,
        placed_years=source_years(package["corroborations"]),
        span=year_span(events),
        actors=events.drop_duplicates("actor").set_index("actor")["actor_en"].to_dict(),
        most_own=int(own.max()) if len(own) else 0,
        own_counts={str(c): int(n) for c, n in own.items()},
        mentioned=mentioned_countries(package),
        cards={lang: Cards(package, events, names[lang], lang) for lang in LANGUAGES},
        found=lru_cache(maxsize=KEPT_SEARCHES)(partial(search_mask, searched)),
        terms=cache(partial(vocabulary, searched, list(map(str, written)))),
        facets=facets(events),
        cited_sources=cited,
        sources_by_id={s["source_id"]: s for s in cited},
        source_codes=facet(events["source_id"]),
    )


def release_freed_memory() -> None:
    """Hand the heap's free pages back to the system, where glibc can: preparing a million events
    frees GBs of temporary strings, and without this the process keeps ~0.25 GB of them."""
    libc = ctypes.util.find_library("c")
    trim = getattr(ctypes.CDLL(libc), "malloc_trim", None) if libc else None
    if trim is not None:
        trim(0)
