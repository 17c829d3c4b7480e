"""Keeps the test set out of the choice but chooses alpha by the error on the training rows
themselves, which always favours the weakest regularisation: the model that memorises most."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import numpy as np
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import KFold, cross_val_score

REJECTED_BY = ["test_fixed_training_chooses_alpha_by_cross_validation"]


def tune_and_report(X_train, y_train, X_test, y_test, make_model=ridge, alphas=ALPHAS, seed=0):
    train_maes = [
        mean_absolute_error(y_train, make_model(a).fit(X_train, y_train).predict(X_train))
        for a in alphas
    ]
    alpha = alphas[int(np.argmin(train_maes))]
    folds = KFold(CV_FOLDS, shuffle=True, random_state=seed)
    cv_mae = -cross_val_score(make_model(alpha), X_train, y_train, cv=folds,
                              scoring="neg_mean_absolute_error").mean()
    final = make_model(alpha).fit(X_train, y_train)
    test_mae = mean_absolute_error(y_test, final.predict(X_test))
    return {"alpha": float(alpha), "cv_mae": float(cv_mae), "test_mae": float(test_mae)}
