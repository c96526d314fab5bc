"""A link restores the view it was made for, and a bad link opens what it can, saying what it ignored."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice, product
from string import ascii_uppercase

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopmap.dataset.shapes import iso3_codes
from coopmap.dataset.status import STATUSES
from coopmap.filters import SCOPES, Filters, year_span
from coopmap.i18n import LANGUAGES
from coopmap.permalink import KEYS, LEGACY, SEARCH_LIMIT, Parsed, encode, parse
from tests.support.unused import unused_categories


@pytest.fixture(scope="module")
def valid(package) -> dict:
    """What a link may name: every country on the map, categories, actors, the years, the events."""
    events = package["events"]
    return {
        "countries": set(iso3_codes()),
        "categories": set(package["categories"]["category_id"]),
        "actors": set(events["actor"]),
        "year_bounds": year_span(events),
        "events": set(events["event_id"]),
    }


def test_dataset_years_are_the_bounds_these_cases_assume(valid):
    assert valid["year_bounds"] == (2010, 2016)


def test_a_full_view_is_restored(valid):
    params = {
        "country": "IRN,ECU",
        "from": "2010",
        "to": "2014",
        "undated": "1",
        "verdict": "partly,confirmed",
        "category": "surveillance_system,police_training",
        "actor": "中兴通讯,中共",
        "scope": "country",
        "q": "ZTE  iran",
        "event": "E007",
        "sourceyears": "1",
        "groups": "0",
        "lang": "zh",
    }
    assert parse(params, **valid) == Parsed(
        filters=Filters(
            countries=("ECU", "IRN"),
            years=(2010, 2014),
            include_undated=True,
            statuses=("confirmed", "partly"),
            categories=("police_training", "surveillance_system"),
            actors=("中共", "中兴通讯"),
            scopes=("country",),
            search="ZTE iran",
        ),
        event="E007",
        notices=(),
        source_years=True,
        lang="zh",
        tab="table",  # a link that opens an event, and names no tab, opens the table beside it
        groups=False,
    )


@pytest.mark.parametrize(
    ("params", "tab", "notices", "encoded"),
    [
        ({"tab": "timeline"}, "timeline", [], {"tab": "timeline"}),
        ({"tab": "map", "event": "E007"}, "map", [], {"event": "E007", "tab": "map"}),
        ({"event": "E007"}, "table", [], {"event": "E007"}),
        ({"tab": "chart"}, "map", ['Ignored tab "chart": use one of map, timeline, table.'], {}),
        (
            {"tab": "<b>", "event": "E007"},
            "table",
            ['Ignored tab "<b>": use one of map, timeline, table.'],
            {"event": "E007"},
        ),
    ],
)
def test_a_link_names_the_frames_tab_and_anything_else_is_ignored_with_a_notice(
    valid, params, tab, notices, encoded
):
    parsed = parse(params, **valid)
    assert parsed.tab == tab and [n.text("en") for n in parsed.notices] == notices
    assert encode(parsed.filters, parsed.event, tab=parsed.tab) == encoded


def test_no_parameters_is_the_default_view(valid):
    assert parse({}, **valid) == Parsed(Filters(), None, ())


def test_codes_are_read_in_any_case_and_with_spaces(valid):
    parsed = parse({"country": " irn, Ecu ", "event": " e007 "}, **valid)
    assert (parsed.filters.countries, parsed.event, parsed.notices) == (("ECU", "IRN"), "E007", ())


def test_a_country_without_reports_can_be_chosen(valid):
    assert parse({"country": "FRA"}, **valid).filters.countries == ("FRA",)
    assert parse({"country": "xkx"}, **valid).filters.countries == ("XKX",)  # Kosovo: a shape, no ISO code


@pytest.mark.parametrize(
    ("params", "countries"),
    [
        ({"focus": "IRN"}, ("IRN",)),
        ({"focus": " kgz ", "country": "IRN"}, ("IRN", "KGZ")),
        ({"focus": "IRN", "country": "IRN"}, ("IRN",)),
        ({"focus": "FRA"}, ("FRA",)),
    ],
)
def test_an_older_links_focus_chooses_its_country(valid, params, countries):
    assert parse(params, **valid) == Parsed(Filters(countries=countries), None, ())


@pytest.mark.parametrize(
    ("params", "statuses"),
    [
        ({"confirmed": "1"}, ("confirmed",)),
        ({"confirmed": "1", "verdict": "not_found,partly"}, ("confirmed", "partly", "not_found")),
        ({"confirmed": "1", "verdict": "confirmed"}, ("confirmed",)),
        ({"confirmed": "0"}, ()),
    ],
)
def test_an_older_links_confirmed_flag_asks_for_confirmed_events(valid, params, statuses):
    assert parse(params, **valid) == Parsed(Filters(statuses=statuses), None, ())


@pytest.mark.parametrize(
    ("params", "expected", "notice"),
    [
        (
            {"country": "IRN,XXX"},
            Filters(countries=("IRN",)),
            'Ignored country "XXX": not a country in this dataset.',
        ),
        (
            {"country": "IRN,GIB"},
            Filters(countries=("IRN",)),
            'Ignored country "GIB": not a country in this dataset.',
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
            'Ignored category "spying": no event in this dataset has it.',
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
            'Ignored country "Iran": not a country code.',
        ),
        (
            {"country": "IRN", "focus": "XXK"},
            Filters(countries=("IRN",)),
            'Ignored country "XXK": not a country code.',
        ),
        (
            {"country": "IRN", "focus": "GIB"},
            Filters(countries=("IRN",)),
            'Ignored country "GIB": no shape on this map.',
        ),
        (
            {"country": "IRN", "verdict": "partly,true"},
            Filters(countries=("IRN",), statuses=("partly",)),
            'Ignored verdict "true": use confirmed, partly, contradicted, conflicting or not_found.',
        ),
        (
            {"country": "IRN", "verdict": "Confirmed"},
            Filters(countries=("IRN",)),
            'Ignored verdict "Confirmed": use confirmed, partly, contradicted, conflicting or not_found.',
        ),
        (
            {"country": "IRN", "confirmed": "yes"},
            Filters(countries=("IRN",)),
            'Ignored confirmed "yes": use 0 or 1.',
        ),
        (
            {"country": "IRN", "event": "E099"},
            Filters(countries=("IRN",)),
            'Ignored event "E099": not an event in this dataset.',
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
                'Ignored from "1990": this dataset\'s years run from 2010 to 2016.',
                'Ignored to "2030": this dataset\'s years run from 2010 to 2016.',
            ),
        ),
        (
            {"from": "2030"},  # ignored, not narrowed to the last year
            (2010, 2016),
            ('Ignored from "2030": this dataset\'s years run from 2010 to 2016.',),
        ),
        (
            {"from": "2012", "to": "2003"},  # swapped, then the year before the data ignored
            (2010, 2012),
            (
                'Year range from "2012" to "2003" was reversed; swapped them.',
                'Ignored from "2003": this dataset\'s years run from 2010 to 2016.',
            ),
        ),
        ({"from": "", "to": " "}, None, ()),
    ],
)
def test_years_are_swapped_and_those_outside_the_data_ignored(valid, params, years, notices):
    parsed = parse(params, **valid)
    assert (parsed.filters.years, parsed.notices) == (years, notices)


def test_echoed_values_are_printable_and_cut_to_40_characters(valid):
    parsed = parse({"country": "X" * 100, "actor": "bad\n\x00actor"}, **valid)
    assert parsed.notices == (
        f'Ignored country "{"X" * 39}…": not a country in this dataset.',
        'Ignored actor "bad\ufffd\ufffdactor": not an actor in this dataset.',
    )


def _codes(n: int) -> list[str]:
    """n distinct four-letter codes, none of them anything in data/: AAAA, AAAB, …"""
    return ["".join(letters) for letters in islice(product(ascii_uppercase, repeat=4), n)]


def test_a_link_of_100000_items_a_key_gives_one_notice_per_key_quoting_three_and_counting_the_rest(valid):
    items = ",".join(_codes(100_000))
    params = {key: items for key in ("country", "category", "actor", "verdict", "scope")}
    params |= {"from": ["2011"] * 100_000} | {f"k{n}": "1" for n in range(100_000)}
    parsed = parse(params, **valid)
    assert parsed == Parsed(
        Filters(years=(2011, 2016)),
        None,
        (
            'from was given 100,000 times; only the last, "2011", is used.',
            'Ignored unknown parameters "k0", "k1", "k2" and 99,997 more.',
            'Ignored countries "AAAA", "AAAB", "AAAC" and 99,997 more: not countries in this dataset.',
            'Ignored verdicts "AAAA", "AAAB", "AAAC" and 99,997 more: use confirmed, partly, contradicted, '
            "conflicting or not_found.",
            'Ignored categories "AAAA", "AAAB", "AAAC" and 99,997 more: no event in this dataset has them.',
            'Ignored actors "AAAA", "AAAB", "AAAC" and 99,997 more: not actors in this dataset.',
            'Ignored scopes "AAAA", "AAAB", "AAAC" and 99,997 more: use country, group or aggregate.',
        ),
    )
    assert [notice.text("zh") for notice in parsed.notices[1:3]] == [
        "已忽略未知参数“k0”、“k1”、“k2”及另外 99,997 个。",
        "已忽略 country“AAAA”、“AAAB”、“AAAC”及另外 99,997 个：不是本数据集中的国家。",
    ]


@pytest.mark.parametrize(
    ("country", "notices"),
    [
        ("XXX,YYY", ('Ignored countries "XXX", "YYY": not countries in this dataset.',)),
        ("XXX,XXX,XXX", ('Ignored country "XXX": not a country in this dataset.',)),  # each value once
        ("IRN,irn,Irn,ECU,ecu", ('Ignored duplicate country "irn", "Irn", "ecu".',)),
        (
            "IRN,XXX,irn,YYY,ZZZ,WWW,ecu,ECU,ECU",
            (
                'Ignored countries "XXX", "YYY", "ZZZ" and 1 more: not countries in this dataset.',
                'Ignored duplicate country "irn", "ECU".',
            ),
        ),
    ],
)
def test_a_lists_unknown_values_and_its_duplicates_each_give_one_notice(valid, country, notices):
    parsed = parse({"country": country}, **valid)
    assert parsed.notices == notices
    assert parsed.filters.countries == tuple(sorted({"IRN", "ECU"} & {c.upper() for c in country.split(",")}))


def test_every_country_twice_is_one_notice_that_counts_the_duplicates(valid):
    every = sorted(valid["countries"])
    parsed = parse({"country": ",".join(every * 2)}, **valid)
    assert parsed.filters.countries == tuple(every)
    assert parsed.notices == (
        f'Ignored duplicate country "{every[0]}", "{every[1]}", "{every[2]}" and {len(every) - 3} more.',
    )


@contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Fail, rather than hang, when work takes far more processor time than a linear pass could."""

    def over(*_) -> None:
        raise TimeoutError(f"more than {seconds} s of processor time")

    before = signal.signal(signal.SIGPROF, over)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, before)


