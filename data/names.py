"""Country names, English or Chinese, to ISO 3166-1 alpha-3, without a network.

pycountry gives the ISO names and their zh_CN translations; country_aliases.csv adds
the spellings sources use that pycountry lacks. An unknown name is an error, never a guess.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

import pycountry

from data.package import DATA_DIR, read_rows

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


def name_en(iso3: str) -> str:
    country = pycountry.countries.get(alpha_3=iso3)
    return getattr(country, "common_name", None) or country.name


def name_zh(iso3: str) -> str:
    return _zh().gettext(name_en(iso3))
