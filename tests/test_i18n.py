"""The interface text: one catalogue per language, the same keys in both, no UI text in the code."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from data.i18n import LANGUAGES, catalogue, listing, n_, t

ROOT = Path(__file__).resolve().parent.parent
# Code that puts text in front of users; the validator's messages are for maintainers, in English.
UI_CODE = ["dashboard.py", "data/filters.py", "data/drilldown.py", "data/render.py", "data/timeline.py",
           "data/permalink.py", "data/corroboration.py", "data/export.py", "geo/deck.py",
           "geo/palette.py"]  # fmt: skip


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
    assert t("zh", "panel.event", id="E001") == "事件 E001"


def test_a_list_is_joined_as_each_language_writes_it():
    assert listing("en", ["Iran", "Ecuador"]) == "Iran, Ecuador"
    assert listing("zh", iter(["伊朗", "厄瓜多尔"])) == "伊朗、厄瓜多尔"
    assert listing("en", []) == ""


def _ui_literals(path: Path) -> list[str]:
    """English phrases written straight into code: strings of three or more words outside docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef) and node.body
        and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }  # fmt: skip
    # Script for the browser, held in constants named *_JS, is code, not text a reader sees.
    scripts = {
        id(node.value) for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "").endswith("_JS") for t in node.targets)
    }  # fmt: skip
    found = []
    for node in ast.walk(tree):
        skipped = docstrings | scripts
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            prose = re.sub(r"<[^>]*>|\{[^}]*\}|[\w-]+=\"[^\"]*\"|[\w-]+:[^;\"]*;?|\S*/\S*", " ", node.value)
            words = re.findall(r"\b[A-Za-z]{2,}\b", prose)
            if len(words) >= 3:
                found.append(node.value)
    return found


@pytest.mark.parametrize("path", UI_CODE)
def test_code_holds_no_ui_text_of_its_own(path):
    assert _ui_literals(ROOT / path) == []
