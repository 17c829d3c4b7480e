"""Graders for module 02: EDA answers, ten features (three leak), preprocessing, the challenge.

Every expected value is computed here from the data with pandas, numpy, scipy or plain
Python, never with code from the solutions.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from scipy import sparse, stats
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.exceptions import NotFittedError
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from mlcourse.data import load_cards
from mlcourse.grading import (
    GradingFailure,
    LearnerModule,
    expect,
    expect_close,
    expect_equal,
    expect_type,
)
from mlcourse.splits import group_split, hidden_split

SNAPSHOT = pd.Timestamp("2025-03-01")
FEATURES = {
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
}
LEAKY = {"log_low_price", "listing_spread", "log_prev_price"}
NON_LEAKY = sorted(FEATURES - LEAKY)
# Everything that comes from the price snapshot, and so is unknown when a card is listed.
PRICE_COLUMNS = [
    "market_price",
    "low_price",
    "high_price",
    "prev_market_price",
    "price_date",
    "prev_price_date",
]
MAIN_LIST = {"Common", "Uncommon", "Rare", "Rare Holo"}
SIZES = [50, 1000, None]  # rows of the real data to grade on; None = all of them
SIZE_IDS = ["50 rows", "1000 rows", "all rows"]
CHALLENGE_MARGIN = 0.35  # the challenge MAE must be at least this much below the baseline's
MAX_CATEGORIES = 255  # per text column: the fixed model's limit


@pytest.fixture(scope="module")
def cards() -> pd.DataFrame:
    return load_cards()


def _rows(cards: pd.DataFrame, n: int | None) -> pd.DataFrame:
    """n rows drawn at a fixed seed, in table order (so the index has gaps), or all rows."""
    return cards if n is None else cards.sample(n, random_state=0).sort_index()


def _shuffle_prices(cards: pd.DataFrame) -> pd.DataFrame:
    """A copy with every price column shuffled: the attributes stay, the prices are noise."""
    rng = np.random.default_rng(0)
    shuffled = cards.copy()
    for column in PRICE_COLUMNS:
        shuffled[column] = rng.permutation(shuffled[column].to_numpy())
    return shuffled


def _dense(matrix: object) -> np.ndarray:
    """A transformer's output as a dense float array (sparse output is fine too)."""
    try:
        return matrix.toarray() if sparse.issparse(matrix) else np.asarray(matrix, dtype=float)
    except (TypeError, ValueError):
        raise GradingFailure(
            "The transformed output holds values that are not numbers. Are text columns "
            "passed through untouched? Use remainder='drop' and encode every text column."
        ) from None


# --- Part 1: EDA answers --------------------------------------------------------------------


@pytest.mark.parametrize("n", SIZES, ids=SIZE_IDS)
def test_median_price_by_finish_matches_numpy(
    ex: LearnerModule, cards: pd.DataFrame, n: int | None
) -> None:
    rows = _rows(cards, n)
    got = ex.median_price_by_finish(rows)
    expect_type(got, pd.Series)
    expected = {
        finish: float(np.median(rows.loc[rows["finish"] == finish, "market_price"]))
        for finish in rows["finish"].unique()
    }
    expect_equal(
        sorted(got.index), sorted(expected), "the index", why="It should hold the finishes."
    )
    for finish, value in expected.items():
        expect_close(
            got[finish],
            value,
            abs_tol=1e-9,
            what=f"the median price of {finish}",
            why="Did you take the mean? A few $1,000 cards pull a mean far up.",
        )
    expect(
        got.is_monotonic_increasing,
        "Sort the result from the cheapest finish to the most expensive (`sort_values()`).",
    )


@pytest.mark.parametrize(
    ("prices", "share"),
    [([0.5], 1.0), ([1.0], 0.0), ([0.99, 1.0, 5.0, 0.1], 0.5), ([2.0, 3.0], 0.0)],
)
def test_share_under_one_dollar_on_small_tables(
    ex: LearnerModule, prices: list[float], share: float
) -> None:
    got = ex.share_under_one_dollar(pd.DataFrame({"market_price": prices}))
    expect_close(
        got, share, what=f"the share for prices {prices}", why="$1.00 itself is not under $1."
    )


