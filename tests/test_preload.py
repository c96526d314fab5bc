"""The page's Link header (coopmap/app/preload.py): the map's files named where it opens, nowhere else."""

from __future__ import annotations

import asyncio
import re

import pytest

from coopmap.app.preload import Preload, link_header
from coopmap.paths import STATIC

EVERY_FILE = (
    "<app/static/deckgl/deck.min.js>; rel=preload; as=script, "
    "<app/static/deckgl/json.min.js>; rel=preload; as=script, "
    "<app/static/globe-equal-earth.geojson>; rel=preload; as=fetch; crossorigin, "
    "<app/static/countries-equal-earth.geojson>; rel=preload; as=fetch; crossorigin, "
    "<app/static/borders-equal-earth.geojson>; rel=preload; as=fetch; crossorigin"
)


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("", EVERY_FILE),
        ("country=IRN&from=2010", EVERY_FILE),
        ("tab=map&event=E007", EVERY_FILE),
        ("tab=nonsense", EVERY_FILE),  # the page says so and shows the map
        ("tab=table", None),
        ("tab=timeline", None),
        ("event=E007", None),  # a link with an event and no tab opens the table
    ],
)
def test_the_header_names_the_maps_files_where_the_page_opens_on_the_map(query, named):
    assert link_header(query) == named


def test_every_file_named_is_one_the_map_loads_and_the_server_has():
    script = (STATIC / "map.js").read_text(encoding="utf-8")
    library = re.search(r"const LIBRARY = \[([^\]]*)\]", script).group(1)
    assert [f"app/static/deckgl/{name}" for name in re.findall(r'"([^"]+)"', library)] == re.findall(
        r"<(app/static/deckgl/[^>]+)>", EVERY_FILE
    )  # in the order the map runs them
    for url in re.findall(r"<app/static/([^>]+)>", EVERY_FILE):
        assert (STATIC / url).is_file(), url


def answer(kind: bytes, method: str = "GET", query: bytes = b"") -> list[tuple[bytes, bytes]]:
    """The headers a response of this content type gets through the middleware."""
    sent = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", kind)]})
        await send({"type": "http.response.body", "body": b""})

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": "/", "query_string": query}
    asyncio.run(Preload(app)(scope, None, send))
    return sent[0]["headers"]


def test_only_a_page_gets_the_header():
    assert (b"link", EVERY_FILE.encode()) in answer(b"text/html; charset=utf-8")
    assert answer(b"application/javascript") == [(b"content-type", b"application/javascript")]
    assert answer(b"text/html", method="HEAD") == [(b"content-type", b"text/html")]
    assert answer(b"text/html", query=b"tab=table") == [(b"content-type", b"text/html")]
