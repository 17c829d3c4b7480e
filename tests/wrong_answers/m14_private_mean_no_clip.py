"""A private mean that never clips: one $250 card moves the mean far beyond what noise of
scale (upper - lower) / (n * epsilon) can hide."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import numpy as np

REJECTED_BY = ["test_private_mean_clips_before_averaging"]


def private_mean(values, lower, upper, epsilon, rng):
    values = np.asarray(values, dtype=float)
    return laplace_mechanism(float(values.mean()), (upper - lower) / len(values), epsilon, rng)
