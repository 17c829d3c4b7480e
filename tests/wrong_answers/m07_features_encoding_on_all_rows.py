"""Pull request #41 half fixed: `last_price` is gone and the scaler is fitted on the training
cards, but the set means are still computed over train + test, test prices included."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler

REJECTED_BY = [
    "test_fixed_features_learn_nothing_from_test_rows",
    "test_fixed_features_ignore_test_prices",
    "test_set_price_level_comes_from_training_prices",
]


def add_price_features(train, test):
    cards = pd.concat([train, test])
    log_price = np.log(cards["market_price"])
    set_level = log_price.groupby(cards["set_id"]).mean()
    scaler = StandardScaler().fit(_numeric_inputs(train))

    def features(rows):
        scaled = scaler.transform(_numeric_inputs(rows))
        return pd.DataFrame(
            {"set_price_level": rows["set_id"].map(set_level).astype(float),
             "hp_scaled": scaled[:, 0], "age_scaled": scaled[:, 1]},
            index=rows.index,
        )

    return features(train), features(test)
