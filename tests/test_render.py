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


def test_quote_escapes_passage_context_and_translation():
    q = Quote(before="<b>前</b>", passage=HOSTILE, after="&后", paragraph=3, translation="<i>en</i>")
    out = quote(q)
    assert "<script>" not in out and "<b>前" not in out and "<i>en" not in out
    assert '<mark style="background:#fff1a8">&lt;script&gt;alert(1)&lt;/script&gt; **bold**' in out
    assert "&lt;b&gt;前&lt;/b&gt;" in out and "&amp;后" in out
    assert "Paragraph 3 of the stored text" in out and "this project&#x27;s translation" not in out


def test_citation_escapes_fields_and_links_only_the_url():
    source = SourceRef("s", '<img src=x onerror="x">', "Pub", "A & B", "", "en", "2021-12-17",
                       'https://example.org/?a=1&b="2"')  # fmt: skip
    out = citation(source, "Source")
    assert "<img" not in out
    assert 'href="https://example.org/?a=1&amp;b=&quot;2&quot;"' in out
    assert "A &amp; B" in out
