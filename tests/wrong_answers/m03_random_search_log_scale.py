"""Random search that draws every hyperparameter on a log scale (10 ** uniform(low, high)),
as if each were a learning rate: the draws leave the space and miss its optimum."""

import numpy as np

REJECTED_BY = [
    "test_random_search_stays_inside_the_space",
    "test_random_search_finds_the_optimum_of_a_bowl",
]


def random_search(objective, space, n_trials, seed=42):
    rng = np.random.default_rng(seed)
    trials = []
    for _ in range(n_trials):
        params = {name: float(10 ** rng.uniform(low, high)) for name, (low, high) in space.items()}
        trials.append((params, objective(params)))
    return trials
