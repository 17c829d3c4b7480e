"""The sigmoid as exp(z) / (1 + exp(z)): exp(1000) is inf and inf / inf is nan."""

import numpy as np

REJECTED_BY = ["test_activation_is_finite_on_huge_inputs"]

_correct_activate = activate  # noqa: F821 (defined by the solution above)


def activate(z, kind):
    if kind == "sigmoid":
        a = np.exp(z) / (1 + np.exp(z))
        return a, a * (1 - a)
    return _correct_activate(z, kind)
