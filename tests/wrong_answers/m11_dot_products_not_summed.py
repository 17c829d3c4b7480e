"""A dot product that multiplies the entries but never adds them up: it returns the list of
products, which is what `u * v` gives on numpy arrays."""

REJECTED_BY = ["test_dot_matches_numpy"]


def dot(u, v):
    if len(u) != len(v):
        raise ValueError("vectors of different lengths")
    return [a * b for a, b in zip(u, v, strict=True)]
