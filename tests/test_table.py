"""The events table as the page shows it, in both languages."""

from __future__ import annotations

from coopmap.filters import Filters
from coopmap.paging import TABLE_ROWS, page
from coopmap.ui.table import COLUMNS, above, column_config, count, height, shown_table


def _table(ready, lang: str, **filters):
    selected = ready.full(ready.select(Filters(**filters)).selected, COLUMNS)  # all it needs
    return shown_table(selected, ready.package, ready.names[lang], ready.labels[lang], lang)


def test_the_table_in_english_gives_the_verdict_first_then_partner_year_category_and_summary(ready):
    rows = _table(ready, "en", countries=("IRN",)).to_dict("records")
    assert [{k: v for k, v in r.items() if k != "Summary"} for r in rows] == [
        {
            "Event": "E006",
            "Verdict": "○ Not found",
            "Country or group": "Iran",
            "Year": "not stated",
            "Category": "Surveillance system",
        },
        {
            "Event": "E007",
            "Verdict": "◐ Partly",
            "Country or group": "Iran",
            "Year": "2010",
            "Category": "Surveillance system",
        },
    ]
    assert rows[1]["Summary"].startswith("The article reports, in its paragraph on Iran, that in 2010")


def test_the_table_in_chinese_shows_the_chinese_summary(ready):
    rows = _table(ready, "zh", countries=("IRN",)).to_dict("records")
    assert rows[1] == {
        "事件": "E007",
        "结论": "◐ 部分证实",
        "国家或群体": "伊朗",
        "年份": "2010",
        "类别": "监控系统",
        "摘要": "文章在其关于伊朗的段落中报道称，2010 年中共与国有科技公司中兴通讯签署了一项 1.3 亿美元"
        "的协议，在政府管理的电话和互联网网络上安装监控系统。",
    }


def test_every_verdict_has_a_short_word_in_both_languages(ready):
    verdicts = {
        lang: sorted(set(_table(ready, lang)[column])) for lang, column in (("en", "Verdict"), ("zh", "结论"))
    }
    assert verdicts == {
        "en": ["○ Not found", "◐ Partly", "✔ Confirmed"],
        "zh": ["○ 未找到", "◐ 部分证实", "✔ 已证实"],
    }  # the verdicts the dataset holds


def test_the_source_is_not_repeated_in_every_row_the_footer_names_it_once(ready):
    assert not {"Source", "Scope"} & set(_table(ready, "en"))
    assert not {"来源", "范围"} & set(_table(ready, "zh"))


def test_a_group_claim_is_named_by_its_group(ready):
    rows = _table(ready, "en", countries=("KGZ",)).to_dict("records")
    assert [(r["Event"], r["Country or group"]) for r in rows] == [
        ("E005", "Central Asia"),
        ("E014", "Kyrgyzstan"),
        ("E015", "Shanghai Cooperation Organisation (SCO)"),
    ]


def test_the_id_stays_in_the_data_but_is_hidden_and_every_shown_column_has_a_fixed_width(ready):
    config = column_config("en")
    assert config == {
        "Event": {"hidden": True},
        "Verdict": {"width": 110, "help": "What independent reporting says"},
        "Country or group": {"width": 150},
        "Year": {"width": 60},
        "Category": {"width": 140},
        "Summary": {"width": 420},
    }
    assert list(config) == list(_table(ready, "en"))  # a setting for every column, none for another
    assert list(column_config("zh")) == list(_table(ready, "zh"))


def test_the_count_says_how_many_events_or_which_rows_of_how_many():
    assert count(page(15, 1, TABLE_ROWS), "en") == "15 events"
    assert count(page(1, 1, TABLE_ROWS), "en") == "1 event"
    assert count(page(120, 3, TABLE_ROWS), "en") == "Events 101–120 of 120"
    assert count(page(15, 1, TABLE_ROWS), "zh") == "共 15 起事件"
    assert count(page(12408, 2, TABLE_ROWS), "zh") == "事件：第 51–100 条，共 12,408 条"


def test_the_line_above_the_table_counts_and_links_down_to_the_opened_event():
    assert above(page(15, 1, TABLE_ROWS), "", "en") == "15 events"
    assert above(page(15, 1, TABLE_ROWS), "Iran: Surveillance system (2010)", "en") == (
        r"15 events · [Iran\: Surveillance system \(2010\)\: read it below the table](#event)"
    )  # the heading's words literal, never Markdown
    assert above(page(120, 1, TABLE_ROWS), "", "en") == ""  # the pager above gives the rows
    assert above(page(2, 1, TABLE_ROWS), "伊朗：监控系统（2010）", "zh") == (
        "共 2 起事件 · [伊朗：监控系统（2010）：见表格下方](#event)"
    )


def test_the_table_is_as_tall_as_its_rows_up_to_six():
    assert height(2) == 182  # header, two rows of 72 px (three lines each) and the grid's border
    assert height(6) == height(15) == 470
