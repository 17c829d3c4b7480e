"""A Monte Carlo estimate from an unseeded generator: the seed argument is ignored, so the
same call gives a different number every time."""

import math

import numpy as np

REJECTED_BY = ["test_monte_carlo_same_seed_same_estimate"]


def monte_carlo_estimate(event, n, seed):
    p = float(np.mean(event(np.random.default_rng(), n)))
    return p, math.sqrt(p * (1 - p) / n)