@pytest.mark.parametrize("n", SIZES, ids=SIZE_IDS)
def test_share_under_one_dollar_matches_a_count(
    ex: LearnerModule, cards: pd.DataFrame, n: int | None
) -> None:
    rows = _rows(cards, n)
    under = sum(price < 1.0 for price in rows["market_price"])
    got = ex.share_under_one_dollar(rows)
    expect_close(got, under / len(rows), what="the share under $1")


def test_priciest_rarity_uses_the_median_not_the_mean(ex: LearnerModule) -> None:
    # "Rare" has the higher mean (one outlier), "Ultra Rare" the higher median.
    table = pd.DataFrame(
        {"rarity": ["Rare", "Rare", "Rare", "Ultra Rare", "Ultra Rare"]}
        | {"market_price": [1.0, 1.0, 100.0, 5.0, 5.0]}
    )
    got = ex.priciest_rarity(table)
    expect_equal(got, "Ultra Rare", "the priciest rarity", why="Compare medians, not means.")


@pytest.mark.parametrize("n", SIZES, ids=SIZE_IDS)
def test_priciest_rarity_matches_numpy(
    ex: LearnerModule, cards: pd.DataFrame, n: int | None
) -> None:
    rows = _rows(cards, n).dropna(subset=["rarity"])
    medians = {r: np.median(g["market_price"]) for r, g in rows.groupby("rarity")}
    got = ex.priciest_rarity(rows)
    winners = [rarity for rarity, median in medians.items() if median == max(medians.values())]
    expect(
        got in winners,
        f"The priciest rarity is {' or '.join(map(repr, winners))} (highest median price), "
        f"not {got!r}.",
    )


@pytest.mark.parametrize("n", SIZES, ids=SIZE_IDS)
def test_log_price_age_correlation_matches_scipy(
    ex: LearnerModule, cards: pd.DataFrame, n: int | None
) -> None:
    rows = _rows(cards, n)
    age_days = (SNAPSHOT - rows["set_release_date"]).dt.days
    expected = stats.pearsonr(np.log(rows["market_price"]), age_days).statistic
    got = ex.log_price_age_correlation(rows)
    raw = stats.pearsonr(rows["market_price"], age_days).statistic
    why = (
        "That is the correlation with the raw price: take the log first."
        if (isinstance(got, float) and math.isclose(got, raw, abs_tol=1e-6))
        else "Pearson correlation of np.log(market_price) with the age in years."
    )
    expect_close(got, float(expected), abs_tol=1e-6, what="the correlation", why=why)


@pytest.mark.parametrize("n", SIZES, ids=SIZE_IDS)
def test_price_skewness_matches_scipy(
    ex: LearnerModule, cards: pd.DataFrame, n: int | None
) -> None:
    price = _rows(cards, n)["market_price"].to_numpy()
    got = ex.price_skewness(_rows(cards, n))
    expect(
        isinstance(got, tuple) and len(got) == 2,
        f"Return a tuple of two numbers (raw, log), not {type(got).__name__}.",
    )
    raw, log = stats.skew(price, bias=False), stats.skew(np.log(price), bias=False)
    why = "Use pandas' `Series.skew()` (scipy's `skew(..., bias=False)`), in the order (raw, log)."
    expect_close(got[0], float(raw), rel=1e-6, what="the skewness of the price", why=why)
    expect_close(got[1], float(log), rel=1e-6, what="the skewness of the log price", why=why)


# --- Part 2: ten features, three of which leak -----------------------------------------------


def _features(ex: LearnerModule, cards: pd.DataFrame) -> pd.DataFrame:
    got = ex.engineer_features(cards)
    expect_type(got, pd.DataFrame, "the result of engineer_features")
    return got


def _column(features: pd.DataFrame, name: str) -> pd.Series:
    expect(name in features.columns, f"The features have no column `{name}`.")
    return features[name]


def test_features_have_the_ten_documented_names(ex: LearnerModule, cards: pd.DataFrame) -> None:
    got = _features(ex, cards)
    names = list(got.columns)
    expect(len(names) == len(set(names)), f"Some column names repeat: {names}")
    missing, extra = sorted(FEATURES - set(names)), sorted(set(names) - FEATURES)
    expect(not missing and not extra, f"Missing columns {missing}, unexpected columns {extra}.")


