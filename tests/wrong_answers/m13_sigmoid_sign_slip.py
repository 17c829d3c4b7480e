"""The sigmoid as 1 / (1 + exp(z)), the minus sign lost: a mirror image of the real one."""

import numpy as np

REJECTED_BY = ["test_activation_values_match_their_definition"]

_correct_activate = activate  # noqa: F821 (defined by the solution above)


def activate(z, kind):
    if kind == "sigmoid":
        a = 1 / (1 + np.exp(np.clip(z, -500, 500)))
        return a, a * (1 - a)
    return _correct_activate(z, kind)
