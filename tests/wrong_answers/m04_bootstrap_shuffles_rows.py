"""Resamples drawn without replacement: each one is a shuffle of the same rows."""

from collections.abc import Callable

import numpy as np

REJECTED_BY = ["test_bootstrap_resamples_rows_with_replacement",
               "test_bootstrap_covers_the_true_value"]


def bootstrap_ci(
    y_true: np.ndarray,
    y_pred: np.ndarray,
    metric: Callable[[np.ndarray, np.ndarray], float],
    n_resamples: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> tuple[float, float]:
    truth, predicted = np.asarray(y_true), np.asarray(y_pred)
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(n_resamples):
        rows = rng.permutation(len(truth))
        values.append(metric(truth[rows], predicted[rows]))
    tail = (1 - confidence) / 2
    low, high = np.quantile(values, [tail, 1 - tail])
    return float(low), float(high)
