"""What the page needs of a loaded package that no filter changes, computed once per package.

Statuses, search text, names and labels in each language, group members, and every event's
card with its passages in context: a rerun only selects among these and formats them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from coopmap.claims import Claim, claim
from coopmap.dataset.countries import country_name, is_iso3
from coopmap.dataset.package import DataPackage
from coopmap.dataset.status import source_years, with_status
from coopmap.filters import search_text, year_span
from coopmap.i18n import LANGUAGES, t


@dataclass(frozen=True)
class Prepared:
    package: DataPackage
    events: pd.DataFrame  # with status and search_text columns
    names: dict[str, dict[str, str]]  # lang -> code -> name, for every country and area the map draws
    labels: dict[str, dict[str, str]]  # lang -> category id -> label
    group_names: dict[str, dict[str, str]]  # lang -> group id -> name (a counted group marked partial)
    members: dict[str, list[str]]  # group id -> member codes
    placed_years: pd.Series  # event id -> a year an independent source gives
    span: tuple[int, int]  # the first and last stated year
    actors: dict[str, str]  # actor as the source names it -> in English
    most_own: int  # the most events any one country has of its own: the top of the count scale
    cards: dict[str, dict[str, Claim]]  # lang -> event id -> its card

    @property
    def group_members(self) -> pd.DataFrame:
        return self.package["group_members"]


def _group_names(groups: pd.DataFrame, lang: str) -> dict[str, str]:
    names = dict(zip(groups["group_id"], groups[f"name_{lang}"], strict=True))
    for group in groups.loc[groups["kind"] == "aggregate", "group_id"]:
        names[group] = t(lang, "map.partial_group", name=names[group])
    return names


def prepare(package: DataPackage, shape_names: Mapping[str, str]) -> Prepared:
    """shape_names: every code the map draws, with the geometry's name for those that are not ISO 3166."""
    names = {
        lang: {c: country_name(c, lang) if is_iso3(c) else shape_names[c] for c in shape_names}
        for lang in LANGUAGES
    }
    events = with_status(package["events"], package["corroborations"])
    events = events.assign(search_text=search_text(package, names))
    own = events.loc[events["scope"] == "country", "country_iso3"].value_counts()
    categories = package["categories"]
    return Prepared(
        package=package,
        events=events,
        names=names,
        labels={
            lang: dict(zip(categories["category_id"], categories[f"label_{lang}"], strict=True))
            for lang in LANGUAGES
        },
        group_names={lang: _group_names(package["groups"], lang) for lang in LANGUAGES},
        members=package.members,
        placed_years=source_years(package["corroborations"]),
        span=year_span(events),
        actors=events.drop_duplicates("actor").set_index("actor")["actor_en"].to_dict(),
        most_own=int(own.max()) if len(own) else 0,
        cards={
            lang: {row["event_id"]: claim(package, row, names[lang], lang) for _, row in events.iterrows()}
            for lang in LANGUAGES
        },
    )
