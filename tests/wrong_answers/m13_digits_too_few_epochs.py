"""A digits network stopped after 15 epochs to save time: it has barely left its random
start and reads far fewer than 90% of the digits."""

REJECTED_BY = ["test_digits_network_reads_90_percent_of_held_out_digits"]

_correct_train_mlp = train_mlp  # noqa: F821 (defined by the solution above)


def train_digits(X_train, y_train, seed):
    params, _ = _correct_train_mlp(X_train, y_train, hidden=32, epochs=15, lr=0.5, seed=seed)
    return params
