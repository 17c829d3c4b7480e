"""ROC-AUC that counts only strict wins: tied scores add nothing instead of one half."""

import numpy as np

REJECTED_BY = ["test_roc_auc_matches_sklearn_on_small_cases"]


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    truth = np.asarray(y_true) == 1
    scores = np.asarray(scores, dtype=float)
    wins = (scores[truth][:, None] > scores[~truth][None, :]).sum()
    return float(wins / (truth.sum() * (~truth).sum()))
