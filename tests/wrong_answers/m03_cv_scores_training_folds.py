"""Cross-validation that fits the caller's own model in every fold and scores the rows it
just trained on: the numbers measure memory, not cards the model has not seen, and the
caller gets back a model fitted on the last fold."""

import numpy as np

REJECTED_BY = [
    "test_cross_validate_mae_matches_cross_val_score",
    "test_cross_validate_mae_leaves_the_model_unfitted",
]


def cross_validate_mae(model, X, y, folds):
    y = np.asarray(y)
    scores = []
    for train, _ in folds:
        model.fit(X.iloc[train], y[train])
        scores.append(np.mean(np.abs(model.predict(X.iloc[train]) - y[train])))
    return np.array(scores)
