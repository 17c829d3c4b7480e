"""The bootstrap returns numpy's quantile array instead of a (low, high) tuple of floats."""

from collections.abc import Callable

import numpy as np

REJECTED_BY = ["test_bootstrap_returns_an_ordered_pair",
               "test_bootstrap_is_deterministic_for_a_seed"]


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
    rows = rng.integers(0, len(truth), size=(n_resamples, len(truth)))
    values = [metric(truth[r], predicted[r]) for r in rows]
    tail = (1 - confidence) / 2
    return np.quantile(values, [tail, 1 - tail])
