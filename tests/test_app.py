"""The Streamlit app on the real data package, driven through AppTest (no browser): the wiring of the page.
What a view shows is its plan, tested without Streamlit in tests/test_page.py; here, that the page draws the
plan, and what widgets, clicks, links, Back and Forward, and packages on disk do to the view."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from itertools import islice, product
from string import ascii_uppercase

import pytest
from streamlit.testing.v1 import AppTest

from coopmap.app import loading, state
from coopmap.app.page import plan, read_link
from coopmap.paging import PANEL_CARDS, TABLE_ROWS, page
from coopmap.paths import DATA_DIR, GEOJSON
from coopmap.ui import markup, words
from coopmap.ui.chart import chart
from coopmap.ui.markup import literal
from coopmap.ui.palette import CONTEXT, rgba
from coopmap.ui.projection import to_plane
from tests.support.app import APP, address, cards, component_names, fire, link_notices, run, show
from tests.support.deck import fills

SHAPE_NAMES = {
    f["properties"]["iso3"]: f["properties"]["name"] for f in json.loads(GEOJSON.read_text())["features"]
}


@pytest.fixture
def app() -> AppTest:
    return run()


def summary(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**")).strip("*").replace("\\", "")


def table_ids(at: AppTest, column: str = "Event") -> list[str]:
    return list(show(at, "table").dataframe[0].value[column])


def map_data(at: AppTest) -> dict:
    """What the map component was given: its deck, tooltips and camera request."""
    maps = [c for c in show(at, "map").get("bidi_component") if c.proto.component_name == "coopmap_map"]
    return json.loads(maps[0].proto.json)


def map_bytes(at: AppTest) -> int:
    """The map element's size as the server sends it (before the websocket's compression)."""
    maps = [c for c in show(at, "map").get("bidi_component") if c.proto.component_name == "coopmap_map"]
    return len(maps[0].proto.SerializeToString())


def deck(at: AppTest) -> dict:
    return map_data(at)["deck"]


def reported(at: AppTest) -> list[str]:
    """The countries shaded for claims of their own (group members shown as context are grey)."""
    return sorted(code for code, colour in fills(deck(at)).items() if colour != rgba(CONTEXT))


def test_the_first_run_draws_the_map_at_once_and_it_fits_itself():
    """No width probe and no second run: the component fits the world to its element in the browser."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception and table_ids(at) == [f"E{n:03d}" for n in range(1, 16)]
    camera = map_data(at)["camera"]
    assert camera["focus"] is None and camera["resets"] == 0 and camera["world"][0] < 0 < camera["world"][2]


def test_a_rerun_sends_the_map_well_under_20_kb(app):
    """Shapes stay in the static file: a rerun carries colours, texts, rings and the camera's request."""
    sizes = [map_bytes(app)]
    app.segmented_control(key="lang").set_value("zh").run()
    sizes.append(map_bytes(app))
    assert len(sizes) == 2 and max(sizes) < 20_000, sizes


def test_a_widget_is_set_again_only_when_its_labels_change(app):
    """Else its message is the last run's, which the browser keeps: the server sends a reference to it."""

    def countries() -> bytes:
        return app.multiselect(key="countries").proto

    app.multiselect(key="countries").set_value(["IRN"]).run()
    before = countries().SerializeToString()
    app.slider(key="years").set_value((2012, 2014)).run()
    assert countries().SerializeToString() == before and not countries().set_value
    app.segmented_control(key="lang").set_value("zh").run()
    assert countries().set_value and list(countries().raw_values) == ["伊朗 · Iran"]
    app.slider(key="years").set_value((2010, 2016)).run()
    assert not countries().set_value and app.multiselect(key="countries").value == ["IRN"]


