"""The browser's address put in place without a new entry of its history, by static/history.js.
Streamlit pushes an entry whenever the server writes the query, and only the page can replace one: a link's
first view is put in place of the link, else Back returns to the link, and the link to its view."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from coopmap.ui.scripts import loader

HISTORY_JS = loader("history.js")


def history_data(replace: Mapping[str, str] | None) -> dict:
    """What the script puts in place of the address, if anything: the query spelt as Streamlit writes it
    (commas as %2C, spaces as +), so the address never differs from Streamlit's by its spelling alone."""
    return {"replace": None if replace is None else urlencode(replace)}
