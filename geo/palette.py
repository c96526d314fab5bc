"""Colours of the map and timeline, chosen to be told apart with colour-vision deficiency.

Counts use a sequential ramp taken from viridis (perceptually uniform, colour-blind
safe), from light green to dark purple; "no reports" is a neutral light grey that sits
outside the ramp, so it never reads as a low count. Categories use the Okabe–Ito palette.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

# viridis at 0.85, 0.68, 0.5, 0.32, 0.12: light to dark, each step clearly darker.
RAMP = ("#a0da39", "#4ac16d", "#21918c", "#355f8d", "#482173")
NO_REPORTS = "#e2e2e2"
OCEAN = "#ffffff"
BORDER = "#ffffff"
GROUP = "#e69f00"  # Okabe–Ito orange, not on the ramp: group claims are not counts
SELECTED = "#000000"
CATEGORY_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999")


def rgba(hex_colour: str, alpha: int = 255) -> list[int]:
    """'#rrggbb' as deck.gl's [r, g, b, a]."""
    value = hex_colour.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


@dataclass(frozen=True)
class CountClass:
    low: int
    high: int
    colour: str

    @property
    def label(self) -> str:
        unit = "event" if self.high == 1 else "events"
        return f"{self.low} {unit}" if self.low == self.high else f"{self.low}–{self.high} events"


def count_classes(max_count: int) -> list[CountClass]:
    """Legend classes for counts 1..max_count: one per count up to five, else five ranges."""
    if max_count < 1:
        return []
    if max_count <= len(RAMP):
        bounds = [(n, n) for n in range(1, max_count + 1)]
    else:
        edges = [1, 2, 3] + [round(max_count ** (k / 5)) for k in (3, 4)] + [max_count + 1]
        edges = sorted(set(edges))
        bounds = [(lo, hi - 1) for lo, hi in itertools.pairwise(edges) if hi > lo]
    # Few classes take evenly spaced colours across the ramp, so contrast stays high.
    step = (len(RAMP) - 1) / max(len(bounds) - 1, 1)
    picks = [RAMP[round(i * step)] for i in range(len(bounds))] if len(bounds) > 1 else [RAMP[2]]
    return [CountClass(lo, hi, colour) for (lo, hi), colour in zip(bounds, picks, strict=True)]


def colour_for(count: int, classes: list[CountClass]) -> str:
    """The fill for a country with this many reported events under the filters."""
    for cls in classes:
        if cls.low <= count <= cls.high:
            return cls.colour
    return NO_REPORTS


def category_colours(category_ids: list[str]) -> dict[str, str]:
    """A fixed colour per category, in vocabulary order, so colours never shift with filters."""
    return {c: CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)] for i, c in enumerate(category_ids)}
