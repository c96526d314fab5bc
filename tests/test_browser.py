"""The dashboard in Debian's chromium: what readers do, typed and clicked as they would, and what they get.

What users see exists only in a browser: the WebGL map, a click on a country or a chart bar,
the file that lands in their downloads, every request the page makes. One server and one
browser serve the whole module; each test opens its own page. Expected answers are written
out here from the data, never recomputed by the code under test.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import time
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect, sync_playwright

from coopmap.app import loading
from coopmap.export import EXPORT_COLUMNS
from coopmap.ui.deck import BORDERS_URL, COUNTRIES_URL, GLOBE_URL, LIBRARY
from coopmap.ui.palette import NO_REPORTS, OCEAN, RAMP, RING, SELECTED
from coopmap.ui.projection import MAP_HEIGHTS, world_point
from coopmap.ui.table import HEADER_PX, ROW_PX
from tests.support.browser import (
    CHROMIUM_ARGS,
    CLICK_S,
    WAIT_S,
    Screenshots,
    Traffic,
    axe_source,
    choose,
    chromium_or_skip,
    click_country,
    expect_map_colours,
    horizontal_overflow,
    hover_for_tooltip,
    is_local,
    map_canvas,
    map_element,
    map_point,
    move_thumb,
    multiselect,
    open_app,
    rgb,
    ring_circles,
    search_for,
    serving,
    settle,
    show_tab,
    started,
    table,
    table_ids,
    tooltip,
    type_and_enter,
    view_state,
    wait_drawn,
)
from tests.support.browser import summary as summary_line

pytestmark = pytest.mark.browser
GOLDEN = Path(__file__).resolve().parent / "golden"

# Places to probe and click: inside each country, far from its borders.
PLACES = {
    "Iran": (54, 32),
    "Argentina": (-65, -35),
    "Brazil": (-52, -10),
    "Germany": (10.4, 51.2),
    "ocean": (-30, 0),
}
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
# The dataset's count scale: Iran has 2 events of its own (the most), Argentina 1, Brazil none.
FIRST_VIEW = {"Iran": RAMP[-1], "Argentina": RAMP[0], "Brazil": NO_REPORTS, "ocean": OCEAN}
ALL = [f"E{n:03d}" for n in range(1, 16)]
PARTLY = ["E001", "E002", "E003", "E007", "E008", "E009", "E010", "E011", "E012", "E013"]


@pytest.fixture(scope="module")
def chromium() -> str:
    return chromium_or_skip()


@pytest.fixture(scope="module")
def server(chromium, tmp_path_factory):
    with serving(tmp_path_factory.mktemp("streamlit") / "server.log") as app:
        yield app.url


@pytest.fixture(scope="module")
def browser(chromium):
    expect.set_options(timeout=WAIT_S * 1000)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def traffic() -> Traffic:
    return Traffic()


def new_context(browser: Browser, traffic: Traffic, viewport: dict, touch: bool = False):
    context = browser.new_context(viewport=viewport, accept_downloads=True, has_touch=touch, is_mobile=touch)
    context.set_default_timeout(WAIT_S * 1000)
    traffic.watch(context)
    return context


@pytest.fixture(scope="module")
def desktop(browser, traffic, server):
    context = new_context(browser, traffic, DESKTOP)
    yield context
    context.close()


@pytest.fixture(autouse=True)
def close_pages(desktop):
    """Each test's pages close with it: an open map keeps drawing and slows the next test's software WebGL."""
    yield
    for page in desktop.pages:
        page.close()


@pytest.fixture(scope="module")
def screenshots(request, tmp_path_factory) -> Screenshots:
    shots = Screenshots(tmp_path_factory.mktemp("browser-screenshots"))
    request.config.pluginmanager.register(shots, "browser-screenshots")
    return shots


def downloaded_ids(page: Page, button: str = "Download CSV") -> tuple[list[str], str, bytes]:
    """Clicks a download button; the event ids of the file, its name and its bytes."""
    with page.expect_download() as download:
        page.get_by_role("button", name=button).click()
    data = download.value.path().read_bytes()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    return [row["event_id"] for row in rows], download.value.suggested_filename, data


def expect_rows(page: Page, ids: list[str]) -> None:
    """Opens the Table tab and waits until it holds exactly these events; the grid redraws after the
    script ends."""
    show_tab(page, "Table")
    expect(table(page)).to_have_attribute("aria-rowcount", str(len(ids) + 1))
    settle(page)
    assert table_ids(page) == ids


@pytest.fixture(params=list(VIEWPORTS))
def reader(request, browser, traffic, server):
    """The app on a new page, once at a desktop viewport and once at a phone's: (page, viewport name)."""
    context = new_context(browser, traffic, VIEWPORTS[request.param])
    try:
        yield open_app(context, server), request.param
    finally:
        context.close()


def test_map_draws_countries_legend_and_summary(desktop, server, screenshots):
    page = open_app(desktop, server)
    expect_map_colours(page, PLACES, FIRST_VIEW)
    expect(summary_line(page)).to_have_text(
        "8 events in 7 countries; 5 claims about 4 regions or blocs; 2 counted claims; "
        "2010–2016 and 10 without a stated year; all categories"
    )
    for label in ("1 reported event", "2 reported events", "No reports in this dataset"):
        expect(page.get_by_test_id("stMain").get_by_text(label, exact=True)).to_be_visible()
    screenshots.save(page, "first-view")


def test_the_chart_frame_shows_map_and_legend_at_once_and_its_tabs_fetch_nothing_again(reader):
    """One frame at the content's full width; the map and its key on the first screen, desktop and phone."""
    page, viewport = reader
    height = page.viewport_size["height"]
    content = page.get_by_test_id("stMainBlockContainer").evaluate(
        "e => { const s = getComputedStyle(e); "
        "return e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }"
    )
    canvas = map_canvas(page).bounding_box()
    assert canvas["width"] >= content - 40, (canvas, content)  # the frame's own padding, no column beside
    key = page.get_by_test_id("stMain").get_by_text("No reports in this dataset", exact=True)
    legend = key.bounding_box()
    assert canvas["y"] >= 0 and legend["y"] + legend["height"] <= height, (viewport, canvas, legend)
    wait_drawn(page)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    show_tab(page, "Table")
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    expect(map_element(page)).to_have_count(0)  # only the tab shown is built
    show_tab(page, "Map")
    wait_drawn(page)
    assert [url for url in requests if ".geojson" in url or "deckgl" in url] == []  # the page kept them