@pytest.mark.parametrize("n", [1, 50, None], ids=["1 row", "50 rows", "all rows"])
def test_features_keep_one_row_per_input_row(
    ex: LearnerModule, cards: pd.DataFrame, n: int | None
) -> None:
    rows = _rows(cards, n)
    got = _features(ex, rows)
    expect_equal(
        len(got), len(rows), "the number of rows", why="One feature row per row of `cards`."
    )
    expect(
        got.index.equals(rows.index),
        "The features must keep the index of `cards` (build them with "
        "`pd.DataFrame(index=cards.index)`, and don't reset the index).",
    )


def test_only_log_prev_price_may_be_missing(ex: LearnerModule, cards: pd.DataFrame) -> None:
    got = _features(ex, cards)
    for name in sorted(FEATURES):
        missing = int(_column(got, name).isna().sum())
        allowed = int(cards["prev_market_price"].isna().sum()) if name == "log_prev_price" else 0
        expect(
            missing == allowed,
            f"`{name}` has {missing} missing values, expected {allowed}. "
            "Fill the documented default (0) where the input is missing.",
        )


def _expected_secret_rare(cards: pd.DataFrame) -> list[int]:
    rows = list(zip(cards["set_id"], cards["number"], cards["rarity"], strict=True))
    main_end: dict[str, int] = {}
    for set_id, number, rarity in rows:
        if number.isdigit() and rarity in MAIN_LIST:
            main_end[set_id] = max(main_end.get(set_id, 0), int(number))
    return [
        int(
            isinstance(rarity, str)
            and number.isdigit()
            and set_id in main_end
            and int(number) > main_end[set_id]
        )
        for set_id, number, rarity in rows
    ]


def _expected_stage(supertype: str, subtypes: object) -> str:
    if supertype != "Pokémon":
        return supertype
    values = set(subtypes.split("|")) if isinstance(subtypes, str) else set()
    for stage in ("Stage 2", "Stage 1", "Basic"):
        if stage in values:
            return stage
    return "Other"


def _expected_feature(name: str, cards: pd.DataFrame, tiers: dict[str, int]) -> list:
    """The feature computed row by row in plain Python: slow, but written independently."""
    if name == "set_age_years":
        return [(SNAPSHOT - day).days / 365.25 for day in cards["set_release_date"]]
    if name == "rarity_tier":
        return [tiers.get(r, 0) if isinstance(r, str) else 0 for r in cards["rarity"]]
    if name == "is_secret_rare":
        return _expected_secret_rare(cards)
    if name == "is_popular_pokemon":
        popular = {"Charizard", "Pikachu", "Umbreon", "Eevee", "Espeon", "Sylveon", "Mewtwo"}
        popular |= {"Mew", "Gengar", "Rayquaza", "Lugia", "Gardevoir", "Greninja", "Snorlax"}
        popular |= {"Dragonite"}
        return [int(bool(popular & set(re.findall(r"\w+", n)))) for n in cards["name"]]
    if name == "finish":
        return list(cards["finish"])
    if name == "stage":
        pairs = zip(cards["supertype"], cards["subtypes"], strict=True)
        return [_expected_stage(s, t) for s, t in pairs]
    if name == "artist_fame":
        drawn = Counter(
            a
            for a in dict(zip(cards["card_id"], cards["artist"], strict=True)).values()
            if isinstance(a, str)
        )
        return [drawn[a] if isinstance(a, str) else 0 for a in cards["artist"]]
    if name == "log_low_price":
        return [math.log(p) for p in cards["low_price"]]
    if name == "listing_spread":
        pairs = zip(cards["high_price"], cards["low_price"], strict=True)
        return [math.log(high) - math.log(low) for high, low in pairs]
    return [math.log(p) if p == p else math.nan for p in cards["prev_market_price"]]


WHY = {
    "set_age_years": "Days from set_release_date to SNAPSHOT_DATE, divided by 365.25.",
    "rarity_tier": "Map `rarity` with RARITY_TIERS; a missing rarity is tier 0.",
    "is_secret_rare": (
        "Compare the whole collector number with the largest whole number of the set's "
        "MAIN_LIST_RARITIES cards (not with sets.csv's max_number, which includes the "
        "secret rares themselves); cards without a rarity are never secret rares."
    ),
    "is_popular_pokemon": "Match POPULAR_POKEMON as whole words: 'Mewtwo' is not 'Mew'.",
    "finish": "Copy the `finish` column as it is.",
    "stage": "Basic/Stage 1/Stage 2 from `subtypes` for Pokémon, else 'Other'; "
    "Trainer and Energy cards get their supertype.",
    "artist_fame": "Count distinct card_ids per artist (not rows: finishes repeat a card).",
    "log_low_price": "np.log(low_price).",
    "listing_spread": "np.log(high_price / low_price).",
    "log_prev_price": "np.log(prev_market_price).",
}


