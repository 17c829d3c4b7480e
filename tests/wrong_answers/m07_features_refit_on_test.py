"""Fits the set means and the scaler separately on each side: the training features are clean,
but the test cards' features come from their own prices and their own statistics."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler

REJECTED_BY = [
    "test_fixed_features_ignore_test_prices",
    "test_set_price_level_comes_from_training_prices",
    "test_scaled_columns_use_training_statistics",
]


def add_price_features(train, test):
    def features(cards):
        log_price = np.log(cards["market_price"])
        scaled = StandardScaler().fit_transform(_numeric_inputs(cards))
        return pd.DataFrame(
            {"set_price_level": log_price.groupby(cards["set_id"]).transform("mean"),
             "hp_scaled": scaled[:, 0], "age_scaled": scaled[:, 1]},
            index=cards.index,
        )

    return features(train), features(test)
