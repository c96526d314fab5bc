"""A fast pass over a package's tables, so that frictionless reads only those it must.

Frictionless reads every cell through several layers of Python objects: minutes for a million
events. This pass reads each table once, as frictionless would (same CSV dialect, types, constraints
and keys), and vouches for a resource only when nothing in it could fail; on anything it does not
model (another dialect, type, format or schema option) it vouches for nothing, and frictionless
decides. It can thus slow validation down, never change its outcome.
"""

from __future__ import annotations

import csv
import hashlib
import re
from datetime import date
from itertools import islice
from pathlib import Path

from coopmap.dataset.schema import WRITTEN

_RESOURCE_KEYS = {
    "name", "type", "path", "scheme", "format", "mediatype", "encoding", "title", "description",
    "schema", "hash", "bytes", "sources", "licenses",
}  # fmt: skip
_SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys", "missingValues"}
_FIELD_KEYS = {"name", "type", "format", "title", "description", "constraints", "example", "rdfType"}
_RULES = {  # the constraints each type may carry, and the Python type of their values
    "string": {
        "required": bool,
        "unique": bool,
        "pattern": str,
        "enum": str,
        "minLength": int,
        "maxLength": int,
    },
    "integer": {"required": bool, "unique": bool, "enum": int, "minimum": int, "maximum": int},
    "boolean": {"required": bool, "unique": bool},
    "date": {"required": bool, "unique": bool},
}
_INTEGER = re.compile(WRITTEN["integer"])  # stricter than int(), which also takes ' 1' and '1_0'
_DATE = re.compile(WRITTEN["date"])
_BOOLEAN = {"true": True, "True": True, "TRUE": True, "1": True, "false": False, "False": False,
            "FALSE": False, "0": False}  # fmt: skip
CHUNK = 10_000  # rows checked a column at a time


def _is(value, kind: type) -> bool:
    return isinstance(value, kind) and (kind is bool or not isinstance(value, bool))


def _plain_field(field: dict) -> bool:
    rules, allowed = field.get("constraints", {}), _RULES.get(field.get("type"), {})
    return (
        bool(allowed)
        and set(field) <= _FIELD_KEYS
        and field.get("format", "default") == "default"
        and isinstance(rules, dict)
        and all(
            name in allowed
            and (
                isinstance(value, list) and all(_is(v, allowed[name]) for v in value)
                if name == "enum"
                else _is(value, allowed[name])
            )
            for name, value in rules.items()
        )
    )


def _typed(kind: str, cells: list[str]) -> list:
    """Cells as the type reads them; ValueError or KeyError when one is not of the type."""
    if kind == "string":
        return cells
    if kind == "boolean":
        return [_BOOLEAN[cell] for cell in cells]
    if not all(map((_INTEGER if kind == "integer" else _DATE).fullmatch, cells)):
        raise ValueError(kind)
    return list(map(int if kind == "integer" else date.fromisoformat, cells))


class _Column:
    """A field's type and constraints, checked on a column of cells at a time."""

    def __init__(self, field: dict, missing: frozenset[str]):
        rules = field.get("constraints", {})
        self.kind, self.missing, self.required = field["type"], missing, rules.get("required", False)
        self.unique, self.seen = rules.get("unique", False), set()
        self.keep = False  # whether the table needs the values, for a key
        self.tests = []  # each: whether all the values present pass
        if "pattern" in rules:  # anchored as frictionless anchors it
            self.tests.append(
                lambda values, match=re.compile(f"^{rules['pattern']}$").match: all(map(match, values))
            )
        if "enum" in rules:
            self.tests.append(frozenset(rules["enum"]).issuperset)
        if "minimum" in rules:
            self.tests.append(lambda values: min(values, default=rules["minimum"]) >= rules["minimum"])
        if "maximum" in rules:
            self.tests.append(lambda values: max(values, default=rules["maximum"]) <= rules["maximum"])
        if "minLength" in rules:
            self.tests.append(lambda values: all(len(v) >= rules["minLength"] for v in values))
        if "maxLength" in rules:
            self.tests.append(lambda values: all(len(v) <= rules["maxLength"] for v in values))

    def read(self, cells: tuple[str, ...]) -> list | None:
        """The cells as the field reads them, None where missing, if kept; ValueError when one fails."""
        present = cells if self.missing.isdisjoint(cells) else [c for c in cells if c not in self.missing]
        if self.required and len(present) < len(cells):
            raise ValueError("missing")
        values = _typed(self.kind, present)
        if not all(test(values) for test in self.tests):
            raise ValueError("constraint")
        if self.unique:
            known = len(self.seen)
            self.seen.update(values)
            if len(self.seen) - known < len(values):
                raise ValueError("unique")
        if not self.keep or len(present) == len(cells):
            return values if self.keep else None
        rest = iter(values)
        return [None if cell in self.missing else next(rest) for cell in cells]


