"""Residuals written as `y - prediction`: the gradient points uphill, so a descent that steps
against it climbs instead."""

REJECTED_BY = ["test_mse_gradient_matches_finite_differences"]


def mse_gradient(X, y, w, b):
    residuals = y - (X @ w + b)
    return 2 * X.T @ residuals / len(y), float(2 * residuals.sum() / len(y))
