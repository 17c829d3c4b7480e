"""Packs drawn from a new, unseeded generator instead of the `rng` passed in: every run
opens different packs, so no result can be reproduced."""

import numpy as np

REJECTED_BY = ["test_simulate_packs_draws_from_the_given_generator"]


def simulate_packs(rng, n_packs, slots, p_hit):
    return np.random.default_rng().binomial(slots, p_hit, size=n_packs)
