"""Source text is shown as written (coopmap/ui/markup.py): never run as HTML, never read as Markdown."""

from __future__ import annotations

from coopmap.claims import Card, Check, OriginalPassage, Paragraph, SourceRef
from coopmap.ui.markup import (
    PAGE_STYLE,
    card,
    check_heading,
    citation,
    definitions,
    discrepancy,
    in_original,
    legend,
    link,
    literal,
    paragraph,
    source_entry,
    source_link,
    style_block,
)
from coopmap.ui.palette import CountClass
from coopmap.ui.words import reference

HOSTILE = "<script>alert(1)</script> **bold** [link](javascript:alert(1)) :smile: `code` # heading"
ESCAPED = (
    "&lt;script&gt;alert(1)&lt;/script&gt; **bold** [link](javascript:alert(1)) :smile: `code` # heading"
)


def test_literal_escapes_every_markdown_and_html_character():
    assert literal(HOSTILE) == (
        r"\<script\>alert\(1\)\</script\> \*\*bold\*\* \[link\]\(javascript\:alert\(1\)\) \:smile\: "
        r"\`code\` \# heading"
    )


SOURCE = SourceRef("s", "T", "GNews", "A", "Jenny <Ball>", "zh-Hans", "2021-12-18", "https://example.org/")
# A catalogue row gone wrong: markup in every field, and an address that tries to leave its attribute.
BAD = SourceRef(
    "s",
    '<img src=x onerror="x">',
    "Pub <b>",
    "A & B",
    "",
    "en",
    "2021-12-17",
    'https://example.org/?a=1&b="2" onclick="x"',
)
BAD_HREF = 'href="https://example.org/?a=1&amp;b=&quot;2&quot; onclick=&quot;x&quot;"'


def test_paragraph_escapes_every_run_and_translation():
    par = Paragraph(3, (("<b>前</b>", False), (HOSTILE, True), ("&后", False)), ("<i>en</i>", "second"))
    out = paragraph(par, SOURCE)
    assert "<script>" not in out and "<b>前" not in out and "<i>en" not in out
    assert f"<mark>{ESCAPED}</mark>" in out
    assert '<span class="coopmap-quiet">&lt;b&gt;前&lt;/b&gt;</span>' in out
    assert '<span class="coopmap-quiet">&amp;后</span>' in out
    assert "Article, paragraph 3 · Chinese, as published by GNews; translated from the " in out
    assert "English original by Jenny &lt;Ball&gt;" in out
    assert "English: this project&#x27;s translation of the marked passages" in out
    # One translation per marked passage, in order.
    line = "<p>"
    assert f"{line}&lt;i&gt;en&lt;/i&gt;</p>{line}second</p></blockquote>" in out


def test_paragraph_marks_only_the_quoted_runs():
    out = paragraph(Paragraph(8, (("a", True), ("b", False), ("c", True)), ("A", "C")), SOURCE)
    assert ('<mark>a</mark><span class="coopmap-quiet">b</span><mark>c</mark>') in out


def test_paragraph_labels_follow_the_interface_language():
    out = paragraph(Paragraph(18, (("伊朗", True),), ("Iran",)), SOURCE, "zh")
    assert "文章第 18 段 · 中文，由 GNews 发布；由 Jenny &lt;Ball&gt; 译自英文原文" in out
    assert "英文：本项目对标记段落的翻译" in out
    assert '<blockquote lang="zh-Hans"' in out and '<blockquote lang="en"' in out


def test_a_passage_not_found_in_the_text_has_no_paragraph_number():
    plain = SourceRef("s", "T", "Pub <b>", "", "", "zh", "d", "https://example.org/")
    out = paragraph(Paragraph(None, (("x", True),), ("X",)), plain)
    assert "Passage · As published by Pub &lt;b&gt;</figcaption>" in out


