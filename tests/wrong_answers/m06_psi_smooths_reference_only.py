"""PSI that adds one to every reference count "to avoid dividing by zero" but leaves the current
counts alone: the two samples are smoothed differently, so identical data gives a PSI above 0."""

import numpy as np
import pandas as pd

REJECTED_BY = ["test_psi_is_zero_for_identical_samples",
               "test_psi_matches_an_independent_computation"]


def psi(
    reference: np.ndarray | pd.Series,
    current: np.ndarray | pd.Series,
    n_bins: int = 10,
    epsilon: float = 1e-4,
) -> float:
    ref, cur = np.asarray(reference, float), np.asarray(current, float)
    inner = np.unique(np.quantile(ref, np.linspace(0, 1, n_bins + 1)))[1:-1]
    ref_counts = np.bincount(np.searchsorted(inner, ref, side="left"), minlength=len(inner) + 1)
    cur_counts = np.bincount(np.searchsorted(inner, cur, side="left"), minlength=len(inner) + 1)
    r = (ref_counts + 1) / (len(ref) + len(ref_counts))
    c = np.maximum(cur_counts / len(cur), epsilon)
    return float(np.sum((c - r) * np.log(c / r)))