def test_the_language_is_one_tap_at_every_width_and_the_link_keeps_it(reader):
    """On a phone the sidebar starts closed: the switch must not be inside it."""
    page, _ = reader
    switch = page.get_by_test_id("stMain").get_by_test_id("stButtonGroup").get_by_text("中文", exact=True)
    switch.click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("已报道的安全合作：各国已报道事件")
    expect(page).to_have_url(re.compile(r"[?&]lang=zh(&|$)"))
    expect(page).to_have_title("已报道的安全合作")  # the browser's tab too


def test_a_change_loads_step_by_step_under_the_first_reader_after_a_start(
    browser, traffic, data_copy, tmp_path
):
    """The package is loaded as the server starts (tests/test_server.py); a change on disk loads at the open
    page's next rerun, which tells each step while it works, then clears them."""
    app = started(
        tmp_path / "server.log", env={"DASHBOARD_DATA": str(data_copy.root), "COOPMAP_CACHE": str(tmp_path)}
    )
    context = new_context(browser, traffic, DESKTOP)
    try:
        page = open_app(context, app.url)
        before = summary_line(page).inner_text()
        data_copy.delete("events.csv", "E015")
        corroborations = data_copy.rows("corroborations.csv")
        data_copy.write("corroborations.csv", [r for r in corroborations if r["event_id"] != "E015"])
        time.sleep(loading.CHECK_EVERY)  # the files are looked at once a second at most
        page.get_by_test_id("stMain").get_by_test_id("stButtonGroup").get_by_text("Table", exact=True).click()
        expect(page.get_by_text("Loading the data package…")).to_be_visible()
        files = sum(1 for p in data_copy.root.rglob("*") if p.is_file())
        expect(page.get_by_text(f"Validating {files} files (")).to_be_visible()
        settle(page)
        expect(page.get_by_text("Loading the data package…")).to_have_count(0)
        expect(summary_line(page)).not_to_have_text(before)  # the change is shown
    finally:
        context.close()
        app.stop()


def test_under_a_sub_path_the_page_its_scripts_and_its_map_are_served_from_it(browser, traffic, tmp_path):
    """A proxy may serve the page at /coopmap/ (server.baseUrlPath): every file the page asks for is
    under it, so the map draws and a link of the page opens its view."""
    app = started(tmp_path / "server.log", base_path="coopmap")
    context = new_context(browser, traffic, DESKTOP)
    asked: list[str] = []  # the paths of what the page fetched from the server (data: and blob: aside)
    context.on("request", lambda r: asked.append(urlsplit(r.url).path) if r.url.startswith("http") else None)
    try:
        page = open_app(context, f"{app.url}/?country=IRN")
        expect(summary_line(page)).to_have_text(
            "Iran: 2 events; 2010–2016 and 1 without a stated year; all categories"
        )
        wait_drawn(page)
        assert "/coopmap/app/static/countries-equal-earth.geojson" in asked
        assert [path for path in asked if not path.startswith("/coopmap/")] == []
    finally:
        context.close()
        app.stop()


def test_the_world_fits_the_map_on_load(browser, traffic, server):
    """From a phone to a wide screen: the globe's full width inside the canvas, Antarctica out."""
    for width in (390, 1920):
        context = new_context(browser, traffic, {"width": width, "height": 900})
        try:
            page = open_app(context, server)
            box = map_canvas(page).bounding_box()
            assert box["width"] <= width
            west, east = map_point(page, (-179.9, 0)), map_point(page, (179.9, 0))
            assert 0 <= west["x"] < 0.02 * box["width"] and 0.98 * box["width"] < east["x"] <= box["width"]
            assert map_point(page, (-168, 65))["x"] > 0.1 * box["width"]  # Alaska: the meridians curve in
            if box["height"] > MAP_HEIGHTS[0]:  # a phone's map is taller than the world: more south shows
                assert map_point(page, (0, -70))["y"] > box["height"]  # Antarctica below the canvas
        finally:
            context.close()


def test_typing_a_country_and_enter_selects_it_alone_and_downloads_it(reader, screenshots):
    page, viewport = reader
    type_and_enter(page, "Countries", "Iran")
    expect(page).to_have_url(re.compile(r"[?&]country=IRN($|&)"))
    expect(summary_line(page)).to_have_text(
        "Iran: 2 events; 2010–2016 and 1 without a stated year; all categories"
    )
    expect(page.get_by_role("heading", name="Iran", exact=True)).to_be_visible()
    expect_rows(page, ["E006", "E007"])
    ids, name, _ = downloaded_ids(page)
    assert (ids, name) == (["E006", "E007"], "reported-cooperation_Iran.csv")
    csv_box, json_box = (
        page.get_by_role("button", name=f"Download {kind}").bounding_box() for kind in ("CSV", "JSON")
    )
    if viewport == "desktop":  # side by side; a phone may wrap them
        assert json_box["x"] - (csv_box["x"] + csv_box["width"]) < 24 and json_box["y"] == csv_box["y"]
    citation = page.get_by_test_id("stText").last
    expect(citation).to_contain_text(f"Retrieved {date.today()}, from {page.url}. What the sources report")
    screenshots.save(page, f"iran-{viewport}")


def test_a_country_is_found_by_another_name_and_listed_by_the_one_readers_know(reader, screenshots):
    page, viewport = reader
    box = page.get_by_role("combobox", name="Countries")
    box.click()
    box.press_sequentially("Ivory Coast", delay=30)
    expect(page.get_by_role("option").first).to_have_text("Côte d'Ivoire · 科特迪瓦 (Ivory Coast / 象牙海岸)")
    screenshots.save(page, f"country-alias-{viewport}")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"[?&]country=CIV($|&)"))
    settle(page)
    expect(page.get_by_role("heading", name="Côte d'Ivoire", exact=True)).to_be_visible()
    box.click()
    box.press_sequentially("Rus", delay=30)
    expect(page.get_by_role("option").first).to_have_text("Russia · 俄罗斯")


