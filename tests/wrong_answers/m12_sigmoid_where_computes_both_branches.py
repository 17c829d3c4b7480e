"""A "stable" sigmoid that picks the safe formula with np.where, but np.where evaluates both
formulas on every element first, so exp still overflows on the branch it then throws away."""

import numpy as np

REJECTED_BY = ["test_sigmoid_never_overflows"]


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1.0 / (1.0 + np.exp(-z)), np.exp(z) / (1.0 + np.exp(z)))
