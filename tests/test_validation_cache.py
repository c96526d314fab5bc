"""A package found valid once is not validated again until something it depends on changes."""

from __future__ import annotations

import errno
import json
import os

import pytest

from coopmap.dataset import validation_cache as module
from coopmap.dataset.validation_cache import cached_problems


@pytest.fixture
def runs(monkeypatch) -> list:
    """The packages validate() was run on, in order."""
    seen = []
    validate = module.validate

    def counted(root, geometry):
        seen.append(root)
        return validate(root, geometry)

    monkeypatch.setattr(module, "validate", counted)
    return seen


def test_a_restart_on_an_unchanged_package_does_not_validate_it_again(data_copy, tmp_path, runs, monkeypatch):
    assert cached_problems(data_copy.root, cache=tmp_path / "cache") == []
    monkeypatch.setattr(module, "validate", lambda root, geometry: pytest.fail("validated again"))
    assert cached_problems(data_copy.root, cache=tmp_path / "cache") == []
    assert runs == [data_copy.root]


def test_a_copy_elsewhere_with_the_same_bytes_is_the_same_package(data_copy, tmp_path, runs):
    cached_problems(data_copy.root, cache=tmp_path / "cache")
    moved = data_copy.root.rename(tmp_path / "moved")
    assert cached_problems(moved, cache=tmp_path / "cache") == []
    assert len(runs) == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.change("events.csv", "E007", summary_en="Changed in the copy."),
        lambda d: d.change("context.csv", "C001", notes="Changed."),
        lambda d: (d.root / "datapackage.json").write_text(
            (d.root / "datapackage.json").read_text(encoding="utf-8").replace("0.4.1", "0.4.2"),
            encoding="utf-8",
        ),
        lambda d: (d.root / "texts" / "gnews-zh-1771034.md").write_bytes(
            (d.root / "texts" / "gnews-zh-1771034.md").read_bytes() + b"\n"
        ),
        lambda d: (d.root / "texts" / "unread.md").write_text("x", encoding="utf-8"),
    ],
    ids=["csv", "another_csv", "descriptor", "stored_text", "new_file"],
)
def test_any_changed_byte_validates_again(data_copy, tmp_path, runs, change):
    cached_problems(data_copy.root, cache=tmp_path / "cache")
    change(data_copy)
    cached_problems(data_copy.root, cache=tmp_path / "cache")
    assert len(runs) == 2


def test_other_shapes_validate_again(data_copy, tmp_path, runs):
    cached_problems(data_copy.root, cache=tmp_path / "cache")
    geometry = tmp_path / "countries.geojson"
    geometry.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    assert cached_problems(data_copy.root, geometry, cache=tmp_path / "cache") == []
    assert len(runs) == 2


def test_the_cache_never_turns_an_invalid_package_valid(data_copy, tmp_path, runs):
    cache = tmp_path / "cache"
    assert cached_problems(data_copy.root, cache=cache) == []
    data_copy.change("events.csv", "E003", year="twenty")
    for _ in range(2):  # an invalid answer is not kept: every start shows every problem
        assert [p.field for p in cached_problems(data_copy.root, cache=cache)] == ["year"]
    assert len(runs) == 3 and len(list((cache / "valid").iterdir())) == 1


def test_an_unwritable_cache_still_validates(data_copy, tmp_path, runs):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    for _ in range(2):
        assert cached_problems(data_copy.root, cache=blocked / "cache") == []
    assert len(runs) == 2


def test_nothing_is_written_in_the_package(data_copy, tmp_path):
    before = {p: p.stat().st_mtime_ns for p in data_copy.root.rglob("*")}
    cached_problems(data_copy.root, cache=tmp_path / "cache")
    assert {p: p.stat().st_mtime_ns for p in data_copy.root.rglob("*")} == before
    assert [p.suffix for p in (tmp_path / "cache" / "valid").iterdir()] == [".json"]  # no temporary left


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS])
def test_a_full_or_read_only_disk_leaves_no_partial_record_and_says_so(
    data_copy, tmp_path, runs, monkeypatch, caplog, error
):
    def fails(*args, **kwargs):
        raise OSError(error, os.strerror(error))

    cache = tmp_path / "cache"
    with monkeypatch.context() as disk:
        disk.setattr(
            json, "dump", fails
        )  # the record's file is open, maybe half written: then the disk fails
        assert cached_problems(data_copy.root, cache=cache) == []
    assert list((cache / "valid").iterdir()) == []  # no temporary file left, and no record
    assert f"could not be recorded in {cache / 'valid'} ([Errno {error}] {os.strerror(error)})" in caplog.text
    assert (
        cached_problems(data_copy.root, cache=cache) == [] and len(runs) == 2
    )  # validated again, then recorded
    assert [p.suffix for p in (cache / "valid").iterdir()] == [".json"]


def test_only_the_most_recently_used_records_are_kept(data_copy, tmp_path, runs, monkeypatch):
    """Five versions with room for three records: the least recently used two are validated again."""
    monkeypatch.setattr(module, "KEEP", 3)
    cache = tmp_path / "cache"

    def version(n: int) -> None:
        (data_copy.root / "texts" / "unread.md").write_text(f"version {n}", encoding="utf-8")
        assert cached_problems(data_copy.root, cache=cache) == []

    for n in [1, 2, 3, 2, 4, 5]:  # 2 is used again before 4 and 5 arrive
        version(n)
    assert len(list((cache / "valid").iterdir())) == 3
    assert len(runs) == 5
    for n in [2, 4, 5]:  # kept: not validated again
        version(n)
    assert len(runs) == 5
    for n in [1, 3]:  # forgotten
        version(n)
    assert len(runs) == 7