def test_a_misspelled_search_offers_the_term_whose_click_shows_its_events(reader, screenshots):
    page, viewport = reader
    search_for(page, "Hauwei")
    expect(page.get_by_text("No event holds every word of “Hauwei”.")).to_be_visible()
    suggestion = page.get_by_role("button", name="Huawei", exact=True)
    suggestion.scroll_into_view_if_needed()
    screenshots.save(page, f"suggestion-{viewport}")
    suggestion.click()  # one click from a misspelling to the events
    expect(page).to_have_url(re.compile(r"[?&]q=Huawei($|&)"))
    expect(summary_line(page)).to_contain_text("1 event in 1 country; 1 claim about 1 region or bloc")
    box = page.get_by_role("textbox", name="Search")
    expect(box).to_have_value("Huawei")
    page.get_by_role("button", name="Clear").click()  # and one to clear it
    expect(box).to_have_value("")
    expect(page).not_to_have_url(re.compile(r"[?&]q="))
    settle(page)
    expect(page.get_by_role("button", name="Clear")).to_have_count(0)


def test_typing_a_chinese_name_selects_that_country(desktop, server):
    page = open_app(desktop, server)
    type_and_enter(page, "Countries", "厄瓜多尔")
    expect(summary_line(page)).to_have_text("Ecuador: 1 event; 2010–2016; all categories")
    expect(page.get_by_role("heading", name="Ecuador", exact=True)).to_be_visible()


def outline_pixels(page: Page) -> int:
    """How many pixels of the map show the chosen country's outline colour."""
    page.mouse.move(0, 0)
    image = np.asarray(Image.open(io.BytesIO(map_canvas(page).screenshot())).convert("RGB"), dtype=int)
    return int((np.abs(image - rgb(SELECTED)).sum(axis=2) < 60).sum())


def test_clicking_countries_opens_and_switches_their_panel_without_remounting_the_map(
    desktop, server, screenshots
):
    page = open_app(desktop, server)
    canvas = map_canvas(page)
    canvas.evaluate("element => { element.dataset.mounted = 'first'; }")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.get_by_text("Show group claims on the map", exact=True).click()  # a filter change: new colours
    settle(page)
    assert canvas.evaluate("element => element.dataset.mounted") == "first"  # the same canvas: no re-mount
    assert outline_pixels(page) < 20  # no country chosen: nothing outlined
    click_country(page, "Argentina", "ARG", PLACES["Argentina"])
    expect(page.get_by_role("heading", name="Argentina", exact=True)).to_be_visible()
    expect(page.locator("mark").filter(has_text="在阿根廷昆图科，解放军建造了")).to_have_count(1)
    assert canvas.evaluate("element => element.dataset.mounted") == "first"  # and after a click
    deadline = time.monotonic() + WAIT_S
    while outline_pixels(page) < 1000:  # its outline, zoomed to: a long line 2-3 px wide
        assert time.monotonic() < deadline, "no outline around the country clicked"
        time.sleep(0.3)
    assert [url for url in requests if ".geojson" in url or "deckgl" in url] == []  # nothing fetched again
    expect(summary_line(page)).to_have_text(
        "Argentina: 1 event; 2010–2016 and 1 without a stated year; all categories"
    )
    expect_rows(page, ["E011"])
    screenshots.save(page, "argentina")


@pytest.mark.parametrize(
    ("query", "said"),
    [
        (
            "",
            [
                "Germany",
                "No claim names Germany itself",
                "In 18 countries using intelligence surveillance systems made by the CCP (countries named by "
                "later sources; partial): 1 claim; named as one by The New York Times, 2019-04-24",
            ],
        ),
        (
            "?lang=zh",  # the name in Chinese, which the map's own file lacks: its names element gives it
            [
                "德国",
                "没有报道点名德国本身",
                "属于使用中共制造的情报监控系统的 18 个国家（国家由后来的来源点名；不完整）：1 项报道；"
                "由 The New York Times, 2019-04-24 点名为其中之一",
            ],
        ),
    ],
)
def test_hovering_a_group_member_says_why_it_is_shaded(desktop, server, query, said):
    page = open_app(desktop, f"{server}/{query}")
    hover_for_tooltip(page, map_point(page, PLACES["Germany"]), said[0])
    assert [line.strip() for line in tooltip(page).inner_text().splitlines()] == said


def test_the_map_keeps_its_canvas_when_a_filter_returns_to_the_first_view(desktop, server):
    page = open_app(desktop, server)
    map_canvas(page).evaluate("element => { element.dataset.mounted = 'first'; }")
    for steps in (-1, 1):
        move_thumb(page, "end", steps)
        settle(page)
    time.sleep(2)
    assert map_canvas(page).evaluate("element => element.dataset.mounted") == "first"


def test_the_first_click_on_a_fresh_page_selects_a_country_without_claims(reader, screenshots):
    """One click, no hover first, as soon as the map is there: Brazil opens its "no claim" panel."""
    page, viewport = reader
    map_canvas(page).click(position=map_point(page, PLACES["Brazil"]))
    expect(page).to_have_url(re.compile(r"[?&]country=BRA(&|$)"), timeout=CLICK_S * 1000)
    settle(page)
    expect(page.get_by_role("heading", name="Brazil", exact=True)).to_be_visible()
    expect(page.get_by_text("The dataset does not mention Brazil: ", exact=False)).to_be_visible()
    screenshots.save(page, f"brazil-{viewport}")


# Alaska, Chukotka, Greenland and Patagonia: land at the far west, east, north and south of the world view.
EDGES = {"west": (-150, 64), "east": (172, 66), "north": (-40, 75), "south": (-69, -47)}


def test_a_tooltip_near_any_edge_of_the_map_stays_inside_the_window(reader):
    page, _ = reader
    wait_drawn(page)
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    for edge, place in EDGES.items():
        point = map_point(page, place)
        map_canvas(page).scroll_into_view_if_needed()
        point = map_point(page, place)
        deadline = time.monotonic() + WAIT_S
        while not tooltip(page).is_visible():
            map_canvas(page).hover(position={"x": point["x"] + 1, "y": point["y"]})
            map_canvas(page).hover(position=point)
            if time.monotonic() > deadline:
                raise AssertionError(f"no tooltip at the {edge} edge")
            time.sleep(0.3)
        box = tooltip(page).bounding_box()
        assert box["x"] >= 0 and box["y"] >= 0, edge
        assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height, edge
        assert tooltip(page).inner_text().strip(), edge
        page.mouse.move(0, 0)


