"""A split search that compares with <=, so of two equally good splits the last one found wins
instead of the first."""

import numpy as np

REJECTED_BY = ["test_best_split_on_hand_worked_cases"]

_gini = gini_impurity  # noqa: F821 (defined by the solution above)


def best_gini_split(X, y):
    n, best = len(y), None
    for feature in range(X.shape[1]):
        values = np.unique(X[:, feature])
        for threshold in (values[:-1] + values[1:]) / 2:
            left = X[:, feature] <= threshold
            score = (left.sum() * _gini(y[left]) + (~left).sum() * _gini(y[~left])) / n
            if best is None or score <= best[2]:
                best = (feature, float(threshold), float(score))
    return best
