"""Events per year, with events of no stated year kept as their own bar, and what a click on a bar asks for.

The timeline counts the events every filter but the years selects, so every year stays
clickable. On request, an event without a stated year is placed at the year an independent
source gives for it instead, labelled as such, never as the article's.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from coopmap.i18n import t


def year_counts(
    selected: pd.DataFrame,
    span: tuple[int, int],
    chosen: tuple[int, int] | None = None,
    placed: pd.Series | None = None,
    lang: str = "en",
    undated: bool = True,
) -> pd.DataFrame:
    """One row per (year, basis) with its count and whether it is inside the chosen years, in year order.

    placed maps event_id to a year from an independent source; when given, undated events
    with such a year are counted there, with basis 'placed' (labels are in lang). The
    undated bar comes last, inside the selection while undated is true.
    """
    undated_label, stated, placed_label = (t(lang, f"timeline.{k}") for k in ("undated", "stated", "placed"))
    year = selected["year"].astype("Int64")
    basis = pd.Series(stated, index=selected.index)
    if placed is not None:
        other = selected["event_id"].map(placed).astype("Int64")
        use = year.isna() & other.notna()
        year, basis = year.where(~use, other), basis.where(~use, placed_label)
    frame = pd.DataFrame(
        {
            "year": year.astype("string").fillna(undated_label),
            "basis": basis.where(year.notna(), undated_label),
        }
    )
    counts = frame.value_counts().rename("events").reset_index()
    order = {y: i for i, y in enumerate(years_shown(counts, span, lang))}
    counts = counts[counts["year"].isin(order)]
    low, high = chosen or span
    stated_bar = counts["basis"] == stated
    in_years = pd.to_numeric(counts["year"], errors="coerce").between(low, high).fillna(False)
    # Placed bars are undated events, in or out with them: the year filter holds stated years only.
    inside = (stated_bar & in_years) | (~stated_bar & undated)
    return (
        counts.assign(inside=inside.astype(bool), _order=counts["year"].map(order))
        .sort_values(["_order", "basis"], ignore_index=True)
        .drop(columns="_order")
    )


def years_shown(counts: pd.DataFrame, span: tuple[int, int], lang: str = "en") -> list[str]:
    """Every year of span, widened to take in placed years, then the undated bar."""
    placed = [int(y) for y in counts.loc[counts["basis"] == t(lang, "timeline.placed"), "year"]]
    low, high = min([span[0], *placed]), max([span[1], *placed])
    return [str(y) for y in range(low, high + 1)] + [t(lang, "timeline.undated")]


def picked_years(selection: dict | None) -> tuple[list[int], bool]:
    """The years clicked on the chart, and whether the undated bar was among the bars clicked."""
    points = ((selection or {}).get("selection") or {}).get("years") or []
    years, undated = [], False
    for point in points:
        value = str(point.get("year", "")) if isinstance(point, dict) else ""
        if value.isascii() and value.isdigit():
            years.append(int(value))
        elif value:
            undated = True
    return sorted(years), undated


@dataclass(frozen=True)
class YearPick:
    """What a click on the timeline asks for."""

    years: tuple[int, int] | None  # the years to choose; None keeps the current ones
    undated: bool | None  # show (True) or leave out (False) the undated events; None keeps the choice
    refused: int | None  # a year the year filter cannot hold (one only an independent source gives)


def year_pick(selection: dict | None, span: tuple[int, int]) -> YearPick:
    """A click's bars as a choice: stated years choose their span; a source's year is refused, never reset.

    Undated events come along only when their bar is among those clicked, or the whole span is chosen.
    """
    years, undated = picked_years(selection)
    outside = [y for y in years if not span[0] <= y <= span[1]]
    if outside:
        return YearPick(None, None, outside[0])
    if years:
        chosen = (years[0], years[-1])
        return YearPick(chosen, undated or chosen == span, None)
    return YearPick(None, True if undated else None, None)
