"""Source text made safe to show: HTML-escaped inside our own markup, or Markdown made literal.
Passages, titles and names come from sources and URLs; shown through Streamlit they must stay plain text,
so a '<script>' or a '[link](…)' in a source reads as written."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from coopmap.claims import Card, OriginalPassage, Paragraph, SourceRef
from coopmap.i18n import t
from coopmap.paths import PAGE_CSS
from coopmap.ui import words
from coopmap.ui.palette import CountClass

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")
SMALL = 'class="coopmap-small"'
OPENING = 24  # characters of a further passage that name it above the checks on it
KEPT_CARDS = 4096  # cards whose markup is kept, as package_index.Cards keeps their models
SWATCH = '<span class="coopmap-swatch" style="{}"></span> {}'


def style_block(css: str) -> str:
    """A stylesheet as one <style> block without its comments and spaces: it is sent on every run."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", re.sub(r"\s+", " ", css))
    return "<style>" + re.sub(r":\s+", ":", css).replace(";}", "}").strip() + "</style>"


PAGE_STYLE = style_block(PAGE_CSS.read_text(encoding="utf-8"))  # the page's stylesheet, sent on every run


def literal(text: str) -> str:
    """Text for st.markdown with every Markdown and HTML character escaped, so it shows as typed."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def definitions(labels: Mapping[str, str], defined: Mapping[str, str]) -> str:
    """Each category's label and what it covers, as Markdown for a widget's help, the data's words literal."""
    return "\n\n".join(f"**{literal(labels[c])}**: {literal(defined[c])}" for c in labels)


def link(url: str, text: str | None = None, title: str = "") -> str:
    """A link to a source's address, named by text (else the address); any other scheme stays text."""
    shown = html.escape(url if text is None else text)
    if not url.startswith(("http://", "https://")):
        return shown  # the validator allows only http(s); a package that slips past still gets no link
    hint = f' title="{html.escape(title)}"' if title else ""
    return (
        f'<a href="{html.escape(url)}"{hint} rel="noopener noreferrer" target="_blank" '
        f'class="coopmap-link">{shown}</a>'
    )


_SLOT = "\0"


def _with_link(text: str, markup: str) -> str:
    """Catalogue text escaped, with a link put where its slot stands."""
    return html.escape(text).replace(_SLOT, markup)


def source_link(source: SourceRef) -> str:
    """A source by its short name (publisher, date), its title on hover."""
    return link(source.url, source.short, source.title)


def _entry(source: SourceRef, lang: str) -> str:
    """A source named in full (words.reference) as one entry, escaped, its title the link to it."""
    text = t(lang, "cite.entry", reference=words.reference(source, lang, title=_SLOT))
    return _with_link(text, link(source.url, source.title))


def citation(source: SourceRef, label: str, lang: str = "en") -> str:
    """One line naming a source as a reader would cite it, after what the source is to the card."""
    return f"<p {SMALL}>{html.escape(label + t(lang, 'cite.colon'))}{_entry(source, lang)}</p>"


def paragraph(par: Paragraph, source: SourceRef, lang: str = "en") -> str:
    """A paragraph of the article with every quoted passage marked, beside the project's English of them.

    Each side says its language and who wrote it; on a narrow screen the two stack.
    """
    where = t(lang, "quote.paragraph", n=par.number) if par.number else t(lang, "quote.passage")
    if source.translator:
        original = t(lang, "quote.original", publisher=source.publisher, translator=source.translator)
    else:
        original = t(lang, "quote.original_plain", publisher=source.publisher)
    runs = "".join(
        f"<mark>{html.escape(text)}</mark>"
        if quoted
        else f'<span class="coopmap-quiet">{html.escape(text)}</span>'
        for text, quoted in par.runs
    )
    english = "".join(f"<p>{html.escape(text)}</p>" for text in par.translations)
    return (
        '<div class="coopmap-paragraph">'
        f"<figure><figcaption>{html.escape(where)} · {html.escape(original)}</figcaption>"
        f'<blockquote lang="zh-Hans">{runs}</blockquote></figure>'
        f"<figure><figcaption>{html.escape(t(lang, 'quote.translation'))}</figcaption>"
        f'<blockquote lang="en">{english}</blockquote></figure></div>'
    )


def discrepancy(article_says: str, source: SourceRef, source_says: str, lang: str = "en") -> str:
    """The article's version and an independent source's version of the same point, side by side."""
    return (
        '<table class="coopmap-sides">'
        f"<tr><th>{html.escape(t(lang, 'check.article_says'))}</th>"
        f"<th>{_with_link(t(lang, 'check.source_says', source=_SLOT), source_link(source))}</th></tr>"
        f"<tr><td>{html.escape(article_says)}</td><td>{html.escape(source_says)}</td></tr></table>"
    )


