"""Module 03 - Model training and experimentation: exercises.

PokeMarket's pricing assistant needs a model, and a model needs evidence that it is better
than something simpler. These exercises build that evidence the way a team does it: baselines
first, then a few model families, cross-validation that matches how the model will be used,
tuning within a budget, a diagnosis when training and validation disagree, and every run
recorded in MLflow so that anyone can compare them later.

Every model here predicts the natural log of `market_price` from the card attributes that
`mlcourse.models.card_features` computes, and every score is a mean absolute error (MAE) in
log price.

This is the reference solution: every body is written, with comments on why, and the imports
it needs are at the top (scikit-learn's models and splitters, scipy, mlflow). Grade it with
`uv run pytest --solutions exercises/test_exercises_03.py` or with the check panel at the end of
`notebooks/03_training_experiments.py`. Keep the names, signatures and given code as they are.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable
from importlib.metadata import version
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import norm
from sklearn.base import BaseEstimator, clone
from sklearn.compose import ColumnTransformer
from sklearn.dummy import DummyRegressor
from sklearn.ensemble import RandomForestRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import GroupKFold, KFold, TimeSeriesSplit
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, PolynomialFeatures, StandardScaler
from sklearn.tree import DecisionTreeRegressor

from mlcourse.data import load_cards
from mlcourse.models import CATEGORICAL_FEATURES, NUMERIC_FEATURES, card_features, price_pipeline
from mlcourse.splits import group_split

SEED = 42  # the default seed of every random choice below

# Given: the inputs of the linear, kNN and tree models ----------------------------------------


def one_hot_features() -> ColumnTransformer:
    """Given (not an exercise): encode `card_features` output for linear and distance models.

    Numbers: missing values filled with the training median, then standardised. Categories:
    one column per value seen in training; a value never seen gives all zeros, not an error.
    """
    numbers = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    categories = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
    return ColumnTransformer(
        [("numeric", numbers, NUMERIC_FEATURES), ("categorical", categories, CATEGORICAL_FEATURES)]
    )


# Exercise 1: baselines first ---------------------------------------------------------------

BASELINES: tuple[str, ...] = (
    "global_median",
    "median_by_rarity",
    "linear",
    "knn",
    "shallow_tree",
)
KNN_NEIGHBORS = 10  # neighbours the kNN baseline averages
TREE_DEPTH = 4  # depth of the shallow tree: at most 16 leaves, one price each


def baseline_scores(train: pd.DataFrame, test: pd.DataFrame) -> dict[str, float]:
    """Fit the five baselines on `train` and score each on `test` (MAE in log price).

    | baseline | prediction for a test row |
    | --- | --- |
    | `global_median` | the median log price of all training rows |
    | `median_by_rarity` | the median log price of training rows of the same `rarity` |
    |  | (missing rarity is a group of its own); a rarity training never saw gets the |
    |  | global median |
    | `linear` | `LinearRegression` on `one_hot_features()` of `card_features(rows)` |
    | `knn` | `KNeighborsRegressor(n_neighbors=KNN_NEIGHBORS)` on the same inputs |
    | `shallow_tree` | `DecisionTreeRegressor(max_depth=TREE_DEPTH, random_state=SEED)`, same |

    Args:
        train: Rows shaped like `mlcourse.data.load_cards()` to fit on.
        test: Rows of the same shape to score on; only their `market_price` is used as truth.

    Returns:
        A dict with one float per name in `BASELINES`: the test MAE in natural-log price.

    >>> baseline_scores(train, test)  # doctest: +SKIP
    {'global_median': 1.38, 'median_by_rarity': 0.77, 'linear': 0.50, 'knn': 0.45, ...}
    """
    y_train = np.log(train["market_price"].to_numpy())
    y_test = np.log(test["market_price"].to_numpy())
    scores = {}
    # The median, not the mean: it is the constant with the smallest absolute error.
    constant = DummyRegressor(strategy="median").fit(card_features(train), y_train)
    scores["global_median"] = mean_absolute_error(y_test, constant.predict(card_features(test)))
    # Group medians learned from the training rows only; the test rows only look them up.
    by_rarity = pd.Series(y_train).groupby(train["rarity"].to_numpy(), dropna=False).median()
    looked_up = test["rarity"].map(by_rarity).fillna(float(np.median(y_train)))
    scores["median_by_rarity"] = mean_absolute_error(y_test, looked_up.to_numpy())
    models = {
        "linear": LinearRegression(),
        "knn": KNeighborsRegressor(n_neighbors=KNN_NEIGHBORS),
        "shallow_tree": DecisionTreeRegressor(max_depth=TREE_DEPTH, random_state=SEED),
    }
    for name, model in models.items():
        pipeline = make_pipeline(one_hot_features(), model).fit(card_features(train), y_train)
        scores[name] = mean_absolute_error(y_test, pipeline.predict(card_features(test)))
    return {name: float(scores[name]) for name in BASELINES}


# Exercise 2: a model zoo -------------------------------------------------------------------

ZOO: tuple[str, ...] = ("ridge", "random_forest", "hist_gradient_boosting")


def model_zoo(
    train: pd.DataFrame, test: pd.DataFrame, seed: int = SEED
) -> dict[str, tuple[Pipeline, float]]:
    """Fit three model families on `train` and score each on `test` (MAE in log price).

    Every model is a scikit-learn `Pipeline` that takes `card_features(rows)` as input and
    predicts log price. The last step is, in order of `ZOO`: `Ridge`, `RandomForestRegressor`
    and `HistGradientBoostingRegressor`. How you encode the inputs is up to you; settings that
    work: `make_pipeline(one_hot_features(), Ridge())`, and for the trees
    `mlcourse.models.price_pipeline(seed)`, whose last step you can swap with
    `.set_params(model=RandomForestRegressor(n_estimators=60, min_samples_leaf=3,
    max_features=0.5, random_state=seed))`.

    Args:
        train: Rows shaped like `load_cards()` to fit on.
        test: Rows to score on.
        seed: Random seed for every model that uses one.

    Returns:
        A dict with one entry per name in `ZOO`: name -> (fitted pipeline, test MAE as float).

    >>> {name: round(mae, 2) for name, (_, mae) in model_zoo(train, test).items()}  # doctest: +SKIP
    {'ridge': 0.5, 'random_forest': 0.4, 'hist_gradient_boosting': 0.37}
    """
    forest = RandomForestRegressor(
        n_estimators=60, min_samples_leaf=3, max_features=0.5, random_state=seed
    )
    candidates = {
        "ridge": make_pipeline(one_hot_features(), Ridge(alpha=1.0)),
        # The reference pipeline already encodes categories for trees; swapping its last step
        # is how XGBoost or LightGBM would be tried too.
        "random_forest": price_pipeline(seed).set_params(model=forest),
        "hist_gradient_boosting": price_pipeline(seed),
    }
    X_train, X_test = card_features(train), card_features(test)
    y_train = np.log(train["market_price"].to_numpy())
    y_test = np.log(test["market_price"].to_numpy())
    results = {}
    for name, pipeline in candidates.items():
        pipeline.fit(X_train, y_train)
        results[name] = (pipeline, float(mean_absolute_error(y_test, pipeline.predict(X_test))))
    return results


# Exercise 3: cross-validation by strategy --------------------------------------------------

CV_STRATEGIES: tuple[str, ...] = ("kfold", "group", "time")
Folds = list[tuple[np.ndarray, np.ndarray]]


def make_folds(
    cards: pd.DataFrame, strategy: str, n_splits: int = 5, seed: int = SEED
) -> Folds:
    """Cross-validation folds of `cards` for one of three strategies.

    - `"kfold"`: rows shuffled, then cut into `n_splits` folds (`KFold(shuffle=True,
      random_state=seed)`). Ignores that rows of one card share almost everything.
    - `"group"`: every card (`card_id`) in exactly one validation fold, never on both sides
      of a fold (`GroupKFold`).
    - `"time"`: by set release date, as a new release arrives. Take the distinct values of
      `set_release_date` in ascending order and split them with
      `TimeSeriesSplit(n_splits)`; a fold's rows are the rows whose date is in its train or
      validation dates. Training dates always come before validation dates.

    Args:
        cards: Rows shaped like `load_cards()`, with any index.
        strategy: One of `CV_STRATEGIES`.
        n_splits: Number of folds.
        seed: Random seed (used by `"kfold"`).

    Returns:
        A list of `n_splits` pairs `(train_positions, valid_positions)`: integer numpy arrays
        of row positions (for `.iloc`, not index labels), as scikit-learn splitters give them.

    Raises:
        ValueError: for a strategy not in `CV_STRATEGIES`.

    >>> [len(valid) for _, valid in make_folds(cards, "time", n_splits=5)]  # doctest: +SKIP
    [1395, 1980, 1769, 1877, 1525]
    """
    rows = np.zeros((len(cards), 1))  # splitters only need the number of rows
    if strategy == "kfold":
        splits = KFold(n_splits=n_splits, shuffle=True, random_state=seed).split(rows)
    elif strategy == "group":
        splits = GroupKFold(n_splits=n_splits).split(rows, groups=cards["card_id"])
    elif strategy == "time":
        # Split the calendar, not the rows: sets released on one day stay together, and each
        # fold trains on everything released before its validation sets.
        dates = np.sort(cards["set_release_date"].unique())
        row_dates = cards["set_release_date"].to_numpy()
        splits = (
            (np.flatnonzero(np.isin(row_dates, dates[train])),
             np.flatnonzero(np.isin(row_dates, dates[valid])))
            for train, valid in TimeSeriesSplit(n_splits=n_splits).split(dates)
        )
    else:
        raise ValueError(f"strategy must be one of {CV_STRATEGIES}, not {strategy!r}")
    return [(np.asarray(train), np.asarray(valid)) for train, valid in splits]


def cross_validate_mae(
    model: BaseEstimator, X: pd.DataFrame, y: np.ndarray, folds: Folds
) -> np.ndarray:
    """Fit a fresh copy of `model` on each fold's training rows; score its validation rows.

    Args:
        model: An unfitted scikit-learn estimator or pipeline; it must stay unfitted.
        X: The inputs, one row per row of the table the folds were made from.
        y: The targets, aligned with `X`.
        folds: `(train_positions, valid_positions)` pairs, e.g. from `make_folds`.

    Returns:
        A float array with one validation MAE per fold, in the order of `folds`.

    >>> cross_validate_mae(Ridge(), X, y, make_folds(cards, "kfold"))  # doctest: +SKIP
    array([0.51, 0.49, 0.50, 0.52, 0.50])
    """
    y = np.asarray(y)
    scores = []
    for train, valid in folds:
        fitted = clone(model).fit(X.iloc[train], y[train])  # clone: never touch the caller's
        scores.append(mean_absolute_error(y[valid], fitted.predict(X.iloc[valid])))
    return np.array(scores, dtype=float)


# Exercise 4: tuning by grid, random and Bayesian-style search -------------------------------

Objective = Callable[[dict[str, float]], float]  # hyperparameters -> loss; lower is better
Trial = tuple[dict[str, float], float]  # (hyperparameters, loss) of one evaluation
N_INITIAL = 5  # random evaluations before the Gaussian process starts choosing
N_CANDIDATES = 2_000  # random points the acquisition function is evaluated on per step


def grid_search(objective: Objective, grid: dict[str, list[float]]) -> list[Trial]:
    """Evaluate `objective` once on every combination of the values in `grid`.

    Args:
        objective: Takes a dict {hyperparameter name: value}, returns a loss.
        grid: Hyperparameter name -> the values to try.

    Returns:
        Every trial as `(params, loss)`, one per combination, in evaluation order.

    >>> grid_search(lambda p: (p["a"] - 2) ** 2, {"a": [1, 2, 3]})
    [({'a': 1}, 1), ({'a': 2}, 0), ({'a': 3}, 1)]
    """
    names = list(grid)
    trials = []
    for values in itertools.product(*(grid[name] for name in names)):
        params = dict(zip(names, values, strict=True))
        trials.append((params, objective(params)))
    return trials


def random_search(
    objective: Objective,
    space: dict[str, tuple[float, float]],
    n_trials: int,
    seed: int = SEED,
) -> list[Trial]:
    """Evaluate `objective` on `n_trials` points drawn uniformly from `space`.

    Args:
        objective: Takes a dict {hyperparameter name: value}, returns a loss.
        space: Hyperparameter name -> (low, high); values are floats drawn uniformly between.
        n_trials: The budget: exactly this many calls of `objective`.
        seed: Seed of `np.random.default_rng`; the same seed gives the same trials.

    Returns:
        Every trial as `(params, loss)`, in evaluation order.

    >>> len(random_search(lambda p: p["x"] ** 2, {"x": (-1.0, 1.0)}, n_trials=7))
    7
    """
    rng = np.random.default_rng(seed)
    trials = []
    for _ in range(n_trials):
        params = {name: float(rng.uniform(low, high)) for name, (low, high) in space.items()}
        trials.append((params, objective(params)))
    return trials


def bayes_search(
    objective: Objective,
    space: dict[str, tuple[float, float]],
    n_trials: int,
    n_initial: int = N_INITIAL,
    seed: int = SEED,
) -> list[Trial]:
    """Minimise `objective` over one or two hyperparameters with a Gaussian-process loop.

    The first `n_initial` points are drawn at random. After that, each step fits a
    `GaussianProcessRegressor` to all (point, loss) pairs so far and evaluates the point that
    maximises an acquisition function, e.g. expected improvement over the best loss so far
    (or a lower confidence bound, mean - k * std).

    Args:
        objective: Takes a dict {hyperparameter name: value}, returns a loss.
        space: Hyperparameter name -> (low, high), floats; one or two entries.
        n_trials: The budget: exactly this many calls of `objective`, initial ones included.
        n_initial: How many of them are random.
        seed: Seed of every random choice; the same seed gives the same trials.

    Returns:
        Every trial as `(params, loss)`, in evaluation order.

    >>> trials = bayes_search(lambda p: (p["x"] - 0.3) ** 2, {"x": (0.0, 1.0)}, n_trials=12)
    >>> round(min(trials, key=lambda t: t[1])[0]["x"], 2)
    0.3
    """
    names = list(space)
    low = np.array([space[name][0] for name in names], dtype=float)
    high = np.array([space[name][1] for name in names], dtype=float)
    rng = np.random.default_rng(seed)
    points: list[np.ndarray] = []  # in the unit cube, so one kernel length scale fits all
    losses: list[float] = []
    trials: list[Trial] = []

    def evaluate(unit: np.ndarray) -> None:
        params = dict(zip(names, (low + unit * (high - low)).tolist(), strict=True))
        loss = float(objective(params))
        points.append(unit)
        losses.append(loss)
        trials.append((params, loss))

    for _ in range(min(n_initial, n_trials)):
        evaluate(rng.random(len(names)))
    while len(trials) < n_trials:
        kernel = ConstantKernel(1.0, (1e-3, 1e3)) * Matern(0.2, (1e-2, 10.0), nu=2.5)
        gp = GaussianProcessRegressor(kernel, alpha=1e-6, normalize_y=True, random_state=seed)
        with warnings.catch_warnings():  # a few points often leave the fit at a bound
            warnings.simplefilter("ignore", ConvergenceWarning)
            gp.fit(np.array(points), np.array(losses))
        candidates = rng.random((N_CANDIDATES, len(names)))
        mean, std = gp.predict(candidates, return_std=True)
        std = np.maximum(std, 1e-12)
        # Expected improvement: how far below the best loss so far each candidate is
        # expected to land, counting both a good mean and a large uncertainty.
        gain = min(losses) - mean
        improvement = gain * norm.cdf(gain / std) + std * norm.pdf(gain / std)
        evaluate(candidates[int(np.argmax(improvement))])
    return trials


# Exercise 5: diagnose and fix overfitting ---------------------------------------------------

DIAGNOSES: dict[str, str] = {
    "memorising": "the model is flexible enough to learn the training rows by heart",
    "too_many_features": "the model has more inputs than the training rows can pin down",
    "tuned_on_validation": (
        "the validation set was used to choose so often that its score is no longer honest"
    ),
    "underfitting": "the model is too simple: train and validation errors are high and close",
    "leakage": "an input carries the answer: both errors are far below what is achievable",
}
SCENARIOS: dict[str, str] = {
    "A": (
        "A decision tree with no depth limit, on all 7,297 training rows. The curve shows "
        "what happens as the depth limit is raised."
    ),
    "B": (
        "A linear regression on the numbers with all their squares and products, plus every "
        "category one-hot encoded (86 columns), fitted on 60 training rows. The curve shows "
        "the same model fitted on more rows."
    ),
    "C": (
        "A decision tree whose settings (depth, leaf size, share of features, seed) were "
        "chosen from 150 random tries, each scored on the same 67 validation rows. The curve "
        "shows the best try so far; 'new cards' are 3,078 other rows nobody looked at."
    ),
}
SCENARIO_SEED = 3  # the split every scenario starts from
# Measured on the rows `scenario_rows` returns with the configuration each scenario describes
# (MAE in log price). `x` is the depth limit (None: no limit), the training rows, or the try.
LEARNING_CURVES: dict[str, dict[str, Any]] = {
    "A": {
        "x_label": "max_depth",
        "x": [2, 4, 6, 8, 10, 12, 14, 16, 20, 24, None],
        "train": [0.838, 0.594, 0.482, 0.401, 0.334, 0.253, 0.177, 0.113, 0.036, 0.007, 0.0],
        "validation": [0.806, 0.568, 0.493, 0.451, 0.453, 0.462, 0.481, 0.502, 0.524, 0.53, 0.532],
    },
    "B": {
        "x_label": "training rows",
        "x": [60, 250, 500, 1000, 2000, 4000, 7297],
        "train": [0.0, 0.333, 0.428, 0.441, 0.44, 0.452, 0.453],
        "validation": [1.296, 0.643, 0.525, 0.483, 0.452, 0.45, 0.442],
    },
    "C": {
        "x_label": "tries so far",
        "x": [1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150],
        "train": [0.419, 0.469, 0.345, 0.345, 0.345, 0.345, 0.345, 0.425, 0.425, 0.425, 0.425,
                  0.425, 0.344, 0.344, 0.344, 0.344],
        "validation": [0.503, 0.443, 0.415, 0.415, 0.415, 0.415, 0.415, 0.413, 0.413, 0.413,
                       0.413, 0.413, 0.368, 0.368, 0.368, 0.368],
        "new cards": [0.509, 0.539, 0.508, 0.508, 0.508, 0.508, 0.508, 0.474, 0.474, 0.474,
                      0.474, 0.474, 0.509, 0.509, 0.509, 0.509],
    },
}


def scenario_rows(scenario: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Given (not an exercise): the training and validation rows of a scenario.

    All three start from `group_split(load_cards(), test_size=0.3, seed=SCENARIO_SEED)`.
    A trains on all of its training side, B on 60 of those rows, C on 2,500; A and B validate
    on the whole other side, C on 67 rows of it.

    Returns:
        `(train, valid)`, rows shaped like `load_cards()`.
    """
    train, valid = group_split(load_cards(), test_size=0.3, seed=SCENARIO_SEED)
    if scenario == "B":
        train = train.sample(frac=1.0, random_state=SCENARIO_SEED).iloc[:60]
    elif scenario == "C":
        train = train.sample(2_500, random_state=2)
        valid = group_split(valid, test_size=0.02, seed=2)[1]
    elif scenario != "A":
        raise ValueError(f"no scenario {scenario!r}; choose one of {sorted(SCENARIOS)}")
    return train, valid


