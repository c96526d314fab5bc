"""Copy the view's full link, or its citation, in one tap: buttons drawn in the page by a small script.

The server knows the address the reader sees (st.context.url) and the view's query, so it gives
the script the text to copy; the script only copies. The Clipboard API needs a secure page
(https or localhost): elsewhere a hidden text area and the older copy command do the same.
"""

from __future__ import annotations

from coopmap.i18n import t

SHARE_JS = """
export default function (component) {
  const { data, parentElement } = component;
  const drawn = JSON.stringify(data);
  if (parentElement.dataset.drawn === drawn) return;  // a rerun that changes nothing keeps "Copied"
  parentElement.dataset.drawn = drawn;
  const copy = async (text) => {
    try { await navigator.clipboard.writeText(text); return true; } catch (error) { /* not a secure page */ }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.cssText = "position:fixed;top:0;left:0;opacity:0";
    document.body.appendChild(area);
    area.select();
    let done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    area.remove();
    return done;
  };
  const row = document.createElement("div");
  row.className = "coopmap-share";
  row.style.cssText = "display:flex;flex-wrap:wrap;gap:0.5rem";
  const said = document.createElement("span");
  said.setAttribute("aria-live", "polite");
  said.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)";
  for (const item of data.buttons) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = item.label;
    button.title = item.text;
    button.dataset.copies = item.name;
    button.style.cssText = "font:inherit;font-size:0.875rem;min-height:2.5rem;padding:0.25rem 0.75rem;"
      + "border:1px solid rgba(49,51,63,0.2);border-radius:0.5rem;background:#fff;color:inherit;"
      + "cursor:pointer";
    let timer = null;
    button.addEventListener("click", async () => {
      const text = item.name === "link" && !item.text ? window.location.href : item.text;
      const done = await copy(text);
      button.textContent = done ? data.copied : data.failed;
      said.textContent = button.textContent;
      clearTimeout(timer);
      timer = setTimeout(() => { button.textContent = item.label; }, 2500);
    });
    row.appendChild(button);
  }
  row.appendChild(said);
  parentElement.replaceChildren(row);
}
"""


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
