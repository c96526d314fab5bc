"""A link restores the view it was made for, and a bad link opens what it can, saying what it ignored."""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.filters import SCOPES, Filters, year_span
from data.names import is_iso3
from data.permalink import KEYS, Parsed, encode, parse


@pytest.fixture(scope="module")
def valid(package) -> dict:
    """What a link may name: event countries and group members, categories, actors, the years."""
    events = package["events"]
    return {
        "countries": (set(events["country_iso3"]) - {""}) | set(package["group_members"]["country_iso3"]),
        "categories": set(package["categories"]["category_id"]),
        "actors": set(events["actor"]),
        "year_bounds": year_span(events),
    }


def test_dataset_years_are_the_bounds_these_cases_assume(valid):
    assert valid["year_bounds"] == (2010, 2016)


def test_a_full_view_is_restored(valid):
    params = {
        "country": "IRN,ECU",
        "from": "2010",
        "to": "2014",
        "undated": "0",
        "category": "surveillance_system,police_training",
        "actor": "中兴通讯,中共",
        "scope": "country",
        "focus": "IRN",
    }
    assert parse(params, **valid) == Parsed(
        filters=Filters(
            countries=("ECU", "IRN"),
            years=(2010, 2014),
            include_undated=False,
            categories=("police_training", "surveillance_system"),
            actors=("中共", "中兴通讯"),
            scopes=("country",),
        ),
        focus="IRN",
        notices=(),
    )


def test_no_parameters_is_the_default_view(valid):
    assert parse({}, **valid) == Parsed(Filters(), None, ())


def test_codes_are_read_in_any_case_and_with_spaces(valid):
    parsed = parse({"country": " irn, Ecu ", "focus": "kgz"}, **valid)
    assert (parsed.filters.countries, parsed.focus, parsed.notices) == (("ECU", "IRN"), "KGZ", ())


def test_a_country_without_reports_can_be_focused(valid):
    assert parse({"focus": "FRA"}, **valid).focus == "FRA"


@pytest.mark.parametrize(
    ("params", "expected", "notice"),
    [
        (
            {"country": "IRN,XXX"},
            Filters(countries=("IRN",)),
            'Ignored country "XXX": not a country in this dataset.',
        ),
        (
            {"country": "IRN,CHN"},
            Filters(countries=("IRN",)),
            'Ignored country "CHN": not a country in this dataset.',
        ),
        ({"country": "IRN,irn"}, Filters(countries=("IRN",)), 'Ignored duplicate country "irn".'),
        (
            {"country": "IRN,ırn"},
            Filters(countries=("IRN",)),
            'Ignored country "ırn": not a country in this dataset.',
        ),
        (
            {"country": "IRN", "category": "spying,agreement"},
            Filters(countries=("IRN",), categories=("agreement",)),
            'Ignored category "spying": not a category in this dataset.',
        ),
        (
            {"country": "IRN", "actor": "华为,Huawei"},
            Filters(countries=("IRN",), actors=("华为",)),
            'Ignored actor "Huawei": not an actor in this dataset.',
        ),
        (
            {"country": "IRN", "scope": "region,group"},
            Filters(countries=("IRN",), scopes=("group",)),
            'Ignored scope "region": use country, group or aggregate.',
        ),
        (
            {"country": "IRN", "from": "20x6", "to": "2014"},
            Filters(countries=("IRN",), years=(2010, 2014)),
            'Ignored from "20x6": not a year.',
        ),
        ({"country": "IRN", "to": "٢٠١٤"}, Filters(countries=("IRN",)), 'Ignored to "٢٠١٤": not a year.'),
        ({"country": "IRN", "to": "-0"}, Filters(countries=("IRN",)), 'Ignored to "-0": not a year.'),
        (
            {"country": "IRN", "undated": "yes"},
            Filters(countries=("IRN",)),
            'Ignored undated "yes": use 0 or 1.',
        ),
        (
            {"country": "IRN", "focus": "Iran"},
            Filters(countries=("IRN",)),
            'Ignored focus "Iran": not a country code.',
        ),
        (
            {"country": "IRN", "focus": "XXK"},
            Filters(countries=("IRN",)),
            'Ignored focus "XXK": not a country code.',
        ),
        (
            {"country": "IRN", "colour": "red"},
            Filters(countries=("IRN",)),
            'Ignored unknown parameter "colour".',
        ),
    ],
)
def test_a_bad_part_is_ignored_with_a_notice_and_the_rest_kept(valid, params, expected, notice):
    assert parse(params, **valid) == Parsed(expected, None, (notice,))


@pytest.mark.parametrize(
    ("params", "years", "notices"),
    [
        ({"from": "2014"}, (2014, 2016), ()),
        ({"to": "2011"}, (2010, 2011), ()),
        (
            {"from": "2016", "to": "2010"},
            (2010, 2016),
            ('Year range from "2016" to "2010" was reversed; swapped them.',),
        ),
        (
            {"from": "1990", "to": "2030"},
            (2010, 2016),
            (
                'Year from "1990" is before the first year in this dataset; using 2010.',
                'Year to "2030" is after the last year in this dataset; using 2016.',
            ),
        ),
        (
            {"from": "2030"},
            (2016, 2016),
            ('Year from "2030" is after the last year in this dataset; using 2016.',),
        ),
        (
            {"from": "2030", "to": "0"},
            (2010, 2016),
            (
                'Year range from "2030" to "0" was reversed; swapped them.',
                'Year from "0" is before the first year in this dataset; using 2010.',
                'Year to "2030" is after the last year in this dataset; using 2016.',
            ),
        ),
        ({"from": "", "to": " "}, None, ()),
    ],
)
def test_years_are_swapped_clamped_and_defaulted_to_the_bounds(valid, params, years, notices):
    parsed = parse(params, **valid)
    assert (parsed.filters.years, parsed.notices) == (years, notices)


