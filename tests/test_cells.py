"""What no cell may hold (coopmap/dataset/cells.py): one reason per cell, in words a curator can act on."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from coopmap.dataset.cells import LIMIT, flaw, flaws


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


def test_every_format_character_unicode_knows_is_refused():
    found = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert len(found) > 150
    assert all(flaw(f"a{char}b") is not None for char in found)
