"""A download holds exactly the rows shown, each with its source, safe to open in a spreadsheet."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopmap import export
from coopmap.dataset.package import descriptor
from coopmap.export import EXPORT_COLUMNS, csv_file, file_name, json_file, neutralise, table, to_csv, to_json
from coopmap.filters import Filters

EPOCH_TIMES_URL = (
    "https://www.theepochtimes.com/beijing-uses-police-and-security-training-to-infiltrate-foreign-countries"
    "_4161229.html"
)


@pytest.fixture(scope="module")
def events(ready):
    """The events as the page holds them, each with the status it computed."""
    return ready.events


@pytest.fixture(scope="module")
def selected(ready):
    def selected(filters: Filters):
        """What the page's download holds under these filters: the selected events, every column."""
        return ready.full(ready.select(filters).selected)

    return selected


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_table_has_exactly_the_selected_rows_in_order(package, selected):
    frame = table(selected(Filters(countries=("KGZ",))), package)
    assert list(frame.columns) == list(EXPORT_COLUMNS)
    assert list(frame["event_id"]) == ["E005", "E014", "E015"]


def test_a_country_row_carries_its_names_and_both_sources(package, selected):
    frame = table(selected(Filters(countries=("IRN",))), package)
    assert list(frame["event_id"]) == ["E006", "E007"]
    row = frame.iloc[1].to_dict()
    assert pd.isna(row.pop("count_stated"))
    assert row.pop("notes_en").startswith(
        "The sentence names 中共 (CCP) as ZTE's counterparty and no country"
    )
    assert row.pop("notes_zh").startswith("该句称中共为中兴通讯的协议对方，未提到任何国家")
    assert row == {
        "event_id": "E007",
        "scope": "country",
        "country_iso3": "IRN",
        "country_name_en": "Iran",
        "country_name_zh": "伊朗",
        "group_id": "",
        "group_name_en": "",
        "group_name_zh": "",
        "year": 2010,
        "category": "surveillance_system",
        "category_label_en": "Surveillance system",
        "category_label_zh": "监控系统",
        "actor": "中兴通讯",
        "actor_en": "ZTE",
        "amount_usd": 130000000,
        "amount_text": "1.3 亿美元",
        "financing": "",
        "count_unit": "",
        "place": "",
        "summary_en": "The article reports, in its paragraph on Iran, that in 2010 the CCP signed a "
        "US$130 million agreement with the state-owned technology company ZTE to install surveillance "
        "systems on government-run telephone and internet networks.",
        "summary_zh": "文章在其关于伊朗的段落中报道称，2010 年中共与国有科技公司中兴通讯签署了一项 1.3 亿美元"
        "的协议，在政府管理的电话和互联网网络上安装监控系统。",
        "passage": "2010 年，中共与国有科技公司中兴通讯签署了一项价值 1.3 亿美元的协议，"
        "在政府管理的电话和互联网网络上安装监控系统。",
        "passage_en": "In 2010, the CCP signed an agreement worth US$130 million with the state-owned "
        "technology company ZTE to install surveillance systems on government-run telephone and "
        "internet networks.",
        "source_id": "gnews-zh-1771034",
        "source_title": "北京利用警察和安全培训渗透外国",
        "source_publisher": "GNews",
        "source_author": "Antonio Graceffo",
        "source_translator": "Jenny Ball",
        "source_date": "",
        "source_url": "https://gnews.org/zh-hans/1771034/",
        "original_source_id": "epochtimes-4161229",
        "original_title": "Beijing Uses Police and Security Training to Infiltrate Foreign Countries",
        "original_url": EPOCH_TIMES_URL,
        "original_date": "2021-12-17",
        "corroboration": "partly",
        "corroborating_sources": "reuters-2012-03-22-zte",
        "corroborating_urls": "https://www.reuters.com/article/iran-telecoms-upda/update-2-special-report-chinese-firm-"
        "helps-iran-spy-on-citizens-idUSL3E8EM4QW20120322",
        "dataset_version": "0.4.1",
    }


