"""Drops every row with an empty name or price instead of recovering the name from the
card's other finish, and misses names made only of spaces."""

import pandas as pd

REJECTED_BY = [
    "test_handle_missing_values_fills_or_drops_one_gap",
    "test_handle_missing_values_on_the_planted_gaps",
]


def handle_missing_values(cards: pd.DataFrame) -> pd.DataFrame:
    return cards.dropna(subset=["name", "set_release_date", "market_price"])