def test_reading_100000_items_against_100000_categories_is_linear(valid):
    """Each item is looked up once in a set: item by item in lists, these would be ~10^10 comparisons."""
    listed = [row["category_id"] for row in unused_categories(100_000)]
    categories = [*sorted(valid["categories"]), *listed]  # as a package that lists 100,000 more would give
    items = ",".join(listed[::-1] + _codes(100_000))
    with cpu_budget(30):
        parsed = parse({"category": items}, **(valid | {"categories": categories}))
    assert parsed.filters.categories == tuple(sorted(listed))
    assert parsed.notices == (
        'Ignored categories "AAAA", "AAAB", "AAAC" and 99,997 more: no event in this dataset has them.',
    )


def test_empty_items_and_a_list_value_are_read_like_streamlit_does(valid):
    parsed = parse({"country": ["ECU", "IRN,,"], "category": ",,,"}, **valid)
    assert parsed == Parsed(
        Filters(countries=("IRN",)), None, ('country was given 2 times; only the last, "IRN,,", is used.',)
    )


@pytest.mark.parametrize(
    ("params", "include_undated", "shown"),
    [
        ({}, None, True),
        ({"from": "2016"}, None, False),
        ({"undated": "0"}, False, False),
        ({"from": "2016", "undated": "1"}, True, True),
        ({"undated": "1"}, True, True),
    ],
)
def test_undated_events_follow_the_link_else_the_default_for_its_years(valid, params, include_undated, shown):
    filters = parse(params, **valid).filters
    assert (filters.include_undated, filters.undated_shown) == (include_undated, shown)


