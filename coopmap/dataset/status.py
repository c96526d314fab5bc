"""What independent reporting says about each event: a status per event, and years it gives.

The status is read from the verdicts of its corroboration rows: confirmed when a source
confirms and none contradicts; contradicted when one contradicts and none confirms;
conflicting when both happen; partly when the best is partly; not_found otherwise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

STATUSES = ("confirmed", "partly", "contradicted", "conflicting", "not_found")  # strongest first


def statuses(events: pd.DataFrame, corroborations: pd.DataFrame) -> pd.Series:
    """The status of every event (index event_id); an event with no row counts as not_found."""
    verdicts = ["confirms", "contradicts", "partly"]
    verdict = corroborations["verdict"]
    said = pd.DataFrame({v: (verdict == v).to_numpy(dtype=bool) for v in verdicts})
    said = said.groupby(corroborations["event_id"].to_numpy()).any()
    said = said.reindex(index=events["event_id"], fill_value=False)
    confirms, contradicts, partly = (said[v].to_numpy(dtype=bool) for v in verdicts)
    status = np.select(
        [confirms & contradicts, confirms, contradicts, partly],
        ["conflicting", "confirmed", "contradicted", "partly"],
        "not_found",
    )
    return pd.Series(status, index=events["event_id"], name="status")


def with_status(events: pd.DataFrame, corroborations: pd.DataFrame) -> pd.DataFrame:
    """The events with their status column, which the verdict filter, the cards and the export read."""
    return events.assign(status=statuses(events, corroborations).to_numpy())


def source_years(corroborations: pd.DataFrame) -> pd.Series:
    """The earliest year a confirming or partly confirming source gives for each event."""
    usable = corroborations[
        corroborations["verdict"].isin(["confirms", "partly"]) & corroborations["year"].notna()
    ]
    return usable.groupby("event_id")["year"].min().astype(int)
