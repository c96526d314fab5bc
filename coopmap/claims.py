"""An event's card and a country's panel, verdict first, then the passages in context. An event is a row of
the package, its claim what the source reports, its Card what the page shows of it. Claims about a group
that includes a country are listed apart from its own, once: none reads as the country's own claim."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import pandas as pd

from coopmap.columns import filtered, is_
from coopmap.dataset.countries import country_name
from coopmap.dataset.package import DataPackage
from coopmap.dataset.text import locate
from coopmap.i18n import listing, t

# What a card looks up, by table and key column: located once per package, before the first card.
LOOKUPS = (
    ("sources", "source_id"),
    ("categories", "category_id"),
    ("groups", "group_id"),
    ("group_members", "group_id"),
    ("corroborations", "event_id"),
    ("event_passages", "event_id"),
    ("original_passages", "event_id"),
)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the stored text, cut into runs; every run a claim quotes is marked."""

    number: int | None  # None: the passage was not found in the stored text
    runs: tuple[tuple[str, bool], ...]  # (text, quoted)
    translations: tuple[str, ...]  # the project's English of each quoted passage, in order


@dataclass(frozen=True)
class SourceRef:
    """A source as the page names it: in full by ui.words.reference, in short by its publisher and date."""

    source_id: str
    title: str
    publisher: str
    author: str
    translator: str
    language: str
    date: str  # as stated, else lang's words for no date
    url: str

    @classmethod
    def of(cls, row: Mapping[str, str], lang: str) -> SourceRef:
        """A sources row as named: one rule for a missing date, so no two names of a source differ."""
        date = row["date_published"] or t(lang, "panel.date_not_stated")
        fields = ("source_id", "title", "publisher", "author", "translator", "language")
        return cls(*(row[f] for f in fields), date, row["url"])

    @property
    def short(self) -> str:
        """The short name cards, checks and tooltips give: the publisher and date of its full reference.

        Model modules name sources too and may not import ui, so it is kept here, beside the fields."""
        return f"{self.publisher}, {self.date}"


@dataclass(frozen=True)
class Check:
    """One independent source's word on a claim (or a search that found none), on the event's own
    passage or, where passage_id is set, on a further passage of it."""

    verdict: str
    source: SourceRef | None
    differs: str
    article_says: str
    source_says: str
    year: str
    amount: str
    actor: str
    place: str
    countries: tuple[str, ...]  # names
    complete: bool
    note: str
    searched: str
    passage_id: str = ""
    passage: str = ""  # the further passage weighed, as the source writes it


@dataclass(frozen=True)
class OriginalPassage:
    """Where the English original says the same, and how the translation departs from it."""

    source: SourceRef
    paragraph: int
    url: str
    differences: str


@dataclass(frozen=True)
class Card:
    event_id: str
    scope: str
    partner: str  # country or group name, or the counted phrase
    category: str
    year: str  # the stated year, or "year not stated"
    actor: str
    actor_en: str
    amount: str
    place: str
    summary: str
    notes: str
    kind: str  # text or caption
    paragraphs: tuple[Paragraph, ...]
    source: SourceRef
    original: SourceRef | None
    status: str
    checks: tuple[Check, ...]
    in_original: tuple[OriginalPassage, ...]
    passage_notes: tuple[tuple[str, str], ...] = ()  # (further passage, this project's note on it)


@dataclass(frozen=True)
class CountrySection:
    iso3: str
    name: str
    own_ids: tuple[str, ...]  # its own selected events, in dataset order
    hidden: int  # this country's own events that the filters hide
    cards: Mapping[str, Card] = field(repr=False, compare=False)
    mentioned: bool = True  # a claim names it, itself or in the group the claim is about

    @property
    def own(self) -> tuple[Card, ...]:
        return tuple(self.cards[i] for i in self.own_ids)

    @property
    def why_none(self) -> str:
        """Why it shows no claim of its own: 'filtered' (the filters hide some), 'no_claim' (it has none,
        though a group claim may include it) or 'never' (nothing in the dataset names it)."""
        return "filtered" if self.hidden else "no_claim" if self.mentioned else "never"


@dataclass(frozen=True)
class Panel:
    """The chosen countries' own claims, then each group claim that includes any of them, once."""

    countries: tuple[CountrySection, ...]
    via_ids: tuple[str, ...]  # group claims that include a chosen country
    via_group_ids: tuple[str, ...]  # for each of via_ids: the group it is about
    included: Mapping[str, str] = field(repr=False)  # group id -> chosen countries it includes, and why
    cards: Mapping[str, Card] = field(repr=False, compare=False)

    @property
    def via_groups(self) -> tuple[Card, ...]:
        return tuple(self.cards[i] for i in self.via_ids)

    @property
    def includes(self) -> tuple[str, ...]:
        return tuple(self.included[g] for g in self.via_group_ids)


