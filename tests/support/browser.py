"""Support for the real-browser tests: the app's own server, Debian's chromium, and reading the page.

Kept apart from the tests so they read as what a user does and sees. Pixels come from
Playwright screenshots decoded with Pillow (a Streamlit dependency), because a WebGL canvas
need not keep its drawing buffer for toDataURL.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image
from playwright.sync_api import BrowserContext, Locator, Page, expect

from coopmap.deploy.server import Server
from coopmap.ui.deck import RING_MARGIN_KM, RING_MIN_PX
from coopmap.ui.projection import fit, world_box, world_height, world_point
from coopmap.ui.table import ROW_PX

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Software WebGL is slow: a map click takes seconds to pick, rerun and redraw.
WAIT_S = 45
CLICK_S = 25
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def chromium_or_skip() -> str:
    """Debian's chromium; missing, the tests skip on a developer's machine and fail in CI."""
    path = shutil.which("chromium")
    if path:
        return path
    reason = "no chromium on PATH: the browser tests need Debian's (apt-get install chromium)"
    if os.environ.get("CI", "").lower() in ("1", "true"):
        pytest.fail(f"{reason}; CI must run them", pytrace=False)
    pytest.skip(reason)


AXE = "axe-core@4.14.1"
AXE_INTEGRITY = (
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
)


def axe_source(folder: Path) -> str:
    """axe-core's script, from the npm registry (npm pack), checked against its pinned integrity."""
    npm = shutil.which("npm")
    if npm is None:
        reason = "no npm: the accessibility check needs axe-core from the npm registry"
        if os.environ.get("CI", "").lower() in ("1", "true"):
            pytest.fail(f"{reason}; CI must run it", pytrace=False)
        pytest.skip(reason)
    packed = subprocess.run(
        [npm, "pack", AXE, "--json", "--pack-destination", str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    info = json.loads(packed.stdout)[0]
    assert info["integrity"] == AXE_INTEGRITY, f"{AXE} is not the package pinned: {info['integrity']}"
    with tarfile.open(folder / info["filename"]) as tarball:
        return tarball.extractfile("package/axe.min.js").read().decode("utf-8")


def started(log: Path, **options) -> Server:
    """The page's server (coopmap.deploy's, with its options), once it answers; else the test fails."""
    app = Server(log, **options)
    if not app.wait_healthy():
        app.stop()
        pytest.fail(f"streamlit did not become healthy; its log:\n{app.log_tail()}", pytrace=False)
    return app


@contextmanager
def serving(log: Path, **options) -> Iterator[Server]:
    """A started server, stopped after the block."""
    app = started(log, **options)
    try:
        yield app
    finally:
        app.stop()


def is_local(url: str) -> bool:
    """data: and blob: stay in the page; everything else must go to the app on 127.0.0.1."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or parts.hostname == "127.0.0.1"


@dataclass
class Traffic:
    """Every request, WebSocket, console error and page error of every page, over the whole suite."""

    urls: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> None:
        context.on("request", lambda request: self.urls.append(request.url))
        context.on("page", lambda page: page.on("websocket", lambda ws: self.urls.append(ws.url)))
        context.on("console", self._console)
        context.on("weberror", lambda error: self.page_errors.append(str(error.error)))

    def _console(self, message) -> None:
        # deck.gl and luma.gl report WebGL stalls and reflection as debug and warning: not errors.
        if message.type == "error":
            self.console_errors.append(f"{message.text} at {message.location}")


@dataclass
class Screenshots:
    """Saved screenshots, listed after the test results so a person running pytest can look at them."""

    folder: Path
    saved: list[Path] = field(default_factory=list)

    def save(self, page: Page, name: str) -> Path:
        path = self.folder / f"{name}.png"
        page.mouse.move(0, 0)  # no tooltip or toolbar over what is shown
        page.screenshot(path=path)
        self.saved.append(path)
        return path

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if self.saved:
            terminalreporter.section("browser screenshots")
            for path in self.saved:
                terminalreporter.write_line(str(path))


def settle(page: Page) -> None:
    """Waits for the script run an interaction started to end."""
    expect(page.locator(IDLE)).to_be_attached(timeout=WAIT_S * 1000)


def open_app(context: BrowserContext, url: str) -> Page:
    """A new page on the app, once its script has run and its map, if its tab is shown, has fitted the
    world to its width."""
    page = context.new_page()
    page.goto(url)
    settle(page)
    asked = parse_qs(urlsplit(url).query)  # the tab as coopmap.permalink reads it
    if asked.get("tab", ["table" if "event" in asked else "map"])[-1] != "map":
        return page
    canvas = map_canvas(page)
    expect(canvas).to_be_visible()
    deadline = time.monotonic() + WAIT_S
    while True:
        box = canvas.bounding_box()
        if box and abs(box["height"] - world_height(round(box["width"]))) <= 2:
            break
        if time.monotonic() > deadline:
            raise AssertionError(f"the map was never fitted to its width: {box}")
        time.sleep(0.2)
    settle(page)
    return page


TABS = {"Map": "地图", "Timeline": "时间线", "Table": "表格"}  # the chart frame's tabs, in both languages


def show_tab(page: Page, name: str) -> None:
    """Chooses a tab of the chart frame (Map, Timeline, Table) as a reader clicks it, in either language."""
    group = page.get_by_test_id("stMain").get_by_test_id("stButtonGroup")
    switch = group.locator("button").filter(has_text=re.compile(f"^({name}|{TABS[name]})$"))
    if switch.get_attribute("aria-checked") != "true":
        switch.click()
        expect(switch).to_have_attribute("aria-checked", "true")
        settle(page)


def map_element(page: Page) -> Locator:
    """The map component's own element: it holds the canvas and names the keyboard's way to a country."""
    return page.locator(".coopmap-map")


def map_canvas(page: Page) -> Locator:
    return map_element(page).locator("canvas")


def tooltip(page: Page) -> Locator:
    return page.get_by_role("tooltip")


def wait_drawn(page: Page) -> None:
    """Until the map has drawn its countries (it marks its element): only then can a hover pick one."""
    expect(map_element(page)).to_have_attribute("data-drawn", "true", timeout=WAIT_S * 1000)


def ring_circles(width: float, height: float, codes) -> list[tuple[str, tuple[float, float], float]]:
    """Where each country's ring is drawn at the world view on a canvas this big: centre and radius in px."""
    shapes = ring_shapes()
    (_, _), zoom = fit(world_box(), width, height)
    circles = []
    for code in codes:
        (x, y), radius = shapes[code]
        (cx, cy), _ = fit(world_box(), width, height)
        centre = (width / 2 + (x - cx) * 2**zoom, height / 2 - (y - cy) * 2**zoom)
        circles.append((code, centre, max((radius + RING_MARGIN_KM) * 2**zoom, RING_MIN_PX)))
    return circles


@functools.cache
def ring_shapes() -> dict:
    from coopmap.dataset.shapes import load_countries
    from coopmap.ui.deck import map_shapes

    return dict(map_shapes(load_countries()).rings)


def summary(page: Page) -> Locator:
    """The summary line: the first bold text under the title."""
    return page.get_by_test_id("stMain").get_by_test_id("stMarkdownContainer").locator("strong").first


def table(page: Page) -> Locator:
    """The events grid's accessible table: its row count, and the cells of the rows in view."""
    return page.get_by_test_id("stDataFrame").locator('table[role="grid"]')


def table_ids(page: Page) -> list[str]:
    """The events of the grid's rows, every one. The grid hides the ids and draws only the rows and
    columns in view, so it is scrolled to its last column, the summary, and down to each row unread."""
    grid = table(page)
    scroller = page.get_by_test_id("stDataFrame").locator(".dvn-scroller")
    total, last = int(grid.get_attribute("aria-rowcount")) - 1, grid.get_attribute("aria-colcount")
    summaries: dict[int, str] = {}
    while len(summaries) < total:
        scroller.evaluate("(e, top) => e.scrollTo(e.scrollWidth, top)", ROW_PX * len(summaries))
        expect(
            grid.locator(f'tr[aria-rowindex="{len(summaries) + 2}"] td[aria-colindex="{last}"]')
        ).to_be_attached()
        for row in grid.locator("tbody tr").all():
            summaries[int(row.get_attribute("aria-rowindex"))] = row.locator(
                f'td[aria-colindex="{last}"]'
            ).inner_text()
    scroller.evaluate("e => e.scrollTo(0, 0)")
    return [event_by_summary()[summaries[i]] for i in sorted(summaries)]


@functools.cache
def event_by_summary() -> dict[str, str]:
    """Each event by its summary in either language: what the table's last column shows."""
    from coopmap.dataset.package import load

    events = load()["events"]
    return {
        summary: event
        for lang in ("en", "zh")
        for event, summary in zip(events["event_id"], events[f"summary_{lang}"], strict=True)
    }


def map_point(page: Page, place: tuple[float, float]) -> dict[str, float]:
    box = map_canvas(page).bounding_box()
    x, y = world_point(box["width"], box["height"], *place)
    return {"x": x, "y": y}


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def map_colours(page: Page, places: dict[str, tuple[float, float]]) -> dict[str, str]:
    """The colour the map shows at each place, from a screenshot of the canvas."""
    page.mouse.move(0, 0)  # no tooltip or toolbar over the map
    canvas = map_canvas(page)
    image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
    colours = {}
    for name, place in places.items():
        # Measured on the screenshot itself, so a canvas resized meanwhile cannot put the point outside it.
        x, y = world_point(image.width, image.height, *place)
        colours[name] = "#{:02x}{:02x}{:02x}".format(*image.getpixel((round(x), round(y))))
    return colours


def near(seen: str, wanted: str, tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(rgb(seen), rgb(wanted), strict=True))


def expect_map_colours(page: Page, places: dict[str, tuple[float, float]], wanted: dict[str, str]) -> None:
    """Waits until the map shows the wanted colours: WebGL draws a moment after the page settles."""
    deadline = time.monotonic() + WAIT_S
    while True:
        seen = map_colours(page, {name: places[name] for name in wanted})
        if all(near(seen[name], colour) for name, colour in wanted.items()):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"map colours: wanted {wanted}, saw {seen}")
        time.sleep(0.5)


def hover_for_tooltip(page: Page, point: dict[str, float], name: str) -> None:
    """Hovers once, as a reader does, once the map says it has drawn: the tooltip must name the country.
    A hover the map drops fails here, where a retry would hide it."""
    wait_drawn(page)
    map_canvas(page).hover(position=point)
    expect(tooltip(page)).to_contain_text(name, timeout=CLICK_S * 1000)


def click_country(page: Page, name: str, iso3: str, place: tuple[float, float]) -> None:
    """Clicks a country on the map once, after its tooltip shows, and waits for the URL to choose it.

    One click only: a dropped click must fail the test, not be hidden by a retry.
    """
    point = map_point(page, place)
    hover_for_tooltip(page, point, name)
    map_canvas(page).click(position=point)
    expect(page).to_have_url(re.compile(f"[?&]country={iso3}(&|$)"), timeout=CLICK_S * 1000)
    settle(page)


def multiselect(page: Page, label: str) -> Locator:
    return page.get_by_test_id("stMultiSelect").filter(has=page.get_by_role("combobox", name=label))


def choose(page: Page, label: str, option: str) -> None:
    """Adds an option to a multiselect by typing it, as a keyboard user would."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def type_and_enter(page: Page, label: str, text: str) -> None:
    """Types into a box and presses Enter, as a reader who knows the name would."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.press_sequentially(text, delay=30)
    page.get_by_role("option").first.wait_for()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settle(page)


def search_for(page: Page, text: str) -> None:
    """Types into the search box and presses Enter, as a reader does."""
    box = page.get_by_role("textbox", name="Search")
    box.click()
    box.press_sequentially(text, delay=30)
    box.press("Enter")
    settle(page)


def year_thumb(page: Page, end: str) -> Locator:
    """The start or end thumb of the years slider, a range input a keyboard can move."""
    return page.locator(f'input[type="range"][aria-label="Years stated by the source — {end}"]')


def move_thumb(page: Page, end: str, steps: int) -> None:
    thumb = year_thumb(page, end)
    thumb.focus()
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")


def view_state(page: Page) -> dict:
    """What the filters and the drill-down show, read from the widgets and the page."""
    chips = {
        label: [
            tag.get_attribute("aria-label") for tag in multiselect(page, label).locator("[data-tag]").all()
        ]
        for label in ("Countries", "Categories", "Actors, as the source names them", "Scope")
    }
    return {
        "years": (year_thumb(page, "start").input_value(), year_thumb(page, "end").input_value()),
        "undated": page.get_by_role("checkbox", name="Include events without a stated year").is_checked(),
        **chips,
        "summary": summary(page).inner_text(),  # its counts are the table's
    }


def horizontal_overflow(page: Page) -> dict[str, int]:
    """How far the page and the main area are wider than the window (0 when nothing sticks out)."""
    return page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            return {
                page: document.documentElement.scrollWidth - window.innerWidth,
                main: main.scrollWidth - main.clientWidth,
            };
        }"""
    )
