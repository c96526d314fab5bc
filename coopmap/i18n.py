"""The interface in English or Chinese: one catalogue of strings per language, in coopmap/strings/.
Code asks for a key and fills in values; it never holds UI text of its own, so a test can prove every
string exists in both languages."""

from __future__ import annotations

import tomllib
from functools import cache

from coopmap.paths import STRINGS_DIR as STRINGS

LANGUAGES = {"en": "English", "zh": "中文"}


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every string of one language, by dotted key ('panel.prompt')."""
    with (STRINGS / f"{lang}.toml").open("rb") as handle:
        return _flatten(tomllib.load(handle))


def t(lang: str, key: str, /, **values) -> str:
    """The string for key in lang, with its {placeholders} filled in."""
    return catalogue(lang)[key].format(**values)


def labelled(lang: str, key: str) -> dict[str, str]:
    """A widget's label under key, and its help and placeholder where key_help and key_placeholder exist."""
    said = catalogue(lang)
    words = {"label": said[key]}
    for part in ("help", "placeholder"):
        if f"{key}_{part}" in said:
            words[part] = said[f"{key}_{part}"]
    return words


def n_(lang: str, key: str, n: int, /, **values) -> str:
    """The singular or plural form of key (key_one / key_many) for n."""
    return t(lang, f"{key}_{'one' if n == 1 else 'many'}", n=n, **values)


def listing(lang: str, items) -> str:
    """Items joined as a list is written in lang ('Iran, Ecuador' / '伊朗、厄瓜多尔')."""
    return t(lang, "summary.list_separator").join(items)