def test_group_and_aggregate_rows_carry_the_group_name_and_no_country(package, selected):
    frame = table(selected(Filters(scopes=("group", "aggregate"))), package).set_index("event_id")
    names = ["country_name_en", "country_name_zh", "group_name_en", "group_name_zh"]
    assert frame.loc[["E005", "E012"], names].to_dict("index") == {
        "E005": {
            "country_name_en": "",
            "country_name_zh": "",
            "group_name_en": "Central Asia",
            "group_name_zh": "中亚",
        },
        "E012": {
            "country_name_en": "",
            "country_name_zh": "",
            "group_name_en": "18 countries using intelligence surveillance systems made by the CCP",
            "group_name_zh": "使用中共制造的情报监控系统的 18 个国家",
        },
    }
    assert list(frame.index) == ["E003", "E004", "E005", "E008", "E012", "E013", "E015"]


def test_corroboration_is_the_status_the_page_computed(package, events):
    assert list(table(events, package)["corroboration"]) == [
        "partly",
        "partly",
        "partly",
        "confirmed",
        "not_found",
        "not_found",
        "partly",
        "partly",
        "partly",
        "partly",
        "partly",
        "partly",
        "partly",
        "confirmed",
        "confirmed",
    ]
    # The column is read, not recomputed: the file holds what the page showed.
    shown = table(events.assign(status="conflicting").head(2), package)
    assert list(shown["corroboration"]) == ["conflicting", "conflicting"]


def test_an_empty_selection_gives_only_the_header(package, selected):
    frame = table(selected(Filters(years=(2013, 2013))), package)
    assert list(frame.columns) == list(EXPORT_COLUMNS)
    assert to_csv([frame]).decode("utf-8-sig") == ",".join(EXPORT_COLUMNS) + "\r\n"
    assert json.loads(to_json([frame], 0, "2013", package))["count"] == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+x", "'+x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("  =1+1", "'  =1+1"),
        ("\n=1+1", "'\n=1+1"),
        ("\u3000+1", "'\u3000+1"),
        ("\xa0-1", "'\xa0-1"),
        ("＝1+1", "'＝1+1"),
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠SUM(A1)", "'＠SUM(A1)"),
        (" \n ＝1", "' \n ＝1"),
        ("2010", "2010"),
        ("a=b", "a=b"),
        ("a＝b", "a＝b"),
        ("  plain", "  plain"),
        ("中共", "中共"),
        ("", ""),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_reads_back_with_every_row_and_the_chinese_intact(package, events):
    frame = table(events, package)
    data = to_csv([frame])
    assert data.startswith(codecs.BOM_UTF8)
    rows = csv_rows(data)
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert [row["event_id"] for row in rows] == list(package["events"]["event_id"])
    e007 = next(row for row in rows if row["event_id"] == "E007")
    assert (e007["actor"], e007["year"], e007["amount_usd"], e007["place"]) == (
        "中兴通讯",
        "2010",
        "130000000",
        "",
    )


def test_csv_neutralises_formulas_in_text_and_leaves_numbers(package, selected):
    frame = table(
        selected(Filters(countries=("ECU", "LBR", "IRN", "BOL", "JAM"), scopes=("country",))),
        package,
    )
    frame["summary_en"] = ["=1+1", "-2", "@SUM(A1)", "+x", "\tx", "plain"]
    rows = csv_rows(to_csv([frame]))
    assert [(row["event_id"], row["year"], row["summary_en"]) for row in rows] == [
        ("E001", "2011", "'=1+1"),
        ("E002", "2014", "'-2"),
        ("E006", "", "'@SUM(A1)"),
        ("E007", "2010", "'+x"),
        ("E009", "", "'\tx"),
        ("E010", "", "plain"),
    ]


