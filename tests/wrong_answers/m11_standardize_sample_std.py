"""Scaling by the sample standard deviation (ddof=1, pandas' default) instead of the
population one StandardScaler uses."""

import numpy as np

REJECTED_BY = ["test_standardize_matches_standard_scaler"]


def standardize(X):
    mean = X.mean(axis=0)
    std = X.std(axis=0, ddof=1) if len(X) > 1 else np.ones(X.shape[1])
    std = np.where(std == 0, 1.0, std)
    return (X - mean) / std, mean, std
