"""Packages built to break the validator: each gets a message naming file, row and field, never a crash."""

from __future__ import annotations

import json
import os

import pytest

from coopmap.dataset.validate import validate
from tests.support.app import run


def _edit(name: str, change):
    def apply(d) -> None:
        path = d.root / name
        path.write_bytes(change(path.read_bytes()))

    return apply


def _descriptor(change):
    return _edit("datapackage.json", lambda data: json.dumps(change(json.loads(data))).encode())


def _symlink(name: str, target: str):
    def apply(d) -> None:
        (d.root / name).unlink()
        os.symlink(target, d.root / name)

    return apply


HOSTILE = {
    # kind: (how the copy is broken, a problem the validator must report: file, row and field, then why)
    "descriptor_a_list": (_descriptor(lambda d: []), "datapackage.json: is a JSON list, not an object"),
    "resources_not_a_list": (
        _descriptor(lambda d: {**d, "resources": "events.csv"}),
        "datapackage.json, field resources: must be a list of resources, one or more",
    ),
    "fields_not_a_list": (
        _descriptor(lambda d: {**d, "resources": [{**d["resources"][0], "schema": {"fields": 5}}]}),
        "datapackage.json, field resources[0].schema.fields: must be a list of fields, each with a name",
    ),
    "resource_without_path": (
        _descriptor(lambda d: {**d, "resources": [{"name": "events", "schema": {"fields": []}}]}),
        "datapackage.json, field resources[0].path: must be a non-empty string",
    ),
    "field_named_twice": (
        _descriptor(
            lambda d: {
                **d,
                "resources": [{**d["resources"][0], "schema": {"fields": [{"name": "a"}, {"name": "a"}]}}],
            }
        ),
        "datapackage.json, field resources[0].schema.fields: names a field twice",
    ),
    "header_duplicated": (
        _edit("events.csv", lambda b: b.replace(b"scope,", b"event_id,", 1)),
        "events.csv, row 1: the header names 'event_id' more than once",
    ),
    "header_missing": (
        _edit("groups.csv", lambda b: b.split(b"\n", 1)[1]),
        "groups.csv, row 1: the header lacks group_id, kind, name_en, name_zh, source_names, membership_en, "
        "membership_zh, notes_en, notes_zh",
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
        "datapackage.json, field resources.groups.path: 'groups.csv' leaves the package folder",
    ),
    "stored_text_is_a_link_out": (
        _symlink("texts/gnews-zh-1771034.md", "/etc/hostname"),
        "datapackage.json, field resources.text-gnews-zh-1771034.path: 'texts/gnews-zh-1771034.md' leaves "
        "the package folder",
    ),
    "year_below_range": (
        _edit("events.csv", lambda b: b.replace(b",2010,", b",-5,", 1)),
        'events.csv, row 8, field year: constraint-error: \'-5\': constraint "minimum" is "1900"',
    ),
    "year_far_ahead": (
        _edit("events.csv", lambda b: b.replace(b",2010,", b",99999,", 1)),
        "events.csv, row 8, field year: '99999' does not stand in the passage",
    ),
    "amount_not_finite": (
        _edit("events.csv", lambda b: b.replace(b",130000000,", b",inf,", 1)),
        "events.csv, row 8, field amount_usd: type-error: 'inf': type is \"integer/default\"",
    ),
    "zero_width_in_a_name": (
        _edit("events.csv", lambda b: b.replace("厄瓜多尔".encode(), "厄瓜\u200b多尔".encode(), 1)),
        "events.csv, row 2, field partner_src: '厄瓜\\u200b多尔' does not stand in the passage (paragraph 8)",
    ),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_package_is_refused_with_file_row_and_field(data_copy, kind):
    breaks, expected = HOSTILE[kind]
    breaks(data_copy)
    problems = [str(p).replace(f"{data_copy.root}/", "") for p in validate(data_copy.root)]
    assert expected in problems, problems[:5]


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"])
def test_other_line_endings_read_as_the_same_package(data_copy, ending):
    _edit("events.csv", lambda b: b.replace(b"\n", ending))(data_copy)
    assert validate(data_copy.root) == []


@pytest.mark.parametrize("kind", ["descriptor_a_list", "header_duplicated"])
def test_the_app_shows_a_hostile_packages_problems_and_nothing_else(data_copy, monkeypatch, kind):
    HOSTILE[kind][0](data_copy)
    monkeypatch.setenv("DASHBOARD_DATA", str(data_copy.root))
    at = run()
    assert [e.value for e in at.error] == ["The data package is invalid; nothing is shown until it is fixed."]
    assert HOSTILE[kind][1] in at.code[0].value.replace(f"{data_copy.root}/", "")
    assert not at.get("deck_gl_json_chart") and not at.dataframe and not at.get("download_button")