# The winner of scenario C's 150 tries (best validation MAE, 0.368).
TEAM_C_SETTINGS: dict[str, Any] = {
    "max_depth": 18, "min_samples_leaf": 5, "max_features": 0.59, "random_state": 345,
}


def team_model(scenario: str) -> Pipeline:
    """Given (not an exercise): the unfitted configuration each scenario describes.

    Every model takes `card_features(rows)` and predicts log price.
    """
    if scenario == "A":
        return price_pipeline(SEED).set_params(model=DecisionTreeRegressor(random_state=SEED))
    if scenario == "B":
        numbers = make_pipeline(
            SimpleImputer(strategy="median"), StandardScaler(), PolynomialFeatures(2)
        )
        encode = ColumnTransformer(
            [("numeric", numbers, NUMERIC_FEATURES),
             ("categorical", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL_FEATURES)]
        )
        return make_pipeline(encode, LinearRegression())
    if scenario == "C":
        return price_pipeline(SEED).set_params(model=DecisionTreeRegressor(**TEAM_C_SETTINGS))
    raise ValueError(f"no scenario {scenario!r}; choose one of {sorted(SCENARIOS)}")


def diagnose_overfitting() -> dict[str, str]:
    """Read the learning curves of the scenarios and name what went wrong in each.

    Returns:
        A dict scenario id -> a key of `DIAGNOSES`, one entry per key of `SCENARIOS`.

    >>> diagnose_overfitting()["A"]  # doctest: +SKIP
    'underfitting'
    """
    # A: train error falls to 0 as depth grows while validation error climbs after depth 8.
    # B: at 60 rows the fit is perfect and useless; the gap closes as rows are added.
    # C: the validation score improves try after try; the score on new cards does not.
    return {"A": "memorising", "B": "too_many_features", "C": "tuned_on_validation"}


