"""Chooses alpha by cross-validation and never touches the test set at all: the cross-validated
MAE, which the choice itself made optimistic, is reported as the test MAE."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import numpy as np
from sklearn.model_selection import KFold, cross_val_score

REJECTED_BY = [
    "test_fixed_training_touches_the_test_set_once_at_the_end",
    "test_fixed_training_reports_the_single_test_score",
]


def tune_and_report(X_train, y_train, X_test, y_test, make_model=ridge, alphas=ALPHAS, seed=0):
    folds = KFold(CV_FOLDS, shuffle=True, random_state=seed)
    cv_maes = [
        -cross_val_score(make_model(a), X_train, y_train, cv=folds,
                         scoring="neg_mean_absolute_error").mean()
        for a in alphas
    ]
    best = int(np.argmin(cv_maes))
    return {"alpha": float(alphas[best]), "cv_mae": float(cv_maes[best]),
            "test_mae": float(cv_maes[best])}
