"""What the selected events add up to (coopmap/counts.py), on the real data: per country for the map,
per year for the timeline, in codes."""

from __future__ import annotations

import pandas as pd
import pytest

from coopmap.counts import PLACED, STATED, UNDATED, Context, MapCounts, map_counts, year_counts, years_shown
from coopmap.dataset.status import source_years, with_status
from coopmap.filters import Filters, year_span


@pytest.fixture(scope="module")
def events(package):
    """The events as the page holds them, each with its status."""
    return with_status(package["events"], package["corroborations"])


def bars(counts: pd.DataFrame) -> list[tuple]:
    """The counts' rows, a missing year (the undated bar's) as None."""
    rows = counts.itertuples(index=False, name=None)
    return [tuple(None if v is pd.NA else v for v in row) for row in rows]


def test_timeline_keeps_undated_events_as_their_own_bar(events):
    counts = year_counts(events, year_span(events))
    assert list(counts.columns) == ["year", "basis", "events", "inside"]
    assert bars(counts) == [
        (2010, STATED, 1, True),
        (2011, STATED, 1, True),
        (2014, STATED, 1, True),
        (2016, STATED, 2, True),
        (None, UNDATED, 10, True),
    ]
    assert counts["events"].sum() == 15


def test_timeline_marks_the_bars_outside_the_chosen_years(events):
    counts = year_counts(events, (2010, 2016), chosen=(2010, 2014), undated=False)
    assert bars(counts) == [
        (2010, STATED, 1, True),
        (2011, STATED, 1, True),
        (2014, STATED, 1, True),
        (2016, STATED, 2, False),
        (None, UNDATED, 10, False),
    ]


def test_timeline_places_undated_events_at_a_sources_year_apart(package, events):
    placed = source_years(package["corroborations"])
    counts = year_counts(events, (2010, 2016), (2010, 2014), placed, undated=False)
    assert bars(counts) == [
        (2010, STATED, 1, True),
        (2011, STATED, 1, True),
        (2014, STATED, 1, True),
        (2016, PLACED, 2, False),  # E004, E009
        (2016, STATED, 2, False),
        (2018, PLACED, 4, False),  # E008, E011, E012, E013
        (2021, PLACED, 1, False),  # E010
        (None, UNDATED, 3, False),  # E003, E005, E006: no source gives a year
    ]
    assert years_shown(counts, (2010, 2016)) == list(range(2010, 2022))


def test_years_shown_is_the_span_without_placed_years(events):
    counts = year_counts(events[events["year"].notna()], (2010, 2016))
    assert years_shown(counts, (2010, 2016)) == list(range(2010, 2017))


def test_placed_bars_are_in_or_out_with_the_undated_events(package, events):
    """A source's year holds undated events: drawn solid while they are shown, hollow while left out."""
    placed = source_years(package["corroborations"])
    shown = year_counts(events, (2010, 2016), None, placed)
    assert shown["inside"].all()
    hidden = year_counts(events, (2010, 2016), (2016, 2016), placed, undated=False)
    assert [(year, basis) for year, basis, _, inside in bars(hidden) if inside] == [(2016, STATED)]


def _map(ready, lang: str = "en", **filters) -> MapCounts:
    selected = ready.select(Filters(**filters)).selected
    return map_counts(selected, ready.package, ready.members, ready.group_names[lang], lang)


def test_the_map_counts_each_countrys_own_events_by_category(ready):
    assert _map(ready).by_country == {
        "ARG": {"facility": 1},
        "BOL": {"agreement": 1},
        "ECU": {"surveillance_system": 1},
        "IRN": {"surveillance_system": 2},
        "JAM": {"equipment_donation": 1},
        "KGZ": {"joint_exercise": 1},
        "LBR": {"police_training": 1},
    }
    # Codes in any language: the map's tooltip names them in the reader's.
    assert _map(ready, "zh", countries=("IRN",)).by_country == {"IRN": {"surveillance_system": 2}}


def test_group_claims_make_their_members_context_never_counts(ready):
    counts = _map(ready, countries=("KGZ",))
    assert counts.group_claims == {"central-asia": 1, "sco": 1}
    assert counts.context["KGZ"] == (
        Context("Central Asia", "", 1),
        Context("Shanghai Cooperation Organisation (SCO)", "", 1),
    )
    assert set(counts.by_country) == {"KGZ"}  # the other members of both groups are context only
    assert counts.context["TKM"] == (Context("Central Asia", "", 1),)  # not in the SCO


def test_a_member_named_by_a_source_says_which(ready):
    (context,) = _map(ready).context["DEU"]
    assert context == Context(
        "18 countries using intelligence surveillance systems made by the CCP "
        "(countries named by later sources; partial)",
        "The New York Times, 2019-04-24",
        1,
    )


def test_the_most_reported_come_first_then_by_name(ready):
    assert _map(ready).most_reported(ready.names["en"]) == [
        ("IRN", 2),
        ("ARG", 1),
        ("BOL", 1),
        ("ECU", 1),
        ("JAM", 1),
        ("KGZ", 1),
        ("LBR", 1),
    ]
    assert _map(ready, search="xyz") == MapCounts({}, {}, {})