def test_each_tab_draws_the_plan_of_its_view():
    """The page draws the fields of plan() for the view it shows (tests/test_page.py tests the plan): the
    frame, each tab's own part, the panel and its cards, the sidebar's options, the files and the citation."""
    loaded = loading.loaded(DATA_DIR)
    link = {"country": "KGZ", "event": "E014"}
    at = run(**link)
    for tab in ("map", "timeline", "table"):
        show(at, tab)
        view, _ = read_link(loaded, {**link, "tab": tab})
        shown = plan(loaded, view, now=datetime.now(UTC))  # AppTest's page has no browser address or zone
        markdown = [m.value for m in at.main.markdown]
        captions = [c.value for c in at.main.caption]
        bodies = [h.proto.body for h in at.get("html")]
        assert [t.value for t in at.title] == [shown.title]
        assert captions[0] == literal(shown.description)
        assert f"**{literal(shown.summary)}**" in markdown and shown.to_panel in markdown
        assert literal(shown.footer) in captions
        opened = [shown.open_card] if tab == "table" else []
        assert [h.value for h in at.main.header] == [
            *(s.heading for s in shown.sections if s.level == "header"),
            shown.words("cite.header"),
        ]
        assert [h.value for h in at.main.subheader] == [
            *(words.event_heading(card, "en") for card in opened),
            *(s.heading for s in shown.sections if s.level == "subheader"),
        ]
        listed = [
            markup.card(shown.card(s.ids[n]), s.includes[n] if s.includes else "", "en")
            for s in shown.sections
            for n in range(min(len(s.ids), PANEL_CARDS))  # a list's first page
        ]
        assert cards(at) == [markup.card(card, "", "en") for card in opened] + listed
        assert shown.source_entries(page(len(shown.ready.cited_sources), 1, PANEL_CARDS)) in bodies
        assert shown.licences in markdown and [t.value for t in at.text] == [shown.citation]
        files = (*shown.tables(), *shown.figures())
        assert [b.proto.label for b in at.get("download_button")] == [f.label for f in files]
        for key in ("categories", "actors", "scopes"):
            assert at.multiselect(key=key).options == list(shown.options(key).values())
        assert at.multiselect(key="categories").help == shown.category_help
        assert at.multiselect(key="countries").options == list(shown.countries.values())
        pills = at.button_group(key="verdicts").proto.options
        assert [f"{o.content_icon} {o.content}".strip() for o in pills] == list(
            shown.options("verdicts").values()
        )
        if tab == "map":
            assert map_data(at) == json.loads(json.dumps(shown.map_data()))
            named = [c for c in at.get("bidi_component") if c.proto.component_name == "coopmap_map_names"]
            assert json.loads(named[0].proto.json) == shown.map_names
            assert shown.legend in bodies and literal(shown.map_words) in captions
        elif tab == "timeline":
            spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
            assert spec["layer"] == chart(shown.year_bars(), shown.span, "en")[1]["layer"]
        else:
            rows = page(len(shown.selected), 1, TABLE_ROWS)
            assert shown.above_table(rows) in markdown
            assert at.dataframe[0].value.equals(shown.table_page(rows))


def test_a_map_click_chooses_the_country_and_keeps_the_layers(app):
    ids = [lay["id"] for lay in deck(app)["layers"]]
    assert ids == ["countries", "borders", "dots", "rings", "selected"]
    fire(app, "coopmap_map", "country", None)  # a click on the sea chooses nothing
    assert "Argentina" not in [h.value for h in app.header] and "country" not in app.query_params
    fire(app, "coopmap_map", "country", "ARG")  # the map's own event, as the browser sends it
    assert [lay["id"] for lay in deck(app)["layers"]] == ids
    assert app.header[0].value == "Argentina" and app.query_params["country"] == "ARG"
    west, south, east, north = map_data(app)["camera"]["focus"]
    assert (
        west < to_plane(-65, -35)[0] < east and south < to_plane(-65, -35)[1] < north
    )  # zoomed to Argentina


def test_choosing_a_country_opens_its_panel_and_writes_it_in_the_url(app):
    app.multiselect(key="countries").set_value(["IRN"]).run()
    assert app.header[0].value == "Iran"  # one way to a country: the filter opens its panel
    assert dict(app.query_params) == {"country": "IRN"}


def test_narrowing_the_years_unticks_undated_events_and_their_button_brings_them_back(app):
    app.slider(key="years").set_value((2010, 2011)).run()
    assert app.checkbox(key="undated").value is False
    assert [c.value for c in app.caption if c.value.startswith("+10")] == [
        "+10 events without a stated year are not shown: the years above are those the article states."
    ]
    assert (app.query_params["from"], app.query_params["to"]) == ("2010", "2011")
    assert "undated" not in app.query_params
    app.button(key="show_undated").click().run()
    assert app.checkbox(key="undated").value is True
    assert dict(app.query_params) == {"from": "2010", "to": "2011", "undated": "1"}


def test_unticking_undated_events_writes_it_in_the_url(app):
    app.checkbox(key="undated").uncheck().run()
    assert dict(app.query_params) == {"undated": "0"}


def test_the_group_layer_toggle_is_kept_by_the_link_both_ways(app):
    app.toggle(key="show_groups").set_value(False).run()
    assert dict(app.query_params) == {"groups": "0"}
    assert run(groups="0").toggle(key="show_groups").value is False


