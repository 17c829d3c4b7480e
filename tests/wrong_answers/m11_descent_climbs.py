"""Gradient *ascent*: `w + lr * grad` steps uphill, and the loss grows from the first step."""

import numpy as np

REJECTED_BY = [
    "test_gradient_descent_first_step_from_zero",
    "test_gradient_descent_loss_goes_down_for_a_small_rate",
    "test_gradient_descent_reaches_the_least_squares_fit",
]


def gradient_descent(X, y, lr, epochs):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    with np.errstate(all="ignore"):
        for _ in range(epochs):
            losses.append(mse_loss(X, y, w, b))  # noqa: F821 (defined by the solution above)
            grad_w, grad_b = mse_gradient(X, y, w, b)  # noqa: F821
            w, b = w + lr * grad_w, b + lr * grad_b
    return w, float(b), losses
