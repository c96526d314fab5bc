"""Valid means loadable: any package the validator passes loads and renders every panel.

Generated mutations of the real package (declared types, enums and keys, the descriptor's shape, paths,
encodings, cells and rows) are each either refused, every problem naming a file of the package, or
shown in full by the page: map, cards, table, both downloads and both figures, with no exception.
"""

from __future__ import annotations

import contextlib
import csv
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from coopmap.dataset.validate import validate
from coopmap.paths import DATA_DIR
from tests.support.app import downloads, run, show

TABLES = ["events", "event_passages", "context", "corroborations", "original_passages", "sources"]
TABLES += ["categories", "groups", "group_members", "country_aliases"]
TYPES = ["string", "integer", "boolean", "date", "number", "any", "year"]
JSON_VALUES = [None, 0, -1, "", "x", [], {}, True, "http://127.0.0.1:9/x", "utf-16", "table", "file"]
CELLS = [
    "",
    " ",
    "x",
    "+1",
    "2_010",
    "TRUE",
    "1",
    "0",
    "1e3",
    "٣",
    "-5",
    "2016",
    "99999",
    "true",
    "false",
    "E001",
    "E999",
    "P001",
    "K001",
    "AAA",
    "CHN",
    "TWN",
    "USA",
    "ECU",
    "=1+1",
    "<b>x</b>",
    "a\nb",
    "2021-1-1",
    "2021-12-17",
    "police_training",
    "surveillance_system",
    "country",
    "group",
    "aggregate",
    "confirms",
    "partly",
    "maybe",
    "planet",
    "africa",
    "gnews-zh-1771034",
    "texts/gnews-zh-1771034.md",
    "x" * 25_000,
    "厄瓜多尔",
    "中共",
    "US$130 million",
    "1.3 亿美元",
    "130000000000000000000",
]


def _descriptor(root: Path) -> dict:
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))


def _write_descriptor(root: Path, desc) -> None:
    (root / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")


def _path(root: Path, table: str) -> Path:
    return root / next(r["path"] for r in _descriptor(root)["resources"] if r.get("name") == table)


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _paths(value, at=()) -> list[tuple]:
    """Every key path into a JSON value."""
    found = [at] if at else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*at, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*at, index))
    return found


def _set(value, path: tuple, new, delete: bool = False) -> None:
    for key in path[:-1]:
        value = value[key]
    if delete:
        del value[path[-1]]
    else:
        value[path[-1]] = new


BREAKING = ["retype", "constrain", "descriptor", "cell", "row", "move", "encoding", "header", "text"]
KEEPING = ["notes", "relocate", "order", "words"]  # changes a valid package may make


