"""Sentences and labels the page shows, built from the model and the catalogue in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo, available_timezones

from coopmap.claims import Card, Check, SourceRef
from coopmap.counts import MapCounts, Tally
from coopmap.dataset.countries import sort_key
from coopmap.dataset.status import STATUSES
from coopmap.filters import SCOPES, Filters, widened
from coopmap.i18n import listing, n_, t
from coopmap.paging import Page
from coopmap.ui.palette import CONTEXT, NO_REPORTS, CountClass

# Shown beside the status words, so a status never rests on colour alone.
STATUS_SYMBOLS = {"confirmed": "✔", "partly": "◐", "contradicted": "✖", "conflicting": "⚠", "not_found": "○"}
FACT_SEPARATOR = " · "
LISTED_NAMES = 3  # a summary names up to this many countries, and counts a longer list


def status_badge(status: str, lang: str) -> str:
    """A status as facets and the table name it: its symbol and short words ('✔ confirmed')."""
    return f"{STATUS_SYMBOLS[status]} {t(lang, f'status_short.{status}')}"


def status_word(status: str, lang: str) -> str:
    """A status as the table's narrow column names it: its symbol and a word or two ('◐ Partly')."""
    return f"{STATUS_SYMBOLS[status]} {t(lang, f'status_word.{status}')}"


def event_heading(card: Card, lang: str) -> str:
    """An opened event's heading in words a reader knows it by: partner, category and year, no id."""
    return t(lang, "panel.event", partner=card.partner, category=card.category, year=card.year)


def count_class(c: CountClass, lang: str) -> str:
    """A legend's words for a count class: '1 reported event', '4–6 reported events'."""
    if c.low == c.high:
        return n_(lang, "map.reported", c.low)
    return t(lang, "map.reported_range", low=c.low, high=c.high)


def key(classes: Sequence[CountClass], context: bool, lang: str, context_key: str) -> list[tuple[str, str]]:
    """The map's key, screen and figure alike: (label, colour) for each count class, no reports, and
    group context when shown; context_key is the context's label, the screen's longer than the figure's."""
    entries = [(count_class(c, lang), c.colour) for c in classes]
    entries.append((t(lang, "map.no_reports"), NO_REPORTS))
    if context:
        entries.append((t(lang, context_key), CONTEXT))
    return entries


def page_range(page: Page, lang: str) -> str:
    """Which items a page shows of how many: '51–100 of 12,408'."""
    return t(lang, "page.range", first=f"{page.start + 1:,}", last=f"{page.stop:,}", total=f"{page.total:,}")


def bilingual_names(
    names: Mapping[str, Mapping[str, str]], lang: str, aliases: Mapping[str, tuple[str, ...]]
) -> dict[str, str]:
    """Each country in lang, then in the other language where that differs, then the aliases the two
    leave out: the Countries box filters on these labels, so any of them finds it."""
    other = next(other for other in names if other != lang)
    labels = {}
    for code, name in names[lang].items():
        label = f"{name}{FACT_SEPARATOR}{names[other][code]}" if names[other][code] != name else name
        if more := [alias for alias in aliases.get(code, ()) if alias.casefold() not in label.casefold()]:
            label = t(lang, "filters.also_called", name=label, aliases=" / ".join(more))
        labels[code] = label
    return labels


def country_choices(
    names: Mapping[str, Mapping[str, str]], lang: str, aliases: Mapping[str, tuple[str, ...]]
) -> dict[str, str]:
    """The Countries box's options: every code, in the order of its name in lang (中文 by pinyin), each
    labelled in both languages (bilingual_names). None depends on a filter: computed once a package."""
    labels = bilingual_names(names, lang, aliases)
    return {code: labels[code] for code in sorted(names[lang], key=lambda c: sort_key(names[lang][c], lang))}


def map_in_words(
    counts: MapCounts, names: Mapping[str, str], group_names: Mapping[str, str], show_groups: bool, lang: str
) -> str:
    """What the map shows, as text for readers who cannot see it."""
    most = counts.most_reported(names)
    words = (
        t(lang, "map.most_reported", list=listing(lang, [f"{names[c]} ({n})" for c, n in most]))
        if most
        else t(lang, "map.none_reported")
    )
    if show_groups and counts.group_claims:
        shown = [group_names[g] for g in sorted(counts.group_claims)]
        words += " " + t(lang, "map.groups_shown", list=listing(lang, shown))
    return words


def actor(name: str, english: Mapping[str, str], lang: str) -> str:
    """An actor as the source names it, with the project's English (first in English, after it in Chinese)."""
    return f"{english[name]} ({name})" if lang == "en" else f"{name}{FACT_SEPARATOR}{english[name]}"


def card_facts(card: Card, lang: str = "en") -> str:
    """A card's key facts in one line: partner, category, year, actor, and amount and place if stated.

    The actor is the source's own words; in English, the project's translation comes first."""
    actor = f"{card.actor_en} ({card.actor})" if lang == "en" else card.actor
    facts = [card.partner, card.category, card.year, actor]
    return FACT_SEPARATOR.join([*facts, *(fact for fact in (card.amount, card.place) if fact)])


def reference(source: Mapping[str, str] | SourceRef, lang: str, title: str | None = None) -> str:
    """A source named in full, for a reader to cite: author, “title”, publisher, date, translator, as
    lang punctuates them. A card, the sources list and a figure all name a source by this, so they agree
    word for word; title, when given, stands where the title goes (markup puts its link there)."""
    if not isinstance(source, SourceRef):
        source = SourceRef.of(source, lang)
    return t(
        lang,
        "cite.reference",
        who=t(lang, "cite.author", author=source.author) if source.author else "",
        title=source.title if title is None else title,
        publisher=source.publisher,
        date=source.date,
        translated=t(lang, "cite.translated_by", translator=source.translator) if source.translator else "",
    )


