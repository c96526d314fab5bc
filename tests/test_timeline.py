"""A click on the timeline as a choice of years: never a silent reset."""

from __future__ import annotations

import pytest

from coopmap.counts import YearPick, year_pick

SPAN = (2010, 2016)


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
    assert year_pick(selection, SPAN) == pick
