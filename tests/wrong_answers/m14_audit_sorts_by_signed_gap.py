"""The audit is sorted by the signed gap, largest first: the most undervalued group, with the
most negative gap, ends up at the bottom of the table."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_bias_audit_sorts_worst_gap_first"]

_correct_bias_audit = bias_audit


def bias_audit(results, group_column, metric, threshold, min_n=30):
    table = _correct_bias_audit(results, group_column, metric, threshold, min_n)
    return table.sort_values("gap", ascending=False)
