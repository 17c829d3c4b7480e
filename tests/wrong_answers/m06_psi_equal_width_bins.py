"""PSI on ten equal-width bins over both samples' range instead of the reference's quantiles:
on heavy-tailed prices almost every row falls in the first bin."""

import numpy as np
import pandas as pd

REJECTED_BY = ["test_psi_matches_an_independent_computation"]


def psi(
    reference: np.ndarray | pd.Series,
    current: np.ndarray | pd.Series,
    n_bins: int = 10,
    epsilon: float = 1e-4,
) -> float:
    ref, cur = np.asarray(reference, float), np.asarray(current, float)
    edges = np.linspace(min(ref.min(), cur.min()), max(ref.max(), cur.max()), n_bins + 1)
    r = np.maximum(np.histogram(ref, edges)[0] / len(ref), epsilon)
    c = np.maximum(np.histogram(cur, edges)[0] / len(cur), epsilon)
    return float(np.sum((c - r) * np.log(c / r)))
