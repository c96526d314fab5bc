"""The sentences and labels the page shows: summary line, map in words, card facts, status badges."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from coopmap.counts import map_counts, tally
from coopmap.dataset.status import STATUSES
from coopmap.filters import Filters
from coopmap.paging import page
from coopmap.ui.words import (
    UndatedOffer,
    actor,
    bilingual_names,
    card_facts,
    check_details,
    event_heading,
    full_link,
    map_in_words,
    page_range,
    reader_date,
    status_badge,
    status_word,
    undated_offer,
    view_citation,
    view_line,
)


def _map_words(ready, filters: Filters, lang: str = "en", show_groups: bool = True) -> str:
    selected = ready.select(filters).selected
    counts = map_counts(selected, ready.package, ready.members, ready.group_names[lang], lang)
    return map_in_words(counts, ready.names[lang], ready.group_names[lang], show_groups, lang)


def test_the_map_in_words_names_the_most_reported_countries_then_the_groups_shown(ready):
    assert _map_words(ready, Filters()) == (
        "Most reported under these filters: Iran (2), Argentina (1), Bolivia (1), Ecuador (1), "
        "Jamaica (1), Kyrgyzstan (1), Liberia (1). Group claims shown: Africa, 18 countries using "
        "intelligence surveillance systems made by the CCP (countries named by later sources; partial), "
        "36 countries given the CCP's 'public opinion guidance' training (countries named by later sources; "
        "partial), Association of Southeast Asian Nations (ASEAN), Central Asia, Shanghai Cooperation "
        "Organisation (SCO)."
    )


def test_the_map_in_words_leaves_groups_out_when_they_are_hidden_and_says_when_nothing_is_reported(ready):
    assert _map_words(ready, Filters(countries=("KGZ",)), show_groups=False) == (
        "Most reported under these filters: Kyrgyzstan (1)."
    )
    assert _map_words(ready, Filters(search="xyz")) == (
        "No country has its own reported event under these filters."
    )


def test_the_map_in_words_in_chinese(ready):
    assert (
        _map_words(ready, Filters(countries=("IRN",)), "zh", show_groups=False)
        == "当前筛选下报道最多：伊朗 (2)。"
    )


def test_a_cards_facts_are_one_line_in_the_readers_language_with_no_id(ready):
    assert card_facts(ready.cards["en"]["E001"]) == (
        "Ecuador · Surveillance system · 2011 · the 'CCP state' (designer of the system) (中共国)"
    )
    assert card_facts(ready.cards["zh"]["E001"], "zh") == "厄瓜多尔 · 监控系统 · 2011 · 中共国"


def test_a_check_says_what_its_source_gives(ready):
    (reuters,) = ready.cards["en"]["E007"].checks
    assert check_details(reuters, "en") == (
        "Reuters, 2012-03-22 gives: Year: 2010; Amount: US$130,600,000; Actor: ZTE (seller); "
        "Telecommunication Company of Iran (buyer); Place: Iran; Countries named (complete list): Iran"
    )
    (voa,) = ready.cards["en"]["E013"].checks
    assert check_details(voa, "en").startswith(
        "Voice of America (via WTOP), date not stated gives: Year: 2018; Countries named (partial list): "
        "Bangladesh, Cambodia,"
    )


def test_a_search_that_found_nothing_gives_no_details(ready):
    searched = [c for card in ready.cards["en"].values() for c in card.checks if c.source is None]
    assert searched and {check_details(c, "en") for c in searched} == {""}


def test_a_status_badge_is_its_symbol_and_short_words():
    assert status_badge("partly", "en") == "◐ Partly confirmed"
    assert status_badge("partly", "zh") == "◐ 部分证实"
    assert status_badge("not_found", "en") == "○ No independent source found"


def test_a_status_word_is_short_enough_for_the_tables_narrow_column():
    assert [status_word(s, "en") for s in STATUSES] == [
        "✔ Confirmed",
        "◐ Partly",
        "✖ Contradicted",
        "⚠ Sources disagree",
        "○ Not found",
    ]
    assert [status_word(s, "zh") for s in STATUSES] == [
        "✔ 已证实",
        "◐ 部分证实",
        "✖ 相矛盾",
        "⚠ 来源说法不一",
        "○ 未找到",
    ]


def test_an_opened_event_is_headed_by_its_partner_category_and_year_not_its_id(ready):
    assert event_heading(ready.cards["en"]["E007"], "en") == "Iran: Surveillance system (2010)"
    assert event_heading(ready.cards["en"]["E006"], "en") == "Iran: Surveillance system (year not stated)"
    assert event_heading(ready.cards["zh"]["E015"], "zh") == "上海合作组织（上合组织）：联合演习（2016）"


def test_country_options_carry_both_names_where_they_differ(ready):
    assert bilingual_names(ready.names, "en", ready.aliases)["IRN"] == "Iran · 伊朗"
    assert bilingual_names(ready.names, "zh", ready.aliases)["IRN"] == "伊朗 · Iran"
    assert bilingual_names(ready.names, "en", ready.aliases)["XKX"] == "Kosovo"


def test_country_options_carry_the_aliases_their_names_leave_out(ready):
    en, zh = (bilingual_names(ready.names, lang, ready.aliases) for lang in ("en", "zh"))
    assert en["CIV"] == "Côte d'Ivoire · 科特迪瓦 (Ivory Coast / 象牙海岸)"
    assert zh["CIV"] == "科特迪瓦 · Côte d'Ivoire（Ivory Coast / 象牙海岸）"
    assert en["TUR"] == "Türkiye · 土耳其 (Turkey)"
    assert en["RUS"] == "Russia · 俄罗斯"
    assert en["COD"] == "DR Congo · 刚果（金） (Democratic Republic of the Congo / 刚果民主共和国)"


SUMMARIES = [
    (
        {},
        "8 events in 7 countries; 5 claims about 4 regions or blocs; 2 counted claims; "
        "2010–2016 and 10 without a stated year; all categories",
    ),
    ({"countries": ("IRN",)}, "Iran: 2 events; 2010–2016 and 1 without a stated year; all categories"),
    (
        {"countries": ("SGP",)},
        "Singapore: 0 events; 2 claims about groups that include Singapore; "
        "2010–2016 and 2 without a stated year; all categories",
    ),
    (
        {"countries": ("DEU",)},
        "Germany: 0 events; 1 claim about a group that includes Germany; "
        "2010–2016 and 1 without a stated year; all categories",
    ),
    (
        {"countries": ("KGZ",)},
        "Kyrgyzstan: 1 event; 2 claims about groups that include Kyrgyzstan; "
        "2010–2016 and 1 without a stated year; all categories",
    ),
    (
        {"countries": ("IRN", "ECU")},
        "Ecuador, Iran: 3 events; 2010–2016 and 1 without a stated year; all categories",
    ),
    (
        {"countries": ("IRN", "ECU", "KGZ", "SGP")},
        "4 countries: 4 events; 4 claims about groups that include 4 countries; "
        "2010–2016 and 4 without a stated year; all categories",
    ),
    (
        {"years": (2010, 2014)},
        "3 events in 3 countries; 2010–2014 (10 without a stated year left out); all categories",
    ),
    (
        {"years": (2010, 2014), "include_undated": False},
        "3 events in 3 countries; 2010–2014 (10 without a stated year left out); all categories",
    ),
    (
        {"years": (2016, 2016)},
        "1 event in 1 country; 1 claim about 1 region or bloc; 2016 (10 without a stated year left out); "
        "all categories",
    ),
    (
        {"years": (2016, 2016), "include_undated": True},
        "5 events in 5 countries; 5 claims about 4 regions or blocs; 2 counted claims; "
        "2016 and 10 without a stated year; all categories",
    ),
    (
        {"include_undated": False},
        "4 events in 4 countries; 1 claim about 1 region or bloc; "
        "2010–2016 (10 without a stated year left out); all categories",
    ),
    (
        {"countries": ("ECU",), "years": (2011, 2011)},
        "Ecuador: 1 event; 2011, dated events only; all categories",
    ),
    (
        {"categories": ("joint_exercise", "facility")},
        "2 events in 2 countries; 1 claim about 1 region or bloc; 2010–2016 and 1 without a stated year; "
        "Facility, Joint exercise",
    ),
    (
        {"statuses": ("partly", "confirmed")},
        "7 events in 7 countries; 4 claims about 3 regions or blocs; 2 counted claims; "
        "2010–2016 and 8 without a stated year; all categories; independent reporting: "
        "Confirmed, Partly confirmed",
    ),
    (
        {"actors": ("华为", "中兴通讯")},
        "1 event in 1 country; 1 claim about 1 region or bloc; 2010–2016 and 1 without a stated year; "
        "all categories; actors: 中兴通讯, 华为",
    ),
    (
        {"scopes": ("group", "aggregate")},
        "5 claims about 4 regions or blocs; 2 counted claims; 2010–2016 and 6 without a stated year; "
        "all categories; scope: Region or bloc, Counted claim (no country named)",
    ),
    ({"search": "  ZTE   iran "}, "1 event in 1 country; 2010–2016; all categories; matching “ZTE iran”"),
]


def _summary(ready, filters: Filters, lang: str = "en") -> str:
    selection = ready.select(filters)
    counted = tally(selection.selected, selection.undated_left_out)
    return view_line(counted, filters, ready.span, ready.labels[lang], lang, ready.names[lang])


@pytest.mark.parametrize(("kwargs", "line"), SUMMARIES)
def test_summary_says_what_is_shown(ready, kwargs, line):
    assert _summary(ready, Filters(**kwargs)) == line


def test_summary_of_nothing(ready):
    nothing = Filters(countries=("ARG",), scopes=("aggregate",))
    assert _summary(ready, nothing) == (
        "Argentina: 0 events; 2010–2016; all categories; scope: Counted claim (no country named)"
    )
    assert _summary(ready, Filters(search="xyz")) == ("0 events; 2010–2016; all categories; matching “xyz”")


@pytest.mark.parametrize(
    ("kwargs", "line"),
    [
        ({"countries": ("IRN",)}, "伊朗：2 起事件；2010–2016，另有 1 起未注明年份；全部类别"),
        (
            {"countries": ("SGP",), "years": (2016, 2016)},
            "新加坡：0 起事件；2016（另有 2 起未注明年份的事件未显示）；全部类别",
        ),
        (
            {"statuses": ("not_found",), "categories": ("agreement",)},
            "1 项报道涉及1 个地区或集团；2010–2016，另有 1 起未注明年份；合作协议；独立报道：未找到独立来源",
        ),
    ],
)
def test_summary_in_chinese(ready, kwargs, line):
    assert _summary(ready, Filters(**kwargs), "zh") == line


def _offer(ready, lang: str = "en", **filters):
    f = Filters(**filters)
    selection = ready.select(f)
    return undated_offer(tally(selection.selected, selection.undated_left_out), f, lang)


def test_a_year_range_offers_to_show_the_undated_events_it_leaves_out(ready):
    assert _offer(ready, years=(2014, 2016)) == UndatedOffer(
        "+10 events without a stated year are not shown: the years above are those the article states.",
        "Show them",
        "show_undated",
        True,
    )


def test_undated_events_taken_in_can_be_left_out_again_and_no_range_offers_nothing(ready):
    assert _offer(ready, "zh", years=(2014, 2016), include_undated=True) == UndatedOffer(
        "包括 10 起未注明年份的事件。", "不显示", "hide_undated", False
    )
    assert _offer(ready) is None
    assert _offer(ready, years=(2014, 2016), include_undated=False, scopes=("aggregate",)) == UndatedOffer(
        "+2 events without a stated year are not shown: the years above are those the article states.",
        "Show them",
        "show_undated",
        True,
    )


def test_a_page_says_which_items_it_shows_of_how_many():
    assert page_range(page(12408, 2, 50), "en") == "51–100 of 12,408"
    assert page_range(page(12408, 999, 50), "zh") == "第 12,401–12,408 条，共 12,408 条"  # the last


NOW = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)


def test_the_reading_date_is_the_readers_own_and_falls_back_to_utc():
    assert reader_date("Asia/Shanghai", NOW) == date(2026, 11, 30)  # already tomorrow in Beijing
    assert reader_date("America/Lima", NOW) == date(2026, 11, 29)
    for unknown in (None, "", "Mars/Olympus", "../../etc/passwd", "/etc/localtime"):
        assert reader_date(unknown, NOW) == date(2026, 11, 29)


@pytest.mark.parametrize(
    "forged",
    [
        "x" * 300,  # longer than a file name may be
        "Europe/" + "x" * 5000,
        "UTC\x00",
        "\x00",
        "../../etc/passwd",
        "/etc/localtime",
        "America",  # a folder of zones, not a zone
        "Etc",
        "UTC/../../x",
        "America/../Asia/Tokyo",
        "",
        " UTC",
        "Asia/上海",
        "\ud800",
        "Mars/Olympus",
    ],
)
def test_a_forged_time_zone_falls_back_to_utc(forged):
    assert reader_date(forged, NOW) == date(2026, 11, 29)


def test_a_views_full_link_is_the_address_the_browser_shows():
    assert full_link("https://example.org/coop/", "?country=IRN") == "https://example.org/coop/?country=IRN"
    # the root, with the slash the address bar shows
    assert full_link("http://127.0.0.1:8501", "?lang=zh") == "http://127.0.0.1:8501/?lang=zh"
    assert full_link("https://example.org/", "") == "https://example.org/"
    assert full_link(None, "?country=IRN") == "?country=IRN"  # a page that never said where it is
    # a forged address keeps its place, never its own query: the view's alone
    forged = "http://127.0.0.1:8501/coop/?country=" + "X," * 250_000 + "#top"
    assert full_link(forged, "?lang=zh") == "http://127.0.0.1:8501/coop/?lang=zh"


def test_a_view_is_cited_with_its_full_link_and_the_date_it_was_read_in_both_languages():
    args = ("Reported security cooperation", "0.2.1", "Iran: 2 events")
    assert view_citation(*args, "https://example.org/coop/?country=IRN", date(2026, 11, 29), "en") == (
        "Reported security cooperation (version 0.2.1) [Data set]. View: Iran: 2 events. Retrieved "
        "2026-11-29, from https://example.org/coop/?country=IRN. What the sources report, attributed; "
        "not established fact."
    )
    in_chinese = ("已报道的安全合作", "0.2.1", "伊朗：2 起事件", "https://example.org/")
    assert view_citation(*in_chinese, date(2026, 11, 29), "zh") == (
        "已报道的安全合作（版本 0.2.1）[数据集]。视图：伊朗：2 起事件。2026-11-29 检索自 https://example.org/。"
        "以上为来源的报道，注明出处，并非既定事实。"
    )
    assert "from (all events)." in view_citation(*args, "", date(2026, 11, 29), "en")


def test_an_actor_is_named_as_the_source_names_it_with_the_projects_english(ready):
    assert actor("中兴通讯", ready.actors, "en") == "ZTE (中兴通讯)"
    assert actor("中兴通讯", ready.actors, "zh") == "中兴通讯 · ZTE"
