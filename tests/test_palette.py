"""The map's and timeline's colours (coopmap/ui/palette.py): count classes, the ramp and the greys."""

from __future__ import annotations

import itertools

from coopmap.ui.palette import (
    CONTEXT,
    EVENTS,
    NO_REPORTS,
    RAMP,
    CountClass,
    colour_for,
    count_classes,
    rgba,
)


def test_count_classes_and_no_reports():
    assert count_classes(3) == [
        CountClass(1, 1, "#9ecae1"),
        CountClass(2, 2, "#4292c6"),
        CountClass(3, 3, "#084594"),
    ]
    assert count_classes(12) == [
        CountClass(1, 1, "#9ecae1"),
        CountClass(2, 2, "#6baed6"),
        CountClass(3, 3, "#4292c6"),
        CountClass(4, 6, "#2171b5"),
        CountClass(7, 12, "#084594"),
    ]
    assert count_classes(1) == [CountClass(1, 1, "#4292c6")]  # one class: the middle of the ramp
    assert count_classes(0) == []
    classes = count_classes(2)
    assert colour_for(0, classes) == NO_REPORTS
    assert colour_for(2, classes) == RAMP[-1]
    assert colour_for(1, classes) == "#9ecae1"
    assert [colour_for(n, count_classes(12)) for n in (5, 12, 13)] == ["#2171b5", "#084594", "#ececec"]


def test_rgba_is_decks_colour_list():
    assert rgba("#084594") == [8, 69, 148, 255]
    assert rgba("d4d4d4", 0) == [212, 212, 212, 0]


def _lightness(hex_colour: str) -> float:
    """CIE L* of an sRGB colour: what tells colours apart for every kind of colour vision."""
    linear = [
        ((c / 255 + 0.055) / 1.055) ** 2.4 if c / 255 > 0.04045 else c / 255 / 12.92
        for c in rgba(hex_colour)[:3]
    ]
    y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


def test_ramp_darkens_steadily_and_no_reports_is_lighter_than_any_count():
    steps = [_lightness(c) for c in RAMP]
    assert all(a - b >= 10 for a, b in itertools.pairwise(steps))
    assert _lightness(NO_REPORTS) - steps[0] >= 8


def test_group_context_is_grey_and_the_timeline_uses_the_events_blue():
    """Blue means reported events and nothing else; group membership is a grey, never a hue."""
    for grey in (NO_REPORTS, CONTEXT):
        r, g, b, _ = rgba(grey)
        assert r == g == b
    assert _lightness(NO_REPORTS) - _lightness(CONTEXT) >= 8  # context reads apart from no reports
    assert EVENTS == RAMP[-1] == "#084594"
