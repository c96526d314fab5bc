"""The project's rules: what a Table Schema cannot say of a package, one small function per rule, run on
each row of a table (ROW_RULES) or once on the whole package (PACKAGE_RULES), so that each rule can be
read, tested and changed alone; what they share is a Context of what the tables read so far hold."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from coopmap.dataset.amounts import parse_usd
from coopmap.dataset.cells import flaws, unseen
from coopmap.dataset.countries import UnknownCountryName, is_iso3, resolve
from coopmap.dataset.package import inside
from coopmap.dataset.problem import Problem
from coopmap.dataset.schema import TABLES, WRITTEN
from coopmap.dataset.text import Location, TextIndex, has_cjk, paragraphs, plain_text, sentences

# Never a partner of China's cooperation in this dataset: passages about them are context (data/README.md).
CHINA_OWN = {"CHN": "China", "HKG": "Hong Kong", "MAC": "Macao"}
CLAIMED = {"TWN": "Taiwan"}  # governed apart, claimed by the PRC as its own territory: out of scope
# Values an event takes from its passage: each must stand in it verbatim.
QUOTED_FIELDS = ("actor", "amount_text", "financing", "place", "year", "count_stated")
NUMERIC_FIELDS = {"year", "count_stated"}  # a non-number there is the schema check's to report
_WRITTEN = {kind: re.compile(pattern) for kind, pattern in WRITTEN.items()}
_FORMS = {
    "integer": "an integer: ASCII digits, '-' before a negative",
    "boolean": "true or false: in lower case",
    "date": "a date: YYYY-MM-DD",
}
# Each table's fields that hold text, fields the loader reads as another type, and (English, Chinese) pairs.
_TEXTS = {
    t: frozenset(f["name"] for f in s["fields"] if f.get("type", "string") == "string")
    for t, s in TABLES.items()
}
_TYPED = {
    t: [(f["name"], f["type"]) for f in s["fields"] if f.get("type") in _WRITTEN] for t, s in TABLES.items()
}
_PAIRS = {
    t: [(n, n[:-3] + "_zh") for n in names if n.endswith("_en") and n[:-3] + "_zh" in names]
    for t, names in ((t, [f["name"] for f in s["fields"]]) for t, s in TABLES.items())
}

Row = dict[str, str]
Found = Iterator[tuple[str | None, str]]  # (field, why) of each problem a rule finds in a row


@dataclass
class Context:
    """What the rules share: the package's folder and shapes, and what the tables read so far hold."""

    root: Path
    paths: dict[str, Path]  # table: its file
    geometry: Path
    shapes: frozenset[str]  # ISO codes with a shape; empty when the shapes cannot be read
    partial: set[str] = field(default_factory=set)  # tables read in part or not at all
    sources: dict[str, Row] = field(default_factory=dict)  # source_id: its row
    texts: dict[str, TextIndex] = field(default_factory=dict)  # source_id: its stored text
    text_paths: dict[str, Path] = field(default_factory=dict)  # source_id: its stored text's file
    groups: dict[str, Row] = field(default_factory=dict)  # group_id: its row
    group_rows: list[tuple[int, str, str]] = field(default_factory=list)  # (row, group_id, kind)
    members: set[str] = field(default_factory=set)  # groups with a member
    weighed: set[str] = field(default_factory=set)  # events a corroboration row weighs
    weighs: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # passage_id: (row, event_id)
    passage_events: dict[str, list[str]] = field(default_factory=dict)  # passage_id weighed: its events
    event_of: dict[str, str] = field(default_factory=dict)  # passage: the first event resting on it
    event_keys: dict[tuple, str] = field(default_factory=dict)  # partner, category, passage: first event
    preferred: dict[tuple[str, str], str] = field(default_factory=dict)  # (iso3, language): name shown
    passage_rows: dict[str, dict[str, int]] = field(default_factory=dict)  # table: passage: first row
    located: tuple = ((), None)  # the last passage looked up, and where it stands


def learn(ctx: Context, table: str, number: int, row: Row) -> None:
    """Keep what the rules of this table's later rows, and of later tables, look up."""
    if table == "sources":
        ctx.sources[row["source_id"]] = row
    elif table == "groups":
        ctx.groups[row["group_id"]] = row
        ctx.group_rows.append((number, row["group_id"], row["kind"]))
    elif table == "corroborations":
        ctx.weighed.add(row["event_id"])
        if row.get("passage_id"):
            ctx.weighs.setdefault(row["passage_id"], []).append((number, row["event_id"]))
    elif table == "events":
        ctx.event_of.setdefault(row["passage"], row["event_id"])
    elif table == "group_members":
        ctx.members.add(row["group_id"])
    elif table == "event_passages" and row["passage_id"] in ctx.weighs:
        ctx.passage_events.setdefault(row["passage_id"], []).append(row["event_id"])