def _show(value: object) -> str:
    """A value as a learner would write it: 2.685 rather than np.float64(2.685)."""
    if isinstance(value, float | np.floating):
        return f"{float(value):.6g}"
    return repr(value.item() if isinstance(value, np.generic) else value)


def _first_mismatch(got: pd.Series, expected: list, cards: pd.DataFrame) -> str | None:
    """None when `got` equals `expected` row by row, else a sentence about the first miss."""
    if isinstance(expected[0], str):
        values = got.to_numpy(dtype=object)
        same = np.array([v == w for v, w in zip(values, expected, strict=True)])
    else:
        try:
            values = got.astype("float64").to_numpy()
        except (TypeError, ValueError):
            return f"it should hold numbers, but its values look like {got.iloc[0]!r}."
        want = np.asarray(expected, dtype=float)
        same = np.isclose(values, want, rtol=1e-9, atol=1e-9) | (np.isnan(values) & np.isnan(want))
    if same.all():
        return None
    i = int(np.flatnonzero(~same)[0])
    card = f"{cards['card_id'].iloc[i]} {cards['name'].iloc[i]!r} ({cards['finish'].iloc[i]})"
    return (
        f"{int((~same).sum()):,} of {len(same):,} rows differ; the first is row {i}, card {card}: "
        f"expected {_show(expected[i])}, got {_show(values[i])}."
    )


@pytest.mark.parametrize("name", [*NON_LEAKY, *sorted(LEAKY)])
def test_feature_matches_an_independent_computation(
    ex: LearnerModule, cards: pd.DataFrame, name: str
) -> None:
    got = _features(ex, cards)
    column = _column(got, name)
    expect(len(column) == len(cards), f"`{name}` has {len(column):,} rows, not {len(cards):,}.")
    mismatch = _first_mismatch(column, _expected_feature(name, cards, ex.RARITY_TIERS), cards)
    expect(mismatch is None, f"`{name}` is wrong: {mismatch} {WHY[name]}")


def _one_card(cards: pd.DataFrame, **changes: object) -> pd.DataFrame:
    row = cards.iloc[[0]].copy()
    for column, value in changes.items():
        row[column] = value
    return row


@pytest.mark.parametrize(
    ("rarity", "tier"),
    [
        ("Common", 0),
        ("Rare Holo", 1),
        ("Rare Holo VMAX", 2),
        ("Illustration Rare", 3),
        ("Special Illustration Rare", 4),
        (np.nan, 0),
    ],
)
def test_rarity_tier_follows_the_table(
    ex: LearnerModule, cards: pd.DataFrame, rarity: object, tier: int
) -> None:
    got = _column(_features(ex, _one_card(cards, rarity=rarity)), "rarity_tier")
    expect_close(
        float(got.iloc[0]), tier, what=f"the rarity_tier of {rarity!r}", why=WHY["rarity_tier"]
    )


def test_is_secret_rare_compares_with_the_main_list_of_the_set(
    ex: LearnerModule, cards: pd.DataFrame
) -> None:
    # A made-up set: three main-list cards numbered 1-3, two chase cards above them, an
    # Energy without rarity numbered 6, a gallery card numbered TG01, and a rare in another
    # set numbered 50.
    template = cards.iloc[[0] * 8].reset_index(drop=True)
    table = template.assign(
        card_id=[f"x-{i}" for i in range(8)],
        set_id=["x"] * 7 + ["y"],
        number=["1", "2", "3", "4", "5", "6", "TG01", "50"],
        rarity=["Common", "Uncommon", "Rare Holo", "Ultra Rare", "Hyper Rare", np.nan]
        + ["Rare", "Rare"],
    )
    got = _column(_features(ex, table), "is_secret_rare")
    expect_equal(
        [int(v) for v in got],
        [0, 0, 0, 1, 1, 0, 0, 0],
        "is_secret_rare",
        why=WHY["is_secret_rare"],
    )


