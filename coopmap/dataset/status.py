"""What independent reporting says about each event: a status per event, and years it gives.

The status is read from the verdicts of its corroboration rows: confirmed when a source
confirms and none contradicts; contradicted when one contradicts and none confirms;
conflicting when both happen; partly when the best is partly; not_found otherwise.
"""

from __future__ import annotations

import pandas as pd

STATUSES = ("confirmed", "partly", "contradicted", "conflicting", "not_found")  # strongest first


def _status(verdicts: set[str]) -> str:
    if "confirms" in verdicts and "contradicts" in verdicts:
        return "conflicting"
    if "confirms" in verdicts:
        return "confirmed"
    if "contradicts" in verdicts:
        return "contradicted"
    if "partly" in verdicts:
        return "partly"
    return "not_found"


def statuses(events: pd.DataFrame, corroborations: pd.DataFrame) -> pd.Series:
    """The status of every event (index event_id); an event with no row counts as not_found."""
    verdicts = corroborations.groupby("event_id")["verdict"].agg(set)
    return pd.Series(
        [_status(verdicts.get(e, set())) for e in events["event_id"]], index=events["event_id"], name="status"
    )


def with_status(events: pd.DataFrame, corroborations: pd.DataFrame) -> pd.DataFrame:
    """The events with their status column, which the verdict filter, the cards and the export read."""
    return events.assign(status=statuses(events, corroborations).to_numpy())


def source_years(corroborations: pd.DataFrame) -> pd.Series:
    """The earliest year a confirming or partly confirming source gives for each event."""
    usable = corroborations[
        corroborations["verdict"].isin(["confirms", "partly"]) & corroborations["year"].notna()
    ]
    return usable.groupby("event_id")["year"].min().astype(int)