@pytest.mark.parametrize(
    ("summary", "cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'),
        ("+1", "'+1", "'+1"),
        ("-1", "'-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx", "'\tx"),
        ("\rx", "'\rx", '"\'\rx"'),  # a carriage return also makes the writer quote the cell
        ("  =1+1", "'  =1+1", "'  =1+1"),  # the apostrophe goes before the whitespace too
        ("\n=1+1", "'\n=1+1", '"\'\n=1+1"'),
        ("＝1+1", "'＝1+1", "'＝1+1"),
        ("a=b", "a=b", "a=b"),  # only the first character after any whitespace counts
    ],
)
def test_a_cell_a_spreadsheet_would_run_gets_a_leading_apostrophe_in_the_csv(
    package, selected, summary, cell, written
):
    frame = table(selected(Filters(countries=("IRN",), years=(2010, 2010))), package)
    assert list(frame["event_id"]) == ["E007"]  # one real row, its summary replaced
    frame["summary_en"] = summary
    data = to_csv([frame])
    (row,) = csv_rows(data)
    assert (row["summary_en"], row["year"], row["amount_usd"]) == (cell, "2010", "130000000")
    assert f",{written},".encode() in data  # the cell as the file holds it


def test_the_columns_are_the_same_in_either_language_and_hold_both(package, selected):
    frame = table(selected(Filters(countries=("KGZ",))), package)
    assert list(frame.columns) == list(EXPORT_COLUMNS)
    rows = frame.set_index("event_id")
    names = rows[
        ["country_name_zh", "group_name_zh", "category_label_zh", "corroboration", "dataset_version"]
    ]
    assert list(names.itertuples(name=None)) == [
        ("E005", "", "中亚", "合作协议", "not_found", "0.4.1"),
        ("E014", "吉尔吉斯斯坦", "", "联合演习", "confirmed", "0.4.1"),
        ("E015", "", "上海合作组织（上合组织）", "联合演习", "confirmed", "0.4.1"),
    ]
    assert list(rows["country_name_en"]) == ["", "Kyrgyzstan", ""]
    # The source's own words stay as they are; the project's texts are there in both languages.
    actors = rows[["actor", "actor_en"]]
    assert list(actors.itertuples(index=False, name=None)) == [
        ("北京市公安局", "Beijing Municipal Public Security Bureau"),
        ("中共士兵", "CCP soldiers"),
        ("中共士兵", "CCP soldiers"),
    ]
    assert rows.loc["E014", "summary_zh"].startswith("文章中的一则图片说明称，2016 年 9 月 19 日，中共士兵")
    assert rows.loc["E014", "summary_en"].startswith("An image caption in the article")
    assert rows.loc["E014", "place"] == "巴雷克奇雪绒花训练区"
    assert rows.loc["E014", "corroborating_sources"] == "kazinform-2016-09-16-peace-mission"


def test_json_in_chinese_has_the_chinese_note_and_the_same_keys(package, selected):
    frame = table(selected(Filters(countries=("KGZ",))), package)
    data = to_json([frame], len(frame), "吉尔吉斯斯坦；全部年份", package, lang="zh")
    document = json.loads(data.decode("utf-8"))
    events = document.pop("events")
    assert document == {
        "dataset": "Reported security cooperation",
        "version": "0.4.1",
        "filters": "吉尔吉斯斯坦；全部年份",
        "note": "记录来源的报道，注明出处，并非既定事实。各语言界面下载的列相同：以 _en 结尾的列为英文，"
        "以 _zh 结尾的为中文。passage 是来源自身的文字；passage_en、actor_en、summary_en、summary_zh、"
        "notes_en 和 notes_zh 由本项目撰写。",
        "licence": "CC-BY-4.0",
        "count": 3,
    }
    assert [list(event) for event in events] == [list(EXPORT_COLUMNS)] * 3
    fields = ("event_id", "year", "country_name_zh", "group_name_zh", "count_stated", "category_label_zh")
    assert [tuple(event[f] for f in fields) for event in events] == [
        ("E005", None, None, "中亚", 10, "合作协议"),
        ("E014", 2016, "吉尔吉斯斯坦", None, None, "联合演习"),
        ("E015", 2016, None, "上海合作组织（上合组织）", None, "联合演习"),
    ]