def test_the_small_countries_with_claims_are_ringed(reader):
    """Ecuador, Liberia, Kyrgyzstan and Jamaica: each has a ring of the darkest blue around it."""
    page, _ = reader
    wait_drawn(page)
    page.mouse.move(0, 0)
    time.sleep(1)
    image = Image.open(io.BytesIO(map_canvas(page).screenshot())).convert("RGB")
    ring = rgb(RING)
    for code, centre, radius in ring_circles(image.width, image.height, ("ECU", "LBR", "KGZ", "JAM")):
        hits = 0
        for step in range(24):
            angle = step * math.pi / 12
            x, y = centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle)
            near_ring = [
                image.getpixel((px, py))
                for px in range(round(x) - 2, round(x) + 3)
                for py in range(round(y) - 2, round(y) + 3)
                if 0 <= px < image.width and 0 <= py < image.height
            ]
            hits += any(sum(abs(a - b) for a, b in zip(p, ring, strict=True)) < 60 for p in near_ring)
        assert hits >= 20, (code, hits)


def test_a_first_click_on_a_small_countrys_ring_chooses_it(reader):
    """Jamaica's ring, clicked in the sea south of the island, on a fresh page: the map picks its rings."""
    page, _ = reader
    box = map_canvas(page).bounding_box()
    ((_, (x, y), radius),) = ring_circles(box["width"], box["height"], ("JAM",))
    map_canvas(page).click(position={"x": x, "y": y + radius})
    expect(page).to_have_url(re.compile(r"[?&]country=JAM(&|$)"), timeout=CLICK_S * 1000)
    expect(page.get_by_role("heading", name="Jamaica", exact=True)).to_be_visible()


def test_the_map_is_drawn_again_at_its_new_size_when_the_window_changes(desktop, server):
    page = open_app(desktop, server)
    wait_drawn(page)
    expect_map_colours(page, PLACES, FIRST_VIEW)
    page.set_viewport_size(PHONE)
    expect_map_colours(page, PLACES, {"Iran": RAMP[-1], "Argentina": RAMP[0]})
    width, buffer = map_canvas(page).evaluate("c => [c.getBoundingClientRect().width, c.width]")
    assert width < PHONE["width"] and abs(buffer - width) <= 1, (width, buffer)


def test_borders_are_drawn_as_white_hairlines_between_grey_countries(desktop, server):
    """The 49th parallel between Canada and the United States: a white line, grey on either side."""
    page = open_app(desktop, server)
    wait_drawn(page)
    page.mouse.move(0, 0)
    image = Image.open(io.BytesIO(map_canvas(page).screenshot())).convert("RGB")

    def whitest(lon: float, lat: float, reach: int) -> int:
        x, y = world_point(image.width, image.height, lon, lat)
        rows = range(round(y) - reach, round(y) + reach + 1)
        return max(min(image.getpixel((round(x), row))) for row in rows)

    for lon in (-118, -110, -104, -98):
        assert whitest(lon, 49, 2) >= 242, lon  # the border: white (#ffffff), a 1-px line, smoothed
        assert whitest(lon, 55, 0) <= 238 and whitest(lon, 43, 0) <= 238, lon  # Canada and the US: #ececec


def changed_from(page: Page, before: bytes) -> bytes:
    """The map's canvas once it shows something else than before (software WebGL takes a while)."""
    deadline = time.monotonic() + WAIT_S
    while (now := map_canvas(page).screenshot()) == before:
        assert time.monotonic() < deadline, "the map did not change"
        time.sleep(0.2)
    return now


def test_the_zoom_buttons_zoom_and_reset_in_the_browser_without_a_rerun(reader, screenshots):
    """＋ by mouse, − by keyboard, Reset view back to the fitted world: the page asks the server nothing."""
    page, viewport = reader
    wait_drawn(page)
    page.evaluate(
        "() => { window.sentSince = 0; const send = WebSocket.prototype.send; WebSocket.prototype.send ="
        " function (data) { window.sentSince += 1; return send.call(this, data); }; }"
    )
    address, controls = page.url, page.locator(".coopmap-zoom")
    buttons = controls.get_by_role("button")
    assert [b.get_attribute("aria-label") for b in buttons.all()] == ["Zoom in", "Zoom out", "Reset view"]
    corner, canvas = controls.bounding_box(), map_canvas(page).bounding_box()
    south = map_point(page, EDGES["south"])  # Patagonia, the land nearest the buttons' corner
    assert canvas["x"] + south["x"] > corner["x"] + corner["width"], (corner, south)
    first = map_canvas(page).screenshot()
    controls.get_by_role("button", name="Zoom in").click()
    zoomed_in = changed_from(page, first)
    screenshots.save(page, f"zoomed-in-{viewport}")
    controls.get_by_role("button", name="Zoom out").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # out twice: below the fit, the whole world smaller in the frame
    changed_from(page, zoomed_in)
    controls.get_by_role("button", name="Reset view").click()
    expect_map_colours(page, PLACES, FIRST_VIEW)
    assert page.evaluate("() => window.sentSince") == 0 and page.url == address


def test_the_map_names_the_keyboards_way_to_a_country(desktop, server):
    page = open_app(desktop, server)
    label = map_element(page).get_attribute("aria-label")
    assert "use the Countries box below the map" in label
    expect(page.get_by_role("combobox", name="Countries")).to_be_visible()


def click_year(page: Page, year: str) -> None:
    """Clicks the timeline's bar for a year, found by what a screen reader hears of it."""
    show_tab(page, "Timeline")
    bar = page.get_by_test_id("stVegaLiteChart").locator(f'path[aria-label^="{year}: "]').first
    bar.scroll_into_view_if_needed()
    bar.click()
    settle(page)


