"""KS with the wrong statistic: the largest gap in one direction only (reference ECDF above
current), so a shift to the left goes unnoticed."""

import numpy as np
import pandas as pd
from scipy import stats

REJECTED_BY = ["test_ks_statistic_matches_scipy"]


def ks_test(
    reference: np.ndarray | pd.Series, current: np.ndarray | pd.Series
) -> tuple[float, float]:
    ref = np.sort(np.asarray(reference, dtype=float))
    cur = np.sort(np.asarray(current, dtype=float))
    values = np.concatenate([ref, cur])
    gap = (np.searchsorted(ref, values, side="right") / len(ref)
           - np.searchsorted(cur, values, side="right") / len(cur))
    statistic = float(max(gap.max(), 0.0))
    n = round(len(ref) * len(cur) / (len(ref) + len(cur)))
    return statistic, float(stats.kstwo.sf(statistic, n))
