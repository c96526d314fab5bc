"""The plan of a page (coopmap/app/page.py) on the real package: what a view shows, without Streamlit."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coopmap.app import loading
from coopmap.app.page import plan, read_link
from coopmap.paging import PANEL_CARDS, TABLE_ROWS, page
from coopmap.paths import DATA_DIR, GEOJSON
from coopmap.ui import markup, words
from coopmap.ui.chart import chart
from coopmap.ui.markup import literal
from coopmap.ui.palette import CONTEXT, rgba
from tests.support.deck import fills
from tests.support.unused import unused_categories

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
NOW = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
EVERY_EVENT = [f"E{n:03d}" for n in range(1, 16)]
SHAPE_NAMES = {
    f["properties"]["iso3"]: f["properties"]["name"] for f in json.loads(GEOJSON.read_text())["features"]
}


@pytest.fixture(scope="module")
def loaded():
    return loading.loaded(DATA_DIR)


def planned(loaded, link: dict | None = None, **reader):
    """The plan of the view a link asks for, read as the page reads it."""
    view, _ = read_link(loaded, link or {})
    return plan(loaded, view, now=NOW, **reader)


def told(loaded, link: dict) -> list[str]:
    """A link's notices, in the words its view's language gives them."""
    view, notices = read_link(loaded, link)
    return [notice.text(view.lang) for notice in notices]


# What the page draws of a plan, read as the AppTests of tests/test_app.py read the drawn page.


def table_ids(shown, column: str = "Event") -> list[str]:
    """A column of the table's first page, as its tab draws it."""
    return list(shown.table_page(page(len(shown.selected), 1, TABLE_ROWS))[column])


def reported(shown) -> list[str]:
    """The countries the map shades for claims of their own (group members shown as context are grey)."""
    return sorted(code for code, colour in fills(shown.map_data()["deck"]).items() if colour != rgba(CONTEXT))


def context(shown) -> list[str]:
    return sorted(code for code, colour in fills(shown.map_data()["deck"]).items() if colour == rgba(CONTEXT))


def layer(shown, layer_id: str) -> dict:
    return next(lay for lay in shown.map_data()["deck"]["layers"] if lay["id"] == layer_id)


def tooltip_lines(shown, iso3: str) -> list[str]:
    """A shown country's tooltip as the map component joins it (see tests/test_deck.py)."""
    data = shown.map_data()
    if iso3 in data["tips"]:
        return data["tips"][iso3].splitlines()
    # the static file's name, unless the language's differs
    name = shown.map_names.get(iso3) or SHAPE_NAMES[iso3]
    lines = [data["groupLines"][at] for at in data["members"][iso3]]
    return [name, data["noReport"].replace("{name}", name), *lines]


def headings(shown, level: str) -> list[str]:
    """The headings ("header" or "subheader") of the lists of cards below the frame."""
    return [s.heading for s in shown.sections if s.level == level]


def drawn_cards(shown) -> list[tuple[str, str]]:
    """Each card the page draws, in page order, as (event id, markup): the open event's below the table on
    the table's tab, then the first page of each list below the frame."""
    drawn = []
    if shown.view.tab == "table" and shown.open_card:
        drawn.append((shown.open_card.event_id, markup.card(shown.open_card, "", shown.lang)))
    for section in shown.sections:
        part = page(len(section.ids), 1, PANEL_CARDS)
        for at in range(part.start, part.stop):
            includes = section.includes[at] if section.includes else ""
            drawn.append((section.ids[at], markup.card(shown.card(section.ids[at]), includes, shown.lang)))
    return drawn


def card_ids(shown) -> list[str]:
    return [event_id for event_id, _ in drawn_cards(shown)]


def cards(shown) -> list[str]:
    return [card for _, card in drawn_cards(shown)]


