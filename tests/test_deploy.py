"""The deployment recipe (coopmap/deploy), started as its README command: the edge's headers, the cached
geometry, the private metrics, a page drawn through it, and a SIGTERM that ends every process it started.

nginx is required, not optional: CI installs it (.ci/run), and without it these tests fail. The tests
share one recipe of two processes and run in file order: the last one stops it.
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import io
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email.utils import formatdate
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect, sync_playwright

from bench import serve
from coopmap.deploy import cluster as deploy
from coopmap.deploy.cluster import NginxMissing, find_nginx, script_hashes
from coopmap.deploy.server import descendants, free_port
from coopmap.paths import MAP_GEOJSON, STATIC
from coopmap.ui.palette import EVENTS, OCEAN, RAMP
from tests.support.browser import (
    CHROMIUM_ARGS,
    WAIT_S,
    Traffic,
    chromium_or_skip,
    expect_map_colours,
    is_local,
    open_app,
    rgb,
    show_tab,
)

pytestmark = pytest.mark.bench

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 60
GEOMETRY = f"/app/static/{MAP_GEOJSON.name}"
INLINE_SCRIPT = "\n      window.prerenderReady = false\n    "  # Streamlit 1.67's index.html holds this one
EDGE = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
POLICY = (
    "default-src 'none'; script-src 'self' {hash} 'wasm-unsafe-eval' blob:; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


def nginx_or_fail() -> None:
    try:
        find_nginx()
    except NginxMissing as missing:
        pytest.fail(f"{missing}. CI installs it in .ci/run; here: apt-get install nginx", pytrace=False)


class Recipe:
    """`python -m coopmap.deploy --processes 2 --port P` as a child process, and what it printed."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "coopmap.deploy", "--processes", "2", "--port", str(self.port)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # Once nginx answers: the proxy's line, then one per server (nothing, if the start failed).
        self.said = [self.process.stdout.readline() for _ in range(3)]

    @property
    def folder(self) -> Path:
        return Path(re.search(r" config=(\S+)/nginx\.conf$", self.said[0]).group(1))

    @property
    def server_urls(self) -> list[str]:
        return [re.match(r"route=s\d url=(\S+) pid=\d+$", line).group(1) for line in self.said[1:]]

    def stop(self) -> int:
        """SIGTERM, as a service manager ends it; its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


@pytest.fixture(scope="module")
def recipe():
    nginx_or_fail()
    started = Recipe()
    try:
        assert re.fullmatch(rf"url={started.url} nginx_pid=\d+ config=/\S+/nginx\.conf\n", started.said[0]), (
            started.said,
            started.process.stderr.read(),
        )
        assert [re.sub(r"\d+", "N", line) for line in started.said[1:]] == [
            "route=sN url=http://N.N.N.N:N pid=N\n"
        ] * 2
        yield started
    finally:
        started.stop()


def get(url: str, headers: dict[str, str] | None = None):
    """The response of a GET (an HTTP error's too), its body read."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        answer = urllib.request.urlopen(request, timeout=TIMEOUT_S)
    except urllib.error.HTTPError as refused:
        answer = refused
    with answer:
        answer.body = answer.read()
    return answer


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def expected_policy(page: bytes) -> str:
    """The policy for the page served, its inline script hashed here by hand."""
    script = re.search(rb"<script>(.*?)</script>", page, re.DOTALL).group(1)
    assert script.decode() == INLINE_SCRIPT
    digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
    return POLICY.format(hash=f"'sha256-{digest}'")


def assert_edge(answer, policy: str) -> None:
    """Each header of the edge once, with exactly its value, and no version in Server."""
    for name, value in {**EDGE, "Content-Security-Policy": policy}.items():
        assert answer.headers.get_all(name) == [value], name
    assert answer.headers.get_all("Server") == ["nginx"]


def test_nginx_is_installed():
    nginx_or_fail()


def test_the_inline_script_hash_is_that_of_the_page():
    page = f"<html><head><script>{INLINE_SCRIPT}</script><script src='./x.js'></script></head></html>"
    assert script_hashes(page) == ["'sha256-THxz9J9+wf7rhwR2YkXJoSZ13UCmYyC+3lNDv2+8ugA='"]
    assert script_hashes("<p>no script</p>") == []


def test_shapes_nginx_cannot_serve_stop_the_start():
    """nginx that cannot serve the shapes (missing, or unreadable to its workers) would give readers a page
    without a map: the start fails instead, saying why."""
    nginx_or_fail()
    cluster = deploy.Cluster(1)
    cluster.static = STATIC / "nowhere"  # beside the folder the map's files are read from
    with (
        pytest.raises(
            RuntimeError,
            match=r'^failed=geometry path=/\S+/nowhere/countries-equal-earth\.geojson answer="HTTP Error 404',
        ),
        cluster,
    ):
        pass
    assert not cluster.folder.exists() and [s for s in cluster.servers if alive(s.pid)] == []


def test_the_page_carries_the_edge_headers_and_a_route(recipe):
    answer = get(recipe.url + "/")
    assert answer.status == 200 and b'<div id="root"></div>' in answer.body
    assert_edge(answer, expected_policy(answer.body))
    assert answer.headers.get_all("Set-Cookie") in (
        ["dashboard_route=s1; Path=/; HttpOnly; SameSite=Lax"],
        ["dashboard_route=s2; Path=/; HttpOnly; SameSite=Lax"],
    )
    # Errors carry them too: a path nobody serves, answered by Streamlit through the proxy.
    assert_edge(get(recipe.url + "/_stcore/nothing-here"), expected_policy(answer.body))


def test_the_geometry_comes_from_the_checkout_gzipped_cached_and_revalidated(recipe):
    policy = expected_policy(get(recipe.url + "/").body)
    answer = get(recipe.url + GEOMETRY, {"Accept-Encoding": "gzip"})
    assert answer.status == 200
    assert gzip.decompress(answer.body) == MAP_GEOJSON.read_bytes()
    assert answer.headers["Content-Type"] == "application/geo+json"
    assert answer.headers["Content-Encoding"] == "gzip"
    assert answer.headers["Vary"] == "Accept-Encoding"
    assert answer.headers["Cache-Control"] == "max-age=86400"
    assert answer.headers["Last-Modified"] == formatdate(MAP_GEOJSON.stat().st_mtime, usegmt=True)
    stat = MAP_GEOJSON.stat()
    assert (
        answer.headers["ETag"] == f'W/"{int(stat.st_mtime):x}-{stat.st_size:x}"'
    )  # nginx's, weak if gzipped
    assert answer.headers.get_all("Set-Cookie") is None  # nginx answers itself: no route to set
    assert_edge(answer, policy)
    assert len(answer.body) < MAP_GEOJSON.stat().st_size / 2

    again = get(recipe.url + GEOMETRY, {"Accept-Encoding": "gzip", "If-None-Match": answer.headers["ETag"]})
    assert (again.status, again.body) == (304, b"")
    assert again.headers["Cache-Control"] == "max-age=86400"
    since = get(recipe.url + GEOMETRY, {"If-Modified-Since": answer.headers["Last-Modified"]})
    assert (since.status, since.body) == (304, b"")
    plain = get(recipe.url + GEOMETRY)
    assert (
        plain.status == 200
        and plain.body == MAP_GEOJSON.read_bytes()
        and "Content-Encoding" not in plain.headers
    )


@pytest.mark.parametrize(
    "path",
    [
        "/_stcore/metrics",
        "/_stcore/metrics?families=active_sessions",
        "/_stcore/metrics/",
        "//_stcore/metrics",
        "/_stcore/%6Detrics",
    ],
)
def test_the_servers_metrics_are_not_served_through_the_proxy(recipe, path):
    answer = get(recipe.url + path)
    assert answer.status == 404 and b"active_sessions" not in answer.body
    assert_edge(answer, expected_policy(get(recipe.url + "/").body))
    for server in recipe.server_urls:  # the operator asks each process on 127.0.0.1
        assert b"active_sessions" in get(server + "/_stcore/metrics?families=active_sessions").body


def test_a_session_through_the_proxy_draws_the_page_without_errors(recipe):
    async def scenario():
        tab = serve.Session(
            recipe.url.replace("http://", "ws://") + "/_stcore/stream",
            recipe.url,
            "",
            TIMEOUT_S,
            recipe.url + "/",
        )
        try:
            first = await tab.open()
            change = await tab.change("years", serve.years(2012, 2014))
            return tab, first, change
        finally:
            await tab.close()

    tab, first, change = asyncio.run(scenario())
    assert first.errors == [] and first.messages > 10, first.errors  # the whole page, drawn without errors
    assert change.errors == [] and "from=2012&to=2014" in tab.query, (change.errors, tab.query)
    assert tab.cookie in ("dashboard_route=s1", "dashboard_route=s2")


@pytest.mark.browser
def test_the_page_works_in_chromium_under_the_policy(recipe):
    chromium = chromium_or_skip()
    traffic = Traffic()
    expect.set_options(timeout=WAIT_S * 1000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            context.set_default_timeout(WAIT_S * 1000)
            traffic.watch(context)
            context.add_init_script(
                """window.violations = [];
                document.addEventListener("securitypolicyviolation", (e) => window.violations.push(
                    `${e.effectiveDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));"""
            )
            page = open_app(context, recipe.url + "/")
            # The map: Iran has the most events of its own, the ocean stays the ocean.
            expect_map_colours(
                page, {"Iran": (54, 32), "ocean": (-30, 0)}, {"Iran": RAMP[-1], "ocean": OCEAN}
            )
            # The timeline: its bars are there for a screen reader and drawn in the events' colour.
            show_tab(page, "Timeline")
            timeline = page.get_by_test_id("stVegaLiteChart")
            expect(timeline.locator('path[aria-label^="2016: "]').first).to_be_attached()
            image = Image.open(io.BytesIO(timeline.screenshot())).convert("RGB")
            colours = {colour: n for n, colour in image.getcolors(maxcolors=1 << 24)}
            assert colours.get(rgb(EVENTS), 0) > 500, sorted(colours.items(), key=lambda c: -c[1])[:5]
            time.sleep(2)  # late loads (fonts, the component modules' re-runs) would report here
            violations = page.evaluate("window.violations")
        finally:
            browser.close()
    assert violations == []
    assert traffic.console_errors == []  # chromium logs each refused load as an error too
    assert traffic.page_errors == []
    assert any(url.startswith("blob:") for url in traffic.urls)  # the components' modules, allowed
    assert any(url.endswith(GEOMETRY) for url in traffic.urls)
    assert [url for url in traffic.urls if not is_local(url)] == []


def test_sigterm_ends_nginx_every_server_and_the_folder(recipe):
    """Runs last of the tests that share the recipe: it stops it."""
    children = [p for p in descendants(recipe.process.pid) if p != recipe.process.pid]
    assert len(children) >= 4, children  # two servers, nginx and its worker
    folder = recipe.folder
    assert (folder / "nginx.conf").exists()
    assert recipe.stop() == 143
    assert [pid for pid in children if alive(pid)] == []
    assert not folder.exists()
    with pytest.raises(OSError):
        urllib.request.urlopen(recipe.url + "/_stcore/health", timeout=5)
