"""Check a data package and report every problem with its file, row and field: frictionless holds each
table to this project's pinned Table Schema (schema.py), and the project's rules (rules.py) add what a
schema cannot say. Run: python -m coopmap.dataset.validate [DATA_DIR]"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from frictionless import FrictionlessException, Package

from coopmap.dataset.cells import LIMIT, flaw
from coopmap.dataset.files import listing
from coopmap.dataset.package import DESCRIPTOR, CutShort, descriptor, inside, records
from coopmap.dataset.problem import Problem, ordered
from coopmap.dataset.rules import CELL_RULES, PACKAGE_RULES, ROW_RULES, Context, learn
from coopmap.dataset.schema import TABLES, conform, descriptor_checked, with_dialect
from coopmap.dataset.shapes import DEFAULT as GEOMETRY
from coopmap.dataset.shapes import iso3_codes
from coopmap.paths import DATA_DIR

LISTED = 1000  # problems listed per file, as frictionless lists at most 1,000 per validation


def validate(root: Path = DATA_DIR, geometry: Path = GEOMETRY) -> list[Problem]:
    """Every problem of the package at root, schema problems first; empty when it is valid."""
    root = Path(root)
    found = listing(root)
    if found.refused:  # nothing is opened while the folder holds what no reader may open
        return [Problem(str(path), None, None, why) for path, why in found.refused]
    try:
        own = descriptor(root)
    except (OSError, ValueError) as exc:  # unreadable, not UTF-8, not JSON
        return [Problem(str(root / DESCRIPTOR), None, None, f"cannot read the descriptor: {exc}")]
    except RecursionError:
        return [Problem(str(root / DESCRIPTOR), None, None, "cannot read the descriptor: nested too deep")]
    if departs := conform(own):  # its tables would be read as another schema says: nothing further
        return [Problem(str(root / DESCRIPTOR), None, field, why) for field, why in departs]
    escaping = [
        Problem(
            str(root / DESCRIPTOR),
            None,
            f"resources.{r['name']}.path",
            f"{r['path']!r} leaves the package folder",
        )
        for r in own["resources"]
        if inside(root, r["path"]) is None
    ]
    if escaping:  # nothing is read from outside the package, not even to validate it
        return escaping
    desc = descriptor_checked(own)
    problems = [Problem(str(root / DESCRIPTOR), None, field, why) for field, why in _descriptor_flaws(own)]
    problems += (blank := _blank_rows(root, desc))
    if not blank:  # frictionless builds an object per error in every blank row of a table others look up
        problems += _unrepeated(list(_schema_problems(root, desc)), root, desc)
    problems += rule_problems(root, desc, geometry)
    return ordered(problems)


def _blank_rows(root: Path, desc: dict) -> list[Problem]:
    """A row of no cells, or of empty cells only, in any table: a million of them, listed and counted in
    seconds (frictionless takes minutes); a table that cannot be read is the schema checks' to report."""
    problems = []
    for resource in (r for r in desc["resources"] if r["type"] == "table"):
        path, count = root / resource["path"], 0
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                for number, cells in enumerate(csv.reader(handle), start=1):
                    if not any(cells):
                        count += 1
                        if count <= LISTED:
                            problems.append(Problem(str(path), number, None, "a blank row: a table has none"))
        except (OSError, UnicodeDecodeError, csv.Error):
            pass
        if count > LISTED:
            unlisted = f"{count - LISTED:,} more blank rows not listed: the first {LISTED:,} are"
            problems.append(Problem(str(path), None, None, unlisted))
    return problems


