"""Searches that do not count every evaluation against the budget: random search always
runs 100 trials and keeps the best `n_trials`; Bayesian search runs its random start on top
of `n_trials`."""

import numpy as np

REJECTED_BY = [
    "test_random_search_respects_its_budget",
    "test_bayes_search_respects_its_budget",
]

_correct_bayes_search = bayes_search  # noqa: F821 (defined by the solution above)


def random_search(objective, space, n_trials, seed=42):
    rng = np.random.default_rng(seed)
    trials = []
    for _ in range(100):
        params = {name: float(rng.uniform(low, high)) for name, (low, high) in space.items()}
        trials.append((params, objective(params)))
    return sorted(trials, key=lambda trial: trial[1])[:n_trials]


def bayes_search(objective, space, n_trials, n_initial=5, seed=42):
    return _correct_bayes_search(objective, space, n_trials + n_initial, n_initial, seed)
