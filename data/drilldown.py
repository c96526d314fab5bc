"""What a country's panel shows: each claim with its passage in context, translation and source.

A country's own events come first; group claims whose group includes it are listed apart,
and counted aggregates apart again, so no group or count ever reads as a claim about
the country itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

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


@dataclass(frozen=True)
class CountryPanel:
    iso3: str
    name: str
    own: tuple[Claim, ...]
    via_groups: tuple[Claim, ...]
    hidden: int  # this country's own events that the filters hide


def _source(pkg: DataPackage, source_id: str) -> SourceRef | None:
    rows = pkg["sources"][pkg["sources"]["source_id"] == source_id]
    if rows.empty:
        return None
    row = rows.fillna("").iloc[0]
    return SourceRef(
        source_id, row["title"], row["publisher"], row["author"], row["translator"], row["language"],
        row["date_published"] or "date not stated", row["url"],
    )  # fmt: skip


def _quote(pkg: DataPackage, source_id: str, passage: str, translation: str, relation: str = "") -> Quote:
    found = locate(passage, pkg.paragraphs.get(source_id, []))
    if found is None:
        return Quote("", passage, "", None, translation, relation)
    return Quote(found.before, passage, found.after, found.paragraph, translation, relation)


def _partner(pkg: DataPackage, event: pd.Series, names: dict[str, str]) -> str:
    if event["scope"] == "country":
        return names.get(event["country_iso3"], event["country_iso3"])
    groups = pkg["groups"].set_index("group_id")
    return str(groups.loc[event["group_id"], "name_en"])


def claim(pkg: DataPackage, event: pd.Series, names: dict[str, str]) -> Claim:
    """One event as the panel shows it."""
    e = event.astype(object).where(event.notna(), "")
    categories = pkg["categories"].set_index("category_id")["label_en"]
    source = _source(pkg, e["source_id"])
    related = pkg["sources"].set_index("source_id").fillna("").loc[e["source_id"], "related_source_id"]
    further = pkg["event_passages"][pkg["event_passages"]["event_id"] == e["event_id"]]
    amount = f"US${int(e['amount_usd']):,} ({e['amount_text']})" if e["amount_usd"] != "" else ""
    return Claim(
        event_id=e["event_id"],
        scope=e["scope"],
        partner=_partner(pkg, e, names),
        category=str(categories.get(e["category"], e["category"])),
        year=str(e["year"]) if e["year"] != "" else "year not stated",
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
        original=_source(pkg, related) if related else None,
    )


def country_panel(pkg: DataPackage, iso3: str, selected: pd.DataFrame, names: dict[str, str]) -> CountryPanel:
    """The claims about one country among the selected events, and the group claims that include it."""
    members = pkg["group_members"]
    groups = set(members.loc[members["country_iso3"] == iso3, "group_id"])
    own = selected[(selected["scope"] == "country") & (selected["country_iso3"] == iso3)]
    via = selected[(selected["scope"] == "group") & selected["group_id"].isin(groups)]
    everywhere = pkg["events"]
    all_own = everywhere[(everywhere["scope"] == "country") & (everywhere["country_iso3"] == iso3)]
    return CountryPanel(
        iso3=iso3,
        name=names.get(iso3, iso3),
        own=tuple(claim(pkg, row, names) for _, row in own.iterrows()),
        via_groups=tuple(claim(pkg, row, names) for _, row in via.iterrows()),
        hidden=len(all_own) - len(own),
    )


def aggregate_claims(pkg: DataPackage, selected: pd.DataFrame, names: dict[str, str]) -> tuple[Claim, ...]:
    """Counted claims ('18 countries ...'): they name no country and are never drawn on the map."""
    rows = selected[selected["scope"] == "aggregate"]
    return tuple(claim(pkg, row, names) for _, row in rows.iterrows())
