"""Noise drawn from numpy's global generator, ignoring `rng`: the caller's seed has no effect,
so no result can be reproduced."""

import numpy as np

REJECTED_BY = ["test_laplace_mechanism_draws_from_the_given_generator"]


def laplace_mechanism(true_value, sensitivity, epsilon, rng):
    if sensitivity <= 0 or epsilon <= 0:
        raise ValueError("sensitivity and epsilon must be > 0")
    return float(true_value + np.random.laplace(0.0, sensitivity / epsilon))