def fix_overfitting(scenario: str, train: pd.DataFrame, valid: pd.DataFrame) -> BaseEstimator:
    """An unfitted model that fixes the scenario's problem on its own rows.

    The grader fits `clone(your_model)` on `card_features(train)` and log price, then checks
    that it overfits less: for A and B the gap between validation and training MAE is at
    least halved and the validation MAE improves; for C the configuration must not change
    when the validation rows change, and it must do no worse on new cards.

    Args:
        scenario: A key of `SCENARIOS`.
        train: The scenario's training rows (`scenario_rows(scenario)[0]`).
        valid: The scenario's validation rows (`scenario_rows(scenario)[1]`).

    Returns:
        An unfitted scikit-learn estimator or pipeline taking `card_features(rows)`.

    >>> fix_overfitting("A", *scenario_rows("A"))  # doctest: +SKIP
    Pipeline(steps=[('encode', ...), ('model', DecisionTreeRegressor(max_depth=...))])
    """
    if scenario == "A":
        # Cap the depth where the validation curve bottoms out.
        return price_pipeline(SEED).set_params(
            model=DecisionTreeRegressor(max_depth=8, min_samples_leaf=5, random_state=SEED)
        )
    if scenario == "B":
        # 60 rows cannot pin down 85 columns: keep a few strong inputs and shrink them.
        encode = ColumnTransformer(
            [
                ("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()),
                 ["set_age_years"]),
                ("categorical", OneHotEncoder(handle_unknown="ignore"), ["rarity", "finish"]),
            ]
        )
        return make_pipeline(encode, Ridge(alpha=1.0))
    if scenario == "C":
        # Choose the depth by group cross-validation on the training rows only; the
        # validation rows stay untouched, so their score is honest again.
        X, y = card_features(train), np.log(train["market_price"].to_numpy())
        folds = make_folds(train, "group", n_splits=4)

        def tree(depth: int) -> Pipeline:
            model = DecisionTreeRegressor(max_depth=depth, min_samples_leaf=5, random_state=SEED)
            return price_pipeline(SEED).set_params(model=model)

        cv_mae = {d: cross_validate_mae(tree(d), X, y, folds).mean() for d in (4, 6, 8, 10)}
        return tree(min(cv_mae, key=cv_mae.get))
    raise ValueError(f"no scenario {scenario!r}; choose one of {sorted(SCENARIOS)}")


