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
        "africa", "asean", "central-asia", "sco",
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
    assert reported(app) == [] and layer(app, "groups")["features"] == []


def test_group_layer_toggle(app):
    app.toggle(key="show_groups").set_value(False).run()
    assert layer(app, "groups")["features"] == []
    assert table_ids(app) == [f"E{n:03d}" for n in range(1, 16)]  # hiding the layer filters nothing


def test_choosing_a_country_shows_its_passages_and_group_claims_apart(app):
    app.selectbox(key="focus").set_value("KGZ").run()
    assert app.subheader[0].value == "Kyrgyzstan"
    text = "\n".join(m.value.replace("\\", "") for m in app.markdown)
    assert "**1 reported event**" in text
    assert (
        "**Claims about a region or bloc this country belongs to** — not claims about Kyrgyzstan itself"
        in text
    )
    bodies = html_text(app)
    assert "在吉尔吉斯斯坦巴雷克奇雪绒花训练区举行的上合组织" in bodies
    assert "北京市公安局与中亚10个城市签订了合作协议" in bodies
    assert [f["properties"]["iso3"] for f in layer(app, "selected")["features"]] == ["KGZ"]
    assert app.query_params["focus"] == "KGZ"


def test_counted_claims_are_listed_apart_and_never_on_the_map(app):
    expander = app.expander[0]
    assert expander.label.startswith("Counted claims that name no country (2)")
    assert "目前已有18个国家使用中共制造的情报监控系统。" in html_text(app)
    assert "agg-18-surveillance" not in json.dumps(deck(app))


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
    assert "Event E008" in [s.value for s in app.subheader]
