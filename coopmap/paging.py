"""Long lists shown a page at a time, so what one rerun sends stays small at any package size."""

from __future__ import annotations

from dataclasses import dataclass

TABLE_ROWS = 50  # rows of the events table per page
PANEL_CARDS = 10  # cards of one panel list per page


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    pages: int
    start: int  # the first item shown, from 0
    stop: int  # one past the last item shown
    total: int

    def __len__(self) -> int:
        return self.stop - self.start


def page(total: int, number: float | None, size: int) -> Page:
    """The page of a list of total items; a number past either end gives the first or last page."""
    pages = max(1, -(-total // size))
    number = min(max(1, int(number or 1)), pages)
    start = (number - 1) * size
    return Page(number, pages, start, min(start + size, total), total)
