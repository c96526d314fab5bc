"""The page's state: one View, read from a link or the widgets and written back; years in one form."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coopmap.app import state
from coopmap.app.state import WIDGETS, View, from_url, query_string
from coopmap.filters import Filters, narrowed, widened

SPAN = (2010, 2016)


def _from_url(ready, **params: str):
    return from_url(
        params,
        countries=list(ready.names["en"]),
        categories=list(ready.labels["en"]),
        actors=list(ready.actors),
        span=ready.span,
        events=list(ready.events["event_id"]),
    )


def test_the_first_view_fills_every_widget():
    assert View().widget_values(SPAN) == {
        "countries": [],
        "years": (2010, 2016),
        "undated": True,
        "verdicts": [],
        "categories": [],
        "actors": [],
        "scopes": [],
        "search": "",
        "event": None,
        "lang": "en",
        "source_years": False,
        "tab": "map",
        "show_groups": True,
    }
    assert set(WIDGETS) < set(View().widget_values(SPAN))


def test_the_whole_span_is_every_year_and_a_reversed_range_is_ordered():
    assert narrowed((2010, 2016), SPAN) is None
    assert narrowed(None, SPAN) is None
    assert narrowed((2016, 2012), SPAN) == (2012, 2016)
    # And back: the years a range shows, every year of the span for None.
    assert widened(None, SPAN) == SPAN and widened((2012, 2014), SPAN) == (2012, 2014)
    assert widened(narrowed((2010, 2016), SPAN), SPAN) == SPAN


@pytest.mark.parametrize(
    "view",
    [
        View(),
        View(Filters(countries=("ECU", "IRN"), years=(2011, 2014), include_undated=False), "E007", "zh"),
        View(Filters(years=(2016, 2016), include_undated=True, statuses=("confirmed", "partly")), None),
        View(
            Filters(categories=("facility",), actors=("华为",), scopes=("group",), search="ZTE"),
            None,
            "en",
            True,
        ),
        View(lang="zh", tab="timeline", groups=False),
    ],
)
def test_a_view_survives_the_widgets_and_the_link(ready, view):
    assert View.from_widgets(view.widget_values(SPAN), SPAN) == view
    back, notices = _from_url(ready, **view.url(set(ready.events["event_id"])))
    assert (back, notices) == (view, ())


def test_a_link_over_every_year_is_the_first_view(ready):
    assert _from_url(ready, **{"from": "2010", "to": "2016"}) == (View(), ())


def test_a_narrowed_link_leaves_undated_events_out_unless_it_asks_for_them(ready):
    view, _ = _from_url(ready, **{"from": "2014", "to": "2016"})
    assert view.filters == Filters(years=(2014, 2016), include_undated=False)
    view, _ = _from_url(ready, **{"from": "2014", "to": "2016", "undated": "1"})
    assert view.filters == Filters(years=(2014, 2016), include_undated=True)


def test_a_link_gives_its_notices_with_the_rest_of_the_view(ready):
    view, notices = _from_url(ready, country="IRN,XYZ", lang="fr")
    assert view == View(Filters(countries=("IRN",)))
    assert view.filters.include_undated is True
    assert [n.text("en") for n in notices] == [
        'Ignored country "XYZ": not a country in this dataset.',
        'Ignored lang "fr": use en or zh.',
    ]


def test_a_links_notices_stay_until_the_reader_changes_the_view_and_then_are_gone_for_good(ready):
    view, notices = _from_url(ready, country="IRN,XYZ", q="ZTE")
    session: dict = {}
    state.start(session, view, notices, SPAN)
    told = ['Ignored country "XYZ": not a country in this dataset.']
    assert state.notices(session, state.current(session, SPAN)) == told
    assert state.notices(session, state.current(session, SPAN)) == told  # a rerun that changes nothing
    session["lang"] = "zh"  # the same view, read in Chinese
    assert [n.text("zh") for n in state.notices(session, state.current(session, SPAN))] == [
        "已忽略 country“XYZ”：不是本数据集中的国家。"
    ]
    session["years"] = (2012, 2014)
    assert state.notices(session, state.current(session, SPAN)) == []
    session["years"] = SPAN  # back to the view the link opened: what it said was read already
    assert state.current(session, SPAN) == replace(view, lang="zh")
    assert state.notices(session, state.current(session, SPAN)) == []


def test_the_open_event_is_in_the_link_only_while_it_is_shown():
    view = View(Filters(countries=("IRN",)), event="E007", tab="table")
    assert view.url({"E006", "E007"}) == {"country": "IRN", "event": "E007"}  # an event opens the table
    assert view.url({"E006"}) == {"country": "IRN", "tab": "table"}
    assert replace(view, tab="map").url({"E007"}) == {"country": "IRN", "event": "E007", "tab": "map"}


def test_a_query_string_reads_as_typed_in_an_address_bar():
    assert query_string({"country": "ECU,IRN", "q": "ZTE camera"}) == "?country=ECU,IRN&q=ZTE+camera"
    assert query_string({}) == ""


def _session(**changes) -> dict:
    """A session as the page's first run leaves it, with some widgets changed."""
    session: dict = {}
    state.start(session, View(), (), SPAN)
    session.update(changes)
    return session