def test_choosing_a_year_on_the_timeline_shows_that_year_and_announces_the_undated(reader, screenshots):
    page, viewport = reader
    click_year(page, "2016")
    expect(page).to_have_url(re.compile(r"from=2016&to=2016"))
    expect(summary_line(page)).to_have_text(
        "1 event in 1 country; 1 claim about 1 region or bloc; 2016 (10 without a stated year left out); "
        "all categories"
    )
    expect_rows(page, ["E014", "E015"])
    expect(page.get_by_text("+10 events without a stated year are not shown", exact=False)).to_be_visible()
    screenshots.save(page, f"2016-{viewport}")
    page.get_by_role("button", name="Show them").click()
    settle(page)
    expect(page).to_have_url(re.compile(r"undated=1"))
    expect(table(page)).to_have_attribute("aria-rowcount", str(12 + 1))


@pytest.fixture(params=list(VIEWPORTS))
def hand(request, browser, traffic, server):
    """The timeline on a new page and the reader's hand on it: a mouse's click at a desktop's viewport,
    a finger's tap at a phone's (a touch screen, no shift key): (page, viewport name, press)."""
    phone = request.param == "phone"
    context = new_context(browser, traffic, VIEWPORTS[request.param], touch=phone)
    try:
        page = open_app(context, f"{server}/?tab=timeline")
        yield page, request.param, (lambda target: target.tap()) if phone else (lambda target: target.click())
    finally:
        context.close()


def test_a_year_and_a_span_are_chosen_on_the_timeline_by_touch_as_by_mouse(hand, screenshots):
    page, viewport, press = hand
    chart = page.get_by_test_id("stVegaLiteChart")
    empty = chart.locator('path[aria-label="2012: no reported events"]')
    empty.scroll_into_view_if_needed()
    press(empty)  # a year without events is chosen too
    settle(page)
    expect(page).to_have_url(re.compile(r"from=2012&to=2012"))
    expect(summary_line(page)).to_have_text(
        "0 events; 2012 (10 without a stated year left out); all categories"
    )
    for label, year in (("From", "2011"), ("To", "2014")):
        press(page.get_by_test_id("stSelectbox").filter(has_text=label).locator("input"))
        press(page.get_by_role("option", name=year, exact=True))
        settle(page)
    expect(page).to_have_url(re.compile(r"from=2011&to=2014"))
    expect(summary_line(page)).to_have_text(
        "2 events in 2 countries; 2011–2014 (10 without a stated year left out); all categories"
    )
    screenshots.save(page, f"timeline-span-{viewport}")
    undated = chart.locator('path[aria-label^="Year not stated: 10 reported events"]')
    undated.scroll_into_view_if_needed()
    press(undated)  # the undated bar, set apart, brings its events back into the span
    settle(page)
    expect(page).to_have_url(re.compile(r"from=2011&to=2014&undated=1"))
    expect(summary_line(page)).to_have_text(
        "6 events in 6 countries; 4 claims about 3 regions or blocs; 2 counted claims; "
        "2011–2014 and 10 without a stated year; all categories"
    )


def test_a_year_only_a_source_gives_is_refused_visibly(desktop, server):
    page = open_app(desktop, f"{server}/?sourceyears=1&from=2014&to=2014")
    click_year(page, "2021")
    expect(page.get_by_text("2021 is a year an independent source gives", exact=False)).to_be_visible()
    assert "from=2014&to=2014" in page.url  # the view is unchanged
    expect_rows(page, ["E002"])


def test_verdict_facet_shows_only_partly_confirmed(reader):
    page, _ = reader
    page.get_by_role("button", name=re.compile(r"Partly confirmed \(10\)")).click()
    settle(page)
    expect(page).to_have_url(re.compile(r"verdict=partly"))
    expect(summary_line(page)).to_contain_text("; all categories; independent reporting: Partly confirmed")
    expect_rows(page, PARTLY)
    ids, name, _ = downloaded_ids(page)
    assert (ids, name) == (PARTLY, "reported-cooperation_partly.csv")


def test_ecuadors_verdict_and_discrepancy_show_without_opening_anything(desktop, server, screenshots):
    page = open_app(desktop, f"{server}/?country=ECU")
    card = page.locator('article.coopmap-card[data-event="E001"]')
    expect(card).to_have_count(1)
    expect(card).not_to_contain_text("E001 ·")  # the id is the card's address, not a word of it
    # confirmed on the event (K001), not on its further passage P002 (K020, K021): partly, never confirmed
    expect(card.get_by_text("Partly confirmed: independent reporting differs", exact=True)).to_be_visible()
    expect(card.get_by_text("The New York Times, 2019-04-24", exact=True).first).to_be_visible()
    # The second description of the system is weighed too: its "disappearing" beside what the sources say.
    expect(card.get_by_text("On a further passage: “在厄瓜多尔", exact=False)).to_be_visible()
    comparison = card.locator("table").filter(has_text="disappearing political opponents").first
    expect(comparison).to_contain_text("'following, intimidating and attacking' political opponents")
    expect(
        card.get_by_text("How the translation differs: The original says 'Chinese-designed'", exact=False)
    ).to_be_visible()
    # Paragraph 8 once, the event and its follow-up both marked; paragraph 23 with the second description.
    expect(card.locator("figure").filter(has_text="Article, paragraph 8").locator("mark")).to_have_count(2)
    expect(card.locator("figure").filter(has_text="Article, paragraph 23").locator("mark")).to_have_count(1)
    assert card.get_by_test_id("stExpander").count() == 0
    screenshots.save(page, "ecuador-card")


def test_a_discrepancy_is_side_by_side_in_the_card(desktop, server):
    page = open_app(desktop, f"{server}/?country=IRN")
    comparison = page.locator("table").filter(has_text="The article says")
    expect(comparison).to_be_visible()
    expect(comparison).to_contain_text("Reuters, 2012-03-22 says")
    expect(comparison).to_contain_text("Telecommunication Company of Iran")


