"""Demographic parity difference as the first group's rate minus the second's: its sign and
size depend on how the groups happen to be ordered, and a third group is ignored."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_demographic_parity_difference_is_largest_minus_smallest"]


def demographic_parity_difference(y_pred, groups):
    rates = selection_rates(y_pred, groups)
    return float(rates.iloc[0] - rates.iloc[-1])