def test_the_first_run_fills_the_widgets_and_the_pages_own_state():
    session = _session()
    assert {k: session[k] for k in ("timeline_notice", "notices", "resets")} == {
        "timeline_notice": None,
        "notices": [],
        "resets": 0,
    }
    assert state.current(session, SPAN) == View()


def test_a_page_open_through_a_restart_keeps_what_its_browser_sent_and_runs_again():
    """The tap that wakes a page after the server restarted brings every widget's value: the session
    keeps those (the slider's aside: only a value given makes it a range) and the page runs again."""
    link = View(Filters(search="police"), tab="table")
    session: dict = {}

    def read(asked):
        return link, ()

    held = {"lang", "search", "years", "map"}  # the widgets and components the browser holds
    assert state.arrive(session, 1, {"q": ["police"], "tab": ["table"]}, read, SPAN, False, held)
    assert "lang" not in session and "search" not in session
    assert session["years"] == link.widget_values(SPAN)["years"] and session["tab"] == "table"
    assert state.current(session, SPAN) == link  # this run: the view the page showed
    session.update(lang="zh", search="police")  # what drawing the widgets puts in the session
    assert state.current(session, SPAN) == link  # still: the rest are drawn with the labels sent
    assert not state.arrive(session, 1, {}, read, SPAN, False, held)  # the run after: nothing to restore
    assert state.current(session, SPAN) == replace(link, lang="zh")  # the tap on 中文 counts
    session[state.WOKEN] = "ARG"  # had the tap been on the map, the page would have noted its country
    assert not state.arrive(session, 1, {}, read, SPAN, False, held)
    assert session["countries"] == ["ARG"] and state.WOKEN not in session
    # A new version of the package under the open page sets every value again, the browser's or not.
    assert not state.arrive(session, 2, {}, read, SPAN, False, held)
    assert all(key in session for key in state.VIEW_KEYS)


def test_a_change_pushes_one_entry_and_a_links_first_view_replaces_its_address():
    session = _session()
    assert state.addressed(session, {}) == "replace"  # the link opened, put in place of itself
    assert state.addressed(session, {}) == ""  # a rerun that changes nothing, as a zoom does
    assert state.addressed(session, {"verdict": "partly"}) == "push"
    assert state.addressed(session, {"verdict": "partly"}) == ""
    assert state.addressed(session, {"verdict": "partly", "tab": "timeline"}) == "push"


def test_a_change_made_as_the_package_changes_is_pushed_like_any_other():
    session = _session()
    state.addressed(session, {})
    state.start(session, View(Filters(search="ZTE")), (), SPAN)  # the view the reader has just set
    assert state.addressed(session, {"q": "ZTE"}) == "push"


def test_back_or_forward_shows_the_view_returned_to_and_pushes_nothing():
    session = _session()
    state.addressed(session, {})
    session.update(countries=["IRN"], verdicts=["partly"], tab="timeline", timeline_notice=2021)
    assert state.addressed(session, {"country": "IRN", "verdict": "partly", "tab": "timeline"}) == "push"
    earlier = View(Filters(countries=("IRN",), statuses=("partly",)))
    state.returned(session, earlier, SPAN)
    assert state.current(session, SPAN) == earlier
    assert (session["timeline_notice"], session["resets"]) == (None, 1)  # the map fits the view afresh
    assert state.addressed(session, {"country": "IRN", "verdict": "partly"}) == ""  # left as it is
    assert state.addressed(session, {"country": "IRN", "verdict": "partly"}) == ""
    assert state.addressed(session, {"country": "IRN"}) == "push"  # the next change


def test_returning_to_the_view_shown_keeps_the_map_where_it_is():
    """#passages coming or going is a Back or Forward too, within the same view."""
    session = _session(countries=["IRN"])
    state.addressed(session, {"country": "IRN"})
    state.returned(session, View(Filters(countries=("IRN",))), SPAN)
    assert session["resets"] == 0  # no new count: the camera the reader may have zoomed stays
    assert state.addressed(session, {"country": "IRN"}) == ""


def test_forward_undoing_a_back_not_yet_answered_pushes_nothing():
    """Back to the first view was drawn and written; Forward came before the widgets showed it."""
    session = _session(countries=["IRN"])
    state.addressed(session, {"country": "IRN"})
    state.returned(session, View(), SPAN)
    state.addressed(session, {})
    session["countries"] = ["IRN"]  # the widgets' values from before Back, sent with Forward
    state.returned(session, View(Filters(countries=("IRN",))), SPAN)
    assert state.addressed(session, {"country": "IRN"}) == ""


def test_reset_clears_the_filters_and_keeps_language_placed_years_and_groups():
    session = _session(
        countries=["IRN"],
        years=(2012, 2014),
        undated=False,
        search="ZTE",
        event="E007",
        lang="zh",
        source_years=True,
        show_groups=False,
        timeline_notice=2021,
    )
    state.reset(session, SPAN)
    assert state.current(session, SPAN) == View(lang="zh", source_years=True, groups=False)
    assert (session["timeline_notice"], session["resets"]) == (None, 1)  # and the map fits the world again


