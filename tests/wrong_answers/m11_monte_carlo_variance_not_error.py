"""The variance of the estimate, p (1 - p) / n, reported as its standard error (no square
root): it looks far more precise than it is."""

import numpy as np

REJECTED_BY = [
    "test_monte_carlo_estimate_is_close_to_the_exact_probability",
    "test_monte_carlo_standard_error_matches_the_formula",
]


def monte_carlo_estimate(event, n, seed):
    p = float(np.mean(event(np.random.default_rng(seed), n)))
    return p, p * (1 - p) / n
