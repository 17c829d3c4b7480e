"""Central differences on one working copy that is never put back: each coordinate is moved
from where the previous one left the point, so functions with cross terms come out wrong."""

import numpy as np

REJECTED_BY = ["test_numeric_gradient_matches_the_analytic_gradient"]


def numeric_gradient(f, x, h=1e-5):
    point = np.array(x, dtype=float)
    grad = np.zeros_like(point)
    for i in range(point.size):
        point[i] += h
        up = f(point)
        point[i] -= 2 * h
        down = f(point)
        grad[i] = (up - down) / (2 * h)
    return grad