def test_non_leaky_features_do_not_change_when_prices_are_shuffled(
    ex: LearnerModule, cards: pd.DataFrame
) -> None:
    before = _features(ex, cards)
    after = _features(ex, _shuffle_prices(cards))
    changed = [
        name
        for name in NON_LEAKY
        if not _column(before, name)
        .reset_index(drop=True)
        .equals(_column(after, name).reset_index(drop=True))
    ]
    expect(
        not changed,
        f"{changed} changed when only the prices were shuffled, so they are computed from a "
        "price. A listing-time feature may only use what is printed on the card.",
    )


def test_leaky_features_name_exactly_the_three_price_derived_features(ex: LearnerModule) -> None:
    got = ex.leaky_features()
    expect_type(got, (set, frozenset), "the result of leaky_features")
    unknown = sorted(set(got) - FEATURES)
    expect(not unknown, f"{unknown} are not names from FEATURE_NAMES.")
    innocent = sorted(set(got) - LEAKY)
    expect(
        not innocent,
        f"Not leaky: {', '.join(innocent)}. Correlated with the price, yes, but known before "
        "a card is ever sold or listed. Correlation is not leakage: ask whether the value "
        "exists at prediction time.",
    )
    expect(len(got) == len(LEAKY), f"You named {len(got)} leaky features; there are 3.")


# --- Part 3: preprocessing that learns from the training rows only ---------------------------

NUMERIC = ["set_age_years", "hp"]  # hp is missing for most Trainer and Energy cards
CATEGORICAL = ["finish", "rarity"]  # rarity is missing for basic Energy cards


def _table(cards: pd.DataFrame) -> pd.DataFrame:
    """A small feature table: two numeric columns (hp has gaps), three text columns."""
    age = (SNAPSHOT - cards["set_release_date"]).dt.days / 365.25
    table = cards[["card_id", "finish", "rarity", "supertype"]].copy()
    table["set_age_years"] = age
    table["hp"] = cards["hp"].astype("float64")
    return table


