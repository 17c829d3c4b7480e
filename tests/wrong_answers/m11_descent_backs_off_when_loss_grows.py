"""Gradient descent that quietly halves the learning rate whenever the loss goes up: a bad
learning rate is papered over instead of showing as a loss that grows."""

import numpy as np

REJECTED_BY = ["test_gradient_descent_diverges_when_the_rate_is_too_large"]


def gradient_descent(X, y, lr, epochs):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(epochs):
        loss = mse_loss(X, y, w, b)  # noqa: F821 (defined by the solution above)
        if losses and loss > losses[-1]:
            lr /= 2
        losses.append(loss)
        grad_w, grad_b = mse_gradient(X, y, w, b)  # noqa: F821
        w, b = w - lr * grad_w, b - lr * grad_b
    return w, float(b), losses
