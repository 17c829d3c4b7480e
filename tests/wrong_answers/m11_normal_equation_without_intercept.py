"""The normal equation on X alone, without the column of ones: the fitted line is forced
through the origin and the bias is reported as 0."""

import numpy as np

REJECTED_BY = [
    "test_normal_equation_matches_linear_regression",
    "test_normal_equation_on_card_prices",
]


def normal_equation(X, y):
    return np.linalg.solve(X.T @ X, X.T @ y), 0.0