def test_echoed_values_are_printable_and_cut_to_40_characters(valid):
    parsed = parse({"country": "X" * 100, "actor": "bad\n\x00actor"}, **valid)
    assert parsed.notices == (
        f'Ignored country "{"X" * 39}…": not a country in this dataset.',
        'Ignored actor "bad\ufffd\ufffdactor": not an actor in this dataset.',
    )


def test_empty_items_and_a_list_value_are_read_like_streamlit_does(valid):
    parsed = parse({"country": ["ECU", "IRN,,"], "category": ",,,"}, **valid)
    assert parsed == Parsed(Filters(countries=("IRN",)), None, ())


def test_encode_leaves_out_defaults():
    assert encode(Filters()) == {}
    assert encode(Filters(include_undated=True), None) == {}


def test_encode_gives_sorted_values_in_a_fixed_key_order():
    filters = Filters(
        countries=("IRN", "ECU"),
        years=(2010, 2014),
        include_undated=False,
        categories=("surveillance_system", "agreement"),
        actors=("华为", "中共"),
        scopes=("group", "country"),
    )
    assert list(encode(filters, "KGZ").items()) == [
        ("country", "ECU,IRN"),
        ("from", "2010"),
        ("to", "2014"),
        ("undated", "0"),
        ("category", "agreement,surveillance_system"),
        ("actor", "中共,华为"),
        ("scope", "country,group"),
        ("focus", "KGZ"),
    ]


JUNK = st.one_of(
    st.text(),
    st.sampled_from(
        ["", ",", ",,,", "-0", "٣", "２０１０", "1e3", "9" * 5000, " 2010 ", "\x00", "\r\n", "IRN,\nirn"]
    ),
    st.integers().map(str),
)


def _params(valid: dict) -> st.SearchStrategy:
    names = valid["countries"] | valid["categories"] | valid["actors"] | set(SCOPES)
    good = [*sorted(names), "2012", "0", "1"]
    item = st.one_of(JUNK, st.sampled_from(good), st.sampled_from(good).map(str.lower))
    value = st.lists(item, max_size=5).map(",".join)
    return st.dictionaries(
        st.one_of(st.sampled_from(KEYS), st.text()),
        st.one_of(value, st.lists(value, max_size=3)),
        max_size=10,
    )


def _sorted_unique(values: tuple[str, ...]) -> bool:
    return list(values) == sorted(set(values))


@given(data=st.data())
def test_any_parameters_give_a_valid_view_and_never_raise(valid, data):
    parsed = parse(data.draw(_params(valid)), **valid)
    filters = parsed.filters
    assert set(filters.countries) <= valid["countries"]
    assert set(filters.categories) <= valid["categories"]
    assert set(filters.actors) <= valid["actors"]
    assert set(filters.scopes) <= set(SCOPES)
    for chosen in (filters.countries, filters.categories, filters.actors, filters.scopes):
        assert _sorted_unique(chosen)
    first, last = valid["year_bounds"]
    assert filters.years is None or first <= filters.years[0] <= filters.years[1] <= last
    assert isinstance(filters.include_undated, bool)
    assert parsed.focus is None or is_iso3(parsed.focus)
    assert all(notice.isprintable() and len(notice) < 120 for notice in parsed.notices)


def _subset(values: set[str]) -> st.SearchStrategy:
    return st.frozensets(st.sampled_from(sorted(values))).map(lambda chosen: tuple(sorted(chosen)))


@given(data=st.data())
def test_a_view_survives_the_round_trip_through_its_link(valid, data):
    first, last = valid["year_bounds"]
    year = st.integers(first, last)
    filters = Filters(
        countries=data.draw(_subset(valid["countries"])),
        years=data.draw(st.none() | st.tuples(year, year).map(lambda span: tuple(sorted(span)))),
        include_undated=data.draw(st.booleans()),
        confirmed_only=data.draw(st.booleans()),
        categories=data.draw(_subset(valid["categories"])),
        actors=data.draw(_subset(valid["actors"])),
        scopes=data.draw(_subset(set(SCOPES))),
    )
    focus = data.draw(st.none() | st.sampled_from(sorted(c.alpha_3 for c in pycountry.countries)))
    source_years = data.draw(st.booleans())
    assert parse(encode(filters, focus, source_years), **valid) == Parsed(filters, focus, (), source_years)


@pytest.mark.parametrize(
    ("params", "confirmed", "source_years", "notices"),
    [
        ({"confirmed": "1", "sourceyears": "1"}, True, True, ()),
        ({"confirmed": "0"}, False, False, ()),
        ({"confirmed": "yes", "sourceyears": "2"}, False, False,
         ('Ignored confirmed "yes": use 0 or 1.', 'Ignored sourceyears "2": use 0 or 1.')),
    ],
)  # fmt: skip
def test_confirmed_only_and_source_years_flags(valid, params, confirmed, source_years, notices):
    parsed = parse(params, **valid)
    assert (parsed.filters.confirmed_only, parsed.source_years, parsed.notices) == (
        confirmed,
        source_years,
        notices,
    )