def test_a_search_is_kept_as_printable_words_and_control_characters_are_told(valid):
    parsed = parse({"q": "  ZTE \n iran\x00 中兴\x1b\u202e "}, **valid)
    assert (parsed.filters.search, parsed.notices) == (
        "ZTE iran 中兴",
        ("Left out 3 control characters from the search.",),
    )
    assert parse({"q": " ZTE\t\n iran "}, **valid).notices == ()  # spaces of any kind are spaces


def test_a_repeated_parameter_uses_its_last_value_with_a_notice(valid):
    parsed = parse({"country": ["XXX", "ECU"], "lang": ["zh"]}, **valid)
    assert (parsed.filters.countries, parsed.lang) == (("ECU",), "zh")
    assert parsed.notices == ('country was given 2 times; only the last, "ECU", is used.',)
    assert parsed.notices[0].text("zh") == "country 出现了 2 次；只采用最后一个“ECU”。"


def test_a_long_search_is_cut_with_a_notice(valid):
    parsed = parse({"q": "x" * 250}, **valid)
    assert (parsed.filters.search, parsed.notices) == (
        "x" * 200,
        ("The search was cut to its first 200 characters.",),
    )


def test_a_cut_search_ends_on_a_word_so_equal_links_give_equal_filters(valid):
    parsed = parse({"q": "a" * 199 + " b"}, **valid)
    assert parsed.filters.search == "a" * 199
    assert parsed.filters == parse({"q": "a" * 199}, **valid).filters


