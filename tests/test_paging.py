"""Pages of long lists (coopmap/paging.py)."""

from __future__ import annotations

import pytest

from coopmap.paging import Page, page


@pytest.mark.parametrize(
    ("total", "number", "expected"),
    [
        (12408, 1, Page(1, 249, 0, 50, 12408)),
        (12408, 249, Page(249, 249, 12400, 12408, 12408)),
        (12408, 250, Page(249, 249, 12400, 12408, 12408)),  # past the end: the last page
        (12408, 0, Page(1, 249, 0, 50, 12408)),
        (12408, None, Page(1, 249, 0, 50, 12408)),
        (50, 2, Page(1, 1, 0, 50, 50)),
        (0, 3, Page(1, 1, 0, 0, 0)),  # nothing selected: one empty page
    ],
)
def test_a_page_is_clamped_to_the_list(total, number, expected):
    assert page(total, number, 50) == expected


def test_a_page_has_as_many_items_as_it_shows():
    assert [len(page(23, n, 10)) for n in (1, 2, 3)] == [10, 10, 3]
