"""Country names, English or Chinese, to ISO3 codes and back (coopmap/dataset/countries.py)."""

from __future__ import annotations

import pytest

from coopmap.dataset.countries import (
    UnknownCountryName,
    is_iso3,
    name_en,
    name_zh,
    other_names,
    resolve,
    sort_key,
)


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("厄瓜多尔", "ECU"),
        ("伊朗", "IRN"),
        ("吉尔吉斯斯坦", "KGZ"),  # alias: pycountry's zh_CN spells it 吉尔吉斯坦
        ("吉尔吉斯坦", "KGZ"),
        ("玻利维亚", "BOL"),  # alias
        ("Bolivia", "BOL"),
        ("Plurinational State of Bolivia", "BOL"),
        ("  jamaica ", "JAM"),
        ("Iran, Islamic Republic of", "IRN"),
        ("Turkey", "TUR"),  # aliases: the names readers type
        ("Türkiye", "TUR"),
        ("土耳其", "TUR"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("象牙海岸", "CIV"),
        ("DR Congo", "COD"),
        ("刚果（金）", "COD"),
        ("Congo, The Democratic Republic of the", "COD"),
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("South Korea", "KOR"),
        ("Republic of Korea", "KOR"),
    ],
)
def test_names_resolve_to_iso3(name, iso3):
    assert resolve(name) == iso3


@pytest.mark.parametrize("name", ["中亚", "非洲", "Atlantis", ""])
def test_unknown_names_fail_loudly(name):
    with pytest.raises(UnknownCountryName, match="unknown country name"):
        resolve(name)


def test_english_names_are_the_common_ones():
    assert [name_en(c) for c in ("IRN", "BOL", "TWN", "LAO")] == ["Iran", "Bolivia", "Taiwan", "Laos"]


def test_english_names_are_those_readers_know_where_pycountrys_are_official():
    assert [name_en(c) for c in ("RUS", "COD", "COG", "VIR", "VGB", "PSE", "BRN")] == [
        "Russia",
        "DR Congo",
        "Republic of the Congo",
        "US Virgin Islands",
        "British Virgin Islands",
        "Palestine",
        "Brunei",
    ]


def test_an_english_name_of_our_own_keeps_pycountrys_chinese():
    assert [name_zh(c) for c in ("RUS", "VIR", "PSE", "COD", "COG")] == [
        "俄罗斯",
        "美属维尔京群岛",
        "巴勒斯坦",
        "刚果（金）",
        "刚果（布）",
    ]


def test_other_names_are_the_aliases_not_shown_english_first():
    assert other_names("CIV") == ("Ivory Coast", "象牙海岸")
    assert other_names("TUR") == ("Turkey",)
    assert other_names("IRN") == ()


def test_chinese_names_prefer_the_usual_spelling_over_pycountrys():
    assert [name_zh(c) for c in ("IRN", "KGZ", "BOL", "KHM", "TWN")] == [
        "伊朗",
        "吉尔吉斯斯坦",
        "玻利维亚",
        "柬埔寨",
        "台湾",
    ]


def test_chinese_names_follow_mainland_usage_where_pycountrys_do_not():
    assert [name_zh(c) for c in ("GTM", "MLT", "PYF", "BGD")] == [
        "危地马拉",
        "马耳他",
        "法属波利尼西亚",
        "孟加拉国",
    ]
    assert [resolve(n) for n in ("危地马拉", "瓜地马拉", "马耳他", "孟加拉国")] == [
        "GTM",
        "GTM",
        "MLT",
        "BGD",
    ]


def test_kosovo_has_a_shape_but_no_iso_code():
    assert (is_iso3("IRN"), is_iso3("XKX"), is_iso3("ZZZ")) == (True, False, False)


def test_names_sort_by_pinyin_in_chinese_and_case_folded_in_english():
    assert sorted(["伊朗", "阿根廷", "厄瓜多尔", "新加坡"], key=lambda n: sort_key(n, "zh")) == [
        "阿根廷",
        "厄瓜多尔",
        "新加坡",
        "伊朗",
    ]
    assert sorted(["iran", "Argentina", "ecuador"], key=lambda n: sort_key(n, "en")) == [
        "Argentina",
        "ecuador",
        "iran",
    ]
