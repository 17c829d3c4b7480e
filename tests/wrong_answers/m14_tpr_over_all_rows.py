"""TPR as true positives over all the group's rows instead of over its actual positives: a
group with few valuable cards looks as if the model missed most of them."""

import numpy as np
import pandas as pd

REJECTED_BY = [
    "test_group_error_rates_match_sklearn_per_group",
    "test_group_error_rates_are_nan_without_positives",
]


def group_error_rates(y_true, y_pred, groups):
    truth, pred = np.asarray(y_true, dtype=bool), np.asarray(y_pred, dtype=bool)
    rows = {}
    for group in sorted(set(np.asarray(groups))):
        g = np.asarray(groups) == group
        negatives = g & ~truth
        rows[group] = {
            "n": int(g.sum()),
            "tpr": float(np.mean(truth[g] & pred[g])),
            "fpr": float(pred[negatives].mean()) if negatives.any() else np.nan,
        }
    return pd.DataFrame.from_dict(rows, orient="index")