def test_an_unknown_language_falls_back_to_english_with_a_notice(valid):
    parsed = parse({"lang": "fr"}, **valid)
    assert (parsed.lang, parsed.notices) == ("en", ('Ignored lang "fr": use en or zh.',))


@pytest.mark.parametrize(
    ("value", "lang", "notices"),
    [
        ("zh", "zh", ()),
        (" zh ", "zh", ()),
        ("", "en", ()),
        (["fr", "zh"], "zh", ('lang was given 2 times; only the last, "zh", is used.',)),  # the last counts
        ("ZH", "en", ('Ignored lang "ZH": use en or zh.',)),  # codes are lower case, never folded
        ("zh-Hans", "en", ('Ignored lang "zh-Hans": use en or zh.',)),
        ("x" * 60, "en", (f'Ignored lang "{"x" * 39}…": use en or zh.',)),
    ],
)
def test_lang_is_en_or_zh_and_anything_else_is_ignored_with_a_notice(valid, value, lang, notices):
    parsed = parse({"country": "IRN", "lang": value}, **valid)
    assert parsed == Parsed(Filters(countries=("IRN",)), None, notices, lang=lang)
    assert [notice.code for notice in parsed.notices] == [
        "repeated" if isinstance(value, list) else "not_lang"
    ] * len(notices)


