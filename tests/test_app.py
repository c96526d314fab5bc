"""The Streamlit app on the real data package, driven through AppTest (no browser)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data import export
from data.filters import Filters, apply

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def run(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def app() -> AppTest:
    return run()


def summary(at: AppTest) -> str:
    return at.markdown[0].value.strip("*").replace("\\", "")


def table_ids(at: AppTest) -> list[str]:
    return list(at.dataframe[0].value["Event"])


def deck(at: AppTest) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def layer(at: AppTest, layer_id: str):
    return next(lay for lay in deck(at)["layers"] if lay["id"] == layer_id)["data"]


def reported(at: AppTest) -> list[str]:
    return [f["properties"]["iso3"] for f in layer(at, "reported")["features"]]


def html_text(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def test_first_view_shows_everything(app):
    assert app.title[0].value == "Reported security cooperation"
    assert summary(app) == (
        "15 events in 7 countries, 4 regions or blocs, 2 counted claims; 2010–2016 and 10 without a stated "
        "year; all categories"
    )
    assert table_ids(app) == [f"E{n:03d}" for n in range(1, 16)]
    assert reported(app) == ["ARG", "BOL", "ECU", "IRN", "JAM", "KGZ", "LBR"]
    assert [f["properties"]["group_id"] for f in layer(app, "groups")["features"]] == [
        "africa", "agg-18-surveillance", "agg-36-opinion-training", "asean", "central-asia", "sco",
    ]  # fmt: skip
    assert not app.warning
    assert dict(app.query_params) == {}


def test_country_filter_changes_summary_table_map_and_url(app):
    app.multiselect(key="countries").set_value(["IRN"]).run()
    assert summary(app).startswith("2 events in 1 country;")
    assert table_ids(app) == ["E006", "E007"]
    assert reported(app) == ["IRN"]
    assert layer(app, "groups")["features"] == []
    assert app.query_params["country"] == "IRN"


def test_year_range_and_undated_toggle(app):
    app.slider(key="years").set_value((2010, 2011)).run()
    app.checkbox(key="undated").uncheck().run()
    assert summary(app) == "2 events in 2 countries; 2010–2011, dated events only; all categories"
    assert table_ids(app) == ["E001", "E007"]
    assert reported(app) == ["ECU", "IRN"]
    assert (app.query_params["from"], app.query_params["to"], app.query_params["undated"]) == (
        "2010",
        "2011",
        "0",
    )


def test_category_filter(app):
    app.multiselect(key="categories").set_value(["police_training"]).run()
    assert table_ids(app) == ["E002", "E003", "E004"]
    assert reported(app) == ["LBR"]
    assert summary(app).endswith("; Police & security training")


def test_actor_and_scope_filters(app):
    app.multiselect(key="actors").set_value(["华为"]).run()
    assert table_ids(app) == ["E008"]
    assert reported(app) == []
    app.multiselect(key="actors").set_value([]).run()
    app.multiselect(key="scopes").set_value(["aggregate"]).run()
    assert table_ids(app) == ["E012", "E013"]
    assert reported(app) == []
    assert [f["properties"]["group_id"] for f in layer(app, "groups")["features"]] == [
        "agg-18-surveillance", "agg-36-opinion-training",
    ]  # fmt: skip


def test_group_layer_toggle(app):
    app.toggle(key="show_groups").set_value(False).run()
    assert layer(app, "groups")["features"] == []
    assert table_ids(app) == [f"E{n:03d}" for n in range(1, 16)]  # hiding the layer filters nothing


def test_choosing_a_country_shows_its_passages_and_group_claims_apart(app):
    app.selectbox(key="focus").set_value("KGZ").run()
    assert app.header[0].value == "Kyrgyzstan"
    text = "\n".join(m.value.replace("\\", "") for m in app.markdown)
    assert "**1 reported event**" in text
    assert (
        "**Claims about a region, bloc or counted group that includes this country — "
        "not claims about Kyrgyzstan itself**" in text
    )
    bodies = html_text(app)
    assert "在吉尔吉斯斯坦巴雷克奇雪绒花训练区举行的上合组织" in bodies
    assert "北京市公安局与中亚10个城市签订了合作协议" in bodies
    assert [f["properties"]["iso3"] for f in layer(app, "selected")["features"]] == ["KGZ"]
    assert app.query_params["focus"] == "KGZ"


def test_counted_claims_are_listed_apart_and_their_sourced_members_only_in_the_group_layer(app):
    assert "Counted claims (2)" in [s.value for s in app.header]
    assert "目前已有18个国家使用中共制造的情报监控系统。" in html_text(app)
    assert "DEU" not in [f["properties"]["iso3"] for f in layer(app, "reported")["features"]]
    singapore = next(m for m in layer(app, "markers") if m["iso3"] == "SGP")
    assert singapore["name"].splitlines() == [
        "Singapore",
        "No report names this country",
        "In 36 countries given 'public opinion guidance' training "
        "(countries named by later sources; partial): "
        "1 group claim, not about this country alone",
        "In Association of Southeast Asian Nations (ASEAN): 1 group claim, not about this country alone",
    ]


def test_url_restores_a_view():
    at = run(country="IRN,ECU", **{"from": "2010", "to": "2011"}, undated="0", focus="ECU")
    assert at.multiselect(key="countries").value == ["ECU", "IRN"]
    assert at.slider(key="years").value == (2010, 2011)
    assert at.checkbox(key="undated").value is False
    assert at.selectbox(key="focus").value == "ECU"
    assert table_ids(at) == ["E001", "E007"]
    assert "2011 年，厄瓜多尔政府在全国安装了中共国设计的监控系统" in html_text(at)
    assert not at.warning


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"country": "XXX"}, 'Ignored country "XXX": not a country in this dataset.'),
        ({"from": "2016", "to": "2010"}, "swapped"),
        ({"category": "<script>"}, 'Ignored category "<script>": not a category in this dataset.'),
        ({"focus": "ZZ"}, 'Ignored focus "ZZ": not a country code.'),
        ({"bogus": "1"}, 'Ignored unknown parameter "bogus".'),
    ],
)
def test_bad_url_values_give_a_notice_not_an_exception(params, notice):
    at = run(**params)
    notices = [w.value.replace("\\", "") for w in at.warning]
    assert any(notice in n for n in notices), notices
    assert len(table_ids(at)) >= 1


def test_reversed_years_are_normalised():
    at = run(**{"from": "2016", "to": "2010"})
    assert at.slider(key="years").value == (2010, 2016)


def test_download_holds_exactly_the_rows_shown(package):
    at = run(country="IRN,ECU", category="surveillance_system")
    filters = Filters(countries=("ECU", "IRN"), categories=("surveillance_system",))
    rows = export.table(apply(package["events"], package["group_members"], filters), package)
    assert list(rows["event_id"]) == table_ids(at) == ["E001", "E006", "E007"]
    assert export.file_name(filters, "csv") == "reported-cooperation_ECU-IRN_surveillance_system.csv"


def test_table_row_opens_its_drill_down(app):
    app.session_state["table"] = {"selection": {"rows": [7], "columns": [], "cells": []}}
    app.run()
    # Row 8 is E008, a claim about Africa: the panel opens the event itself.
    assert "Event E008" in [s.value for s in app.header]


def test_every_claim_carries_its_corroboration_badge(app):
    app.selectbox(key="focus").set_value("IRN").run()
    badges = [
        m.value.replace("\\", "") for m in app.markdown if m.value.startswith(("✔", "◐", "✖", "⚠", "○"))
    ]
    assert badges[:2] == [
        "○ **No independent source found**",
        "◐ **Partly confirmed: independent reporting differs**",
    ]
    assert len(badges) == 4  # Iran's two events, then the two counted claims below the map
    assert [e.label for e in app.expander][:2] == ["Independent reporting (1)", "Independent reporting (1)"]


def test_discrepancy_is_shown_side_by_side(app):
    app.selectbox(key="focus").set_value("IRN").run()
    bodies = html_text(app)
    assert (
        "<th " in bodies and "The article says</th>" in bodies and "Reuters, 2012-03-22 says</th>" in bodies
    )
    assert "In 2010 the CCP signed a US$130 million agreement with ZTE" in bodies
    assert "In December 2010 the Telecommunication Company of Iran signed a €98.6 million" in bodies
    captions = [c.value.replace("\\", "") for c in app.caption]
    assert "What differs: buyer; what the amount covers" in captions


def test_not_found_says_what_was_searched(app):
    app.selectbox(key="focus").set_value("IRN").run()
    text = "\n".join(m.value.replace("\\", "") for m in app.markdown)
    assert "**No independent source found.** Searched: Four English news searches on Iran adopting" in text


def test_english_original_is_linked_where_it_could_be_read(app):
    app.selectbox(key="focus").set_value("ECU").run()
    bodies = html_text(app)
    assert "In the English original, paragraph 2:" in bodies
    assert "#:~:text=financed%20by%20Chinese%20loans%20in%20exchange%20for%20oil" in bodies


def test_confirmed_only_filter_changes_counts_map_table_and_url(app):
    app.checkbox(key="confirmed").check().run()
    assert table_ids(app) == ["E001", "E002", "E004", "E009", "E014", "E015"]
    assert summary(app).endswith("; all categories; confirmed by independent reporting only")
    assert reported(app) == ["BOL", "ECU", "KGZ", "LBR"]
    assert app.query_params["confirmed"] == "1"
    statuses = set(app.dataframe[0].value["Independent reporting"])
    assert statuses == {"✔ Confirmed by independent reporting"}


def test_timeline_can_place_undated_events_at_a_sources_year():
    at = run(sourceyears="1")
    assert at.checkbox(key="source_years").value is True
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["encoding"]["x"]["scale"]["domain"][-3:] == ["2020", "2021", "Year not stated"]
    default = run()
    assert default.checkbox(key="source_years").value is False
    assert json.loads(default.get("vega_lite_chart")[0].proto.spec)["encoding"]["x"]["scale"]["domain"][
        -2:
    ] == [
        "2016",
        "Year not stated",
    ]


def test_chinese_interface_restores_from_the_url_and_switches_back():
    at = run(lang="zh", focus="BOL", country="BOL")
    assert at.title[0].value == "已报道的安全合作"
    assert summary(at) == "1 起事件，涉及1 个国家；2010–2016，另有 1 起未注明年份；全部类别"
    assert at.header[0].value == "玻利维亚"
    assert "存档文本第 20 段 · 原文（中文），由 GNews 发布；由 Jenny Ball 译自英文原文" in html_text(at)
    assert list(at.dataframe[0].value.columns)[:3] == ["事件", "国家或群体", "范围"]
    assert at.query_params["lang"] == "zh"
    at.segmented_control(key="lang").set_value("en").run()
    assert at.title[0].value == "Reported security cooperation"
    assert at.header[0].value == "Bolivia"
    assert at.multiselect(key="countries").value == ["BOL"]  # the view survives the switch
    assert "lang" not in at.query_params


def test_selector_finds_countries_by_either_name():
    at = run(lang="zh")
    options = at.selectbox(key="focus").options
    assert "厄瓜多尔 · Ecuador" in options and "吉尔吉斯斯坦 · Kyrgyzstan" in options
    english = run().selectbox(key="focus").options
    assert "Ecuador · 厄瓜多尔" in english
    # Chinese names sort by pinyin: 阿根廷 (a) before 玻利维亚 (b) before 厄瓜多尔 (e).
    order = [options.index(f"{zh} · {en}") for zh, en in (("阿根廷", "Argentina"), ("玻利维亚", "Bolivia"),
                                                            ("厄瓜多尔", "Ecuador"))]  # fmt: skip
    assert order == sorted(order)


def test_map_state_is_also_given_in_words(app):
    words = [m.value.replace("\\", "") for m in app.markdown if m.value.startswith("Most reported")]
    assert words[0].startswith(
        "Most reported under these filters: Iran (2), Argentina (1), Bolivia (1), Ecuador (1), Jamaica (1), "
        "Kyrgyzstan (1), Liberia (1). Group claims shown: "
    )
