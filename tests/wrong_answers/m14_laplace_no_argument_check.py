"""No check of epsilon: 0 crashes with ZeroDivisionError deep inside, instead of a ValueError
that says what is wrong."""

REJECTED_BY = ["test_laplace_mechanism_rejects_a_non_positive_epsilon"]


def laplace_mechanism(true_value, sensitivity, epsilon, rng):
    return float(true_value + rng.laplace(0.0, sensitivity / epsilon))
