"""Adds each set's median log price to the challenge features, computed over all rows: target
encoding that sees the test cards' prices. The grader must refuse it however well it scores."""

import numpy as np
import pandas as pd

REJECTED_BY = [
    "test_challenge_features_do_not_change_when_prices_are_shuffled",
    "test_challenge_beats_the_baseline_by_35_percent_on_the_hidden_split",
]

# challenge_features is the solution's, defined above this file when the test appends it.
_solution_challenge_features = challenge_features  # noqa: F821


def challenge_features(cards: pd.DataFrame) -> pd.DataFrame:
    features = _solution_challenge_features(cards)
    log_price = np.log(cards["market_price"])
    features["set_price_level"] = log_price.groupby(cards["set_id"]).transform("median")
    return features
