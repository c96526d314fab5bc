"""A problem found in a package: the file, row and field it lies in, and why, as the validator prints it;
its own module so that the rules and their runner share it without importing each other."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int | None
    field: str | None
    message: str
    unit: str = "row"

    def __str__(self) -> str:
        where = [_shown(self.file)]
        if self.row is not None:
            where.append(f"{self.unit} {self.row}")
        if self.field:
            where.append(f"field {self.field}")
        return f"{', '.join(where)}: {self.message}"


def _shown(file: str) -> str:
    """A path as the user typed it: relative to the working folder when it lies below it."""
    path = Path(file)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return file


def ordered(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once, by file, row, field and message: the order the validator prints them in."""
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.field or "", p.message))
