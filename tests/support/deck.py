"""Reading the map's colours back from the deck spec the map component is given."""

from __future__ import annotations

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
