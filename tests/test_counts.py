"""What the selected events add up to (coopmap/counts.py), on the real data: per country for the map,
per year for the timeline, and what a click on a bar asks for."""

from __future__ import annotations

import pytest

from coopmap.counts import (
    Context,
    MapCounts,
    YearPick,
    map_counts,
    picked_years,
    year_counts,
    year_pick,
    years_shown,
)
from coopmap.dataset.status import source_years, with_status
from coopmap.filters import Filters, year_span

UNDATED = "Year not stated"
STATED = "Year stated by the article"
PLACED = "Year from an independent source"
SPAN = (2010, 2016)


@pytest.fixture(scope="module")
def events(package):
    """The events as the page holds them, each with its status."""
    return with_status(package["events"], package["corroborations"])


def test_timeline_keeps_undated_events_as_their_own_bar(events):
    counts = year_counts(events, year_span(events))
    assert list(counts.columns) == ["year", "basis", "events", "inside"]
    assert list(counts.itertuples(index=False, name=None)) == [
        ("2010", STATED, 1, True),
        ("2011", STATED, 1, True),
        ("2014", STATED, 1, True),
        ("2016", STATED, 2, True),
        (UNDATED, UNDATED, 10, True),
    ]
    assert counts["events"].sum() == 15


def test_timeline_marks_the_bars_outside_the_chosen_years(events):
    counts = year_counts(events, (2010, 2016), chosen=(2010, 2014), undated=False)
    assert list(counts.itertuples(index=False, name=None)) == [
        ("2010", STATED, 1, True),
        ("2011", STATED, 1, True),
        ("2014", STATED, 1, True),
        ("2016", STATED, 2, False),
        (UNDATED, UNDATED, 10, False),
    ]


def test_timeline_places_undated_events_at_a_sources_year_apart(package, events):
    placed = source_years(package["corroborations"])
    counts = year_counts(events, (2010, 2016), (2010, 2014), placed, undated=False)
    assert list(counts.itertuples(index=False, name=None)) == [
        ("2010", STATED, 1, True),
        ("2011", STATED, 1, True),
        ("2014", STATED, 1, True),
        ("2016", PLACED, 2, False),  # E004, E009
        ("2016", STATED, 2, False),
        ("2018", PLACED, 4, False),  # E008, E011, E012, E013
        ("2021", PLACED, 1, False),  # E010
        (UNDATED, UNDATED, 3, False),  # E003, E005, E006: no source gives a year
    ]
    assert years_shown(counts, (2010, 2016)) == [*map(str, range(2010, 2022)), UNDATED]


def test_years_shown_is_the_span_and_the_undated_bar_without_placed_years(events):
    counts = year_counts(events[events["year"].notna()], (2010, 2016))
    assert years_shown(counts, (2010, 2016)) == [
        "2010", "2011", "2012", "2013", "2014", "2015", "2016", UNDATED,
    ]  # fmt: skip
    assert years_shown(counts, (2010, 2016), "zh")[-1] == "未注明年份"


def test_timeline_in_chinese(events):
    counts = year_counts(events, (2010, 2016), lang="zh")
    assert list(counts.itertuples(index=False, name=None))[-1] == ("未注明年份", "未注明年份", 10, True)


def test_placed_bars_are_in_or_out_with_the_undated_events(package, events):
    """A source's year holds undated events: drawn solid while they are shown, hollow while left out."""
    placed = source_years(package["corroborations"])
    shown = year_counts(events, (2010, 2016), None, placed)
    assert shown["inside"].all()
    hidden = year_counts(events, (2010, 2016), (2016, 2016), placed, undated=False)
    assert list(hidden.loc[hidden["inside"], ["year", "basis"]].itertuples(index=False, name=None)) == [
        ("2016", "Year stated by the article")
    ]


