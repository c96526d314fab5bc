"""An event's status follows from its verdicts as data/README.md says; source years are the earliest."""

from __future__ import annotations

import pandas as pd
import pytest

from coopmap.dataset.status import source_years, statuses, with_status


def events(*event_ids: str) -> pd.DataFrame:
    return pd.DataFrame({"event_id": pd.array(event_ids, dtype="string")})


def corroborations(*rows: tuple) -> pd.DataFrame:
    """Rows of (event_id, verdict) or (event_id, verdict, year), typed as the package loads them."""
    event_ids = [r[0] for r in rows]
    verdicts = [r[1] for r in rows]
    years = [r[2] if len(r) > 2 else None for r in rows]
    return pd.DataFrame(
        {
            "event_id": pd.array(event_ids, dtype="string"),
            "verdict": pd.array(verdicts, dtype="string"),
            "year": pd.array(years, dtype="Int64"),
        }
    )


# The rule, verdict set by verdict set, never above the weakest check: a source confirms and another
# contradicts: conflicting; one contradicts and none confirms: contradicted; one is partly and none
# contradicts: partly, a confirmation beside it or not; every row that found it confirms: confirmed;
# else not_found.
RULE = {
    "one confirms": (["confirms"], "confirmed"),
    "two confirm": (["confirms", "confirms"], "confirmed"),
    "confirms and partly": (["confirms", "partly"], "partly"),
    "partly then confirms": (["partly", "confirms"], "partly"),
    "confirms, partly and not_found": (["confirms", "not_found", "partly"], "partly"),
    "confirms despite a search that found nothing": (["not_found", "confirms"], "confirmed"),
    "one contradicts": (["contradicts"], "contradicted"),
    "contradicts and partly": (["partly", "contradicts"], "contradicted"),
    "contradicts and not_found": (["contradicts", "not_found"], "contradicted"),
    "confirms and contradicts": (["confirms", "contradicts"], "conflicting"),
    "contradicts then confirms": (["contradicts", "confirms"], "conflicting"),
    "all four verdicts": (["partly", "contradicts", "not_found", "confirms"], "conflicting"),
    "one partly": (["partly"], "partly"),
    "two partly": (["partly", "partly"], "partly"),
    "partly and not_found": (["not_found", "partly"], "partly"),
    "one not_found": (["not_found"], "not_found"),
    "two not_found": (["not_found", "not_found"], "not_found"),
    "no row at all": ([], "not_found"),
}


@pytest.mark.parametrize("case", list(RULE))
def test_status_follows_the_documented_rule(case):
    verdicts, expected = RULE[case]
    # The event weighed sits between two others whose verdicts must not leak into it.
    frame = corroborations(
        ("E100", "contradicts"), *[("E200", v) for v in verdicts], ("E300", "confirms"), ("E300", "not_found")
    )
    result = statuses(events("E100", "E200", "E300"), frame)
    assert result.to_dict() == {"E100": "contradicted", "E200": expected, "E300": "confirmed"}


def test_statuses_follow_the_events_not_the_corroborations():
    frame = corroborations(("E3", "confirms"), ("E9", "contradicts"), ("E1", "partly"))
    result = statuses(events("E1", "E2", "E3"), frame)
    assert result.index.name == "event_id"
    assert result.name == "status"
    assert list(result.index) == ["E1", "E2", "E3"]
    assert list(result) == ["partly", "not_found", "confirmed"]


def test_with_no_corroborations_every_event_is_not_found():
    assert list(statuses(events("E1", "E2"), corroborations())) == ["not_found", "not_found"]


def test_with_status_adds_the_column_by_position_and_leaves_the_events_alone():
    frame = pd.DataFrame(
        {"event_id": ["E1", "E2", "E3"], "year": [2011, 2014, 2016]},
        index=[7, 3, 12],  # a filtered frame: its index is not 0, 1, 2
    )
    found = with_status(frame, corroborations(("E2", "confirms"), ("E1", "contradicts"), ("E1", "confirms")))
    assert found.to_dict("list") == {
        "event_id": ["E1", "E2", "E3"],
        "year": [2011, 2014, 2016],
        "status": ["conflicting", "confirmed", "not_found"],
    }
    assert list(found.index) == [7, 3, 12]
    assert list(frame.columns) == ["event_id", "year"]


def test_source_years_are_the_earliest_a_confirming_or_partly_confirming_source_gives():
    frame = corroborations(
        ("E1", "confirms", 2016),
        ("E1", "partly", 2014),
        ("E1", "contradicts", 2001),  # a contradicting source's year is not used
        ("E1", "not_found", 1999),
        ("E2", "partly", None),
        ("E2", "confirms", 2018),
        ("E3", "contradicts", 2010),  # only contradicting and unsuccessful sources: no year
        ("E3", "not_found", 2011),
        ("E4", "confirms", None),  # no source gives a year
    )
    years = source_years(frame)
    assert years.to_dict() == {"E1": 2014, "E2": 2018}
    assert years.dtype == "int64"


def test_source_years_of_no_corroborations_are_empty():
    assert source_years(corroborations()).to_dict() == {}


# The real package.


def test_statuses_of_the_real_events(package):
    assert statuses(package["events"], package["corroborations"]).to_dict() == {
        "E001": "partly",
        "E002": "partly",
        "E003": "partly",
        "E004": "confirmed",
        "E005": "not_found",
        "E006": "not_found",
        "E007": "partly",
        "E008": "partly",
        "E009": "partly",
        "E010": "partly",
        "E011": "partly",
        "E012": "partly",
        "E013": "partly",
        "E014": "confirmed",
        "E015": "confirmed",
    }


def test_real_events_with_status(package):
    found = with_status(package["events"], package["corroborations"])
    assert list(found.columns) == [*package["events"].columns, "status"]
    confirmed = found[found["status"] == "confirmed"]
    assert list(confirmed["event_id"]) == ["E004", "E014", "E015"]
    assert list(found.loc[found["status"] == "not_found", "event_id"]) == ["E005", "E006"]
    assert "status" not in package["events"].columns


def test_no_event_with_a_partly_or_contradicting_check_is_counted_confirmed(package):
    """On the event or on any of its further passages: E001's P002 is weighed partly (K020, K021)."""
    checks = package["corroborations"]
    doubted = set(checks.loc[checks["verdict"].isin(["partly", "contradicts"]), "event_id"])
    found = statuses(package["events"], checks)
    assert "E001" in doubted and not found[list(doubted)].eq("confirmed").any()
    assert set(found[found == "confirmed"].index).isdisjoint(doubted)


def test_source_years_of_the_real_corroborations(package):
    # E003 (partly, no year) and E005, E006 (not found) have none; E009 and E010 take the one year given.
    assert source_years(package["corroborations"]).to_dict() == {
        "E001": 2011,
        "E002": 2014,
        "E004": 2016,
        "E007": 2010,
        "E008": 2018,
        "E009": 2016,
        "E010": 2021,
        "E011": 2018,
        "E012": 2018,
        "E013": 2018,
        "E014": 2016,
        "E015": 2016,
    }
