"""Pull request #41 half fixed: the set means now come from the training cards, but the scaler is
still fitted on train + test, so the test cards move the training features."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler

REJECTED_BY = [
    "test_fixed_features_learn_nothing_from_test_rows",
    "test_scaled_columns_use_training_statistics",
]


def add_price_features(train, test):
    log_price = np.log(train["market_price"])
    set_level = log_price.groupby(train["set_id"]).mean()
    scaler = StandardScaler().fit(_numeric_inputs(pd.concat([train, test])))

    def features(cards):
        scaled = scaler.transform(_numeric_inputs(cards))
        level = cards["set_id"].map(set_level).astype(float).fillna(log_price.mean())
        return pd.DataFrame(
            {"set_price_level": level, "hp_scaled": scaled[:, 0], "age_scaled": scaled[:, 1]},
            index=cards.index,
        )

    return features(train), features(test)