def test_link_escapes_its_address_text_and_title():
    out = link('https://example.org/?a="1"', "<b>text</b>", 'title" onmouseover="x')
    assert out == (
        '<a href="https://example.org/?a=&quot;1&quot;" title="title&quot; onmouseover=&quot;x" '
        'rel="noopener noreferrer" target="_blank" class="coopmap-link">&lt;b&gt;text&lt;/b&gt;</a>'
    )
    assert ">https://example.org/</a>" in link("https://example.org/")  # no text: the address itself


def test_source_link_names_the_source_by_publisher_and_date_with_its_title_on_hover():
    out = source_link(BAD)
    assert "<img" not in out and "<b>" not in out and ' onclick="' not in out
    assert BAD_HREF in out
    assert 'title="&lt;img src=x onerror=&quot;x&quot;&gt;"' in out
    assert out.endswith(">Pub &lt;b&gt;, 2021-12-17</a>")


def test_citation_escapes_fields_and_links_the_title_not_the_address():
    out = citation(BAD, "Source <x>")
    assert "<img" not in out and "<b>" not in out and "<x>" not in out and ' onclick="' not in out
    assert ">https://" not in out  # no raw address shown: the title is the link's text
    assert out == (
        '<p class="coopmap-small">Source &lt;x&gt;: A &amp; B, “<a '
        f'{BAD_HREF} rel="noopener noreferrer" target="_blank" class="coopmap-link">'
        "&lt;img src=x onerror=&quot;x&quot;&gt;</a>”, Pub &lt;b&gt;, 2021-12-17.</p>"
    )
    assert citation(BAD, "来源 <x>", "zh") == (
        '<p class="coopmap-small">来源 &lt;x&gt;：A &amp; B，“<a '
        f'{BAD_HREF} rel="noopener noreferrer" target="_blank" class="coopmap-link">'
        "&lt;img src=x onerror=&quot;x&quot;&gt;</a>”，Pub &lt;b&gt;，2021-12-17。</p>"
    )


def test_citation_leaves_out_a_missing_author_and_names_the_translator():
    plain = SourceRef("s", "T", "P", "", "", "en", "d", "https://e.org/")
    anchor = 'rel="noopener noreferrer" target="_blank" class="coopmap-link"'
    assert citation(plain, "Source") == (
        f'<p class="coopmap-small">Source: “<a href="https://e.org/" {anchor}>T</a>”, P, d.</p>'
    )
    assert citation(plain, "来源", "zh") == (
        f'<p class="coopmap-small">来源：“<a href="https://e.org/" {anchor}>T</a>”，P，d。</p>'
    )
    assert citation(SOURCE, "Source") == (
        f'<p class="coopmap-small">Source: A, “<a href="https://example.org/" {anchor}>T</a>”, GNews, '
        "2021-12-18, translated by Jenny &lt;Ball&gt;.</p>"
    )
    assert citation(SOURCE, "来源", "zh") == (
        f'<p class="coopmap-small">来源：A，“<a href="https://example.org/" {anchor}>T</a>”，GNews，'
        "2021-12-18，Jenny &lt;Ball&gt; 译。</p>"
    )


def test_a_reference_names_author_title_publisher_date_translator_as_each_language_writes_them():
    assert reference(SOURCE, "en") == "A, “T”, GNews, 2021-12-18, translated by Jenny <Ball>"
    assert reference(SOURCE, "zh") == "A，“T”，GNews，2021-12-18，Jenny <Ball> 译"
    # plain text: markup escapes it, and puts its link where title stands
    assert reference(BAD, "en", title="[title]") == "A & B, “[title]”, Pub <b>, 2021-12-17"
    plain = SourceRef("s", "T", "P", "", "", "en", "d", "https://e.org/")
    assert (reference(plain, "en"), reference(plain, "zh")) == ("“T”, P, d", "“T”，P，d")


