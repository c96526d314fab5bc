"""The events table as the page shows it: one row per selected event, headed in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from coopmap.claims import partner_name
from coopmap.dataset.package import DataPackage
from coopmap.filters import SCOPES
from coopmap.i18n import t
from coopmap.ui.words import status_badge

ROW_PX = 35  # the grid's row height; the table is as tall as its rows, up to MAX_PX
MAX_PX = 420


def shown_table(
    selected: pd.DataFrame,
    package: DataPackage,
    names: Mapping[str, str],
    labels: Mapping[str, str],
    lang: str = "en",
) -> pd.DataFrame:
    """Id, partner, year (or 'not stated'), category, verdict, summary (English, or the passage), scope."""
    scopes = {s: t(lang, f"scope.{s}") for s in SCOPES}
    partners = zip(selected["scope"], selected["country_iso3"], selected["group_id"], strict=True)
    return pd.DataFrame(
        {
            t(lang, "table.event"): selected["event_id"],
            t(lang, "table.partner"): [partner_name(package, s, c, g, names, lang) for s, c, g in partners],
            t(lang, "table.year"): selected["year"].astype("string").fillna(t(lang, "table.not_stated")),
            t(lang, "table.category"): selected["category"].map(labels),
            t(lang, "table.status"): selected["status"].map(lambda s: status_badge(s, lang)),
            t(lang, "table.summary"): selected["summary_en" if lang == "en" else "passage"],
            t(lang, "table.scope"): selected["scope"].map(scopes),
        }
    )


def height(rows: int) -> int:
    """Pixels for a table of this many rows and its header, without a sliver of an empty row."""
    return min(ROW_PX * (rows + 1) + 3, MAX_PX)