@pytest.mark.parametrize(
    ("selection", "picked"),
    [
        ({"selection": {"years": [{"year": "2014"}]}}, ([2014], False)),
        ({"selection": {"years": [{"year": "2016"}, {"year": "2010"}]}}, ([2010, 2016], False)),
        ({"selection": {"years": [{"year": UNDATED}]}}, ([], True)),
        ({"selection": {"years": [{"year": "未注明年份"}, {"year": "2012"}]}}, ([2012], True)),
        ({"selection": {"years": [{"year": 2014}]}}, ([2014], False)),
        ({"selection": {"years": ["2014"]}}, ([], False)),
        ({"selection": {"years": []}}, ([], False)),
        (None, ([], False)),
    ],
)
def test_timeline_click_gives_the_years_and_whether_the_undated_bar_was_clicked(selection, picked):
    assert picked_years(selection) == picked


def clicked(*years: str) -> dict:
    return {"selection": {"years": [{"year": year} for year in years]}}


@pytest.mark.parametrize(
    ("selection", "pick"),
    [
        (clicked("2016"), YearPick((2016, 2016), False, None)),
        (clicked("2014", "2011"), YearPick((2011, 2014), False, None)),
        (clicked("2010", "2016"), YearPick((2010, 2016), True, None)),  # the whole span: undated come along
        (clicked("2014", "Year not stated"), YearPick((2014, 2014), True, None)),
        (clicked("Year not stated"), YearPick(None, True, None)),
        (clicked("2021"), YearPick(None, None, 2021)),  # a source's year: refused, the view kept
        (clicked("2014", "2021"), YearPick(None, None, 2021)),
        ({"selection": {"years": []}}, YearPick(None, None, None)),  # a cleared selection changes nothing
        (None, YearPick(None, None, None)),
        (clicked("٢٠١٤"), YearPick(None, True, None)),  # not ASCII digits: not a year
    ],
)
def test_a_click_chooses_years_or_refuses_visibly(selection, pick):
    """A click on the timeline as a choice of years: never a silent reset."""
    assert year_pick(selection, SPAN) == pick


def _map(ready, lang: str = "en", **filters) -> MapCounts:
    selected = ready.select(Filters(**filters)).selected
    return map_counts(
        selected, ready.package, ready.members, ready.labels[lang], ready.group_names[lang], lang
    )


def test_the_map_counts_each_countrys_own_events_by_category(ready):
    assert _map(ready).by_country == {
        "ARG": {"Facility": 1}, "BOL": {"Agreement": 1}, "ECU": {"Surveillance system": 1},
        "IRN": {"Surveillance system": 2}, "JAM": {"Equipment donation": 1}, "KGZ": {"Joint exercise": 1},
        "LBR": {"Police & security training": 1},
    }  # fmt: skip
    assert _map(ready, "zh", countries=("IRN",)).by_country == {"IRN": {"监控系统": 2}}


def test_group_claims_make_their_members_context_never_counts(ready):
    counts = _map(ready, countries=("KGZ",))
    assert counts.group_claims == {"central-asia": 1, "sco": 1}
    assert counts.context["KGZ"] == (
        Context("Central Asia", ("E005",), "", 1),
        Context("Shanghai Cooperation Organisation (SCO)", ("E015",), "", 1),
    )
    assert set(counts.by_country) == {"KGZ"}  # the other members of both groups are context only
    assert counts.context["TKM"] == (Context("Central Asia", ("E005",), "", 1),)  # not in the SCO


def test_a_member_named_by_a_source_says_which(ready):
    (context,) = _map(ready).context["DEU"]
    assert context == Context(
        "18 countries using intelligence surveillance systems made by the CCP "
        "(countries named by later sources; partial)",
        ("E012",),
        "The New York Times, 2019-04-24",
        1,
    )


def test_the_most_reported_come_first_then_by_name(ready):
    assert _map(ready).most_reported(ready.names["en"]) == [
        ("IRN", 2), ("ARG", 1), ("BOL", 1), ("ECU", 1), ("JAM", 1), ("KGZ", 1), ("LBR", 1),
    ]  # fmt: skip
    assert _map(ready, search="xyz") == MapCounts({}, {}, {})
