"""The dashboard in Debian's chromium: the map draws, clicks drill down, filters, downloads, links, phones.

What users see exists only in a browser: the WebGL map, a click on a country, the file that
lands in their downloads, every request the page makes. One server and one browser serve the
whole module; each test opens its own page.
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from data import export, permalink
from data.corroboration import with_status
from data.filters import Filters, apply, summary
from geo.palette import NO_REPORTS, OCEAN, RAMP, colour_for, count_classes
from tests.browser import (
    CHROMIUM_ARGS,
    WAIT_S,
    Screenshots,
    Server,
    Traffic,
    axe_source,
    choose,
    chromium_or_skip,
    click_country,
    expect_map_colours,
    horizontal_overflow,
    is_local,
    map_canvas,
    move_thumb,
    open_app,
    settle,
    table,
    table_ids,
    view_state,
)
from tests.browser import summary as summary_line

# Places to probe and click: inside each country, far from its borders.
PLACES = {
    "Iran": (54, 32),
    "Argentina": (-65, -35),
    "Brazil": (-52, -10),
    "ocean": (-30, 0),
}
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
SURVEILLANCE = "Surveillance system"
# Iran has the most events (2), Argentina one, Brazil none.
FIRST_VIEW = {"Iran": RAMP[-1], "Argentina": RAMP[0], "Brazil": NO_REPORTS, "ocean": OCEAN}
ONE_CLASS = colour_for(1, count_classes(1))


@pytest.fixture(scope="module")
def chromium() -> str:
    return chromium_or_skip()


@pytest.fixture(scope="module")
def server(chromium, tmp_path_factory):
    app = Server(tmp_path_factory.mktemp("streamlit") / "server.log")
    try:
        app.wait_healthy()
        yield app.url
    finally:
        app.stop()


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


def new_context(browser: Browser, traffic: Traffic, viewport: dict):
    context = browser.new_context(viewport=viewport, accept_downloads=True)
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


@pytest.fixture(scope="module")
def labels(package) -> dict[str, str]:
    categories = package["categories"]
    return dict(zip(categories["category_id"], categories["label_en"], strict=True))


@pytest.fixture
def expected(package, labels):
    """The event ids and summary line the app must show for some filters, by the project's functions."""

    events = with_status(package["events"], package["corroborations"])

    def for_filters(filters: Filters) -> tuple[list[str], str]:
        selected = apply(events, package["group_members"], filters)
        return list(selected["event_id"]), summary(selected, filters, events, labels)

    return for_filters


def expect_view(page: Page, filters: Filters, expected) -> None:
    """Waits for the summary and the table to show these filters; the grid redraws after the script ends."""
    ids, line = expected(filters)
    expect(summary_line(page)).to_have_text(line)
    expect(table(page)).to_have_attribute("aria-rowcount", str(len(ids) + 1))
    settle(page)


def test_map_draws_countries_legend_and_summary(desktop, server, screenshots, expected):
    page = open_app(desktop, server)
    expect_map_colours(page, PLACES, FIRST_VIEW)
    expect(summary_line(page)).to_have_text(expected(Filters())[1])
    for label in ("1 reported event", "2 reported events", "No reports in this dataset"):
        expect(page.get_by_test_id("stMain").get_by_text(label, exact=True)).to_be_visible()
    screenshots.save(page, "first-view")


def passages(package, iso3: str) -> list[str]:
    """The verbatim source passages of a country's own events."""
    events = package["events"]
    return list(events.loc[events["country_iso3"] == iso3, "passage"])


def test_clicking_countries_opens_and_switches_their_panel(desktop, server, screenshots, package):
    page = open_app(desktop, server)
    focus = page.get_by_role("combobox", name="Country (type to search, in English or Chinese)")
    for name, iso3, other in (("Iran", "IRN", "ARG"), ("Argentina", "ARG", "IRN")):
        click_country(page, name, iso3, PLACES[name])
        expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
        for passage in passages(package, iso3):
            expect(page.locator("mark").filter(has_text=passage)).to_have_text(passage)
        for passage in passages(package, other):
            expect(page.locator("mark").filter(has_text=passage)).to_have_count(0)
        expect(focus).to_have_value(re.compile(f"^{name} · "))
        if iso3 == "IRN":
            screenshots.save(page, "drill-down")


