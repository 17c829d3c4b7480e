"""Anomalies flagged only above the mean (z > threshold): suspiciously cheap listings, often
fakes or typos, are never caught."""

import numpy as np

REJECTED_BY = ["test_zscore_flags_cheap_and_expensive_outliers"]


def zscore_anomalies(values, threshold=3.0):
    std = values.std()
    if std == 0:
        return np.zeros(len(values), dtype=bool)
    return (values - values.mean()) / std > threshold