@pytest.fixture(scope="module")
def sides(cards: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    return group_split(_table(cards), test_size=0.2, seed=0)


def _built(ex: LearnerModule, numeric: list[str], categorical: list[str]) -> ColumnTransformer:
    got = ex.build_preprocessor(numeric, categorical)
    expect(
        hasattr(got, "fit") and hasattr(got, "transform"),
        f"Return a scikit-learn transformer (ColumnTransformer), not {type(got).__name__}.",
    )
    return got


def test_preprocessor_comes_back_unfitted(ex: LearnerModule) -> None:
    got = _built(ex, NUMERIC, CATEGORICAL)
    try:
        check_is_fitted(got)
    except NotFittedError:
        return
    raise GradingFailure(
        "build_preprocessor should return an unfitted preprocessor: the "
        "caller decides which rows it learns from."
    )


def _fit_transform(
    ex: LearnerModule, train: pd.DataFrame, numeric: list[str], categorical: list[str]
) -> np.ndarray:
    matrix = _dense(_built(ex, numeric, categorical).fit_transform(train))
    expect(
        matrix.ndim == 2 and len(matrix) == len(train),
        f"The output has shape {matrix.shape}; expected {len(train):,} rows.",
    )
    expect(not np.isnan(matrix).any(), "The output has missing values: impute them first.")
    return matrix


@pytest.mark.parametrize("numeric", [["hp"], NUMERIC], ids=["hp", "age and hp"])
def test_preprocessor_imputes_and_scales_numeric_columns(
    ex: LearnerModule, sides: tuple[pd.DataFrame, pd.DataFrame], numeric: list[str]
) -> None:
    matrix = _fit_transform(ex, sides[0], numeric, [])
    expect_equal(matrix.shape[1], len(numeric), "the number of output columns")
    expect(
        np.allclose(matrix.mean(axis=0), 0, atol=1e-6) and np.allclose(matrix.std(axis=0), 1),
        "Numeric columns should have mean 0 and standard deviation 1 on the training rows: "
        "impute the missing values, then StandardScaler.",
    )


@pytest.mark.parametrize("categorical", [["finish"], CATEGORICAL], ids=["finish", "and rarity"])
def test_preprocessor_one_hot_encodes_categorical_columns(
    ex: LearnerModule, sides: tuple[pd.DataFrame, pd.DataFrame], categorical: list[str]
) -> None:
    matrix = _fit_transform(ex, sides[0], [], categorical)
    expect(
        np.isin(matrix, [0, 1]).all() and (matrix.sum(axis=1) == len(categorical)).all(),
        "Each categorical column should become 0/1 indicator columns with exactly one 1 per "
        "row (a missing value is filled first, or gets its own indicator).",
    )


def test_preprocessor_combines_both_kinds_and_drops_the_rest(
    ex: LearnerModule, sides: tuple[pd.DataFrame, pd.DataFrame]
) -> None:
    train = sides[0]
    matrix = _fit_transform(ex, train, NUMERIC, CATEGORICAL)
    one_hot = train[CATEGORICAL].nunique(dropna=False).sum()
    expect(
        len(NUMERIC) + one_hot - 1 <= matrix.shape[1] <= len(NUMERIC) + one_hot,
        f"{matrix.shape[1]} output columns: expected {len(NUMERIC)} scaled numbers plus one "
        f"indicator per category of {CATEGORICAL}, and nothing from the other columns "
        "(card_id, supertype): remainder='drop'.",
    )


def test_unseen_category_gives_an_all_zero_one_hot_row(
    ex: LearnerModule,
    sides: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    train, test = sides
    preprocessor = _built(ex, [], ["finish"]).fit(train)
    unseen = test.head(3).assign(finish=["first_edition", "normal", "cosmos_holo"])
    try:
        matrix = _dense(preprocessor.transform(unseen))
    except ValueError as error:
        raise GradingFailure(
            f"Transforming a finish never seen in training raised: {error}. A new printing "
            "after deployment must not crash the model: OneHotEncoder(handle_unknown='ignore')."
        ) from None
    expect_equal(matrix[0].tolist(), [0.0] * matrix.shape[1], "the row of an unseen finish")
    expect_equal(matrix[1].sum(), 1.0, "the row of a known finish", why="It should have one 1.")


def _reference_preprocessor() -> ColumnTransformer:
    numeric = Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())])
    one_hot = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
    return ColumnTransformer(
        [("numeric", numeric, NUMERIC), ("categorical", one_hot, ["finish", "supertype"])]
    )


