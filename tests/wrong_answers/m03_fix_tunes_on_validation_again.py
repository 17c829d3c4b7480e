"""Fixes scenario C by tuning more carefully, on the same 67 validation rows: the choice
still follows the luck of those rows, which is the problem it was meant to fix."""

import numpy as np
from sklearn.tree import DecisionTreeRegressor

from mlcourse.models import card_features, price_pipeline

REJECTED_BY = ["test_fix_c_is_chosen_without_the_validation_rows"]

_correct_fix_overfitting = fix_overfitting  # noqa: F821 (defined by the solution above)


def fix_overfitting(scenario, train, valid):
    if scenario != "C":
        return _correct_fix_overfitting(scenario, train, valid)
    X, y = card_features(train), np.log(train["market_price"].to_numpy())
    X_valid, y_valid = card_features(valid), np.log(valid["market_price"].to_numpy())
    scores = {}
    for depth in (4, 6, 8, 10, 12):
        for leaf in (1, 5, 20):
            model = price_pipeline(42).set_params(
                model=DecisionTreeRegressor(max_depth=depth, min_samples_leaf=leaf, random_state=42)
            )
            scores[(depth, leaf)] = np.mean(np.abs(model.fit(X, y).predict(X_valid) - y_valid))
    depth, leaf = min(scores, key=scores.get)
    return price_pipeline(42).set_params(
        model=DecisionTreeRegressor(max_depth=depth, min_samples_leaf=leaf, random_state=42)
    )
