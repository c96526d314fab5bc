"""The plan of a page (coopmap/app/page.py) on the real package: what a view shows, without Streamlit."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coopmap.app import loading
from coopmap.app.page import plan, read_link
from coopmap.paging import page
from coopmap.paths import DATA_DIR
from coopmap.ui import markup

GOLDEN = Path(__file__).resolve().parent / "golden"
NOW = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def loaded():
    return loading.loaded(DATA_DIR)


def planned(loaded, link: dict | None = None, **reader):
    """The plan of the view a link asks for, read as the page reads it."""
    view, _ = read_link(loaded, link or {})
    return plan(loaded, view, now=NOW, **reader)


def test_the_first_view(loaded):
    shown = planned(loaded)
    assert shown.title == "Reported security cooperation: reported events per country"
    assert shown.summary == (
        "8 events in 7 countries; 5 claims about 4 regions or blocs; 2 counted claims; 2010–2016 and 10 "
        "without a stated year; all categories"
    )
    assert shown.undated_offer is None and shown.panel is None and shown.open_card is None
    assert [(s.key, s.heading, s.ids) for s in shown.sections] == [
        ("counted", "Counted claims (2)", ("E012", "E013"))
    ]
    assert shown.address == {} and shown.link == "" and shown.to_panel == ""
    assert shown.file_name("csv") == "reported-cooperation_all.csv"


def test_each_tab_is_titled_as_its_figure(loaded):
    titles = {tab: planned(loaded, {"tab": tab}).title for tab in ("map", "timeline", "table")}
    assert titles == {
        "map": "Reported security cooperation: reported events per country",
        "timeline": "Reported security cooperation: reported events per year",
        "table": "Reported security cooperation: reported events",
    }


def test_a_countrys_panel_lists_its_own_claims_then_the_groups_that_include_it(loaded):
    shown = planned(loaded, {"country": "KGZ"})
    groups = (
        "Claims about a region, bloc or counted group that includes Kyrgyzstan, not about Kyrgyzstan itself"
    )
    assert [(s.heading, s.level, s.lead, s.ids) for s in shown.sections] == [
        ("Kyrgyzstan", "header", "**1 reported event**", ("E014",)),
        (groups, "subheader", "", ("E005", "E015")),
    ]
    assert shown.sections[1].includes == ("Includes Kyrgyzstan by the group's definition.",) * 2
    assert shown.to_panel == "[What the dataset holds on Kyrgyzstan is below the chart\\.](#passages)"


def test_a_country_without_claims_gets_a_section_that_says_so_and_no_card_twice(loaded):
    brazil = planned(loaded, {"country": "BRA"}).sections
    assert [(s.heading, s.lead.replace("\\", ""), s.ids) for s in brazil] == [
        (
            "Brazil",
            "The dataset does not mention Brazil: no claim names it, nor a region, bloc or group that "
            "includes it.",
            (),
        )
    ]
    singapore = planned(loaded, {"country": "SGP"}).sections
    assert [(s.key, s.ids) for s in singapore] == [("SGP", ()), ("groups", ("E004", "E013"))]


def test_the_filters_hidden_claims_are_counted_below_a_countrys_cards(loaded):
    iran = planned(loaded, {"country": "IRN", "category": "facility"}).sections[0]
    assert (iran.lead, iran.ids, iran.note) == (
        "No event under the current filters names Iran itself\\.",
        (),
        "2 more events are hidden by the filters.",
    )


def test_options_are_counted_under_the_other_filters(loaded):
    shown = planned(loaded, {"country": "IRN"})
    assert shown.options("verdicts") == {
        "confirmed": "✔ Confirmed (0)",
        "partly": "◐ Partly confirmed (1)",
        "contradicted": "✖ Contradicted (0)",
        "conflicting": "⚠ Sources disagree (0)",
        "not_found": "○ No independent source found (1)",
    }
    assert list(shown.countries.items())[:2] == [
        ("AFG", "Afghanistan · 阿富汗"),
        ("ALB", "Albania · 阿尔巴尼亚"),
    ]
    assert (
        shown.countries["CIV"] == "Côte d'Ivoire · 科特迪瓦 (Ivory Coast / 象牙海岸)"
    )  # typed by either name
    in_chinese = planned(loaded, {"lang": "zh"}).countries  # by pinyin: a-er before a-fu
    assert list(in_chinese.items())[:2] == [("ALB", "阿尔巴尼亚 · Albania"), ("DZA", "阿尔及利亚 · Algeria")]


def test_the_link_and_the_citation_carry_the_readers_address_and_date(loaded):
    link = {"country": "IRN", "q": "ZTE network"}
    shown = planned(loaded, link, page_url="https://example.org/?forged=1", timezone="Asia/Shanghai")
    assert shown.address == {"country": "IRN", "q": "ZTE network"}
    assert shown.link == "https://example.org/?country=IRN&q=ZTE+network"
    assert shown.citation == (
        "Reported security cooperation (version 0.4.1) [Data set]. View: Iran: 1 event; 2010–2016; all "
        "categories; matching “ZTE network”. Retrieved 2026-03-02, from "
        "https://example.org/?country=IRN&q=ZTE+network. What the sources report, attributed; not "
        "established fact."
    )  # 23:30 UTC is the next day in Shanghai


def _read(shown: str) -> list[str]:
    """Markup as a reader reads it: each paragraph and line as text."""
    lines = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br>|</p>", "\n", shown))).split("\n")
    return [line for line in lines if line]


@pytest.mark.parametrize(
    ("lang", "original", "translation", "stop", "labels", "caption"),
    [
        (
            "en",
            "Antonio Graceffo, “Beijing Uses Police and Security Training to Infiltrate Foreign Countries”, "
            "The Epoch Times, 2021-12-17",
            "Antonio Graceffo, “北京利用警察和安全培训渗透外国”, GNews, date not stated, "
            "translated by Jenny Ball",
            ".",
            ("Source: ", "Translation of: "),
            "Sources of the events shown: {translation} (translation of {original}). Independent sources of "
            "what is shown: The New York Times, 2019-04-24; El País, 2017-09-30.",
        ),
        (
            "zh",
            "Antonio Graceffo，“Beijing Uses Police and Security Training to Infiltrate Foreign Countries”，"
            "The Epoch Times，2021-12-17",
            "Antonio Graceffo，“北京利用警察和安全培训渗透外国”，GNews，未注明日期，Jenny Ball 译",
            "。",
            ("来源：", "译自："),
            "所示事件的来源：{translation}（译自 {original}）。"
            "所示内容的独立来源：The New York Times, 2019-04-24；El País, 2017-09-30。",
        ),
    ],
)
def test_the_sources_list_a_card_and_the_figure_name_a_source_in_the_same_words_and_order(
    loaded, lang, original, translation, stop, labels, caption
):
    shown = planned(loaded, {"country": "ECU", "lang": lang})
    assert _read(shown.source_entries(page(2, 1, 50)))[::2] == [original + stop, translation + stop]
    card = _read(markup.card(shown.card("E001"), lang=lang))
    assert [line for line in card if line.startswith(labels)] == [
        labels[0] + translation + stop,
        labels[1] + original + stop,
    ]
    assert shown.caption("map").sources == caption.format(translation=translation, original=original)


def test_an_open_event_is_in_the_link_only_while_the_filters_show_it(loaded):
    shown = planned(loaded, {"event": "E008", "tab": "table"})
    assert shown.open_card.event_id == "E008" and shown.address == {"event": "E008"}
    assert shown.above_table(page(15, 1, 50)) == (
        r"15 events · [Africa\: Surveillance system \(year not stated\)\: read it below the table](#event)"
    )
    hidden = planned(loaded, {"event": "E008", "tab": "table", "country": "IRN"})
    assert hidden.open_card is None and "event" not in hidden.address


def test_a_page_of_the_table_holds_the_selected_events_in_order(loaded):
    shown = planned(loaded, {"tab": "table", "confirmed": "1"})
    rows = shown.table_page(page(len(shown.selected), 1, 50))
    assert rows.iloc[:, :2].values.tolist() == [
        ["E004", "✔ Confirmed"],
        ["E014", "✔ Confirmed"],
        ["E015", "✔ Confirmed"],
    ]
    assert list(rows.columns) == ["Event", "Verdict", "Country or group", "Year", "Category", "Summary"]


def test_the_downloads_are_the_golden_files(loaded):
    shown = planned(loaded, {"country": "ECU,IRN", "lang": "zh"})
    files = {d.file_name: d.data() for d in shown.tables()}
    assert files == {
        "reported-cooperation_Ecuador-Iran.csv": (GOLDEN / "filtered.csv").read_bytes(),
        "reported-cooperation_Ecuador-Iran.json": (GOLDEN / "filtered.json").read_bytes(),
    }
    assert [(d.file_name, d.mime, d.key) for d in shown.figures()] == [
        ("reported-cooperation-map_Ecuador-Iran.svg", "image/svg+xml", "figure-map-svg"),
        ("reported-cooperation-map_Ecuador-Iran.png", "image/png", "figure-map-png"),
        ("reported-cooperation-timeline_Ecuador-Iran.svg", "image/svg+xml", "figure-timeline-svg"),
        ("reported-cooperation-timeline_Ecuador-Iran.png", "image/png", "figure-timeline-png"),
    ]


def test_the_map_data_names_what_it_shades_in_words(loaded):
    shown = planned(loaded)
    data = shown.map_data()
    assert data["label"].startswith("World map of reported events per country under the current filters")
    assert shown.map_words.startswith(
        "Most reported under these filters: Iran (2), Argentina (1), Bolivia (1), Ecuador (1), Jamaica (1), "
        "Kyrgyzstan (1), Liberia (1). Group claims shown: "
    )
    assert shown.map_words in data["label"]
    assert len(json.dumps(data)) < 20_000


def test_a_search_that_finds_nothing_offers_the_nearest_term(loaded):
    shown = planned(loaded, {"q": "Equador"})
    assert not shown.search_finds and shown.suggestions[0] == "Ecuador"
    assert planned(loaded, {"q": "Ecuador"}).search_finds
