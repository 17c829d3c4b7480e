"""Passes last week's price (`prev_market_price`, as it is) into the challenge features. The
hidden-split score would be superb, but a card listed for the first time has no last-week
price: the grader must refuse it."""

import pandas as pd

REJECTED_BY = [
    "test_challenge_features_are_a_table_the_model_can_use",
    "test_challenge_features_do_not_change_when_prices_are_shuffled",
    "test_challenge_beats_the_baseline_by_35_percent_on_the_hidden_split",
]

# challenge_features is the solution's, defined above this file when the test appends it.
_solution_challenge_features = challenge_features  # noqa: F821


def challenge_features(cards: pd.DataFrame) -> pd.DataFrame:
    features = _solution_challenge_features(cards)
    features["prev_market_price"] = cards["prev_market_price"]
    return features
