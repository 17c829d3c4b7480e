"""Leakage checked by column name only (a renamed copy of a price slips through); a
pipeline fitted once on every card and handed out fitted, whose one-hot encoder refuses
categories it has not seen; and a baseline of mean log prices instead of medians."""

# ruff: noqa: F821 (names like `build_features` come from the solution this file extends)

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import Ridge
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

REJECTED_BY = [
    "test_leakage_checks_find_planted_leaks",
    "test_pipeline_is_unfitted_with_a_column_transformer",
    "test_pipeline_handles_unseen_categories",
    "test_baseline_matches_group_medians",
]


def leakage_checks(features: pd.DataFrame, cards: pd.DataFrame) -> list[str]:
    return [column for column in features.columns if column in LEAKY_COLUMNS]


def build_pipeline(regressor=None) -> Pipeline:
    cards = load_cards()
    encode = ColumnTransformer(
        [("categories", OneHotEncoder(handle_unknown="error"), ["finish", "rarity", "set_id"])]
    )
    pipeline = Pipeline([("encode", encode), ("model", regressor or Ridge())])
    return pipeline.fit(build_features(cards), np.log(cards["market_price"]))


def baseline_predictions(train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
    log_price = np.log(train["market_price"])
    means = log_price.groupby([train["rarity"], train["finish"]], dropna=False).mean()
    keys = pd.MultiIndex.from_frame(test[["rarity", "finish"]])
    return means.reindex(keys).fillna(float(log_price.mean())).to_numpy(dtype=float)
