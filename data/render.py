"""Source text made safe to show: HTML-escaped inside our own markup, or Markdown made literal.

Passages, titles and names come from sources and URLs; shown through Streamlit they must
stay plain text, so a '<script>' or a '[link](…)' in a source reads as written.
"""

from __future__ import annotations

import html
import re

from data.drilldown import OriginalPassage, Quote, SourceRef
from data.i18n import t

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")


def literal(text: str) -> str:
    """Text for st.markdown with every Markdown and HTML character escaped, so it shows as typed."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def link(url: str) -> str:
    """A link to a source's address; the validator allows only http(s) URLs there."""
    safe = html.escape(url)
    return f'<a href="{safe}" rel="noopener noreferrer" target="_blank">{safe}</a>'


def citation(source: SourceRef, label: str, lang: str = "en") -> str:
    text = f"{label}: {source.author}, “{source.title}”, {source.publisher}, {source.date}"
    if source.translator:
        text += t(lang, "cite.translated_by", translator=source.translator)
    return f'<p style="font-size:0.85rem;color:#555;margin:0">{html.escape(text)}. {link(source.url)}</p>'


def quote(q: Quote, source: SourceRef, lang: str = "en") -> str:
    """The passage highlighted inside its paragraph, beside the project's English translation.

    Each side says its language and who wrote it; on a narrow screen the two stack.
    """
    where = t(lang, "quote.paragraph", n=q.paragraph) if q.paragraph else t(lang, "quote.passage")
    if source.translator:
        original = t(lang, "quote.original", publisher=source.publisher, translator=source.translator)
    else:
        original = t(lang, "quote.original_plain", publisher=source.publisher)
    side = 'style="flex:1 1 16rem;min-width:0;margin:0"'
    label = 'style="font-size:0.8rem;color:#555;margin:0 0 0.2rem 0"'
    return (
        '<div style="display:flex;flex-wrap:wrap;gap:0.4rem 1rem;margin:0 0 0.5rem 0">'
        f"<figure {side}><figcaption {label}>{html.escape(where)} · {html.escape(original)}</figcaption>"
        '<blockquote lang="zh-Hans" style="margin:0;padding-left:0.8rem;border-left:3px solid #888">'
        f'<span style="color:#555">{html.escape(q.before)}</span>'
        f'<mark style="background:#fff1a8">{html.escape(q.passage)}</mark>'
        f'<span style="color:#555">{html.escape(q.after)}</span></blockquote></figure>'
        f"<figure {side}><figcaption {label}>{html.escape(t(lang, 'quote.translation'))}</figcaption>"
        '<blockquote lang="en" style="margin:0;padding-left:0.8rem;border-left:3px solid #bbb">'
        f"{html.escape(q.translation)}</blockquote></figure></div>"
    )


def discrepancy(article_says: str, source_label: str, source_says: str, lang: str = "en") -> str:
    """The article's version and an independent source's version of the same point, side by side."""
    cell = 'style="vertical-align:top;padding:0.3rem 0.5rem;border:1px solid #ddd;width:50%"'
    return (
        '<table style="border-collapse:collapse;font-size:0.9rem;margin:0.3rem 0;width:100%"><tr>'
        f"<th {cell}>{html.escape(t(lang, 'check.article_says'))}</th>"
        f"<th {cell}>{html.escape(t(lang, 'check.source_says', source=source_label))}</th></tr>"
        f"<tr><td {cell}>{html.escape(article_says)}</td>"
        f"<td {cell}>{html.escape(source_says)}</td></tr></table>"
    )


def in_original(passage: OriginalPassage, lang: str = "en") -> str:
    """A link to the same passage in the English original, and how the translation departs from it."""
    return (
        '<p style="font-size:0.85rem;margin:0.3rem 0">'
        f"{html.escape(t(lang, 'check.in_original', n=passage.paragraph))} {link(passage.url)}<br>"
        f"{html.escape(t(lang, 'check.translation_differs', text=passage.differences))}</p>"
    )
