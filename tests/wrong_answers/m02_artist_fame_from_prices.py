"""Measures an artist's fame by the median price of their cards: target encoding computed on
every row, test rows included. It looks like a great feature because it contains the answer."""

import pandas as pd

REJECTED_BY = [
    "test_non_leaky_features_do_not_change_when_prices_are_shuffled",
    "test_feature_matches_an_independent_computation",
]

# engineer_features is the solution's, defined above this file when the test appends it.
_solution_engineer_features = engineer_features  # noqa: F821


def engineer_features(cards: pd.DataFrame) -> pd.DataFrame:
    features = _solution_engineer_features(cards)
    by_artist = cards.groupby("artist")["market_price"].transform("median")
    features["artist_fame"] = by_artist.fillna(0)
    return features
