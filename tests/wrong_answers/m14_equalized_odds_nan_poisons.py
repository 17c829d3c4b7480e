"""Gaps taken with np.max and np.min on plain arrays: one group without actual positives has a
NaN TPR, and NaN spreads to the whole gap."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import numpy as np

REJECTED_BY = ["test_equalized_odds_gaps_skip_groups_without_positives"]


def equalized_odds_gaps(y_true, y_pred, groups):
    rates = group_error_rates(y_true, y_pred, groups)
    tpr, fpr = rates["tpr"].to_numpy(), rates["fpr"].to_numpy()
    tpr_gap, fpr_gap = float(np.max(tpr) - np.min(tpr)), float(np.max(fpr) - np.min(fpr))
    return {
        "equal_opportunity": tpr_gap,
        "fpr_gap": fpr_gap,
        "equalized_odds": max(tpr_gap, fpr_gap),
    }
