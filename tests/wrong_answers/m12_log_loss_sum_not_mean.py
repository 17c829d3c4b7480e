"""The log loss summed over the rows instead of averaged: it grows with the number of rows."""

import numpy as np

REJECTED_BY = ["test_log_loss_matches_sklearn"]


def log_loss(y, p, eps=1e-15):
    p = np.clip(p, eps, 1 - eps)
    return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))
