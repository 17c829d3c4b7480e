"""The softmax cross-entropy gradient written as one_hot - p: the right size, the wrong sign,
so gradient descent would climb the loss."""

REJECTED_BY = ["test_cross_entropy_gradient_matches_finite_differences"]

_correct_cross_entropy = cross_entropy  # noqa: F821 (defined by the solution above)


def cross_entropy(logits, y):
    loss, grad = _correct_cross_entropy(logits, y)
    return loss, -grad
