"""The app's own server without a browser: what its static route gives and refuses, over HTTP, and what
a first run draws after a start, over its websocket."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from coopmap.deploy import server as deploy
from coopmap.i18n import t
from coopmap.paths import GEOJSON
from coopmap.ui.deck import COUNTRIES_URL
from tests.support.browser import serving, started
from tests.support.stream import first_run

STATIC_URL = "/" + COUNTRIES_URL
PLANE = GEOJSON.with_name("countries-equal-earth.geojson")  # what the map draws: Equal Earth km


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("server") / "streamlit.log") as running:
        yield running


def get(url: str) -> tuple[int, str, bytes]:
    return get_with(url)


def get_with(url: str, method: str = "GET") -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=30) as answer:
            return answer.status, answer.headers.get("Content-Type", ""), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), b""


def test_the_map_geometry_is_served_as_the_committed_file(server):
    status, kind, body = get(server.url + STATIC_URL)
    assert (status, body) == (200, PLANE.read_bytes())
    assert "json" in kind
    assert len(json.loads(body)["features"]) > 200


@pytest.mark.parametrize(
    "path",
    [
        "build.py",
        "README.md",
        "LICENSE-natural-earth.md",
        "build-info.json",
        "../geo/build.py",
        "..%2Fgeo%2Fbuild.py",
        "../dashboard.py",
        "../coopmap/paths.py",
        "../data/events.csv",
    ],
)
def test_nothing_but_the_geometry_is_served_from_the_static_route(server, path):
    status, _, body = get(f"{server.url}/app/static/{path}")
    assert (status, body) == (400 if ".." in path else 404, b"")  # a path out of static/ is refused outright


def test_the_geometry_may_be_cached_and_travels_compressed(server):
    asked = urllib.request.Request(server.url + STATIC_URL, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(asked, timeout=30) as answer:
        headers, body = answer.headers, answer.read()
    assert headers["Content-Encoding"] == "gzip" and len(body) < PLANE.stat().st_size / 2
    assert headers["ETag"] and headers["Last-Modified"]  # a browser keeps it and asks whether it changed
    assert "no-store" not in headers.get("Cache-Control", "") and "no-cache" not in headers.get(
        "Cache-Control", ""
    )


def test_xsrf_protection_stays_on(server):
    """The page's first request sets the token cookie a request that changes state (an upload) must send."""
    with urllib.request.urlopen(server.url + "/_stcore/health", timeout=30) as answer:
        cookies = answer.headers.get_all("Set-Cookie") or []
    assert any(cookie.startswith("_streamlit_xsrf=") for cookie in cookies), cookies
    status, _, _ = get_with(server.url + "/_stcore/upload_file/session/file", method="PUT")
    assert status == 403


def test_the_package_is_loaded_as_the_server_starts_before_any_reader(data_copy, tmp_path, monkeypatch):
    """A package never validated here: no page is open, yet it is validated, read and prepared, and the
    first session's first run finds it loaded: no load steps are drawn."""
    monkeypatch.setenv("COOPMAP_CACHE", str(tmp_path / "cache"))
    app, root = started(tmp_path / "server.log", data=data_copy.root), data_copy.root.resolve()
    try:
        deadline = time.monotonic() + deploy.START_S
        while f"Data package {root} loaded at start" not in app.log_tail() and time.monotonic() < deadline:
            time.sleep(0.2)
        records = [json.loads(r.read_text()) for r in (tmp_path / "cache" / "valid").glob("*.json")]
        assert records == [{"valid": str(root)}], app.log_tail()
        drawn = first_run(app.url)
        assert t("en", "load.title") not in drawn and t("en", "cite.header") in drawn
    finally:
        app.stop()


def test_an_invalid_package_given_at_start_is_served_with_its_problems(data_copy, tmp_path):
    data_copy.change("events.csv", "E007", year="twenty")
    app = started(tmp_path / "server.log", data=data_copy.root)
    try:
        drawn = first_run(app.url)
        assert t("en", "app.invalid") in drawn
        assert any("events.csv, row 8, field year" in text for text in drawn), drawn
        assert f"Data package {data_copy.root.resolve()} is invalid" in app.log_tail()
    finally:
        app.stop()
