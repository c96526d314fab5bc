"""The page's scripts are static files (geo/web/*.js), cached by the browser: a component carries only
this loader, not its script, in every rerun. Module code runs from a blob: URL, so paths are built from
the page's address."""

from __future__ import annotations

LOADER_JS = """
export default function (component) {
  let cleanup = null;
  import(new URL("app/static/SCRIPT", document.baseURI).href)
    .then((module) => { cleanup = module.default(component); })
    .catch((error) => console.error("SCRIPT:", error));
  return () => cleanup && cleanup();
}
"""


def loader(script: str) -> str:
    """A component's JavaScript that imports static/<script> and hands it the component."""
    return LOADER_JS.replace("SCRIPT", script)
