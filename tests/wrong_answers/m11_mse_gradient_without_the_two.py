"""The MSE gradient without the 2 that comes down from the square: half the true gradient.
Descent still works, just as if the learning rate were halved, which hides the bug."""

REJECTED_BY = ["test_mse_gradient_matches_finite_differences"]


def mse_gradient(X, y, w, b):
    residuals = X @ w + b - y
    return X.T @ residuals / len(y), float(residuals.sum() / len(y))
