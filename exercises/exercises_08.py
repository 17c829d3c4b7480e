"""Module 08 - Capstone: PokeMarket card price prediction.

PokeMarket wants a suggested price on every new listing. This file is your whole system,
stage by stage: clean, validated data and a split that cannot leak; features a seller's
listing already carries; four model families compared and the best one tuned, every run in
MLflow; an honest evaluation; an API that refuses bad input; and the monitoring that tells
the team when the model has gone stale. The documents in `exercises/capstone/` (templates)
explain your decisions to the people who did not write the code.

The contract the rubric relies on: a *price model* is a fitted scikit-learn estimator whose
`predict(build_features(cards))` returns the natural log of `market_price`. Keep every name
and signature below; add as many helper functions (`_like_this`) as you want.

Check each piece with `uv run pytest exercises/test_exercises_08.py` (or the check panel of
`notebooks/08_capstone.py`), then score the whole capstone with `uv run mlcourse rubric`.
The rubric and its objective checks are in `CAPSTONE_RUBRIC.md`.

Useful course code: `mlcourse.data.load_cards`, `mlcourse.quality.load_cards_raw` and
`PROBLEMS`, `mlcourse.schemas` (vocabularies), `mlcourse.serving` (the request models and
error handler of module 05), `mlcourse.production.drift_batch` (module 06). Your own
solutions of modules 01-06 are worth copying from.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from fastapi import FastAPI
from matplotlib.figure import Figure
from sklearn.base import BaseEstimator
from sklearn.pipeline import Pipeline

SEED = 42  # every random choice starts here
LEAKY_COLUMNS = ("market_price", "low_price", "high_price", "prev_market_price")
EXPERIMENT = "pokemarket-capstone"  # the MLflow experiment of the training runs
WITHIN = 0.25  # "close enough" for a suggested price: within 25% of the market price

# --- 1. Data engineering ---------------------------------------------------------------------


def cards_schema() -> pa.DataFrameSchema:
    """The pandera schema of the clean modelling table (one row per card x finish).

    Returns:
        A schema that accepts `load_cards()` and rejects a duplicated card x finish, an
        unknown category, a blank name, a price of 0 or less, an impossible release date
        or hit points.

    >>> cards_schema().validate(load_cards(), lazy=True).shape
    (10442, 22)
    """
    # TODO: declare the columns, their checks and the unique key (see module 01).
    raise NotImplementedError


def quality_report(raw: pd.DataFrame) -> dict[str, int]:
    """Count the rows of the raw table that carry each kind of quality problem.

    Args:
        raw: The raw cards table, `mlcourse.quality.load_cards_raw()` (prices as text).

    Returns:
        A dict with one int per name in `mlcourse.quality.PROBLEMS`: the number of rows
        that have that problem.

    >>> quality_report(load_cards_raw())["duplicate"]  # doctest: +SKIP
    120
    """
    # TODO: detect each problem from the raw table alone (no answer key) and count rows.
    raise NotImplementedError


def load_clean_data(raw: pd.DataFrame | None = None) -> pd.DataFrame:
    """The reproducible data pipeline: raw listings in, validated modelling table out.

    Steps: spellings to the canonical vocabulary, prices from text to dollars, later
    duplicates of a card x finish dropped, impossible values made missing, names and release
    dates recovered from the card's other rows or its set, then rows without a usable name,
    date or market price dropped and the rest validated with `cards_schema()`.

    Args:
        raw: The raw table; defaults to `mlcourse.quality.load_cards_raw()`.

    Returns:
        The columns and dtypes of `load_cards()`, sorted by `card_id` then `finish`, with a
        fresh 0..n-1 index. The same input always gives the same table.

    >>> load_clean_data().shape  # doctest: +SKIP
    (10332, 22)
    """
    # TODO: chain the fixes of module 01, in an order that does not depend on row order.
    raise NotImplementedError


def split(
    cards: pd.DataFrame, test_size: float = 0.2, seed: int = SEED
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split the cards table into train and test with every card on exactly one side.

    Args:
        cards: Rows shaped like `load_cards()`.
        test_size: Share of cards (not rows) in the test side.
        seed: Random seed; the same seed gives the same split.

    Returns:
        `(train, test)`, copies of the rows with their original index.

    >>> train, test = split(load_cards())  # doctest: +SKIP
    >>> set(train["card_id"]) & set(test["card_id"])  # doctest: +SKIP
    set()
    """
    # TODO: choose test cards (not rows) at random with the seed; keep each row's index.
    raise NotImplementedError


