"""kNN that takes the last k entries of an ascending sort: the k *farthest* training rows."""

import numpy as np

REJECTED_BY = [
    "test_knn_predict_with_k_1_copies_the_nearest_label",
    "test_knn_predict_matches_sklearn",
]


def knn_predict(X_train, y_train, X_query, k):
    distances = np.sqrt(((X_query[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2))
    farthest = np.argsort(distances, axis=1)[:, -k:]
    return np.array([majority_vote(y_train[row]) for row in farthest])  # noqa: F821
