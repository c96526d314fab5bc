"""What a search that finds nothing may have meant (coopmap/suggest.py), on the real package."""

from __future__ import annotations

import polars as pl
import pytest

from coopmap.suggest import sound, suggestions, vocabulary


@pytest.mark.parametrize(
    ("search", "offered"),
    [
        ("Hauwei", ["Huawei"]),  # an actor's name, as the package writes it
        ("huawie camera", ["Huawei camera"]),  # the word that finds nothing is replaced, the rest kept
        ("ZTF", ["ZTE"]),
        ("Kyrgystan", ["Kyrgyzstan"]),  # a country's name
        ("police colege", ["police college"]),  # a word of the texts
        ("华伟", ["华为"]),  # a homophone, as a pinyin input method mistypes it
    ],
)
def test_a_misspelled_search_is_offered_the_nearest_terms_that_find_events(ready, search, offered):
    assert not ready.finds(search)
    assert suggestions(search, ready.terms(), ready.finds) == offered
    assert all(ready.finds(s) for s in offered)


@pytest.mark.parametrize("search", ["Huawei", "华为", "ZTE camera", "xyzzy", "华为 ZTE"])
def test_nothing_is_offered_for_a_search_that_finds_events_or_has_no_near_term(ready, search):
    """华为 ZTE among them: each word finds events, never in the same one; no spelling is at fault."""
    assert suggestions(search, ready.terms(), ready.finds) == []


def test_a_word_is_offered_terms_in_its_own_script():
    terms = vocabulary(pl.Series(["huawei builds cameras"]), ["华为", "Huawei"])
    assert terms.nearest("hauwei", 3) == ["Huawei"]
    assert terms.nearest("华伟", 3) == ["华为"]


def test_a_name_keeps_its_capitals_and_a_name_of_several_words_is_left_to_its_words():
    terms = vocabulary(pl.Series(["yunnan police college trains police"]), ["Yunnan Police College", "ZTE"])
    assert terms.spellings[sound("ZTE")] == ("ZTE",)
    assert sound("Yunnan Police College") not in terms.spellings
    assert terms.spellings["college"] == ("college",)


def test_chinese_sounds_as_its_pinyin():
    assert sound("华为") == sound("化为") == "huawei"
    assert sound("Huawei") == "huawei"
