"""The model is cloned and refitted on each shuffled table: that measures how well a new model
does without the feature (about half as much loss for a linear model), not how much the
fitted model relies on it. It also fails on a model that cannot be refitted."""

import numpy as np
import pandas as pd
from sklearn.base import clone

REJECTED_BY = [
    "test_permutation_importance_matches_sklearn",
    "test_permutation_importance_is_twice_weight_squared_times_variance",
]


def permutation_importance(model, X, y, metric, n_repeats, seed):
    rng = np.random.default_rng(seed)
    baseline = metric(y, model.predict(X))
    scores = np.zeros((X.shape[1], n_repeats))
    for i, column in enumerate(X.columns):
        for repeat in range(n_repeats):
            shuffled = X.copy()
            shuffled[column] = X[column].to_numpy()[rng.permutation(len(X))]
            refitted = clone(model).fit(shuffled, y)
            scores[i, repeat] = metric(y, refitted.predict(shuffled)) - baseline
    return pd.DataFrame(
        {"importance_mean": scores.mean(axis=1), "importance_std": scores.std(axis=1)},
        index=X.columns,
    )
