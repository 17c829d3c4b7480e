"""Equalized odds reported as the TPR gap alone: that is equal opportunity, and it misses a
model that wrongly features one group's cheap cards far more often."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_equalized_odds_gaps_take_the_worse_of_tpr_and_fpr"]


def equalized_odds_gaps(y_true, y_pred, groups):
    rates = group_error_rates(y_true, y_pred, groups)
    tpr_gap = float(rates["tpr"].max() - rates["tpr"].min())
    fpr_gap = float(rates["fpr"].max() - rates["fpr"].min())
    return {"equal_opportunity": tpr_gap, "fpr_gap": fpr_gap, "equalized_odds": tpr_gap}
