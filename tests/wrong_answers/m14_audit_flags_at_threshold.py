"""The audit flags |gap| >= threshold instead of > threshold: a group exactly at the limit
is flagged."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_bias_audit_flags_only_large_gaps_in_big_enough_groups"]

_correct_bias_audit = bias_audit


def bias_audit(results, group_column, metric, threshold, min_n=30):
    table = _correct_bias_audit(results, group_column, metric, threshold, min_n)
    return table.assign(flagged=(table["n"] >= min_n) & (table["gap"].abs() >= threshold))
