"""Scales the numeric columns but never fills their missing values: hp is missing for most
Trainer and Energy cards, so NaN reaches the model."""

from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import OneHotEncoder, StandardScaler

REJECTED_BY = [
    "test_preprocessor_imputes_and_scales_numeric_columns",
    "test_preprocessor_combines_both_kinds_and_drops_the_rest",
]


def build_preprocessor(numeric: list[str], categorical: list[str]) -> ColumnTransformer:
    one_hot = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
    return ColumnTransformer(
        [("numeric", StandardScaler(), numeric), ("categorical", one_hot, categorical)]
    )
