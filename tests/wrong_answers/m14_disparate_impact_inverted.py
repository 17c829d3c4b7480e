"""Disparate impact as the largest selection rate over the smallest: a ratio of 1.25 instead
of 0.8, so the four-fifths rule can never be broken."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_disparate_impact_ratio_is_smallest_over_largest"]


def disparate_impact_ratio(y_pred, groups):
    rates = selection_rates(y_pred, groups)
    return float(rates.max() / rates.min())
