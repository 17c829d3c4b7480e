"""A "bootstrap" that never resamples: it computes the metric on the data n_resamples times."""

from collections.abc import Callable

import numpy as np

REJECTED_BY = ["test_bootstrap_resamples_rows_with_replacement",
               "test_bootstrap_covers_the_true_value",
               "test_bootstrap_interval_narrows_with_more_rows"]


def bootstrap_ci(
    y_true: np.ndarray,
    y_pred: np.ndarray,
    metric: Callable[[np.ndarray, np.ndarray], float],
    n_resamples: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> tuple[float, float]:
    values = [metric(np.asarray(y_true), np.asarray(y_pred)) for _ in range(n_resamples)]
    tail = (1 - confidence) / 2
    low, high = np.quantile(values, [tail, 1 - tail])
    return float(low), float(high)
