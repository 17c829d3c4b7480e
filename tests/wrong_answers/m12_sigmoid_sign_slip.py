"""The sigmoid as 1 / (1 + exp(z)): the minus sign lost, a mirror image of the real curve."""

_correct_sigmoid = sigmoid  # noqa: F821 (defined by the solution above)

REJECTED_BY = ["test_sigmoid_matches_scipy_expit"]


def sigmoid(z):
    return _correct_sigmoid(-z)
