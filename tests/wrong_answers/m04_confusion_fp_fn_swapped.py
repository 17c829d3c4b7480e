"""False positives and false negatives swapped in the confusion counts."""

import numpy as np

REJECTED_BY = ["test_confusion_counts_small_cases",
               "test_confusion_counts_match_sklearn_on_breast_cancer"]


def confusion_counts(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, int]:
    truth = np.asarray(y_true) == 1
    flagged = np.asarray(y_pred) == 1
    return {
        "tp": int(np.sum(truth & flagged)),
        "fp": int(np.sum(truth & ~flagged)),
        "fn": int(np.sum(~truth & flagged)),
        "tn": int(np.sum(~truth & ~flagged)),
    }
