"""Reading the map back from the deck spec and tooltip template that Streamlit is given."""

from __future__ import annotations

import html
import json
import re


def fills(spec: dict) -> dict[str, list[int]]:
    """Each coloured country's fill, read back from the countries layer's expression."""
    expression = next(layer for layer in spec["layers"] if layer["id"] == "countries")["getFillColor"]
    if not isinstance(expression, str):
        return {}
    return {
        code: json.loads(colour)
        for codes, colour in re.findall(r"\(([^)]*)\)\?(\[[0-9,]+\])", expression)
        for code in re.findall(r"properties\.iso3=='([A-Z]{3})'", codes)
    }


def tooltip(template: str, iso3: str) -> str | None:
    """The text the tooltip shows over a country, as the browser renders the template's block."""
    block = re.search(rf'<div class="coopmap-tip-{iso3}">(.*?)</div>', template, re.S)
    return html.unescape(block.group(1)) if block else None