def _source(pkg: DataPackage, source_id: str, lang: str) -> SourceRef | None:
    row = pkg.row("sources", "source_id", source_id)
    return None if row is None else SourceRef.of(row, lang)


def source_short(pkg: DataPackage, source_id: str, lang: str) -> str:
    """A source as cards and tooltips name it (publisher, date), or its id if the package lacks it."""
    source = _source(pkg, source_id, lang)
    return source.short if source else source_id


def paragraphs_of(paras: list[str], passages: list[tuple[str, str]]) -> tuple[Paragraph, ...]:
    """Each paragraph that holds one of the passages, once, with all of them marked in it.

    passages are (verbatim text, translation), in the order the card gives them; one the
    stored text does not hold (the validator forbids it) is shown on its own.
    """
    found: dict[int, list[tuple[int, int, str]]] = {}
    missing = []
    for passage, translation in passages:
        where = locate(passage, paras)
        if where is None:
            missing.append(Paragraph(None, ((passage, True),), (translation,)))
        else:
            found.setdefault(where.paragraph, []).append((where.start, where.end, translation))
    out = []
    for number, spans in found.items():
        text, runs, at = paras[number - 1], [], 0
        for start, end, _ in sorted(spans):
            start = max(start, at)
            if start > at:
                runs.append((text[at:start], False))
            if end > start:
                runs.append((text[start:end], True))
            at = max(at, end)
        if at < len(text):
            runs.append((text[at:], False))
        out.append(Paragraph(number, tuple(runs), tuple(tr for _, _, tr in sorted(spans))))
    return (*out, *missing)


def _checks(pkg: DataPackage, event_id: str, names: dict[str, str], lang: str) -> tuple[Check, ...]:
    """The event's checks: those on its own passage first, then those on its further passages."""
    further = {
        r["passage_id"]: r["passage"] for r in pkg.rows_by("event_passages", "event_id").get(event_id, [])
    }
    out = []
    rows = pkg.rows_by("corroborations", "event_id").get(event_id, [])
    for r in sorted(rows, key=lambda r: r["passage_id"] != ""):
        codes = [c for c in str(r["countries"]).split(";") if c]
        out.append(
            Check(
                verdict=r["verdict"],
                source=_source(pkg, r["source_id"], lang) if r["source_id"] else None,
                differs=r[f"differs_{lang}"],
                article_says=r[f"article_says_{lang}"],
                source_says=r[f"source_says_{lang}"],
                year=str(r["year"]),
                amount=f"US${int(r['amount_usd']):,}" if r["amount_usd"] != "" else "",
                actor=r[f"actor_{lang}"],
                place=r[f"place_{lang}"],
                countries=tuple(names.get(c) or country_name(c, lang) for c in codes),
                complete=bool(r["countries_complete"]),
                note=r[f"note_{lang}"],
                searched=r[f"searched_{lang}"],
                passage_id=r["passage_id"],
                passage=further.get(r["passage_id"], ""),
            )
        )
    return tuple(out)


def _in_original(pkg: DataPackage, event_id: str, lang: str) -> tuple[OriginalPassage, ...]:
    return tuple(
        OriginalPassage(
            _source(pkg, r["source_id"], lang), int(r["paragraph"]), r["url"], r[f"differences_{lang}"]
        )
        for r in pkg.rows_by("original_passages", "event_id").get(event_id, [])
    )


def partner_name(
    pkg: DataPackage, scope: str, iso3: str, group_id: str, names: dict[str, str], lang: str
) -> str:
    """A country's name, or a group's, in lang."""
    if scope == "country":
        return names.get(iso3, iso3)
    return str(pkg.row("groups", "group_id", group_id)[f"name_{lang}"])