def _listed(names) -> list:
    return names if isinstance(names, list) else [names]


def _plain(resource: dict) -> bool:
    """Whether the fast pass models everything about the resource that frictionless reads."""
    if not (set(resource) <= _RESOURCE_KEYS and isinstance(resource.get("path"), str)):
        return False
    if resource.get("scheme", "file") != "file" or resource.get("type") not in ("table", "file"):
        return False
    if resource["type"] == "file":
        return "schema" not in resource
    schema = resource.get("schema", {})
    names = [f.get("name") for f in schema.get("fields", [])]
    return (
        resource.get("format") == "csv"
        and resource.get("encoding") == "utf-8"
        and set(schema) <= _SCHEMA_KEYS
        and len(set(names)) == len(names) > 0
        and all(_plain_field(f) for f in schema["fields"])
        and all(isinstance(v, str) for v in schema.get("missingValues", []))
        and set(_listed(schema.get("primaryKey", []))) <= set(names)
        and all(_plain_key(fk, names) for fk in schema.get("foreignKeys", []))
    )


def _plain_key(fk, names: list[str]) -> bool:
    return (
        isinstance(fk, dict)
        and set(_listed(fk.get("fields", []))) <= set(names)
        and isinstance(fk.get("reference"), dict)
        and "fields" in fk["reference"]
    )


def _default_dialect(path: Path) -> bool:
    """Whether frictionless, sniffing the first 100 lines as it does, reads the file as plain CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        sample = "".join(islice(handle, 100))
    try:
        sniffed = csv.Sniffer().sniff(sample, ",\t;|")
    except csv.Error:
        return True  # frictionless falls back to the excel dialect: plain CSV
    quote = '"' if sniffed.quotechar == "'" else sniffed.quotechar
    return (sniffed.delimiter, quote, sniffed.escapechar, sniffed.skipinitialspace) == (",", '"', None, False)


def _bytes_match(path: Path, resource: dict) -> bool:
    """The declared size and md5 or sha256 hash, as frictionless compares them (other hashes it ignores)."""
    declared = resource.get("hash", "")
    algorithm, expected = declared.split(":", 1) if ":" in declared else ("md5", declared)
    if "bytes" in resource and path.stat().st_size != resource["bytes"]:
        return False
    if declared and algorithm in ("md5", "sha256"):
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, algorithm).hexdigest() == expected
    return True


def _keys(columns: list[list]) -> list:
    """Rows' key values (tuples for a key of several fields), but for keys with no value, as frictionless."""
    if len(columns) == 1:
        return [value for value in columns[0] if value is not None]
    keys = list(zip(*columns, strict=True))
    if any(None in column for column in columns):
        keys = [key for key in keys if key.count(None) < len(key)]
    return keys


