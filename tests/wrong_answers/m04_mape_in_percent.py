"""MAPE and the share within 10% returned in percent (25.0) instead of fractions (0.25)."""

import numpy as np

REJECTED_BY = ["test_regression_metrics_small_case",
               "test_regression_metric_matches_reference_on_card_prices"]


def regression_metrics(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    truth = np.asarray(y_true, dtype=float)
    error = np.asarray(y_pred, dtype=float) - truth
    relative = np.abs(error) / truth
    return {
        "mae": float(np.mean(np.abs(error))),
        "rmse": float(np.sqrt(np.mean(error**2))),
        "mape": float(100 * np.mean(relative)),
        "r2": float(1 - np.sum(error**2) / np.sum((truth - truth.mean()) ** 2)),
        "within_10": float(100 * np.mean(relative <= 0.10)),
    }
