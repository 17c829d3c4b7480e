"""Leave-one-out kNN that forgets to leave the row out: each row is its own nearest neighbour
(distance 0), so 1-NN scores 100% on any data."""

REJECTED_BY = ["test_knn_leave_one_out_matches_sklearn"]


def knn_loo_accuracy(X, y, k):
    return float((knn_predict(X, y, X, k) == y).mean())  # noqa: F821
