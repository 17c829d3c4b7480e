"""Module 02: EDA and feature engineering - reference solutions.

Each function is the stub from `exercises/exercises_02.py` with its body written. The comments
say why a line is there, not what it does.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

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
RULE_BOX = "V|VMAX|VSTAR|V-UNION|ex|EX|GX"  # subtypes and name suffixes of rule-box cards
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
    # The median, not the mean: a few $1,000 cards would drag a mean far from a typical card.
    return cards.groupby("finish")["market_price"].median().sort_values()


def share_under_one_dollar(cards: pd.DataFrame) -> float:
    """Share of rows whose market price is strictly below $1.00.

    Args:
        cards: The cards table, or any subset of its rows.

    Returns:
        A float between 0 and 1.

    >>> share_under_one_dollar(load_cards())  # doctest: +SKIP
    0.75...
    """
    # The mean of a boolean Series is the share of True values.
    return float((cards["market_price"] < 1.0).mean())


def priciest_rarity(cards: pd.DataFrame) -> str:
    """The rarity whose cards have the highest median market price.

    Args:
        cards: The cards table, or any subset of its rows.

    Returns:
        The rarity's name as it appears in the `rarity` column.

    >>> priciest_rarity(load_cards())  # doctest: +SKIP
    'Special Illustration Rare'
    """
    medians = cards.groupby("rarity")["market_price"].median()
    return str(medians.idxmax())


def _set_age_years(cards: pd.DataFrame) -> pd.Series:
    """Years from each row's set release to the price snapshot."""
    return (SNAPSHOT_DATE - cards["set_release_date"]).dt.days / DAYS_PER_YEAR


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
    # On raw dollars a handful of outliers would decide the answer; on the log scale every
    # card counts about equally, which is the scale we model on.
    return float(np.log(cards["market_price"]).corr(_set_age_years(cards)))


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
    price = cards["market_price"]
    return float(price.skew()), float(np.log(price).skew())


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
    features = pd.DataFrame(index=cards.index)
    features["set_age_years"] = _set_age_years(cards)
    # An unlisted rarity (basic Energy has none) is treated as the most common tier.
    features["rarity_tier"] = cards["rarity"].map(RARITY_TIERS).fillna(0).astype(int)
    features["is_secret_rare"] = _is_secret_rare(cards)
    features["is_popular_pokemon"] = _is_popular(cards["name"])
    features["finish"] = cards["finish"]
    kinds = zip(cards["supertype"], cards["subtypes"], strict=True)
    features["stage"] = [_stage(supertype, subtypes) for supertype, subtypes in kinds]
    features["artist_fame"] = _artist_fame(cards)
    # The three below are computed from the price snapshot itself: on the day a new card is
    # listed none of them exists yet. They are here to be recognised, not to be used.
    features["log_low_price"] = np.log(cards["low_price"])
    features["listing_spread"] = np.log(cards["high_price"] / cards["low_price"])
    features["log_prev_price"] = np.log(cards["prev_market_price"])
    return features


def _collector_number(cards: pd.DataFrame) -> pd.Series:
    """The collector number as a float; NaN when it contains letters."""
    whole = cards["number"].where(cards["number"].str.fullmatch(r"\d+"))
    return pd.to_numeric(whole, errors="coerce")


def _is_secret_rare(cards: pd.DataFrame) -> pd.Series:
    number = _collector_number(cards)
    on_main_list = cards["rarity"].isin(MAIN_LIST_RARITIES)
    # transform("max") puts each set's main-list end on every row of that set.
    main_list_end = number.where(on_main_list).groupby(cards["set_id"]).transform("max")
    # A comparison with NaN is False: letter numbers and promo sets come out as 0.
    # Old sets end with basic Energy cards, which have no rarity and are no chase cards.
    return ((number > main_list_end) & cards["rarity"].notna()).astype(int)


def _is_popular(names: pd.Series) -> pd.Series:
    # \b keeps "Mew" from matching inside "Mewtwo".
    pattern = r"\b(?:" + "|".join(map(re.escape, POPULAR_POKEMON)) + r")\b"
    return names.str.contains(pattern, regex=True).astype(int)


def _stage(supertype: str, subtypes: object) -> str:
    if supertype != "Pokémon":
        return supertype
    # subtypes is text such as "Stage 1|ex", or NaN when missing.
    values = subtypes.split("|") if isinstance(subtypes, str) else []
    return next((stage for stage in ("Basic", "Stage 1", "Stage 2") if stage in values), "Other")


def _artist_fame(cards: pd.DataFrame) -> pd.Series:
    # Count cards, not rows: a card printed in three finishes is still one drawing.
    per_artist = cards.drop_duplicates("card_id")["artist"].value_counts()
    return cards["artist"].map(per_artist).fillna(0).astype(int)


def leaky_features() -> set[str]:
    """The names of the features of `engineer_features` that leak the target.

    A feature leaks when its value would not be known at the moment the model is used (a new
    card is listed for sale) and it carries information about the price we want to predict.

    Returns:
        A set of three names from `FEATURE_NAMES`.

    >>> len(leaky_features())  # doctest: +SKIP
    3
    """
    # Same-day listing prices and last week's price are versions of the answer itself.
    # rarity_tier or is_secret_rare are strongly correlated with price too, but they are
    # printed on the card: correlation alone is not leakage.
    return {"log_low_price", "listing_spread", "log_prev_price"}


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
    numeric_steps = Pipeline(
        [("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]
    )
    categorical_steps = Pipeline(
        [
            ("impute", SimpleImputer(strategy="constant", fill_value="missing")),
            # A new set or finish after deployment must not crash the model: unseen
            # categories get all-zero indicator columns.
            ("one_hot", OneHotEncoder(handle_unknown="ignore", sparse_output=False)),
        ]
    )
    return ColumnTransformer(
        [("numeric", numeric_steps, numeric), ("categorical", categorical_steps, categorical)],
        remainder="drop",
    )


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
    # fit_transform on train, transform (never fit) on test: the test rows stand in for
    # cards that do not exist yet when the model is trained.
    X_train = preprocessor.fit_transform(train)
    X_test = preprocessor.transform(test)
    return X_train, X_test


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
    # Start from the non-leaky engineered features, then add what the EDA pointed at.
    features = engineer_features(cards).drop(columns=sorted(leaky_features()))
    features["hp"] = cards["hp"].astype("float64")
    features["rarity"] = cards["rarity"].fillna("none")
    features["set_id"] = cards["set_id"]
    features["types"] = cards["types"].fillna("none")
    features["retreat_cost"] = cards["retreat_cost"].astype("float64")
    # V, VMAX, VSTAR, ex, GX cards carry a "rule box" and are the chase cards of their era.
    rule_box = rf"(?:^|\|)(?:{RULE_BOX})(?:\||$)"
    features["has_rule_box"] = cards["subtypes"].fillna("").str.contains(rule_box).astype(int)
    features["collector_number"] = _collector_number(cards)
    # How often a Pokemon gets printed at all is a proxy for its popularity; "Charizard ex"
    # and "Charizard VMAX" count as Charizard.
    base_name = cards["name"].str.replace(rf"\s+(?:{RULE_BOX})$", "", regex=True)
    prints = base_name[~cards["card_id"].duplicated()].value_counts()
    features["name_prints"] = base_name.map(prints)
    return features
