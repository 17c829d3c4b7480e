"""Gini impurity without a case for an empty node: with no classes, 1 - sum() is 1, the most
impure value possible for a node that holds nothing."""

import numpy as np

REJECTED_BY = ["test_gini_of_an_empty_node_is_zero"]


def gini_impurity(labels):
    _, counts = np.unique(labels, return_counts=True)
    return float(1 - np.sum((counts / max(counts.sum(), 1)) ** 2))
