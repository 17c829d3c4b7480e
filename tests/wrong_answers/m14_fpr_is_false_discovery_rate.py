"""FPR as FP / (FP + TP), the share of positive predictions that are wrong (the false
discovery rate), instead of FP / (FP + TN), the share of actual negatives predicted 1."""

import numpy as np
import pandas as pd

REJECTED_BY = ["test_group_error_rates_match_sklearn_per_group"]


def group_error_rates(y_true, y_pred, groups):
    truth, pred = np.asarray(y_true, dtype=bool), np.asarray(y_pred, dtype=bool)
    rows = {}
    for group in sorted(set(np.asarray(groups))):
        g = np.asarray(groups) == group
        tp, fp = np.sum(g & truth & pred), np.sum(g & ~truth & pred)
        rows[group] = {
            "n": int(g.sum()),
            "tpr": tp / np.sum(g & truth) if np.any(g & truth) else np.nan,
            "fpr": fp / (fp + tp) if fp + tp else np.nan,
        }
    return pd.DataFrame.from_dict(rows, orient="index")
