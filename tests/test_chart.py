"""The timeline drawn as an Altair chart (coopmap/ui/chart.py), from the real data's counts."""

from __future__ import annotations

import pytest

from coopmap.counts import year_counts
from coopmap.dataset.status import source_years, with_status
from coopmap.ui.chart import chart

UNDATED = "Year not stated"


@pytest.fixture(scope="module")
def events(package):
    """The events as the page holds them, each with its status."""
    return with_status(package["events"], package["corroborations"])


def test_bars_are_filled_inside_the_chosen_years_hollow_outside_and_dashed_at_a_sources_year(package, events):
    placed = source_years(package["corroborations"])
    counts = year_counts(events, (2010, 2016), (2010, 2014), placed, undated=False)
    data = chart(counts, (2010, 2016)).to_dict()["datasets"]
    (rows,) = data.values()
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
    spec = chart(counts, (2010, 2016)).to_dict()
    assert spec["encoding"]["x"]["scale"]["domain"] == [*map(str, range(2010, 2017)), UNDATED]
    assert spec["params"][0]["name"] == "years"
    assert counts["events"].sum() == 5


def test_timeline_chart_in_chinese(events):
    counts = year_counts(events, (2010, 2016), lang="zh")
    spec = chart(counts, (2010, 2016), "zh").to_dict()
    assert spec["encoding"]["x"]["scale"]["domain"][-1] == "未注明年份"
    assert spec["encoding"]["y"]["title"] == "已报道事件"