# --- 2. Feature engineering ------------------------------------------------------------------


def build_features(cards: pd.DataFrame) -> pd.DataFrame:
    """The model's inputs: attributes a seller's listing carries, never a price.

    Args:
        cards: Rows shaped like `load_cards()`. Price columns are ignored and may be absent;
            `card_id` may be absent too (it is `set_id-number`), as in an API request.

    Returns:
        One row per input row, same index, at least five feature columns.

    >>> build_features(load_cards().head(3)).shape  # doctest: +SKIP
    (3, 32)
    """
    # TODO: compute your features (set age, rarity tiers, name flags, ...) from attributes.
    raise NotImplementedError


def leakage_checks(features: pd.DataFrame, cards: pd.DataFrame) -> list[str]:
    """Name the feature columns that leak the price.

    A column leaks when it is one of `LEAKY_COLUMNS`, or when it is numeric and almost a
    copy of one of them: rank correlation of 0.95 or more (in absolute value) with any price
    column of `cards` on the rows where both are known.

    Args:
        features: A feature table, one row per row of `cards`, same index.
        cards: The rows the features were computed from, with their price columns.

    Returns:
        The leaking column names, in the order of `features.columns` (empty if none).

    >>> leakage_checks(build_features(cards).assign(low=cards["low_price"]), cards)
    ['low']
    """
    # TODO: check each column's name, then its Spearman correlation with each price column.
    raise NotImplementedError


def build_pipeline(regressor: BaseEstimator | None = None) -> Pipeline:
    """An unfitted pipeline from `build_features` output to log price.

    Args:
        regressor: The last step; default your best model family with sensible settings.

    Returns:
        A `Pipeline` whose first step is a `ColumnTransformer`; categories never seen in
        training are encoded as unknown, not an error.

    >>> build_pipeline().fit(build_features(train), np.log(train["market_price"]))  # doctest: +SKIP
    """
    # TODO: encode numbers and categories in a ColumnTransformer, then the regressor.
    raise NotImplementedError


# --- 3. Model training -----------------------------------------------------------------------


