"""The map's library and geometry named in the page's own response (`Link: rel=preload`), so that the
browser fetches them while Streamlit starts, not only once the map's element is on the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import parse_qs

from coopmap.permalink import TABS, default_tab
from coopmap.ui.deck import BORDERS_URL, COUNTRIES_URL, GLOBE_URL, LIBRARY

# As static/map.js asks for them: scripts by a plain <script> tag, files by fetch() (CORS, same origin).
HEADER = ", ".join(
    [f"<{url}>; rel=preload; as=script" for url in LIBRARY]
    + [f"<{url}>; rel=preload; as=fetch; crossorigin" for url in (GLOBE_URL, COUNTRIES_URL, BORDERS_URL)]
)


def opens_on_map(query: Mapping[str, Sequence[str]]) -> bool:
    """Whether a link opens on the map's tab, by the page's own rule (permalink.default_tab)."""
    tab = (query.get("tab") or [""])[0].strip()
    return (tab if tab in TABS else default_tab((query.get("event") or [""])[0].strip() or None)) == "map"


def link_header(query_string: str) -> str | None:
    """The header for the page at this address; none where the page opens on another tab."""
    return HEADER if opens_on_map(parse_qs(query_string)) else None


class Preload:
    """ASGI middleware: the Link header added to every HTML page, the only response that is a page."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        header = link_header(scope.get("query_string", b"").decode("latin-1"))

        async def send_with_link(message) -> None:
            if header and message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                kind = dict(headers).get(b"content-type", b"")
                if kind.startswith(b"text/html"):
                    message = {**message, "headers": [*headers, (b"link", header.encode("ascii"))]}
            await send(message)

        await self.app(scope, receive, send_with_link)
