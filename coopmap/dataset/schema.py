"""This project's schema, pinned: the tables the code reads, their fields, types, constraints and keys.
A package conforms to it or is refused, whatever its own datapackage.json declares: the descriptor's words
(titles, descriptions) are the package's; everything that decides how a cell is read is the project's."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TABLES: dict[str, dict] = json.loads(Path(__file__).with_name("schema.json").read_text(encoding="utf-8"))[
    "tables"
]
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"  # known to frictionless: never fetched
TEXTS = ("title", "title_zh", "description", "description_zh")  # the package's words, shown and cited
_PACKAGE_KEYS = {"$schema", "name", "id", "version", "licenses", "sources", "contributors", "keywords"}
_PACKAGE_KEYS |= {"created", "homepage", "resources", *TEXTS}
_RESOURCE_KEYS = {"name", "path", "type", "scheme", "format", "mediatype", "encoding", "title", "description"}
_RESOURCE_KEYS |= {"hash", "bytes"}
_FIELD_KEYS = {"name", "type", "format", "constraints", "title", "description"}
_SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys", "missingValues"}
_READ_AS = {  # what a resource may declare, and the one value (or values) this project reads
    "table": {"scheme": ("file",), "format": ("csv",), "mediatype": ("text/csv",), "encoding": ("utf-8",)},
    "file": {
        "scheme": ("file",),
        "format": ("md", "txt"),
        "mediatype": ("text/markdown", "text/plain"),
        "encoding": ("utf-8",),
    },
}
# How the loader reads a cell of each type other than text; frictionless takes more (' 12', '+12', '2_010',
# '１２', 'TRUE', '1', '2021-1-1'), which the validator refuses.
WRITTEN = {"integer": r"-?[0-9]+", "boolean": "true|false", "date": r"[0-9]{4}-[0-9]{2}-[0-9]{2}"}
COMPRESSED = (".gz", ".zip", ".bz2", ".xz", ".zst", ".lz4")  # frictionless would unpack them unseen
_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # http:, file:, data:... (frictionless reads each)
CSV_DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True}

Flaw = tuple[str | None, str]  # (field of the descriptor, why)


def conform(desc: Any) -> list[Flaw]:
    """(field, why) for each way the descriptor departs from this project's schema; empty when it
    conforms. A descriptor that departs is not read further: its tables would be read as another
    schema says."""
    if not isinstance(desc, dict):
        return [(None, f"is a JSON {type(desc).__name__}, not an object")]
    return list(_package(desc))


def _package(desc: dict) -> Iterator[Flaw]:
    for key in sorted(set(desc) - _PACKAGE_KEYS, key=str):
        yield key, "is not part of this project's schema"
    if "$schema" in desc and desc["$schema"] != PROFILE:
        yield "$schema", f"{_short(desc['$schema'])}, where this project reads only {PROFILE!r}"
    for key in ("title", "version"):
        if not _text(desc.get(key)):
            yield key, "required: a non-empty text"
    for key in (k for k in (*TEXTS, "name", "id", "created", "homepage") if k in desc):
        if not isinstance(desc[key], str):
            yield key, "must be a text"
    licences = desc.get("licenses")
    if not isinstance(licences, list) or not licences or not isinstance(licences[0], dict):
        yield "licenses", "required: a list of licences, the first with a name"
    yield from _listed(desc, "licenses", {"name", "path", "title"}, first_named=True)
    yield from _listed(desc, "sources", {"title", "path", "email"})
    yield from _listed(desc, "contributors", {"title", "path", "email", "role", "organization"})
    if "keywords" in desc and not (isinstance(desc["keywords"], list) and all(map(_text, desc["keywords"]))):
        yield "keywords", "must be a list of texts"
    resources = desc.get("resources")
    if not isinstance(resources, list) or not resources:
        yield "resources", "must be a list of resources, one or more"
        return
    yield from _resources(resources)


def _listed(desc: dict, key: str, keys: set[str], first_named: bool = False) -> Iterator[Flaw]:
    """Licences, sources or contributors: objects whose values are texts, with no other keys."""
    items = desc.get(key, [])
    if not isinstance(items, list):
        yield key, "must be a list"
        return
    for at, item in enumerate(items):
        where = f"{key}[{at}]"
        if not isinstance(item, dict):
            yield where, "must be an object"
            continue
        for inner in sorted(set(item) - keys, key=str):
            yield f"{where}.{inner}", "is not part of this project's schema"
        for inner in sorted(set(item) & keys):
            if not isinstance(item[inner], str):
                yield f"{where}.{inner}", "must be a text"
        if first_named and at == 0 and not _text(item.get("name")):
            yield f"{where}.name", "required: the licence's name, as cited"


def _resources(resources: list) -> Iterator[Flaw]:
    seen: set[str] = set()
    for at, resource in enumerate(resources):
        if not isinstance(resource, dict):
            yield f"resources[{at}]", "must be an object"
            continue
        name = resource.get("name")
        where = f"resources.{name}" if _text(name) else f"resources[{at}]"
        if not _text(name):
            yield f"{where}.name", "must be a non-empty string"
        elif name in seen:
            yield f"{where}.name", "names another resource too"
        seen.add(name if isinstance(name, str) else "")
        yield from _resource(resource, where, isinstance(name, str) and name in TABLES)
    for name in TABLES:
        if name not in seen:
            yield "resources", f"lacks the table {name!r}"


def _resource(resource: dict, where: str, is_table: bool) -> Iterator[Flaw]:
    kind = "table" if is_table else "file"
    allowed = _RESOURCE_KEYS | ({"schema"} if is_table else set())
    for key in sorted(set(resource) - allowed, key=str):
        yield f"{where}.{key}", "is not part of this project's schema"
    if "type" not in resource:
        yield f"{where}.type", f"required: {kind!r}"
    elif resource["type"] != kind:
        yield f"{where}.type", f"{_short(resource['type'])}, where this project's schema has {kind!r}"
    path = resource.get("path")
    if not _text(path):
        yield f"{where}.path", "must be a non-empty string"
    elif _ADDRESS.match(path):
        yield f"{where}.path", f"{_short(path)} is an address: a package holds its files, never fetches them"
    elif path.lower().endswith(COMPRESSED):
        yield f"{where}.path", f"{path!r} is compressed: a package holds its files plain"
    for key, values in _READ_AS[kind].items():
        declared = resource.get(key, values[0])
        if not isinstance(declared, str) or declared.lower() not in values:
            only = " or ".join(map(repr, values))
            yield f"{where}.{key}", f"{_short(declared)}, where this project reads only {only}"
    if "bytes" in resource and not (isinstance(resource["bytes"], int) and resource["bytes"] >= 0):
        yield f"{where}.bytes", "must be a count of bytes"
    if "hash" in resource and not _text(resource["hash"]):
        yield f"{where}.hash", "must be a text"
    for key in ("title", "description"):
        if key in resource and not isinstance(resource[key], str):
            yield f"{where}.{key}", "must be a text"
    if is_table:
        yield from _schema(resource.get("schema"), f"{where}.schema", TABLES[resource["name"]])


def _schema(schema: Any, where: str, pinned: dict) -> Iterator[Flaw]:
    if not isinstance(schema, dict):
        yield where, "required: the table's schema, as this project's"
        return
    for key in sorted(set(schema) - _SCHEMA_KEYS, key=str):
        yield f"{where}.{key}", "is not part of this project's schema"
    fields = schema.get("fields")
    if not isinstance(fields, list) or not all(isinstance(f, dict) and _text(f.get("name")) for f in fields):
        yield f"{where}.fields", "must be a list of fields, each with a name"
        return
    names, expected = [f["name"] for f in fields], [f["name"] for f in pinned["fields"]]
    if len(set(names)) < len(names):
        yield f"{where}.fields", "names a field twice"
        return
    if missing := [n for n in expected if n not in names]:
        yield f"{where}.fields", f"lacks {', '.join(missing)}"
    if extra := [n for n in names if n not in expected]:
        yield f"{where}.fields", f"holds {', '.join(extra)}, which this project's schema does not"
    if not missing and not extra and names != expected:
        yield f"{where}.fields", f"in another order than this project's schema: {', '.join(expected)}"
    declared = {f["name"]: f for f in fields}
    for field in pinned["fields"]:
        if (own := declared.get(field["name"])) is None:
            continue
        at = f"{where}.fields.{field['name']}"
        for key in sorted(set(own) - _FIELD_KEYS, key=str):
            yield f"{at}.{key}", "is not part of this project's schema"
        for key, default in (("type", "string"), ("format", "default"), ("constraints", {})):
            if own.get(key, default) != field.get(key, default):
                yield (
                    f"{at}.{key}",
                    (
                        f"{_short(own.get(key, default))}, where this project's schema has "
                        f"{_short(field.get(key, default))}"
                    ),
                )
    for key, default in (("primaryKey", []), ("foreignKeys", []), ("missingValues", [""])):
        if schema.get(key, default) != pinned.get(key, default):
            yield (
                f"{where}.{key}",
                (
                    f"{_short(schema.get(key, default))}, where this project's schema has "
                    f"{_short(pinned.get(key, default))}"
                ),
            )


def descriptor_checked(desc: dict) -> dict:
    """The descriptor frictionless checks the tables against: this project's schema and plain CSV, with
    the package's paths and stored texts; nothing the package says about how to read a table (nor any
    address frictionless would fetch) reaches it."""
    resources = []
    for resource in desc["resources"]:
        if resource["name"] in TABLES:
            resources.append(
                {
                    "name": resource["name"],
                    "type": "table",
                    "path": resource["path"],
                    "scheme": "file",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "schema": TABLES[resource["name"]],
                    **{k: v for k, v in resource.items() if k in ("hash", "bytes")},
                }
            )
        else:
            resources.append({k: v for k, v in resource.items() if k in _RESOURCE_KEYS})
    return {"name": "package", "resources": resources}


def with_dialect(desc: dict) -> dict:
    """descriptor_checked(...) with the one CSV dialect declared, so that frictionless does not guess
    another one from the first lines of a table."""
    return {
        **desc,
        "resources": [
            {**r, "dialect": CSV_DIALECT} if r.get("type") == "table" else r for r in desc["resources"]
        ],
    }


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _short(value: Any) -> str:
    """A declared value quoted back, cut to one line."""
    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return shown if len(shown) <= 80 else shown[:79] + "…"
