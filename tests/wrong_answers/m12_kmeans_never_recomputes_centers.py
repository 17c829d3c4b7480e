"""k-means that assigns the rows to the starting centers and stops: the centers never move to
the means of their clusters."""

import numpy as np

REJECTED_BY = [
    "test_kmeans_with_one_cluster_finds_the_mean",
    "test_kmeans_matches_sklearn_from_the_same_start",
    "test_kmeans_ends_at_a_fixed_point",
]


def kmeans(X, k, seed, max_iter=100):
    centers = X[np.random.default_rng(seed).choice(len(X), size=k, replace=False)]
    labels = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    for _ in range(max_iter):
        labels = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    return centers, labels, float(((X - centers[labels]) ** 2).sum())