def in_original(passage: OriginalPassage, lang: str = "en") -> str:
    """A link to the same passage in the English original, and how the translation departs from it."""
    return (
        f"<p {SMALL}>{link(passage.url, t(lang, 'check.in_original', n=passage.paragraph))}<br>"
        f"{html.escape(t(lang, 'check.translation_differs', text=passage.differences))}</p>"
    )


def check_heading(verdict: str, source: SourceRef, lang: str = "en") -> str:
    """An independent source's verdict on a claim, and the source as a link."""
    colon = html.escape(t(lang, "cite.colon"))
    return f'<p class="coopmap-check"><strong>{html.escape(verdict)}</strong>{colon}{source_link(source)}</p>'


def legend(classes: Sequence[CountClass], show_groups: bool, lang: str = "en") -> str:
    """The map's key: a swatch per count class, no reports, group context when shown, and the dots."""
    entries = words.key(classes, show_groups, lang, "map.context")
    items = [SWATCH.format(f"background:{colour}", html.escape(label)) for label, colour in entries]
    items.append(html.escape(t(lang, "map.dots")))
    return '<div class="coopmap-legend">' + "".join(f"<span>{item}</span>" for item in items) + "</div>"


def source_entry(source: Mapping[str, str], lang: str = "en") -> str:
    """A source as the sources list gives it: named as a card cites it, then how it may be used."""
    usage = html.escape(t(lang, "cite.usage", text=source[f"usage_note_{lang}"]))
    return f"<p>{_entry(SourceRef.of(source, lang), lang)}<br>{usage}</p>"


def _opening(passage: str) -> str:
    """A further passage named by its first words: ids stay in the downloads, out of the reader's way."""
    return passage if len(passage) <= OPENING else passage[:OPENING] + "…"


def _small(text: str) -> str:
    return f"<p {SMALL}>{html.escape(text)}</p>"


@lru_cache(maxsize=KEPT_CARDS)
def card(card: Card, includes: str = "", lang: str = "en") -> str:
    """A claim's card as one block: verdict and key facts first, the comparison with independent
    reporting, then the passages. One element, built once, where separate ones cost each rerun."""
    status = html.escape(t(lang, f"status.{card.status}"))
    parts = [
        f'<p class="coopmap-lead">{words.STATUS_SYMBOLS[card.status]} <strong>{status}</strong></p>',
        f'<p class="coopmap-lead"><strong>{html.escape(words.card_facts(card, lang))}</strong></p>',
    ]
    if includes:
        parts.append(_small(includes))
    label = f'<span class="coopmap-quiet">{html.escape(t(lang, "panel.summary"))}</span>'
    parts.append(f'<p class="coopmap-summary">{label}{html.escape(card.summary)}</p>')
    weighed = ""  # the further passage the checks so far weigh
    for check in card.checks:
        verdict = t(lang, f"verdict.{check.verdict}")
        if check.passage_id and check.passage_id != weighed:
            parts.append(_small(t(lang, "check.on_passage", text=_opening(check.passage))))
            weighed = check.passage_id
        if check.source is None:
            searched = t(lang, "check.searched", text=check.searched)
            stop = html.escape(t(lang, "cite.full_stop"))
            parts.append(f"<p><strong>{html.escape(verdict)}{stop}</strong>{html.escape(searched)}</p>")
            continue
        parts.append(check_heading(verdict, check.source, lang))
        if check.verdict in ("partly", "contradicts"):
            parts.append(discrepancy(check.article_says, check.source, check.source_says, lang))
            parts.append(_small(t(lang, "check.differs", text=check.differs)))
        if details := words.check_details(check, lang):
            parts.append(_small(details))
    if card.kind == "caption":
        parts.append(_small(t(lang, "panel.caption")))
    parts += [paragraph(p, card.source, lang) for p in card.paragraphs]
    parts.append(citation(card.source, t(lang, "panel.source"), lang))
    if card.original:
        parts.append(citation(card.original, t(lang, "panel.translation_of"), lang))
    parts += [in_original(passage, lang) for passage in card.in_original]
    if card.notes:
        parts.append(_small(t(lang, "panel.note", text=card.notes)))
    parts += [
        _small(t(lang, "panel.passage_note", passage=_opening(passage), text=note))
        for passage, note in card.passage_notes
    ]
    event = html.escape(card.event_id, quote=True)  # its address, not its text
    return f'<article class="coopmap-card" data-event="{event}">{"".join(parts)}</article>'