def test_a_reference_names_a_sources_row_as_its_card_does_a_missing_date_in_the_readers_words():
    assert reference(ENTRY, "en") == "A <b>, “T”, P, date not stated, translated by Tr <t>"
    assert reference(ENTRY, "zh") == "A <b>，“T”，P，未注明日期，Tr <t> 译"
    card_source = SourceRef(
        "s1", "T", "P", "A <b>", "Tr <t>", "zh", "date not stated", "https://example.org/t"
    )
    assert reference(card_source, "en") == reference(ENTRY, "en")


def test_discrepancy_escapes_both_sides_and_links_the_source_in_its_header():
    out = discrepancy("<a>article</a>", BAD, HOSTILE)
    assert "<script>" not in out and "<a>article" not in out and "<img" not in out and ' onclick="' not in out
    assert "<th>" in out and ">The article says</th>" in out
    assert f"{BAD_HREF} title=" in out and ">Pub &lt;b&gt;, 2021-12-17</a> says</th>" in out
    assert ">&lt;a&gt;article&lt;/a&gt;</td>" in out
    assert f">{ESCAPED}</td>" in out


def test_discrepancy_in_chinese():
    out = discrepancy("a", SOURCE, "b", "zh")
    assert ">文章称</th>" in out and ">GNews, 2021-12-18</a> 称</th>" in out


def test_in_original_links_the_passage_and_escapes_how_it_differs():
    passage = OriginalPassage(BAD, 2, 'https://example.org/#:~:text="x"', "<b>stronger</b> wording")
    out = in_original(passage)
    assert "<b>" not in out
    assert 'href="https://example.org/#:~:text=&quot;x&quot;"' in out
    assert ">The same passage in the English original (paragraph 2)</a>" in out
    assert "How the translation differs: &lt;b&gt;stronger&lt;/b&gt; wording</p>" in out
    zh = in_original(passage, "zh")
    assert ">英文原文中的同一段落（第 2 段）</a>" in zh
    assert "译文的差异：&lt;b&gt;stronger&lt;/b&gt; wording</p>" in zh


SCRIPT = "<script>alert(1)</script>"
# A catalogue row that tries every way out: a tag in the name, a quote that would open an attribute
# in the title, and an address that is not http(s) at all.
JS = SourceRef("s", '"onmouseover=alert(1) x="', SCRIPT, "", "", "en", "2021-12-17", 'javascript:alert("x")')


def test_discrepancy_escapes_a_script_an_attribute_and_a_javascript_address():
    out = discrepancy(SCRIPT, JS, '"onmouseover=alert(1)')
    assert "<script" not in out and '"onmouseover' not in out and 'alert("x")' not in out
    # A javascript: address is no link at all: the source is named in plain text.
    assert "href" not in out
    assert ">&lt;script&gt;alert(1)&lt;/script&gt;, 2021-12-17 says</th>" in out
    assert ">&lt;script&gt;alert(1)&lt;/script&gt;</td>" in out  # what the article says
    assert ">&quot;onmouseover=alert(1)</td></tr></table>" in out  # what the source says
    assert out.count("<a ") == 0 and out.count("<td>") == 2 and out.count("<th>") == 2


def test_in_original_escapes_an_address_that_tries_to_close_its_tag_and_hostile_differences():
    passage = OriginalPassage(
        JS, 4, f'javascript:alert(document.cookie)//">{SCRIPT}', f'"onmouseover=alert(1) {SCRIPT}'
    )
    out = in_original(passage, "zh")
    assert "<script" not in out and '"onmouseover' not in out and '//">' not in out
    assert "href" not in out and out.count("<a ") == 0
    assert ">英文原文中的同一段落（第 4 段）<br>" in out
    assert "译文的差异：&quot;onmouseover=alert(1) &lt;script&gt;alert(1)&lt;/script&gt;</p>" in out


def test_link_gives_no_link_for_an_address_that_is_not_http():
    assert link("javascript:alert(1)", "<b>Reuters</b>") == "&lt;b&gt;Reuters&lt;/b&gt;"
    assert link(" https://example.org/") == " https://example.org/"  # a leading space is not http either
    assert link("http://example.org/", "x").startswith('<a href="http://example.org/"')


