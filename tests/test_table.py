"""The events table as the page shows it, in both languages."""

from __future__ import annotations

from coopmap.filters import Filters
from coopmap.ui.table import COLUMNS, height, shown_table


def _table(ready, lang: str, **filters):
    selected = ready.full(ready.select(Filters(**filters)).selected, COLUMNS)  # all it needs
    return shown_table(selected, ready.package, ready.names[lang], ready.labels[lang], lang)


def test_the_table_in_english_gives_partner_year_category_verdict_summary_and_scope(ready):
    rows = _table(ready, "en", countries=("IRN",)).to_dict("records")
    assert [[*list(r.values())[:5], r["Scope"]] for r in rows] == [
        ["E006", "Iran", "not stated", "Surveillance system", "○ No independent source found", "Country"],
        ["E007", "Iran", "2010", "Surveillance system", "◐ Partly confirmed", "Country"],
    ]
    assert list(rows[0]) == ["Event", "Country or group", "Year", "Category", "Independent reporting",
                             "Summary", "Source", "Scope"]  # fmt: skip
    assert {r["Source"] for r in rows} == {
        "GNews, date not stated"
    }  # the source's short name, as cards give it


def test_the_table_in_chinese_shows_the_chinese_summary(ready):
    rows = _table(ready, "zh", countries=("IRN",)).to_dict("records")
    assert rows[1] == {
        "事件": "E007", "国家或群体": "伊朗", "年份": "2010", "类别": "监控系统", "独立报道": "◐ 部分证实",
        "摘要": "文章在其关于伊朗的段落中报道称，2010 年中共与国有科技公司中兴通讯签署了一项 1.3 亿美元"
                "的协议，在政府管理的电话和互联网网络上安装监控系统。",
        "来源": "GNews, 未注明日期",
        "范围": "国家",
    }  # fmt: skip


def test_a_group_claim_is_named_by_its_group(ready):
    rows = _table(ready, "en", countries=("KGZ",)).to_dict("records")
    assert [(r["Event"], r["Country or group"]) for r in rows] == [
        ("E005", "Central Asia"), ("E014", "Kyrgyzstan"), ("E015", "Shanghai Cooperation Organisation (SCO)"),
    ]  # fmt: skip


def test_the_table_is_as_tall_as_its_rows_up_to_a_limit():
    assert height(2) == 108  # header and two rows of 35 px, and the grid's border
    assert height(15) == 420
