"""Pull request #41 with the fitting fixed but `last_price` kept ("it's our best feature"): last
week's price is unknown for a card being listed, and it nearly equals the target."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import numpy as np

REJECTED_BY = [
    "test_fixed_features_have_exactly_the_promised_columns",
    "test_fixed_features_ignore_test_prices",
    "test_fixed_features_need_no_prices_for_new_cards",
]

_fixed = add_price_features


def add_price_features(train, test):
    train_x, test_x = _fixed(train, test)
    train_x["last_price"] = np.log(train["prev_market_price"])
    test_x["last_price"] = np.log(test["prev_market_price"])
    return train_x, test_x
