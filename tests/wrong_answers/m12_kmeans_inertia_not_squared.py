"""k-means whose inertia adds up plain distances instead of squared distances."""

import numpy as np

REJECTED_BY = [
    "test_kmeans_with_one_cluster_finds_the_mean",
    "test_kmeans_matches_sklearn_from_the_same_start",
    "test_kmeans_ends_at_a_fixed_point",
]

_correct_kmeans = kmeans  # noqa: F821 (defined by the solution above)


def kmeans(X, k, seed, max_iter=100):
    centers, labels, _ = _correct_kmeans(X, k, seed, max_iter)
    return centers, labels, float(np.sqrt(((X - centers[labels]) ** 2).sum(axis=1)).sum())
