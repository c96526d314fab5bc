"""What no cell of a package may hold, whatever its column. A package is untrusted input, and these serve no
claim while they mislead a reader, make another program act or abort one: invisible or non-XML characters,
markup a viewer of the downloaded table may render, what a spreadsheet runs as a formula, huge cells."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect
from collections.abc import Iterable, Iterator, Mapping

# No passage or note is that long, and a cell far longer is an attack on memory.
LIMIT = 20_000  # characters in a cell; the longest in the first package is 723

# Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt; the same from Unicode 14.0,
# Python 3.11's, to 17.0): what a renderer draws as nothing, the code points reserved for it included.
IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
# Drawn as blank space though not default-ignorable: BRAILLE PATTERN BLANK and MUSICAL SYMBOL NULL
# NOTEHEAD, the usual ways besides the Hangul fillers to make a name that looks empty.
BLANK = ((0x2800, 0x2800), (0x1D159, 0x1D159))
# Unicode's noncharacters (The Unicode Standard, section 23.7): U+FDD0..U+FDEF and the last two code
# points of each of the 17 planes.
NONCHARACTERS = ((0xFDD0, 0xFDEF), *((p + 0xFFFE, p + 0xFFFF) for p in range(0, 0x110000, 0x10000)))
# What XML 1.0's Char production (section 2.2) leaves out: C0 controls but tab, LF and CR; the
# surrogates; U+FFFE and U+FFFF. An SVG cannot hold them and the figures' converter aborts on them.
NOT_XML = ((0x0000, 0x0008), (0x000B, 0x000C), (0x000E, 0x001F), (0xD800, 0xDFFF), (0xFFFE, 0xFFFF))
_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}  # control, format, line and paragraph separators, surrogates
_ALLOWED = frozenset("\n\r")  # a cell may span lines (a leading CR is the formula rule's)

# What a spreadsheet runs as a formula: a text cell whose first character is a tab or CR, or whose
# first after any whitespace is a sign, in ASCII or full-width form. Refused here, neutralised in downloads.
_SIGNS = "=+-@＝＋－＠"
_FORMULA = re.compile(rf"[\t\r]|(\s*)([{re.escape(_SIGNS)}])")
_FORMULA_LEADS = frozenset(_SIGNS + "\t\r")


def _merged(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges of code points, sorted, with those that touch or overlap made one."""
    out: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if out and low <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(high, out[-1][1]))
        else:
            out.append((low, high))
    return out


def _class(ranges: Iterable[tuple[int, int]]) -> str:
    """The inside of a regex character class that holds these ranges of code points."""

    def escaped(code: int) -> str:
        return f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}"

    return "".join(escaped(low) + (f"-{escaped(high)}" if high > low else "") for low, high in ranges)


_RANGES = _merged([*IGNORABLE, *BLANK, *NONCHARACTERS, *NOT_XML])
_STARTS = [low for low, _ in _RANGES]
# The characters scanned for: every refused one of the Basic Multilingual Plane (its categories read
# once from unicodedata), and every character beyond it, rare in text, to be judged one by one.
_CANDIDATES = _class(
    _merged(
        [
            *(
                (code, code)
                for code in range(0x10000)
                if unicodedata.category(chr(code)) in _CATEGORIES and chr(code) not in _ALLOWED
            ),
            *((low, min(high, 0xFFFF)) for low, high in _RANGES if low <= 0xFFFF),
            (0x10000, 0x10FFFF),
        ]
    )
)
_CANDIDATE = re.compile(f"[{_CANDIDATES}]")
# Characters the figures' converter cannot take: outside XML 1.0's Char, and the noncharacters.
UNCONVERTIBLE = re.compile(f"[{_class(_merged([*NOT_XML, *NONCHARACTERS]))}]")


def _led(*parts: tuple[str, str]) -> re.Pattern:
    """One pattern of several, each given as (the character class it begins with, the rest).

    Written so that every match begins with a character of one class, the regex engine skips all
    other text without leaving C: one scan of a clean row, where an alternation of the parts would
    try each one at every character."""
    leads = "".join(lead for lead, _ in parts)
    either = "|".join(f"(?<=[{lead}])(?:{rest})" for lead, rest in parts)
    return re.compile(f"[{leads}](?:{either})")


_MARKUP_PARTS = (
    ("<", "[A-Za-z!/?]"),
    ("!", r"\["),
    ("jJ", "(?i:avascript):"),
    ("vV", "(?i:bscript):"),
    (r"\]", r"\(\s*(?i:data):"),
)
_MARKUP = _led(*_MARKUP_PARTS)
_CELL = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: joins a row's cells for the scan; what follows begins a cell
_SCREEN = _led((_CANDIDATES, ""), *_MARKUP_PARTS, (_CELL, _FORMULA.pattern))


def flaws(row: Mapping[str, str], text_fields: frozenset[str]) -> Iterator[tuple[str, str]]:
    """(field, why) for each cell of row that holds what no cell may, one reason per cell.

    A row of plain text costs a join and one scan in C; only a row that fails it is read a cell
    at a time."""
    values = row.values()
    if max(map(len, values), default=0) <= LIMIT and not _SCREEN.search(_CELL + _CELL.join(values)):
        return
    for field, value in row.items():
        if (why := flaw(value, field in text_fields)) is not None:
            yield field, why


def flaw(value: str, text: bool = True) -> str | None:
    """Why value may not stand in a cell (a text cell when text), or None when it may."""
    if len(value) > LIMIT:
        return f"holds {len(value):,} characters, more than the {LIMIT:,} a cell may hold"
    if text and (why := formula(value)) is not None:
        return why
    if (why := unseen(value)) is not None:
        return why
    if found := _MARKUP.search(value):
        shown = value[found.start() : found.start() + 12]
        return f"holds markup ({shown!r}): texts are plain, never HTML or Markdown"
    return None


def formula(value: str) -> str | None:
    """Why a spreadsheet would run value, a text cell, as a formula, or None when it would not."""
    if value[:1] not in _FORMULA_LEADS and not value[:1].isspace():
        return None
    found = _FORMULA.match(value)
    if found is None:
        return None
    if found[1]:
        return f"begins with {found[2]!r} after whitespace, which a spreadsheet would run as a formula"
    return f"begins with {found[0][-1]!r}, which a spreadsheet would run as a formula"


def unseen(value: str) -> str | None:
    """Why value may not be shown, naming its first character no reader would see, or None.

    The same rule for cells, descriptor texts and stored source texts: lines may break (LF, CR),
    nothing else may hide."""
    for found in _CANDIDATE.finditer(value):
        char = found[0]
        if char <= "\uffff" or _refused(char):
            return f"holds U+{ord(char):04X} ({_name(char)}), an invisible character no text needs"
    return None


def _refused(char: str) -> bool:
    """Whether no text may hold char: the rule one character at a time, for those beyond the BMP."""
    code, at = ord(char), bisect(_STARTS, ord(char)) - 1
    return unicodedata.category(char) in _CATEGORIES or (at >= 0 and code <= _RANGES[at][1])


def _name(char: str) -> str:
    """char's Unicode name, or what it is when it has none."""
    if name := unicodedata.name(char, ""):
        return name
    code = ord(char)
    if unicodedata.category(char) == "Cc":
        return "a control character"
    if 0xD800 <= code <= 0xDFFF:
        return "a surrogate"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "a noncharacter"
    return "an unassigned character"
