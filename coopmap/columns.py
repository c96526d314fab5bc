"""The selected events' columns as Arrow arrays, for a rerun's counting.
Not pandas, whose fixed cost per call adds up over the dozens of calls a rerun makes, nor numpy's object
arrays, which cost a Python string per row (bench/README.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def arrow(column: pd.Series) -> pa.ChunkedArray:
    """The column's own Arrow data (no copy for the package's string columns)."""
    values = pa.array(column.array)
    return values if isinstance(values, pa.ChunkedArray) else pa.chunked_array([values])


def is_(column: pd.Series, *values: str) -> np.ndarray:
    """Rows whose value is one of values, as a numpy mask (a missing value is none of them)."""
    found = pc.is_in(arrow(column), value_set=pa.array(values, pa.string()))
    return pc.fill_null(found, False).to_numpy()


def factorized(values: pa.ChunkedArray) -> tuple[np.ndarray, list]:
    """Each row's value as a code, -1 where missing, and the values in the order they first occur."""
    encoded = values.combine_chunks().dictionary_encode()
    return pc.fill_null(encoded.indices, -1).to_numpy(), encoded.dictionary.to_pylist()


def filtered(column: pd.Series, mask: np.ndarray) -> pa.ChunkedArray:
    """The column's values on the rows of mask."""
    return arrow(column).filter(pa.array(mask))
