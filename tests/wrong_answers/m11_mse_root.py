"""The root mean squared error (RMSE) where the mean squared error was asked for."""

import numpy as np

REJECTED_BY = ["test_mse_loss_matches_sklearn"]


def mse_loss(X, y, w, b):
    return float(np.sqrt(np.mean((X @ w + b - y) ** 2)))
