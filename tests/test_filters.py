"""Filtering, search and facet counts, on the real events."""

from __future__ import annotations

import numpy as np
import pytest

from coopmap.filters import (
    Filters,
    facets,
    search_terms,
    year_span,
)


def events(*numbers: int) -> list[str]:
    return [f"E{n:03d}" for n in numbers]


@pytest.fixture(scope="module")
def ids(ready):
    def ids(**kwargs) -> list[str]:
        return list(ready.select(Filters(**kwargs)).selected["event_id"])

    return ids


def test_no_filter_keeps_every_event(ids):
    assert ids() == [f"E{n:03d}" for n in range(1, 16)]


def test_country_keeps_its_own_events_and_claims_about_its_groups(ids):
    assert ids(countries=("KGZ",)) == ["E005", "E014", "E015"]  # own, Central Asia, SCO
    assert ids(countries=("IRN", "ECU")) == ["E001", "E006", "E007"]


def test_country_keeps_counted_claims_whose_source_named_members_include_it(ids):
    # ASEAN by definition; the 36 of E013 because Voice of America names Singapore among them.
    assert ids(countries=("SGP",)) == ["E004", "E013"]
    assert ids(countries=("DEU",)) == ["E012"]  # The New York Times names Germany among the 18
    assert ids(countries=("PAK",)) == ["E012", "E013"]
    assert ids(countries=("ARG",)) == ["E011"]  # no source names Argentina among a count


def test_a_year_range_leaves_undated_events_out_unless_asked_to_show_them(ready, ids):
    assert ids(years=(2016, 2016)) == ["E014", "E015"]
    assert ids(years=(2016, 2016), include_undated=False) == ["E014", "E015"]
    assert ids(years=(2016, 2016), include_undated=True) == events(3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15)
    assert ids(years=(2010, 2011)) == ["E001", "E007"]
    assert ready.select(Filters(years=(2016, 2016))).undated_left_out == 10
    assert ready.select(Filters(years=(2016, 2016), include_undated=True)).undated_left_out == 0
    assert ready.select(Filters()).undated_left_out == 0


def test_undated_left_out_counts_only_what_the_other_filters_would_show(ready, ids):
    filters = Filters(countries=("IRN",), years=(2010, 2010))
    assert ids(countries=("IRN",), years=(2010, 2010)) == ["E007"]
    assert ready.select(filters).undated_left_out == 1  # E006: Iran, undated


def test_only_dated_events_without_a_year_span(ready, ids):
    assert ids(include_undated=False) == ["E001", "E002", "E007", "E014", "E015"]
    assert ready.select(Filters(include_undated=False)).undated_left_out == 10


@pytest.mark.parametrize(
    ("years", "include_undated", "shown"),
    [
        (None, None, True),
        ((2010, 2014), None, False),
        (None, False, False),
        ((2010, 2014), True, True),
        (None, True, True),
        ((2010, 2014), False, False),
    ],
)
def test_undated_events_are_shown_by_default_only_without_a_year_range(years, include_undated, shown):
    assert Filters(years=years, include_undated=include_undated).undated_shown is shown


def test_category_actor_and_scope(ids):
    assert ids(categories=("police_training",)) == ["E002", "E003", "E004"]
    assert ids(actors=("华为", "中兴通讯")) == ["E007", "E008"]
    assert ids(scopes=("aggregate",)) == ["E012", "E013"]
    assert ids(categories=("financing",)) == []


def test_statuses_keep_only_events_with_those_verdicts(ids):
    assert ids(statuses=("partly",)) == events(1, 2, 3, 7, 8, 9, 10, 11, 12, 13)
    assert ids(statuses=("confirmed",)) == ["E004", "E014", "E015"]
    assert ids(statuses=("not_found",)) == ["E005", "E006"]
    assert ids(statuses=("confirmed", "not_found")) == events(4, 5, 6, 14, 15)
    assert ids(statuses=("contradicted", "conflicting")) == []


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("ZTE", ["E007"]),  # the project's English actor
        ("zte", ["E007"]),
        ("中兴", ["E007"]),  # the source's own words
        ("reuters", ["E007", "E011"]),  # publisher of a corroborating source: its ZTE and Argentina reports
        ("Stecklow", ["E007"]),  # that Reuters report's author
        ("facial recognition", ["E012"]),  # a further passage of the event (P003)
        ("伊朗", ["E006", "E007"]),  # the country's Chinese name
        ("Kyrgyzstan", ["E014", "E015"]),
        ("上合组织", ["E014", "E015"]),
        ("Jenny Ball", [f"E{n:03d}" for n in range(1, 16)]),  # the translator of the article
        ("", [f"E{n:03d}" for n in range(1, 16)]),
    ],
)
def test_search_finds_words_in_every_text_of_an_event(ids, search, expected):
    assert ids(search=search) == expected


def test_every_word_of_a_search_must_occur(ids):
    assert ids(search="huawei uganda") == ["E008"]
    assert ids(search="  IRAN   zte ") == ["E007"]
    assert ids(search="iran huawei") == []
    assert ids(search="ZTE", countries=("ECU",)) == []


def test_search_terms_are_the_case_folded_words():
    assert search_terms("  ZTE  Iran\t中兴 ") == ["zte", "iran", "中兴"]
    assert search_terms("Straße") == ["strasse"]
    assert search_terms("   ") == []


def test_facet_counts_ignore_the_facets_own_choice(ready):
    def counts(field: str, **kwargs) -> dict[str, int]:
        return ready.select(Filters(**kwargs)).facet_counts(field)

    assert counts("statuses") == {"confirmed": 3, "partly": 10, "not_found": 2}
    assert counts("statuses", statuses=("confirmed",)) == {"confirmed": 3, "partly": 10, "not_found": 2}
    assert counts("statuses", countries=("IRN",)) == {"partly": 1, "not_found": 1}
    assert counts("categories", statuses=("confirmed",)) == {
        "joint_exercise": 2,
        "police_training": 1,
    }
    assert counts("scopes", years=(2016, 2016)) == {"country": 1, "group": 1}


def test_a_facets_codes_pick_and_count_what_its_column_holds(ready):
    events = ready.events
    status = facets(events)["statuses"]
    every = np.ones(len(events), dtype=bool)
    assert status.counts(every) == events["status"].value_counts().to_dict()
    assert status.counts(status.rows(("partly", "not_found"))) == {"partly": 10, "not_found": 2}
    assert not status.rows(("no such status",)).any()
    assert status.counts(np.zeros(len(events), dtype=bool)) == {}


def test_year_span_is_the_stated_years(package):
    assert year_span(package["events"]) == (2010, 2016)


def test_the_timeline_counts_every_year_under_the_other_filters(ready):
    chosen = Filters(countries=("IRN",), years=(2014, 2016), include_undated=False, search="iran")
    selection = ready.select(chosen)
    assert list(selection.selected["event_id"]) == []  # E006 states no year, E007 says 2010
    assert list(selection.every_year["event_id"]) == ["E006", "E007"]
