"""Fits on the training cards only, but a set with no training cards (a new release) gets NaN
for set_price_level, which most models can't take and which breaks on launch day."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler

REJECTED_BY = ["test_set_price_level_comes_from_training_prices"]


def add_price_features(train, test):
    log_price = np.log(train["market_price"])
    set_level = log_price.groupby(train["set_id"]).mean()
    scaler = StandardScaler().fit(_numeric_inputs(train))

    def features(cards):
        scaled = scaler.transform(_numeric_inputs(cards))
        return pd.DataFrame(
            {"set_price_level": cards["set_id"].map(set_level).astype(float),
             "hp_scaled": scaled[:, 0], "age_scaled": scaled[:, 1]},
            index=cards.index,
        )

    return features(train), features(test)