def test_the_legend_gives_each_count_class_no_reports_group_context_and_the_dots():
    two = (CountClass(1, 1, "#9ecae1"), CountClass(2, 2, "#084594"))
    swatch = '<span class="coopmap-swatch" style="'
    assert legend(two, True) == (
        '<div class="coopmap-legend">'
        f'<span>{swatch}background:#9ecae1"></span> 1 reported event</span>'
        f'<span>{swatch}background:#084594"></span> 2 reported events</span>'
        f'<span>{swatch}background:#ececec"></span> No reports in this dataset</span>'
        f'<span>{swatch}background:#d4d4d4"></span> Light grey: in a '
        "region, bloc or counted group a claim names (context, not a claim about the country)</span>"
        "<span>Rings mark small countries with claims of their own; dots mark the smallest.</span></div>"
    )


def test_the_legend_gives_ranges_and_leaves_out_hidden_groups_in_chinese():
    out = legend((CountClass(4, 6, "#4292c6"),), False, "zh")
    assert "</span> 4–6 起已报道事件</span>" in out and "dashed" not in out
    assert out.count('<span class="coopmap-swatch"') == 2  # the class and "no reports"


ENTRY = {
    "source_id": "s1",
    "author": "A <b>",
    "title": "T",
    "url": "https://example.org/t",
    "publisher": "P",
    "translator": "Tr <t>",
    "language": "zh",
    "date_published": "",
    "usage_note_en": "Quoted <i>briefly</i>.",
    "usage_note_zh": "<i>简短</i>引用。",
}


def test_a_source_entry_names_author_title_publisher_date_translator_and_use_all_escaped_and_no_id():
    anchor = '<a href="https://example.org/t" rel="noopener noreferrer" target="_blank" class="coopmap-link">'
    assert source_entry(ENTRY) == (
        f"<p>A &lt;b&gt;, “{anchor}T</a>”, P, date not stated, translated by Tr &lt;t&gt;."
        "<br>Usage: Quoted &lt;i&gt;briefly&lt;/i&gt;.</p>"
    )
    assert source_entry(ENTRY, "zh") == (
        f"<p>A &lt;b&gt;，“{anchor}T</a>”，P，未注明日期，Tr &lt;t&gt; 译。"
        "<br>使用说明：&lt;i&gt;简短&lt;/i&gt;引用。</p>"
    )
    hostile = {
        **ENTRY,
        "author": "",
        "title": BAD.title,
        "url": BAD.url,
        "translator": "",
        "date_published": "d",
    }
    assert source_entry(hostile) == (
        f'<p>“<a {BAD_HREF} rel="noopener noreferrer" target="_blank" class="coopmap-link">'
        "&lt;img src=x onerror=&quot;x&quot;&gt;</a>”, P, d.<br>Usage: Quoted &lt;i&gt;briefly&lt;/i&gt;.</p>"
    )


def test_a_check_heading_escapes_the_verdict_and_links_the_source():
    source = SourceRef("r", "Reuters", "Pub <i>", "", "", "en", "2012-03-22", "https://example.org/r")
    assert check_heading("Partly <b>", source) == (
        '<p class="coopmap-check"><strong>Partly &lt;b&gt;</strong>: '
        '<a href="https://example.org/r" title="Reuters" rel="noopener noreferrer" target="_blank" '
        'class="coopmap-link">Pub &lt;i&gt;, 2012-03-22</a></p>'
    )


