"""What no cell of a package may hold, whatever its column.

The page shows every text as written, never as HTML, but a package is untrusted input, and these
serve no claim while they mislead a reader or make another program act:

- control characters (NUL and the like) and invisible format characters (zero-width spaces, the
  right-to-left override), which make a name read as another;
- HTML tags, Markdown images and javascript: links, which a viewer of the downloaded table may render;
- a leading =, +, -, @, tab or CR in a text column, which a spreadsheet runs as a formula;
- more than LIMIT characters: no passage or note is that long, and a 50 MB cell is an attack on memory.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping

LIMIT = 20_000  # characters in a cell; the longest in the first package is 723
FORMULA = frozenset(
    "=+-@\t\r"
)  # what a spreadsheet runs as a formula: refused here, neutralised in downloads
_MARKUP = re.compile(r"<[A-Za-z!/?]|!\[|(?i:javascript|vbscript):|\]\(\s*(?i:data):")
_FORMULA_START = re.compile(r"(?:^|\x1e)[=+\-@\t\r]")
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}  # control, format, line and paragraph separators
_ALLOWED = frozenset("\n\r")  # a cell may span lines (a leading CR is the formula rule's)


def flaws(row: Mapping[str, str], text_fields: frozenset[str]) -> Iterator[tuple[str, str]]:
    """(field, why) for each cell of row that holds what no cell may, one reason per cell.

    A row of plain text costs a join and three scans in C; only a row that fails one is read a
    cell at a time."""
    values = row.values()
    if (
        max(map(len, values), default=0) <= LIMIT
        and " ".join(values).isprintable()
        and not _MARKUP.search(" ".join(values))
        and not _FORMULA_START.search("\x1e".join(values))
    ):
        return
    for field, value in row.items():
        if (why := flaw(value, field in text_fields)) is not None:
            yield field, why


def flaw(value: str, text: bool = True) -> str | None:
    """Why value may not stand in a cell (a text cell when text), or None when it may."""
    if len(value) > LIMIT:
        return f"holds {len(value):,} characters, more than the {LIMIT:,} a cell may hold"
    if text and value[:1] in FORMULA:
        return f"begins with {value[0]!r}, which a spreadsheet would run as a formula"
    if not value.isprintable():
        for char in value:
            if char not in _ALLOWED and unicodedata.category(char) in _INVISIBLE:
                name = unicodedata.name(char, "a control character")
                return f"holds U+{ord(char):04X} ({name}), an invisible character no text needs"
    if found := _MARKUP.search(value):
        shown = value[found.start() : found.start() + 12]
        return f"holds markup ({shown!r}): texts are plain, never HTML or Markdown"
    return None