@lru_cache(maxsize=4096)
def _iso3(code: str) -> bool:
    """is_iso3, remembered: a few hundred codes, asked millions of times."""
    return is_iso3(code)


def _country(ctx: Context, code: str) -> str | None:
    """Why code is not a foreign country the map can draw, or None when it is."""
    if not _iso3(code):
        return f"{code!r} is not an ISO 3166-1 alpha-3 code"
    if code in CHINA_OWN:
        return (
            f"{code!r} ({CHINA_OWN[code]}) is China's own territory, not a foreign partner: record it in "
            "context.csv"
        )
    if code in CLAIMED:
        return (
            f"{code!r} ({CLAIMED[code]}) is claimed by the PRC as its own territory, out of this dataset's "
            "scope: record it in context.csv"
        )
    if ctx.shapes and code not in ctx.shapes:
        return f"{code!r} has no shape in {ctx.geometry.name}"
    return None


def _location(ctx: Context, row: Row) -> Location | None:
    """Where the row's passage stands in its source's stored text, or None; several rules of a row ask,
    and it is looked up once (a lookup marks the passage quoted, for every_sentence_accounted_for)."""
    key = (row["source_id"], row["passage"])
    if ctx.located[0] != key:
        text = ctx.texts.get(row["source_id"]) if row["passage"] else None
        ctx.located = (key, text.quote(row["passage"]) if text is not None else None)
    return ctx.located[1]


# Rules on every row of every table: what a cell may hold and how it is written.


def plain_cells(ctx: Context, table: str, number: int, row: Row) -> Found:
    """No cell holds what no reader sees, markup, a formula or a text beyond LIMIT (cells.py)."""
    yield from flaws(row, _TEXTS[table])


def written_as_read(ctx: Context, table: str, number: int, row: Row) -> Found:
    """A cell frictionless reads as an integer, truth or date is written as the loader reads it (WRITTEN);
    values neither takes are frictionless's to report."""
    for name, kind in _TYPED[table]:
        value = row[name]
        if not value:
            continue
        if _WRITTEN[kind].fullmatch(value):
            if kind == "integer" and not -(2**63) <= int(value) < 2**63:
                yield (
                    name,
                    f"{value!r} is beyond the integers this project reads (64 bits: at most {2**63 - 1:,})",
                )
            continue
        try:
            if kind == "integer":
                int(value)
            elif kind == "boolean" and value not in ("TRUE", "True", "1", "FALSE", "False", "0"):
                continue
            elif kind == "date":
                datetime.strptime(value, "%Y-%m-%d")
        except ValueError:
            continue
        yield name, f"{value!r} is not written as this project reads {_FORMS[kind]}"


def both_languages(ctx: Context, table: str, number: int, row: Row) -> Found:
    """A text a reader sees is in English and Chinese, or in neither: never one alone."""
    for english, chinese in _PAIRS[table]:
        en, zh = row.get(english, ""), row.get(chinese, "")
        if bool(en.strip()) != bool(zh.strip()):
            have, lack = (english, chinese) if en.strip() else (chinese, english)
            yield lack, f"empty where {have} is not: every text needs both languages"
        elif zh.strip() and not has_cjk(zh):
            yield chinese, f"{zh[:40]!r} holds no Chinese character"


# Sources and their stored texts


def translation_names_its_original(ctx: Context, table: str, number: int, row: Row) -> Found:
    if row["relation"] == "translation_of" and not row["related_source_id"]:
        yield "related_source_id", "a translation must name its original"


def stored_text_readable(ctx: Context, table: str, number: int, row: Row) -> Found:
    """A source's stored text lies in the package and reads as UTF-8; it is kept for the passages' rules."""
    if not row["text_path"]:
        return
    path = inside(ctx.root, row["text_path"])
    if path is None:
        yield "text_path", f"{row['text_path']!r} leaves the package folder"
        return
    try:
        stored = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        yield "text_path", f"cannot read the stored text {path}: {exc}"
        return
    ctx.texts[row["source_id"]] = TextIndex(paragraphs(plain_text(stored)))
    ctx.text_paths.setdefault(row["source_id"], path)


