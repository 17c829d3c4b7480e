"""ReLU's derivative returned as ReLU itself instead of the 0/1 step."""

REJECTED_BY = ["test_activation_derivative_matches_finite_differences"]

_correct_activate = activate  # noqa: F821 (defined by the solution above)


def activate(z, kind):
    a, da = _correct_activate(z, kind)
    return (a, a) if kind == "relu" else (a, da)
