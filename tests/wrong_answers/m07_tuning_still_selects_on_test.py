"""Pull request #42 "fixed" by adding a cross-validated score to the report, while alpha is still
chosen by its score on the test set and that best score is reported as the test MAE."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import numpy as np
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import KFold, cross_val_score

REJECTED_BY = [
    "test_fixed_training_touches_the_test_set_once_at_the_end",
    "test_fixed_training_chooses_alpha_by_cross_validation",
]


def tune_and_report(X_train, y_train, X_test, y_test, make_model=ridge, alphas=ALPHAS, seed=0):
    best_alpha, best_mae = alphas[0], np.inf
    for alpha in alphas:
        model = make_model(alpha).fit(X_train, y_train)
        mae = mean_absolute_error(y_test, model.predict(X_test))
        if mae < best_mae:
            best_alpha, best_mae = alpha, mae
    folds = KFold(CV_FOLDS, shuffle=True, random_state=seed)
    cv_mae = -cross_val_score(make_model(best_alpha), X_train, y_train, cv=folds,
                              scoring="neg_mean_absolute_error").mean()
    return {"alpha": best_alpha, "cv_mae": float(cv_mae), "test_mae": float(best_mae)}
