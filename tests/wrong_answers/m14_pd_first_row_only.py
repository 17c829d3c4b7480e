"""Partial dependence computed for the first row only: one card's curve (an ICE line), not the
average over all cards."""

import numpy as np

REJECTED_BY = ["test_partial_dependence_matches_sklearn_brute"]


def partial_dependence(model, X, feature, grid):
    row = X.iloc[[0]]
    averages = []
    for value in grid:
        changed = row.copy()
        changed[feature] = value
        averages.append(float(model.predict(changed)[0]))
    return np.array(averages)
