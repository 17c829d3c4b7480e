"""Cross-entropy summed over the rows instead of averaged, with its gradient to match: the
loss and the step size now grow with the batch size."""

REJECTED_BY = ["test_cross_entropy_loss_matches_sklearn_log_loss",
               "test_cross_entropy_gradient_matches_finite_differences"]

_correct_cross_entropy = cross_entropy  # noqa: F821 (defined by the solution above)


def cross_entropy(logits, y):
    loss, grad = _correct_cross_entropy(logits, y)
    return loss * len(y), grad * len(y)
