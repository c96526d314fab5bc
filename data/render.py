"""Source text made safe to show: HTML-escaped inside our own markup, or Markdown made literal.

Passages, titles and names come from sources and URLs; shown through Streamlit they must
stay plain text, so a '<script>' or a '[link](…)' in a source reads as written.
"""

from __future__ import annotations

import html
import re

from data.drilldown import OriginalPassage, Quote, SourceRef

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")


def literal(text: str) -> str:
    """Text for st.markdown with every Markdown and HTML character escaped, so it shows as typed."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def link(url: str) -> str:
    """A link to a source's address; the validator allows only http(s) URLs there."""
    safe = html.escape(url)
    return f'<a href="{safe}" rel="noopener noreferrer" target="_blank">{safe}</a>'


def citation(source: SourceRef, label: str) -> str:
    text = f"{label}: {source.author}, “{source.title}”, {source.publisher}, {source.date}"
    if source.translator:
        text += f", translated by {source.translator}"
    return f'<p style="font-size:0.85rem;color:#555;margin:0">{html.escape(text)}. {link(source.url)}</p>'


def quote(q: Quote, language: str = "zh-Hans") -> str:
    """The passage highlighted inside its paragraph, then the project's English translation."""
    where = f"Paragraph {q.paragraph} of the stored text" if q.paragraph else "Passage"
    return (
        f'<figure style="margin:0 0 0.5rem 0"><figcaption style="font-size:0.8rem;color:#555">{where}'
        " (original, Chinese)</figcaption>"
        f'<blockquote lang="{language}" '
        'style="margin:0.2rem 0;padding-left:0.8rem;border-left:3px solid #888">'
        f'<span style="color:#666">{html.escape(q.before)}</span>'
        f'<mark style="background:#fff1a8">{html.escape(q.passage)}</mark>'
        f'<span style="color:#666">{html.escape(q.after)}</span></blockquote>'
        '<p lang="en" style="margin:0.3rem 0"><span style="font-size:0.8rem;color:#555">'
        f"English — this project's translation:</span><br>{html.escape(q.translation)}</p></figure>"
    )


def discrepancy(article_says: str, source_label: str, source_says: str) -> str:
    """The article's version and an independent source's version of the same point, side by side."""
    cell = 'style="vertical-align:top;padding:0.3rem 0.5rem;border:1px solid #ddd;width:50%"'
    return (
        '<table style="border-collapse:collapse;font-size:0.9rem;margin:0.3rem 0;width:100%"><tr>'
        f"<th {cell}>The article says</th><th {cell}>{html.escape(source_label)} says</th></tr>"
        f"<tr><td {cell}>{html.escape(article_says)}</td>"
        f"<td {cell}>{html.escape(source_says)}</td></tr></table>"
    )


def in_original(passage: OriginalPassage) -> str:
    """A link to the same passage in the English original, and how the translation departs from it."""
    return (
        '<p style="font-size:0.85rem;margin:0.3rem 0">'
        f"In the English original, paragraph {passage.paragraph}: {link(passage.url)}<br>"
        f"How the translation differs: {html.escape(passage.differences)}</p>"
    )
