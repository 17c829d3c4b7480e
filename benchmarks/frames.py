"""pandas and polars on the same aggregation of the cards table.

Median market price and number of rows by series and finish, on `load_cards()` (the polars
frame is converted once, outside the timing). Both results are checked to agree before
anything is timed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl

from benchmarks.harness import Row, repeat, seconds_row

NAME = "aggregation: median price and count by series x finish"
KEYS = ["series", "finish"]


def with_pandas(cards: pd.DataFrame) -> pd.DataFrame:
    return cards.groupby(KEYS, as_index=False).agg(
        median_price=("market_price", "median"), rows=("market_price", "size")
    )


def with_polars(cards: pl.DataFrame) -> pl.DataFrame:
    return cards.group_by(KEYS).agg(
        pl.col("market_price").median().alias("median_price"), pl.len().alias("rows")
    )


def agree(left: pd.DataFrame, right: pl.DataFrame) -> bool:
    """True when both tools give the same groups, medians and counts."""
    a = left.sort_values(KEYS, ignore_index=True)
    b = right.sort(KEYS).to_pandas()
    same_keys = (a[KEYS].to_numpy() == b[KEYS].to_numpy()).all()
    return bool(same_keys and np.allclose(a["median_price"], b["median_price"])
                and (a["rows"].to_numpy() == b["rows"].to_numpy()).all())  # fmt: skip


def run(times: int) -> list[Row]:
    from mlcourse.data import load_cards

    cards = load_cards()[[*KEYS, "market_price"]]  # both tools get the same three columns
    frame = pl.from_pandas(cards)
    if not agree(with_pandas(cards), with_polars(frame)):
        raise RuntimeError("pandas and polars disagree on the aggregation")
    rounds = max(times, 1) * 10
    pandas_times = repeat(lambda: with_pandas(cards), rounds)
    polars_times = repeat(lambda: with_polars(frame), rounds)
    rows = [
        seconds_row(NAME, f"pandas ({len(cards):,} rows)", pandas_times),
        seconds_row(NAME, f"polars ({len(cards):,} rows)", polars_times),
    ]
    ratio = rows[0].value / rows[1].value if rows[1].value else None
    rows.append(Row(NAME, "ratio pandas / polars", ratio, "x"))
    return rows
