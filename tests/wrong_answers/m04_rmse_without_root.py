"""RMSE reported without its square root (the mean squared error)."""

import numpy as np

REJECTED_BY = ["test_regression_metrics_small_case",
               "test_regression_metric_matches_reference_on_card_prices"]

_right_regression_metrics = regression_metrics  # noqa: F821 (defined in the solution above)


def regression_metrics(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    metrics = _right_regression_metrics(y_true, y_pred)
    return metrics | {"rmse": metrics["rmse"] ** 2}
