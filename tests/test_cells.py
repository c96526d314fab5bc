"""What no cell may hold (coopmap/dataset/cells.py): one reason per cell, in words a curator can act on."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopmap.dataset.cells import LIMIT, flaw, flaws, unseen
from coopmap.dataset.package import descriptor, records
from coopmap.paths import DATA_DIR


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("伊朗\u202e", "holds U+202E (RIGHT-TO-LEFT OVERRIDE), an invisible character no text needs"),
        ("E\x00", "holds U+0000 (a control character), an invisible character no text needs"),
        ("a\tb", "holds U+0009 (a control character), an invisible character no text needs"),
        ("a\u2028b", "holds U+2028 (LINE SEPARATOR), an invisible character no text needs"),
        ("see <a href=x>", "holds markup ('<a href=x>'): texts are plain, never HTML or Markdown"),
        ("![map](x.png)", "holds markup ('![map](x.png'): texts are plain, never HTML or Markdown"),
        ("[x](JavaScript:go)", "holds markup ('JavaScript:g'): texts are plain, never HTML or Markdown"),
        ("[x]( data:text/html,1)", "holds markup (']( data:text'): texts are plain, never HTML or Markdown"),
        ("@SUM(A1)", "begins with '@', which a spreadsheet would run as a formula"),
        ("\tx", "begins with '\\t', which a spreadsheet would run as a formula"),
        ("x" * (LIMIT + 1), "holds 20,001 characters, more than the 20,000 a cell may hold"),
    ],
)
def test_a_flawed_value_is_named_with_its_reason(value, why):
    assert flaw(value) == why


@pytest.mark.parametrize(
    "value",
    [
        "伊朗　（全角空格）",
        "a < b and 5<6",
        "第一行\n第二行",
        "x" * LIMIT,
        "1.3 亿美元",
        "https://example.org/a#:~:text=x",
        "Côte d'Ivoire, São Tomé: 1 – 2 “events”",
        "𠀀 and 😀 are letters and symbols beyond the first plane",
        "a＝b, 1－2, x＠y, a = b",  # a sign past the first character is no formula
        "  plain after spaces",
        "a\ufffcb",  # the character a row's cells are joined with for the scan
    ],
)
def test_plain_text_passes(value):
    assert flaw(value) is None


def test_a_sign_is_only_a_formula_in_a_text_column():
    assert (
        flaw("-5", text=False) is None
        and flaw("-5") == "begins with '-', which a spreadsheet would run as a formula"
    )
    row = {"year": "-5", "note": "=1+1", "name": "ok"}
    assert list(flaws(row, frozenset({"note", "name"}))) == [
        ("note", "begins with '=', which a spreadsheet would run as a formula")
    ]


def _unseen(code: str, name: str) -> str:
    return f"holds U+{code} ({name}), an invisible character no text needs"


@pytest.mark.parametrize(
    ("char", "why"),
    [
        ("\uffff", _unseen("FFFF", "a noncharacter")),
        ("\ufffe", _unseen("FFFE", "a noncharacter")),
        ("\ufdd0", _unseen("FDD0", "a noncharacter")),
        ("\U0010ffff", _unseen("10FFFF", "a noncharacter")),
        ("\ud800", _unseen("D800", "a surrogate")),  # a JSON descriptor can hold a lone one: "\\ud800"
        ("\x0b", _unseen("000B", "a control character")),  # outside XML 1.0's Char
        ("\x1f", _unseen("001F", "a control character")),
        ("\x85", _unseen("0085", "a control character")),
        ("\u3164", _unseen("3164", "HANGUL FILLER")),
        ("\u115f", _unseen("115F", "HANGUL CHOSEONG FILLER")),
        ("\u1160", _unseen("1160", "HANGUL JUNGSEONG FILLER")),
        ("\uffa0", _unseen("FFA0", "HALFWIDTH HANGUL FILLER")),
        ("\u2800", _unseen("2800", "BRAILLE PATTERN BLANK")),
        ("\U0001d159", _unseen("1D159", "MUSICAL SYMBOL NULL NOTEHEAD")),
        ("\u034f", _unseen("034F", "COMBINING GRAPHEME JOINER")),
        ("\u17b4", _unseen("17B4", "KHMER VOWEL INHERENT AQ")),
        ("\u180b", _unseen("180B", "MONGOLIAN FREE VARIATION SELECTOR ONE")),
        ("\u180f", _unseen("180F", "MONGOLIAN FREE VARIATION SELECTOR FOUR")),
        ("\ufe0f", _unseen("FE0F", "VARIATION SELECTOR-16")),
        ("\U000e0100", _unseen("E0100", "VARIATION SELECTOR-17")),
        ("\U000e0041", _unseen("E0041", "TAG LATIN CAPITAL LETTER A")),
        ("\U000e0000", _unseen("E0000", "an unassigned character")),  # default-ignorable, reserved
        ("\u2065", _unseen("2065", "an unassigned character")),
        ("\u00ad", _unseen("00AD", "SOFT HYPHEN")),
    ],
)
def test_each_kind_of_unseen_character_is_refused_by_name(char, why):
    assert flaw(f"伊朗{char}Iran") == why
    assert unseen(f"第一段\n\n{char}") == why  # the rule a stored source text is held to
    assert list(flaws({"id": "E001", "name": f"a{char}"}, frozenset())) == [("name", why)]


def test_the_first_unseen_character_is_the_one_named():
    assert unseen("a\u3164b\uffff") == _unseen("3164", "HANGUL FILLER")
    assert unseen("😀 \U00020000 a\U000e0100") == _unseen("E0100", "VARIATION SELECTOR-17")


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("=1+1", "begins with '=', which a spreadsheet would run as a formula"),
        ("+1", "begins with '+', which a spreadsheet would run as a formula"),
        ("-1", "begins with '-', which a spreadsheet would run as a formula"),
        ("\rx", "begins with '\\r', which a spreadsheet would run as a formula"),
        ("＝1+1", "begins with '＝', which a spreadsheet would run as a formula"),
        ("＋1", "begins with '＋', which a spreadsheet would run as a formula"),
        ("－1", "begins with '－', which a spreadsheet would run as a formula"),
        ("＠SUM(A1)", "begins with '＠', which a spreadsheet would run as a formula"),
        ("  =1+1", "begins with '=' after whitespace, which a spreadsheet would run as a formula"),
        ("\n=1+1", "begins with '=' after whitespace, which a spreadsheet would run as a formula"),
        ("\r\n@x", "begins with '\\r', which a spreadsheet would run as a formula"),
        ("\u3000-1", "begins with '-' after whitespace, which a spreadsheet would run as a formula"),
        ("\xa0+1", "begins with '+' after whitespace, which a spreadsheet would run as a formula"),
        ("\u2003\n ＝1", "begins with '＝' after whitespace, which a spreadsheet would run as a formula"),
    ],
)
def test_each_form_of_a_formula_is_refused_with_its_sign(value, why):
    assert flaw(value) == why
    assert list(flaws({"note": value, "year": value}, frozenset({"note"}))) == [("note", why)]


def test_every_format_character_unicode_knows_is_refused():
    found = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert len(found) > 150
    assert all(flaw(f"a{char}b") is not None for char in found)


def test_only_the_characters_named_are_refused_every_other_printable_passes():
    """No overreach: of every character Python deems printable, only the printable invisibles fail."""
    invisible = {
        0x034F,
        0x115F,
        0x1160,
        0x17B4,
        0x17B5,
        0x180B,
        0x180C,
        0x180D,
        0x180F,
        0x2800,
        0x3164,
        0xFFA0,
        0x1D159,
        *range(0xFE00, 0xFE10),
        *range(0xE0100, 0xE01F0),
    }
    printable = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isprintable()]
    assert [c for c in printable if unseen(c) is not None] == sorted(map(chr, invisible))
    assert unseen("".join(c for c in printable if ord(c) not in invisible)) is None


def test_every_character_outside_xml_and_every_noncharacter_is_refused():
    outside_xml = [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]
    noncharacters = [
        *range(0xFDD0, 0xFDF0),
        *(p + 0xFFFE for p in range(0, 0x110000, 0x10000)),
        *(p + 0xFFFF for p in range(0, 0x110000, 0x10000)),
    ]
    assert len(noncharacters) == 66
    assert all(unseen(f"a{chr(code)}") is not None for code in outside_xml + noncharacters)


HOSTILE = [
    "\u3164",
    "\u2800",
    "\uffff",
    "\x00",
    "\u202e",
    "\U000e0100",
    "\U0001fffe",
    "\n",
    "\r",
    "\t",
    " ",
    "\u3000",
    "=",
    "-",
    "＝",
    "<",
    "b",
    "!",
    "[",
    "]",
    "(",
    ":",
    "JavaScript",
    "vbscript",
    "data",
    "\ufffc",
    "😀",
]


@given(st.lists(st.lists(st.sampled_from(HOSTILE), max_size=6).map("".join), min_size=1, max_size=5))
def test_a_row_is_refused_cell_by_cell_exactly_as_each_cell_is(cells):
    """The one scan that passes a clean row never passes a cell that flaw() would refuse."""
    row = {f"f{at}": cell for at, cell in enumerate(cells)}
    texts = frozenset(list(row)[::2])
    expected = [(f, why) for f, cell in row.items() if (why := flaw(cell, f in texts)) is not None]
    assert list(flaws(row, texts)) == expected


def _texts_of(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _texts_of(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _texts_of(inner)


def test_the_real_package_holds_nothing_refused():
    """Every cell of every table, every text of the descriptor and every stored source text passes."""
    desc, found, cells = descriptor(DATA_DIR), [], 0
    found += [text for text in _texts_of(desc) if unseen(text) is not None]
    for resource in desc["resources"]:
        path = DATA_DIR / resource["path"]
        if path.suffix != ".csv":
            found += [path.name] if unseen(path.read_text(encoding="utf-8")) is not None else []
            continue
        texts = frozenset(f["name"] for f in resource["schema"]["fields"] if f["type"] == "string")
        for row_no, row in records(path):
            cells += len(row)
            found += [(path.name, row_no, field, why) for field, why in flaws(row, texts)]
    assert found == [] and cells > 1900
