"""Standardizing without a guard for constant columns: their std is 0 and 0 / 0 is nan."""

REJECTED_BY = ["test_standardize_keeps_a_constant_column_finite"]


def standardize(X):
    mean, std = X.mean(axis=0), X.std(axis=0)
    return (X - mean) / std, mean, std