def test_json_has_the_metadata_and_typed_values(package, selected):
    frame = table(selected(Filters(countries=("IRN",))), package)
    document = json.loads(to_json([frame], len(frame), "Iran; all years", package).decode("utf-8"))
    events = document.pop("events")
    assert document == {
        "dataset": "Reported security cooperation",
        "version": "0.4.1",
        "filters": "Iran; all years",
        "note": "Records what the sources report, attributed, not established fact. The columns are the same "
        "in every language of the page: texts ending _en are in English, _zh in Chinese. passage is the "
        "source's own text; passage_en, actor_en, summary_en, summary_zh, notes_en and notes_zh are this "
        "project's.",
        "licence": "CC-BY-4.0",
        "count": 2,
    }
    assert [list(event) for event in events] == [list(EXPORT_COLUMNS)] * 2
    assert [(e["event_id"], e["year"], e["amount_usd"], e["place"], e["actor"]) for e in events] == [
        ("E006", None, None, None, "中共"),
        ("E007", 2010, 130000000, None, "中兴通讯"),
    ]


def test_json_is_utf8_without_escapes(package, events):
    data = to_json([table(events, package)], len(events), "all", package)
    assert "中兴通讯".encode() in data
    assert json.loads(data)["count"] == len(package["events"])


def test_dataset_title_and_licence_are_the_descriptors(package, events):
    desc = descriptor()
    document = json.loads(to_json([table(events, package)], len(events), "all", package))
    assert (document["dataset"], document["licence"]) == (desc["title"], desc["licenses"][0]["name"])


AFRICA_12 = ("AGO", "BDI", "BEN", "BFA", "BWA", "CAF", "CIV", "CMR", "COD", "COG", "COM", "CPV")
FIVE_CATEGORIES = ("agreement", "equipment_donation", "facility", "financing", "joint_exercise")


@pytest.mark.parametrize(
    ("filters", "extension", "expected"),
    [
        (Filters(), "csv", "reported-cooperation_all.csv"),
        (Filters(include_undated=True), "csv", "reported-cooperation_all.csv"),
        (Filters(countries=("IRN",)), "csv", "reported-cooperation_Iran.csv"),
        (
            Filters(countries=("IRN", "ECU"), years=(2010, 2016), categories=("police_training",)),
            "csv",
            "reported-cooperation_Ecuador-Iran_2010-2016_police_training.csv",
        ),
        (Filters(countries=("CIV", "KOR")), "csv", "reported-cooperation_Cote-dIvoire-South-Korea.csv"),
        (Filters(years=(2016, 2016)), "json", "reported-cooperation_2016.json"),
        (Filters(years=(2016, 2016), include_undated=False), "json", "reported-cooperation_2016.json"),
        (
            Filters(years=(2016, 2016), include_undated=True),
            "json",
            "reported-cooperation_2016_with-undated.json",
        ),
        (Filters(include_undated=False), "csv", "reported-cooperation_undated-excluded.csv"),
        (Filters(statuses=("partly", "confirmed")), "csv", "reported-cooperation_confirmed-partly.csv"),
        (Filters(statuses=("not_found",)), "csv", "reported-cooperation_not_found.csv"),
        (
            Filters(statuses=("confirmed", "partly", "contradicted", "conflicting", "not_found")),
            "csv",
            "reported-cooperation_confirmed-conflicting-contradicted-not_found-partly.csv",
        ),
        (
            Filters(
                countries=AFRICA_12[:3],
                statuses=("confirmed", "partly", "contradicted", "conflicting", "not_found"),
                categories=FIVE_CATEGORIES,
            ),
            "csv",
            "reported-cooperation_Angola-Benin-Burundi_verdicts-5_categories-5.csv",
        ),
        (
            Filters(actors=("中共", "华为"), scopes=("group", "country")),
            "csv",
            "reported-cooperation_actors-2_country-group.csv",
        ),
        (Filters(search="  ZTE  iran "), "csv", "reported-cooperation_search-ZTE-iran.csv"),
        (Filters(search="中兴"), "csv", "reported-cooperation_search.csv"),
        (Filters(search="Côte d'Ivoire 中兴 e/x"), "csv", "reported-cooperation_search-Cote-dIvoire-ex.csv"),
        (
            Filters(
                countries=("IRN",),
                years=(2010, 2010),
                include_undated=True,
                statuses=("partly",),
                categories=("surveillance_system",),
                actors=("中兴通讯",),
                scopes=("country",),
                search="ZTE",
            ),
            "csv",
            "reported-cooperation_Iran_2010_with-undated_partly_categories-1_actors-1_country_search-ZTE.csv",
        ),
        (
            Filters(
                countries=AFRICA_12[:3],
                years=(2010, 2016),
                include_undated=False,
                categories=FIVE_CATEGORIES,
                actors=("中共",),
                scopes=("country", "group"),
            ),
            "csv",
            "reported-cooperation_Angola-Benin-Burundi_2010-2016_categories-5_actors-1_country-group.csv",
        ),
        (
            Filters(countries=AFRICA_12, categories=FIVE_CATEGORIES),
            "csv",
            "reported-cooperation_countries-12_agreement-equipment_donation-facility-financing-joint_exercise.csv",
        ),
        (
            Filters(countries=AFRICA_12, categories=FIVE_CATEGORIES, include_undated=False),
            "csv",
            "reported-cooperation_countries-12_undated-excluded_categories-5.csv",
        ),
    ],
)
def test_file_name(filters, extension, expected):
    assert file_name(filters, extension) == expected


