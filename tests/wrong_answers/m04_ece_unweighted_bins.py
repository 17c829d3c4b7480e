"""ECE as the plain mean of the bins' gaps, without weighting each bin by its size."""

import numpy as np

REJECTED_BY = ["test_ece_weights_bins_by_size",
               "test_ece_matches_independent_implementation_on_breast_cancer",
               "test_ece_matches_independent_implementation_on_overconfident_model"]


def expected_calibration_error(
    y_true: np.ndarray, probs: np.ndarray, n_bins: int = 10
) -> float:
    truth = np.asarray(y_true, dtype=float)
    probs = np.asarray(probs, dtype=float)
    bins = np.minimum((probs * n_bins).astype(int), n_bins - 1)
    gaps = [abs(truth[bins == b].mean() - probs[bins == b].mean()) for b in np.unique(bins)]
    return float(np.mean(gaps))