def _descriptor_flaws(value, where: str = "") -> Iterator[tuple[str, str]]:
    """(field, why) for each text of the descriptor that holds what no cell may (patterns aside)."""
    if isinstance(value, str):
        if (why := flaw(value, text=False)) is not None:
            yield where, why
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key != "constraints":
                yield from _descriptor_flaws(inner, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for at, inner in enumerate(value):
            yield from _descriptor_flaws(inner, f"{where}[{at}]")


def _schema_problems(root: Path, desc: dict) -> Iterator[Problem]:
    """Frictionless's report on every resource, in its own words."""
    try:
        package = Package(with_dialect(desc), basepath=str(root))
    except FrictionlessException as exc:
        for error in exc.to_errors():
            yield Problem(str(root / DESCRIPTOR), None, None, error.message)
        return
    keys = {r["name"]: r.get("schema", {}).get("primaryKey", []) for r in desc["resources"]}
    report = package.validate()
    for error in report.errors:
        yield Problem(str(root / DESCRIPTOR), None, None, error.message)
    for task in report.tasks:
        file = str(root / task.place)
        for error in task.errors:
            fields = getattr(error, "field_names", None) or [getattr(error, "field_name", None)]
            if error.type == "primary-key":
                fields = keys.get(task.name, [None])
            message = f"{error.type}: {error.note}"
            cell = getattr(error, "cell", None)
            if cell:
                message = f"{error.type}: {cell!r}: {error.note}"
            for field in fields:
                yield Problem(file, getattr(error, "row_number", None), field, message)


def _unrepeated(problems: list[Problem], root: Path, desc: dict) -> list[Problem]:
    """Problems without the echoes of a file that cannot be read: frictionless reports it again in each
    table whose foreign keys look up its rows; it is reported once, in its own file."""
    paths = {r["name"]: str(root / r["path"]) for r in desc["resources"]}
    looks_up = {
        paths[r["name"]]: {
            paths[key["reference"]["resource"]]
            for key in r.get("schema", {}).get("foreignKeys", [])
            if isinstance(key, dict) and key.get("reference", {}).get("resource") in paths
        }
        for r in desc["resources"]
    }
    whole = {(p.file, p.message) for p in problems if p.row is None}
    return [
        p
        for p in problems
        if p.row is not None or not any((other, p.message) in whole for other in looks_up.get(p.file, ()))
    ]


def rule_problems(root: Path, desc: dict, geometry: Path = GEOMETRY) -> list[Problem]:
    """The project's rules (rules.py) on the package whose checked descriptor is desc: each table streamed
    once, in ROW_RULES' order; past LISTED problems in a file, the rest are counted, not kept (a million
    broken rows would take gigabytes to list, and no one could read the list)."""
    kept: list[Problem] = []
    counted: Counter[str] = Counter()

    def keep(problem: Problem) -> None:
        counted[problem.file] += 1
        if counted[problem.file] <= LISTED:
            kept.append(problem)

    try:
        shapes = iso3_codes(geometry)
    except (OSError, ValueError, KeyError) as exc:
        keep(Problem(str(geometry), None, None, f"cannot read shapes: {exc}"))
        shapes = frozenset()
    paths = {r["name"]: root / r["path"] for r in desc["resources"] if r["type"] == "table"}
    ctx = Context(root, paths, geometry, shapes)
    for table, rules in ROW_RULES.items():
        file = str(paths[table])
        for number, row in _rows(ctx, table, keep):
            learn(ctx, table, number, row)
            for rule in (*CELL_RULES, *rules):
                for field, why in rule(ctx, table, number, row):
                    keep(Problem(file, number, field, why))
    for package_rule in PACKAGE_RULES:
        for problem in package_rule(ctx):
            keep(problem)
    unlisted = "{:,} more problems not listed: the first {:,} are"
    return kept + [
        Problem(f, None, None, unlisted.format(n - LISTED, LISTED)) for f, n in counted.items() if n > LISTED
    ]


def _rows(ctx: Context, table: str, keep: Callable[[Problem], None]) -> Iterator[tuple[int, dict[str, str]]]:
    """A table's rows as strings, when its header names each of its fields once; a table read only in
    part, or not at all, is marked so in ctx.partial, for the rules that need all of one."""
    path, file = ctx.paths[table], str(ctx.paths[table])
    if not path.exists():
        ctx.partial.add(table)
        return  # the schema checks report it
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        ctx.partial.add(table)
        return  # the schema checks report why it cannot be read
    missing = [f["name"] for f in TABLES[table]["fields"] if f["name"] not in header]
    twice = sorted({h for h in header if header.count(h) > 1})
    if missing:
        keep(Problem(file, 1, None, f"the header lacks {', '.join(missing)}"))
    if twice:
        keep(Problem(file, 1, None, f"the header names {', '.join(map(repr, twice))} more than once"))
    if missing or twice:  # its rows would be read under the wrong names
        ctx.partial.add(table)
        return

    def stopped(number: int, error: ValueError) -> None:
        ctx.partial.add(table)
        if isinstance(error, UnicodeDecodeError):
            return  # the schema checks report it, in frictionless's words
        why = f"cannot be read as CSV from here on: {error}"
        if str(error).startswith("field larger than field limit"):
            why = f"a cell holds more than {csv.field_size_limit():,} characters (a cell may hold {LIMIT:,})"
        keep(Problem(file, number, None, str(error) if isinstance(error, CutShort) else why))

    yield from records(path, stopped)


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else DATA_DIR
    problems = validate(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {root}", file=sys.stderr)
        return 1
    paths = {r["name"]: root / r["path"] for r in descriptor(root)["resources"]}
    counts = {name: sum(1 for _ in records(paths[name])) for name in ("events", "event_passages", "context")}
    print(
        f"{root}: valid ({counts['events']} events, {counts['event_passages']} further passages, "
        f"{counts['context']} context passages)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
