"""Module 02: EDA and feature engineering - your exercises.

Write each function's body where it says `# TODO:` and delete the `raise NotImplementedError`
line. Check your work with `uv run pytest exercises/test_exercises_02.py` or the check panel
at the end of `notebooks/02_eda_features.py`. The constants below are given: use them, do not
change them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer

SNAPSHOT_DATE = pd.Timestamp("2025-03-01")  # the day the market prices were taken
DAYS_PER_YEAR = 365.25  # average year length, leap years included

# Rarity -> tier, from collectors' conventions (not from the prices): 0 common, 1 rare,
# 2 special rare, 3 ultra rare (full art), 4 secret or illustration rare.
RARITY_TIERS: dict[str, int] = {
    "Common": 0,
    "Uncommon": 0,
    "Rare": 1,
    "Rare Holo": 1,
    "Promo": 1,
    "Rare Holo V": 2,
    "Rare Holo VMAX": 2,
    "Rare Holo VSTAR": 2,
    "Double Rare": 2,
    "ACE SPEC Rare": 2,
    "Radiant Rare": 2,
    "Amazing Rare": 2,
    "Rare Shiny": 2,
    "Shiny Rare": 2,
    "Rare Ultra": 3,
    "Ultra Rare": 3,
    "Shiny Ultra Rare": 3,
    "Trainer Gallery Rare Holo": 3,
    "Illustration Rare": 3,
    "Rare Secret": 4,
    "Rare Rainbow": 4,
    "Hyper Rare": 4,
    "Special Illustration Rare": 4,
}
# Rarities of a set's main list; anything numbered after the last of them is a secret rare.
MAIN_LIST_RARITIES: tuple[str, ...] = ("Common", "Uncommon", "Rare", "Rare Holo")
# Pokemon collectors chase across every set (a fixed list, matched as whole words).
POPULAR_POKEMON: tuple[str, ...] = (
    "Charizard",
    "Pikachu",
    "Umbreon",
    "Eevee",
    "Espeon",
    "Sylveon",
    "Mewtwo",
    "Mew",
    "Gengar",
    "Rayquaza",
    "Lugia",
    "Gardevoir",
    "Greninja",
    "Snorlax",
    "Dragonite",
)
FEATURE_NAMES: tuple[str, ...] = (
    "set_age_years",
    "rarity_tier",
    "is_secret_rare",
    "is_popular_pokemon",
    "finish",
    "stage",
    "artist_fame",
    "log_low_price",
    "listing_spread",
    "log_prev_price",
)


# --- Part 1: EDA answers --------------------------------------------------------------------


def median_price_by_finish(cards: pd.DataFrame) -> pd.Series:
    """Median market price (USD) of each finish.

    Args:
        cards: The cards table (`mlcourse.data.load_cards()`), or any subset of its rows.

    Returns:
        A float Series indexed by finish (`normal`, `holofoil`, `reverse_holofoil`, as far
        as they occur), sorted from the cheapest finish to the most expensive.

    >>> median_price_by_finish(load_cards())  # doctest: +SKIP
    finish
    normal              0.07
    reverse_holofoil    0.18
    holofoil            2.34
    Name: market_price, dtype: float64
    """
    # TODO: group the rows by finish and take the median market price.
    raise NotImplementedError


def share_under_one_dollar(cards: pd.DataFrame) -> float:
    """Share of rows whose market price is strictly below $1.00.

    Args:
        cards: The cards table, or any subset of its rows.

    Returns:
        A float between 0 and 1.

    >>> share_under_one_dollar(load_cards())  # doctest: +SKIP
    0.75...
    """
    # TODO: compare market_price with 1.0 and turn the result into a share.
    raise NotImplementedError


def priciest_rarity(cards: pd.DataFrame) -> str:
    """The rarity whose cards have the highest median market price.

    Args:
        cards: The cards table, or any subset of its rows.

    Returns:
        The rarity's name as it appears in the `rarity` column.

    >>> priciest_rarity(load_cards())  # doctest: +SKIP
    'Special Illustration Rare'
    """
    # TODO: find the median price of each rarity and return the name of the largest.
    raise NotImplementedError


def log_price_age_correlation(cards: pd.DataFrame) -> float:
    """Pearson correlation between the log market price and the set's age in years.

    Age is measured at the snapshot date `SNAPSHOT_DATE`; the log is the natural log.

    Args:
        cards: The cards table, or any subset of its rows with at least two set dates.

    Returns:
        The correlation coefficient, between -1 and 1.

    >>> round(log_price_age_correlation(load_cards()), 2)  # doctest: +SKIP
    0.32
    """
    # TODO: compute the set age in years and correlate it with the log price.
    raise NotImplementedError


def price_skewness(cards: pd.DataFrame) -> tuple[float, float]:
    """Skewness of the market price in dollars and of its natural log.

    Use the sample skewness that `pandas.Series.skew` computes (the adjusted Fisher-Pearson
    coefficient, `scipy.stats.skew(..., bias=False)`).

    Args:
        cards: The cards table, or any subset of its rows (at least three).

    Returns:
        `(skew_of_price, skew_of_log_price)`.

    >>> price_skewness(load_cards())  # doctest: +SKIP
    (23.5..., 1.22...)
    """
    # TODO: compute the skewness of the price and of its log with pandas.
    raise NotImplementedError


# --- Part 2: ten features, three of which leak -----------------------------------------------


def engineer_features(cards: pd.DataFrame) -> pd.DataFrame:
    """Compute the ten features of `FEATURE_NAMES`, one row per row of `cards`.

    - `set_age_years`: days from `set_release_date` to `SNAPSHOT_DATE`, divided by
      `DAYS_PER_YEAR`.
    - `rarity_tier`: `RARITY_TIERS[rarity]`; 0 for a missing or unlisted rarity.
    - `is_secret_rare`: 1 if the card has a rarity and its `number` is a whole number above
      its set's *main-list end* (below), else 0.
    - `is_popular_pokemon`: 1 if `name` contains a `POPULAR_POKEMON` name as a whole word
      ("Mew" matches "Mew ex" but not "Mewtwo"), else 0.
    - `finish`: the `finish` column as it is.
    - `stage`: for Pokémon, `Basic`, `Stage 1` or `Stage 2` if one of them is among the
      `|`-separated `subtypes`, else `Other`; for Trainer and Energy cards, the `supertype`.
    - `artist_fame`: how many distinct `card_id`s in `cards` the row's artist drew; 0 when
      the artist is missing.
    - `log_low_price`: natural log of `low_price`.
    - `listing_spread`: natural log of `high_price / low_price`.
    - `log_prev_price`: natural log of `prev_market_price` (missing where it is missing).

    A set's *main-list end* is the largest whole collector number among that set's
    `MAIN_LIST_RARITIES` cards in `cards`. Numbers with letters (`TG05`, `SWSH066`), cards
    without a rarity (the basic Energy cards at the end of old sets) and sets without
    main-list cards (promo sets) give 0. `sets.csv`'s `max_number` cannot serve: it is the
    set's largest number, secret rares included, so no card is ever above it. The flag is a
    proxy for "chase card": it also catches the full-art cards that Sword & Shield sets
    print right after their main list, which collectors do not call secret.

    Only `log_prev_price` may be missing; every other feature is defined for every row.

    Args:
        cards: The cards table (`mlcourse.data.load_cards()`), or any subset of its rows.

    Returns:
        A DataFrame with the index of `cards` and the ten columns of `FEATURE_NAMES`:
        numbers for all but `finish` and `stage`, which are text.

    >>> engineer_features(load_cards()).loc[0, ["rarity_tier", "stage"]].tolist()  # doctest: +SKIP
    [1, 'Stage 2']
    """
    # TODO: build a DataFrame with the index of `cards` and one column per feature.
    raise NotImplementedError


def leaky_features() -> set[str]:
    """The names of the features of `engineer_features` that leak the target.

    A feature leaks when its value would not be known at the moment the model is used (a new
    card is listed for sale) and it carries information about the price we want to predict.

    Returns:
        A set of three names from `FEATURE_NAMES`.

    >>> len(leaky_features())  # doctest: +SKIP
    3
    """
    # TODO: return the names of the three features nobody knows when a card is listed.
    raise NotImplementedError


# --- Part 3: preprocessing that learns from the training rows only ---------------------------


def build_preprocessor(numeric: list[str], categorical: list[str]) -> ColumnTransformer:
    """An unfitted scikit-learn preprocessor for a table of features.

    - `numeric` columns: fill missing values (with the median), then standardise.
    - `categorical` columns: fill missing values, then one-hot encode, ignoring categories
      that were not seen during `fit` (they become a row of zeros instead of an error).
    - every other column is dropped.

    Args:
        numeric: Names of the numeric columns.
        categorical: Names of the text columns.

    Returns:
        A `ColumnTransformer`, not fitted yet, whose `transform` returns a 2-D array with
        the scaled numeric columns and the indicator columns.

    >>> build_preprocessor(["set_age_years"], ["finish"])  # doctest: +SKIP
    ColumnTransformer(transformers=[('numeric', ...), ('categorical', ...)])
    """
    # TODO: combine two Pipelines in a ColumnTransformer, one per kind of column.
    raise NotImplementedError


def fit_transform_split(
    preprocessor: ColumnTransformer, train: pd.DataFrame, test: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    """Fit `preprocessor` on the training rows only, then transform both sides.

    `preprocessor` is fitted in place (as every scikit-learn `fit` does), so afterwards it
    holds what it learned from `train` - and nothing from `test`.

    Args:
        preprocessor: An unfitted preprocessor, e.g. from `build_preprocessor`.
        train: The training rows.
        test: The test rows, transformed with what was learned from `train`.

    Returns:
        `(X_train, X_test)`, the transformed arrays.

    >>> preprocessor = build_preprocessor(["hp"], ["finish"])  # doctest: +SKIP
    >>> X_train, X_test = fit_transform_split(preprocessor, train, test)  # doctest: +SKIP
    """
    # TODO: learn from `train` only, then apply what was learned to both sides.
    raise NotImplementedError


# --- Part 4: the feature challenge ----------------------------------------------------------


def challenge_features(cards: pd.DataFrame) -> pd.DataFrame:
    """Your best feature table for pricing a card at listing time.

    The grader fits a fixed model on these features, on log price, on a hidden split grouped
    by card, and compares its MAE with the baseline "median log price by rarity and finish":
    yours must be at least 35% lower. On the hidden split the baseline's MAE is 0.607, so you
    need 0.394 or less; the seven non-leaky features of `engineer_features` alone reach about
    0.41 - add what the EDA pointed at.

    The fixed model is `HistGradientBoostingRegressor(max_iter=200, learning_rate=0.1,
    early_stopping=False, random_state=0, categorical_features="from_dtype")`. Numeric and
    boolean columns go in as numbers (missing values allowed), text columns as categories
    (at most 255 different values per column).

    Only information known when a new card is listed is allowed: nothing computed from
    `market_price`, `low_price`, `high_price`, `prev_market_price`, `price_date` or
    `prev_price_date`. The grader checks this by shuffling those columns: your features
    must not change.

    Args:
        cards: The cards table (`mlcourse.data.load_cards()`), or any subset of its rows.

    Returns:
        A DataFrame with the index of `cards`, one column per feature.

    >>> challenge_features(load_cards()).shape[0]  # doctest: +SKIP
    10442
    """
    # TODO: start from your non-leaky features and add the ones the EDA suggests.
    raise NotImplementedError
