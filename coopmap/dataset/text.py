"""Plain text of a stored source, so passages can be found, checked and shown in context.
Sources are stored as received (Markdown) and quoted from their plain text: images dropped, links reduced
to their text, * and ` removed. Each non-empty line of the plain text is one paragraph."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"[*`]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SENTENCE_END = re.compile(r"(?<=[。！？])")
_STOP = re.compile(r"[。！？]")


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


def uncovered(para: str, passages: Iterable[str]) -> str:
    """What of a paragraph's Chinese text no passage quotes (empty when fully covered).

    Each stretch that passages quote, wherever they stand and however they overlap, becomes one space.
    """
    spans = []
    for passage in filter(None, set(passages)):
        at = para.find(passage)
        while at >= 0:
            spans.append((at, at + len(passage)))
            at = para.find(passage, at + 1)
    pieces, at = [], 0
    for start, end in sorted(spans):
        if start > at or not pieces:
            pieces += [para[at:start], " "]
        at = max(at, end)
    rest = "".join([*pieces, para[at:]])
    return rest if has_cjk(rest) else ""


KEY = 16  # characters up to a full stop by which a passage is looked up


class TextIndex:
    """A stored text's paragraphs, indexed so that finding a passage does not rescan the whole text.

    A passage holding a full stop (。！？) with KEY characters up to it can only stand where the
    text has those KEY characters before one of its own full stops: a lookup, not a scan. Other
    passages (short ones, headings) are searched for in the text. Validating a text with thousands
    of passages thus takes time in proportion to the text, not to its length times its passages.
    """

    def __init__(self, paras: list[str]):
        self.paras = paras
        self.joined = "\n".join(paras)  # a passage never holds a line break, so never spans two
        self.starts = list(accumulate((len(p) + 1 for p in paras[:-1]), initial=0))
        self.stops: dict[str, list[int]] = {}
        self.quoted: dict[int, set[str]] = {}  # paragraph number: the passages quoted from it
        for stop in _STOP.finditer(self.joined, KEY - 1):
            self.stops.setdefault(self.joined[stop.end() - KEY : stop.end()], []).append(stop.end())

    def _offsets(self, passage: str) -> Iterator[int]:
        """Where the passage starts in the paragraphs joined by line breaks, every time, in order."""
        if not passage or "\n" in passage:
            return
        stop = _STOP.search(passage, KEY - 1)
        if stop:
            end = stop.end()
            for after in self.stops.get(passage[end - KEY : end], ()):
                if after >= end and self.joined.startswith(passage, after - end):
                    yield after - end
            return
        at = self.joined.find(passage)
        while at >= 0:
            yield at
            at = self.joined.find(passage, at + 1)

    def _paragraph(self, offset: int) -> int:
        """The number (from 1) of the paragraph an offset of the joined text falls in."""
        return bisect_right(self.starts, offset)

    def quote(self, passage: str) -> Location | None:
        """Where the passage first stands, as locate() finds it; wherever it stands counts as quoted."""
        found = None
        for at in self._offsets(passage):
            number = self._paragraph(at)
            self.quoted.setdefault(number, set()).add(passage)
            if found is None:
                start = at - self.starts[number - 1]
                found = Location(number, start, start + len(passage), self.paras[number - 1])
        return found

    def unquoted(self) -> Iterator[tuple[int, str]]:
        """Each paragraph's number and what of its Chinese text no passage quoted so far quotes, if any."""
        for number, para in enumerate(self.paras, start=1):
            rest = uncovered(para, self.quoted.get(number, ()))
            if rest:
                yield number, rest
