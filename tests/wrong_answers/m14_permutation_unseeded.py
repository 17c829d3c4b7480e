"""Shuffles drawn from an unseeded generator: the importances change on every run, so no one
can reproduce the report."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import numpy as np

REJECTED_BY = ["test_permutation_importance_same_seed_same_result"]

_correct_permutation_importance = permutation_importance


def permutation_importance(model, X, y, metric, n_repeats, seed):
    fresh = int(np.random.default_rng().integers(2**32))
    return _correct_permutation_importance(model, X, y, metric, n_repeats, fresh)