def test_fit_transform_split_learns_from_the_training_rows_only(
    ex: LearnerModule,
    sides: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    train, test = sides
    preprocessor = _reference_preprocessor()
    X_train, X_test = ex.fit_transform_split(preprocessor, train, test)
    means = preprocessor.named_transformers_["numeric"].named_steps["scale"].mean_
    expect(
        np.allclose(means, train[NUMERIC].mean().to_numpy()),
        "After your call the scaler holds the means of other rows than `train` "
        f"({np.round(means, 3).tolist()} instead of "
        f"{np.round(train[NUMERIC].mean().to_numpy(), 3).tolist()}). Fit on `train` only: "
        "fitting on all rows, or again on `test`, lets the test rows leak into training.",
    )
    trusted = _reference_preprocessor().fit(train)
    expect(
        np.allclose(_dense(X_train), trusted.transform(train)),
        "X_train differs from fitting on train and transforming train.",
    )
    expect(
        np.allclose(_dense(X_test), trusted.transform(test)),
        "X_test differs from transforming test with what was learned from train. "
        "Call `transform` on test, never `fit` or `fit_transform`.",
    )


def test_changing_test_rows_does_not_change_the_train_transform(
    ex: LearnerModule,
    sides: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    train, test = sides
    X_before, _ = ex.fit_transform_split(_reference_preprocessor(), train, test)
    altered = test.assign(hp=test["hp"] * 100, set_age_years=0.0, finish="normal")
    X_after, _ = ex.fit_transform_split(_reference_preprocessor(), train, altered)
    expect(
        np.allclose(_dense(X_before), _dense(X_after)),
        "X_train changed when only the test rows changed: the test rows take part in fitting.",
    )


# --- Part 4: the feature challenge ----------------------------------------------------------


def _challenge(ex: LearnerModule, cards: pd.DataFrame) -> pd.DataFrame:
    got = ex.challenge_features(cards)
    expect_type(got, pd.DataFrame, "the result of challenge_features")
    expect(got.index.equals(cards.index), "Keep the index of `cards`: one row per input row.")
    expect(got.shape[1] > 0, "The challenge features have no columns.")
    return got


def _model_table(features: pd.DataFrame) -> pd.DataFrame:
    """Numbers as float64, text as category: what the fixed model takes."""
    names = list(features.columns)
    expect(len(names) == len(set(names)), f"Some column names repeat: {names}")
    columns = {}
    for name in names:
        column = features[name]
        if pd.api.types.is_bool_dtype(column) or pd.api.types.is_numeric_dtype(column):
            columns[name] = column.astype("float64")
        elif pd.api.types.is_datetime64_any_dtype(column):
            raise GradingFailure(f"`{name}` holds dates: turn them into numbers (e.g. years).")
        else:
            n = column.nunique()
            expect(
                n <= MAX_CATEGORIES,
                f"`{name}` has {n} different values; the fixed model takes at most "
                f"{MAX_CATEGORIES} per text column. Group the rare ones, or count them instead.",
            )
            columns[name] = column.astype("category")
    return pd.DataFrame(columns, index=features.index)


def _shuffled_prices_change_nothing(
    ex: LearnerModule, features: pd.DataFrame, cards: pd.DataFrame
) -> None:
    after = _challenge(ex, _shuffle_prices(cards))
    changed = [name for name in features.columns if not features[name].equals(after.get(name))]
    expect(
        not changed,
        f"{changed} changed when only the price columns ({', '.join(PRICE_COLUMNS)}) were "
        "shuffled: they use the target or its near-duplicates, which a new listing does not "
        "have. Leaky features are not allowed in the challenge.",
    )


def test_challenge_features_are_a_table_the_model_can_use(
    ex: LearnerModule, cards: pd.DataFrame
) -> None:
    features = _challenge(ex, cards)
    _model_table(features)
    target = sorted(set(features.columns) & {*PRICE_COLUMNS, *LEAKY})
    expect(not target, f"{target} are price columns or leaky features: drop them.")


def test_challenge_features_do_not_change_when_prices_are_shuffled(
    ex: LearnerModule, cards: pd.DataFrame
) -> None:
    _shuffled_prices_change_nothing(ex, _challenge(ex, cards), cards)


def _baseline_mae(train: pd.DataFrame, test: pd.DataFrame) -> float:
    """MAE in log price of "median log price of the training cards of the same rarity and
    finish" (the overall median where a combination has no training card)."""
    log_train = np.log(train["market_price"])
    medians = log_train.groupby([train["rarity"], train["finish"]], dropna=False).median()
    keys = pd.MultiIndex.from_frame(test[["rarity", "finish"]])
    predicted = medians.reindex(keys).fillna(log_train.median()).to_numpy()
    return float(np.mean(np.abs(np.log(test["market_price"]).to_numpy() - predicted)))


@pytest.mark.time_limit(30)
def test_challenge_beats_the_baseline_by_35_percent_on_the_hidden_split(
    ex: LearnerModule,
    cards: pd.DataFrame,
) -> None:
    features = _challenge(ex, cards)
    _shuffled_prices_change_nothing(ex, features, cards)
    table = _model_table(features)
    train, test = hidden_split(cards)
    model = HistGradientBoostingRegressor(
        max_iter=200,
        learning_rate=0.1,
        early_stopping=False,
        random_state=0,
        categorical_features="from_dtype",
    )
    # One thread: on a busy machine OpenMP's worker threads can make this fit 100x slower.
    with threadpool_limits(limits=1):
        model.fit(table.loc[train.index], np.log(train["market_price"]))
        predicted = model.predict(table.loc[test.index])
    mae = float(np.mean(np.abs(predicted - np.log(test["market_price"]).to_numpy())))
    baseline = _baseline_mae(train, test)
    gain = 1 - mae / baseline
    relation = f"{gain:.1%} lower" if gain >= 0 else f"{-gain:.1%} higher"
    expect(
        gain >= CHALLENGE_MARGIN,
        f"On the hidden split your features reach MAE {mae:.3f} (log price); the baseline "
        f"reaches {baseline:.3f}. That is {relation}; the bar is {CHALLENGE_MARGIN:.0%} lower "
        f"(MAE {baseline * (1 - CHALLENGE_MARGIN):.3f} or less).",
    )