def check_details(check: Check, lang: str) -> str:
    """What an independent source gives about a claim (year, amount, actor, place, countries, note), or ''."""
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
        given.append(t(lang, f"check.countries_{kind}", list=listing(lang, check.countries)))
    details = [*given, check.note] if check.note else given
    if not details or check.source is None:
        return ""
    return t(
        lang, "check.gives", source=check.source.short, text=t(lang, "summary.part_separator").join(details)
    )


@dataclass(frozen=True)
class UndatedOffer:
    """A line under the summary about events of no stated year, and a button to show or hide them."""

    text: str
    button: str
    key: str
    show: bool  # what the button sets: show them (True) or leave them out (False)


def undated_offer(counted: Tally, filters: Filters, lang: str) -> UndatedOffer | None:
    """Under a year range: how many undated events it leaves out, or takes in, and a button to change it."""
    if counted.left_out:
        return UndatedOffer(
            n_(lang, "undated.left_out", counted.left_out), t(lang, "undated.show"), "show_undated", True
        )
    if filters.years is not None and filters.undated_shown and counted.undated:
        return UndatedOffer(
            n_(lang, "undated.included", counted.undated), t(lang, "undated.hide"), "hide_undated", False
        )
    return None


def _who(countries: tuple[str, ...], names: dict[str, str], lang: str) -> str:
    if len(countries) > LISTED_NAMES:
        return n_(lang, "summary.country", len(countries))
    return listing(lang, sorted((names.get(c, c) for c in countries), key=str.casefold))


def _head(counted: Tally, filters: Filters, names: dict[str, str], lang: str) -> str:
    """Country claims and group claims counted apart, never added up as if they were one kind."""
    if filters.countries:
        who = _who(filters.countries, names, lang)
        parts = [t(lang, "summary.for_countries", who=who, events=n_(lang, "summary.event", counted.own))]
        if about := counted.about_groups + counted.aggregates:
            parts.append(n_(lang, "summary.about_groups_including", about, who=who))
        return t(lang, "summary.part_separator").join(parts)
    parts = []
    if counted.own:
        places = n_(lang, "summary.country", counted.places)
        parts.append(t(lang, "summary.where", events=n_(lang, "summary.event", counted.own), places=places))
    if counted.about_groups:
        in_groups = n_(lang, "summary.group", counted.groups)
        parts.append(n_(lang, "summary.about_groups", counted.about_groups, groups=in_groups))
    if counted.aggregates:
        parts.append(n_(lang, "summary.aggregate", counted.aggregates))
    return t(lang, "summary.part_separator").join(parts) or n_(lang, "summary.event", 0)


def _span(counted: Tally, filters: Filters, span: tuple[int, int], lang: str) -> str:
    low, high = widened(filters.years, span)
    span = f"{low}–{high}" if low != high else str(low)
    if counted.left_out:
        return t(lang, "summary.undated_left_out", span=span, n=counted.left_out)
    if not filters.undated_shown:
        return t(lang, "summary.dated_only", span=span)
    if counted.undated:
        return t(lang, "summary.undated", span=span, n=counted.undated)
    return span


def view_line(
    counted: Tally,
    filters: Filters,
    span: tuple[int, int],
    labels: dict[str, str],
    lang: str = "en",
    names: dict[str, str] | None = None,
) -> str:
    """One line saying what is shown: what is selected, which years, and every other active filter.

    e.g. 'Iran: 2 events; 2010–2016 and 1 without a stated year; all categories'. Labels and
    names are in lang; span is the dataset's years.
    """
    parts = [
        _head(counted, filters, names or {}, lang),
        _span(counted, filters, span, lang),
        listing(lang, [label for c, label in labels.items() if c in filters.categories])
        or t(lang, "summary.all_categories"),
    ]
    if filters.statuses:
        words = [t(lang, f"status_short.{s}") for s in STATUSES if s in filters.statuses]
        parts.append(t(lang, "summary.statuses", list=listing(lang, words)))
    if filters.actors:
        parts.append(t(lang, "summary.actors", list=listing(lang, sorted(filters.actors))))
    if filters.scopes:
        words = [t(lang, f"scope.{s}") for s in SCOPES if s in filters.scopes]
        parts.append(t(lang, "summary.scopes", list=listing(lang, words)))
    if filters.search.strip():
        parts.append(t(lang, "summary.search", text=" ".join(filters.search.split())))
    return t(lang, "summary.part_separator").join(parts)


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def reader_date(timezone: str | None, now: datetime) -> date:
    """Today where the reader is, else in UTC: the date a citation was read.

    The browser says its zone, and anyone can forge what it says, so only a name of a zone this
    machine has is looked up: anything else, a path, a directory or a name too long for a file,
    never reaches the file system."""
    zone = ZoneInfo(timezone) if timezone in _zones() else UTC
    return now.astimezone(zone).date()


def full_link(page_url: str | None, query: str) -> str:
    """The view's address as the browser shows it: page_url's scheme, host and path, and the view's query.

    A browser's page_url has no query; any other is dropped, so a forged one cannot repeat a long link
    on every rerun.

    Unknown page_url gives the query alone ('' for the whole dataset)."""
    if not page_url:
        return query
    parts = urlsplit(page_url)
    # the root as the address bar shows it, with the slash the browser leaves out
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", "")) + query


def view_citation(title: str, version: str, summary: str, link: str, accessed: date, lang: str) -> str:
    """How to cite the view: dataset, version, what it shows, its full link and the date it was read."""
    link = link or t(lang, "cite.all_events")
    return t(lang, "cite.text", title=title, version=version, summary=summary, link=link, accessed=accessed)
