"""Explained variance ratios divided by the variance of the kept components only: they always
sum to 1, however much the dropped components held."""

import numpy as np

REJECTED_BY = ["test_pca_explained_variance_matches_sklearn"]


def pca_from_scratch(X, n_components):
    centered = X - X.mean(axis=0)
    _, singular, vt = np.linalg.svd(centered, full_matrices=False)
    kept = singular[:n_components] ** 2
    return centered @ vt[:n_components].T, vt[:n_components], kept / kept.sum()
