"""The log loss without clipping: one certain mistake (p = 0 for a true 1) takes log(0) and the
mean becomes infinite (or nan)."""

import numpy as np

REJECTED_BY = ["test_log_loss_is_finite_for_certain_mistakes"]


def log_loss(y, p, eps=1e-15):
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
