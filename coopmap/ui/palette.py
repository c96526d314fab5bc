"""Colours of the map and timeline: one hue for reported events, greys for everything else.
Counts run light to dark in one hue (ColorBrewer Blues), so more events read as darker whatever a reader's
colour vision; blue means reported events, and nothing else, on map, legend and timeline alike."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

# ColorBrewer Blues, 5 of its 9 steps from the fourth: light to dark, each step clearly darker.
RAMP = ("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594")
NO_REPORTS = "#ececec"  # CIE L* 93.5
# A member of a group a claim names: context, not a claim about the country. Lighter than every
# blue (the lightest is L* 79), darker than "no reports", so it reads apart in greyscale.
CONTEXT = "#d4d4d4"  # L* 85
# Lines across context in the printed figures: two light greys merge on paper, a hatch does not.
HATCH = "#7a7a7a"  # L* 51
OCEAN = "#eef3f7"  # a faint blue-grey: the globe reads apart from the white page
BORDER = "#ffffff"
SELECTED = "#000000"
RING = RAMP[-1]  # around a small country with claims of its own
EVENTS = RAMP[-1]  # timeline bars: reported events
OUTSIDE = "#ffffff"  # timeline bars outside the chosen years: hollow, outlined in grey
OUTSIDE_LINE = "#767676"
UNDATED_OUTSIDE = "#bdbdbd"  # the undated bar's stripes while its events are left out: lighter than any blue


def rgba(hex_colour: str, alpha: int = 255) -> list[int]:
    """'#rrggbb' as deck.gl's [r, g, b, a]."""
    value = hex_colour.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


@dataclass(frozen=True)
class CountClass:
    low: int
    high: int
    colour: str


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
