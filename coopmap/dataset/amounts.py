"""Read an amount of money as a Chinese source writes it ('1.3 亿美元'), to check amount_usd."""

from __future__ import annotations

import re
from decimal import Decimal

_AMOUNT = re.compile(r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万|亿)?\s*美元\s*$")
_UNITS = {None: 1, "万": 10_000, "亿": 100_000_000}


def parse_usd(text: str) -> int:
    """US dollars in '5000 万美元' or '1.3 亿美元'; ValueError for anything else."""
    match = _AMOUNT.match(text)
    if not match:
        raise ValueError(f"not an amount in US dollars: {text!r}")
    value = Decimal(match.group(1).replace(",", "")) * _UNITS[match.group(2)]
    if value != value.to_integral_value():
        raise ValueError(f"not a whole number of dollars: {text!r}")
    return int(value)