LABELS = st.lists(st.text(), max_size=60).map(tuple)


@given(
    filters=st.builds(
        Filters,
        countries=LABELS,
        years=st.none() | st.tuples(st.integers(), st.integers()),
        include_undated=st.none() | st.booleans(),
        statuses=LABELS,
        categories=LABELS,
        actors=LABELS,
        scopes=LABELS,
        search=st.text(),
    ),
    extension=st.sampled_from(["csv", "json"]),
)
def test_file_name_is_always_short_and_safe(filters, extension):
    name = file_name(filters, extension)
    assert len(name) <= 100
    assert re.fullmatch(r"reported-cooperation_[A-Za-z0-9_-]*\.(csv|json)", name)


def test_a_name_too_long_loses_whole_parts_never_half_a_word():
    every = Filters(
        countries=("KGZ",),
        years=(2016, 2016),
        include_undated=True,
        statuses=("confirmed",),
        categories=("joint_exercise",),
        actors=("中共士兵",),
        scopes=("country", "group"),
        search="SCO 演习",
    )
    assert file_name(every, "json") == (
        "reported-cooperation_Kyrgyzstan_2016_with-undated_confirmed_categories-1_actors-1_scopes-2.json"
    )
    assert file_name(Filters(search="x" * 300), "csv") == "reported-cooperation_search.csv"


GOLDEN = Path(__file__).resolve().parent / "golden"


def test_the_download_files_are_built_from_the_selected_rows(ready):
    selected = ready.full(ready.select(Filters(countries=("ECU", "IRN"))).selected)
    line = "伊朗、厄瓜多尔：3 起事件；2010–2016，另有 1 起未注明年份；全部类别"
    assert csv_file(selected, ready.package) == (GOLDEN / "filtered.csv").read_bytes()
    assert json_file(selected, line, ready.package, "zh") == (GOLDEN / "filtered.json").read_bytes()


def test_a_download_built_a_few_rows_at_a_time_is_the_same_file(ready, monkeypatch):
    whole = (csv_file(ready.events, ready.package), json_file(ready.events, "all", ready.package))
    monkeypatch.setattr(export, "CHUNK_ROWS", 4)  # 15 events: four slices
    assert csv_file(ready.events, ready.package) == whole[0]
    assert json_file(ready.events, "all", ready.package) == whole[1]
    assert json.loads(whole[1])["count"] == 15 and len(csv_rows(whole[0])) == 15
