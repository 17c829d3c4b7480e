"""Residuals computed as `X @ w - y`, leaving out the bias: the gradient is right only while
b is 0, and never vanishes at the true least-squares fit."""

REJECTED_BY = [
    "test_mse_gradient_matches_finite_differences",
    "test_mse_gradient_is_zero_at_the_least_squares_fit",
]


def mse_gradient(X, y, w, b):
    residuals = X @ w - y
    return 2 * X.T @ residuals / len(y), float(2 * residuals.sum() / len(y))
