"""Logistic regression whose bias stays at 0: the boundary is forced through the origin."""

import numpy as np

REJECTED_BY = [
    "test_fit_logistic_follows_the_gradient_step_by_step",
    "test_fit_logistic_matches_sklearn_without_penalty",
]


def fit_logistic(X, y, lr, epochs):
    w, losses = np.zeros(X.shape[1]), []
    for _ in range(epochs):
        p = sigmoid(X @ w)  # noqa: F821 (defined by the solution above)
        losses.append(log_loss(y, p))  # noqa: F821
        w = w - lr * X.T @ (p - y) / len(y)
    return w, 0.0, losses
