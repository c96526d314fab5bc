"""Amounts as the source writes them, read as whole US dollars (coopmap/dataset/amounts.py)."""

from __future__ import annotations

import pytest

from coopmap.dataset.amounts import parse_usd


@pytest.mark.parametrize(
    ("text", "usd"),
    [("1.3 亿美元", 130_000_000), ("5000 万美元", 50_000_000), ("1,200美元", 1200), ("2亿美元", 200_000_000)],
)
def test_amounts_in_chinese_units(text, usd):
    assert parse_usd(text) == usd


@pytest.mark.parametrize("text", ["1.3 亿", "五千万美元", "0.00001 万美元", "1.3 亿欧元"])
def test_amounts_that_are_not_whole_us_dollars_are_rejected(text):
    with pytest.raises(ValueError, match="not"):
        parse_usd(text)