def baseline_predictions(train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
    """The naive baseline: median log price of the training rows of the same rarity and finish.

    A rarity x finish pair training never saw (or a missing rarity not in training) gets the
    median log price of all training rows; a missing rarity is a group of its own.

    Args:
        train: Rows to learn the medians from.
        test: Rows to predict.

    Returns:
        Predicted log prices, one per row of `test`, in its order.

    >>> baseline_predictions(train, test)[:3]  # doctest: +SKIP
    array([-2.65926004, -1.96611286, -2.65926004])
    """
    # TODO: group train's log prices by (rarity, finish), take medians, look test rows up.
    raise NotImplementedError


def train_models(train: pd.DataFrame, tracking_uri: str, experiment: str = EXPERIMENT) -> dict:
    """Compare four model families, tune the best kind, and log every run to MLflow.

    Every run logs the param `algorithm` and a metric such as `cv_mae` (cross-validation
    grouped by card on `train`, MAE in log price). The tuning trials are child runs
    (`nested=True`) of one parent run. The final model is refitted on all of `train` and
    logged as "model", with a signature and explicit `pip_requirements`, in a run of its own.

    Args:
        train: Training rows shaped like `load_cards()`.
        tracking_uri: The MLflow tracking store, e.g. "sqlite:///mlflow.db".
        experiment: The experiment to log into (created if needed).

    Returns:
        {"model": the fitted final pipeline, "run_id": the final run's id,
         "algorithm": its family, "cv_mae": {algorithm: cv MAE}}.

    >>> result = train_models(train, "sqlite:///mlflow.db")  # doctest: +SKIP
    """
    # TODO: cross-validate 4+ families, tune one with child runs, refit and log the best.
    raise NotImplementedError


# --- 4. Evaluation ---------------------------------------------------------------------------


def evaluate(model: BaseEstimator, test: pd.DataFrame) -> dict[str, Any]:
    """Score a price model on held-out rows, overall and by segment.

    Args:
        model: A fitted model: `model.predict(build_features(rows))` gives log prices.
        test: Held-out rows shaped like `load_cards()`.

    Returns:
        {"mae_log", "rmse_log", "median_ae_log": floats on the log scale,
         "within_25": share of rows with |predicted - price| <= 25% of the price,
         "mae_dollars": mean absolute error in USD,
         "segments": a DataFrame with columns "column", "value", "rows", "mae_log",
         "within_25", one row per value of `finish`, `rarity` (missing -> "missing") and
         price tier}.

    >>> evaluate(model, test)["mae_log"]  # doctest: +SKIP
    0.32
    """
    # TODO: predict, compare with the real prices, and group the errors by segment.
    raise NotImplementedError


def plot_errors(model: BaseEstimator, test: pd.DataFrame) -> Figure:
    """Two panels for the error analysis: predicted vs real price, and error by segment.

    Args:
        model: A fitted model, as for `evaluate`.
        test: Held-out rows.

    Returns:
        A matplotlib `Figure` with (at least) two axes that show data.

    >>> plot_errors(model, test).axes  # doctest: +SKIP
    [<Axes: ...>, <Axes: ...>]
    """
    # TODO: build a matplotlib Figure (not pyplot) with a scatter and a bar chart.
    raise NotImplementedError


# --- 5. Deployment ---------------------------------------------------------------------------


def create_app(model: BaseEstimator) -> FastAPI:
    """The price API: `GET /health`, `POST /predict` (one card), `POST /predict/batch`.

    A card is sent as `mlcourse.serving.EXAMPLE_CARD` is written (an optional `artist` may be
    added). Requests are validated by pydantic models that forbid extra fields; every bad
    request gets a 4xx with a message (422 for invalid fields, 413 for a batch over
    `mlcourse.serving.MAX_BATCH` cards), never a 500. The model is held once, from start-up.

    Args:
        model: A fitted model as `train_models` returns it.

    Returns:
        The FastAPI app; `/predict` answers {"name", "finish", "price"} with the price in USD,
        `/predict/batch` answers {"predictions": [...]} in the order of the cards.

    >>> with TestClient(create_app(model)) as client:  # doctest: +SKIP
    ...     client.post("/predict", json=EXAMPLE_CARD).json()["price"]
    """
    # TODO: reuse module 05's request models and error handler; price with build_features.
    raise NotImplementedError


def ab_test_plan() -> dict[str, Any]:
    """The A/B test that decides whether suggested prices go to every seller.

    Returns:
        {"hypothesis", "unit" (what is randomised), "metric" (the primary metric),
         "baseline_rate", "minimum_detectable_effect" (absolute), "alpha", "power",
         "sample_size_per_arm" (two-sided two-proportion z-test), "daily_units_per_arm",
         "duration_days", "guardrails" (metrics that must not get worse)}.

    >>> ab_test_plan()["sample_size_per_arm"]  # doctest: +SKIP
    4042
    """
    # TODO: choose the metric and effect, compute the sample size and the duration.
    raise NotImplementedError


# --- 6. Monitoring ---------------------------------------------------------------------------


def drift_thresholds() -> dict[str, float]:
    """The drift levels that decide what a drift reading means.

    Returns:
        A dict of positive thresholds, e.g. {"psi_warn": ..., "psi_drift": ...}; the level at
        which a column counts as drifted has "drift" in its key.

    >>> drift_thresholds()["psi_drift"]  # doctest: +SKIP
    0.25
    """
    # TODO: write down your thresholds (PSI rules of thumb are in module 06).
    raise NotImplementedError


def drift_report(reference: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Compare a batch of listings with the reference (training) data, column by column.

    Args:
        reference: The data the model was trained on, e.g.
            `mlcourse.production.drift_batch("reference")`.
        current: A new batch with (normally) the same columns.

    Returns:
        One row per monitored column present in `reference`, with at least the columns
        "column", "statistic" and "drifted" (bool, by `drift_thresholds()`). A monitored
        column absent from `current` is reported as drifted, not an error.

    >>> drift_report(reference, reference)["drifted"].any()  # doctest: +SKIP
    False
    """
    # TODO: PSI for numbers and categories, flagged by your thresholds.
    raise NotImplementedError


def retraining_schedule() -> dict[str, Any]:
    """When the model is retrained, and what a new model must pass before it replaces the old.

    Returns:
        {"cadence_days": retrain at least this often, "triggers": conditions that start a
         retrain early (a list of strings), "min_new_rows": labelled rows needed since the
         last training, "max_mae_increase": the largest MAE (log) a new model may lose
         against the current one on the same held-out cards, "rollback": how to undo}.

    >>> retraining_schedule()["cadence_days"]  # doctest: +SKIP
    7
    """
    # TODO: decide the cadence, the triggers and the promotion gate.
    raise NotImplementedError
