"""Filtering and the summary line, on the real events."""

from __future__ import annotations

import pytest

from data.filters import Filters, apply, summary, year_span


@pytest.fixture(scope="module")
def labels(package):
    return dict(zip(package["categories"]["category_id"], package["categories"]["label_en"], strict=True))


def ids(package, **kwargs) -> list[str]:
    return list(apply(package["events"], package["group_members"], Filters(**kwargs))["event_id"])


def test_no_filter_keeps_every_event(package):
    assert ids(package) == [f"E{n:03d}" for n in range(1, 16)]


def test_country_keeps_its_own_events_and_claims_about_its_groups(package):
    assert ids(package, countries=("KGZ",)) == ["E005", "E014", "E015"]  # own, Central Asia, SCO
    assert ids(package, countries=("SGP",)) == ["E004"]  # only as a member of ASEAN
    assert ids(package, countries=("IRN", "ECU")) == ["E001", "E006", "E007"]


def test_country_filter_leaves_out_counted_claims(package):
    assert "E012" not in ids(package, countries=("ARG",))


def test_years_keep_undated_events_unless_asked_not_to(package):
    dated = ids(package, years=(2010, 2011), include_undated=False)
    assert dated == ["E001", "E007"]
    with_undated = ids(package, years=(2010, 2011))
    assert set(with_undated) - set(dated) == {"E003", "E004", "E005", "E006", "E008", "E009", "E010", "E011",
                                              "E012", "E013"}  # fmt: skip


def test_only_dated_events_without_a_year_span(package):
    assert ids(package, include_undated=False) == ["E001", "E002", "E007", "E014", "E015"]


def test_category_actor_and_scope(package):
    assert ids(package, categories=("police_training",)) == ["E002", "E003", "E004"]
    assert ids(package, actors=("华为", "中兴通讯")) == ["E007", "E008"]
    assert ids(package, scopes=("aggregate",)) == ["E012", "E013"]
    assert ids(package, categories=("financing",)) == []


def test_year_span_is_the_stated_years(package):
    assert year_span(package["events"]) == (2010, 2016)


SUMMARIES = [
    ({}, "15 events in 7 countries, 4 regions or blocs, 2 counted claims; "
         "2010–2016 and 10 without a stated year; all categories"),
    ({"years": (2010, 2014), "include_undated": False},
     "3 events in 3 countries; 2010–2014, dated events only; all categories"),
    ({"countries": ("SGP",)},
     "1 event in 1 region or bloc; 2010–2016 and 1 without a stated year; all categories"),
    ({"categories": ("joint_exercise", "facility")},
     "3 events in 2 countries, 1 region or bloc; 2010–2016 and 1 without a stated year; "
     "Facility, Joint exercise"),
    ({"years": (2016, 2016), "include_undated": False},
     "2 events in 1 country, 1 region or bloc; 2016, dated events only; all categories"),
]  # fmt: skip


@pytest.mark.parametrize(("kwargs", "line"), SUMMARIES)
def test_summary_says_what_is_shown(package, labels, kwargs, line):
    filters = Filters(**kwargs)
    selected = apply(package["events"], package["group_members"], filters)
    assert summary(selected, filters, package["events"], labels) == line


def test_summary_of_nothing(package, labels):
    filters = Filters(countries=("ARG",), scopes=("aggregate",))
    selected = apply(package["events"], package["group_members"], filters)
    assert summary(selected, filters, package["events"], labels) == ("0 events; 2010–2016; all categories")
