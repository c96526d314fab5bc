"""Copy the view's full link, or its citation, in one tap: buttons drawn in the page by static/share.js.
The server knows the address the reader sees (st.context.url), so it gives the script the text to copy.
The Clipboard API needs a secure page: elsewhere a hidden text area and the older copy command do the same."""

from __future__ import annotations

from coopmap.i18n import t
from coopmap.ui.scripts import loader

SHARE_JS = loader("share.js")


def share_data(link: str, citation: str, lang: str) -> dict:
    """What the buttons copy and say: the view's full link ('' lets the page give its own) and citation."""
    return {
        "buttons": [
            {"name": "link", "label": t(lang, "share.copy_link"), "text": link},
            {"name": "citation", "label": t(lang, "share.copy_citation"), "text": citation},
        ],
        "copied": t(lang, "share.copied"),
        "failed": t(lang, "share.failed"),
    }