def test_a_link_fills_every_widget():
    at = run(country="IRN,ECU", **{"from": "2010", "to": "2011"}, verdict="partly", q="ZTE", event="E007")
    assert at.multiselect(key="countries").value == ["ECU", "IRN"]
    assert at.slider(key="years").value == (2010, 2011)
    assert at.checkbox(key="undated").value is False
    assert at.button_group(key="verdicts").value == ["partly"]
    assert at.text_input(key="search").value == "ZTE"
    assert at.session_state["event"] == "E007"


def test_back_shows_the_view_returned_to_and_writes_no_new_address():
    at = run(focus="IRN")
    assert address(at) == {"country": "IRN"}  # the old link's address, put in place of it
    at.button_group(key="verdicts").set_value(["partly"]).run()
    show(at, "timeline")
    assert dict(at.query_params) == address(at) == {"country": "IRN", "verdict": "partly", "tab": "timeline"}
    view, _ = state.from_url(
        {"country": ["IRN"]},
        countries=SHAPE_NAMES,
        categories=(),
        actors=(),
        span=(2010, 2016),
        events=(),
    )
    state.returned(at.session_state, view, (2010, 2016))  # what the page does as Back reaches ?country=IRN
    at.run()
    assert summary(at) == "Iran: 2 events; 2010–2016 and 1 without a stated year; all categories"
    assert at.session_state["tab"] == "map" and at.button_group(key="verdicts").value == []
    # The address Back reached is left as it is: nothing pushed, nothing put in its place.
    assert dict(at.query_params) == address(at) == {"country": "IRN", "verdict": "partly", "tab": "timeline"}


def test_an_old_link_fills_the_widgets_and_its_address_is_replaced_by_its_new_form():
    at = run(focus="KGZ", confirmed="1")
    assert at.multiselect(key="countries").value == ["KGZ"]
    assert at.button_group(key="verdicts").value == ["confirmed"]
    assert address(at) == {"country": "KGZ", "verdict": "confirmed"}


def test_a_links_notices_are_one_line_that_dismiss_and_reset_clear_for_good():
    at = run(country="XXX")  # one notice: itself, beside its close button
    assert link_notices(at) == ['Ignored country "XXX": not a country in this dataset.'] and at.warning
    at.button(key="dismiss_notices").click().run()
    assert not at.warning and "dismiss_notices" not in [b.key for b in at.button]
    at = run(bogus="1", focus="ZZ", lang="fr", tab="x")  # several: one line, its list a click away
    assert not at.warning and [e.label.replace("\\", "") for e in at.expander if e.label.startswith("⚠️")] == [
        "⚠️ 4 link parts ignored or changed"
    ]
    assert link_notices(at) == [
        'Ignored unknown parameter "bogus".',
        'Ignored country "ZZ": not a country code.',
        'Ignored lang "fr": use en or zh.',
        'Ignored tab "x": use one of map, timeline, table.',
    ]
    next(b for b in at.sidebar.button if b.label == "Reset filters").click().run()
    assert link_notices(at) == []  # the first view already: Reset changes nothing but the notices
    at = run(bogus="1", lang="zh")
    assert address(at) == {"lang": "zh"}  # the link's first view in its place, told once
    at.button(key="dismiss_notices").click().run()
    assert link_notices(at) == [] and at.segmented_control(key="lang").value == "zh"


def _codes(n: int) -> str:
    """n distinct four-letter codes, none of them anything in data/: 'AAAA,AAAB,…'."""
    return ",".join("".join(letters) for letters in islice(product(ascii_uppercase, repeat=4), n))


