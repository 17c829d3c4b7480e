"""A 'Bayesian' search that never uses what it has learned: every point is random, so it
needs many more evaluations to get close to the optimum."""

import numpy as np

REJECTED_BY = [
    "test_bayes_search_finds_a_known_optimum_in_one_dimension",
    "test_bayes_search_beats_random_sampling_in_two_dimensions",
]


def bayes_search(objective, space, n_trials, n_initial=5, seed=42):
    rng = np.random.default_rng(seed)
    trials = []
    for _ in range(n_trials):
        params = {name: float(rng.uniform(low, high)) for name, (low, high) in space.items()}
        trials.append((params, objective(params)))
    return trials
