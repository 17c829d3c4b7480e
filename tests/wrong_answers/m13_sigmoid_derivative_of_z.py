"""The sigmoid's derivative written as z * (1 - z), with the input where the output belongs
(and tanh's as 1 - z**2, the same slip)."""

REJECTED_BY = ["test_activation_derivative_matches_finite_differences"]

_correct_activate = activate  # noqa: F821 (defined by the solution above)


def activate(z, kind):
    a, da = _correct_activate(z, kind)
    if kind == "sigmoid":
        return a, z * (1 - z)
    if kind == "tanh":
        return a, 1 - z**2
    return a, da
