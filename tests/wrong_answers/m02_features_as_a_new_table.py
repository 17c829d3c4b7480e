"""Builds the features as a brand-new table: a fresh 0..n-1 index that no longer lines up
with `cards`, and `card_id` kept as an eleventh column "for reference"."""

import pandas as pd

REJECTED_BY = [
    "test_features_have_the_ten_documented_names",
    "test_features_keep_one_row_per_input_row",
]

# engineer_features is the solution's, defined above this file when the test appends it.
_solution_engineer_features = engineer_features  # noqa: F821


def engineer_features(cards: pd.DataFrame) -> pd.DataFrame:
    features = _solution_engineer_features(cards).reset_index(drop=True)
    features.insert(0, "card_id", cards["card_id"].to_numpy())
    return features
