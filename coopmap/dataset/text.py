"""Plain text of a stored source, so passages can be found, checked and shown in context.

Sources are stored as received (Markdown). Passages are quoted from the plain text:
images dropped, links reduced to their text, emphasis markers (* and `) removed.
Each non-empty line of the plain text is one paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"[*`]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SENTENCE_END = re.compile(r"(?<=[。！？])")


def plain_text(markdown: str) -> str:
    """Markdown as a reader sees it: the text passages are quoted from."""
    text = _IMAGE.sub("", markdown)
    text = _LINK.sub(r"\1", text)
    return _EMPHASIS.sub("", text)


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of plain text, stripped, in order; numbered from 1 by readers."""
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class Location:
    """Where a passage stands: its paragraph (1-based), and its offsets inside it."""

    paragraph: int
    start: int
    end: int
    text: str  # the whole paragraph

    @property
    def before(self) -> str:
        return self.text[: self.start]

    @property
    def after(self) -> str:
        return self.text[self.end :]


def locate(passage: str, paras: list[str]) -> Location | None:
    """The first paragraph that contains the passage, or None if no paragraph does."""
    if not passage:
        return None
    for number, para in enumerate(paras, start=1):
        start = para.find(passage)
        if start >= 0:
            return Location(number, start, start + len(passage), para)
    return None


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def sentences(para: str) -> list[str]:
    """A paragraph cut after each Chinese full stop, question or exclamation mark."""
    return [s.strip() for s in _SENTENCE_END.split(para) if s.strip()]


def uncovered(para: str, passages: list[str]) -> str:
    """What of a paragraph's Chinese text no passage quotes (empty when fully covered)."""
    rest = para
    for passage in sorted(passages, key=len, reverse=True):
        if passage:
            rest = rest.replace(passage, " ")
    return rest if has_cjk(rest) else ""
