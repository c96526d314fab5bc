"""What independent reporting says about each event: a status per event, and years it gives.
A status never says more than the weakest verdict of the event's corroboration rows, those on its further
passages included (data/README.md)."""

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
    # A partly beside a confirms leaves the event partly: some part of what the article says is not borne out.
    status = np.select(
        [confirms & contradicts, contradicts, partly, confirms],
        ["conflicting", "contradicted", "partly", "confirmed"],
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