def test_a_suggestion_or_the_clear_button_sets_the_search_and_keeps_the_other_filters():
    session = _session(countries=["IRN"], search="Hauwei")
    state.searched(session, "Huawei")
    assert state.current(session, SPAN) == View(Filters(countries=("IRN",), search="Huawei"))
    state.searched(session, "")
    assert state.current(session, SPAN) == View(Filters(countries=("IRN",)))


def test_narrowing_the_years_leaves_undated_events_out_and_the_whole_span_brings_them_back():
    session = _session(years=(2012, 2014), timeline_notice=2021)
    state.years_changed(session, SPAN)
    assert (session["undated"], session["timeline_notice"]) == (False, None)
    session["years"] = (2010, 2016)
    state.years_changed(session, SPAN)
    assert session["undated"] is True


def test_the_timeline_forgets_its_clicked_bars_whenever_the_years_move_another_way_than_by_a_click():
    session = _session()
    state.bar_clicked(session, [2012], False, SPAN)
    assert session["year_moves"] == 0  # the chart keeps its key: a shift-click spans from 2012
    session["years"] = (2011, 2013)
    state.years_changed(session, SPAN)
    assert session["year_moves"] == 1
    state.reset(session, SPAN)
    assert session["year_moves"] == 2


def test_the_timelines_year_boxes_show_the_years_however_chosen():
    assert state.year_ends(_session()) == {"years_from": 2010, "years_to": 2016}
    assert state.year_ends(_session(years=(2012, 2014))) == {"years_from": 2012, "years_to": 2014}


@pytest.mark.parametrize(
    ("end", "low", "high", "years", "undated"),
    [
        ("years_from", 2012, 2016, (2012, 2016), False),
        ("years_to", 2010, 2014, (2010, 2014), False),
        ("years_from", 2015, 2013, (2015, 2015), False),  # past the other end: it follows
        ("years_to", 2015, 2013, (2013, 2013), False),
        ("years_to", 2010, 2016, (2010, 2016), True),  # every year again: the undated come back
    ],
)
def test_a_year_box_moves_its_end_of_the_sidebars_years(end, low, high, years, undated):
    session = _session(years=(2012, 2014), undated=False, years_from=low, years_to=high)
    state.end_chosen(session, SPAN, end)
    assert (session["years"], session["undated"], session["year_moves"]) == (years, undated, 1)


def test_a_map_click_chooses_its_country_and_a_click_on_the_sea_chooses_nothing():
    session = _session(countries=["ECU", "IRN"])
    state.country_clicked(session, None)
    assert session["countries"] == ["ECU", "IRN"]
    state.country_clicked(session, "JAM")
    assert session["countries"] == ["JAM"]


def test_a_bar_click_chooses_its_years_and_refuses_a_year_only_a_source_gives():
    session = _session()
    state.bar_clicked(session, [2012, 2014], False, SPAN)
    assert (session["years"], session["undated"], session["timeline_notice"]) == ((2012, 2014), False, None)
    state.bar_clicked(session, [2021], False, SPAN)
    assert (session["years"], session["timeline_notice"]) == ((2012, 2014), 2021)


@pytest.mark.parametrize(
    ("years", "undated", "pick"),
    [
        ([2016], False, state.YearPick((2016, 2016), False, None)),
        ([2014, 2011], False, state.YearPick((2011, 2014), False, None)),
        ([2010, 2016], False, state.YearPick((2010, 2016), True, None)),  # the whole span: undated come along
        ([2014], True, state.YearPick((2014, 2014), True, None)),
        ([], True, state.YearPick(None, True, None)),
        ([2021], False, state.YearPick(None, None, 2021)),  # a source's year: refused, the view kept
        ([2014, 2021], False, state.YearPick(None, None, 2021)),
        ([], False, state.YearPick(None, None, None)),  # a cleared selection changes nothing
    ],
)
def test_a_click_chooses_years_or_refuses_visibly(years, undated, pick):
    """A click on the timeline as a choice of years: never a silent reset."""
    assert state.year_pick(years, undated, SPAN) == pick


def test_a_picked_row_opens_its_event_and_clearing_the_pick_closes_it():
    session = _session()
    shown = ["E006", "E007"]
    state.row_picked(session, [1], shown)
    assert session["event"] == "E007"
    state.row_picked(session, [0], shown)
    assert session["event"] == "E006"
    state.row_picked(session, [], shown)
    assert session["event"] is None
    state.row_picked(session, [5], shown)  # a stale pick beyond the table's rows opens nothing
    assert session["event"] is None


@pytest.mark.parametrize("ends", [state.dismiss_notices, lambda session: state.reset(session, SPAN)])
def test_dismissing_or_resetting_ends_a_links_notices_even_on_the_view_it_opened(ready, ends):
    view, notices = _from_url(ready, bogus="1", lang="zh")
    session: dict = {}
    state.start(session, view, notices, SPAN)
    assert state.notices(session, state.current(session, SPAN)) == ['Ignored unknown parameter "bogus".']
    ends(session)
    assert state.current(session, SPAN) == view and state.notices(session, view) == []
