"""The course's reference price model: card attributes in, market price out.

Modules 03-06 and the capstone need a trained model to evaluate, serve and monitor. This is
that model, built the way module 02 teaches: only attributes known when a card is listed (no
listing prices, no earlier price), a `ColumnTransformer` fitted on training rows only, and the
target on the log scale because prices span four orders of magnitude.

>>> from mlcourse.data import load_cards
>>> from mlcourse.splits import group_split
>>> train, test = group_split(load_cards(), test_size=0.2, seed=42)
>>> model = fit_price_model(train)
>>> prices = predict_price(model, test)  # dollars
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OrdinalEncoder

SNAPSHOT_DATE = pd.Timestamp("2025-03-01")  # the day the prices were taken
NUMERIC_FEATURES = ["set_age_years", "hp", "retreat_cost", "number_value", "pokedex_number"]
CATEGORICAL_FEATURES = ["finish", "rarity", "supertype", "series", "stage", "energy_type", "set_id"]
FEATURES = NUMERIC_FEATURES + CATEGORICAL_FEATURES
# Columns that are the target or near-copies of it: never model inputs.
LEAKY_COLUMNS = ("market_price", "low_price", "high_price", "prev_market_price")


def card_features(cards: pd.DataFrame) -> pd.DataFrame:
    """The reference model's inputs, computed from attributes known at listing time.

    Args:
        cards: Rows shaped like `mlcourse.data.load_cards()` (prices are not needed).

    Returns:
        One row per input row, index kept, columns `FEATURES`.
    """
    release = pd.to_datetime(cards["set_release_date"])
    numbers = pd.to_numeric(cards["number"].astype(str).str.extract(r"(\d+)")[0], errors="coerce")
    subtypes = cards["subtypes"].astype("string").fillna("")
    return pd.DataFrame(
        {
            "set_age_years": (SNAPSHOT_DATE - release).dt.days / 365.25,
            "hp": pd.to_numeric(cards["hp"], errors="coerce").astype(float),
            "retreat_cost": pd.to_numeric(cards["retreat_cost"], errors="coerce").astype(float),
            "number_value": numbers.astype(float),
            "pokedex_number": pd.to_numeric(cards["pokedex_number"], errors="coerce").astype(float),
            "finish": cards["finish"].astype("string"),
            "rarity": cards["rarity"].astype("string").fillna("None"),
            "supertype": cards["supertype"].astype("string"),
            "series": cards["series"].astype("string"),
            "stage": subtypes.str.split("|").str[0].replace("", "None"),
            "energy_type": cards["types"].astype("string").fillna("None").str.split("|").str[0],
            "set_id": cards["set_id"].astype("string"),
        },
        index=cards.index,
    )


def price_pipeline(seed: int = 42, **params: float | int) -> Pipeline:
    """An unfitted pipeline: feature encoding, then gradient boosting on log price.

    Categories are ordinal-encoded with unknown values mapped to their own code, so a set or
    rarity the model never saw does not break prediction. `params` go to the regressor.
    """
    encode = ColumnTransformer(
        [
            ("numeric", "passthrough", NUMERIC_FEATURES),
            (
                "categorical",
                OrdinalEncoder(
                    handle_unknown="use_encoded_value", unknown_value=-1, encoded_missing_value=-2
                ),
                CATEGORICAL_FEATURES,
            ),
        ],
        verbose_feature_names_out=False,
    )
    categorical_mask = [False] * len(NUMERIC_FEATURES) + [True] * len(CATEGORICAL_FEATURES)
    settings = {"learning_rate": 0.08, "max_iter": 300, "random_state": seed} | params
    model = HistGradientBoostingRegressor(categorical_features=categorical_mask, **settings)
    return Pipeline([("encode", encode), ("model", model)])


def fit_price_model(train: pd.DataFrame, seed: int = 42, **params: float | int) -> Pipeline:
    """Fit `price_pipeline` on `train`'s features against `log(market_price)`."""
    pipeline = price_pipeline(seed, **params)
    pipeline.fit(card_features(train), np.log(train["market_price"].to_numpy()))
    return pipeline


def predict_price(model: Pipeline, cards: pd.DataFrame) -> np.ndarray:
    """Predicted market prices in dollars for `cards` (the model works in log price)."""
    return np.exp(model.predict(card_features(cards)))
