"""Selection rate as each group's share of all positive predictions: the rates sum to 1 over
the groups, and a big group looks favoured just for being big."""

import numpy as np
import pandas as pd

REJECTED_BY = ["test_selection_rates_match_group_means"]


def selection_rates(y_pred, groups):
    y_pred = np.asarray(y_pred, dtype=float)
    counts = pd.Series(y_pred).groupby(np.asarray(groups)).sum()
    return (counts / y_pred.sum()).sort_index().rename("selection_rate")
