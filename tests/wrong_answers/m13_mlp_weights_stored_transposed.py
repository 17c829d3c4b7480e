"""Weights stored as (outputs, inputs), as some libraries do, and used as X @ W.T: the
network learns, but its parameters no longer match the documented `X @ W + b` layout."""

REJECTED_BY = ["test_train_mlp_parameters_have_the_documented_shapes"]

_correct_train_mlp = train_mlp  # noqa: F821 (defined by the solution above)


def train_mlp(X, y, hidden, epochs, lr, seed):
    params, losses = _correct_train_mlp(X, y, hidden, epochs, lr, seed)
    return {**params, "W1": params["W1"].T, "W2": params["W2"].T}, losses