# Country aliases and corroborations


def alias_code_is_iso(ctx: Context, table: str, number: int, row: Row) -> Found:
    if not _iso3(row["iso3"]):
        yield "iso3", f"{row['iso3']!r} is not an ISO 3166-1 alpha-3 code"


def one_preferred_name(ctx: Context, table: str, number: int, row: Row) -> Found:
    """A country is shown by one name in each language: two preferred would leave the choice to row order."""
    if row["preferred"] != "true":
        return
    key = (row["iso3"], row["language"])
    if key in ctx.preferred:
        yield (
            "preferred",
            f"{row['iso3']} already has a preferred {row['language']} name, {ctx.preferred[key]}",
        )
    ctx.preferred.setdefault(key, row["name"])


def verdict_has_its_source(ctx: Context, table: str, number: int, row: Row) -> Found:
    """An independent source confirms, qualifies or contradicts; not_found has none."""
    verdict, source_id = row["verdict"], row["source_id"]
    if verdict == "not_found" and source_id:
        yield "source_id", "must be empty when verdict is not_found"
    elif verdict != "not_found" and not source_id:
        yield "source_id", f"required when verdict is {verdict}"


def search_described(ctx: Context, table: str, number: int, row: Row) -> Found:
    if row["verdict"] == "not_found" and not row["searched_en"]:
        yield "searched_en", "a not_found verdict must describe the search"


def source_independent(ctx: Context, table: str, number: int, row: Row) -> Found:
    """An article never corroborates itself, in the original or a translation."""
    source = ctx.sources.get(row["source_id"]) if row["verdict"] != "not_found" else None
    if source is not None and source["relation"] != "independent":
        yield (
            "source_id",
            f"{row['source_id']!r} is not independent of the article (relation {source['relation']!r})",
        )


def difference_said(ctx: Context, table: str, number: int, row: Row) -> Found:
    if row["verdict"] in ("partly", "contradicts"):
        for name in ("differs_en", "article_says_en", "source_says_en"):
            if not row[name]:
                yield name, f"required when verdict is {row['verdict']}: say what differs"


def corroborated_countries_are_iso(ctx: Context, table: str, number: int, row: Row) -> Found:
    for code in filter(None, row["countries"].split(";")):
        if not _iso3(code):
            yield "countries", f"{code!r} is not an ISO 3166-1 alpha-3 code"


# Events


def event_weighed(ctx: Context, table: str, number: int, row: Row) -> Found:
    """Every event is weighed against independent reporting."""
    if row["event_id"] not in ctx.weighed:
        yield (
            "event_id",
            f"event {row['event_id']} has no corroboration row "
            "(not_found, with the search described, is an honest answer)",
        )


def partner_country(ctx: Context, table: str, number: int, row: Row) -> Found:
    """A country event names a foreign country the map can draw, the one its source's name stands for."""
    if row["scope"] != "country":
        return
    if not row["country_iso3"]:
        yield "country_iso3", "required when scope is country"
    elif (why := _country(ctx, row["country_iso3"])) is not None:
        yield "country_iso3", why
    else:
        try:
            code = resolve(row["partner_src"], ctx.paths["country_aliases"])
        except UnknownCountryName as exc:
            yield "partner_src", str(exc)
            return
        if code != row["country_iso3"]:
            yield "country_iso3", f"{row['partner_src']!r} is {code}, not {row['country_iso3']}"


def country_scope_without_group(ctx: Context, table: str, number: int, row: Row) -> Found:
    if row["scope"] == "country" and row["group_id"]:
        yield "group_id", "must be empty when scope is country"


def group_scope_without_country(ctx: Context, table: str, number: int, row: Row) -> Found:
    if row["scope"] in ("group", "aggregate") and row["country_iso3"]:
        yield "country_iso3", f"must be empty when scope is {row['scope']}"


def group_fits_scope(ctx: Context, table: str, number: int, row: Row) -> Found:
    """A group event names a group, a region or bloc for scope group, an aggregate for scope aggregate."""
    scope, group_id = row["scope"], row["group_id"]
    if scope not in ("group", "aggregate"):
        return
    group = ctx.groups.get(group_id)
    if not group_id:
        yield "group_id", f"required when scope is {scope}"
    elif group is not None and (group["kind"] == "aggregate") != (scope == "aggregate"):
        yield "group_id", f"group {group_id!r} is a {group['kind']}, which does not fit scope {scope}"


