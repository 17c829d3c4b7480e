"""A split scored by the plain average of the two sides' impurities: a tiny pure side looks as
good as a big one, so the best split drifts to the edges."""

import numpy as np

REJECTED_BY = ["test_best_split_on_hand_worked_cases", "test_best_split_matches_a_decision_stump"]


def best_gini_split(X, y):
    best = None
    for feature in range(X.shape[1]):
        values = np.unique(X[:, feature])
        for threshold in (values[:-1] + values[1:]) / 2:
            left = X[:, feature] <= threshold
            score = (gini_impurity(y[left]) + gini_impurity(y[~left])) / 2  # noqa: F821
            if best is None or score < best[2]:
                best = (feature, float(threshold), float(score))
    return best
