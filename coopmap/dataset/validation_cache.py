"""Validate a package once per version of it: a valid answer is recorded, outside the package, under a
sha256 of the contents of all it depends on (an edit can keep sizes and times), so a restart with the same
files does not validate again; an invalid answer is never kept, so every start shows every problem."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from coopmap.dataset.files import listing
from coopmap.dataset.shapes import DEFAULT as GEOMETRY
from coopmap.dataset.validate import Problem, validate
from coopmap.paths import DATA_DIR, ROOT, cache_dir

CODE = [*sorted((ROOT / "coopmap" / "dataset").glob("*.py")), ROOT / "coopmap" / "dataset" / "schema.json"]
CODE += [ROOT / "coopmap" / "paths.py"]
LIBRARIES = ("frictionless", "pycountry")
KEEP = 64  # records; a version forgotten is validated again if it comes back
log = logging.getLogger(__name__)
Progress = Callable[..., None]  # progress(step, **counts): a catalogue key under [load], and its values


def silent(step: str, **counts: float) -> None:
    """No one to tell."""


def cached_problems(
    root: Path = DATA_DIR,
    geometry: Path = GEOMETRY,
    cache: Path | None = None,
    progress: Progress = silent,
    before: str | None = None,
) -> list[Problem]:
    """validate(root, geometry), or no problem at once when that very package was found valid before.

    progress(step, **counts) hears which of the two it is, and the package's size; before is the
    package's fingerprint when the caller has just taken it (a load takes it to compare afterwards)."""
    root, folder = Path(root), (cache_dir(os.environ) if cache is None else cache) / "valid"
    try:
        before = before or fingerprint(root, geometry)
    except OSError:  # a file it cannot read: validate() says which
        return validate(root, geometry)
    if (record := folder / f"{before}.json").is_file():
        with contextlib.suppress(OSError):  # a read-only cache still answers
            os.utime(record)  # used now: the last to be forgotten
        progress("load.valid_before")
        return []
    sizes = [p.stat().st_size for p in listing(root).files]
    progress("load.validating", files=len(sizes), megabytes=round(sum(sizes) / 1e6, 1))
    problems = validate(root, geometry)
    try:
        if not problems and fingerprint(root, geometry) == before:  # nothing changed while it was read
            _record(folder, before, root)
            _forget(folder)
    except OSError as exc:  # read-only or full: it costs a validation at the next start, nothing else
        log.warning(
            "the package is valid, but that could not be recorded in %s (%s): the next start "
            "validates it again",
            folder,
            exc,
        )
    return problems


def fingerprint(root: Path, geometry: Path) -> str:
    """A digest of every input of validate(): any byte changed, added or moved gives another.

    OSError when the folder holds an entry that is not read (a FIFO, a link out): validate() says which."""
    found = listing(root)
    if found.refused:
        path, why = found.refused[0]
        raise OSError(f"{path} {why}")
    digest = hashlib.sha256()  # with the CPU's SHA instructions, twice as fast here as blake2b
    digest.update(json.dumps([sys.version, *(version(name) for name in LIBRARIES)]).encode())
    files = [("package", p) for p in found.files]
    files += [("geometry", geometry), ("aliases", DATA_DIR / "country_aliases.csv")]
    files += [("code", p) for p in CODE]
    for role, path in files:
        name = str(path.relative_to(root) if role == "package" else path.name)
        digest.update(json.dumps([role, name, path.stat().st_size]).encode())
        with path.open("rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()


def _record(folder: Path, key: str, root: Path) -> None:
    """Write the record whole or not at all: a reader never sees half of one."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"valid": str(root.resolve())}, out)
        os.replace(temporary, folder / f"{key}.json")
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _forget(folder: Path) -> None:
    """Remove all but the KEEP most recently used records; another process may be removing them too."""
    used = {}
    for path in folder.glob("*.json"):
        with contextlib.suppress(FileNotFoundError):
            used[path] = path.stat().st_mtime_ns
    for path in sorted(used, key=used.get, reverse=True)[KEEP:]:
        path.unlink(missing_ok=True)


def unloadable(root: Path, error: Exception) -> Problem:
    """A package validate() passed that could not be read all the same: a bug, shown as a problem and
    logged with its traceback for the maintainer."""
    log.error("the package at %s passed validation but could not be loaded", root, exc_info=error)
    return Problem(str(root), None, None, f"cannot be loaded: {type(error).__name__}: {error}")


def unsteady(root: Path, reads: int) -> Problem:
    """A package that changed while each of reads validations and reads of it ran."""
    why = f"changed each of the {reads} times it was read: it is read again once it holds still"
    return Problem(str(root), None, None, why)