def partner_names_the_group(ctx: Context, table: str, number: int, row: Row) -> Found:
    group = ctx.groups.get(row["group_id"]) if row["scope"] in ("group", "aggregate") else None
    if group is not None and row["partner_src"] not in [n.strip() for n in group["source_names"].split(";")]:
        yield (
            "partner_src",
            f"{row['partner_src']!r} is not one of the names of group {row['group_id']!r} "
            f"({group['source_names']})",
        )


def passage_verbatim(ctx: Context, table: str, number: int, row: Row) -> Found:
    """An event's, further passage's or context row's passage stands verbatim in its source's stored text."""
    passage, source_id = row["passage"], row["source_id"]
    if not passage or source_id not in ctx.sources:
        return  # reported by the schema checks
    if source_id not in ctx.texts:
        if not ctx.sources[source_id]["text_path"]:  # else sources.csv says why it cannot be read
            yield "source_id", f"source {source_id!r} has no stored text to quote from"
    elif _location(ctx, row) is None:
        yield "passage", f"not found verbatim in the stored text of {source_id}: {passage[:60]!r}"


def event_once(ctx: Context, table: str, number: int, row: Row) -> Found:
    """One event for one partner, category and passage."""
    key = (
        *map(sys.intern, (row["scope"], row["country_iso3"], row["group_id"], row["category"])),
        row["passage"],
    )
    if key in ctx.event_keys:
        yield "passage", f"duplicate of event {ctx.event_keys[key]}: same partner, category and passage"
    ctx.event_keys.setdefault(key, row["event_id"])


def amount_matches(ctx: Context, table: str, number: int, row: Row) -> Found:
    """An amount is given as written and in whole US dollars, and the two agree."""
    text, usd = row["amount_text"], row["amount_usd"]
    if bool(text) != bool(usd):
        yield "amount_usd", "amount_usd and amount_text go together"
    elif text:
        try:
            parsed = parse_usd(text)
        except ValueError as exc:
            yield "amount_text", str(exc)
            return
        if usd.isdigit() and parsed != int(usd):
            yield "amount_usd", f"{usd} differs from {text!r} = {parsed}"


def count_has_its_unit(ctx: Context, table: str, number: int, row: Row) -> Found:
    if bool(row["count_stated"]) != bool(row["count_unit"]):
        yield "count_unit", "count_stated and count_unit go together"


def values_in_the_passage(ctx: Context, table: str, number: int, row: Row) -> Found:
    """Each value an event takes from its passage stands in it verbatim."""
    if _location(ctx, row) is None:
        return
    for name in QUOTED_FIELDS:
        if name in NUMERIC_FIELDS and not row[name].isdigit():
            continue
        if row[name] and row[name] not in row["passage"]:
            yield name, f"{row[name]!r} does not stand in the passage"


def partner_where_stated(ctx: Context, table: str, number: int, row: Row) -> Found:
    """The partner's name stands in the passage, or in its paragraph when partner_basis says so."""
    found = _location(ctx, row)
    if found is None or not row["partner_src"]:
        return
    where = found.text if row["partner_basis"] == "paragraph" else row["passage"]
    if row["partner_src"] not in where:
        yield (
            "partner_src",
            f"{row['partner_src']!r} does not stand in the {row['partner_basis']} "
            f"(paragraph {found.paragraph})",
        )


# Group members


def member_country(ctx: Context, table: str, number: int, row: Row) -> Found:
    if (why := _country(ctx, row["country_iso3"])) is not None:
        yield "country_iso3", why


def member_basis(ctx: Context, table: str, number: int, row: Row) -> Found:
    """A member is one by the group's definition, or on the word of a source."""
    if row["basis"] != "definition" and row["basis"] not in ctx.sources:
        yield "basis", f"{row['basis']!r} is neither 'definition' nor a source_id"


def aggregate_member_named(ctx: Context, table: str, number: int, row: Row) -> Found:
    group = ctx.groups.get(row["group_id"])
    if group and group["kind"] == "aggregate" and row["basis"] == "definition":
        yield (
            "basis",
            f"aggregate {row['group_id']!r} has no definition: a member needs the source that names it",
        )


# Further passages and context


def not_an_event_passage(ctx: Context, table: str, number: int, row: Row) -> Found:
    if row["passage"] in ctx.event_of:
        yield "passage", f"already the passage of event {ctx.event_of[row['passage']]}"