class _Table:
    """One pass over a table: whether frictionless would find no error in it (clean), and its keys.

    The keys others refer to are gathered even from a table that is not clean, if it is read as
    frictionless reads it and they are strings, taken as written: they are then exactly those
    frictionless looks foreign keys up in (exact), and a bad cell here does not cast doubt there.
    """

    def __init__(self, path: Path, schema: dict, provide: set[tuple[str, ...]]):
        self.fields = [f["name"] for f in schema["fields"]]
        self.missing = frozenset(schema.get("missingValues", [""]))
        columns = [
            _Column(f, self.missing) for f in schema["fields"]
        ]  # dropped once read: they hold every value
        self.blank_rows = self.missing if not any(c.required for c in columns) else None
        at = {name: i for i, name in enumerate(self.fields)}
        self.key = [at[name] for name in _listed(schema.get("primaryKey", []))]
        self.refers = {  # each foreign key: the tuples it holds, checked once every table is read
            i: ([at[name] for name in _listed(fk["fields"])], set())
            for i, fk in enumerate(schema.get("foreignKeys", []))
        }
        self.provides = {key: ([at[name] for name in key], set()) for key in provide}
        self.strings = all(
            schema["fields"][i]["type"] == "string" for key, _ in self.provides.values() for i in key
        )
        for i in self.key + [i for key, _ in (*self.refers.values(), *self.provides.values()) for i in key]:
            columns[i].keep = True
        self.clean = self.exact = False
        try:
            self._read(path, columns)
        except (OSError, UnicodeDecodeError, csv.Error):
            self.clean = self.exact = False

    def _read(self, path: Path, columns: list[_Column]) -> None:
        if not _default_dialect(path):
            return
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            if next(rows, None) != self.fields:
                return
            checking, keys = True, set()
            while chunk := list(islice(rows, CHUNK)):
                if set(map(len, chunk)) != {len(self.fields)}:
                    return
                if checking:
                    try:
                        self._check(chunk, columns, keys)
                        continue
                    except (ValueError, KeyError):
                        checking = False
                if not self.strings:
                    return
                cells = list(zip(*chunk, strict=True))
                for key, held in self.provides.values():
                    held.update(_keys([[None if c in self.missing else c for c in cells[i]] for i in key]))
            self.clean, self.exact = checking, True

    def _check(self, chunk: list[list[str]], columns: list[_Column], keys: set) -> None:
        """Read a chunk of rows, and gather its keys; ValueError or KeyError at the first cell that fails."""
        if self.blank_rows and any(self.blank_rows.issuperset(row) for row in chunk):
            raise ValueError("blank row")
        values = [c.read(cells) for c, cells in zip(columns, zip(*chunk, strict=True), strict=True)]
        if self.key:
            chunk_keys, known = _keys([values[i] for i in self.key]), len(keys)
            keys.update(chunk_keys)
            if len(chunk_keys) < len(chunk) or len(keys) - known < len(chunk):
                raise ValueError("primary key")
        for key, held in (*self.refers.values(), *self.provides.values()):
            held.update(_keys([values[i] for i in key]))


def vouched(root: Path, desc: dict) -> set[str]:
    """Names of the resources in which frictionless would find no error."""
    resources = {r["name"]: r for r in desc["resources"]}
    provide: dict[str, set[tuple[str, ...]]] = {}
    for name, resource in resources.items():
        for fk in resource.get("schema", {}).get("foreignKeys", []) if _plain(resource) else []:
            target = fk["reference"].get("resource") or name
            provide.setdefault(target, set()).add(tuple(_listed(fk["reference"]["fields"])))
    clean, tables = set(), {}
    for name, resource in resources.items():
        path = root / resource["path"] if isinstance(resource.get("path"), str) else None
        try:
            if path is None or not _plain(resource):
                continue
            good = _bytes_match(path, resource)
            if resource["type"] == "file":
                path.open("rb").close()
            elif all(
                set(key) <= {f["name"] for f in resource["schema"]["fields"]} for key in provide.get(name, ())
            ):
                tables[name] = _Table(path, resource["schema"], provide.get(name, set()))
                good = good and tables[name].clean
            else:
                continue
        except OSError:
            continue
        if good:
            clean.add(name)
    for name, table in tables.items():
        for i, (_, held) in table.refers.items():
            reference = resources[name]["schema"]["foreignKeys"][i]["reference"]
            target = tables.get(reference.get("resource") or name)
            key = tuple(_listed(reference["fields"]))
            if target is None or not target.exact or not held <= target.provides[key][1]:
                clean.discard(name)
    return clean
