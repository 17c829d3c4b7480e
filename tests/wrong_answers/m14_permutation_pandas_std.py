"""The spread over repeats taken with pandas' .std(), which divides by n - 1: with one repeat
it is NaN instead of 0, and it never matches scikit-learn's (numpy's ddof=0)."""

import numpy as np
import pandas as pd

REJECTED_BY = ["test_permutation_importance_single_repeat_has_zero_spread"]


def permutation_importance(model, X, y, metric, n_repeats, seed):
    rng = np.random.default_rng(seed)
    baseline = metric(y, model.predict(X))
    scores = {}
    for column in X.columns:
        rises = []
        for _ in range(n_repeats):
            shuffled = X.copy()
            shuffled[column] = X[column].to_numpy()[rng.permutation(len(X))]
            rises.append(metric(y, model.predict(shuffled)) - baseline)
        scores[column] = pd.Series(rises)
    return pd.DataFrame(
        {
            "importance_mean": {c: s.mean() for c, s in scores.items()},
            "importance_std": {c: s.std() for c, s in scores.items()},
        }
    )