# Exercise 6: track runs with MLflow --------------------------------------------------------

# What a logged model needs to be loaded again, pinned to the versions installed here. MLflow
# adds itself; listing the rest by hand is faster and more honest than letting it guess.
PIP_REQUIREMENTS: list[str] = [
    f"scikit-learn=={version('scikit-learn')}",
    f"skops=={version('skops')}",
]


def log_run(
    tracking_uri: str,
    experiment: str,
    params: dict[str, Any],
    metrics: dict[str, float],
    model: BaseEstimator,
    X_example: pd.DataFrame,
) -> str:
    """Record one training run in MLflow: its parameters, metrics and model.

    Use the tracking store at `tracking_uri` and the experiment named `experiment` (create
    it if it does not exist). Log the model as an MLflow `sklearn` model named "model", with
    a signature inferred from `X_example` and the model's predictions on it, and with
    `pip_requirements=PIP_REQUIREMENTS`. MLflow saves scikit-learn models with skops: pass
    the model's types as trusted (`skops.io.get_untrusted_types(data=skops.io.dumps(model))`)
    or choose `serialization_format="cloudpickle"`. End the run before returning.

    Args:
        tracking_uri: Where the runs are stored, e.g. "sqlite:///mlflow.db".
        experiment: Name of the experiment the run belongs to.
        params: Hyperparameters and settings of the run (logged as params).
        metrics: Scores of the run, e.g. {"test_mae": 0.37} (logged as metrics).
        model: The fitted model.
        X_example: A few input rows the model accepts.

    Returns:
        The run id.

    >>> run_id = log_run("sqlite:///mlflow.db", "pricing", {"max_depth": 4},
    ...                  {"test_mae": 0.57}, model, X.head(5))  # doctest: +SKIP
    """
    # Imported here, not at the top: `import mlflow` takes seconds and only this uses it.
    import mlflow
    import skops.io
    from mlflow.models import infer_signature

    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_experiment(experiment)  # finds the experiment, or creates it
    # The signature records the input columns and types, so a caller with the wrong table
    # gets an error instead of a silent nonsense price.
    signature = infer_signature(X_example, model.predict(X_example))
    # skops refuses to load types it was not told to trust. These are the types of the model
    # we just trained ourselves; the list is stored with the model.
    trusted = skops.io.get_untrusted_types(data=skops.io.dumps(model))
    with mlflow.start_run() as run:  # the with-block ends the run, even after an error
        mlflow.log_params(params)
        mlflow.log_metrics(metrics)
        mlflow.sklearn.log_model(
            model,
            name="model",
            signature=signature,
            pip_requirements=PIP_REQUIREMENTS,
            skops_trusted_types=trusted,
        )
    return run.info.run_id
