"""The timeline as a Vega-Lite chart made with Altair (coopmap/ui/chart.py), from the real data's counts:
its bars, their labels, and what a click on them asks for."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import vl_convert

from coopmap.counts import year_counts
from coopmap.dataset.status import source_years, with_status
from coopmap.ui.chart import chart, picked

UNDATED = "Year not stated"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def events(package):
    """The events as the page holds them, each with its status."""
    return with_status(package["events"], package["corroborations"])


def test_bars_are_filled_inside_the_chosen_years_hollow_outside_and_dashed_at_a_sources_year(package, events):
    placed = source_years(package["corroborations"])
    counts = year_counts(events, (2010, 2016), (2010, 2014), placed, undated=False)
    frame, spec = chart(counts, (2010, 2016))
    assert "data" not in spec and "datasets" not in spec  # the bars travel apart from the spec
    rows = frame[~frame["target"]].to_dict("records")
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
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [
        *map(str, range(2010, 2017)),
        " ",
        UNDATED,
    ]
    assert spec["layer"][1]["params"][0]["name"] == "years"
    assert counts["events"].sum() == 5


def test_timeline_chart_in_chinese(events):
    counts = year_counts(events, (2010, 2016))
    _, spec = chart(counts, (2010, 2016), "zh")
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"][-1] == "未注明年份"
    assert spec["layer"][0]["encoding"]["y"]["title"] == "已报道事件"
    frame = chart(counts, (2010, 2016), "zh")[0]
    undated_bar = frame[~frame["target"]].iloc[-1]
    assert (undated_bar["year"], undated_bar["basis"]) == ("未注明年份", "未注明年份")


def test_the_spec_is_built_once_per_axis_and_language_and_each_caller_gets_its_own_copy(events):
    counts = year_counts(events, (2010, 2016))
    first, second = chart(counts, (2010, 2016))[1], chart(counts, (2010, 2016))[1]
    assert first == second and first is not second
    first["layer"][0]["encoding"]["x"]["title"] = "changed by a caller"
    assert chart(counts, (2010, 2016))[1] == second


def test_a_bar_says_its_year_count_and_basis_to_a_screen_reader(events):
    frame, _ = chart(year_counts(events, (2010, 2016)), (2010, 2016))
    assert list(frame["described"])[:2] == [
        "2010: 1 reported event (Year stated by the article)",
        "2011: 1 reported event (Year stated by the article)",
    ]
    assert "2016: 2 reported events (Year stated by the article)" in list(frame["described"])


def drawn(frame, spec, width: int) -> ET.Element:
    """The chart as Vega draws it at a width, as SVG."""
    return ET.fromstring(
        vl_convert.vegalite_to_svg({**spec, "data": {"values": frame.to_dict("records")}, "width": width})
    )


def marks(svg: ET.Element, layer: int) -> list[tuple[str, str, str | None]]:
    """A layer's marks: fill, outline path and what a screen reader hears, in the axis' order."""
    group = next(g for g in svg.iter(f"{SVG}g") if f"layer_{layer}_marks" in (g.get("class") or ""))
    return [(item.get("fill"), item.get("d"), item.get("aria-label")) for item in group]


def fills(svg: ET.Element, layer: int = 0) -> list[str | list[str]]:
    """Each bar's fill: a colour, or the colours of the stripes of its gradient, left to right."""
    stops = {
        f"url(#{gradient.get('id')})": [stop.get("stop-color") for stop in gradient]
        for gradient in svg.iter(f"{SVG}linearGradient")
    }
    return [stops.get(fill, fill) for fill, _, _ in marks(svg, layer)]


def test_the_undated_bar_is_striped_labelled_and_set_apart_by_a_gap(events):
    frame, spec = chart(year_counts(events, (2010, 2016), (2012, 2014), undated=False), (2010, 2016))
    svg = drawn(frame, spec, 900)  # 9 places of 100 px: 7 years, the gap, the undated bar
    assert [path for _, path, _ in marks(svg, 0)] == [
        "M5,180h90v20h-90Z",  # 2010
        "M105,180h90v20h-90Z",
        "M405,180h90v20h-90Z",  # 2014
        "M605,160h90v40h-90Z",  # 2016: 2 events
        "M805,0h90v200h-90Z",  # undated: 10 events at 800 px, past the gap at 700
    ]
    stripes = ["#bdbdbd", "#bdbdbd", "#ffffff", "#ffffff"] * 4  # left out: light grey and white, 4 pairs
    assert fills(svg) == ["#ffffff", "#ffffff", "#084594", "#ffffff", stripes]  # hollow outside 2012-2014
    labels = ["".join(text.itertext()) for text in svg.iter(f"{SVG}text")]
    assert labels[:9] == ["2010", "2011", "2012", "2013", "2014", "2015", "2016", "", "Year notstated"]
    lines = [
        [span.text for span in text]
        for text in svg.iter(f"{SVG}text")
        if "".join(text.itertext()) == "Year notstated"
    ]
    assert lines == [["Year not", "stated"]]


