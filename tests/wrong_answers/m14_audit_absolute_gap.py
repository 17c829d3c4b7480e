"""The audit stores |gap| instead of the signed gap: the table no longer says whether a group
is undervalued (sellers lose) or overvalued (buyers lose)."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_bias_audit_reports_n_metric_and_signed_gap_per_group"]

_correct_bias_audit = bias_audit


def bias_audit(results, group_column, metric, threshold, min_n=30):
    table = _correct_bias_audit(results, group_column, metric, threshold, min_n)
    return table.assign(gap=table["gap"].abs())