def test_selecting_a_table_row_opens_its_event_below_the_table_and_in_the_url(reader, server, screenshots):
    page, viewport = reader
    page.goto(f"{server}/?tab=table&verdict=partly")
    settle(page)
    expect(page.get_by_text("10 events", exact=True)).to_be_visible()  # the count above the table
    grid = page.get_by_test_id("stDataFrame")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    content = page.get_by_test_id("stMainBlockContainer").evaluate(
        "e => { const s = getComputedStyle(e); "
        "return e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }"
    )
    assert box["width"] >= content - 40, (box, content)  # the frame's own padding, no column beside
    # The grid's own export leaves spreadsheet formulas as they are (client.disableDataExport): not offered.
    grid.hover()
    tools = page.get_by_test_id("stElementToolbar").get_by_role("button")
    expect(tools).to_have_count(3)
    assert tools.evaluate_all("all => all.map(b => b.ariaLabel)") == [
        "Show/hide columns",
        "Search",
        "Fullscreen",
    ]
    page.mouse.click(
        box["x"] + 12, box["y"] + HEADER_PX + ROW_PX * 3 + ROW_PX / 2
    )  # row 4: E007, by its marker
    settle(page)
    expect(page).to_have_url(re.compile(r"[?&]event=E007(&|$)"))
    name = "Iran: Surveillance system (2010)"  # in words: no id in the reader's way
    page.get_by_role("link", name=f"{name}: read it below the table").click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_in_viewport()
    screenshots.save(page, f"table-event-{viewport}")
    again = open_app(page.context, page.url)
    expect(again.get_by_role("heading", name=name, exact=True)).to_be_visible()


def test_search_narrows_everything_and_downloads_it(reader):
    page, _ = reader
    search_for(page, "ZTE")
    expect(page).to_have_url(re.compile(r"[?&]q=ZTE(&|$)"))
    expect(summary_line(page)).to_contain_text(
        "1 event in 1 country; 2010–2016; all categories; matching “ZTE”"
    )
    expect_rows(page, ["E007"])
    ids, name, _ = downloaded_ids(page)
    assert (ids, name) == (["E007"], "reported-cooperation_search-ZTE.csv")


def test_year_range_and_category_change_summary_table_and_map(desktop, server):
    page = open_app(desktop, server)
    move_thumb(page, "start", 2)  # 2010 -> 2012: Iran's 2010 event and Ecuador's 2011 event go
    expect(summary_line(page)).to_have_text(
        "2 events in 2 countries; 1 claim about 1 region or bloc; "
        "2012–2016 (10 without a stated year left out); all categories"
    )
    expect_rows(page, ["E002", "E014", "E015"])
    show_tab(page, "Map")
    expect_map_colours(page, PLACES, {"Iran": NO_REPORTS, "Argentina": NO_REPORTS})
    choose(page, "Categories", "Surveillance system (0)")  # counted under the other filters
    expect(summary_line(page)).to_have_text(
        "0 events; 2012–2016 (3 without a stated year left out); Surveillance system"
    )


def test_choices_stay_chosen_when_their_labels_change_and_the_next_click_counts(desktop, server):
    """A choice travels as its label, which a count or the language changes: each change keeps every choice,
    and the click after it (here a tab) is not lost."""
    page = open_app(desktop, f"{server}/?country=ECU&category=surveillance_system")
    page.get_by_test_id("stButtonGroup").locator("button").filter(has_text=re.compile("Partly")).click()
    settle(page)  # the category's count changes: Surveillance system (2) -> (1)
    page.get_by_role("radio", name="中文").click()
    settle(page)  # every label changes
    show_tab(page, "Table")
    expect(page).to_have_url(re.compile(r"[?&]tab=table(&|$)"))
    query = dict(part.split("=") for part in page.url.split("?")[1].split("&"))
    assert query == {
        "country": "ECU",
        "category": "surveillance_system",
        "verdict": "partly",
        "lang": "zh",
        "tab": "table",
    }


def test_csv_and_json_downloads_hold_the_rows_shown(desktop, server, package):
    page = open_app(desktop, f"{server}/?from=2010&to=2011&category=surveillance_system")
    expect_rows(page, ["E001", "E007"])
    ids, name, data = downloaded_ids(page)
    assert name == "reported-cooperation_2010-2011_surveillance_system.csv"
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark spreadsheets need for Chinese
    assert ids == table_ids(page) == ["E001", "E007"]
    passages = package["events"].set_index("event_id")["passage"]
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row["passage"] for row in rows] == list(passages[["E001", "E007"]])
    with page.expect_download() as download:
        page.get_by_role("button", name="Download JSON").click()
    assert download.value.suggested_filename == "reported-cooperation_2010-2011_surveillance_system.json"
    shown = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert ([e["event_id"] for e in shown["events"]], shown["count"]) == (["E001", "E007"], 2)


def test_downloads_in_chinese_are_the_golden_files_byte_for_byte(desktop, server):
    page = open_app(desktop, f"{server}/?country=ECU,IRN&lang=zh")
    expect_rows(page, ["E001", "E006", "E007"])
    for kind in ("csv", "json"):
        with page.expect_download() as download:
            page.get_by_role("button", name=f"下载 {kind.upper()}").click()
        assert download.value.suggested_filename == f"reported-cooperation_Ecuador-Iran.{kind}"
        assert download.value.path().read_bytes() == (GOLDEN / f"filtered.{kind}").read_bytes()


def test_the_url_restores_filters_and_country(desktop, server):
    page = open_app(desktop, server)
    click_country(page, "Iran", "IRN", PLACES["Iran"])
    move_thumb(page, "end", -2)  # 2016 -> 2014
    expect(page).to_have_url(re.compile("to=2014"))
    settle(page)
    expect(summary_line(page)).to_have_text(
        "Iran: 1 event; 2010–2014 (1 without a stated year left out); all categories"
    )
    shown = view_state(page)
    assert (shown["years"], shown["Countries"]) == (("2010", "2014"), ["Iran · 伊朗"])

    again = open_app(desktop, page.url)
    expect(again.get_by_role("heading", name="Iran", exact=True)).to_be_visible()
    expect(summary_line(again)).to_have_text(shown["summary"])
    assert view_state(again) == shown


def test_old_links_keep_working(desktop, server):
    page = open_app(desktop, f"{server}/?focus=IRN&confirmed=1")
    expect(page).to_have_url(re.compile(r"country=IRN&verdict=confirmed"))
    expect(page.get_by_role("heading", name="Iran", exact=True)).to_be_visible()
    expect(summary_line(page)).to_have_text(  # Iran has no confirmed event
        "Iran: 0 events; 2010–2016; all categories; independent reporting: Confirmed"
    )


