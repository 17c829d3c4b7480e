"""Searches that ignore their seed: every run tries different points, so a result cannot be
reproduced, compared or debugged."""

import numpy as np

REJECTED_BY = [
    "test_random_search_is_reproducible_with_its_seed",
    "test_bayes_search_is_reproducible_with_its_seed",
]

_correct_bayes_search = bayes_search  # noqa: F821 (defined by the solution above)


def random_search(objective, space, n_trials, seed=42):
    rng = np.random.default_rng()
    trials = []
    for _ in range(n_trials):
        params = {name: float(rng.uniform(low, high)) for name, (low, high) in space.items()}
        trials.append((params, objective(params)))
    return trials


def bayes_search(objective, space, n_trials, n_initial=5, seed=42):
    return _correct_bayes_search(objective, space, n_trials, n_initial, seed=None)
