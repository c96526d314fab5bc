"""Check a data package and report every problem with its file, row and field: frictionless holds
each table to this project's pinned Table Schema (schema.py), and the checks below add what it cannot say.
Run: python -m coopmap.dataset.validate [DATA_DIR]"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from itertools import islice
from pathlib import Path

from frictionless import FrictionlessException, Package

from coopmap.dataset.amounts import parse_usd
from coopmap.dataset.cells import LIMIT, flaw, flaws, unseen
from coopmap.dataset.countries import UnknownCountryName, is_iso3, resolve
from coopmap.dataset.files import listing
from coopmap.dataset.package import DESCRIPTOR, CutShort, descriptor, inside, records
from coopmap.dataset.schema import WRITTEN, conform, descriptor_checked, with_dialect
from coopmap.dataset.shapes import DEFAULT as GEOMETRY
from coopmap.dataset.shapes import iso3_codes
from coopmap.dataset.text import TextIndex, has_cjk, paragraphs, plain_text, sentences
from coopmap.paths import DATA_DIR

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
LISTED = 1000  # problems listed per table, as frictionless lists at most 1,000 per validation


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int | None
    field: str | None
    message: str
    unit: str = "row"

    def __str__(self) -> str:
        where = [_shown(self.file)]
        if self.row is not None:
            where.append(f"{self.unit} {self.row}")
        if self.field:
            where.append(f"field {self.field}")
        return f"{', '.join(where)}: {self.message}"


def _shown(file: str) -> str:
    """A path as the user typed it: relative to the working folder when it lies below it."""
    path = Path(file)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return file


def validate(root: Path = DATA_DIR, geometry: Path = GEOMETRY) -> list[Problem]:
    """Every problem of the package at root, schema problems first; empty when it is valid."""
    root = Path(root)
    found = listing(root)
    if found.refused:  # nothing is opened while the folder holds what no reader may open
        return [Problem(str(path), None, None, why) for path, why in found.refused]
    try:
        own = descriptor(root)
    except (OSError, ValueError) as exc:  # unreadable, not UTF-8, not JSON
        return [Problem(str(root / DESCRIPTOR), None, None, f"cannot read the descriptor: {exc}")]
    except RecursionError:
        return [Problem(str(root / DESCRIPTOR), None, None, "cannot read the descriptor: nested too deep")]
    if departs := conform(own):  # its tables would be read as another schema says: nothing further
        return [Problem(str(root / DESCRIPTOR), None, field, why) for field, why in departs]
    escaping = [
        Problem(
            str(root / DESCRIPTOR),
            None,
            f"resources.{r['name']}.path",
            f"{r['path']!r} leaves the package folder",
        )
        for r in own["resources"]
        if inside(root, r["path"]) is None
    ]
    if escaping:  # nothing is read from outside the package, not even to validate it
        return escaping
    desc = descriptor_checked(own)
    problems = [Problem(str(root / DESCRIPTOR), None, field, why) for field, why in _descriptor_flaws(own)]
    problems += (blank := _blank_rows(root, desc))
    if not blank:  # frictionless builds an object per error in every blank row of a table others look up
        problems += _unrepeated(list(_schema_problems(root, desc)), root, desc)
    problems += _Checks(root, desc, geometry).run()
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.field or "", p.message))


def _blank_rows(root: Path, desc: dict) -> list[Problem]:
    """A row of no cells, or of empty cells only, in any table: a million of them, listed and counted in
    seconds (frictionless takes minutes); a table that cannot be read is the schema checks' to report."""
    problems = []
    for resource in (r for r in desc["resources"] if r["type"] == "table"):
        path, count = root / resource["path"], 0
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                for number, cells in enumerate(csv.reader(handle), start=1):
                    if not any(cells):
                        count += 1
                        if count <= LISTED:
                            problems.append(Problem(str(path), number, None, "a blank row: a table has none"))
        except (OSError, UnicodeDecodeError, csv.Error):
            pass
        if count > LISTED:
            unlisted = f"{count - LISTED:,} more blank rows not listed: the first {LISTED:,} are"
            problems.append(Problem(str(path), None, None, unlisted))
    return problems