def passage_once(ctx: Context, table: str, number: int, row: Row) -> Found:
    seen = ctx.passage_rows.setdefault(table, {})
    if row["passage"] in seen:
        yield "passage", f"duplicate of row {seen[row['passage']]}"
    seen.setdefault(row["passage"], number)


# Passages in the original


def original_is_the_original(ctx: Context, table: str, number: int, row: Row) -> Found:
    source = ctx.sources.get(row["source_id"])  # an unknown source is the schema checks' to report
    if source is not None and source["relation"] != "original":
        yield "source_id", f"{row['source_id']!r} is not the original"


def original_url_fragment(ctx: Context, table: str, number: int, row: Row) -> Found:
    """A link to the original is the source's own url with a text fragment, never another page."""
    source = ctx.sources.get(row["source_id"])
    if (
        source is not None
        and source["relation"] == "original"
        and not row["url"].startswith(source["url"] + "#")
    ):
        yield "url", f"must be the source's url {source['url']} with a text fragment"


RowRule = Callable[[Context, str, int, Row], Iterable[tuple[str | None, str]]]
CELL_RULES: list[RowRule] = [plain_cells, written_as_read, both_languages]  # on every table, first
# The tables in the order they are read, each with its rules: a rule looks up only tables read before.
ROW_RULES: dict[str, list[RowRule]] = {
    "sources": [translation_names_its_original, stored_text_readable],
    "groups": [],
    "country_aliases": [alias_code_is_iso, one_preferred_name],
    "corroborations": [
        *(verdict_has_its_source, search_described, source_independent, difference_said),
        corroborated_countries_are_iso,
    ],
    "events": [
        *(event_weighed, partner_country, country_scope_without_group, group_scope_without_country),
        *(group_fits_scope, partner_names_the_group, passage_verbatim, event_once, amount_matches),
        *(count_has_its_unit, values_in_the_passage, partner_where_stated),
    ],
    "group_members": [member_country, member_basis, aggregate_member_named],
    "event_passages": [passage_verbatim, not_an_event_passage, passage_once],
    "context": [passage_verbatim, not_an_event_passage, passage_once],
    "original_passages": [original_is_the_original, original_url_fragment],
    "categories": [],
}


# Rules on the whole package, once every table is read


def groups_have_members(ctx: Context) -> Iterator[Problem]:
    """A region or bloc lists its members; an aggregate's are named by sources, if at all."""
    path = str(ctx.paths["groups"])
    for number, group_id, kind in ctx.group_rows:
        if kind != "aggregate" and group_id not in ctx.members:
            yield Problem(path, number, "group_id", f"{kind} {group_id!r} has no members")


def passage_weighed_is_its_events(ctx: Context) -> Iterator[Problem]:
    """A row that weighs a further passage names one of its own event's (the schema checks it exists)."""
    path = str(ctx.paths["corroborations"])
    for passage_id, events in ctx.passage_events.items():
        for event_id in events:
            for number, weighed in ctx.weighs[passage_id]:
                if weighed != event_id:
                    why = f"{passage_id} is a passage of {event_id}, not of {weighed}"
                    yield Problem(path, number, "passage_id", why)


def stored_texts_show_every_character(ctx: Context) -> Iterator[Problem]:
    """A stored text reaches a card as it is: a character no reader sees (a right-to-left override
    reverses the quoted passage) is reported by line, as in a cell."""
    for path in dict.fromkeys(ctx.text_paths.values()):
        try:
            stored = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # read a moment ago: changed since, which the fingerprint sees
        if unseen(stored) is None:
            continue
        for number, line in enumerate(stored.split("\n"), start=1):
            if (why := unseen(line)) is not None:
                yield Problem(str(path), number, None, why, unit="line")


def every_sentence_accounted_for(ctx: Context) -> Iterator[Problem]:
    """Every Chinese sentence of a stored text is an event, a further passage or context."""
    if ctx.partial & {"events", "event_passages", "context"}:
        return  # else every sentence of the part not read would seem unquoted
    for source_id, text in ctx.texts.items():
        for number, rest in text.unquoted():
            for sentence in sentences(rest):
                sentence = sentence.lstrip("，、；：,;: ")
                if has_cjk(sentence):
                    why = f"not quoted by any event, further passage or context row: {sentence[:60]!r}"
                    yield Problem(str(ctx.text_paths[source_id]), number, None, why, unit="paragraph")


PACKAGE_RULES: list[Callable[[Context], Iterable[Problem]]] = [
    *(groups_have_members, passage_weighed_is_its_events, stored_texts_show_every_character),
    every_sentence_accounted_for,
]
