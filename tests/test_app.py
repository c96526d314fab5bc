"""The Streamlit app runs on the real data package."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def test_app_shows_every_event():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Reported security cooperation"
    table = at.dataframe[0].value
    assert list(table["event_id"]) == [f"E{n:03d}" for n in range(1, 16)]