def _descriptor_flaws(value, where: str = "") -> Iterator[tuple[str, str]]:
    """(field, why) for each text of the descriptor that holds what no cell may (patterns aside)."""
    if isinstance(value, str):
        if (why := flaw(value, text=False)) is not None:
            yield where, why
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key != "constraints":
                yield from _descriptor_flaws(inner, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for at, inner in enumerate(value):
            yield from _descriptor_flaws(inner, f"{where}[{at}]")


def _schema_problems(root: Path, desc: dict) -> Iterator[Problem]:
    """Frictionless's report on every resource, in its own words."""
    try:
        package = Package(with_dialect(desc), basepath=str(root))
    except FrictionlessException as exc:
        for error in exc.to_errors():
            yield Problem(str(root / DESCRIPTOR), None, None, error.message)
        return
    keys = {r["name"]: r.get("schema", {}).get("primaryKey", []) for r in desc["resources"]}
    report = package.validate()
    for error in report.errors:
        yield Problem(str(root / DESCRIPTOR), None, None, error.message)
    for task in report.tasks:
        file = str(root / task.place)
        for error in task.errors:
            fields = getattr(error, "field_names", None) or [getattr(error, "field_name", None)]
            if error.type == "primary-key":
                fields = keys.get(task.name, [None])
            message = f"{error.type}: {error.note}"
            cell = getattr(error, "cell", None)
            if cell:
                message = f"{error.type}: {cell!r}: {error.note}"
            for field in fields:
                yield Problem(file, getattr(error, "row_number", None), field, message)


def _text_fields(resource: dict) -> frozenset[str]:
    """The fields of a table that hold text (a field's type is string unless the schema says otherwise)."""
    fields = resource.get("schema", {}).get("fields", [])
    return frozenset(f["name"] for f in fields if f.get("type", "string") == "string")


def _unrepeated(problems: list[Problem], root: Path, desc: dict) -> list[Problem]:
    """Problems without the echoes of a file that cannot be read: frictionless reports it again in each
    table whose foreign keys look up its rows; it is reported once, in its own file."""
    paths = {r["name"]: str(root / r["path"]) for r in desc["resources"]}
    looks_up = {
        paths[r["name"]]: {
            paths[key["reference"]["resource"]]
            for key in r.get("schema", {}).get("foreignKeys", [])
            if isinstance(key, dict) and key.get("reference", {}).get("resource") in paths
        }
        for r in desc["resources"]
    }
    whole = {(p.file, p.message) for p in problems if p.row is None}
    return [
        p
        for p in problems
        if p.row is not None or not any((other, p.message) in whole for other in looks_up.get(p.file, ()))
    ]


def _written(kind: str, value: str) -> str | None:
    """Why a cell frictionless reads as the type is not written as the loader reads it (WRITTEN), or None;
    values neither takes are frictionless's to report."""
    if _WRITTEN[kind].fullmatch(value):
        if kind == "integer" and not -(2**63) <= int(value) < 2**63:
            return f"{value!r} is beyond the integers this project reads (64 bits: at most {2**63 - 1:,})"
        return None
    try:
        if kind == "integer":
            int(value)
        elif kind == "boolean" and value not in ("TRUE", "True", "1", "FALSE", "False", "0"):
            return None
        elif kind == "date":
            datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        return None
    return f"{value!r} is not written as this project reads {_FORMS[kind]}"


def _language_pairs(resource: dict) -> list[tuple[str, str]]:
    """The (name_en, name_zh) columns of a table: one text, written in both languages."""
    names = [f.get("name", "") for f in resource.get("schema", {}).get("fields", []) if isinstance(f, dict)]
    return [(n, n[:-3] + "_zh") for n in names if n.endswith("_en") and n[:-3] + "_zh" in names]


class _Checks:
    """The checks a Table Schema cannot express, on the CSVs read as plain strings, a row at a time."""

    def __init__(self, root: Path, desc: dict, geometry: Path):
        self.root = root
        tables = [r for r in desc["resources"] if r["type"] == "table"]
        self.paths = {r["name"]: root / r["path"] for r in tables}
        self.geometry = geometry
        self.problems: list[Problem] = []
        self.aliases = self.paths["country_aliases"]
        self.codes: dict[str, bool] = {}  # code: whether ISO 3166-1 knows it
        self.pairs = {r["name"]: _language_pairs(r) for r in tables}
        self.texts_of = {r["name"]: _text_fields(r) for r in tables}
        self.fields = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in tables}
        self.typed = {  # fields whose cells the loader reads as another type than text
            r["name"]: [(f["name"], f["type"]) for f in r["schema"]["fields"] if f["type"] in _WRITTEN]
            for r in tables
        }
        self.headers: dict[str, bool] = {}  # table: whether its header holds every field once
        self.read: set[str] = set()  # tables whose rows have been through _both_languages and flaws
        self.partial: set[str] = set()  # tables read only in part, or not at all
        self.counted: Counter[str] = Counter()  # problems found per table
        self.event_of: dict[str, str] = {}  # passage: the first event resting on it

    def run(self) -> list[Problem]:
        self.shapes = self._shapes()
        self.sources = {row["source_id"]: row for _, row in self.rows("sources")}
        self.texts, self.text_paths = self._texts()
        self.groups = {row["group_id"]: row for _, row in self.rows("groups")}
        self._aliases()
        weighed = self._corroborations()
        self._events(weighed)
        self._group_members()
        self._passages("event_passages")
        self._passages("context")
        if not self.partial & {"events", "event_passages", "context"}:  # else every sentence seems unquoted
            self._coverage()
        self._originals()
        for table in [t for t in self.paths if t not in self.read]:
            for _ in self.rows(table):  # a table no other check reads: read for its cells alone
                pass
        for table, count in self.counted.items():
            if count > LISTED:
                unlisted = f"{count - LISTED:,} more problems not listed: the first {LISTED:,} are"
                self.problems.append(Problem(str(self.paths[table]), None, None, unlisted))
        return self.problems

    def add(self, table: str, row: int | None, field: str | None, message: str) -> None:
        """Keep the problem, or only count it once LISTED of its table's are kept: a million broken rows
        would take gigabytes to list and no one could read the list."""
        self.counted[table] += 1
        if self.counted[table] <= LISTED:
            self.problems.append(Problem(str(self.paths[table]), row, field, message))

    def rows(self, table: str) -> Iterator[tuple[int, dict[str, str]]]:
        path = self.paths.get(table)
        if path is not None and path.exists() and self._header_holds(table, path):
            pairs, checked, texts = self.pairs.get(table), table not in self.read, self.texts_of[table]
            typed = self.typed[table]
            self.read.add(table)
            for row_no, row in records(path, partial(self._stopped, table) if checked else None):
                if checked:
                    for field, why in flaws(row, texts):
                        self.add(table, row_no, field, why)
                    for field, kind in typed:
                        if row[field] and (why := _written(kind, row[field])):
                            self.add(table, row_no, field, why)
                    if pairs:
                        self._both_languages(table, row_no, row, pairs)
                yield row_no, row

    def _stopped(self, table: str, row_no: int, error: ValueError) -> None:
        """A table read only in part: the checks that need all of it are not run on a part."""
        self.partial.add(table)
        if isinstance(error, UnicodeDecodeError):
            return  # the schema checks report it, in frictionless's words
        why = f"cannot be read as CSV from here on: {error}"
        if str(error).startswith("field larger than field limit"):
            why = f"a cell holds more than {csv.field_size_limit():,} characters (a cell may hold {LIMIT:,})"
        self.add(table, row_no, None, str(error) if isinstance(error, CutShort) else why)

    def _header_holds(self, table: str, path: Path) -> bool:
        """Whether the table's header names each of its schema's fields once; else it is reported, once,
        and its rows are not read by these checks (they would be read under the wrong names)."""
        if table not in self.headers:
            try:
                with path.open(encoding="utf-8", newline="") as handle:
                    header = next(csv.reader(handle), [])
            except (OSError, UnicodeDecodeError, csv.Error):
                header = None  # the schema checks report why it cannot be read
            expected = self.fields.get(table, [])
            missing = [f for f in expected if header is not None and f not in header]
            twice = sorted({h for h in header or [] if header.count(h) > 1})
            if missing:
                self.add(table, 1, None, f"the header lacks {', '.join(missing)}")
            if twice:
                self.add(table, 1, None, f"the header names {', '.join(map(repr, twice))} more than once")
            self.headers[table] = header is not None and not missing and not twice
            if not self.headers[table]:
                self.partial.add(table)
        return self.headers[table]

    def _both_languages(self, table: str, row_no: int, row: dict[str, str], pairs) -> None:
        """A text a reader sees is in English and Chinese, or in neither: never one alone."""
        for english, chinese in pairs:
            en, zh = row.get(english, ""), row.get(chinese, "")
            if bool(en.strip()) != bool(zh.strip()):
                have, lack = (english, chinese) if en.strip() else (chinese, english)
                self.add(table, row_no, lack, f"empty where {have} is not: every text needs both languages")
            elif zh.strip() and not has_cjk(zh):
                self.add(table, row_no, chinese, f"{zh[:40]!r} holds no Chinese character")

    def iso3(self, code: str) -> bool:
        if code not in self.codes:  # a few hundred codes, asked millions of times
            self.codes[code] = is_iso3(code)
        return self.codes[code]

    def _shapes(self) -> frozenset[str]:
        try:
            return iso3_codes(self.geometry)
        except (OSError, ValueError, KeyError) as exc:
            self.problems.append(Problem(str(self.geometry), None, None, f"cannot read shapes: {exc}"))
            return frozenset()

    def _texts(self) -> tuple[dict[str, TextIndex], dict[str, Path]]:
        texts, text_paths = {}, {}
        for row_no, row in self.rows("sources"):
            if row["relation"] == "translation_of" and not row["related_source_id"]:
                self.add("sources", row_no, "related_source_id", "a translation must name its original")
            if not row["text_path"]:
                continue
            path = inside(self.root, row["text_path"])
            if path is None:
                self.add("sources", row_no, "text_path", f"{row['text_path']!r} leaves the package folder")
                continue
            try:
                stored = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                self.add("sources", row_no, "text_path", f"cannot read the stored text {path}: {exc}")
                continue
            self._hidden(path, stored)
            texts[row["source_id"]] = TextIndex(paragraphs(plain_text(stored)))
            text_paths.setdefault(row["source_id"], path)
        return texts, text_paths

    def _hidden(self, path: Path, stored: str) -> None:
        """A stored text reaches a card as it is: a character no reader sees (a right-to-left override
        reverses the quoted passage) is reported by line, as in a cell."""
        if unseen(stored) is None:
            return
        found = ((number, unseen(line)) for number, line in enumerate(stored.split("\n"), start=1))
        for number, why in islice(((n, why) for n, why in found if why is not None), LISTED):
            self.problems.append(Problem(str(path), number, None, why, unit="line"))

    def _country(self, table: str, row_no: int, field: str, code: str) -> bool:
        """Whether code is a foreign country the map can draw, reporting why when it is not."""
        if not self.iso3(code):
            self.add(table, row_no, field, f"{code!r} is not an ISO 3166-1 alpha-3 code")
        elif code in CHINA_OWN:
            self.add(table, row_no, field, f"{code!r} ({CHINA_OWN[code]}) is China's own territory, "
                     "not a foreign partner: record it in context.csv")  # fmt: skip
        elif code in CLAIMED:
            self.add(table, row_no, field, f"{code!r} ({CLAIMED[code]}) is claimed by the PRC as its own "
                     "territory, out of this dataset's scope: record it in context.csv")  # fmt: skip
        elif self.shapes and code not in self.shapes:
            self.add(table, row_no, field, f"{code!r} has no shape in {self.geometry.name}")
        else:
            return True
        return False

    def _aliases(self) -> None:
        for row_no, row in self.rows("country_aliases"):
            if not self.iso3(row["iso3"]):
                self.add(
                    "country_aliases", row_no, "iso3", f"{row['iso3']!r} is not an ISO 3166-1 alpha-3 code"
                )

    def _quote(self, table: str, row_no: int, row: dict[str, str]):
        """The passage's location in its stored source text, reporting it when it is not there."""
        passage, source_id = row["passage"], row["source_id"]
        if not passage or source_id not in self.sources:
            return None  # reported by the schema checks
        if source_id not in self.texts:
            if not self.sources[source_id]["text_path"]:  # else sources.csv says why it cannot be read
                self.add(table, row_no, "source_id", f"source {source_id!r} has no stored text to quote from")
            return None
        found = self.texts[source_id].quote(passage)
        if found is None:
            self.add(
                table,
                row_no,
                "passage",
                f"not found verbatim in the stored text of {source_id}: {passage[:60]!r}",
            )
        return found

    def _events(self, weighed: set[str]) -> None:
        seen: dict[tuple, str] = {}
        for row_no, row in self.rows("events"):
            if row["event_id"] not in weighed:
                self.add("events", row_no, "event_id", f"event {row['event_id']} has no corroboration row "
                         "(not_found, with the search described, is an honest answer)")  # fmt: skip
            self.event_of.setdefault(row["passage"], row["event_id"])
            self._scope(row_no, row)
            found = self._quote("events", row_no, row)
            key = (*map(sys.intern, (row["scope"], row["country_iso3"], row["group_id"], row["category"])),
                   row["passage"])  # fmt: skip
            if key in seen:
                self.add(
                    "events",
                    row_no,
                    "passage",
                    f"duplicate of event {seen[key]}: same partner, category and passage",
                )
            seen.setdefault(key, row["event_id"])
            self._amount(row_no, row)
            if bool(row["count_stated"]) != bool(row["count_unit"]):
                self.add("events", row_no, "count_unit", "count_stated and count_unit go together")
            if found is None:
                continue
            for field in QUOTED_FIELDS:
                if field in NUMERIC_FIELDS and not row[field].isdigit():
                    continue
                if row[field] and row[field] not in row["passage"]:
                    self.add("events", row_no, field, f"{row[field]!r} does not stand in the passage")
            where = found.text if row["partner_basis"] == "paragraph" else row["passage"]
            if row["partner_src"] and row["partner_src"] not in where:
                self.add(
                    "events",
                    row_no,
                    "partner_src",
                    f"{row['partner_src']!r} does not stand in the "
                    f"{row['partner_basis']} (paragraph {found.paragraph})",
                )

    def _scope(self, row_no: int, row: dict[str, str]) -> None:
        scope, iso3, group_id = row["scope"], row["country_iso3"], row["group_id"]
        if scope == "country":
            if not iso3:
                self.add("events", row_no, "country_iso3", "required when scope is country")
            elif self._country("events", row_no, "country_iso3", iso3):
                self._partner_country(row_no, row)
            if group_id:
                self.add("events", row_no, "group_id", "must be empty when scope is country")
        elif scope in ("group", "aggregate"):
            if iso3:
                self.add("events", row_no, "country_iso3", f"must be empty when scope is {scope}")
            group = self.groups.get(group_id)
            if not group_id:
                self.add("events", row_no, "group_id", f"required when scope is {scope}")
            elif group is not None:
                is_aggregate = group["kind"] == "aggregate"
                if is_aggregate != (scope == "aggregate"):
                    self.add(
                        "events",
                        row_no,
                        "group_id",
                        f"group {group_id!r} is a {group['kind']}, which does not fit scope {scope}",
                    )
                names = [n.strip() for n in group["source_names"].split(";")]
                if row["partner_src"] not in names:
                    self.add(
                        "events",
                        row_no,
                        "partner_src",
                        f"{row['partner_src']!r} is not one of the "
                        f"names of group {group_id!r} ({group['source_names']})",
                    )

    def _partner_country(self, row_no: int, row: dict[str, str]) -> None:
        try:
            code = resolve(row["partner_src"], self.aliases)
        except UnknownCountryName as exc:
            self.add("events", row_no, "partner_src", str(exc))
            return
        if code != row["country_iso3"]:
            self.add(
                "events",
                row_no,
                "country_iso3",
                f"{row['partner_src']!r} is {code}, not {row['country_iso3']}",
            )

    def _amount(self, row_no: int, row: dict[str, str]) -> None:
        text, usd = row["amount_text"], row["amount_usd"]
        if bool(text) != bool(usd):
            self.add("events", row_no, "amount_usd", "amount_usd and amount_text go together")
        elif text:
            try:
                parsed = parse_usd(text)
            except ValueError as exc:
                self.add("events", row_no, "amount_text", str(exc))
                return
            if usd.isdigit() and parsed != int(usd):
                self.add("events", row_no, "amount_usd", f"{usd} differs from {text!r} = {parsed}")

    def _group_members(self) -> None:
        listed: set[str] = set()
        for row_no, row in self.rows("group_members"):
            listed.add(row["group_id"])
            self._country("group_members", row_no, "country_iso3", row["country_iso3"])
            basis, group = row["basis"], self.groups.get(row["group_id"])
            if basis != "definition" and basis not in self.sources:
                self.add(
                    "group_members", row_no, "basis", f"{basis!r} is neither 'definition' nor a source_id"
                )
            if group and group["kind"] == "aggregate" and basis == "definition":
                self.add(
                    "group_members",
                    row_no,
                    "basis",
                    f"aggregate {row['group_id']!r} has no "
                    "definition: a member needs the source that names it",
                )
        for row_no, row in self.rows("groups"):
            if row["kind"] != "aggregate" and row["group_id"] not in listed:
                self.add("groups", row_no, "group_id", f"{row['kind']} {row['group_id']!r} has no members")

    def _passages(self, table: str) -> None:
        seen: dict[str, int] = {}
        for row_no, row in self.rows(table):
            self._quote(table, row_no, row)
            if row["passage"] in self.event_of:
                self.add(
                    table, row_no, "passage", f"already the passage of event {self.event_of[row['passage']]}"
                )
            if row["passage"] in seen:
                self.add(table, row_no, "passage", f"duplicate of row {seen[row['passage']]}")
            seen.setdefault(row["passage"], row_no)

    def _coverage(self) -> None:
        """Every Chinese sentence of a stored text is an event, a further passage or context."""
        for source_id, text in self.texts.items():
            for number, rest in text.unquoted():
                for sentence in sentences(rest):
                    sentence = sentence.lstrip("，、；：,;: ")
                    if has_cjk(sentence):
                        self.problems.append(
                            Problem(
                                str(self.text_paths[source_id]),
                                number,
                                None,
                                f"not quoted by any event, further passage or context row: {sentence[:60]!r}",
                                unit="paragraph",
                            )
                        )

    def _corroborations(self) -> set[str]:
        """Every event is weighed against independent reporting, and every verdict says why.

        Returns the events weighed, for _events to name those that are not."""
        weighed, on_passages = set(), {}
        for row_no, row in self.rows("corroborations"):
            weighed.add(row["event_id"])
            if row.get("passage_id"):
                on_passages.setdefault(row["passage_id"], []).append((row_no, row["event_id"]))
            verdict, source_id = row["verdict"], row["source_id"]
            if verdict == "not_found":
                if source_id:
                    self.add("corroborations", row_no, "source_id", "must be empty when verdict is not_found")
                if not row["searched_en"]:
                    self.add(
                        "corroborations",
                        row_no,
                        "searched_en",
                        "a not_found verdict must describe the search",
                    )
            elif not source_id:
                self.add("corroborations", row_no, "source_id", f"required when verdict is {verdict}")
            elif source_id in self.sources and self.sources[source_id]["relation"] != "independent":
                self.add("corroborations", row_no, "source_id",
                         f"{source_id!r} is not independent of the article (relation "
                         f"{self.sources[source_id]['relation']!r})")  # fmt: skip
            if verdict in ("partly", "contradicts"):
                for field in ("differs_en", "article_says_en", "source_says_en"):
                    if not row[field]:
                        self.add("corroborations", row_no, field, f"required when verdict is {verdict}: "
                                 "say what differs")  # fmt: skip
            for code in filter(None, row["countries"].split(";")):
                if not self.iso3(code):
                    self.add(
                        "corroborations", row_no, "countries", f"{code!r} is not an ISO 3166-1 alpha-3 code"
                    )
        if on_passages:
            self._passages_weighed(on_passages)
        return weighed

    def _passages_weighed(self, on_passages: dict[str, list[tuple[int, str]]]) -> None:
        """A row that weighs a further passage names one of its own event's (the schema checks it exists)."""
        for _, row in self.rows("event_passages"):
            for row_no, event_id in on_passages.get(row["passage_id"], []):
                if row["event_id"] != event_id:
                    why = f"{row['passage_id']} is a passage of {row['event_id']}, not of {event_id}"
                    self.add("corroborations", row_no, "passage_id", why)

    def _originals(self) -> None:
        for row_no, row in self.rows("original_passages"):
            source = self.sources.get(row["source_id"])
            if source is None:
                continue  # reported by the schema checks
            if source["relation"] != "original":
                self.add(
                    "original_passages", row_no, "source_id", f"{row['source_id']!r} is not the original"
                )
            elif not row["url"].startswith(source["url"] + "#"):
                self.add("original_passages", row_no, "url", f"must be the source's url {source['url']} "
                         "with a text fragment")  # fmt: skip


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else DATA_DIR
    problems = validate(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {root}", file=sys.stderr)
        return 1
    paths = {r["name"]: root / r["path"] for r in descriptor(root)["resources"]}
    counts = {name: sum(1 for _ in records(paths[name])) for name in ("events", "event_passages", "context")}
    print(
        f"{root}: valid ({counts['events']} events, {counts['event_passages']} further passages, "
        f"{counts['context']} context passages)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
