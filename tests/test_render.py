"""Source text is shown as written: never run as HTML, never read as Markdown."""

from __future__ import annotations

from data.drilldown import Quote, SourceRef
from data.render import citation, literal, quote

HOSTILE = "<script>alert(1)</script> **bold** [link](javascript:alert(1)) :smile: `code` # heading"


def test_literal_escapes_every_markdown_and_html_character():
    assert literal(HOSTILE) == (
        r"\<script\>alert\(1\)\</script\> \*\*bold\*\* \[link\]\(javascript\:alert\(1\)\) \:smile\: "
        r"\`code\` \# heading"
    )


SOURCE = SourceRef("s", "T", "GNews", "A", "Jenny <Ball>", "zh-Hans", "2021-12-18", "https://example.org/")


def test_quote_escapes_passage_context_and_translation():
    q = Quote(before="<b>前</b>", passage=HOSTILE, after="&后", paragraph=3, translation="<i>en</i>")
    out = quote(q, SOURCE)
    assert "<script>" not in out and "<b>前" not in out and "<i>en" not in out
    assert '<mark style="background:#fff1a8">&lt;script&gt;alert(1)&lt;/script&gt; **bold**' in out
    assert "&lt;b&gt;前&lt;/b&gt;" in out and "&amp;后" in out
    assert (
        "Paragraph 3 of the stored text · Original (Chinese), as published by GNews; translated from the "
        in out
    )
    assert "English original by Jenny &lt;Ball&gt;" in out
    assert "English — this project&#x27;s translation" in out


def test_quote_labels_follow_the_interface_language():
    q = Quote(before="", passage="伊朗", after="", paragraph=18, translation="Iran")
    out = quote(q, SOURCE, "zh")
    assert "存档文本第 18 段 · 原文（中文），由 GNews 发布；由 Jenny &lt;Ball&gt; 译自英文原文" in out
    assert "英文——本项目的翻译" in out
    assert '<blockquote lang="zh-Hans"' in out and '<blockquote lang="en"' in out


def test_citation_escapes_fields_and_links_only_the_url():
    source = SourceRef("s", '<img src=x onerror="x">', "Pub", "A & B", "", "en", "2021-12-17",
                       'https://example.org/?a=1&b="2"')  # fmt: skip
    out = citation(source, "Source")
    assert "<img" not in out
    assert 'href="https://example.org/?a=1&amp;b=&quot;2&quot;"' in out
    assert "A &amp; B" in out
