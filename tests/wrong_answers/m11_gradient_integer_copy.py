"""Central differences on `x.copy()`: for an integer point the copy is an integer array, so
`x[i] + 1e-5` is rounded back to `x[i]` and every derivative comes out 0."""

import numpy as np

REJECTED_BY = ["test_numeric_gradient_works_on_integer_points"]


def numeric_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for i in range(x.size):
        up, down = x.copy(), x.copy()
        up[i] += h
        down[i] -= h
        grad[i] = (f(up) - f(down)) / (2 * h)
    return grad
