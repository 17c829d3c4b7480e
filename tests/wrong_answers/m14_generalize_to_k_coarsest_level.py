"""Always release the coarsest level: safe, but it throws away far more detail than k needs."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_generalize_to_k_returns_the_finest_level_that_reaches_k"]


def generalize_to_k(table, ladders, k):
    last = len(next(iter(ladders.values()))) - 1
    coarse = generalize(table, {c: widths[last] for c, widths in ladders.items()})
    if k_anonymity(coarse, list(ladders)) < k:
        raise ValueError(f"no level reaches k = {k}")
    return coarse, last
