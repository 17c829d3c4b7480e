"""The mean's sensitivity taken as upper - lower, forgetting that one person moves a mean of n
values only by (upper - lower) / n: n times more noise than needed."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import numpy as np

REJECTED_BY = ["test_private_mean_noise_scale_is_range_over_n_epsilon"]


def private_mean(values, lower, upper, epsilon, rng):
    clipped = np.clip(np.asarray(values, dtype=float), lower, upper)
    return laplace_mechanism(float(clipped.mean()), upper - lower, epsilon, rng)
