"""Uses OneHotEncoder's default `handle_unknown="error"`: a finish or set that appears after
training crashes the model instead of getting an all-zero indicator row."""

from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

REJECTED_BY = ["test_unseen_category_gives_an_all_zero_one_hot_row"]


def build_preprocessor(numeric: list[str], categorical: list[str]) -> ColumnTransformer:
    numeric_steps = Pipeline(
        [("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]
    )
    categorical_steps = Pipeline(
        [
            ("impute", SimpleImputer(strategy="constant", fill_value="missing")),
            ("one_hot", OneHotEncoder(sparse_output=False)),
        ]
    )
    return ColumnTransformer(
        [("numeric", numeric_steps, numeric), ("categorical", categorical_steps, categorical)]
    )
