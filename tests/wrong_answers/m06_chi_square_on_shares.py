"""Chi-square on proportions instead of counts: the test then thinks every sample has one row
per category, so its statistic and p-value no longer reflect the sample sizes."""

import pandas as pd
from scipy import stats

REJECTED_BY = ["test_chi_square_matches_scipy"]


def chi_square_drift(
    reference: pd.Series | list[str], current: pd.Series | list[str]
) -> tuple[float, float]:
    ref = pd.Series(reference, dtype=object).fillna("(missing)").value_counts(normalize=True)
    cur = pd.Series(current, dtype=object).fillna("(missing)").value_counts(normalize=True)
    table = pd.concat([ref, cur], axis=1).fillna(0).T
    result = stats.chi2_contingency(table.to_numpy())
    return float(result.statistic), float(result.pvalue)
