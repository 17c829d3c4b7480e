"""Gini impurity from the class counts instead of their shares: 1 - sum(count ** 2), which is
negative for any real node and grows with its size."""

import numpy as np

REJECTED_BY = ["test_gini_matches_a_fitted_trees_root"]


def gini_impurity(labels):
    _, counts = np.unique(labels, return_counts=True)
    return float(1 - np.sum(counts**2))
