"""This project's schema, pinned in coopmap/dataset/schema.json: the package conforms or is refused."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from coopmap.dataset.package import descriptor, load
from coopmap.dataset.schema import TABLES, conform, descriptor_checked
from coopmap.dataset.validate import validate
from coopmap.paths import DATA_DIR


def test_the_real_package_conforms_and_declares_the_pinned_schema():
    own = descriptor(DATA_DIR)
    assert conform(own) == []
    declared = {r["name"]: r["schema"] for r in own["resources"] if r["type"] == "table"}
    assert list(declared) == list(TABLES)
    for name, schema in declared.items():
        fields = [
            {k: f[k] for k in ("name", "type", "format", "constraints") if k in f} for f in schema["fields"]
        ]
        assert fields == TABLES[name]["fields"], name


def test_frictionless_is_handed_only_the_pinned_schema_and_the_packages_paths():
    own = descriptor(DATA_DIR)
    own["resources"][0]["schema"]["fields"][0]["description"] = "the package's own words"
    checked = descriptor_checked(own)
    assert set(checked) == {"name", "resources"}
    events = checked["resources"][0]
    assert events["schema"] is TABLES["events"] and events["path"] == "events.csv"
    assert [r["name"] for r in checked["resources"]] == [r["name"] for r in own["resources"]]


@pytest.fixture
def listener():
    """A web server on this machine that counts the requests a package makes the validator send."""
    asked: list[str] = []

    class Counting(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("profile", "datapackage.json, field profile: is not part of this project's schema"),
        (
            "$schema",
            "datapackage.json, field $schema: '{url}/p.json', where this project reads only "
            "'https://datapackage.org/profiles/2.0/datapackage.json'",
        ),
        (
            "schema",
            "datapackage.json, field resources.events.schema: required: the table's schema, as this "
            "project's",
        ),
        ("dialect", "datapackage.json, field resources.events.dialect: is not part of this project's schema"),
        (
            "path",
            "datapackage.json, field resources.text-gnews-zh-1771034.path: '{url}/p.json' is an address: a "
            "package holds its files, never fetches them",
        ),
    ],
)
def test_an_address_in_the_descriptor_is_refused_and_never_fetched(data_copy, listener, where, expected):
    url, asked = listener
    desc = descriptor(data_copy.root)
    if where in ("profile", "$schema"):
        desc[where] = f"{url}/p.json"
    elif where == "path":
        desc["resources"][-1][where] = f"{url}/p.json"
    else:
        desc["resources"][0][where] = f"{url}/p.json"
    (data_copy.root / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    problems = [str(p).replace(f"{data_copy.root}/", "") for p in validate(data_copy.root)]
    assert problems == [expected.format(url=url)]
    assert asked == []


def test_tables_are_read_from_the_paths_the_descriptor_gives(data_copy):
    """The sources table moved to tables/sources.csv, and categories renamed without a suffix: both are
    validated, and loaded, where the descriptor says."""
    (data_copy.root / "tables").mkdir()
    (data_copy.root / "sources.csv").rename(data_copy.root / "tables" / "sources.csv")
    (data_copy.root / "categories.csv").rename(data_copy.root / "categories")
    desc = descriptor(data_copy.root)
    moved = {"sources": "tables/sources.csv", "categories": "categories"}
    for resource in desc["resources"]:
        resource["path"] = moved.get(resource["name"], resource["path"])
    (data_copy.root / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    assert validate(data_copy.root) == []
    package = load(data_copy.root)
    assert package["sources"]["source_id"].tolist() == load(DATA_DIR)["sources"]["source_id"].tolist()
    assert list(package.texts) == ["gnews-zh-1771034"]
    assert len(package["categories"]) == len(load(DATA_DIR)["categories"])
