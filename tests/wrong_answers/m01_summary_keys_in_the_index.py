"""Leaves series and finish in the index of the pandas summary: the table looks right when
printed, but it has two columns instead of four and cannot be compared with polars."""

import pandas as pd

REJECTED_BY = [
    "test_price_summary_pandas_on_three_rows",
    "test_price_summary_pandas_matches_an_independent_count",
    "test_price_summaries_of_pandas_and_polars_agree",
]


def price_summary_pandas(cards: pd.DataFrame) -> pd.DataFrame:
    return cards.groupby(["series", "finish"])["market_price"].agg(
        n_rows="size", median_price="median"
    )
