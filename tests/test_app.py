"""The Streamlit app on the real data package, driven through AppTest (no browser)."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from datetime import UTC, datetime
from itertools import islice, product
from pathlib import Path
from string import ascii_uppercase

import pytest
from streamlit.testing.v1 import AppTest

from coopmap.app import state
from coopmap.paths import GEOJSON
from coopmap.ui.palette import CONTEXT, rgba
from coopmap.ui.projection import to_plane
from tests.support.app import APP, address, card_ids, card_lines, cards, downloads, link_notices, run, show
from tests.support.deck import fills
from tests.support.unused import unused_categories

GOLDEN = Path(__file__).resolve().parent / "golden"
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


def layer(at: AppTest, layer_id: str):
    return next(lay for lay in deck(at)["layers"] if lay["id"] == layer_id)["data"]


def reported(at: AppTest) -> list[str]:
    """The countries shaded for claims of their own (group members shown as context are grey)."""
    return sorted(code for code, colour in fills(deck(at)).items() if colour != rgba(CONTEXT))


def context(at: AppTest) -> list[str]:
    return sorted(code for code, colour in fills(deck(at)).items() if colour == rgba(CONTEXT))


def tooltip_lines(at: AppTest, iso3: str) -> list[str]:
    """A shown country's tooltip as the component joins it (see tests/test_deck.py)."""
    data = map_data(at)
    if iso3 in data["tips"]:
        return data["tips"][iso3].splitlines()
    name = (
        data["names"].get(iso3) or SHAPE_NAMES[iso3]
    )  # the static file's name, unless the language's differs
    lines = [data["groupLines"][at] for at in data["members"][iso3]]
    return [name, data["noReport"].replace("{name}", name), *lines]


