"""Chooses alpha by cross-validation correctly, then scores the test set with the best fold's
model, which saw only four fifths of the training rows, instead of refitting on all of them."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import numpy as np
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import KFold

REJECTED_BY = ["test_fixed_training_refits_the_chosen_model_on_all_training_rows"]


def tune_and_report(X_train, y_train, X_test, y_test, make_model=ridge, alphas=ALPHAS, seed=0):
    folds = list(KFold(CV_FOLDS, shuffle=True, random_state=seed).split(X_train))
    best = (np.inf, None, None)  # (mean CV MAE, alpha, best fold's model)
    for alpha in alphas:
        scores, models = [], []
        for fit_rows, val_rows in folds:
            model = make_model(alpha).fit(X_train[fit_rows], y_train[fit_rows])
            scores.append(mean_absolute_error(y_train[val_rows], model.predict(X_train[val_rows])))
            models.append(model)
        if np.mean(scores) < best[0]:
            best = (float(np.mean(scores)), alpha, models[int(np.argmin(scores))])
    cv_mae, alpha, model = best
    test_mae = mean_absolute_error(y_test, model.predict(X_test))
    return {"alpha": float(alpha), "cv_mae": cv_mae, "test_mae": float(test_mae)}
