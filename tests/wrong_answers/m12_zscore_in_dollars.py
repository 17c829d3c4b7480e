"""The distance from the mean compared with the threshold in dollars, never divided by the
standard deviation: "3" now means three dollars, not three standard deviations."""

import numpy as np

REJECTED_BY = ["test_zscore_flags_match_scipy", "test_zscore_flags_cheap_and_expensive_outliers"]


def zscore_anomalies(values, threshold=3.0):
    return np.abs(values - values.mean()) > threshold
