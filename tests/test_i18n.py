"""The interface text: one catalogue per language, the same keys in both, no UI text in the code."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from coopmap.i18n import LANGUAGES, catalogue, listing, n_, t

ROOT = Path(__file__).resolve().parent.parent
# Code that puts text in front of users: the page and every module above the dataset layer, found by
# glob so a new module cannot slip past. The validator's messages are for maintainers, in English.
UI_CODE = sorted(
    ["dashboard_page.py", "dashboard_parts.py"]
    + [str(p.relative_to(ROOT)) for p in (ROOT / "coopmap").rglob("*.py") if "dataset" not in p.parts]
)


def test_both_languages_have_the_same_keys():
    assert set(catalogue("en")) == set(catalogue("zh"))


@pytest.mark.parametrize("key", sorted(catalogue("en")))
def test_placeholders_match_across_languages(key):
    fields = {
        lang: {f for _, f, _, _ in string.Formatter().parse(catalogue(lang)[key]) if f} for lang in LANGUAGES
    }
    assert fields["en"] == fields["zh"], key


def test_no_english_text_is_left_untranslated():
    # A Chinese entry identical to the English one, with English words outside its {placeholders}.
    def words(text: str) -> bool:
        return bool(re.search(r"[A-Za-z]{2,}", re.sub(r"\{[^}]*\}", "", text)))

    en, zh = catalogue("en"), catalogue("zh")
    assert [k for k in en if en[k] == zh[k] and words(en[k]) and k != "app.language"] == []


def test_plurals_and_values():
    assert (n_("en", "summary.event", 1), n_("en", "summary.event", 2)) == ("1 event", "2 events")
    assert n_("zh", "summary.event", 2) == "2 起事件"
    assert t("zh", "page.range", first=1, last=50, total=120) == "第 1–50 条，共 120 条"


def test_a_list_is_joined_as_each_language_writes_it():
    assert listing("en", ["Iran", "Ecuador"]) == "Iran, Ecuador"
    assert listing("zh", iter(["伊朗", "厄瓜多尔"])) == "伊朗、厄瓜多尔"
    assert listing("en", []) == ""


def _ui_literals(source: str) -> list[str]:
    """English prose written into code: two or more words in a string or f-string, docstrings aside."""
    tree = ast.parse(source)
    skipped = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    # Script for the browser (constants named *_JS) and font names (*FONT) are not text a reader sees.
    skipped |= {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(getattr(t, "id", "").endswith(("_JS", "FONT")) for t in node.targets)
    }
    in_fstrings = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = " ".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstrings:
            text = node.value
        else:
            continue
        if id(node) in skipped:
            continue
        # Markup, attributes, CSS declarations and paths are not prose.
        prose = re.sub(
            r"\{[^}]*\}|[\w-]+=\"[^\"]*\"|[\w-]+:[^;\"]*;|\S*/\S*", " ", re.sub("<[^>]*>", " ", text)
        )
        if len([w for w in prose.split() if re.fullmatch(r"[A-Za-z]{2,}[.,:;!?]?", w)]) >= 2:
            found.append(text)
    return found + _one_word_labels(tree)


# Where Streamlit shows a string to the reader: a call's first argument, and these keywords.
SHOWN = {"label", "help", "placeholder", "body", "text", "caption"}


def _one_word_labels(tree: ast.AST) -> list[str]:
    """One English word given to st.* or st.sidebar.* as text it shows ('Reset', 'Oops.')."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value
        if isinstance(owner, ast.Attribute) and owner.attr == "sidebar":
            owner = owner.value
        if not (isinstance(owner, ast.Name) and owner.id == "st"):
            continue
        shown = node.args[:1] + [k.value for k in node.keywords if k.arg in SHOWN]
        found += [
            a.value
            for a in shown
            if isinstance(a, ast.Constant)
            and isinstance(a.value, str)
            and re.fullmatch(r"[A-Za-z]{2,}[.!?]?", a.value.strip())
        ]
    return found


@pytest.mark.parametrize(
    "source",
    [
        'label = "Download CSV"',
        'st.button("Reset")',
        'st.error("Oops")',
        'st.sidebar.text_input(t(lang, "search"), placeholder="Search")',
        'note = "Source: the article says what it says"',
        'line = f"{n} events in {c} countries"',
        'cell = f"<td>{n} events shown</td>"',
    ],
)
def test_the_ui_text_check_catches_short_phrases_labels_and_f_strings(source):
    assert _ui_literals(source)


def test_the_ui_text_check_lets_code_through():
    code = '''"""A docstring with many words in it."""
WIDTH_JS = "export default function (component) { return 1; }"
FONT = "Noto Sans, Noto Sans CJK SC, sans-serif"
x = ("text/csv", "single-object", "font-size:0.85rem;", "E{n:03d}", "summary_en", f"{a} · {b}")
st.session_state.get("tab")
st.button(t(lang, "reset"), key="reset")
'''
    assert _ui_literals(code) == []


def test_ui_code_is_found_by_glob():
    assert {"dashboard_page.py", "coopmap/ui/deck.py", "coopmap/filters.py"} <= set(UI_CODE)
    assert not [p for p in UI_CODE if "dataset" in p]


@pytest.mark.parametrize("path", UI_CODE)
def test_code_holds_no_ui_text_of_its_own(path):
    assert _ui_literals((ROOT / path).read_text(encoding="utf-8")) == []
