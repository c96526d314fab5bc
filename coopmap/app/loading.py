"""The data package, loaded once per version of it for every reader, telling its steps while it loads.
A curator may edit the package while the server runs: a rerun validates and loads the change, with no
restart; an invalid change is refused, and readers keep the last valid version, told why."""

from __future__ import annotations

import gc
import itertools
import threading
import time
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from coopmap.dataset.files import listing
from coopmap.dataset.package import load
from coopmap.dataset.shapes import DEFAULT as GEOMETRY
from coopmap.dataset.shapes import load_countries
from coopmap.dataset.validate import Problem
from coopmap.dataset.validation_cache import (
    Progress,
    cached_problems,
    fingerprint,
    silent,
    unloadable,
    unsteady,
)
from coopmap.i18n import LANGUAGES
from coopmap.package_index import PackageIndex, prepare, release_freed_memory
from coopmap.ui.deck import MapShapes, map_names, map_shapes
from coopmap.ui.palette import CountClass, count_classes
from coopmap.ui.words import country_choices

READS = 3  # tries to validate and read the same bytes while the package is being changed
CHECK_EVERY = 1.0  # seconds between looks at the package's files: a stat of each
Stamp = tuple[tuple[str, int, int], ...]  # (file, size, modified ns) of every file in the package


@dataclass(frozen=True)
class Loaded:
    problems: list[Problem]  # empty when the package is valid; then the rest is set
    ready: PackageIndex | None = None
    shapes: MapShapes | None = None
    classes: tuple[CountClass, ...] = ()  # the count scale is the dataset's: a count keeps its colour
    countries: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> the Countries box's options
    map_names: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> deck.map_names
    stamp: Stamp = ()  # the files as they were when this version was read
    refused: tuple[Problem, ...] = ()  # why the files as they are now are not shown, when they are not
    serial: int = 0  # which load of the process this version is: a session restarts its view on another


# Not Streamlit's cache: it would replay anything drawn while loading to every later reader, so the steps
# go through progress, a callback that only the page doing the work draws.
_loaded: dict[str, Loaded] = {}
_looked: dict[
    str, tuple[float, bool]
] = {}  # when each package's files were last compared, and if they differed
_lock = threading.Lock()
_serials = itertools.count(1)


def stamp(root: Path) -> Stamp:
    """Every file's size and modification time: any edit, copy over or added file changes it, and so
    does an entry no reader may open (a FIFO, a link out), which is listed, never opened."""
    found = listing(root)
    stamps = [(str(path.relative_to(root)), -1, 0) for path, _ in found.refused]
    for path in found.files:
        try:
            info = path.stat()
        except OSError:  # removed while listed
            continue
        stamps.append((str(path.relative_to(root)), info.st_size, info.st_mtime_ns))
    return tuple(sorted(stamps))


def is_current(root: Path) -> bool:
    """Whether a load would return at once: the package is loaded and not changed since (as last seen)."""
    done = _loaded.get(str(root))
    return done is not None and not _stale(root, done)


def _stale(root: Path, done: Loaded) -> bool:
    """Whether the files differ from done's, as last seen: looked at again once CHECK_EVERY has passed."""
    now = time.monotonic()
    at, stale = _looked.get(str(root), (0.0, False))
    if now - at >= CHECK_EVERY:
        at, stale = now, stamp(root) != done.stamp
        _looked[str(root)] = at, stale
    return stale


def loaded(root: Path, progress: Progress = silent) -> Loaded:
    """The package at root: validated (once per version of it), read and prepared, or its problems."""
    done = _loaded.get(str(root))
    if done is not None and not _stale(root, done):  # nearly every rerun: no lock, one clock read
        return done
    if done is not None and not _lock.acquire(blocking=False):
        return done  # another reader is loading the change: keep this version meanwhile
    if done is None:
        _lock.acquire()
    try:
        before, files = _loaded.get(str(root)), stamp(root)
        if before is None or before.stamp != files:
            after = _load(root, progress, files)
            if after.problems and before is not None and before.ready is not None:
                after = replace(before, stamp=files, refused=tuple(after.problems))
            _loaded[str(root)] = after
            _settle(replaced=before is not None and after.ready is not before.ready)
        _looked[str(root)] = time.monotonic(), False
        return _loaded[str(root)]
    finally:
        _lock.release()


def _settle(replaced: bool) -> None:
    """Free the version replaced, cycles included, and freeze the one loaded: it lives until replaced,
    out of the full collection Streamlit runs after each run."""
    if replaced:
        gc.unfreeze()
        gc.collect()
    gc.freeze()
    release_freed_memory()


def _load(root: Path, progress: Progress, files: Stamp) -> Loaded:
    """The package validated and read from the same bytes: a change that lands meanwhile is never shown
    unvalidated; the package is read again until it holds still, or refused when it does not."""
    for _ in range(READS):
        try:
            before = fingerprint(root, GEOMETRY)
        except OSError:
            before = None  # an entry no reader may open: cached_problems() says which
        problems = cached_problems(root, progress=progress, before=before)
        if problems:
            return Loaded(problems, stamp=files)
        try:
            result: Loaded | Exception = _read(root, progress, files)
        except Exception as exc:  # read while it changed, or a bug: never a reader's traceback
            result = exc
        try:
            held = before is not None and fingerprint(root, GEOMETRY) == before
        except OSError:
            held = False
        if held and isinstance(result, Exception):
            return Loaded([unloadable(root, result)], stamp=files)
        if held:
            return result
        files = stamp(root)
    return Loaded([unsteady(root, READS)])  # no stamp: looked at again, and read once it holds still


@cache
def world_shapes() -> MapShapes:
    """The map's shapes, once per process: they come from the geometry alone, never from a package."""
    return map_shapes(load_countries())


def _read(root: Path, progress: Progress, files: Stamp) -> Loaded:
    package = load(root)
    progress("load.read", events=len(package["events"]), tables=len(package.tables))
    shapes = world_shapes()
    progress("load.shapes", countries=len(shapes.names))
    ready = prepare(package, shapes.names)
    progress("load.prepared", events=len(ready.events))
    countries = {lang: country_choices(ready.names, lang, ready.aliases) for lang in LANGUAGES}
    named = {lang: map_names(ready.names[lang], shapes) for lang in LANGUAGES}
    classes = tuple(count_classes(ready.most_own))
    return Loaded([], ready, shapes, classes, countries, named, stamp=files, serial=next(_serials))
