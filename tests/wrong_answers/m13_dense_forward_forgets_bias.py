"""A dense layer that multiplies by the weights and never adds the bias."""

REJECTED_BY = ["test_dense_forward_is_weighted_sum_plus_bias"]


def dense_forward(X, W, b):
    return X @ W
