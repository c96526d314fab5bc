"""The events table as the page shows it: one row per selected event, headed in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from coopmap.claims import partner_name, source_short
from coopmap.dataset.package import DataPackage
from coopmap.filters import SCOPES
from coopmap.i18n import t
from coopmap.ui.words import status_badge

COLUMNS = [  # what shown_table reads
    "event_id", "scope", "country_iso3", "group_id", "year", "category", "status", "summary_en", "summary_zh",
    "source_id",
]  # fmt: skip
ROW_PX = 35  # the grid's row height; the table is as tall as its rows, up to MAX_PX
MAX_PX = 420


def shown_table(
    selected: pd.DataFrame,
    package: DataPackage,
    names: Mapping[str, str],
    labels: Mapping[str, str],
    lang: str = "en",
) -> pd.DataFrame:
    """Id, partner, year (or 'not stated'), category, verdict, summary, source (publisher, date), scope.

    selected needs the COLUMNS only."""
    scopes = {s: t(lang, f"scope.{s}") for s in SCOPES}
    not_stated = t(lang, "table.not_stated")
    # A page of rows, built as lists: pandas' per-column calls cost more than these few rows do.
    column = {c: selected[c].tolist() for c in ("scope", "country_iso3", "group_id", "category", "status")}
    partners = zip(column["scope"], column["country_iso3"], column["group_id"], strict=True)
    return pd.DataFrame(
        {
            t(lang, "table.event"): selected["event_id"].tolist(),
            t(lang, "table.partner"): [partner_name(package, s, c, g, names, lang) for s, c, g in partners],
            t(lang, "table.year"): [not_stated if pd.isna(y) else str(y) for y in selected["year"].tolist()],
            t(lang, "table.category"): [labels[c] for c in column["category"]],
            t(lang, "table.status"): [status_badge(s, lang) for s in column["status"]],
            t(lang, "table.summary"): selected[f"summary_{lang}"].tolist(),
            t(lang, "table.source"): [source_short(package, s, lang) for s in selected["source_id"].tolist()],
            t(lang, "table.scope"): [scopes[s] for s in column["scope"]],
        },
        dtype="string",
    )


def height(rows: int) -> int:
    """Pixels for a table of this many rows and its header, without a sliver of an empty row."""
    return min(ROW_PX * (rows + 1) + 3, MAX_PX)
