"""Thresholds taken at the data values themselves (x <= value) instead of the midpoints: the
same partitions, but a new value just above a training value falls on the wrong side."""

import numpy as np

REJECTED_BY = ["test_best_split_on_hand_worked_cases", "test_best_split_matches_a_decision_stump"]

_gini = gini_impurity  # noqa: F821 (defined by the solution above)


def best_gini_split(X, y):
    n, best = len(y), None
    for feature in range(X.shape[1]):
        for threshold in np.unique(X[:, feature])[:-1]:
            left = X[:, feature] <= threshold
            score = (left.sum() * _gini(y[left]) + (~left).sum() * _gini(y[~left])) / n
            if best is None or score < best[2]:
                best = (feature, float(threshold), float(score))
    return best
