"""What a country's panel shows: each claim with its passage in context, translation and source.

A country's own events come first; group claims whose group includes it are listed apart,
and counted aggregates apart again, so no group or count ever reads as a claim about
the country itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data.corroboration import statuses
from data.i18n import t
from data.names import country_name
from data.package import DataPackage
from data.text import locate


@dataclass(frozen=True)
class Quote:
    """A verbatim passage inside its paragraph, with the project's English translation."""

    before: str
    passage: str
    after: str
    paragraph: int | None
    translation: str
    relation: str = ""  # for further passages: same_event / follow_up


@dataclass(frozen=True)
class SourceRef:
    source_id: str
    title: str
    publisher: str
    author: str
    translator: str
    language: str
    date: str
    url: str


@dataclass(frozen=True)
class Check:
    """One independent source's word on a claim (or a search that found none)."""

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


@dataclass(frozen=True)
class OriginalPassage:
    """Where the English original says the same, and how the translation departs from it."""

    source: SourceRef
    paragraph: int
    url: str
    differences: str


@dataclass(frozen=True)
class Claim:
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
    quote: Quote
    further: tuple[Quote, ...]
    source: SourceRef
    original: SourceRef | None
    status: str
    checks: tuple[Check, ...]
    in_original: tuple[OriginalPassage, ...]


@dataclass(frozen=True)
class CountryPanel:
    iso3: str
    name: str
    own: tuple[Claim, ...]
    via_groups: tuple[Claim, ...]
    named_by: tuple[str, ...]  # for each of via_groups: '' by definition, else who names the country
    hidden: int  # this country's own events that the filters hide


def _source(pkg: DataPackage, source_id: str, lang: str = "en") -> SourceRef | None:
    rows = pkg["sources"][pkg["sources"]["source_id"] == source_id]
    if rows.empty:
        return None
    row = rows.fillna("").iloc[0]
    return SourceRef(
        source_id, row["title"], row["publisher"], row["author"], row["translator"], row["language"],
        row["date_published"] or t(lang, "panel.date_not_stated"), row["url"],
    )  # fmt: skip


def _quote(pkg: DataPackage, source_id: str, passage: str, translation: str, relation: str = "") -> Quote:
    found = locate(passage, pkg.paragraphs.get(source_id, []))
    if found is None:
        return Quote("", passage, "", None, translation, relation)
    return Quote(found.before, passage, found.after, found.paragraph, translation, relation)


def _checks(pkg: DataPackage, event_id: str, names: dict[str, str], lang: str) -> tuple[Check, ...]:
    rows = pkg["corroborations"][pkg["corroborations"]["event_id"] == event_id]
    out = []
    for _, r in rows.iterrows():
        r = r.astype(object).where(r.notna(), "")
        codes = [c for c in r["countries"].split(";") if c]
        out.append(
            Check(
                verdict=r["verdict"],
                source=_source(pkg, r["source_id"], lang) if r["source_id"] else None,
                differs=r["differs"],
                article_says=r["article_says"],
                source_says=r["source_says"],
                year=str(r["year"]),
                amount=f"US${int(r['amount_usd']):,}" if r["amount_usd"] != "" else "",
                actor=r["actor"],
                place=r["place"],
                countries=tuple(names.get(c) or country_name(c, lang) for c in codes),
                complete=bool(r["countries_complete"]),
                note=r["note"],
                searched=r["searched"],
            )
        )
    return tuple(out)


def _in_original(pkg: DataPackage, event_id: str, lang: str) -> tuple[OriginalPassage, ...]:
    rows = pkg["original_passages"][pkg["original_passages"]["event_id"] == event_id]
    return tuple(
        OriginalPassage(_source(pkg, r.source_id), int(r.paragraph), r.url, r.differences)
        for r in rows.itertuples()
    )


def _partner(pkg: DataPackage, event: pd.Series, names: dict[str, str], lang: str) -> str:
    if event["scope"] == "country":
        return names.get(event["country_iso3"], event["country_iso3"])
    groups = pkg["groups"].set_index("group_id")
    return str(groups.loc[event["group_id"], f"name_{lang}"])


def claim(pkg: DataPackage, event: pd.Series, names: dict[str, str], lang: str = "en") -> Claim:
    """One event as the panel shows it."""
    e = event.astype(object).where(event.notna(), "")
    categories = pkg["categories"].set_index("category_id")[f"label_{lang}"]
    source = _source(pkg, e["source_id"], lang)
    related = pkg["sources"].set_index("source_id").fillna("").loc[e["source_id"], "related_source_id"]
    further = pkg["event_passages"][pkg["event_passages"]["event_id"] == e["event_id"]]
    amount = f"US${int(e['amount_usd']):,} ({e['amount_text']})" if e["amount_usd"] != "" else ""
    return Claim(
        event_id=e["event_id"],
        scope=e["scope"],
        partner=_partner(pkg, e, names, lang),
        category=str(categories.get(e["category"], e["category"])),
        year=str(e["year"]) if e["year"] != "" else t(lang, "panel.year_not_stated"),
        actor=e["actor"],
        actor_en=e["actor_en"],
        amount=amount,
        place=e["place"],
        summary=e["summary_en"],
        notes=e["notes"],
        kind=e["passage_kind"],
        quote=_quote(pkg, e["source_id"], e["passage"], e["passage_en"]),
        further=tuple(
            _quote(pkg, f.source_id, f.passage, f.passage_en, f.relation) for f in further.itertuples()
        ),
        source=source,
        original=_source(pkg, related, lang) if related else None,
        status=str(statuses(pkg["events"], pkg["corroborations"]).get(e["event_id"], "not_found")),
        checks=_checks(pkg, e["event_id"], names, lang),
        in_original=_in_original(pkg, e["event_id"], lang),
    )


def country_panel(
    pkg: DataPackage, iso3: str, selected: pd.DataFrame, names: dict[str, str], lang: str = "en"
) -> CountryPanel:
    """The claims about one country among the selected events, and the group claims that include it."""
    members = pkg["group_members"]
    basis = members[members["country_iso3"] == iso3].set_index("group_id")["basis"]
    own = selected[(selected["scope"] == "country") & (selected["country_iso3"] == iso3)]
    via = selected[selected["scope"].isin(["group", "aggregate"]) & selected["group_id"].isin(basis.index)]
    everywhere = pkg["events"]
    all_own = everywhere[(everywhere["scope"] == "country") & (everywhere["country_iso3"] == iso3)]
    return CountryPanel(
        iso3=iso3,
        name=names.get(iso3, iso3),
        own=tuple(claim(pkg, row, names, lang) for _, row in own.iterrows()),
        via_groups=tuple(claim(pkg, row, names, lang) for _, row in via.iterrows()),
        named_by=tuple(_named_by(pkg, basis[g], lang) for g in via["group_id"]),
        hidden=len(all_own) - len(own),
    )


def _named_by(pkg: DataPackage, basis: str, lang: str) -> str:
    if basis == "definition":
        return ""
    source = _source(pkg, basis, lang)
    return f"{source.publisher}, {source.date}" if source else basis


def aggregate_claims(
    pkg: DataPackage, selected: pd.DataFrame, names: dict[str, str], lang: str = "en"
) -> tuple[Claim, ...]:
    """Counted claims ('18 countries ...'): the article names none; the map shows only what a source names."""
    rows = selected[selected["scope"] == "aggregate"]
    return tuple(claim(pkg, row, names, lang) for _, row in rows.iterrows())
