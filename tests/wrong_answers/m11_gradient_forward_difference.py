"""A forward difference `(f(x + h) - f(x)) / h` with a large step: its error shrinks only
like h, so it is visibly off from the true gradient."""

import numpy as np

REJECTED_BY = [
    "test_numeric_gradient_matches_the_analytic_gradient",
    "test_numeric_gradient_uses_central_differences_with_the_given_step",
]


def numeric_gradient(f, x, h=1e-2):
    point = np.array(x, dtype=float)
    base = f(point)
    grad = np.zeros_like(point)
    for i in range(point.size):
        moved = point.copy()
        moved[i] += h
        grad[i] = (f(moved) - base) / h
    return grad
