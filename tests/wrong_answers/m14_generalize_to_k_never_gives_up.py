"""When no level reaches k, the coarsest table is returned anyway: the caller releases data
that is not k-anonymous without knowing it."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_generalize_to_k_raises_when_no_level_is_enough"]


def generalize_to_k(table, ladders, k):
    levels = len(next(iter(ladders.values())))
    for level in range(levels):
        coarse = generalize(table, {c: widths[level] for c, widths in ladders.items()})
        if k_anonymity(coarse, list(ladders)) >= k:
            break
    return coarse, level
