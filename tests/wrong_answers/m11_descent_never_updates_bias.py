"""Gradient descent that steps the weights but never the bias: the line is pinned through 0,
far from log prices whose mean is about -1."""

import numpy as np

REJECTED_BY = [
    "test_gradient_descent_first_step_from_zero",
    "test_gradient_descent_reaches_the_least_squares_fit",
    "test_gradient_descent_matches_sklearn_on_card_prices",
]


def gradient_descent(X, y, lr, epochs):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(epochs):
        losses.append(mse_loss(X, y, w, b))  # noqa: F821 (defined by the solution above)
        grad_w, _ = mse_gradient(X, y, w, b)  # noqa: F821
        w = w - lr * grad_w
    return w, b, losses
