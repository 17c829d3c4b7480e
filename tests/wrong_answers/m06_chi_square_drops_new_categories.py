"""Chi-square on the reference's categories only: a category new in the current sample (a new
set id) is silently dropped, which hides the strongest drift signal."""

import pandas as pd
from scipy import stats

REJECTED_BY = ["test_chi_square_counts_categories_new_in_current",
               "test_chi_square_matches_scipy"]


def chi_square_drift(
    reference: pd.Series | list[str], current: pd.Series | list[str]
) -> tuple[float, float]:
    ref = pd.Series(reference, dtype=object).fillna("(missing)").value_counts()
    cur = pd.Series(current, dtype=object).fillna("(missing)").value_counts()
    table = pd.concat([ref, cur.reindex(ref.index).fillna(0)], axis=1).T
    result = stats.chi2_contingency(table.to_numpy())
    return float(result.statistic), float(result.pvalue)
