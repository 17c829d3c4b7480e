"""PCA that finds the right components but projects the raw rows, not the centered ones: the
scores are all shifted by the mean's projection."""

import numpy as np

REJECTED_BY = ["test_pca_components_and_scores_match_sklearn_up_to_sign"]

_correct_pca = pca_from_scratch  # noqa: F821 (defined by the solution above)


def pca_from_scratch(X, n_components):
    _, components, ratio = _correct_pca(X, n_components)
    return np.asarray(X, dtype=float) @ components.T, components, ratio
