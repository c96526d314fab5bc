"""Faults while readers are connected: the package edited on disk, the server restarted, a download cut."""

from __future__ import annotations

import json
import socket
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

from coopmap.app import loading
from tests.support.app import run, show
from tests.support.browser import (
    CHROMIUM_ARGS,
    WAIT_S,
    chromium_or_skip,
    click_country,
    open_app,
    settle,
    started,
    summary,
    table_ids,
)


@pytest.fixture
def served_copy(data_copy, monkeypatch, tmp_path):
    """The page on a copy of data/ that the test edits while the session is open."""
    monkeypatch.setenv("DASHBOARD_DATA", str(data_copy.root))
    monkeypatch.setenv("COOPMAP_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(loading, "CHECK_EVERY", 0.0)
    return data_copy


def rows_shown(at) -> int:
    return len(show(at, "table").dataframe[0].value)


def test_an_edit_on_disk_reaches_an_open_session_at_its_next_rerun(served_copy):
    at = run()
    assert rows_shown(at) == 15
    served_copy.delete("events.csv", "E015")
    corroborations = served_copy.rows("corroborations.csv")
    served_copy.write("corroborations.csv", [r for r in corroborations if r["event_id"] != "E015"])
    at.run()
    assert not at.exception and not at.warning
    assert rows_shown(at) == 14


def test_an_invalid_edit_is_refused_and_the_session_keeps_the_valid_version(served_copy):
    at = run(country="IRN")
    shown = rows_shown(at)
    served_copy.change("events.csv", "E007", year="twenty")
    at.run()
    assert rows_shown(at) == shown < 15  # the view and the valid version are kept
    assert [w.value for w in at.warning] == [
        "The data package changed on disk, and the change is refused: it has 1 problem, listed below. "
        "This page still shows the version that was valid: version 0.4.1."
    ]
    assert "events.csv, row 8, field year: type-error: 'twenty'" in at.expander[0].code[0].value
    served_copy.change("events.csv", "E007", year="2010")
    at.run()
    assert not at.warning and rows_shown(at) == shown


def test_a_live_edit_that_once_took_the_page_down_is_refused_and_readers_keep_the_valid_version(served_copy):
    """The descriptor declares year a string and a year is a word: valid by the package's own schema, which
    the validator no longer reads by, and a traceback for every reader before."""
    at = run(country="IRN")
    shown = rows_shown(at)
    desc = json.loads((served_copy.root / "datapackage.json").read_text(encoding="utf-8"))
    year = next(f for f in desc["resources"][0]["schema"]["fields"] if f["name"] == "year")
    year.update(type="string", constraints={})
    (served_copy.root / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    served_copy.change("events.csv", "E007", year="twenty")
    at.run()
    assert not at.exception and rows_shown(at) == shown
    assert [w.value for w in at.warning] == [
        "The data package changed on disk, and the change is refused: it has 2 problems, listed below. "
        "This page still shows the version that was valid: version 0.4.1."
    ]
    assert at.expander[0].code[0].value.replace(f"{served_copy.root}/", "") == (
        "datapackage.json, field resources.events.schema.fields.year.type: 'string', where this project's "
        "schema has 'integer'\n"
        "datapackage.json, field resources.events.schema.fields.year.constraints: {}, where this project's "
        'schema has {"minimum": 1900, "maximum": 2100}'
    )


def test_a_version_that_cannot_be_read_after_validation_is_refused_not_a_traceback(served_copy, monkeypatch):
    """The net under the validator: whatever fails while a valid package is read becomes a problem."""
    at = run(country="IRN")
    shown = rows_shown(at)

    def broken(root):
        raise KeyError("sources")

    monkeypatch.setattr(loading, "load", broken)
    served_copy.change("events.csv", "E007", notes_en="Edited.", notes_zh="已编辑。")
    at.run()
    assert not at.exception and rows_shown(at) == shown
    assert at.expander[0].code[0].value == f"{served_copy.root}: cannot be loaded: KeyError: 'sources'"
    fresh = run()  # a reader arriving now gets the valid version too
    assert not fresh.exception and rows_shown(fresh) == 15


browser_test = pytest.mark.browser
ARGENTINA = (-65, -35)  # lon, lat: inside it at the first view's scale


@pytest.fixture(scope="module")
def browser():
    chromium = chromium_or_skip()
    expect.set_options(timeout=WAIT_S * 1000)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@contextmanager
def restarted(browser, tmp_path: Path, queries: tuple[str, ...]):
    """Pages open on each query, read, then the server restarted under them on the same port; yields
    each page with its address, summary line and table rows (on its table's tab) from before, once its
    socket is open again."""
    app = started(tmp_path / "first.log")
    # Each reader in a window of their own: a background tab's timers are slowed down.
    contexts = {query: browser.new_context(viewport={"width": 1440, "height": 900}) for query in queries}
    opened: dict[str, list[str]] = {query: [] for query in queries}  # sockets opened after the restart
    try:
        pages = {query: open_app(contexts[query], f"{app.url}/{query}") for query in queries}
        before = {
            query: (page.url, summary(page).inner_text(), "tab=table" in query and table_ids(page))
            for query, page in pages.items()
        }
        for query, page in pages.items():
            page.on("websocket", lambda socket, query=query: opened[query].append(socket.url))
        app.stop()
        app = started(tmp_path / "second.log", port=app.port)
        for query, page in pages.items():
            for _ in range(WAIT_S * 5):  # the page retries on its own, as Streamlit's frontend does
                if opened[query]:
                    break
                page.wait_for_timeout(200)
            assert opened[query], "the page did not reconnect"
        yield {query: (pages[query], *before[query]) for query in queries}
    finally:
        for context in contexts.values():
            context.close()
        app.stop()


def other_language(query: str) -> tuple[str, str]:
    return ("中文", "English") if "lang=zh" in query else ("English", "中文")


@browser_test
def test_pages_open_through_a_server_restart_take_their_first_tap_on_their_own_views(browser, tmp_path):
    """A page open while the server restarts wakes a new session with the reader's first tap: that tap
    counts, on the view the page showed (its rows, its address but for the language tapped), and so does
    a click on the map, whose event the new session has no callback for yet."""
    queries = ("?country=IRN&lang=zh&tab=table", "?q=police&tab=table", "?lang=zh")  # tables: rows to read
    with restarted(browser, tmp_path, queries) as pages:
        for query, (page, url, line, ids) in pages.items():
            if query == "?lang=zh":  # the hover asks nothing of the server: the click is the first message
                click_country(page, "阿根廷", "ARG", ARGENTINA)  # once: a lost click must fail here
                expect(page.get_by_role("heading", name="阿根廷", exact=True)).to_be_visible()
                assert page.url.endswith("/?country=ARG&lang=zh")
                continue
            other = other_language(query)[1]
            page.get_by_role("radio", name=other).click()  # once: a lost tap must fail here
            expect(page.get_by_role("radio", name=other)).to_be_checked()
            expect(summary(page)).not_to_have_text(line)
            expect(page).not_to_have_url(url)
            settle(page)
            assert table_ids(page) == ids
            assert set(url.split("?")[1].split("&")) ^ set(page.url.split("?")[1].split("&")) == {"lang=zh"}


@browser_test
def test_a_download_cut_mid_stream_leaves_the_server_serving(browser, tmp_path):
    app = started(tmp_path / "server.log")
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    try:
        page = open_app(context, app.url + "/?country=IRN")
        with page.expect_download() as download:
            page.get_by_role("button", name="Download CSV").click()
        whole = download.value.path().read_bytes()
        where = urlsplit(download.value.url)
        for linger in (False, True) * 10:  # closed after a few bytes, politely or with a reset
            with socket.create_connection((where.hostname, where.port), timeout=10) as cut:
                if linger:
                    cut.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
                cut.sendall(f"GET {where.path} HTTP/1.1\r\nHost: {where.netloc}\r\n\r\n".encode())
                assert cut.recv(64).startswith(b"HTTP/1.1 200")
        with urllib.request.urlopen(app.url + "/_stcore/health", timeout=10) as health:
            assert health.read() == b"ok"
        with page.expect_download() as again:
            page.get_by_role("button", name="Download CSV").click()
        assert again.value.path().read_bytes() == whole and b"E007" in whole
    finally:
        context.close()
        app.stop()


def test_what_a_reader_sets_as_the_package_changes_is_kept(served_copy):
    at = run(country="IRN")
    served_copy.change(
        "events.csv", "E007", summary_en="The article reports, as edited, that ZTE signed a deal."
    )
    at.text_input(key="search").input("as edited").run()  # the run that finds the new version
    assert not at.exception and rows_shown(at) == 1
    assert (at.query_params["q"], at.query_params["country"]) == ("as edited", "IRN")
