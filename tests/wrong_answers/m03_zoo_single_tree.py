"""A 'random forest' that is one unpruned decision tree: the wrong model family, and it
scores far worse than a forest (it memorises the training cards)."""

import numpy as np
from sklearn.tree import DecisionTreeRegressor

from mlcourse.models import card_features, price_pipeline

REJECTED_BY = [
    "test_zoo_fits_the_right_model_family",
    "test_zoo_mae_is_in_a_sensible_range",
]

_correct_model_zoo = model_zoo  # noqa: F821 (defined by the solution above)


def model_zoo(train, test, seed=42):
    zoo = _correct_model_zoo(train, test, seed)
    tree = price_pipeline(seed).set_params(model=DecisionTreeRegressor(random_state=seed))
    tree.fit(card_features(train), np.log(train["market_price"].to_numpy()))
    predicted = tree.predict(card_features(test))
    mae = float(np.mean(np.abs(predicted - np.log(test["market_price"].to_numpy()))))
    return zoo | {"random_forest": (tree, mae)}
