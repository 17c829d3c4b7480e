"""y_true and y_pred resampled with separate draws, so predictions lose their true values."""

from collections.abc import Callable

import numpy as np

REJECTED_BY = ["test_bootstrap_keeps_each_prediction_with_its_truth"]


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
    n = len(truth)
    values = [metric(truth[rng.integers(0, n, n)], predicted[rng.integers(0, n, n)])
              for _ in range(n_resamples)]
    tail = (1 - confidence) / 2
    low, high = np.quantile(values, [tail, 1 - tail])
    return float(low), float(high)
