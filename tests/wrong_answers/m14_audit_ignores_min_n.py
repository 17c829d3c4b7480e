"""The audit flags every group beyond the threshold, however few rows it has: 8 promo cards
raise an alarm that is mostly noise."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_bias_audit_flags_only_large_gaps_in_big_enough_groups"]

_correct_bias_audit = bias_audit


def bias_audit(results, group_column, metric, threshold, min_n=30):
    return _correct_bias_audit(results, group_column, metric, threshold, min_n=0)
