"""Compares the collector number with sets.csv's `max_number`, which is the set's largest
number secret rares included, so no card is ever flagged."""

import pandas as pd

from mlcourse.data import load_sets

REJECTED_BY = [
    "test_is_secret_rare_compares_with_the_main_list_of_the_set",
    "test_feature_matches_an_independent_computation",
]

# engineer_features is the solution's, defined above this file when the test appends it.
_solution_engineer_features = engineer_features  # noqa: F821


def engineer_features(cards: pd.DataFrame) -> pd.DataFrame:
    features = _solution_engineer_features(cards)
    number = pd.to_numeric(cards["number"], errors="coerce")
    max_number = cards["set_id"].map(load_sets().set_index("set_id")["max_number"])
    features["is_secret_rare"] = (number > max_number).fillna(False).astype(int)
    return features
