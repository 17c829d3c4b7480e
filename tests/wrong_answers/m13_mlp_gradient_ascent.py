"""Training that adds the gradient instead of subtracting it: every step goes uphill."""

REJECTED_BY = ["test_train_mlp_learns_xor", "test_train_mlp_loss_goes_down_on_xor"]

_correct_train_mlp = train_mlp  # noqa: F821 (defined by the solution above)


def train_mlp(X, y, hidden, epochs, lr, seed):
    return _correct_train_mlp(X, y, hidden, epochs, -lr, seed)
