"""PSI with unmatched bins: each sample is cut into its own deciles, so both always have 10%
per bin and the PSI is about 0 however far the data moved."""

import numpy as np
import pandas as pd

REJECTED_BY = ["test_psi_is_large_for_a_shifted_sample",
               "test_psi_matches_an_independent_computation"]


def psi(
    reference: np.ndarray | pd.Series,
    current: np.ndarray | pd.Series,
    n_bins: int = 10,
    epsilon: float = 1e-4,
) -> float:
    def shares(values: np.ndarray) -> np.ndarray:
        edges = np.unique(np.quantile(values, np.linspace(0, 1, n_bins + 1)))
        counts = np.bincount(np.searchsorted(edges[1:-1], values, side="left"),
                             minlength=len(edges) - 1)
        return counts / len(values)

    ref, cur = shares(np.asarray(reference, float)), shares(np.asarray(current, float))
    size = min(len(ref), len(cur))
    r, c = np.maximum(ref[:size], epsilon), np.maximum(cur[:size], epsilon)
    return float(np.sum((c - r) * np.log(c / r)))