def html_text(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def test_the_first_run_draws_the_map_at_once_and_it_fits_itself():
    """No width probe and no second run: the component fits the world to its element in the browser."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception and table_ids(at) == [f"E{n:03d}" for n in range(1, 16)]
    camera = map_data(at)["camera"]
    assert camera["focus"] is None and camera["steps"] == 0 and camera["world"][0] < 0 < camera["world"][2]


def test_a_rerun_sends_the_map_well_under_20_kb(app):
    """Shapes stay in the static file: a rerun carries colours, texts, rings and the camera's request."""
    sizes = [map_bytes(app)]
    app.segmented_control(key="lang").set_value("zh").run()
    sizes.append(map_bytes(app))
    assert len(sizes) == 2 and max(sizes) < 20_000, sizes


def test_first_view_shows_everything(app):
    assert app.title[0].value == "Reported security cooperation: reported events per country"
    assert summary(app) == (
        "8 events in 7 countries; 5 claims about 4 regions or blocs; 2 counted claims; 2010–2016 and 10 "
        "without a stated year; all categories"
    )
    assert table_ids(app) == [f"E{n:03d}" for n in range(1, 16)]
    assert reported(app) == ["ARG", "BOL", "ECU", "IRN", "JAM", "KGZ", "LBR"]
    assert {"DEU", "SGP", "KAZ", "NGA"} <= set(context(app))  # members of the groups claims name
    assert not app.warning
    assert dict(app.query_params) == {}


def test_count_colours_are_fixed_for_the_dataset_under_any_filter(app):
    """A country with one event keeps the same colour whatever else the filters hide."""
    before = fills(deck(app))
    assert before["IRN"] != before["ARG"] == before["ECU"]
    app.multiselect(key="categories").set_value(["facility", "police_training"]).run()
    after = {code: colour for code, colour in fills(deck(app)).items() if colour != rgba(CONTEXT)}
    assert after == {"ARG": before["ARG"], "LBR": before["ARG"]}


def test_a_map_click_chooses_the_country_and_keeps_the_layers(app):
    ids = [lay["id"] for lay in deck(app)["layers"]]
    assert ids == ["ocean", "countries", "borders", "dots", "rings", "selected"]
    state.country_clicked(app.session_state, "ARG")  # what the component's click callback does
    app.run()
    assert [lay["id"] for lay in deck(app)["layers"]] == ids
    assert app.header[0].value == "Argentina" and app.query_params["country"] == "ARG"
    west, south, east, north = map_data(app)["camera"]["focus"]
    assert (
        west < to_plane(-65, -35)[0] < east and south < to_plane(-65, -35)[1] < north
    )  # zoomed to Argentina


def test_a_country_without_claims_opens_a_panel_saying_the_dataset_has_none(app):
    def said() -> str:
        return "\n".join(m.value.replace("\\", "") for m in app.markdown)

    app.multiselect(key="countries").set_value(["BRA"]).run()
    assert app.header[0].value == "Brazil" and "current filters" not in said()
    assert (
        "The dataset does not mention Brazil: no claim names it, nor a region, bloc or group that "
        "includes it." in said()
    )
    assert "[What the dataset holds on Brazil is below the chart.](#passages)" in said()  # not "passages"
    app.multiselect(key="countries").set_value(["DEU"]).run()  # in a group a claim is about
    assert "No claim in the dataset names Germany itself." in said()
    app.multiselect(key="countries").set_value(["IRN"]).run()
    app.multiselect(key="categories").set_value(["facility"]).run()
    assert "No event under the current filters names Iran itself." in said()  # filters hide Iran's two


def test_country_filter_changes_summary_table_map_panel_and_url(app):
    app.multiselect(key="countries").set_value(["IRN"]).run()
    assert summary(app) == "Iran: 2 events; 2010–2016 and 1 without a stated year; all categories"
    assert table_ids(app) == ["E006", "E007"]
    assert reported(app) == ["IRN"] and context(app) == []
    assert app.query_params["country"] == "IRN"
    assert app.header[0].value == "Iran"  # one way to a country: the filter opens its panel


def test_a_year_range_leaves_undated_events_out_and_says_so(app):
    app.slider(key="years").set_value((2010, 2011)).run()
    assert app.checkbox(key="undated").value is False
    assert (
        summary(app)
        == "2 events in 2 countries; 2010–2011 (10 without a stated year left out); all categories"
    )
    assert table_ids(app) == ["E001", "E007"]
    assert reported(app) == ["ECU", "IRN"]
    assert [c.value for c in app.caption if c.value.startswith("+10")] == [
        "+10 events without a stated year are not shown: the years above are those the article states."
    ]
    assert (app.query_params["from"], app.query_params["to"]) == ("2010", "2011")
    assert "undated" not in app.query_params
    app.button(key="show_undated").click().run()
    assert len(table_ids(app)) == 12
    assert app.query_params["undated"] == "1"


def test_undated_events_can_be_left_out_of_every_year(app):
    app.checkbox(key="undated").uncheck().run()
    assert summary(app) == (
        "4 events in 4 countries; 1 claim about 1 region or bloc; "
        "2010–2016 (10 without a stated year left out); all categories"
    )
    assert table_ids(app) == ["E001", "E002", "E007", "E014", "E015"]
    assert app.query_params["undated"] == "0"


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
    assert "DEU" in context(app) and "KAZ" not in context(app)  # the counted groups' members only


def test_group_layer_toggle_hides_the_context_and_the_link_keeps_it(app):
    app.toggle(key="show_groups").set_value(False).run()
    assert context(app) == [] and map_data(app)["members"] == {}
    assert table_ids(app) == [f"E{n:03d}" for n in range(1, 16)]  # hiding the layer filters nothing
    assert dict(app.query_params) == {"groups": "0", "tab": "table"}
    opened = run(groups="0")
    assert opened.toggle(key="show_groups").value is False and context(opened) == []


def test_choosing_a_country_shows_its_passages_and_group_claims_apart(app):
    app.multiselect(key="countries").set_value(["KGZ"]).run()
    assert app.header[0].value == "Kyrgyzstan"
    assert summary(app) == (
        "Kyrgyzstan: 1 event; 2 claims about groups that include Kyrgyzstan; 2010–2016 and 1 without a "
        "stated year; all categories"
    )
    text = "\n".join(m.value.replace("\\", "") for m in app.markdown)
    assert "**1 reported event**" in text
    assert [s.value for s in app.subheader] == [
        "Claims about a region, bloc or counted group that includes Kyrgyzstan, not about Kyrgyzstan itself",
    ]
    bodies = html_text(app)
    assert "在吉尔吉斯斯坦巴雷克奇雪绒花训练区举行的上合组织" in bodies
    assert "北京市公安局与中亚10个城市签订了合作协议" in bodies
    assert next(lay for lay in deck(app)["layers"] if lay["id"] == "selected")["only"] == "KGZ"
    assert app.query_params["country"] == "KGZ"


def test_counted_claims_are_listed_apart_and_their_sourced_members_only_as_context(app):
    assert "Counted claims (2)" in [s.value for s in app.header]
    assert "目前已有18个国家使用中共制造的情报监控系统。" in html_text(app)
    assert "DEU" not in reported(app)
    assert "DEU" in context(app)
    assert "SGP" in [m["iso3"] for m in layer(app, "dots")]
    assert tooltip_lines(app, "SGP") == [
        "Singapore",
        "No claim names Singapore itself",
        "In Association of Southeast Asian Nations (ASEAN): 1 claim; a member by the group's definition",
        "In 36 countries given the CCP's 'public opinion guidance' training (countries named by later "
        "sources; partial): 1 claim; named as one by Voice of America (via WTOP), date not stated",
    ]


def test_no_card_is_shown_twice(app):
    app.multiselect(key="countries").set_value(["SGP"]).run()
    assert card_ids(app) == ["E004", "E013"]  # in the panel; no counted-claims list repeats E013
    assert "Counted claims (1)" not in [s.value for s in app.header]


def test_url_restores_a_view():
    at = run(country="IRN,ECU", **{"from": "2010", "to": "2011"}, verdict="partly", q="ZTE", event="E007")
    assert at.multiselect(key="countries").value == ["ECU", "IRN"]
    assert at.slider(key="years").value == (2010, 2011)
    assert at.checkbox(key="undated").value is False
    assert at.button_group(key="verdicts").value == ["partly"]
    assert at.text_input(key="search").value == "ZTE"
    assert table_ids(at) == ["E007"]
    assert "Iran: Surveillance system (2010)" in [s.value for s in at.subheader]  # in words, not its id
    assert "2010 年，中共与国有科技公司中兴通讯签署了一项价值 1.3 亿美元的协议" in html_text(at)
    assert not at.warning


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


def test_old_links_keep_working():
    at = run(focus="KGZ", confirmed="1")
    assert at.multiselect(key="countries").value == ["KGZ"]
    assert at.button_group(key="verdicts").value == ["confirmed"]
    assert address(at) == {"country": "KGZ", "verdict": "confirmed"}
    assert table_ids(at) == ["E014", "E015"]  # its own, and the claim about the SCO, of which it is a member
    assert not at.warning


@pytest.mark.parametrize(
    ("params", "notice"),
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
def test_bad_url_values_give_a_notice_not_an_exception(params, notice):
    at = run(**params)
    assert link_notices(at) == [notice]
    assert table_ids(at) == [f"E{n:03d}" for n in range(1, 16)]  # the rest of the view: every event


def test_a_links_notices_are_one_line_that_dismiss_and_reset_clear_for_good():
    at = run(country="XXX")  # one notice: itself, beside its close button
    assert link_notices(at) == ['Ignored country "XXX": not a country in this dataset.'] and at.warning
    at.button(key="dismiss_notices").click().run()
    assert not at.warning and "dismiss_notices" not in [b.key for b in at.button]
    at = run(bogus="1", focus="ZZ", lang="fr", tab="x")  # several: one line, its list a click away
    assert not at.warning and [e.label.replace("\\", "") for e in at.expander if e.label.startswith("⚠️")] == [
        "⚠️ 4 link parts ignored or changed"
    ]
    assert len(link_notices(at)) == 4
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
    show(at, "map").button(key="zoom_in").click().run()  # the view the link opened: what it said stays
    assert link_notices(at) == told
    at.slider(key="years").set_value((2012, 2014)).run()
    assert not link_notices(at)
    assert dict(at.query_params) == {"country": "IRN", "from": "2012", "to": "2014", "q": "ZTE"}
    at.slider(key="years").set_value((2010, 2016)).run()  # back to the link's view: told already
    assert not at.exception and not link_notices(at) and table_ids(at) == ["E007"]


def test_a_package_listing_100000_unused_categories_offers_the_same_pickers(data_copy, monkeypatch):
    def pickers(at: AppTest) -> dict[str, list[str]]:
        chosen = {key: at.multiselect(key=key).options for key in ("countries", "categories", "actors")}
        return chosen | {"verdicts": at.button_group(key="verdicts").options}

    real = run()
    data_copy.write("categories.csv", data_copy.rows("categories.csv") + unused_categories(100_000))
    checked = subprocess.run(
        [sys.executable, "-m", "coopmap.dataset.validate", str(data_copy.root)],
        cwd=APP.rsplit("/", 1)[0],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (checked.returncode, checked.stdout) == (
        0,
        f"{data_copy.root}: valid (15 events, 3 further passages, 19 context passages)\n",
    )
    monkeypatch.setenv("DASHBOARD_DATA", str(data_copy.root))
    copy = run()
    assert pickers(copy) == pickers(real)
    assert copy.multiselect(key="categories").options == [
        "Police & security training (3)",
        "Equipment donation (1)",
        "Surveillance system (5)",
        "Agreement (2)",
        "Facility (1)",
        "Joint exercise (2)",
        "'Public opinion guidance' training (1)",
    ]
    assert copy.multiselect(key="categories").help == real.multiselect(key="categories").help


def test_reversed_years_are_normalised():
    at = run(**{"from": "2016", "to": "2010"})
    assert at.slider(key="years").value == (2010, 2016)


def test_the_table_counts_its_rows_above_them(app):
    show(app, "table")
    assert "15 events" in [m.value for m in app.markdown]
    app.button_group(key="verdicts").set_value(["confirmed"]).run()
    assert "3 events" in [m.value for m in app.markdown]


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


def test_every_card_opens_with_its_verdict(app):
    app.multiselect(key="countries").set_value(["IRN"]).run()
    openings = [card_lines(card)[:2] for card in cards(app)]  # the verdict first, then the key facts
    assert openings == [
        ["○ No independent source found", "Iran · Surveillance system · year not stated · CCP (中共)"],
        [
            "◐ Partly confirmed: independent reporting differs",
            "Iran · Surveillance system · 2010 · ZTE (中兴通讯) · US$130,000,000 (1.3 亿美元)",
        ],
    ]
    assert not app.expander  # nothing to open


def test_verdict_facet_filters_everything_and_lives_in_the_url(app):
    shown = [f"{o.content_icon} {o.content}".strip() for o in app.button_group(key="verdicts").proto.options]
    assert shown == [
        "✔ Confirmed (3)",
        "◐ Partly confirmed (10)",
        "✖ Contradicted (0)",
        "⚠ Sources disagree (0)",
        "○ No independent source found (2)",
    ]
    app.button_group(key="verdicts").set_value(["partly"]).run()
    assert table_ids(app) == ["E001", "E002", "E003", "E007", "E008", "E009", "E010", "E011", "E012", "E013"]
    assert reported(app) == ["ARG", "BOL", "ECU", "IRN", "JAM", "LBR"]
    assert app.query_params["verdict"] == "partly"
    assert summary(app).endswith("; all categories; independent reporting: Partly confirmed")


def test_discrepancy_is_shown_side_by_side(app):
    app.multiselect(key="countries").set_value(["IRN"]).run()
    bodies = html_text(app)
    assert "<th>The article says</th>" in bodies and ">Reuters, 2012-03-22</a> says</th>" in bodies
    assert "In 2010 the CCP signed a US$130 million agreement with ZTE" in bodies
    assert "In December 2010 the Telecommunication Company of Iran signed a €98.6 million" in bodies
    assert "What differs: buyer; what the amount covers" in [
        line for c in cards(app) for line in card_lines(c)
    ]


def test_not_found_says_what_was_searched(app):
    app.multiselect(key="countries").set_value(["IRN"]).run()
    first = card_lines(cards(app)[0])
    assert first[3].startswith(
        "No independent source found. Searched: Four English news searches on Iran adopting"
    )


def test_english_original_is_linked_where_it_could_be_read(app):
    app.multiselect(key="countries").set_value(["ECU"]).run()
    bodies = html_text(app)
    assert "The same passage in the English original (paragraph 2)</a>" in bodies
    assert "#:~:text=financed%20by%20Chinese%20loans%20in%20exchange%20for%20oil" in bodies


def test_confirmed_verdict_changes_counts_map_table_and_url(app):
    app.button_group(key="verdicts").set_value(["confirmed"]).run()
    assert table_ids(app) == ["E004", "E014", "E015"]
    assert summary(app).endswith("; all categories; independent reporting: Confirmed")
    assert reported(app) == ["KGZ"]
    assert app.query_params["verdict"] == "confirmed"
    statuses = set(table_ids(app, "Verdict"))
    assert statuses == {"✔ Confirmed"}


def test_search_narrows_table_map_and_url(app):
    app.text_input(key="search").input("ZTE").run()
    assert table_ids(app) == ["E007"]
    assert reported(app) == ["IRN"]
    assert app.query_params["q"] == "ZTE"
    app.text_input(key="search").input("华为").run()
    assert table_ids(app) == ["E001", "E008"]  # E001: the Chinese of a source's actor, Huawei among them


def said(at: AppTest) -> list[str]:
    """The captions and Markdown of the page, as a reader reads them (escapes gone)."""
    return [e.value.replace("\\", "") for e in [*at.caption, *at.markdown]]


def suggested(at: AppTest) -> list[str]:
    return [b.label for b in at.button if (b.key or "").startswith("suggestion-")]


def test_a_misspelled_search_offers_the_nearest_term_and_a_click_shows_its_events(app):
    app.text_input(key="search").input("Hauwei").run()
    assert reported(app) == []
    assert {"No event holds every word of “Hauwei”.", "Did you mean:"} <= set(said(app))
    assert suggested(app) == ["Huawei"]
    app.button(key="suggestion-0").click().run()
    assert app.text_input(key="search").value == "Huawei"
    assert app.query_params["q"] == "Huawei"
    assert table_ids(app) == ["E001", "E008"]
    assert "Did you mean:" not in said(app)


def test_a_chinese_search_is_offered_the_word_its_pinyin_spells():
    at = run(lang="zh", q="华伟")
    assert {"没有事件包含“华伟”中的所有词。", "您是不是要找："} <= set(said(at))
    at.button(key="suggestion-0").click().run()
    assert at.query_params["q"] == "华为"
    assert table_ids(at, "事件") == ["E001", "E008"]


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


def test_timeline_can_place_undated_events_at_a_sources_year():
    at = run(sourceyears="1", tab="timeline")
    assert at.checkbox(key="source_years").value is True
    bars = json.loads(at.get("vega_lite_chart")[0].proto.spec)["layer"][0]["encoding"]
    assert bars["x"]["scale"]["domain"][-4:] == ["2020", "2021", " ", "Year not stated"]
    assert (bars["fill"]["field"], bars["fill"]["scale"]) == ("fill", None)
    default = run(tab="timeline")
    assert default.checkbox(key="source_years").value is False
    bars = json.loads(default.get("vega_lite_chart")[0].proto.spec)["layer"][0]["encoding"]
    assert bars["x"]["scale"]["domain"][-3:] == ["2016", " ", "Year not stated"]


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
    assert summary(at) == "玻利维亚：1 起事件；2010–2016，另有 1 起未注明年份；全部类别"
    assert at.header[0].value == "玻利维亚"
    assert "文章第 20 段 · 中文，由 GNews 发布；由 Jenny Ball 译自英文原文" in html_text(at)
    assert at.query_params["lang"] == "zh"
    assert list(show(at, "table").dataframe[0].value.columns)[:3] == ["事件", "结论", "国家或群体"]
    at.segmented_control(key="lang").set_value("en").run()
    assert at.title[0].value == "Reported security cooperation: reported events"  # the frame's title: its tab
    assert at.header[0].value == "Bolivia"
    assert at.multiselect(key="countries").value == ["BOL"]  # the view survives the switch
    assert "lang" not in at.query_params


def test_selector_finds_countries_by_either_name():
    at = run(lang="zh")
    options = at.multiselect(key="countries").options
    assert "厄瓜多尔 · Ecuador" in options and "吉尔吉斯斯坦 · Kyrgyzstan" in options
    english = run().multiselect(key="countries").options
    assert "Ecuador · 厄瓜多尔" in english
    # Chinese names sort by pinyin: 阿根廷 (a) before 玻利维亚 (b) before 厄瓜多尔 (e).
    order = [
        options.index(f"{zh} · {en}")
        for zh, en in (("阿根廷", "Argentina"), ("玻利维亚", "Bolivia"), ("厄瓜多尔", "Ecuador"))
    ]
    assert order == sorted(order)


def test_map_state_is_also_given_in_words(app):
    words = [c.value.replace("\\", "") for c in app.caption if c.value.startswith("Most reported")]
    assert words[0].startswith(
        "Most reported under these filters: Iran (2), Argentina (1), Bolivia (1), Ecuador (1), Jamaica (1), "
        "Kyrgyzstan (1), Liberia (1). Group claims shown: "
    )


@pytest.mark.parametrize(
    "params, golden, stem",
    [
        ({}, "default", "reported-cooperation_all"),
        ({"country": "ECU,IRN", "lang": "zh"}, "filtered", "reported-cooperation_Ecuador-Iran"),
    ],
)
def test_downloads_are_the_golden_files_byte_for_byte(params, golden, stem):
    """What the two buttons give, in English for everything and in Chinese for a filtered view."""
    files = downloads(**params)
    assert {name: files[name] for name in (f"{stem}.csv", f"{stem}.json")} == {
        f"{stem}.csv": (GOLDEN / f"{golden}.csv").read_bytes(),
        f"{stem}.json": (GOLDEN / f"{golden}.json").read_bytes(),
    }


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
    assert not at.get("deck_gl_json_chart") and not at.dataframe and not at.get("download_button")


def _texts(package, table: str, event_id: str, lang: str) -> list[str]:
    """The project's texts of one language in a table's rows about an event."""
    rows = package[table].astype("string").fillna("")
    rows = rows[rows["event_id"] == event_id]
    columns = [c for c in rows.columns if c.endswith(f"_{lang}") and c != "passage_en"]
    return [text for c in columns for text in rows[c] if text and c not in ("actor_en",)]


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({"country": "IRN"}, ["E006", "E007"]),  # a country's own claims: a search, a discrepancy
        ({"country": "KGZ"}, ["E014", "E005", "E015"]),  # its own, then claims about groups that include it
        ({}, ["E012", "E013"]),  # the counted claims, which name no country
    ],
)
def test_in_chinese_every_card_gives_the_projects_chinese_texts_and_none_of_its_english(package, params, ids):
    at = run(lang="zh", **params)
    assert card_ids(at) == ids
    for event_id, card in zip(ids, cards(at), strict=True):
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


def test_another_package_is_cited_by_its_own_title_and_version(data_copy, monkeypatch):
    descriptor = json.loads((data_copy.root / "datapackage.json").read_text(encoding="utf-8"))
    descriptor.update(title="A curator's own package", version="9.9.9", description="What *we* collected.")
    del descriptor["title_zh"], descriptor["description_zh"]
    (data_copy.root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_DATA", str(data_copy.root))
    files = downloads(country="IRN")
    document = json.loads(files["reported-cooperation_Iran.json"])
    assert (document["dataset"], document["version"]) == ("A curator's own package", "9.9.9")
    assert document["count"] == 2
    assert b",9.9.9\r\n" in files["reported-cooperation_Iran.csv"]
    at = run(country="IRN")
    assert at.caption[0].value == r"What \*we\* collected\."  # its intro, as plain text
    assert at.text[0].value.startswith("A curator's own package (version 9.9.9) [Data set]. View: Iran: 2")
    zh = run(lang="zh")  # no Chinese title or intro of its own: the English ones
    assert zh.text[0].value.startswith("A curator's own package（版本 9.9.9）[数据集]。")


def test_reset_clears_every_filter_and_keeps_the_language():
    at = run(country="IRN", verdict="partly", q="ZTE", lang="zh", **{"from": "2010", "to": "2012"})
    assert table_ids(at, "事件") == ["E007"]
    next(b for b in at.sidebar.button if b.label == "重置筛选").click().run()
    assert table_ids(at, "事件") == [f"E{n:03d}" for n in range(1, 16)]
    assert at.slider(key="years").value == (2010, 2016)
    # The reader stays where they were: the language and the table's tab are kept.
    assert at.session_state["lang"] == "zh" and dict(at.query_params) == {"lang": "zh", "tab": "table"}


def test_the_citation_names_the_version_the_view_and_its_link():
    at = run(country="IRN", q="ZTE network")
    today = datetime.now(UTC).date()  # AppTest's page has no browser to tell its address and time zone
    assert [c.value for c in at.text] == [
        "Reported security cooperation (version 0.4.1) [Data set]. View: Iran: 1 event; 2010–2016; all "
        f"categories; matching “ZTE network”. Retrieved {today}, from ?country=IRN&q=ZTE+network. What the "
        "sources report, attributed; not established fact."
    ]
    (sources,) = [h.proto.body for h in at.get("html") if h.proto.body.startswith("<p>Antonio Graceffo, “")]
    listed = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br>|</p>", "\n", sources))).splitlines()
    assert len(listed) == 4 and listed[1::2] == [
        "Usage: Copyright The Epoch Times. Not stored here; cited by link.",
        "Usage: Copyright of its publisher and translator. Stored unchanged so that every quoted passage can "
        "be checked and read in its paragraph; quote short passages with attribution. The platform's notice "
        "says the text represents the author's own views.",
    ]
    assert listed[::2] == [
        "Antonio Graceffo, “Beijing Uses Police and Security Training to Infiltrate Foreign Countries”, The "
        "Epoch Times, 2021-12-17.",
        "Antonio Graceffo, “北京利用警察和安全培训渗透外国”, GNews, date not stated, translated by "
        "Jenny Ball.",
    ]
    zh = run(country="IRN", q="ZTE network", lang="zh")
    (sources,) = [h.proto.body for h in zh.get("html") if h.proto.body.startswith("<p>Antonio Graceffo，“")]
    listed = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br>|</p>", "\n", sources))).splitlines()
    assert listed[::2] == [
        "Antonio Graceffo，“Beijing Uses Police and Security Training to Infiltrate Foreign Countries”，The "
        "Epoch Times，2021-12-17。",
        "Antonio Graceffo，“北京利用警察和安全培训渗透外国”，GNews，未注明日期，Jenny Ball 译。",
    ]


def test_a_further_passage_is_weighed_on_its_events_card_beside_what_the_sources_say():
    card = cards(run(country="ECU"))[0]
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


def test_a_choice_that_is_no_option_draws_the_page_without_an_error(app):
    """A browser may send back a label from an earlier run: the page shows it as it is, never a traceback."""
    app.session_state["categories"] = ["Surveillance system (99)"]
    app.session_state["countries"] = ["厄瓜多尔 · Ecuador"]  # the label in Chinese, on the English page
    app.run()
    assert not app.exception
    assert summary(app).startswith("厄瓜多尔 · Ecuador: 0 events")
