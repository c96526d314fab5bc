"""What a search that finds nothing may have meant: the nearest terms the package holds, by difflib.
A misspelled English word is compared letter by letter; a Chinese one by its pinyin, as a reader's input
method mistypes a homophone (华伟 for 华为)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import polars as pl
from pypinyin import lazy_pinyin

from coopmap.filters import search_terms

WORD = r"[a-z\u00e0-\u024f]{3,}"  # a Latin word of the search text, case-folded, three letters or more
WORDS_FROM = 20_000  # events whose words are read; all would hold up a large package's first fruitless search
CUTOFF = 0.65  # difflib's ratio below which a term is too far to offer
HAN = re.compile(r"[\u3400-\u9fff]")


def has_han(text: str) -> bool:
    return bool(HAN.search(text))


def sound(term: str) -> str:
    """What two spellings share when a reader mistypes one for the other: pinyin for Chinese."""
    folded = term.casefold()
    return "".join(lazy_pinyin(folded)) if has_han(folded) else folded


@dataclass(frozen=True)
class Vocabulary:
    """The terms a search may be corrected to, by their sound(); several spellings may share one."""

    spellings: dict[str, tuple[str, ...]]  # sound -> the terms, as the package writes them

    def nearest(self, word: str, limit: int) -> list[str]:
        """The terms nearest to word, written in its script (Chinese for Chinese, Latin for Latin)."""
        near = difflib.get_close_matches(sound(word), self.spellings, n=limit * 2, cutoff=CUTOFF)
        same = [term for key in near for term in self.spellings[key] if has_han(term) == has_han(word)]
        return [term for term in same if term.casefold() != word][:limit]


def vocabulary(search_text: pl.Series, names: Iterable[str]) -> Vocabulary:
    """The words of the searched texts (of the first WORDS_FROM events) and the names (actors, places,
    countries) written as one word. A term offered is always one some event holds: suggestions() checks."""
    words = search_text.head(WORDS_FROM).str.extract_all(WORD).explode().drop_nulls().unique().to_list()
    spellings: dict[str, list[str]] = {}
    for term in [name for name in names if name and not name.split()[1:]] + sorted(words):
        forms = spellings.setdefault(sound(term), [])
        if term.casefold() not in (form.casefold() for form in forms):  # a name before its folded word
            forms.append(term)
    return Vocabulary({key: tuple(forms) for key, forms in spellings.items()})


def suggestions(query: str, terms: Vocabulary, finds: Callable[[str], bool], limit: int = 3) -> list[str]:
    """Searches close to query that find events: each word that finds nothing replaced by a near term.

    finds(search) tells whether a search finds any event; [] when every word finds some.
    """
    words = search_terms(query)
    missing = {word: terms.nearest(word, limit) for word in words if not finds(word)}
    if not missing or not all(missing.values()):
        return []
    offered: list[str] = []
    for rank in range(limit):
        search = " ".join(missing[w][min(rank, len(missing[w]) - 1)] if w in missing else w for w in words)
        if search not in offered and finds(search):
            offered.append(search)
    return offered