def test_year_range_and_category_change_summary_table_and_map(desktop, server, expected):
    page = open_app(desktop, server)
    move_thumb(page, "start", 2)  # 2010 -> 2012: Iran's 2010 event goes, leaving one per country
    expect_view(page, Filters(years=(2012, 2016)), expected)
    expect_map_colours(page, PLACES, {"Iran": ONE_CLASS, "Argentina": ONE_CLASS})

    choose(page, "Categories", SURVEILLANCE)
    filters = Filters(years=(2012, 2016), categories=("surveillance_system",))
    expect_view(page, filters, expected)
    assert table_ids(page) == expected(filters)[0]
    expect_map_colours(page, PLACES, {"Iran": ONE_CLASS, "Argentina": NO_REPORTS})


def test_csv_download_holds_the_rows_shown(desktop, server, expected, package):
    page = open_app(desktop, f"{server}/?from=2010&to=2011")
    choose(page, "Categories", SURVEILLANCE)
    filters = Filters(years=(2010, 2011), categories=("surveillance_system",))
    expect_view(page, filters, expected)
    ids = expected(filters)[0]
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    data = download.value.path().read_bytes()

    assert download.value.suggested_filename == export.file_name(filters, "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark spreadsheets need for Chinese
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row["event_id"] for row in rows] == table_ids(page) == ids
    passages = package["events"].set_index("event_id")["passage"]
    assert [row["passage"] for row in rows] == list(passages[ids])
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell.startswith(export.FORMULA_STARTS)]


def test_the_url_restores_filters_and_country(desktop, server, expected):
    page = open_app(desktop, server)
    click_country(page, "Iran", "IRN", PLACES["Iran"])
    move_thumb(page, "end", -2)  # 2016 -> 2014
    expect(page).to_have_url(re.compile("to=2014"))
    settle(page)
    choose(page, "Categories", SURVEILLANCE)
    filters = Filters(years=(2010, 2014), categories=("surveillance_system",))
    expect_view(page, filters, expected)
    assert dict(parse_qsl(urlsplit(page.url).query)) == permalink.encode(filters, "IRN")
    shown = view_state(page)
    assert (shown["years"], shown["Categories"], shown["focus"]) == (
        ("2010", "2014"),
        [SURVEILLANCE],
        "Iran · 伊朗",
    )

    again = open_app(desktop, page.url)
    expect(again.get_by_role("heading", name="Iran", exact=True)).to_be_visible()
    expect_view(again, filters, expected)
    assert view_state(again) == shown


def test_phone_screen_keeps_map_filters_and_drill_down_usable(
    browser, traffic, server, expected, screenshots
):
    context = new_context(browser, traffic, PHONE)
    try:
        page = open_app(context, server)
        expect_map_colours(page, PLACES, FIRST_VIEW)
        box = map_canvas(page).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert horizontal_overflow(page) == {"page": 0, "main": 0}

        page.get_by_test_id("stExpandSidebarButton").click()
        choose(page, "Categories", SURVEILLANCE)
        expect(summary_line(page)).to_have_text(expected(Filters(categories=("surveillance_system",)))[1])
        page.get_by_test_id("stSidebarCollapseButton").click()

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


@pytest.mark.parametrize("query", ["?focus=IRN", "?lang=zh&focus=KGZ&sourceyears=1"])
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


def test_keyboard_alone_changes_a_filter_opens_a_country_and_downloads(desktop, server, expected):
    page = open_app(desktop, server)
    tab_to(page, page.get_by_role("checkbox", name="Only events confirmed by independent reporting"))
    page.keyboard.press("Space")
    settle(page)
    expect(summary_line(page)).to_contain_text("confirmed by independent reporting only")

    tab_to(page, page.get_by_role("combobox", name="Country (type to search, in English or Chinese)"))
    page.keyboard.type("Ecuador")
    page.keyboard.press("Enter")
    settle(page)
    expect(page.get_by_role("heading", name="Ecuador", exact=True)).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()

    tab_to(page, page.get_by_role("button", name="Download CSV"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert [row["event_id"] for row in rows] == expected(Filters(confirmed_only=True))[0]


def test_every_request_stays_on_this_machine_and_no_errors(desktop, server, traffic):
    """Runs last, over the traffic of the whole module; it loads a page itself so it never checks nothing."""
    page = open_app(desktop, f"{server}/?focus=IRN")
    expect(page.get_by_role("heading", name="Iran", exact=True)).to_be_visible()
    assert any(url.endswith("/_stcore/stream") for url in traffic.urls)
    assert any(url.endswith("/app/static/countries.geojson") for url in traffic.urls)
    assert [url for url in traffic.urls if not is_local(url)] == []
    assert traffic.console_errors == []
    assert traffic.page_errors == []