def test_a_notice_can_be_read_in_chinese(valid):
    (notice,) = parse({"focus": "GIB"}, **valid).notices
    assert notice.text("zh") == "已忽略国家“GIB”：地图上没有该形状。"


@pytest.mark.parametrize(
    ("params", "english", "chinese"),
    [
        ({"lang": "fr"}, 'Ignored lang "fr": use en or zh.', "已忽略 lang“fr”：请用 en 或 zh。"),
        ({"colour": "red"}, 'Ignored unknown parameter "colour".', "已忽略未知参数“colour”。"),
        ({"country": "IRN,irn"}, 'Ignored duplicate country "irn".', "已忽略重复的 country“irn”。"),
        (
            {"from": "2016", "to": "2010"},
            'Year range from "2016" to "2010" was reversed; swapped them.',
            "年份范围从“2016”到“2010”颠倒了；已对调。",
        ),
        (
            {"from": "1990"},
            'Ignored from "1990": this dataset\'s years run from 2010 to 2016.',
            "已忽略 from“1990”：本数据集的年份为 2010–2016 年。",
        ),
        (
            {"verdict": "true"},
            'Ignored verdict "true": use confirmed, partly, contradicted, conflicting or not_found.',
            "已忽略 verdict“true”：请用 confirmed、partly、contradicted、conflicting 或 not_found。",
        ),
        (
            {"sourceyears": "2"},
            'Ignored sourceyears "2": use 0 or 1.',
            "已忽略 sourceyears“2”：请用 0 或 1。",
        ),
        ({"q": "x" * 250}, "The search was cut to its first 200 characters.", "搜索词已截为前 200 个字符。"),
    ],
)
def test_a_notice_is_english_text_that_also_reads_in_chinese(valid, params, english, chinese):
    (notice,) = parse(params, **valid).notices
    assert (notice, notice.text("en"), notice.text("zh")) == (english, english, chinese)


def test_encode_leaves_out_defaults():
    assert encode(Filters()) == {}
    assert encode(Filters(include_undated=True), None) == {}
    assert encode(Filters(years=(2016, 2016), include_undated=False)) == {"from": "2016", "to": "2016"}
    assert encode(Filters(search="   ")) == {}


def test_encode_names_undated_only_when_it_differs_from_the_default():
    assert encode(Filters(include_undated=False)) == {"undated": "0"}
    with_undated = Filters(years=(2016, 2016), include_undated=True)
    assert encode(with_undated) == {"from": "2016", "to": "2016", "undated": "1"}


def test_encode_gives_sorted_values_in_a_fixed_key_order():
    filters = Filters(
        countries=("IRN", "ECU"),
        years=(2010, 2014),
        include_undated=True,
        statuses=("partly", "confirmed"),
        categories=("surveillance_system", "agreement"),
        actors=("华为", "中共"),
        scopes=("group", "country"),
        search="  ZTE   iran ",
    )
    assert list(encode(filters, "E007", True, "zh", "table", groups=False).items()) == [
        ("country", "ECU,IRN"),
        ("from", "2010"),
        ("to", "2014"),
        ("undated", "1"),
        ("verdict", "confirmed,partly"),
        ("category", "agreement,surveillance_system"),
        ("actor", "中共,华为"),
        ("scope", "country,group"),
        ("q", "ZTE iran"),
        ("event", "E007"),
        ("sourceyears", "1"),
        ("groups", "0"),
        ("lang", "zh"),
    ]


JUNK = st.one_of(
    st.text(),
    st.sampled_from(
        ["", ",", ",,,", "-0", "٣", "２０１０", "1e3", "9" * 5000, " 2010 ", "\x00", "\r\n", "IRN,\nirn"]
    ),
    st.integers().map(str),
)


