"""The audit's baseline is the plain average of the group metrics, so 8 promo cards weigh as
much as 104 modern ones, instead of the metric computed on all rows."""

import pandas as pd

REJECTED_BY = ["test_bias_audit_reports_n_metric_and_signed_gap_per_group"]


def bias_audit(results, group_column, metric, threshold, min_n=30):
    parts = dict(list(results.groupby(group_column, sort=True)))
    values = {g: float(metric(part)) for g, part in parts.items()}
    baseline = sum(values.values()) / len(values)
    table = pd.DataFrame(
        {
            "n": {g: len(part) for g, part in parts.items()},
            "metric": values,
            "gap": {g: v - baseline for g, v in values.items()},
        }
    )
    table["flagged"] = (table["n"] >= min_n) & (table["gap"].abs() > threshold)
    return table.loc[table["gap"].abs().sort_values(ascending=False).index]
