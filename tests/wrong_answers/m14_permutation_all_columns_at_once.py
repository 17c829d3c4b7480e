"""Every column shuffled at once in each repeat: each feature gets the importance of all of
them together, even one the model never reads."""

import numpy as np
import pandas as pd

REJECTED_BY = [
    "test_permutation_importance_of_an_unused_feature_is_zero",
    "test_permutation_importance_matches_sklearn",
]


def permutation_importance(model, X, y, metric, n_repeats, seed):
    rng = np.random.default_rng(seed)
    baseline = metric(y, model.predict(X))
    scores = []
    for _ in range(n_repeats):
        shuffled = X.copy()
        for column in X.columns:
            shuffled[column] = X[column].to_numpy()[rng.permutation(len(X))]
        scores.append(metric(y, model.predict(shuffled)) - baseline)
    scores = np.tile(scores, (X.shape[1], 1))
    return pd.DataFrame(
        {"importance_mean": scores.mean(axis=1), "importance_std": scores.std(axis=1)},
        index=X.columns,
    )
