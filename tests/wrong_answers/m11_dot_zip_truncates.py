"""A dot product over `zip(u, v)` with no length check: zip stops at the shorter vector, so
mismatched inputs give a number instead of an error."""

REJECTED_BY = ["test_dot_refuses_vectors_of_different_lengths"]


def dot(u, v):
    return float(sum(a * b for a, b in zip(u, v)))  # noqa: B905 (the mistake under test)
