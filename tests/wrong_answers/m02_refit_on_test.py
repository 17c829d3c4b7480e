"""Calls `fit_transform` on the test rows too, so the test side is scaled by its own statistics."""

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer

REJECTED_BY = ["test_fit_transform_split_learns_from_the_training_rows_only"]


def fit_transform_split(
    preprocessor: ColumnTransformer, train: pd.DataFrame, test: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    X_train = preprocessor.fit_transform(train)
    X_test = preprocessor.fit_transform(test)
    return X_train, X_test
