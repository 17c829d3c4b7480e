"""Gradient descent with the step added instead of subtracted: every step climbs the loss."""

import numpy as np

REJECTED_BY = [
    "test_fit_logistic_follows_the_gradient_step_by_step",
    "test_fit_logistic_loss_goes_down",
    "test_fit_logistic_matches_sklearn_without_penalty",
]


def fit_logistic(X, y, lr, epochs):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(epochs):
        p = sigmoid(X @ w + b)  # noqa: F821 (defined by the solution above)
        losses.append(log_loss(y, p))  # noqa: F821
        w, b = w + lr * X.T @ (p - y) / len(y), b + lr * float(np.mean(p - y))
    return w, b, losses
