"""Categories a package may list and no event uses: valid rows, in both languages, as many as wanted."""

from __future__ import annotations

from itertools import islice, product
from string import ascii_lowercase


def unused_categories(n: int) -> list[dict[str, str]]:
    """n category rows the validator accepts: ids of letters and underscores, labels and definitions in
    English and Chinese."""
    ids = ("unused_" + "".join(letters) for letters in product(ascii_lowercase, repeat=4))
    return [
        {
            "category_id": category,
            "label_en": f"Unused category {at}",
            "label_zh": f"未使用的类别 {at}",
            "definition_en": f"A category no event uses ({at}).",
            "definition_zh": f"没有事件使用的类别（{at}）。",
        }
        for at, category in enumerate(islice(ids, n))
    ]
