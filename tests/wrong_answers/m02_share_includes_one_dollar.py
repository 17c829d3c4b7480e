"""Counts a card at exactly $1.00 as "under $1" (`<=` instead of `<`)."""

import pandas as pd

REJECTED_BY = [
    "test_share_under_one_dollar_on_small_tables",
    "test_share_under_one_dollar_matches_a_count",
]


def share_under_one_dollar(cards: pd.DataFrame) -> float:
    return float((cards["market_price"] <= 1.0).mean())
