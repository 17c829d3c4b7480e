"""ROC-AUC computed from hard labels: the scores are cut at 0.5 before ranking them."""

import numpy as np

REJECTED_BY = ["test_roc_auc_matches_sklearn_on_small_cases",
               "test_roc_auc_matches_sklearn_on_scores",
               "test_roc_auc_depends_only_on_the_order_of_scores"]


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    truth = np.asarray(y_true) == 1
    labels = (np.asarray(scores) >= 0.5).astype(float)
    positives = labels[truth][:, None]
    negatives = labels[~truth][None, :]
    wins = (positives > negatives).sum() + 0.5 * (positives == negatives).sum()
    return float(wins / (positives.size * negatives.size))