def _params(valid: dict) -> st.SearchStrategy:
    names = valid["countries"] | valid["categories"] | valid["actors"] | valid["events"] | set(SCOPES)
    good = [*sorted(names), *STATUSES, *sorted(LANGUAGES), "GIB", "2012", "0", "1"]
    item = st.one_of(JUNK, st.sampled_from(good), st.sampled_from(good).map(str.lower))
    value = st.lists(item, max_size=5).map(",".join)
    return st.dictionaries(
        st.one_of(st.sampled_from(KEYS + LEGACY), st.text()),
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
    assert list(filters.statuses) == [s for s in STATUSES if s in filters.statuses]  # in STATUSES order, once
    first, last = valid["year_bounds"]
    assert filters.years is None or first <= filters.years[0] <= filters.years[1] <= last
    assert filters.include_undated in (None, True, False)
    assert filters.search.isprintable() and len(filters.search) <= SEARCH_LIMIT
    assert parsed.event is None or parsed.event in valid["events"]
    assert parsed.lang in LANGUAGES
    assert isinstance(parsed.source_years, bool)
    # One notice per key and kind of problem, each quoting at most SHOWN values cut to 40 characters.
    assert all(notice.isprintable() and len(notice) < 260 for notice in parsed.notices)
    assert len(parsed.notices) <= 3 * len(KEYS + LEGACY) + 1


def _subset(values) -> st.SearchStrategy:
    return st.frozensets(st.sampled_from(sorted(values))).map(lambda chosen: tuple(sorted(chosen)))


# What a search box holds once the page has tidied it: printable words, single spaces.
SEARCH = st.text(st.characters().filter(str.isprintable), max_size=SEARCH_LIMIT).map(str.split).map(" ".join)
# Verdicts as the page holds them: in the order of STATUSES.
VERDICTS = st.frozensets(st.sampled_from(STATUSES)).map(lambda c: tuple(s for s in STATUSES if s in c))


@given(data=st.data())
def test_a_view_survives_the_round_trip_through_its_link(valid, data):
    first, last = valid["year_bounds"]
    year = st.integers(first, last)
    filters = Filters(
        countries=data.draw(_subset(valid["countries"])),
        years=data.draw(st.none() | st.tuples(year, year).map(lambda span: tuple(sorted(span)))),
        include_undated=data.draw(st.sampled_from([None, True, False])),
        statuses=data.draw(VERDICTS),
        categories=data.draw(_subset(valid["categories"])),
        actors=data.draw(_subset(valid["actors"])),
        scopes=data.draw(_subset(SCOPES)),
        search=data.draw(SEARCH),
    )
    event = data.draw(st.none() | st.sampled_from(sorted(valid["events"])))
    source_years, groups = data.draw(st.booleans()), data.draw(st.booleans())
    lang = data.draw(st.sampled_from(sorted(LANGUAGES)))
    parsed = parse(encode(filters, event, source_years, lang, groups=groups), **valid)
    assert (parsed.lang, parsed.source_years, parsed.event, parsed.groups) == (
        lang,
        source_years,
        event,
        groups,
    )
    # A link leaves the undated choice out when it is the default for its years: the view is the same.
    assert parsed.filters.undated_shown == filters.undated_shown
    assert parsed == Parsed(
        replace(filters, include_undated=parsed.filters.include_undated),
        event,
        (),
        source_years,
        lang,
        groups=groups,
    )


@pytest.mark.parametrize(
    ("params", "statuses", "source_years", "notices"),
    [
        ({"confirmed": "1", "sourceyears": "1"}, ("confirmed",), True, ()),
        ({"confirmed": "0"}, (), False, ()),
        (
            {"confirmed": "yes", "sourceyears": "2"},
            (),
            False,
            ('Ignored confirmed "yes": use 0 or 1.', 'Ignored sourceyears "2": use 0 or 1.'),
        ),
    ],
)
def test_confirmed_and_source_years_flags(valid, params, statuses, source_years, notices):
    parsed = parse(params, **valid)
    assert (parsed.filters.statuses, parsed.source_years, parsed.notices) == (statuses, source_years, notices)
