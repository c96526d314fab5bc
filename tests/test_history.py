"""The history script's data: the address it puts in place, spelt as Streamlit writes addresses."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import pytest

from coopmap.app import state
from coopmap.app.state import View
from coopmap.filters import Filters
from coopmap.ui.history import history_data


def test_nothing_is_put_in_place_unless_asked():
    assert history_data(None) == {"replace": None}


def test_the_address_is_spelt_as_streamlit_writes_it():
    """Streamlit writes the query with Python's urlencode: a comma as %2C, a space as +."""
    wanted = {"country": "ECU,IRN", "q": "ZTE camera"}
    assert (
        history_data(wanted)
        == {"replace": "country=ECU%2CIRN&q=ZTE+camera"}
        == {"replace": urlencode(wanted)}
    )
    assert history_data({}) == {"replace": ""}  # the first view: an address without a query


@pytest.mark.parametrize(
    "view",
    [
        View(),
        View(Filters(countries=("ECU", "IRN"), statuses=("partly",), search="ZTE camera"), tab="timeline"),
        View(Filters(years=(2012, 2014), actors=("华为",)), "E002", "zh", groups=False),
    ],
)
def test_an_address_put_in_place_reads_back_as_its_view(ready, view):
    query = history_data(view.url(set(ready.events["event_id"])))["replace"]
    back, notices = state.from_url(
        parse_qs(query),
        countries=list(ready.names["en"]),
        categories=list(ready.labels["en"]),
        actors=list(ready.actors),
        span=ready.span,
        events=list(ready.events["event_id"]),
    )
    assert (back, notices) == (view, ())