def test_a_bad_links_notices_are_one_line_that_closes_and_reset_clears(reader, server, screenshots):
    page, viewport = reader
    page = open_app(page.context, f"{server}/?bogus=1&country=XXX&from=2030")
    line = page.get_by_text("3 link parts ignored or changed")
    expect(line).to_be_visible()
    screenshots.save(page, f"{viewport}-link-notices")
    legend = page.get_by_text("No reports in this dataset").first
    assert legend.bounding_box()["y"] + legend.bounding_box()["height"] <= page.viewport_size["height"]
    told = page.get_by_text('Ignored country "XXX": not a country in this dataset.')
    expect(told).to_be_hidden()
    line.click()  # its list opens
    expect(told).to_be_visible()
    page.get_by_role("button", name="✕").click()
    expect(line).to_have_count(0)
    settle(page)
    assert "bogus" not in page.url
    page = open_app(page.context, f"{server}/?bogus=1&country=XXX&from=2030")
    expect(page.get_by_text("3 link parts ignored or changed")).to_be_visible()
    if viewport == "phone":  # the sidebar starts closed
        page.get_by_test_id("stExpandSidebarButton").click()
    page.get_by_role("button", name="Reset filters").click()
    expect(page.get_by_text("3 link parts ignored or changed")).to_have_count(0)


def shown_view(page: Page, query: str, summary: str, countries: list[str], tab: str) -> None:
    """Waits until the page shows this view: its address, summary line, chosen countries and tab."""
    expect(page).to_have_url(re.compile(re.escape(f"{page.url.split('?')[0]}{query}") + "$"))
    settle(page)
    expect(summary_line(page)).to_have_text(summary)
    chips = multiselect(page, "Countries").locator("[data-tag]")
    expect(chips).to_have_count(len(countries))
    assert [chip.get_attribute("aria-label") for chip in chips.all()] == countries
    group = page.get_by_test_id("stMain").get_by_test_id("stButtonGroup")
    expect(group.locator("button").filter(has_text=re.compile(f"^{tab}$"))).to_have_attribute(
        "aria-checked", "true"
    )


def test_back_and_forward_walk_through_the_views_and_a_link_adds_no_entry(reader, server):
    page, _ = reader
    views = [
        (
            "",
            "8 events in 7 countries; 5 claims about 4 regions or blocs; 2 counted claims; 2010–2016 and 10 "
            "without a stated year; all categories",
            [],
            "Map",
        ),
        (
            "?verdict=partly",
            "6 events in 6 countries; 2 claims about 1 region or bloc; 2 counted claims; "
            "2010–2016 and 7 without a stated year; all categories; independent reporting: Partly confirmed",
            [],
            "Map",
        ),
        (
            "?country=IRN&verdict=partly",
            "Iran: 1 event; 2010–2016; all categories; independent reporting: Partly confirmed",
            ["Iran · 伊朗"],
            "Map",
        ),
        (
            "?country=IRN&verdict=partly&tab=timeline",
            "Iran: 1 event; 2010–2016; all categories; independent reporting: Partly confirmed",
            ["Iran · 伊朗"],
            "Timeline",
        ),
    ]
    changes = [
        lambda: page.get_by_role("button", name=re.compile(r"Partly confirmed \(10\)")).click(),
        lambda: type_and_enter(page, "Countries", "Iran"),
        lambda: show_tab(page, "Timeline"),
    ]
    shown_view(page, *views[0])
    entries = page.evaluate("history.length")
    for change, view in zip(changes, views[1:], strict=True):
        change()
        shown_view(page, *view)  # its address in place before the next change or Back
    assert page.evaluate("history.length") == entries + 3  # one per change
    for view in reversed(views[:-1]):
        page.go_back(wait_until="commit")
        shown_view(page, *view)
    for view in views[1:3]:
        page.go_forward(wait_until="commit")
        shown_view(page, *view)
    assert page.evaluate("history.length") == entries + 3  # none added by going back and forward

    # An old link is put in place of the address, not after it: one Back leaves the page.
    page.goto("about:blank")
    page.goto(f"{server}/?focus=IRN&confirmed=1&tab=timeline")
    shown_view(
        page,
        "?country=IRN&verdict=confirmed&tab=timeline",
        "Iran: 0 events; 2010–2016; all categories; independent reporting: Confirmed",
        ["Iran · 伊朗"],
        "Timeline",
    )
    page.go_back()
    assert page.url == "about:blank"


