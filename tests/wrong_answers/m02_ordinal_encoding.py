"""Encodes categories as integers 0..n-1 with OrdinalEncoder instead of one-hot: the model
then reads an order ("holofoil < normal < reverse_holofoil") that does not exist, and an
unseen category raises."""

from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OrdinalEncoder, StandardScaler

REJECTED_BY = [
    "test_preprocessor_one_hot_encodes_categorical_columns",
    "test_unseen_category_gives_an_all_zero_one_hot_row",
]


def build_preprocessor(numeric: list[str], categorical: list[str]) -> ColumnTransformer:
    numeric_steps = Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())])
    categorical_steps = Pipeline(
        [
            ("impute", SimpleImputer(strategy="constant", fill_value="missing")),
            ("codes", OrdinalEncoder()),
        ]
    )
    return ColumnTransformer(
        [("numeric", numeric_steps, numeric), ("categorical", categorical_steps, categorical)]
    )
