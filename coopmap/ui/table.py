"""The events table as the page shows it: one row per selected event, headed in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from coopmap.claims import partner_name
from coopmap.dataset.package import DataPackage
from coopmap.i18n import n_, t
from coopmap.paging import Page
from coopmap.ui.markup import literal
from coopmap.ui.words import FACT_SEPARATOR, page_range, status_word

COLUMNS = [
    "event_id",
    "scope",
    "country_iso3",
    "group_id",
    "year",
    "category",
    "status",
    "summary_en",
    "summary_zh",
]
# Pixels per column: a long name or summary wraps inside its column instead of widening it.
WIDTHS = {"status": 110, "partner": 150, "year": 60, "category": 140, "summary": 420}
EVENT_ANCHOR = "event"  # the opened event's heading, which the line above the table links to
HEADER_PX = 35
ROW_PX = 72  # three lines of text: the grid wraps a cell's text only in rows taller than 64 px
MAX_PX = HEADER_PX + 6 * ROW_PX + 3  # six rows: the event a row opens starts just below, on a laptop's screen


def shown_table(
    selected: pd.DataFrame,
    package: DataPackage,
    names: Mapping[str, str],
    labels: Mapping[str, str],
    lang: str = "en",
) -> pd.DataFrame:
    """Id (hidden by column_config), verdict, partner, year (or 'not stated'), category, summary.

    The verdict comes first, as on a card; the source is the frame footer's, named once there.
    selected needs the COLUMNS only."""
    not_stated = t(lang, "table.not_stated")
    # A page of rows, built as lists: pandas' per-column calls cost more than these few rows do.
    column = {c: selected[c].tolist() for c in ("scope", "country_iso3", "group_id", "category", "status")}
    partners = zip(column["scope"], column["country_iso3"], column["group_id"], strict=True)
    return pd.DataFrame(
        {
            t(lang, "table.event"): selected["event_id"].tolist(),
            t(lang, "table.status"): [status_word(s, lang) for s in column["status"]],
            t(lang, "table.partner"): [partner_name(package, s, c, g, names, lang) for s, c, g in partners],
            t(lang, "table.year"): [not_stated if pd.isna(y) else str(y) for y in selected["year"].tolist()],
            t(lang, "table.category"): [labels[c] for c in column["category"]],
            t(lang, "table.summary"): selected[f"summary_{lang}"].tolist(),
        },
        dtype="string",
    )


def column_config(lang: str) -> dict[str, dict]:
    """Fixed widths, so long texts wrap; the id stays in the data (the selection, the column menu) unshown."""
    config: dict[str, dict] = {t(lang, "table.event"): {"hidden": True}}
    config.update({t(lang, f"table.{name}"): {"width": px} for name, px in WIDTHS.items()})
    config[t(lang, "table.status")]["help"] = t(lang, "filters.verdicts")  # the short header's long form
    return config


def count(rows: Page, lang: str) -> str:
    """What the table holds, above it: '15 events', or which rows of how many when it pages."""
    if rows.pages == 1:
        return n_(lang, "table.count", rows.total)
    return t(lang, "table.rows", range=page_range(rows, lang))


def above(rows: Page, opened: str, lang: str) -> str:
    """The line above the table, as Markdown: its count (unless a pager gives it) and, once a row has
    opened an event, a link down to it, since it opens below the table and may be out of view."""
    parts = [literal(count(rows, lang))] if rows.pages == 1 else []
    if opened:
        parts.append(f"[{literal(t(lang, 'table.opened', event=opened))}](#{EVENT_ANCHOR})")
    return FACT_SEPARATOR.join(parts)


def height(rows: int) -> int:
    """Pixels for a table of this many rows and its header, without a sliver of an empty row."""
    return min(HEADER_PX + ROW_PX * rows + 3, MAX_PX)


def grid(rows: int, lang: str) -> dict:
    """How the page's grid shows a page of rows: one row picked at a time, fixed widths, no index."""
    return {
        "hide_index": True,
        "selection_mode": "single-row",
        "width": "stretch",
        "height": height(rows),
        "column_config": column_config(lang),
        "row_height": ROW_PX,
    }
