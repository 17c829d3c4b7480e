"""One coin per pack instead of one per card: every pack gets 0 or 1 hit, whatever its size."""

REJECTED_BY = [
    "test_simulate_packs_returns_one_count_per_pack",
    "test_simulate_packs_follows_the_binomial_distribution",
]


def simulate_packs(rng, n_packs, slots, p_hit):
    return (rng.random(n_packs) < p_hit).astype(int)