def _card(**changes) -> Card:
    source = SourceRef("s", "Title <t>", "Pub", "Au", "Tr", "zh", "2021-12-17", "https://example.org/a")
    check = Check(
        "partly",
        SourceRef("r", "R", "Reuters", "", "", "en", "2012-03-22", "https://example.org/r"),
        "differs <d>",
        "article <a>",
        "source <s>",
        "2010",
        "",
        "",
        "",
        (),
        False,
        "",
        "",
    )
    fields = dict(
        event_id="E9",
        scope="country",
        partner="Iran",
        category="surveillance",
        year="2012",
        actor="中兴",
        actor_en="ZTE",
        amount="",
        place="",
        summary=HOSTILE,
        notes="note <n>",
        kind="caption",
        paragraphs=(Paragraph(3, (("said ", False), ("<b>quoted</b>", True)), ("English <e>",)),),
        source=source,
        original=None,
        status="partly",
        checks=(check,),
        in_original=(),
    )
    return Card(**{**fields, **changes})


def test_a_card_gives_verdict_facts_comparison_passages_and_source_in_that_order_all_escaped():
    shown = card(_card(), "Includes <Iran>")
    assert shown.startswith('<article class="coopmap-card" data-event="E9"><p class="coopmap-lead">')
    order = [
        "◐ <strong>Partly confirmed: independent reporting differs</strong>",
        "<strong>Iran · surveillance · 2012 · ZTE (中兴)</strong>",
        "Includes &lt;Iran&gt;",
        ESCAPED,
        '<strong>Partly confirms</strong>: <a href="https://example.org/r"',
        "<td>",
        "article &lt;a&gt;",
        "source &lt;s&gt;",
        "What differs: differs &lt;d&gt;",
        "Reuters, 2012-03-22 gives: Year: 2010",
        "From an image caption in the article.",
        "Article, paragraph 3",
        "<mark>&lt;b&gt;quoted&lt;/b&gt;</mark>",
        "English &lt;e&gt;",
        'Source: Au, “<a href="https://example.org/a"',
        "Title &lt;t&gt;",
        "note &lt;n&gt;",
    ]
    at = [shown.find(part) for part in order]
    assert -1 not in at, [part for part, i in zip(order, at, strict=True) if i == -1]
    assert at == sorted(at)
    assert "<script>" not in shown and "<b>" not in shown and shown.endswith("</article>")


def test_a_card_in_chinese_and_without_a_check_says_what_was_searched():
    check = Check("not_found", None, "", "", "", "", "", "", "", (), False, "", "Reuters <q>")
    shown = card(_card(checks=(check,), status="not_found", kind="text", notes=""), lang="zh")
    assert "○ <strong>未找到独立来源</strong>" in shown and "已检索：Reuters &lt;q&gt;</p>" in shown
    assert "文章第 3 段 · 中文，由 Pub 发布；由 Tr 译自英文原文" in shown and "<table" not in shown
    assert "Note:" not in shown and "image caption" not in shown


def test_category_help_gives_each_label_and_definition_with_the_datas_markdown_kept_literal(ready):
    assert definitions({"a": "A *b*"}, {"a": "[x](javascript:y) <i>"}) == (
        r"**A \*b\***: \[x\]\(javascript\:y\) \<i\>"
    )
    help_zh = definitions(ready.labels["zh"], ready.definitions["zh"]).split("\n\n")
    assert len(help_zh) == 8
    assert help_zh[0] == "**警务与安全培训**: 对外国警察、执法或安全人员的培训或教育。"


def test_the_page_style_is_the_stylesheet_without_comments_or_spaces():
    css = (
        "/* why */\n.a  b,\n.c > d {\n  margin: 0 0 1rem 0;\n  color: #444;\n}\n"
        "@media (max-width: 640px) {\n  .a { gap: 0.3rem 1rem; }\n}\n"
    )
    assert style_block(css) == (
        "<style>.a b,.c>d{margin:0 0 1rem 0;color:#444}@media (max-width:640px){.a{gap:0.3rem 1rem}}</style>"
    )
    assert PAGE_STYLE.startswith("<style>[data-testid=") and "/*" not in PAGE_STYLE and "\n" not in PAGE_STYLE
