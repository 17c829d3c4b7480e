"""An activation lookup whose last branch is a bare `else`: any unknown name gets ReLU."""

REJECTED_BY = ["test_activate_rejects_an_unknown_kind"]

_correct_activate = activate  # noqa: F821 (defined by the solution above)


def activate(z, kind):
    if kind in ("sigmoid", "tanh"):
        return _correct_activate(z, kind)
    return _correct_activate(z, "relu")
