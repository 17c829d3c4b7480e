"""Features that keep last week's price of the card as an input ("it is just history"): at
listing time nobody knows it, and it is within 7% of the answer for half the cards."""

# ruff: noqa: F821 (names like `build_features` come from the solution this file extends)

import pandas as pd

REJECTED_BY = [
    "test_features_have_one_row_per_card_and_five_columns",
    "test_features_ignore_every_price_column",
    "test_leakage_checks_pass_clean_features",
]

_attribute_features = build_features


def build_features(cards: pd.DataFrame) -> pd.DataFrame:
    return _attribute_features(cards).assign(prev_market_price=cards["prev_market_price"])
