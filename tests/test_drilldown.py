"""The drill-down panel and the timeline, on the real data."""

from __future__ import annotations

import pytest

from data.drilldown import aggregate_claims, claim, country_panel
from data.filters import Filters, apply, year_span
from data.names import name_en
from data.timeline import UNDATED, chart, picked_span, year_counts


@pytest.fixture(scope="module")
def names():
    return {c: name_en(c) for c in ("ECU", "IRN", "KGZ", "SGP", "ARG")}


def test_country_panel_lists_own_claims_then_group_claims_apart(package, names):
    panel = country_panel(package, "KGZ", package["events"], names)
    assert (panel.name, [c.event_id for c in panel.own], [c.event_id for c in panel.via_groups]) == (
        "Kyrgyzstan",
        ["E014"],
        ["E005", "E015"],
    )
    assert [c.partner for c in panel.via_groups] == [
        "Central Asia",
        "Shanghai Cooperation Organisation (SCO)",
    ]


def test_member_of_a_group_has_no_claim_of_its_own(package, names):
    panel = country_panel(package, "SGP", package["events"], names)
    assert panel.own == () and [c.event_id for c in panel.via_groups] == ["E004", "E013"]
    # ASEAN membership is by definition; the count of 36 is the article's, Singapore's name a later source's.
    assert panel.named_by == ("", "Voice of America (via WTOP), date not stated")


def test_passage_is_shown_inside_its_paragraph_with_translation_and_sources(package, names):
    ecuador = country_panel(package, "ECU", package["events"], names).own[0]
    assert ecuador.quote.paragraph == 8
    assert ecuador.quote.before == ""
    assert ecuador.quote.passage.startswith("2011 年，厄瓜多尔政府")
    assert ecuador.quote.after == "今天，那里犯罪仍然猖獗，但警察和内部情报界只监控他们想要控制的任何人。"
    assert ecuador.quote.translation.startswith("In 2011, the government of Ecuador installed")
    assert [(q.paragraph, q.relation) for q in ecuador.further] == [(8, "follow_up"), (23, "same_event")]
    assert (ecuador.source.publisher, ecuador.source.translator, ecuador.source.date) == (
        "GNews",
        "Jenny Ball",
        "date not stated",
    )
    assert (ecuador.original.publisher, ecuador.original.date) == ("The Epoch Times", "2021-12-17")
    assert ecuador.year == "2011"


def test_claim_fields_never_say_more_than_the_row(package, names):
    argentina = claim(package, package["events"].query("event_id == 'E011'").iloc[0], names)
    assert (argentina.year, argentina.amount, argentina.place, argentina.actor) == (
        "year not stated",
        "US$50,000,000 (5000 万美元)",
        "昆图科",
        "解放军",
    )


def test_filters_hide_a_countrys_events_and_the_panel_says_how_many(package, names):
    selected = apply(
        package["events"], package["group_members"], Filters(years=(2011, 2016), include_undated=False)
    )
    panel = country_panel(package, "IRN", selected, names)
    assert (panel.own, panel.hidden) == ((), 2)


def test_aggregates_are_apart_and_name_no_country(package, names):
    claims = aggregate_claims(package, package["events"], names)
    assert [(c.event_id, c.partner) for c in claims] == [
        ("E012", "18 countries using Chinese-made intelligence surveillance systems"),
        ("E013", "36 countries given 'public opinion guidance' training"),
    ]


def test_timeline_keeps_undated_events_as_their_own_bar(package):
    labels = dict(zip(package["categories"]["category_id"], package["categories"]["label_en"], strict=True))
    counts = year_counts(package["events"], labels, year_span(package["events"]))
    by_year = counts.groupby("year", sort=False)["events"].sum()
    assert by_year.to_dict() == {"2010": 1, "2011": 1, "2014": 1, "2016": 2, UNDATED: 10}
    assert list(by_year.index)[-1] == UNDATED
    assert counts["events"].sum() == len(package["events"])


def test_timeline_chart_shows_every_year_and_the_undated_bar(package):
    labels = dict(zip(package["categories"]["category_id"], package["categories"]["label_en"], strict=True))
    counts = year_counts(package["events"], labels, (2010, 2016))
    spec = chart(counts, (2010, 2016), {v: "#000000" for v in labels.values()}).to_dict()
    assert spec["encoding"]["x"]["scale"]["domain"] == [*map(str, range(2010, 2017)), UNDATED]
    assert spec["params"][0]["name"] == "years"


@pytest.mark.parametrize(
    ("selection", "span"),
    [
        ({"selection": {"years": [{"year": "2014"}]}}, (2014, 2014)),
        ({"selection": {"years": [{"year": "2016"}, {"year": "2010"}]}}, (2010, 2016)),
        ({"selection": {"years": [{"year": UNDATED}]}}, None),
        ({"selection": {"years": []}}, None),
        (None, None),
    ],
)
def test_timeline_click_gives_a_span(selection, span):
    assert picked_span(selection) == span


def test_timeline_follows_the_year_filter(package):
    labels = dict(zip(package["categories"]["category_id"], package["categories"]["label_en"], strict=True))
    selected = apply(
        package["events"], package["group_members"], Filters(years=(2010, 2014), include_undated=False)
    )
    counts = year_counts(selected, labels, (2010, 2014))
    spec = chart(counts, (2010, 2014), {v: "#000000" for v in labels.values()}, undated=False).to_dict()
    assert spec["encoding"]["x"]["scale"]["domain"] == ["2010", "2011", "2012", "2013", "2014"]
    assert counts["events"].sum() == 3
