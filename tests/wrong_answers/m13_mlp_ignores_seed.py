"""Initial weights drawn from an unseeded generator: each run is a different network."""

import numpy as np

REJECTED_BY = ["test_train_mlp_same_seed_same_network"]

_correct_train_mlp = train_mlp  # noqa: F821 (defined by the solution above)


def train_mlp(X, y, hidden, epochs, lr, seed):
    return _correct_train_mlp(X, y, hidden, epochs, lr, int(np.random.default_rng().integers(1e9)))
