"""The mean absolute error per group instead of the signed error: every group looks
overvalued, and the undervalued sellers vanish from the report."""

import numpy as np
import pandas as pd

REJECTED_BY = ["test_mean_signed_error_by_group_in_dollars"]


def mean_signed_error_by_group(true_price, predicted_price, groups):
    error = np.abs(np.asarray(predicted_price, dtype=float) - np.asarray(true_price, dtype=float))
    return pd.Series(error).groupby(np.asarray(groups)).mean().rename("mean_signed_error")