@st.composite
def mutation(draw, kinds: list[str]):
    """One change to the package, as a function of its folder."""
    kind = draw(st.sampled_from(kinds))
    table = draw(st.sampled_from(TABLES))
    pick = draw(st.integers(0, 10**6))
    choice = draw(st.integers(0, 10**6))
    value = draw(st.sampled_from(CELLS))
    json_value = draw(st.sampled_from(JSON_VALUES))

    def apply(root: Path) -> None:
        # the descriptor or file an earlier change broke may have no such part: then nothing changes
        with contextlib.suppress(
            KeyError, IndexError, TypeError, AttributeError, StopIteration, ValueError, OSError
        ):
            change(root)

    def change(root: Path) -> None:
        desc = _descriptor(root)
        resource = next(r for r in desc["resources"] if r["name"] == table)
        fields = resource["schema"]["fields"]
        field = fields[pick % len(fields)]
        path = root / resource["path"]
        if kind == "retype":
            field["type"] = TYPES[choice % len(TYPES)]
            _write_descriptor(root, desc)
        elif kind == "constrain":
            rules = field.setdefault("constraints", {})
            if "enum" in rules and choice % 2:
                rules["enum"] = rules["enum"][:1]
            elif rules:
                rules.pop(sorted(rules)[choice % len(rules)])
            else:
                rules["required"] = True
            _write_descriptor(root, desc)
        elif kind == "descriptor":
            where = _paths(desc)[pick % len(_paths(desc))]
            _set(desc, where, json_value, delete=bool(choice % 2))
            _write_descriptor(root, desc)
        elif kind in ("cell", "row", "header"):
            rows = _rows(path)
            at = 1 + pick % max(1, len(rows) - 1)
            if kind == "cell" and len(rows) > 1:
                rows[at][choice % len(rows[at])] = value
            elif kind == "row" and len(rows) > 1:
                rows[at : at + 1] = [] if choice % 2 else [rows[at], rows[at]]
            elif kind == "header":
                column = choice % len(rows[0])
                rows = [r[:column] + r[column + 1 :] for r in rows] if pick % 2 else rows
                rows[0] = rows[0][::-1] if not pick % 2 else rows[0]
            _write_rows(path, rows)
        elif kind in ("move", "relocate"):  # the file moved, the descriptor told so (valid) or not
            new = ["tables/" + path.name, path.stem, path.stem + ".txt"][choice % 3]
            (root / new).parent.mkdir(exist_ok=True)
            path.rename(root / new)
            if kind == "relocate" or pick % 2:
                resource["path"] = new
                _write_descriptor(root, desc)
        elif kind == "encoding":
            encoding = ["utf-16", "latin-1", "gbk", "utf-8-sig"][choice % 4]
            if pick % 2:
                resource["encoding"] = encoding
                _write_descriptor(root, desc)
            else:
                path.write_bytes(path.read_text(encoding="utf-8").encode(encoding, "replace"))
        elif kind == "text":
            text = root / "texts" / "gnews-zh-1771034.md"
            lines = text.read_text(encoding="utf-8").split("\n")
            lines[pick % len(lines)] = value if choice % 2 else ""
            text.write_text("\n".join(lines), encoding="utf-8")
        elif kind == "order":
            rows = _rows(path)
            _write_rows(path, [rows[0], *rows[:0:-1]])
        elif kind == "words":
            desc["title"], desc["description_zh"] = f"Title {choice}", f"说明 {pick}"
            _write_descriptor(root, desc)
        elif kind == "notes":  # the project's own words changed: still valid
            rows = _rows(_path(root, "events"))
            at = 1 + pick % (len(rows) - 1)
            notes_en, notes_zh = rows[0].index("notes_en"), rows[0].index("notes_zh")
            rows[at][notes_en], rows[at][notes_zh] = f"Note {choice}.", f"注 {choice}。"
            _write_rows(_path(root, "events"), rows)

    apply.__name__ = f"{kind}({table}, {pick}, {choice}, {value[:20]!r}, {json_value!r})"
    return apply


CHANGES = st.one_of(
    st.lists(mutation(BREAKING), min_size=1, max_size=3),
    st.lists(mutation(KEEPING), min_size=1, max_size=3),
)
SLOW_OK = {
    "derandomize": True,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


def refused_or_rendered(monkeypatch, changes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "data"
        shutil.copytree(DATA_DIR, root)
        for change in changes:
            change(root)
        problems = validate(root)
        event("refused" if problems else "rendered")
        if problems:
            for problem in problems:
                assert Path(problem.file).is_relative_to(root), problem
                assert problem.message and "Traceback" not in problem.message, problem
            return
        monkeypatch.setenv("DASHBOARD_DATA", str(root))
        files = downloads(country="ECU")  # the page, a country's panel and cards, table, every file
        assert sorted(name.rsplit(".", 1)[1] for name in files) == ["csv", "json", "png", "png", "svg", "svg"]
        at = run(country="ECU", tab="timeline")  # the tabs a first run does not build
        assert len(at.get("vega_lite_chart")) == 1
        assert len(show(at, "table").dataframe) == 1


@settings(max_examples=10, **SLOW_OK)
@given(changes=CHANGES)
def test_a_mutated_package_is_refused_with_its_place_or_rendered_in_full(monkeypatch, changes):
    refused_or_rendered(monkeypatch, changes)


@pytest.mark.bench  # more of the same trial: 3-5 s for each package rendered
@settings(max_examples=40, **SLOW_OK)
@given(changes=CHANGES)
def test_forty_more_mutated_packages_are_each_refused_or_rendered_in_full(monkeypatch, changes):
    refused_or_rendered(monkeypatch, changes)
