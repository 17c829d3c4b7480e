"""ECE averaged over all bins, empty ones included, with each gap weighted 1 / n_bins."""

import numpy as np

REJECTED_BY = ["test_ece_known_cases",
               "test_ece_matches_independent_implementation_on_breast_cancer"]


def expected_calibration_error(
    y_true: np.ndarray, probs: np.ndarray, n_bins: int = 10
) -> float:
    truth = np.asarray(y_true, dtype=float)
    probs = np.asarray(probs, dtype=float)
    bins = np.minimum((probs * n_bins).astype(int), n_bins - 1)
    total = 0.0
    for b in np.unique(bins):
        total += abs(truth[bins == b].mean() - probs[bins == b].mean())
    return float(total / n_bins)