def test_the_shown_undated_bar_is_striped_in_the_events_blue(events):
    frame, spec = chart(year_counts(events, (2010, 2016)), (2010, 2016), "zh")
    svg = drawn(frame, spec, 900)
    assert fills(svg)[-1] == ["#084594", "#084594", "#ffffff", "#ffffff"] * 4
    assert ["".join(text.itertext()) for text in svg.iter(f"{SVG}text")][8] == "未注明年份"


def test_every_year_empty_or_not_and_the_undated_bar_have_a_full_height_target_to_click(events):
    frame, spec = chart(year_counts(events, (2010, 2016)), (2010, 2016))
    targets = marks(drawn(frame, spec, 900), 1)
    assert [(path, said) for _, path, said in targets] == [
        ("M5,0h90v200h-90Z", "2010: 1 reported event (Year stated by the article)"),
        ("M105,0h90v200h-90Z", "2011: 1 reported event (Year stated by the article)"),
        ("M205,0h90v200h-90Z", "2012: no reported events"),
        ("M305,0h90v200h-90Z", "2013: no reported events"),
        ("M405,0h90v200h-90Z", "2014: 1 reported event (Year stated by the article)"),
        ("M505,0h90v200h-90Z", "2015: no reported events"),
        ("M605,0h90v200h-90Z", "2016: 2 reported events (Year stated by the article)"),
        ("M805,0h90v200h-90Z", "Year not stated: 10 reported events (Year not stated)"),
    ]
    assert spec["layer"][1]["params"] == [
        {"name": "years", "select": {"type": "point", "fields": ["year"], "toggle": "event.shiftKey"}}
    ]
    assert "params" not in spec["layer"][0] and spec["layer"][0]["mark"]["aria"] is False  # said once


def test_a_year_with_bars_of_both_bases_says_both_on_its_target(package, events):
    counts = year_counts(events, (2010, 2016), placed=source_years(package["corroborations"]))
    frame, _ = chart(counts, (2010, 2016))
    said = frame.loc[frame["target"] & frame["year"].eq("2016"), "described"].tolist()
    assert said == [
        "2016: 2 reported events (Year from an independent source); "
        "2016: 2 reported events (Year stated by the article)"
    ]


@pytest.mark.parametrize(
    ("width", "labels"),
    [
        (900, ["2010", "2011", "2012", "2013", "2014", "2015", "2016", "", "Year notstated"]),
        (
            240,
            ["2010", "", "2012", "", "2014", "", "2016", "", "Year notstated"],
        ),  # a phone: every other year
    ],
)
def test_years_are_labelled_each_or_every_other_as_the_width_allows_and_the_undated_bar_always(
    events, width, labels
):
    frame, spec = chart(year_counts(events, (2010, 2016)), (2010, 2016))
    assert ["".join(text.itertext()) for text in drawn(frame, spec, width).iter(f"{SVG}text")][:9] == labels


def test_an_empty_year_only_a_sources_year_put_on_the_axis_has_no_target(package, events):
    counts = year_counts(events, (2010, 2016), placed=source_years(package["corroborations"]))
    frame, _ = chart(counts, (2010, 2016))  # the axis runs to 2021: a source places E010 there
    assert frame.loc[frame["target"], "year"].tolist() == [
        *map(str, range(2010, 2017)),
        "2018",
        "2021",
        UNDATED,
    ]  # 2017, 2019 and 2020: empty, and beyond the years the article states


def test_a_phones_long_axis_labels_every_third_year(package, events):
    counts = year_counts(events, (2010, 2016), placed=source_years(package["corroborations"]))
    frame, spec = chart(counts, (2010, 2016))  # 2010-2021, a gap and the undated bar: 14 places of 17 px
    labels = ["".join(text.itertext()) for text in drawn(frame, spec, 240).iter(f"{SVG}text")][:14]
    assert labels == ["2010", "", "", "2013", "", "", "2016", "", "", "2019", "", "", "", "Year notstated"]


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


def y_ticks(svg: ET.Element) -> list[str]:
    """The count axis' tick labels, bottom to top."""
    axis = next(g for g in svg.iter(f"{SVG}g") if (g.get("aria-label") or "").startswith("Y-axis"))
    labels = next(g for g in axis.iter(f"{SVG}g") if "role-axis-label" in (g.get("class") or ""))
    return [text.text for text in labels.iter(f"{SVG}text")]


@pytest.mark.parametrize(
    ("shown", "ticks"), [(0, ["0", "1"]), (1, ["0", "1"]), (15, ["0", "2", "4", "6", "8", "10"])]
)
def test_the_count_axis_has_whole_numbers_also_when_a_view_has_one_event_or_none(events, shown, ticks):
    counts = year_counts(events.head(shown), (2010, 2016), (2010, 2016), undated=True)
    assert y_ticks(drawn(*chart(counts, (2010, 2016)), 600)) == ticks
