"""The timeline as a Vega-Lite chart made with Altair (coopmap/ui/chart.py), from the real data's counts:
its bars, their labels, and what a click on them asks for."""

from __future__ import annotations

import pytest

from coopmap.counts import year_counts
from coopmap.dataset.status import source_years, with_status
from coopmap.ui.chart import chart, picked

UNDATED = "Year not stated"


@pytest.fixture(scope="module")
def events(package):
    """The events as the page holds them, each with its status."""
    return with_status(package["events"], package["corroborations"])


def test_bars_are_filled_inside_the_chosen_years_hollow_outside_and_dashed_at_a_sources_year(package, events):
    placed = source_years(package["corroborations"])
    counts = year_counts(events, (2010, 2016), (2010, 2014), placed, undated=False)
    frame, spec = chart(counts, (2010, 2016))
    assert "data" not in spec and "datasets" not in spec  # the bars travel apart from the spec
    rows = frame.to_dict("records")
    assert [(r["year"], r["fill"], r["outline"], r["dash"]) for r in rows] == [
        ("2010", "#084594", "#084594", "solid"),
        ("2011", "#084594", "#084594", "solid"),
        ("2014", "#084594", "#084594", "solid"),
        ("2016", "#ffffff", "#000000", "placed"),  # hollow, dashed black: a source's year
        ("2016", "#ffffff", "#767676", "solid"),  # hollow: outside the chosen years
        ("2018", "#ffffff", "#000000", "placed"),
        ("2021", "#ffffff", "#000000", "placed"),
        (UNDATED, "#ffffff", "#767676", "solid"),
    ]


def test_timeline_chart_shows_every_year_and_always_the_undated_bar(events):
    counts = year_counts(events[events["year"].notna()], (2010, 2016), chosen=(2010, 2014), undated=False)
    _, spec = chart(counts, (2010, 2016))
    assert spec["encoding"]["x"]["scale"]["domain"] == [*map(str, range(2010, 2017)), UNDATED]
    assert spec["params"][0]["name"] == "years"
    assert counts["events"].sum() == 5


def test_timeline_chart_in_chinese(events):
    counts = year_counts(events, (2010, 2016))
    _, spec = chart(counts, (2010, 2016), "zh")
    assert spec["encoding"]["x"]["scale"]["domain"][-1] == "未注明年份"
    assert spec["encoding"]["y"]["title"] == "已报道事件"
    undated_bar = chart(counts, (2010, 2016), "zh")[0].iloc[-1]
    assert (undated_bar["year"], undated_bar["basis"]) == ("未注明年份", "未注明年份")


def test_the_spec_is_built_once_per_axis_and_language_and_each_caller_gets_its_own_copy(events):
    counts = year_counts(events, (2010, 2016))
    first, second = chart(counts, (2010, 2016))[1], chart(counts, (2010, 2016))[1]
    assert first == second and first is not second
    first["encoding"]["x"]["title"] = "changed by a caller"
    assert chart(counts, (2010, 2016))[1] == second


def test_a_bar_says_its_year_count_and_basis_to_a_screen_reader(events):
    frame, _ = chart(year_counts(events, (2010, 2016)), (2010, 2016))
    assert list(frame["described"])[:2] == [
        "2010: 1 reported event (Year stated by the article)",
        "2011: 1 reported event (Year stated by the article)",
    ]
    assert "2016: 2 reported events (Year stated by the article)" in list(frame["described"])


@pytest.mark.parametrize(
    ("selection", "years"),
    [
        ({"selection": {"years": [{"year": "2014"}]}}, ([2014], False)),
        ({"selection": {"years": [{"year": "2016"}, {"year": "2010"}]}}, ([2010, 2016], False)),
        ({"selection": {"years": [{"year": UNDATED}]}}, ([], True)),
        ({"selection": {"years": [{"year": "未注明年份"}, {"year": "2012"}]}}, ([2012], True)),
        ({"selection": {"years": [{"year": 2014}]}}, ([2014], False)),
        ({"selection": {"years": ["2014"]}}, ([], False)),
        ({"selection": {"years": []}}, ([], False)),
        ({"selection": {"years": [{"year": "٢٠١٤"}]}}, ([], True)),  # not ASCII digits: not a year
        (None, ([], False)),
    ],
)
def test_a_click_gives_the_years_of_its_bars_and_whether_the_undated_bar_was_among_them(selection, years):
    assert picked(selection) == years