def test_no_event_passage_or_source_id_in_the_reading_path(reader, server, package):
    """Cards, panels, the table's opened event, sources and tooltips speak in words; links keep the codes."""
    page, _ = reader
    ids = {
        *package["events"]["event_id"],
        *package["event_passages"]["passage_id"],
        *package["corroborations"]["corroboration_id"],
        *package["sources"]["source_id"],
    }
    for query in ("", "?lang=zh", "?country=IRN,KGZ", "?lang=zh&country=ECU", "?event=E007"):
        view = open_app(page.context, f"{server}/{query}")
        read = [view.locator("body").inner_text()]
        if query in ("", "?lang=zh"):  # the world in view: Iran where the first view draws it
            hover_for_tooltip(view, map_point(view, PLACES["Iran"]), "伊朗" if query else "Iran")
            read.append(tooltip(view).inner_text())
        said = re.sub(r"https?://\S+", "", "\n".join(read))  # a link holds the view's codes, as it must
        named = [code for code in sorted(ids) if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", said)]
        assert named == [], query
        view.close()


def test_phone_screen_keeps_map_filters_and_drill_down_usable(browser, traffic, server, screenshots):
    context = new_context(browser, traffic, PHONE)
    try:
        page = open_app(context, server)
        expect_map_colours(page, PLACES, FIRST_VIEW)
        box = map_canvas(page).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert horizontal_overflow(page) == {"page": 0, "main": 0}
        screenshots.save(page, "phone-first-view")
        click_country(page, "Iran", "IRN", PLACES["Iran"])
        heading = page.get_by_role("heading", name="Iran", exact=True)
        expect(heading).to_be_visible()
        expect(page.locator("mark").first).to_be_visible()
        assert horizontal_overflow(page) == {"page": 0, "main": 0}
        heading.scroll_into_view_if_needed()
        screenshots.save(page, "phone-drill-down")
    finally:
        context.close()


@pytest.fixture(scope="module")
def axe(chromium, tmp_path_factory) -> str:
    return axe_source(tmp_path_factory.mktemp("axe"))


AXE_RUN = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(
    v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))"""


@pytest.mark.parametrize(
    "query", ["?focus=IRN", "?lang=zh&focus=KGZ&sourceyears=1", "?event=E007", "?tab=timeline&focus=IRN"]
)
def test_no_serious_or_critical_accessibility_violations(desktop, server, axe, query):
    page = open_app(desktop, f"{server}/{query}")
    expect(page.locator("mark").first).to_be_visible()
    page.add_script_tag(content=axe)
    violations = page.evaluate(AXE_RUN)
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []


def tab_to(page: Page, target) -> None:
    """Presses Tab, and only Tab, until target has the keyboard focus."""
    for _ in range(400):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target}")


def test_keyboard_alone_changes_a_filter_opens_a_country_and_downloads(desktop, server):
    page = open_app(desktop, server)
    tab_to(page, page.get_by_role("button", name=re.compile(r"Confirmed \(3\)$")))
    page.keyboard.press("Enter")
    settle(page)
    expect(summary_line(page)).to_contain_text("; all categories; independent reporting: Confirmed")

    tab_to(page, page.get_by_role("combobox", name="Countries"))
    page.keyboard.type("Kyrgyzstan")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settle(page)
    expect(page.get_by_role("heading", name="Kyrgyzstan", exact=True)).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()

    tab_to(page, page.get_by_role("button", name="Download CSV"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert [row["event_id"] for row in rows] == ["E014", "E015"]
    assert download.value.suggested_filename == "reported-cooperation_Kyrgyzstan_confirmed.csv"


def test_the_maps_library_and_files_are_fetched_once_as_the_page_starts(desktop, server):
    """The page's response names them, so the browser fetches them beside Streamlit's own files; the
    map then uses those answers and asks for none of them again."""
    page = desktop.new_page()
    response = page.goto(server)
    named = re.findall(r"<([^>]+)>; rel=preload", response.headers.get("link", ""))
    assert sorted(named) == sorted([*LIBRARY, GLOBE_URL, COUNTRIES_URL, BORDERS_URL])
    wait_drawn(page)
    fetched = page.evaluate(
        "() => performance.getEntriesByType('resource').map(e => [new URL(e.name).pathname, e.initiatorType])"
    )
    for url in named:
        assert [kind for path, kind in fetched if path == f"/{url}"] == ["link"], url
    table_first = desktop.new_page().goto(f"{server}/?tab=table")
    assert "link" not in table_first.headers  # a page that opens on its table needs no map


def test_every_request_stays_on_this_machine_and_no_errors(desktop, server, traffic):
    """Runs last, over the traffic of the whole module; it loads a page itself so it never checks nothing."""
    page = open_app(desktop, f"{server}/?focus=IRN")
    expect(page.get_by_role("heading", name="Iran", exact=True)).to_be_visible()
    assert any(url.endswith("/_stcore/stream") for url in traffic.urls)
    assert any(url.endswith("/app/static/countries-equal-earth.geojson") for url in traffic.urls)
    assert [url for url in traffic.urls if not is_local(url)] == []
    assert traffic.console_errors == []
    assert traffic.page_errors == []


def test_figures_download_and_a_copied_link_opens_the_same_view(browser, traffic, server):
    context = browser.new_context(
        viewport=DESKTOP, accept_downloads=True, permissions=["clipboard-read", "clipboard-write"]
    )
    context.set_default_timeout(WAIT_S * 1000)
    traffic.watch(context)
    try:
        page = open_app(context, f"{server}/?country=IRN&lang=zh")
        page.get_by_role("button", name="图表").click()
        files = {}
        for kind, label in (("map", "地图"), ("timeline", "时间线")):
            for form in ("svg", "png"):
                with page.expect_download() as download:
                    page.get_by_role("button", name=f"{label}（{form.upper()}）").click()
                assert download.value.suggested_filename == f"reported-cooperation-{kind}_Iran.{form}"
                files[kind, form] = download.value.path().read_bytes()
        for kind, title in (
            ("map", "已报道的安全合作：各国已报道事件"),
            ("timeline", "已报道的安全合作：各年已报道事件"),
        ):
            svg = ET.fromstring(files[kind, "svg"])
            assert title in ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]
            image = Image.open(io.BytesIO(files[kind, "png"])).convert("RGB")
            assert image.size == (2 * int(svg.get("width")), 2 * int(svg.get("height")))
            colours = {colour: n for n, colour in image.getcolors(maxcolors=1 << 24)}
            assert colours.get(rgb(RAMP[-1]), 0) > 2000, kind  # Iran on the map, its bars on the timeline
        page.keyboard.press("Escape")

        copy_link = page.locator("button[data-copies=link]")
        copy_link.click()
        expect(copy_link).to_have_text("已复制 ✓")
        link = page.evaluate("navigator.clipboard.readText()")
        assert link == page.url == f"{server}/?country=IRN&lang=zh"
        page.locator("button[data-copies=citation]").click()
        citation = page.evaluate("navigator.clipboard.readText()")
        assert (
            citation.startswith("已报道的安全合作（版本 0.4.1）[数据集]。视图：伊朗：2 起事件")
            and link in citation
        )

        again = open_app(context, link)  # a colleague opens the link
        expect(again.get_by_role("heading", name="伊朗", exact=True)).to_be_visible()
        expect(summary_line(again)).to_have_text("伊朗：2 起事件；2010–2016，另有 1 起未注明年份；全部类别")
        expect(again).to_have_url(link)  # the view keeps every part of its link
        expect(again.get_by_role("button", name="Remove 伊朗 · Iran")).to_be_visible()
    finally:
        context.close()


def test_the_csv_has_the_same_header_in_english_and_chinese(desktop, server):
    headers = []
    for query, label in (("?country=IRN", "Download CSV"), ("?country=IRN&lang=zh", "下载 CSV")):
        page = open_app(desktop, f"{server}/{query}")
        with page.expect_download() as download:
            page.get_by_role("button", name=label).click()
        headers.append(download.value.path().read_bytes().decode("utf-8-sig").splitlines()[0])
    assert headers[0] == headers[1] == ",".join(EXPORT_COLUMNS)
