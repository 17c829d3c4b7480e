"""z-scores in plain Python: when every value is the same, the standard deviation is 0 and the
division raises ZeroDivisionError instead of flagging nothing."""

import statistics

import numpy as np

REJECTED_BY = ["test_zscore_constant_values_flag_nothing"]


def zscore_anomalies(values, threshold=3.0):
    values = [float(v) for v in values]
    mean, std = statistics.fmean(values), statistics.pstdev(values)
    return np.array([abs((v - mean) / std) > threshold for v in values])
