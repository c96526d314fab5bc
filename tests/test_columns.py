"""A rerun's counting on Arrow arrays (coopmap/columns.py): missing values are never counted."""

from __future__ import annotations

import pandas as pd

from coopmap.columns import factorized, filtered, is_

SCOPES = pd.Series(["country", "group", None, "counted", "country"], dtype="string[pyarrow]")
NAMES = pd.Series(["Iran", "ASEAN", "Peru", None, "Iran"], dtype="string[pyarrow]")


def test_is_marks_the_rows_holding_any_of_the_values_and_never_a_missing_one():
    assert is_(SCOPES, "country").tolist() == [True, False, False, False, True]
    assert is_(SCOPES, "group", "counted").tolist() == [False, True, False, True, False]
    assert is_(SCOPES, "absent").tolist() == [False] * 5


def test_filtered_keeps_the_rows_of_the_mask_in_order():
    assert filtered(NAMES, is_(SCOPES, "country", "group")).to_pylist() == ["Iran", "ASEAN", "Iran"]


def test_factorized_codes_values_in_first_seen_order_with_minus_one_for_missing():
    codes, values = factorized(filtered(NAMES, is_(SCOPES, "country", "counted", "group")))
    assert (codes.tolist(), values) == ([0, 1, -1, 0], ["Iran", "ASEAN"])


def test_a_plain_object_column_is_read_as_well():
    assert is_(pd.Series(["a", "b", None]), "b").tolist() == [False, True, False]
