"""What a package folder holds: its regular files, and why each other entry is refused.
Every file is read or hashed, so each entry is looked at before anything opens it: a FIFO blocks a reader
forever, a device or a link to /proc reads without end, a link out shows another file as the package's."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

DEPTH = 16  # folders inside folders: a package needs two (texts/); a deep tree is a mistake or an attack
_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


@dataclass(frozen=True)
class Listing:
    files: tuple[Path, ...]  # regular files, sorted; links to them inside the folder as the link's path
    refused: tuple[tuple[Path, str], ...]  # (entry, why it is not read)


def listing(root: Path) -> Listing:
    """Every entry under root, never following a link or opening a file to find out what it is."""
    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    inside = root.resolve()
    _walk(root, inside, 0, files, refused)
    return Listing(tuple(sorted(files)), tuple(sorted(refused)))


def _walk(folder: Path, inside: Path, depth: int, files: list, refused: list) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        refused.append((folder, f"cannot be listed: {exc.strerror or exc}"))
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.is_symlink():
                why = _link(path, inside)
            elif entry.is_dir(follow_symlinks=False):
                if depth + 1 >= DEPTH:
                    why = f"lies {DEPTH} folders deep or more: a package is a shallow folder"
                else:
                    _walk(path, inside, depth + 1, files, refused)
                    continue
            else:
                why = _kind(entry.stat(follow_symlinks=False).st_mode)
        except OSError as exc:  # removed or changed while listed
            why = f"cannot be looked at: {exc.strerror or exc}"
        if why is None:
            files.append(path)
        else:
            refused.append((path, why))


def _link(path: Path, inside: Path) -> str | None:
    """Why a link is not read, or None when it leads to a regular file inside the folder."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling, or a loop of links
        return "is a link that leads nowhere"
    if not target.is_relative_to(inside):
        return "is a link that leaves the package folder"
    return _kind(target.stat().st_mode)


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a link to a folder: a package's folders are its own"
    kind = _KINDS.get(stat.S_IFMT(mode))
    return f"is {kind}, not a regular file" if kind else "is not a regular file"
