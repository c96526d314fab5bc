"""Back and Forward through the views a reader has seen, by a small script in the page.

Streamlit pushes an entry into the browser's history whenever the server writes the query, and on
Back or Forward reruns the page with the address returned to, but the server's state would keep the
latest view. The script tells the server which address Back or Forward reached, so the page shows
its view; it also puts an address in place without a new entry (a link's first view, normalised),
which Streamlit cannot do.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

HISTORY_JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  if (data.replace !== null && window.location.search.slice(1) !== data.replace) {
    const address = new URL(window.location.href);
    address.search = data.replace;
    window.history.replaceState(window.history.state, "", address);
  }
  // One listener, whose trigger is the latest given: Streamlit calls this again on every rerun.
  window.removeEventListener("popstate", parentElement.coopmapMoved);
  parentElement.coopmapMoved = () => setTriggerValue("moved", window.location.search);
  window.addEventListener("popstate", parentElement.coopmapMoved);
  return () =>
    setTimeout(() => {
      if (!parentElement.isConnected) window.removeEventListener("popstate", parentElement.coopmapMoved);
    }, 0);
}
"""


def history_data(replace: Mapping[str, str] | None) -> dict:
    """What the script puts in place of the address, if anything: the query spelt as Streamlit writes it
    (commas as %2C, spaces as +), so the address never differs from Streamlit's by its spelling alone."""
    return {"replace": None if replace is None else urlencode(replace)}
