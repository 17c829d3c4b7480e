"""Takes the mean in polars where the pandas version takes the median: on heavy-tailed
prices a few expensive cards pull the mean far above the typical card."""

import polars as pl

REJECTED_BY = [
    "test_price_summary_polars_matches_an_independent_count",
    "test_price_summaries_of_pandas_and_polars_agree",
]


def price_summary_polars(cards: pl.DataFrame) -> pl.DataFrame:
    return (
        cards.group_by("series", "finish")
        .agg(n_rows=pl.len(), median_price=pl.col("market_price").mean())
        .sort("series", "finish")
    )