def test_a_link_of_huge_lists_gives_one_notice_per_key_shown_until_the_view_changes():
    """As long as Streamlit takes a link (512 Ki characters, 1,000 fields; AppTest encodes each comma)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(country="IRN," + _codes(40_000), **{"from": ["2010"] * 800})
    at.query_params.update({key: _codes(5_000) for key in ("category", "actor", "verdict", "scope")})
    at.query_params.update(q="ZTE", **{f"k{n}": "1" for n in range(100)})
    told = [
        'from was given 800 times; only the last, "2010", is used.',
        'Ignored unknown parameters "k0", "k1", "k2" and 97 more.',
        'Ignored countries "AAAA", "AAAB", "AAAC" and 39,997 more: not countries in this dataset.',
        'Ignored verdicts "AAAA", "AAAB", "AAAC" and 4,997 more: use confirmed, partly, contradicted, '
        "conflicting or not_found.",
        'Ignored categories "AAAA", "AAAB", "AAAC" and 4,997 more: no event in this dataset has them.',
        'Ignored actors "AAAA", "AAAB", "AAAC" and 4,997 more: not actors in this dataset.',
        'Ignored scopes "AAAA", "AAAB", "AAAC" and 4,997 more: use country, group or aggregate.',
    ]
    at.run()
    assert not at.exception and link_notices(at) == told
    assert address(at) == {"country": "IRN", "q": "ZTE"}  # the valid parts alone
    assert table_ids(at) == ["E007"]
    show(at, "map").run()  # back on the map: the view the link opened, so what it said stays
    assert link_notices(at) == told
    at.slider(key="years").set_value((2012, 2014)).run()
    assert not link_notices(at)
    assert dict(at.query_params) == {"country": "IRN", "from": "2012", "to": "2014", "q": "ZTE"}
    at.slider(key="years").set_value((2010, 2016)).run()  # back to the link's view: told already
    assert not at.exception and not link_notices(at) and table_ids(at) == ["E007"]


def test_reversed_years_are_normalised():
    at = run(**{"from": "2016", "to": "2010"})
    assert at.slider(key="years").value == (2010, 2016)


def test_table_row_opens_its_event_below_the_table_named_in_words_with_a_link_to_it(app):
    show(app, "table")
    assert not app.subheader and json.loads(app.dataframe[0].proto.columns)["Event"] == {"hidden": True}
    # What the grid's callback does when its 8th row is picked (AppTest cannot pick a row).
    state.row_picked(app.session_state, [7], table_ids(app))
    app.run()
    # Row 8 is E008, a claim about Africa: the card below the table opens the event itself.
    assert [s.value for s in app.subheader] == ["Africa: Surveillance system (year not stated)"]
    assert app.subheader[0].proto.anchor == "event"  # where the link above the table leads
    assert (
        r"15 events · [Africa\: Surveillance system \(year not stated\)\: read it below the table](#event)"
        in [m.value for m in app.markdown]
    )
    assert app.query_params["event"] == "E008"


def test_a_verdict_chosen_is_written_in_the_url(app):
    app.button_group(key="verdicts").set_value(["partly"]).run()
    assert dict(app.query_params) == {"verdict": "partly"}


def test_a_search_typed_is_written_in_the_url(app):
    app.text_input(key="search").input("ZTE").run()
    assert dict(app.query_params) == {"q": "ZTE"}


def said(at: AppTest) -> list[str]:
    """The captions and Markdown of the page, as a reader reads them (escapes gone)."""
    return [e.value.replace("\\", "") for e in [*at.caption, *at.markdown]]


def suggested(at: AppTest) -> list[str]:
    return [b.label for b in at.button if (b.key or "").startswith("suggestion-")]


def test_a_misspelled_search_is_told_so_and_a_click_on_the_term_offered_searches_for_it(app):
    app.text_input(key="search").input("Hauwei").run()
    assert {"No event holds every word of “Hauwei”.", "Did you mean:"} <= set(said(app))
    assert suggested(app) == ["Huawei"]
    app.button(key="suggestion-0").click().run()
    assert app.text_input(key="search").value == "Huawei"
    assert app.query_params["q"] == "Huawei"
    assert "Did you mean:" not in said(app)


def test_a_chinese_search_is_offered_the_word_its_pinyin_spells():
    at = run(lang="zh", q="华伟")
    assert {"没有事件包含“华伟”中的所有词。", "您是不是要找："} <= set(said(at))
    at.button(key="suggestion-0").click().run()
    assert at.query_params["q"] == "华为"


def test_a_search_with_no_near_term_says_so_and_offers_none():
    at = run(q="xyzzy")
    assert "No event holds every word of “xyzzy”." in said(at)
    assert suggested(at) == []


def test_one_click_clears_the_search_and_the_button_is_there_only_with_a_search():
    at = run(q="ZTE")
    assert table_ids(at) == ["E007"]
    show(at, "map").button(key="search_clear").click().run()
    assert at.text_input(key="search").value == ""
    assert "q" not in at.query_params
    assert len(reported(at)) > 1
    assert "search_clear" not in [b.key for b in at.button]


def test_a_link_ticks_the_timelines_box_that_places_undated_events_at_a_sources_year():
    assert run(sourceyears="1", tab="timeline").checkbox(key="source_years").value is True
    assert run(tab="timeline").checkbox(key="source_years").value is False


def test_the_timelines_from_and_to_boxes_choose_a_span_as_the_sidebars_slider_does():
    at = run(tab="timeline")
    start, end = at.selectbox(key="years_from"), at.selectbox(key="years_to")
    assert (start.label, start.value, end.label, end.value) == ("From", 2010, "To", 2016)
    assert start.options == [str(year) for year in range(2010, 2017)]
    start.set_value(2012).run()
    assert at.slider(key="years").value == (2012, 2016)
    assert summary(at) == (
        "2 events in 2 countries; 1 claim about 1 region or bloc; "
        "2012–2016 (10 without a stated year left out); all categories"
    )
    assert (at.query_params["from"], at.query_params["to"]) == ("2012", "2016")
    at.selectbox(key="years_to").set_value(2011).run()  # before From: From follows it
    assert (at.slider(key="years").value, at.selectbox(key="years_from").value) == ((2011, 2011), 2011)
    at.slider(key="years").set_value((2013, 2015)).run()  # the sidebar's slider moves the boxes too
    assert (at.selectbox(key="years_from").value, at.selectbox(key="years_to").value) == (2013, 2015)
    at.selectbox(key="years_from").set_value(2010).run()
    at.selectbox(key="years_to").set_value(2016).run()  # every year again: the undated come back
    assert (at.slider(key="years").value, at.checkbox(key="undated").value) == ((2010, 2016), True)
    assert "from" not in at.query_params and not at.exception


def test_the_timelines_year_boxes_in_chinese():
    at = run(tab="timeline", lang="zh", **{"from": "2011", "to": "2014"})
    assert [(box.label, box.value) for box in at.selectbox] == [("起始年份", 2011), ("截止年份", 2014)]


def test_chinese_interface_restores_from_the_url_and_switches_back():
    at = run(lang="zh", focus="BOL", country="BOL")
    assert at.title[0].value == "已报道的安全合作：各国已报道事件"
    assert at.header[0].value == "玻利维亚"
    assert at.query_params["lang"] == "zh"
    show(at, "table").segmented_control(key="lang").set_value("en").run()
    assert at.title[0].value == "Reported security cooperation: reported events"  # the frame's title: its tab
    assert at.header[0].value == "Bolivia"
    assert at.multiselect(key="countries").value == ["BOL"]  # the view survives the switch
    assert "lang" not in at.query_params


@pytest.mark.parametrize(
    ("lang", "title", "error"),
    [
        (
            "en",
            "Reported security cooperation",
            "The data package is invalid; nothing is shown until it is fixed.",
        ),
        ("zh", "已报道的安全合作", "数据包无效；修正之前不显示任何内容。"),
    ],
)
def test_an_invalid_package_shows_its_problems_in_the_readers_language_and_nothing_else(
    data_copy, monkeypatch, lang, title, error
):
    data_copy.change("events.csv", "E007", year="twenty")
    monkeypatch.setenv("DASHBOARD_DATA", str(data_copy.root))
    at = run(lang=lang)
    assert [e.value for e in at.title] == [title]
    assert [e.value for e in at.error] == [error]
    assert [c.value for c in at.code] == [
        f"{data_copy.root}/events.csv, row 8, field year: type-error: 'twenty': type is \"integer/default\""
    ]
    assert "coopmap_map" not in component_names(at)
    assert not at.dataframe and not at.get("download_button")


def test_reset_clears_every_filter_and_keeps_the_language():
    at = run(country="IRN", verdict="partly", q="ZTE", lang="zh", **{"from": "2010", "to": "2012"})
    assert table_ids(at, "事件") == ["E007"]
    next(b for b in at.sidebar.button if b.label == "重置筛选").click().run()
    assert table_ids(at, "事件") == [f"E{n:03d}" for n in range(1, 16)]
    assert at.slider(key="years").value == (2010, 2016)
    # The reader stays where they were: the language and the table's tab are kept.
    assert at.session_state["lang"] == "zh" and dict(at.query_params) == {"lang": "zh", "tab": "table"}


def test_a_choice_that_is_no_option_draws_the_page_without_an_error(app):
    """A browser may send back a label from an earlier run: the page shows it as it is, never a traceback."""
    app.session_state["categories"] = ["Surveillance system (99)"]
    app.session_state["countries"] = ["厄瓜多尔 · Ecuador"]  # the label in Chinese, on the English page
    app.run()
    assert not app.exception
    assert summary(app).startswith("厄瓜多尔 · Ecuador: 0 events")
