"""A model zoo that reports each model's error on its own training rows: the random forest
looks nearly perfect and the comparison says nothing about new cards."""

import numpy as np

from mlcourse.models import card_features

REJECTED_BY = ["test_zoo_reports_the_test_mae_of_its_models"]

_correct_model_zoo = model_zoo  # noqa: F821 (defined by the solution above)


def model_zoo(train, test, seed=42):
    zoo = _correct_model_zoo(train, test, seed)
    y = np.log(train["market_price"].to_numpy())
    return {
        name: (model, float(np.mean(np.abs(model.predict(card_features(train)) - y))))
        for name, (model, _) in zoo.items()
    }
