"""The data package, loaded once per process for every reader, telling its steps while it loads.

Streamlit's own cache would replay anything drawn while it loads to every later reader, so the
steps go through a callback that only the page doing the work draws. A lock makes readers who
arrive meanwhile wait for that load instead of starting another.
"""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass
from pathlib import Path

from coopmap.dataset.checked import Progress, checked, silent
from coopmap.dataset.package import load
from coopmap.dataset.shapes import load_countries
from coopmap.dataset.validate import Problem
from coopmap.prepared import Prepared, prepare, release_freed_memory
from coopmap.ui.deck import MapShapes, map_shapes
from coopmap.ui.palette import CountClass, count_classes


@dataclass(frozen=True)
class Loaded:
    problems: list[Problem]  # empty when the package is valid; then the rest is set
    ready: Prepared | None = None
    shapes: MapShapes | None = None
    classes: tuple[CountClass, ...] = ()  # the count scale is the dataset's: a count keeps its colour


_loaded: dict[str, Loaded] = {}
_lock = threading.Lock()


def is_loaded(root: Path) -> bool:
    return str(root) in _loaded


def loaded(root: Path, progress: Progress = silent) -> Loaded:
    """The package at root: validated (once per version of it), read and prepared, or its problems."""
    if (done := _loaded.get(str(root))) is not None:  # every rerun after the first load: no lock to wait on
        return done
    with _lock:
        if str(root) not in _loaded:
            _loaded[str(root)] = _load(root, progress)
        return _loaded[str(root)]


def _load(root: Path, progress: Progress) -> Loaded:
    problems = checked(root, progress=progress)
    if problems:
        return Loaded(problems)
    package = load(root)
    progress("load.read", events=len(package["events"]), tables=len(package.tables))
    shapes = map_shapes(load_countries(), package.members)
    progress("load.shapes", countries=len(shapes.names))
    ready = prepare(package, shapes.names)
    progress("load.prepared", events=len(ready.events))
    gc.freeze()  # lives as long as the process: out of the full collection Streamlit runs after each run
    release_freed_memory()
    return Loaded([], ready, shapes, tuple(count_classes(ready.most_own)))