def card_lines(card: str) -> list[str]:
    """A card's paragraphs as a reader sees them: tags gone, entities read."""
    return [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p\b.*?</p>", card)]


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
    assert table_ids(shown) == EVERY_EVENT
    assert reported(shown) == ["ARG", "BOL", "ECU", "IRN", "JAM", "KGZ", "LBR"]
    assert {"DEU", "SGP", "KAZ", "NGA"} <= set(context(shown))  # members of the groups claims name
    assert told(loaded, {}) == [] and loaded.refused == ()  # no warning


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


@pytest.mark.parametrize(
    ("link", "golden", "named"),
    [
        ({}, "default", "all"),  # in English, everything
        ({"country": "ECU,IRN", "lang": "zh"}, "filtered", "Ecuador-Iran"),  # in Chinese, a filtered view
    ],
)
def test_the_downloads_are_the_golden_files_byte_for_byte(loaded, link, golden, named):
    shown = planned(loaded, link)
    files = {d.file_name: d.data() for d in shown.tables()}
    assert files == {
        f"reported-cooperation_{named}.csv": (GOLDEN / f"{golden}.csv").read_bytes(),
        f"reported-cooperation_{named}.json": (GOLDEN / f"{golden}.json").read_bytes(),
    }
    assert [(d.file_name, d.mime, d.key) for d in shown.figures()] == [
        (f"reported-cooperation-map_{named}.svg", "image/svg+xml", "figure-map-svg"),
        (f"reported-cooperation-map_{named}.png", "image/png", "figure-map-png"),
        (f"reported-cooperation-timeline_{named}.svg", "image/svg+xml", "figure-timeline-svg"),
        (f"reported-cooperation-timeline_{named}.png", "image/png", "figure-timeline-png"),
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


# The map


def test_a_countrys_colour_is_the_datasets_whatever_the_filters_hide(loaded):
    """A country with one event keeps the same colour whatever else the filters hide."""
    before = fills(planned(loaded).map_data()["deck"])
    assert before["IRN"] != before["ARG"] == before["ECU"]
    filtered = planned(loaded, {"category": "facility,police_training"}).map_data()["deck"]
    after = {code: colour for code, colour in fills(filtered).items() if colour != rgba(CONTEXT)}
    assert after == {"ARG": before["ARG"], "LBR": before["ARG"]}


def test_hiding_the_group_layer_hides_the_context_and_filters_nothing(loaded):
    shown = planned(loaded, {"groups": "0"})
    assert context(shown) == [] and shown.map_data()["members"] == {}
    assert table_ids(shown) == EVERY_EVENT  # hiding the layer filters nothing
    assert shown.address == {"groups": "0"}


# Filters


def test_a_country_shows_its_events_on_table_and_map_and_opens_its_panel(loaded):
    shown = planned(loaded, {"country": "IRN"})
    assert shown.summary == "Iran: 2 events; 2010–2016 and 1 without a stated year; all categories"
    assert table_ids(shown) == ["E006", "E007"]
    assert reported(shown) == ["IRN"] and context(shown) == []
    assert shown.address == {"country": "IRN"}
    assert headings(shown, "header")[0] == "Iran"  # one way to a country: the filter opens its panel


def test_a_year_range_leaves_undated_events_out_and_offers_them(loaded):
    shown = planned(loaded, {"from": "2010", "to": "2011"})
    assert shown.filters.undated_shown is False
    assert (
        shown.summary
        == "2 events in 2 countries; 2010–2011 (10 without a stated year left out); all categories"
    )
    assert table_ids(shown) == ["E001", "E007"]
    assert reported(shown) == ["ECU", "IRN"]
    assert shown.undated_offer.text == (
        "+10 events without a stated year are not shown: the years above are those the article states."
    )
    assert shown.address == {"from": "2010", "to": "2011"}  # no "undated"
    assert len(table_ids(planned(loaded, {"from": "2010", "to": "2011", "undated": "1"}))) == 12


def test_undated_events_can_be_left_out_of_every_year(loaded):
    shown = planned(loaded, {"undated": "0"})
    assert shown.summary == (
        "4 events in 4 countries; 1 claim about 1 region or bloc; "
        "2010–2016 (10 without a stated year left out); all categories"
    )
    assert table_ids(shown) == ["E001", "E002", "E007", "E014", "E015"]
    assert shown.address == {"undated": "0"}


def test_a_category_narrows_table_map_and_summary(loaded):
    shown = planned(loaded, {"category": "police_training"})
    assert table_ids(shown) == ["E002", "E003", "E004"]
    assert reported(shown) == ["LBR"]
    assert shown.summary.endswith("; Police & security training")


def test_an_actor_or_a_scope_narrows_table_and_map(loaded):
    huawei = planned(loaded, {"actor": "华为"})
    assert table_ids(huawei) == ["E008"]
    assert reported(huawei) == []
    aggregate = planned(loaded, {"scope": "aggregate"})
    assert table_ids(aggregate) == ["E012", "E013"]
    assert reported(aggregate) == []
    assert "DEU" in context(aggregate) and "KAZ" not in context(aggregate)  # the counted groups' members only


def test_the_verdict_facet_counts_its_options_and_filters_everything(loaded):
    assert list(planned(loaded).options("verdicts").values()) == [
        "✔ Confirmed (3)",
        "◐ Partly confirmed (10)",
        "✖ Contradicted (0)",
        "⚠ Sources disagree (0)",
        "○ No independent source found (2)",
    ]
    shown = planned(loaded, {"verdict": "partly"})
    assert table_ids(shown) == [
        "E001",
        "E002",
        "E003",
        "E007",
        "E008",
        "E009",
        "E010",
        "E011",
        "E012",
        "E013",
    ]
    assert reported(shown) == ["ARG", "BOL", "ECU", "IRN", "JAM", "LBR"]
    assert shown.address == {"verdict": "partly"}
    assert shown.summary.endswith("; all categories; independent reporting: Partly confirmed")


def test_the_confirmed_verdict_changes_counts_map_table_and_link(loaded):
    shown = planned(loaded, {"verdict": "confirmed"})
    assert table_ids(shown) == ["E004", "E014", "E015"]
    assert shown.summary.endswith("; all categories; independent reporting: Confirmed")
    assert reported(shown) == ["KGZ"]
    assert shown.address == {"verdict": "confirmed"}
    assert set(table_ids(shown, "Verdict")) == {"✔ Confirmed"}


def test_a_search_narrows_table_and_map(loaded):
    shown = planned(loaded, {"q": "ZTE"})
    assert table_ids(shown) == ["E007"]
    assert reported(shown) == ["IRN"]
    assert shown.address == {"q": "ZTE"}
    # E001: the Chinese of a source's actor, Huawei among them
    assert table_ids(planned(loaded, {"q": "华为"})) == ["E001", "E008"]


def test_a_misspelled_search_shows_nothing_and_offers_the_nearest_term(loaded):
    shown = planned(loaded, {"q": "Hauwei"})
    assert reported(shown) == []
    assert not shown.search_finds and shown.suggestions == ["Huawei"]
    assert table_ids(planned(loaded, {"q": "Huawei"})) == ["E001", "E008"]  # the term offered
    chinese = planned(loaded, {"lang": "zh", "q": "华伟"})
    assert not chinese.search_finds and chinese.suggestions[0] == "华为"  # the word its pinyin spells
    assert table_ids(planned(loaded, {"lang": "zh", "q": "华为"}), "事件") == ["E001", "E008"]
    nothing_near = planned(loaded, {"q": "xyzzy"})
    assert not nothing_near.search_finds and nothing_near.suggestions == []


def test_the_country_picker_offers_each_country_by_either_name(loaded):
    options = list(planned(loaded, {"lang": "zh"}).countries.values())
    assert "厄瓜多尔 · Ecuador" in options and "吉尔吉斯斯坦 · Kyrgyzstan" in options
    english = list(planned(loaded).countries.values())
    assert "Ecuador · 厄瓜多尔" in english
    # Chinese names sort by pinyin: 阿根廷 (a) before 玻利维亚 (b) before 厄瓜多尔 (e).
    order = [
        options.index(f"{zh} · {en}")
        for zh, en in (("阿根廷", "Argentina"), ("玻利维亚", "Bolivia"), ("厄瓜多尔", "Ecuador"))
    ]
    assert order == sorted(order)
    # Labelled and sorted once for the package, not on each run: another view shares them.
    assert planned(loaded, {"lang": "zh", "country": "IRN"}).countries is loaded.countries["zh"]


@pytest.mark.bench  # a size the project supports, checked where sizes are: not in the fast tier
def test_a_package_listing_100000_unused_categories_offers_the_same_pickers(loaded, data_copy):
    def pickers(shown) -> dict[str, list[str]]:
        chosen = {key: list(shown.options(key).values()) for key in ("categories", "actors", "verdicts")}
        return chosen | {"countries": list(shown.countries.values())}

    real = planned(loaded)
    data_copy.write("categories.csv", data_copy.rows("categories.csv") + unused_categories(100_000))
    checked = subprocess.run(
        [sys.executable, "-m", "coopmap.dataset.validate", str(data_copy.root)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (checked.returncode, checked.stdout) == (
        0,
        f"{data_copy.root}: valid (15 events, 3 further passages, 19 context passages)\n",
    )
    copy = planned(loading.loaded(data_copy.root))
    assert pickers(copy) == pickers(real)
    assert list(copy.options("categories").values()) == [
        "Police & security training (3)",
        "Equipment donation (1)",
        "Surveillance system (5)",
        "Agreement (2)",
        "Facility (1)",
        "Joint exercise (2)",
        "'Public opinion guidance' training (1)",
    ]
    assert copy.category_help == real.category_help


# Links


def test_a_link_restores_its_view_with_its_event_open_below_the_table(loaded):
    link = {
        "country": "IRN,ECU",
        "from": "2010",
        "to": "2011",
        "verdict": "partly",
        "q": "ZTE",
        "event": "E007",
    }
    assert told(loaded, link) == []  # no warning
    shown = planned(loaded, {**link, "tab": "table"})
    assert table_ids(shown) == ["E007"]
    assert (
        words.event_heading(shown.open_card, shown.lang) == "Iran: Surveillance system (2010)"
    )  # not its id
    assert "2010 年，中共与国有科技公司中兴通讯签署了一项价值 1.3 亿美元的协议" in cards(shown)[0]


def test_an_old_link_opens_the_view_it_names_today(loaded):
    link = {"focus": "KGZ", "confirmed": "1"}
    assert told(loaded, link) == []  # no warning
    shown = planned(loaded, link)
    assert shown.address == {"country": "KGZ", "verdict": "confirmed"}
    assert table_ids(shown) == [
        "E014",
        "E015",
    ]  # its own, and the claim about the SCO, of which it is a member


@pytest.mark.parametrize(
    ("link", "notice"),
    [
        ({"country": "XXX"}, 'Ignored country "XXX": not a country in this dataset.'),
        ({"from": "2016", "to": "2010"}, 'Year range from "2016" to "2010" was reversed; swapped them.'),
        ({"category": "<script>"}, 'Ignored category "<script>": no event in this dataset has it.'),
        ({"focus": "ZZ"}, 'Ignored country "ZZ": not a country code.'),
        (
            {"verdict": "maybe"},
            'Ignored verdict "maybe": use confirmed, partly, contradicted, conflicting or not_found.',
        ),
        ({"event": "E999"}, 'Ignored event "E999": not an event in this dataset.'),
        ({"bogus": "1"}, 'Ignored unknown parameter "bogus".'),
    ],
)
def test_a_bad_link_value_gives_a_notice_and_the_rest_of_the_view(loaded, link, notice):
    assert told(loaded, link) == [notice]
    assert table_ids(planned(loaded, link)) == EVERY_EVENT  # the rest of the view: every event


# The table and the timeline


def test_the_table_counts_its_rows_above_them(loaded):
    for link, line in (
        ({"tab": "table"}, "15 events"),
        ({"tab": "table", "verdict": "confirmed"}, "3 events"),
    ):
        shown = planned(loaded, link)
        assert shown.above_table(page(len(shown.selected), 1, TABLE_ROWS)) == line


def test_the_timeline_can_place_undated_events_at_a_sources_year(loaded):
    def bars(shown) -> dict:
        return chart(shown.year_bars(), shown.span, shown.lang)[1]["layer"][0]["encoding"]

    placed = bars(planned(loaded, {"sourceyears": "1", "tab": "timeline"}))
    assert placed["x"]["scale"]["domain"][-4:] == ["2020", "2021", " ", "Year not stated"]
    assert (placed["fill"]["field"], placed["fill"]["scale"]) == ("fill", None)
    default = bars(planned(loaded, {"tab": "timeline"}))
    assert default["x"]["scale"]["domain"][-3:] == ["2016", " ", "Year not stated"]


# The panel: a country's passages, the groups that include it, the counted claims


def test_a_country_without_claims_opens_a_panel_saying_the_dataset_has_none(loaded):
    brazil = planned(loaded, {"country": "BRA"})
    (section,) = brazil.sections
    assert (section.heading, section.level, section.note) == ("Brazil", "header", "")
    assert section.lead.replace("\\", "") == (
        "The dataset does not mention Brazil: no claim names it, nor a region, bloc or group that "
        "includes it."
    )
    assert "current filters" not in " ".join([brazil.summary, brazil.to_panel, section.lead])
    assert brazil.to_panel.replace("\\", "") == (
        "[What the dataset holds on Brazil is below the chart.](#passages)"  # not "passages"
    )
    germany = planned(loaded, {"country": "DEU"}).sections[0]  # in a group a claim is about
    assert germany.lead.replace("\\", "") == "No claim in the dataset names Germany itself."
    iran = planned(loaded, {"country": "IRN", "category": "facility"}).sections[0]
    assert iran.lead.replace("\\", "") == "No event under the current filters names Iran itself."


def test_a_country_shows_its_passages_and_the_group_claims_apart(loaded):
    shown = planned(loaded, {"country": "KGZ"})
    assert headings(shown, "header")[0] == "Kyrgyzstan"
    assert shown.summary == (
        "Kyrgyzstan: 1 event; 2 claims about groups that include Kyrgyzstan; 2010–2016 and 1 without a "
        "stated year; all categories"
    )
    assert shown.sections[0].lead == "**1 reported event**"
    assert shown.open_card is None and headings(shown, "subheader") == [
        "Claims about a region, bloc or counted group that includes Kyrgyzstan, not about Kyrgyzstan itself",
    ]
    bodies = "\n".join(cards(shown))
    assert "在吉尔吉斯斯坦巴雷克奇雪绒花训练区举行的上合组织" in bodies
    assert "北京市公安局与中亚10个城市签订了合作协议" in bodies
    assert layer(shown, "selected")["only"] == "KGZ"
    assert shown.address == {"country": "KGZ"}


def test_counted_claims_are_listed_apart_and_their_sourced_members_only_as_context(loaded):
    shown = planned(loaded)
    assert "Counted claims (2)" in headings(shown, "header")
    assert "目前已有18个国家使用中共制造的情报监控系统。" in "\n".join(cards(shown))
    assert "DEU" not in reported(shown)
    assert "DEU" in context(shown)
    assert "SGP" in [m["iso3"] for m in layer(shown, "dots")["data"]]
    assert tooltip_lines(shown, "SGP") == [
        "Singapore",
        "No claim names Singapore itself",
        "In Association of Southeast Asian Nations (ASEAN): 1 claim; a member by the group's definition",
        "In 36 countries given the CCP's 'public opinion guidance' training (countries named by later "
        "sources; partial): 1 claim; named as one by Voice of America (via WTOP), date not stated",
    ]


def test_no_card_is_shown_twice(loaded):
    shown = planned(loaded, {"country": "SGP"})
    assert card_ids(shown) == ["E004", "E013"]  # in the panel; no counted-claims list repeats E013
    assert "Counted claims (1)" not in headings(shown, "header")


# Cards


def test_every_card_opens_with_its_verdict(loaded):
    shown = planned(loaded, {"country": "IRN"})
    openings = [card_lines(card)[:2] for card in cards(shown)]  # the verdict first, then the key facts
    assert openings == [
        ["○ No independent source found", "Iran · Surveillance system · year not stated · CCP (中共)"],
        [
            "◐ Partly confirmed: independent reporting differs",
            "Iran · Surveillance system · 2010 · ZTE (中兴通讯) · US$130,000,000 (1.3 亿美元)",
        ],
    ]
    # Nothing to open: the page draws an expander only for several notices or a refused version.
    assert told(loaded, {"country": "IRN"}) == [] and loaded.refused == ()
    assert all("<details" not in card for card in cards(shown))


def test_a_discrepancy_is_shown_side_by_side(loaded):
    iran = cards(planned(loaded, {"country": "IRN"}))
    bodies = "\n".join(iran)
    assert "<th>The article says</th>" in bodies and ">Reuters, 2012-03-22</a> says</th>" in bodies
    assert "In 2010 the CCP signed a US$130 million agreement with ZTE" in bodies
    assert "In December 2010 the Telecommunication Company of Iran signed a €98.6 million" in bodies
    assert "What differs: buyer; what the amount covers" in [line for c in iran for line in card_lines(c)]


def test_not_found_says_what_was_searched(loaded):
    first = card_lines(cards(planned(loaded, {"country": "IRN"}))[0])
    assert first[3].startswith(
        "No independent source found. Searched: Four English news searches on Iran adopting"
    )


def test_the_english_original_is_linked_where_it_could_be_read(loaded):
    bodies = "\n".join(cards(planned(loaded, {"country": "ECU"})))
    assert "The same passage in the English original (paragraph 2)</a>" in bodies
    assert "#:~:text=financed%20by%20Chinese%20loans%20in%20exchange%20for%20oil" in bodies


def test_a_further_passage_is_weighed_on_its_events_card_beside_what_the_sources_say(loaded):
    card = cards(planned(loaded, {"country": "ECU"}))[0]
    assert [line for line in card_lines(card) if line.startswith("On a further passage")] == [
        "On a further passage: “今天，那里犯罪仍然猖獗，但警察和内部情报界只监控…”",
        # once, though two sources weigh it
        "On a further passage: “在厄瓜多尔，作为中共建立的视频监控系统的一部分，…”",
    ]
    cells = [html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<td\b.*?</td>", card)]
    said = dict(zip(cells[::2], cells[1::2], strict=True))  # article says -> source says, side by side
    disappearing = next(a for a in said if "disappearing political opponents" in a)
    assert "'following, intimidating and attacking' political opponents" in said[disappearing]
    assert (
        "Note on the further passage “在厄瓜多尔，作为中共建立的视频监控系统的一部分，…” (this project's): "
        "The same Ecuadorian system as this event's first passage, described a second time"
        in " ".join(card_lines(card))
    )


def _texts(package, table: str, event_id: str, lang: str) -> list[str]:
    """The project's texts of one language in a table's rows about an event."""
    rows = package[table].astype("string").fillna("")
    rows = rows[rows["event_id"] == event_id]
    columns = [c for c in rows.columns if c.endswith(f"_{lang}") and c != "passage_en"]
    return [text for c in columns for text in rows[c] if text and c not in ("actor_en",)]


@pytest.mark.parametrize(
    ("link", "ids"),
    [
        ({"country": "IRN"}, ["E006", "E007"]),  # a country's own claims: a search, a discrepancy
        ({"country": "KGZ"}, ["E014", "E005", "E015"]),  # its own, then claims about groups that include it
        ({}, ["E012", "E013"]),  # the counted claims, which name no country
    ],
)
def test_in_chinese_every_card_gives_the_projects_chinese_texts_and_none_of_its_english(
    loaded, package, link, ids
):
    shown = planned(loaded, {"lang": "zh", **link})
    assert card_ids(shown) == ids
    for event_id, card in zip(ids, cards(shown), strict=True):
        text = html.unescape(re.sub(r"<[^>]+>", " ", card))
        tables = ("events", "corroborations", "original_passages")
        chinese = [t for table in tables for t in _texts(package, table, event_id, "zh")]
        english = [t for table in tables for t in _texts(package, table, event_id, "en")]
        translation = " ".join(package["event_passages"].query("event_id == @event_id")["passage_en"])
        translation += package["events"].set_index("event_id").loc[event_id, "passage_en"]
        assert chinese and [zh for zh in chinese if zh not in text] == [], event_id
        # None of the English texts shows, bar a place name the English translation beside the passage holds.
        assert [en for en in english if en in text and en not in translation] == [], event_id
        summary_zh = package["events"].set_index("event_id").loc[event_id, "summary_zh"]
        assert f"本项目的摘要：{summary_zh}" in card_lines(card)  # labelled as the project's own


# In Chinese


def test_a_countrys_page_in_chinese(loaded):
    shown = planned(loaded, {"lang": "zh", "focus": "BOL", "country": "BOL"})
    assert shown.title == "已报道的安全合作：各国已报道事件"
    assert shown.summary == "玻利维亚：1 起事件；2010–2016，另有 1 起未注明年份；全部类别"
    assert headings(shown, "header")[0] == "玻利维亚"
    assert "文章第 20 段 · 中文，由 GNews 发布；由 Jenny Ball 译自英文原文" in "\n".join(cards(shown))
    assert shown.address == {"country": "BOL", "lang": "zh"}
    assert list(shown.table_page(page(len(shown.selected), 1, TABLE_ROWS)).columns)[:3] == [
        "事件",
        "结论",
        "国家或群体",
    ]


# Citing


def test_the_citation_names_the_version_the_view_and_its_link(loaded):
    shown = planned(loaded, {"country": "IRN", "q": "ZTE network"})  # no address or time zone from a browser
    assert shown.citation == (
        "Reported security cooperation (version 0.4.1) [Data set]. View: Iran: 1 event; 2010–2016; all "
        "categories; matching “ZTE network”. Retrieved 2026-03-01, from ?country=IRN&q=ZTE+network. What the "
        "sources report, attributed; not established fact."
    )

    def listed(shown) -> list[str]:
        sources = shown.source_entries(page(len(shown.ready.cited_sources), 1, PANEL_CARDS))
        return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br>|</p>", "\n", sources))).splitlines()

    english = listed(shown)
    assert len(english) == 4 and english[1::2] == [
        "Usage: Copyright The Epoch Times. Not stored here; cited by link.",
        "Usage: Copyright of its publisher and translator. Stored unchanged so that every quoted passage can "
        "be checked and read in its paragraph; quote short passages with attribution. The platform's notice "
        "says the text represents the author's own views.",
    ]
    assert english[::2] == [
        "Antonio Graceffo, “Beijing Uses Police and Security Training to Infiltrate Foreign Countries”, The "
        "Epoch Times, 2021-12-17.",
        "Antonio Graceffo, “北京利用警察和安全培训渗透外国”, GNews, date not stated, translated by "
        "Jenny Ball.",
    ]
    assert listed(planned(loaded, {"country": "IRN", "q": "ZTE network", "lang": "zh"}))[::2] == [
        "Antonio Graceffo，“Beijing Uses Police and Security Training to Infiltrate Foreign Countries”，The "
        "Epoch Times，2021-12-17。",
        "Antonio Graceffo，“北京利用警察和安全培训渗透外国”，GNews，未注明日期，Jenny Ball 译。",
    ]


def test_another_package_is_cited_by_its_own_title_and_version(data_copy):
    descriptor = json.loads((data_copy.root / "datapackage.json").read_text(encoding="utf-8"))
    descriptor.update(title="A curator's own package", version="9.9.9", description="What *we* collected.")
    del descriptor["title_zh"], descriptor["description_zh"]
    (data_copy.root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    other = loading.loaded(data_copy.root)
    shown = planned(other, {"country": "IRN"})
    files = {d.file_name: d.data() for d in shown.tables()}
    document = json.loads(files["reported-cooperation_Iran.json"])
    assert (document["dataset"], document["version"]) == ("A curator's own package", "9.9.9")
    assert document["count"] == 2
    assert b",9.9.9\r\n" in files["reported-cooperation_Iran.csv"]
    assert literal(shown.description) == r"What \*we\* collected\."  # its intro, as plain text
    assert shown.citation.startswith("A curator's own package (version 9.9.9) [Data set]. View: Iran: 2")
    zh = planned(other, {"lang": "zh"})  # no Chinese title or intro of its own: the English ones
    assert zh.citation.startswith("A curator's own package（版本 9.9.9）[数据集]。")
