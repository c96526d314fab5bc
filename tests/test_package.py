"""Loading the data package (coopmap/dataset/package.py): typed tables, how to cite it, lookups, errors."""

from __future__ import annotations

import pytest

from coopmap.dataset.package import DataPackageError, Rows, load


def test_the_package_carries_its_own_title_licence_and_version(package):
    assert (package.title, package.version) == ("Reported security cooperation", "0.4.1")
    assert package.licence == "CC-BY-4.0"


def test_tables_follow_their_schema_types(package):
    events = package["events"]
    assert str(events["year"].dtype) == "Int64" and str(events["event_id"].dtype) == "string"
    assert str(package["corroborations"]["countries_complete"].dtype) == "boolean"


def test_lookups_by_key_are_built_once_and_give_rows_with_empty_cells_as_blank(package):
    row = package.row("sources", "source_id", "epochtimes-4161229")
    assert (row["publisher"], row["translator"]) == ("The Epoch Times", "")
    assert package.row("sources", "source_id", "nowhere") is None
    assert package.rows_by("groups", "group_id") is package.rows_by("groups", "group_id")
    assert len(package.rows_by("event_passages", "event_id")["E001"]) == 2  # two further passages


def test_rows_by_key_are_found_by_exact_value_and_listed_in_the_order_values_first_occur(package):
    members = package["group_members"]
    by_group = Rows(members, "group_id")
    assert list(by_group) == list(dict.fromkeys(members["group_id"]))
    assert [r["country_iso3"] for r in by_group["central-asia"]] == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    for missing in ("central-asi", "central-asia ", "central-asiaX", "", "中亚", None):
        assert missing not in by_group
    assert sum(len(by_group[g]) for g in by_group) == len(members)


def test_members_are_listed_by_group_in_the_tables_order(package):
    assert package.members["central-asia"] == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert package.members is package.members


def test_another_folder_is_read_as_its_own_package(data_copy):
    data_copy.change("events.csv", "E007", summary_en="Changed in the copy.")
    copy = load(data_copy.root)
    assert copy.root == data_copy.root
    assert copy["events"].set_index("event_id").loc["E007", "summary_en"] == "Changed in the copy."


@pytest.mark.parametrize(
    ("file", "key", "cells", "message"),
    [
        (
            "events.csv",
            "E003",
            {"year": "twenty"},
            "events.csv, row 4, field year: 'twenty' is not an integer",
        ),
        (
            "corroborations.csv",
            "K002",
            {"countries_complete": "yes"},
            "corroborations.csv, row 3, field countries_complete: 'yes' is not true or false",
        ),
    ],
)
def test_loading_a_broken_table_names_file_row_and_field(data_copy, file, key, cells, message):
    data_copy.change(file, key, **cells)
    with pytest.raises(DataPackageError) as error:
        load(data_copy.root)
    assert str(error.value).endswith(message)


def test_loading_a_table_with_a_missing_column_names_it(data_copy):
    rows = data_copy.rows("groups.csv")
    data_copy.write("groups.csv", [{k: v for k, v in r.items() if k != "notes_zh"} for r in rows])
    with pytest.raises(DataPackageError, match=r"groups.csv, row 2, field notes_zh: cell missing"):
        load(data_copy.root)


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("E016,country", "row 17, field country_iso3: cell missing"),
        ("E016" + ",x" * 24, "row 17: 25 cells, where the header names 24"),
    ],
)
def test_loading_a_row_with_too_few_or_too_many_cells_names_it(data_copy, cells, message):
    with (data_copy.root / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"\n{cells}\n")  # after a blank line, which is no row
    with pytest.raises(DataPackageError) as error:
        load(data_copy.root)
    assert str(error.value) == f"{data_copy.root}/events.csv, {message}"


def test_a_file_named_outside_the_package_is_never_read(data_copy):
    data_copy.change("sources.csv", "gnews-zh-1771034", text_path="../../../etc/hostname")
    with pytest.raises(DataPackageError) as error:
        load(data_copy.root)
    assert str(error.value) == (
        f"{data_copy.root}/sources.csv, row 3, field text_path: '../../../etc/hostname' "
        f"leaves the package folder {data_copy.root}"
    )


def test_the_descriptor_speaks_for_the_package_in_each_language(package):
    assert package.said("title", "zh") == "已报道的安全合作"
    assert package.said("title", "en") == "Reported security cooperation"
    assert package.said("description", "en").startswith("Who trains, equips and surveils with whom")
    assert package.said("description", "zh").startswith("谁与谁在培训、装备和监控方面合作")
    assert package.said("homepage", "zh") == ""  # not given: nothing
