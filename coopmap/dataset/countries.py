"""Country names, English or Chinese, to ISO 3166-1 alpha-3, without a network.
pycountry gives the ISO names and their zh_CN translations; country_aliases.csv adds the names sources and
readers use that pycountry lacks, or has only as official ones. An unknown name is an error, never a guess."""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

import pycountry
from pypinyin import lazy_pinyin

from coopmap.dataset.package import read_rows
from coopmap.paths import DATA_DIR

ALIASES = DATA_DIR / "country_aliases.csv"


class UnknownCountryName(LookupError):
    pass


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


@cache
def _zh() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])


def _english_names(country) -> list[str]:
    return [
        n
        for n in (
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        )
        if n
    ]


@cache
def _index(aliases: Path) -> dict[str, str]:
    index: dict[str, str] = {}
    for country in pycountry.countries:
        for name in _english_names(country):
            index.setdefault(_key(name), country.alpha_3)
            index.setdefault(_key(_zh().gettext(name)), country.alpha_3)
    for row in read_rows(aliases):
        index[_key(row["name"])] = row["iso3"]
    return index


def resolve(name: str, aliases: Path = ALIASES) -> str:
    """The ISO3 code of a country name; UnknownCountryName if neither pycountry nor the aliases know it."""
    try:
        return _index(aliases)[_key(name)]
    except KeyError:
        raise UnknownCountryName(
            f"unknown country name {name!r}: add it to {aliases.name} if it is a real spelling"
        ) from None


def is_iso3(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None


@cache
def _preferred(aliases: Path) -> dict[tuple[str, str], str]:
    return {(r["iso3"], r["language"]): r["name"] for r in read_rows(aliases) if r["preferred"] == "true"}


def _pycountry_name(iso3: str) -> str:
    country = pycountry.countries.get(alpha_3=iso3)
    return getattr(country, "common_name", None) or country.name


def name_en(iso3: str, aliases: Path = ALIASES) -> str:
    """The name English readers expect: an alias marked preferred, else pycountry's common name."""
    return _preferred(aliases).get((iso3, "en")) or _pycountry_name(iso3)


def name_zh(iso3: str, aliases: Path = ALIASES) -> str:
    """The Chinese name: an alias marked preferred, else pycountry's zh_CN translation of its own name."""
    return _preferred(aliases).get((iso3, "zh")) or _zh().gettext(_pycountry_name(iso3))


@cache
def _others(aliases: Path) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for row in sorted(read_rows(aliases), key=lambda r: r["language"] != "en"):
        if row["preferred"] != "true":
            found.setdefault(row["iso3"], []).append(row["name"])
    return {iso3: tuple(names) for iso3, names in found.items()}


def other_names(iso3: str, aliases: Path = ALIASES) -> tuple[str, ...]:
    """Names readers look it up by that are not shown as its name (Ivory Coast, 象牙海岸), English first."""
    return _others(aliases).get(iso3, ())


def country_name(iso3: str, lang: str, aliases: Path = ALIASES) -> str:
    return name_zh(iso3, aliases) if lang == "zh" else name_en(iso3, aliases)


def sort_key(name: str, lang: str) -> str:
    """Names in the order readers of lang expect: Chinese by pinyin, others case-folded."""
    return " ".join(lazy_pinyin(name)).casefold() if lang == "zh" else name.casefold()
