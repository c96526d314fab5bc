"""Plain text, paragraphs and coverage (coopmap/dataset/text.py): the pieces passages are checked with."""

from __future__ import annotations

from coopmap.dataset.text import paragraphs, plain_text, sentences, uncovered


def test_plain_text_drops_markup_but_keeps_words():
    markdown = (
        "![](https://x/img.jpg)2016年9月19日，图注。\n\n"
        "**中共愿意将这项技术出售给专制政权。**见[原文](https://example.org/a?b=1&amp;c=2)`喜悦农场`"
    )
    assert plain_text(markdown) == "2016年9月19日，图注。\n\n中共愿意将这项技术出售给专制政权。见原文喜悦农场"


def test_bold_digits_join_as_the_reader_sees_them():
    assert plain_text("目前已有**18****个国家使用**。") == "目前已有18个国家使用。"


def test_paragraphs_are_the_non_empty_lines():
    assert paragraphs("  a \n\n\nb\n- c\n") == ["a", "b", "- c"]


def test_sentences_split_after_chinese_stops():
    assert sentences("甲。乙！丙？丁") == ["甲。", "乙！", "丙？", "丁"]


def test_uncovered_is_what_no_passage_quotes():
    para = "北京市公安局与中亚10个城市签订了合作协议，该局还举办了外国警官国际警察座谈会。"
    assert (
        uncovered(para, ["北京市公安局与中亚10个城市签订了合作协议"])
        == " ，该局还举办了外国警官国际警察座谈会。"
    )
    assert (
        uncovered(para, ["北京市公安局与中亚10个城市签订了合作协议", "该局还举办了外国警官国际警察座谈会。"])
        == ""
    )
