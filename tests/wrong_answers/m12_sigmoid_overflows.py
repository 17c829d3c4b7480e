"""The sigmoid written straight from the formula, 1 / (1 + exp(-z)): for z = -1000, exp(1000)
overflows (NumPy warns, and the answer only comes out right by luck)."""

import numpy as np

REJECTED_BY = ["test_sigmoid_never_overflows"]


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))
