"""KS with the wrong statistic: the difference of the two means, which misses a change in
spread and is not a distance between distributions."""

import numpy as np
import pandas as pd
from scipy import stats

REJECTED_BY = ["test_ks_statistic_matches_scipy", "test_ks_p_value_matches_scipy"]


def ks_test(
    reference: np.ndarray | pd.Series, current: np.ndarray | pd.Series
) -> tuple[float, float]:
    ref, cur = np.asarray(reference, dtype=float), np.asarray(current, dtype=float)
    statistic = float(min(abs(ref.mean() - cur.mean()), 1.0))
    n = round(len(ref) * len(cur) / (len(ref) + len(cur)))
    return statistic, float(stats.kstwo.sf(statistic, n))
