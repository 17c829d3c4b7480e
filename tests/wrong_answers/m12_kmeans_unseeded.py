"""k-means whose starting rows come from an unseeded generator: every run clusters differently
and no result can be reproduced."""

import numpy as np

REJECTED_BY = [
    "test_kmeans_same_seed_same_clusters",
    "test_kmeans_matches_sklearn_from_the_same_start",
]

_correct_kmeans = kmeans  # noqa: F821 (defined by the solution above)


def kmeans(X, k, seed, max_iter=100):
    return _correct_kmeans(X, k, int(np.random.default_rng().integers(1_000_000)), max_iter)
