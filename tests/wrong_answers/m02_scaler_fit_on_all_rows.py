"""Fits the preprocessor on train and test together, so test rows shape the training data.

The classic leak: "it's only the scaler" - but the test rows' means, medians and categories
end up in what the model trains on, and the test score flatters the model.
"""

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer

REJECTED_BY = [
    "test_fit_transform_split_learns_from_the_training_rows_only",
    "test_changing_test_rows_does_not_change_the_train_transform",
]


def fit_transform_split(
    preprocessor: ColumnTransformer, train: pd.DataFrame, test: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    preprocessor.fit(pd.concat([train, test]))
    return preprocessor.transform(train), preprocessor.transform(test)