def card(pkg: DataPackage, event: pd.Series, names: Mapping[str, str], lang: str = "en") -> Card:
    """One event as a card shows it; event carries its status column (with_status, computed once)."""
    e = {field: "" if pd.isna(value) else value for field, value in event.items()}
    category = pkg.row("categories", "category_id", e["category"])
    source = _source(pkg, e["source_id"], lang)
    related = (pkg.row("sources", "source_id", e["source_id"]) or {}).get("related_source_id", "")
    further = pkg.rows_by("event_passages", "event_id").get(e["event_id"], [])
    amount = f"US${int(e['amount_usd']):,} ({e['amount_text']})" if e["amount_usd"] != "" else ""
    passages = [(e["passage"], e["passage_en"])] + [(f["passage"], f["passage_en"]) for f in further]
    return Card(
        event_id=e["event_id"],
        scope=e["scope"],
        partner=partner_name(pkg, e["scope"], e["country_iso3"], e["group_id"], names, lang),
        category=str(category[f"label_{lang}"]) if category else e["category"],
        year=str(e["year"]) if e["year"] != "" else t(lang, "panel.year_not_stated"),
        actor=e["actor"],
        actor_en=e["actor_en"],
        amount=amount,
        place=e["place"],
        summary=e[f"summary_{lang}"],
        notes=e[f"notes_{lang}"],
        kind=e["passage_kind"],
        paragraphs=paragraphs_of(pkg.paragraphs.get(e["source_id"], []), passages),
        source=source,
        original=_source(pkg, related, lang) if related else None,
        status=str(e["status"]),
        checks=_checks(pkg, e["event_id"], names, lang),
        in_original=_in_original(pkg, e["event_id"], lang),
        passage_notes=tuple((f["passage"], f[f"notes_{lang}"]) for f in further if f[f"notes_{lang}"]),
    )


def _includes(
    pkg: DataPackage, group_id: str, countries: tuple[str, ...], names: dict[str, str], lang: str
) -> str:
    """Which chosen countries a group claim includes: by the group's definition, or named by a source."""
    by_definition, named, notes = [], {}, {}
    for row in pkg.rows_by("group_members", "group_id").get(group_id, []):
        if row["country_iso3"] not in countries:
            continue
        name = names.get(row["country_iso3"], row["country_iso3"])
        if row["basis"] == "definition":
            by_definition.append(name)
        else:
            source = source_short(pkg, row["basis"], lang)
            named.setdefault(source, []).append(name)
            if note := row[f"notes_{lang}"]:  # how far the source's naming goes, said with it
                notes.setdefault(source, {})[note] = None
    parts = []
    if by_definition:
        parts.append(t(lang, "panel.includes", names=listing(lang, by_definition)))
    for source, listed in named.items():
        parts.append(t(lang, "panel.named_by", source=source, names=listing(lang, listed)))
        parts += notes.get(source, {})
    return t(lang, "summary.sentence_separator").join(parts)


def mentioned_countries(pkg: DataPackage) -> frozenset[str]:
    """Every country a claim names: its own claims' countries, and the members of the groups claimed about."""
    events = pkg["events"]
    own = events.loc[events["scope"] == "country", "country_iso3"].unique()
    return frozenset(map(str, own)).union(*(pkg.members.get(g, ()) for g in events["group_id"].unique()))


def country_panel(
    pkg: DataPackage,
    countries: tuple[str, ...],
    selected: pd.DataFrame,
    names: Mapping[str, str],
    lang: str,
    cards: Mapping[str, Card],
    own_counts: Mapping[str, int],
    mentioned: Collection[str],
) -> Panel:
    """The chosen countries' claims among the selected events, and the group claims that include them.

    Cards are looked up only for what is shown; own_counts (per country, under no filter) and
    mentioned (mentioned_countries), both kept per package, save reading the whole package again.
    """
    is_own = selected["scope"] == "country"
    members = pkg["group_members"]
    groups = set(members.loc[members["country_iso3"].isin(countries), "group_id"])
    via = selected[selected["scope"].isin(["group", "aggregate"]) & selected["group_id"].isin(groups)]
    sections = []
    for iso3 in countries:
        own_ids = tuple(selected.loc[is_own & (selected["country_iso3"] == iso3), "event_id"])
        sections.append((iso3, own_ids))
    return Panel(
        countries=tuple(
            CountrySection(
                iso3, names.get(iso3, iso3), ids, own_counts.get(iso3, 0) - len(ids), cards, iso3 in mentioned
            )
            for iso3, ids in sections
        ),
        via_ids=tuple(via["event_id"]),
        via_group_ids=tuple(via["group_id"]),
        included={g: _includes(pkg, g, countries, names, lang) for g in set(via["group_id"])},
        cards=cards,
    )


def counted_claims(selected: pd.DataFrame, shown: frozenset = frozenset()) -> tuple[str, ...]:
    """Counted claims ('18 countries ...') not already in a panel, in dataset order; they name no country."""
    counted = filtered(selected["event_id"], is_(selected["scope"], "aggregate")).to_pylist()
    return tuple(event for event in counted if event not in shown)
