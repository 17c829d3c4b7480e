"""Graders for module 03: baselines, a model zoo, CV strategies, tuning, overfitting, MLflow.

Run them with `uv run pytest exercises/test_exercises_03.py`. Expected values come from
scikit-learn, pandas or plain Python computed here, never from the solutions. The MLflow
checks log into a temporary store and read it back with `MlflowClient`; nothing is written
into the course folder.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingRegressor, RandomForestRegressor
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.model_selection import GroupKFold, KFold, TimeSeriesSplit, cross_val_score
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeRegressor
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from mlcourse.data import load_cards
from mlcourse.grading import LearnerError, expect, expect_close, expect_equal, expect_type
from mlcourse.models import CATEGORICAL_FEATURES, NUMERIC_FEATURES, card_features, price_pipeline
from mlcourse.splits import group_split

SEED = 42
BASELINES = ("global_median", "median_by_rarity", "linear", "knn", "shallow_tree")
ZOO = {
    "ridge": Ridge,
    "random_forest": RandomForestRegressor,
    "hist_gradient_boosting": HistGradientBoostingRegressor,
}
# Plausible test MAE (log price) of each family on the fixed split, with sensible settings.
ZOO_RANGES = {
    "ridge": (0.42, 0.62),
    "random_forest": (0.33, 0.50),
    "hist_gradient_boosting": (0.30, 0.46),
}
STRATEGIES = ("kfold", "group", "time")
_CACHE: dict[tuple[str, str], Any] = {}  # (learner module, check) -> reused result
# MLflow's own database code warns on every new store; it is not the learner's doing.
pytestmark = pytest.mark.filterwarnings("ignore:The ``noload`` loader strategy is deprecated")


@pytest.fixture(autouse=True)
def _one_thread() -> Iterator[None]:
    # One thread per model: on a busy machine OpenMP's threads can make a fit 100x slower.
    with threadpool_limits(limits=1):
        yield


@pytest.fixture(scope="module")
def cards() -> pd.DataFrame:
    return load_cards()


@pytest.fixture(scope="module")
def split(cards) -> tuple[pd.DataFrame, pd.DataFrame]:
    return group_split(cards, test_size=0.2, seed=SEED)


def _once(ex, key: str, call: Callable[[], Any]) -> Any:
    """Call the learner once per graded module; later checks reuse the result."""
    slot = (ex.raw("__name__"), key)
    if slot not in _CACHE:
        _CACHE[slot] = call()
    return _CACHE[slot]


def _log_price(rows: pd.DataFrame) -> np.ndarray:
    return np.log(rows["market_price"].to_numpy())


def _mae(truth: np.ndarray, predicted: np.ndarray) -> float:
    return float(np.mean(np.abs(np.asarray(truth) - np.asarray(predicted))))


# Exercise 1: baselines ---------------------------------------------------------------------


def _encoder() -> ColumnTransformer:
    numbers = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    return ColumnTransformer(
        [("n", numbers, NUMERIC_FEATURES),
         ("c", OneHotEncoder(handle_unknown="ignore", sparse_output=False), CATEGORICAL_FEATURES)]
    )


def _rarity_medians(train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
    """Median log price per rarity, in plain Python; a missing rarity is its own group."""
    groups: dict[Any, list[float]] = {}
    for rarity, price in zip(train["rarity"], _log_price(train), strict=True):
        groups.setdefault("<missing>" if pd.isna(rarity) else rarity, []).append(price)
    fallback = float(np.median(_log_price(train)))
    medians = {rarity: float(np.median(prices)) for rarity, prices in groups.items()}
    keys = ["<missing>" if pd.isna(r) else r for r in test["rarity"]]
    return np.array([medians.get(key, fallback) for key in keys])


def _expected_baseline(name: str, train: pd.DataFrame, test: pd.DataFrame) -> float:
    y_train, y_test = _log_price(train), _log_price(test)
    if name == "global_median":
        return _mae(y_test, np.full(len(test), np.median(y_train)))
    if name == "median_by_rarity":
        return _mae(y_test, _rarity_medians(train, test))
    model = {
        "linear": LinearRegression(),
        "knn": KNeighborsRegressor(n_neighbors=10),
        "shallow_tree": DecisionTreeRegressor(max_depth=4, random_state=SEED),
    }[name]
    fitted = make_pipeline(_encoder(), model).fit(card_features(train), y_train)
    return _mae(y_test, fitted.predict(card_features(test)))


def _baseline_mistake(name: str, got: float, train: pd.DataFrame, test: pd.DataFrame) -> str:
    """Name the mistake when the learner's score matches a known wrong computation."""
    both = pd.concat([train, test])
    if name == "global_median":
        wrong = {
            "That is the MAE of the global mean; the median is the best constant for MAE.":
                _mae(_log_price(test), np.full(len(test), _log_price(train).mean())),
            "That median includes the test rows: fit on `train` only.":
                _mae(_log_price(test), np.full(len(test), np.median(_log_price(both)))),
        }
    elif name == "median_by_rarity":
        wrong = {"Those medians include the test rows: fit on `train` only.":
                 _mae(_log_price(test), _rarity_medians(both, test))}
    else:
        wrong = {}
    for why, value in wrong.items():
        if math.isclose(got, value, rel_tol=1e-6):
            return why
    return ""


def _baselines(ex, train: pd.DataFrame, test: pd.DataFrame) -> dict[str, float]:
    scores = ex.baseline_scores(train, test)
    expect_type(scores, dict, "baseline_scores(train, test)")
    expect(set(scores) == set(BASELINES),
           f"baseline_scores should return exactly the keys {list(BASELINES)}, not "
           f"{sorted(scores)}.")
    for name, value in scores.items():
        expect_type(value, float, f"the score of `{name}`")
        expect(value >= 0, f"The score of `{name}` is {value}; an MAE cannot be negative.")
    return scores


def _rare_split(cards: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A small split whose test side holds a rarity training never saw, and blank rarities."""
    unseen = cards["rarity"] == "Special Illustration Rare"
    blank = cards[cards["rarity"].isna()]
    train = pd.concat([cards[~unseen].sample(300, random_state=1), blank.iloc[:6]])
    test = pd.concat([cards[unseen].head(10), cards[~unseen].sample(60, random_state=2),
                      blank.iloc[6:]])
    return train.sort_index(), test.sort_index()


@pytest.mark.exercise("baseline_scores")
@pytest.mark.parametrize("name", BASELINES)
def test_baselines_handle_unseen_and_missing_rarities(ex, cards, name):
    train, test = _rare_split(cards)
    scores = _once(ex, "rare baselines", lambda: _baselines(ex, train, test))
    expected = _expected_baseline(name, train, test)
    why = _baseline_mistake(name, scores[name], train, test) or (
        "On this small split the test side has a rarity training never saw (it should get "
        "the global median) and cards with no rarity (a group of their own)."
        if name == "median_by_rarity" else "")
    expect_close(scores[name], expected, rel=2e-3 if name == "knn" else 1e-6,
                 what=f"the `{name}` score on a 370-row split", why=why)


@pytest.mark.exercise("baseline_scores")
@pytest.mark.parametrize("name", BASELINES)
def test_baseline_matches_an_independent_fit(ex, split, name):
    train, test = split
    scores = _once(ex, "baselines", lambda: _baselines(ex, train, test))
    expected = _expected_baseline(name, train, test)
    # kNN breaks ties in distance by the order rows are searched, which may differ slightly.
    expect_close(scores[name], expected, rel=2e-3 if name == "knn" else 1e-6,
                 what=f"the `{name}` test MAE", why=_baseline_mistake(name, scores[name],
                                                                      train, test))


# Exercise 2: the model zoo -----------------------------------------------------------------


def _zoo(ex, split) -> dict[str, tuple[Any, float]]:
    def call() -> dict[str, tuple[Any, float]]:
        zoo = ex.model_zoo(*split)
        expect_type(zoo, dict, "model_zoo(train, test)")
        expect(set(zoo) == set(ZOO),
               f"model_zoo should return exactly the keys {list(ZOO)}, not {sorted(zoo)}.")
        for name, entry in zoo.items():
            expect(isinstance(entry, tuple) and len(entry) == 2,
                   f"zoo[{name!r}] should be a (fitted model, test MAE) tuple, not {entry!r}.")
        return zoo

    return _once(ex, "zoo", call)


def _last_step(model: Any) -> Any:
    return model.steps[-1][1] if hasattr(model, "steps") else model


@pytest.mark.exercise("model_zoo")
@pytest.mark.time_limit(40)
@pytest.mark.parametrize("name", list(ZOO))
def test_zoo_fits_the_right_model_family(ex, split, name):
    model = _zoo(ex, split)[name][0]
    final = _last_step(model)
    expect(isinstance(final, ZOO[name]),
           f"The last step of zoo[{name!r}] is a {type(final).__name__}; it should be a "
           f"{ZOO[name].__name__}.")
    try:
        check_is_fitted(final)
    except Exception:
        expect(False, f"zoo[{name!r}] is not fitted: fit it on the training rows before "
                      "returning it.")


@pytest.mark.exercise("model_zoo")
@pytest.mark.time_limit(40)
@pytest.mark.parametrize("name", list(ZOO))
def test_zoo_reports_the_test_mae_of_its_models(ex, split, name):
    train, test = split
    model, reported = _zoo(ex, split)[name]
    expect_type(reported, float, f"the MAE reported for {name!r}")
    actual = _mae(_log_price(test), model.predict(card_features(test)))
    on_train = _mae(_log_price(train), model.predict(card_features(train)))
    why = ("That is the MAE on the training rows; score on `test`."
           if math.isclose(reported, on_train, rel_tol=1e-6) else
           "Score the returned model on `card_features(test)` against log price.")
    expect_close(reported, actual, rel=1e-6, what=f"the MAE reported for {name!r}", why=why)


@pytest.mark.exercise("model_zoo")
@pytest.mark.time_limit(40)
@pytest.mark.parametrize("name", list(ZOO))
def test_zoo_mae_is_in_a_sensible_range(ex, split, name):
    mae = _zoo(ex, split)[name][1]
    low, high = ZOO_RANGES[name]
    expect(low <= mae <= high,
           f"zoo[{name!r}] has a test MAE of {mae:.3f}; with sensible settings it lands "
           f"between {low} and {high}. Above: too constrained (or fitted on dollars, not log "
           "price). Below: is a price column (low, high, previous price) among the inputs?")
    ridge = _zoo(ex, split)["ridge"][1]
    if name != "ridge":
        expect(mae < ridge - 0.05,
               f"zoo[{name!r}] (MAE {mae:.3f}) should beat the ridge model ({ridge:.3f}) by at "
               "least 0.05: tree ensembles capture interactions such as rarity x finish x set "
               "age that a linear model cannot.")


# Exercise 3: cross-validation by strategy --------------------------------------------------


@pytest.fixture(scope="module")
def subset(cards) -> pd.DataFrame:
    """2,000 rows in table order, with gaps in the index: positions differ from labels."""
    return cards.sample(2_000, random_state=7).sort_index()


def _folds(ex, table: pd.DataFrame, strategy: str, n_splits: int = 5) -> list:
    folds = ex.make_folds(table, strategy, n_splits=n_splits)
    expect_type(folds, list, f"make_folds(..., {strategy!r})")
    expect(len(folds) == n_splits,
           f"make_folds(..., {strategy!r}, n_splits={n_splits}) returned {len(folds)} folds.")
    for train, valid in folds:
        for side in (train, valid):
            side = np.asarray(side)
            expect(side.dtype.kind in "iu",
                   f"Folds should hold integer row positions, not {side.dtype} values.")
            expect(side.size == 0 or (side.min() >= 0 and side.max() < len(table)),
                   "A fold holds numbers outside 0..len(cards)-1: return row positions (as "
                   "scikit-learn splitters do), not index labels.")
        expect(not set(np.asarray(train)) & set(np.asarray(valid)),
               "A row is in both the training and the validation side of a fold.")
        expect(len(valid) > 0, "A validation side is empty.")
    return folds


@pytest.mark.parametrize("strategy", STRATEGIES)
@pytest.mark.parametrize("table_name", ["2,000 rows", "all rows"])
def test_folds_are_disjoint_row_positions(ex, cards, subset, strategy, table_name):
    _folds(ex, subset if table_name == "2,000 rows" else cards, strategy)


@pytest.mark.parametrize("strategy", ["kfold", "group"])
def test_every_row_is_validated_exactly_once(ex, subset, strategy):
    folds = _folds(ex, subset, strategy)
    counts = np.bincount(np.concatenate([np.asarray(v) for _, v in folds]),
                         minlength=len(subset))
    expect(bool((counts == 1).all()),
           f"With {strategy!r}, every row should be in exactly one validation side; "
           f"{int((counts == 0).sum())} rows never are and {int((counts > 1).sum())} are "
           "more than once.")
    for train, valid in folds:
        expect(len(train) + len(valid) == len(subset),
               f"With {strategy!r}, each fold should use every row on one side or the other.")


def test_kfold_folds_are_shuffled_with_the_seed(ex, subset):
    folds = _folds(ex, subset, "kfold")
    expected = list(KFold(5, shuffle=True, random_state=SEED).split(np.zeros(len(subset))))
    first = np.sort(np.asarray(folds[0][1]))
    expect(not bool((np.diff(first) == 1).all()),
           "The first validation fold is one block of consecutive rows: shuffle before "
           "cutting (`KFold(n_splits, shuffle=True, random_state=seed)`).")
    for i, ((_, got), (_, want)) in enumerate(zip(folds, expected, strict=True)):
        expect_equal(np.sort(np.asarray(got)), np.sort(want),
                     what=f"validation rows of k-fold fold {i + 1}",
                     why="Use KFold(n_splits, shuffle=True, random_state=seed).")


@pytest.mark.parametrize("table_name", ["2,000 rows", "all rows"])
def test_group_folds_keep_each_card_on_one_side(ex, cards, subset, table_name):
    table = subset if table_name == "2,000 rows" else cards
    ids = table["card_id"].to_numpy()
    for i, (train, valid) in enumerate(_folds(ex, table, "group"), start=1):
        both = set(ids[np.asarray(train)]) & set(ids[np.asarray(valid)])
        expect(not both,
               f"Group fold {i} has {len(both)} cards on both sides, e.g. "
               f"{sorted(both)[:3]}: a model validated on a card whose other finish it "
               "trained on looks better than it is. Use GroupKFold with groups=card_id.")


@pytest.mark.parametrize("table_name", ["2,000 rows", "all rows"])
def test_time_folds_never_train_on_the_future(ex, cards, subset, table_name):
    table = subset if table_name == "2,000 rows" else cards
    dates = table["set_release_date"].to_numpy()
    for i, (train, valid) in enumerate(_folds(ex, table, "time"), start=1):
        latest_train, first_valid = dates[np.asarray(train)].max(), dates[np.asarray(valid)].min()
        expect(latest_train < first_valid,
               f"Time fold {i} trains on a set released {str(latest_train)[:10]} but validates "
               f"on one released {str(first_valid)[:10]}: it learns from the future. Order "
               "the release dates and never shuffle them.")


def test_time_folds_follow_release_dates_like_timeseriessplit(ex, cards):
    dates = np.sort(cards["set_release_date"].unique())
    row_dates = cards["set_release_date"].to_numpy()
    folds = _folds(ex, cards, "time")
    expected = TimeSeriesSplit(5).split(dates)
    for i, ((train, valid), (train_dates, valid_dates)) in enumerate(
        zip(folds, expected, strict=True), start=1
    ):
        sides = (("validation", valid, valid_dates), ("training", train, train_dates))
        for side, got, want in sides:
            want_rows = np.flatnonzero(np.isin(row_dates, dates[want]))
            expect_equal(np.sort(np.asarray(got)), want_rows,
                         what=f"the {side} rows of time fold {i}",
                         why="Split the sorted distinct release dates with "
                             "TimeSeriesSplit(n_splits), then take every row of those dates.")


def test_unknown_strategy_raises_value_error(ex, subset):
    try:
        folds = ex.make_folds(subset, "random", n_splits=5)
    except LearnerError as error:
        expect(isinstance(error.original, ValueError),
               f"make_folds(..., 'random') raised {type(error.original).__name__}; raise a "
               "ValueError that names the valid strategies.")
        return
    expect(False, f"make_folds(..., 'random') returned {len(folds)} folds; an unknown "
                  "strategy should raise ValueError, not silently pick one.")


def _cheap_model():
    return price_pipeline(0).set_params(model=DecisionTreeRegressor(max_depth=6, random_state=0))


@pytest.mark.parametrize("splitter", ["KFold", "GroupKFold"])
def test_cross_validate_mae_matches_cross_val_score(ex, subset, splitter):
    X, y = card_features(subset), _log_price(subset)
    if splitter == "KFold":
        folds = list(KFold(4, shuffle=True, random_state=0).split(X))
    else:
        folds = list(GroupKFold(4).split(X, groups=subset["card_id"]))
    got = ex.cross_validate_mae(_cheap_model(), X, y, folds)
    expected = -cross_val_score(_cheap_model(), X, y, cv=folds, scoring="neg_mean_absolute_error")
    got = np.asarray(got, dtype=float)
    expect(got.shape == expected.shape,
           f"cross_validate_mae returned {got.size} scores for {len(folds)} folds.")
    on_train = np.array([_mae(y[t], clone(_cheap_model()).fit(X.iloc[t], y[t]).predict(X.iloc[t]))
                         for t, _ in folds])
    why = ("Those are the errors on each fold's training rows; score the validation rows."
           if np.allclose(got, on_train) else "Fit on each fold's training rows, score MAE on "
                                              "its validation rows, in fold order.")
    expect(bool(np.allclose(got, expected, rtol=1e-9, atol=1e-12)),
           f"cross_validate_mae disagrees with scikit-learn's cross_val_score on the same "
           f"folds: expected {np.round(expected, 4).tolist()}, got {np.round(got, 4).tolist()}. "
           f"{why}")


def test_cross_validate_mae_leaves_the_model_unfitted(ex, subset):
    X, y = card_features(subset), _log_price(subset)
    model = _cheap_model()
    ex.cross_validate_mae(model, X, y, list(KFold(3).split(X)))
    fitted = hasattr(model.steps[-1][1], "tree_")
    expect(not fitted, "cross_validate_mae fitted the model it was given: fit "
                       "`sklearn.base.clone(model)` in each fold so the caller's model (and the "
                       "next fold) starts fresh.")


# Exercise 4: tuning ------------------------------------------------------------------------


class Counted:
    """An objective that records every call, to check budgets and bounds."""

    def __init__(self, function: Callable[[dict[str, float]], float]) -> None:
        self.function = function
        self.calls: list[dict[str, float]] = []

    def __call__(self, params: dict[str, float]) -> float:
        self.calls.append(dict(params))
        return float(self.function(params))


def _bowl(params: dict[str, float]) -> float:
    """Minimum 0 at a = 0.2, b = 0.6."""
    return (params["a"] - 0.2) ** 2 + 4 * (params["b"] - 0.6) ** 2


def _well(params: dict[str, float]) -> float:
    """A smooth well with its minimum, 0, at x = 0.77 and flat shoulders."""
    return 1.0 - math.exp(-(((params["x"] - 0.77) / 0.15) ** 2))


BOWL_SPACE = {"a": (-1.0, 1.0), "b": (0.0, 2.0)}


def _check_trials(trials: Any, objective: Counted, what: str) -> list[tuple[dict, float]]:
    expect_type(trials, list, what)
    expect(len(trials) == len(objective.calls),
           f"{what} returned {len(trials)} trials but called the objective "
           f"{len(objective.calls)} times: return every evaluation, once.")
    for params, loss in trials:
        expect(isinstance(params, dict), f"{what}: each trial should be (params dict, loss).")
        expect(math.isclose(float(loss), objective(params), rel_tol=1e-9, abs_tol=1e-12),
               f"{what}: a trial's loss does not match the objective at its params.")
    objective.calls = objective.calls[: len(trials)]  # forget the re-evaluations just made
    return trials


def _best(trials: list[tuple[dict, float]]) -> tuple[dict, float]:
    return min(trials, key=lambda trial: trial[1])


@pytest.mark.parametrize(
    ("grid", "calls"),
    [({"a": [0.2]}, 1), ({"a": [1, 2, 3]}, 3), ({"a": [-1.0, 0.2, 1.0], "b": [0.1, 0.6]}, 6)],
    ids=["one point", "one hyperparameter", "two hyperparameters"],
)
def test_grid_search_tries_every_combination_once(ex, grid, calls):
    objective = Counted(lambda p: sum(v * v for v in p.values()))
    ex.grid_search(objective, grid)
    tried = [tuple(sorted(c.items())) for c in objective.calls]
    expect(len(tried) == calls,
           f"A grid of {calls} combinations should cost exactly {calls} evaluations, not "
           f"{len(tried)}.")
    expect(len(set(tried)) == calls, "grid_search evaluated a combination twice.")


def test_grid_search_finds_the_best_grid_point(ex):
    objective = Counted(_bowl)
    trials = _check_trials(ex.grid_search(objective, {"a": [-0.4, 0.2, 0.8], "b": [0.6, 1.1, 0.1]}),
                           objective, "grid_search")
    expect_equal(_best(trials)[0], {"a": 0.2, "b": 0.6}, what="the best trial's params")


@pytest.mark.parametrize("n_trials", [1, 7, 40])
def test_random_search_respects_its_budget(ex, n_trials):
    objective = Counted(_bowl)
    trials = ex.random_search(objective, BOWL_SPACE, n_trials=n_trials, seed=0)
    expect(len(objective.calls) == n_trials,
           f"random_search(..., n_trials={n_trials}) called the objective "
           f"{len(objective.calls)} times. The budget is the number of evaluations: each "
           "one may be a model fit that costs minutes.")
    _check_trials(trials, objective, "random_search")


def test_random_search_stays_inside_the_space(ex):
    objective = Counted(_bowl)
    ex.random_search(objective, BOWL_SPACE, n_trials=50, seed=1)
    for params in objective.calls:
        expect(set(params) == set(BOWL_SPACE),
               f"Each trial should set exactly {sorted(BOWL_SPACE)}, not {sorted(params)}.")
        for name, (low, high) in BOWL_SPACE.items():
            expect(low <= params[name] <= high,
                   f"random_search tried {name}={params[name]:.3f}, outside ({low}, {high}).")


def test_random_search_is_reproducible_with_its_seed(ex):
    first = ex.random_search(_bowl, BOWL_SPACE, n_trials=5, seed=3)
    again = ex.random_search(_bowl, BOWL_SPACE, n_trials=5, seed=3)
    other = ex.random_search(_bowl, BOWL_SPACE, n_trials=5, seed=4)
    expect(first == again, "The same seed should give the same trials: draw from "
                           "`np.random.default_rng(seed)`, not the global random state.")
    expect(first != other, "Different seeds gave the same trials: is the seed used?")


def test_random_search_finds_the_optimum_of_a_bowl(ex):
    objective = Counted(_bowl)
    trials = _check_trials(ex.random_search(objective, BOWL_SPACE, n_trials=300, seed=0),
                           objective, "random_search")
    expect(_best(trials)[1] < 0.02,
           f"After 300 uniform draws the best loss should be below 0.02; got "
           f"{_best(trials)[1]:.4f}. Are the values drawn across the whole (low, high) range?")


def _bayes(ex, key: str, objective: Counted, space: dict, n_trials: int, seed: int) -> list:
    def call() -> list:
        trials = ex.bayes_search(objective, space, n_trials=n_trials, n_initial=5, seed=seed)
        return _check_trials(trials, objective, "bayes_search")

    return _once(ex, key, call)


@pytest.mark.time_limit(20)
@pytest.mark.parametrize(("n_trials", "n_initial"), [(3, 5), (8, 3)])
def test_bayes_search_respects_its_budget(ex, n_trials, n_initial):
    objective = Counted(_well)
    trials = ex.bayes_search(objective, {"x": (0.0, 1.0)}, n_trials=n_trials,
                             n_initial=n_initial, seed=0)
    expect(len(objective.calls) == n_trials,
           f"bayes_search(..., n_trials={n_trials}, n_initial={n_initial}) called the "
           f"objective {len(objective.calls)} times: the random start counts toward the "
           "budget.")
    _check_trials(trials, objective, "bayes_search")


@pytest.mark.exercise("bayes_search")
@pytest.mark.time_limit(30)
@pytest.mark.parametrize("seed", [0, 1])
def test_bayes_search_finds_a_known_optimum_in_one_dimension(ex, seed):
    objective = Counted(_well)
    trials = _bayes(ex, f"well{seed}", objective, {"x": (0.0, 1.0)}, 15, seed)
    for params, _ in trials:
        expect(0.0 <= params["x"] <= 1.0, f"bayes_search tried x={params['x']:.3f}, outside "
                                          "(0, 1).")
    best_x = _best(trials)[0]["x"]
    expect(abs(best_x - 0.77) < 0.01,
           f"With 15 evaluations the best x should be within 0.01 of the minimum at 0.77; "
           f"got {best_x:.3f}. After the random start, each point should be the one that "
           "maximises the acquisition function of a GP fitted to all points so far.")


@pytest.mark.exercise("bayes_search")
@pytest.mark.time_limit(30)
@pytest.mark.parametrize("seed", [0, 1])
def test_bayes_search_beats_random_sampling_in_two_dimensions(ex, seed):
    objective = Counted(_bowl)
    trials = _bayes(ex, f"bowl{seed}", objective, BOWL_SPACE, 25, seed)
    best = _best(trials)[1]
    expect(best < 0.005,
           f"With 25 evaluations of a smooth bowl the best loss should be below 0.005 (25 "
           f"random draws typically reach 0.02); got {best:.4f}. Is the GP fitted on all "
           "points, and are new points chosen by the acquisition function?")


@pytest.mark.exercise("bayes_search")
@pytest.mark.time_limit(30)
def test_bayes_search_is_reproducible_with_its_seed(ex):
    first = _bayes(ex, "bowl0", Counted(_bowl), BOWL_SPACE, 25, 0)
    again = ex.bayes_search(_bowl, BOWL_SPACE, n_trials=25, n_initial=5, seed=0)
    expect([p for p, _ in first] == [p for p, _ in again],
           "The same seed should give the same trials: draw every random number from "
           "`np.random.default_rng(seed)` and pass the seed to the GP.")


# Exercise 5: diagnose and fix overfitting --------------------------------------------------

DIAGNOSES = ("memorising", "too_many_features", "tuned_on_validation", "underfitting", "leakage")
DIAGNOSIS = {"A": "memorising", "B": "too_many_features", "C": "tuned_on_validation"}
CLUES = {
    "A": "Look at what happens to the training error as the depth limit rises, and where the "
         "validation error is lowest.",
    "B": "What changes along the curve is the number of rows, not the model: what does a "
         "model with 86 columns do with 60 rows?",
    "C": "The training error barely changes; which curve improves with every try, and which "
         "does not?",
}
# The configurations each scenario describes, measured on its rows (MAE in log price).
TEAM_GAP = {"A": (0.0, 0.532), "B": (0.0, 1.296)}  # (train, validation)
TEAM_C_NEW_CARDS = 0.509
TEAM_C = {"max_depth": 18, "min_samples_leaf": 5, "max_features": 0.59, "random_state": 345}


@pytest.fixture(scope="module")
def scenarios(cards) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    train, holdout = group_split(cards, test_size=0.3, seed=3)
    valid_c = group_split(holdout, test_size=0.02, seed=2)[1]
    return {
        "A": (train, holdout),
        "B": (train.sample(frac=1.0, random_state=3).iloc[:60], holdout),
        "C": (train.sample(2_500, random_state=2), valid_c),
        "C other validation": (train.sample(2_500, random_state=2),
                               group_split(holdout, test_size=0.02, seed=11)[1]),
        "C new cards": (holdout.drop(valid_c.index), holdout.drop(valid_c.index)),
    }


def _diagnosis(ex) -> dict:
    answers = ex.diagnose_overfitting()
    expect_type(answers, dict, "diagnose_overfitting()")
    expect(set(answers) == set(DIAGNOSIS),
           f"diagnose_overfitting() should answer exactly {sorted(DIAGNOSIS)}, not "
           f"{sorted(answers)}.")
    for scenario, code in answers.items():
        expect(code in DIAGNOSES, f"Scenario {scenario}: {code!r} is not a diagnosis; use one "
                                  f"of {', '.join(DIAGNOSES)}.")
    return answers


@pytest.mark.parametrize("scenario", list(DIAGNOSIS))
def test_scenario_gets_the_right_diagnosis(ex, scenario):
    code = _diagnosis(ex).get(scenario)
    expect(code == DIAGNOSIS[scenario],
           f"Scenario {scenario}: {code!r} is not what the curves show. {CLUES[scenario]}")


def _fix(ex, scenarios, scenario: str) -> Any:
    model = _once(ex, f"fix {scenario}", lambda: ex.fix_overfitting(scenario, *scenarios[scenario]))
    expect(hasattr(model, "fit") and hasattr(model, "predict"),
           f"fix_overfitting({scenario!r}, ...) should return a scikit-learn estimator, not "
           f"{type(model).__name__}.")
    return model


def _fit_fix(ex, scenarios, scenario: str) -> Any:
    train = scenarios[scenario][0]
    return clone(_fix(ex, scenarios, scenario)).fit(card_features(train), _log_price(train))


@pytest.mark.exercise("fix_overfitting")
@pytest.mark.time_limit(20)
@pytest.mark.parametrize("scenario", ["A", "B"])
def test_fix_halves_the_gap_and_improves_validation(ex, scenarios, scenario):
    train, valid = scenarios[scenario]
    model = _fit_fix(ex, scenarios, scenario)
    train_mae = _mae(_log_price(train), model.predict(card_features(train)))
    valid_mae = _mae(_log_price(valid), model.predict(card_features(valid)))
    team_train, team_valid = TEAM_GAP[scenario]
    gap, team_gap = valid_mae - train_mae, team_valid - team_train
    expect(gap <= team_gap / 2,
           f"Scenario {scenario}: your model's validation MAE ({valid_mae:.3f}) is still "
           f"{gap:.3f} above its training MAE ({train_mae:.3f}); the fix should at least halve "
           f"the original gap of {team_gap:.3f}."
           + (" Shrinking all 86 columns is not enough here: use far fewer of them."
              if scenario == "B" else " Limit how finely the tree can split."))
    expect(valid_mae <= team_valid - 0.03,
           f"Scenario {scenario}: your validation MAE is {valid_mae:.3f}; the original "
           f"configuration's is {team_valid:.3f}. A fix should also predict new cards better, "
           "not only close the gap by getting worse on the training rows.")


@pytest.mark.exercise("fix_overfitting")
@pytest.mark.time_limit(30)
def test_fix_c_is_chosen_without_the_validation_rows(ex, scenarios):
    first = _fix(ex, scenarios, "C")
    other = ex.fix_overfitting("C", *scenarios["C other validation"])
    expect(joblib.hash(clone(first)) == joblib.hash(clone(other)),
           "Scenario C: given different validation rows, fix_overfitting chose a different "
           "configuration, so it still tunes on the validation set. Choose with "
           "cross-validation on the training rows only (make_folds + cross_validate_mae) and "
           "keep the validation rows for one final check.")
    model = _fit_fix(ex, scenarios, "C")
    new = scenarios["C new cards"][0]
    predicted = model.predict(card_features(new))
    train = scenarios["C"][0]
    team = price_pipeline(SEED).set_params(model=DecisionTreeRegressor(**TEAM_C))
    team.fit(card_features(train), _log_price(train))
    expect(not np.allclose(predicted, team.predict(card_features(new))),
           "Scenario C: that is the configuration chosen on the validation set; its 0.368 "
           "there was luck on 67 rows.")
    mae = _mae(_log_price(new), predicted)
    expect(mae <= TEAM_C_NEW_CARDS + 0.01,
           f"Scenario C: on the new cards your model's MAE is {mae:.3f}, worse than the "
           f"original configuration's {TEAM_C_NEW_CARDS}.")


# Exercise 6: MLflow tracking ---------------------------------------------------------------

RUN_PARAMS = {"model": "hist_gradient_boosting", "max_iter": 20, "learning_rate": 0.1}
RUN_METRICS = {"test_mae": 0.41, "train_mae": 0.33}


@pytest.fixture(scope="module")
def store(tmp_path_factory, ex) -> Iterator[dict[str, Any]]:
    """A temporary folder for a SQLite tracking store; it is also the working folder, so
    anything written to a relative path (such as ./mlruns) lands there too. The database
    itself is created by the learner's first `log_run`. One store per graded module (`ex`)."""
    folder = tmp_path_factory.mktemp("mlflow")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLFLOW_DISABLE_TELEMETRY", "true")
        patch.chdir(folder)
        yield {"uri": f"sqlite:///{folder / 'mlflow.db'}", "folder": folder}


def _mlflow(store: dict[str, Any]) -> tuple[Any, Any]:
    """The mlflow package and a client of the store, imported only once a run exists."""
    import mlflow  # here, not at the top: importing mlflow takes seconds

    mlflow.set_tracking_uri(store["uri"])  # where `runs:/...` model URIs are looked up
    return mlflow, mlflow.MlflowClient(tracking_uri=store["uri"])


@pytest.fixture(scope="module")
def fitted(cards) -> tuple[Any, pd.DataFrame]:
    rows = cards.sample(600, random_state=0)
    X = card_features(rows)
    with threadpool_limits(limits=1):
        model = price_pipeline(0, max_iter=20).fit(X, _log_price(rows))
    return model, X.head(5)


def _logged(ex, store, fitted) -> str:
    model, example = fitted
    run_id = _once(ex, "run", lambda: ex.log_run(store["uri"], "module-03-checks", RUN_PARAMS,
                                             RUN_METRICS, model, example))
    expect_type(run_id, str, "the run id log_run returns")
    return run_id


def _run(store, run_id: str) -> Any:
    try:
        return _mlflow(store)[1].get_run(run_id)
    except Exception:
        expect(False, f"The store has no run {run_id!r}: return `run.info.run_id` of the run "
                      "you logged to `tracking_uri`.")


@pytest.mark.exercise("log_run")
@pytest.mark.time_limit(60)
def test_log_run_records_a_finished_run_in_the_experiment(ex, store, fitted):
    run = _run(store, _logged(ex, store, fitted))
    mlflow, client = _mlflow(store)
    experiment = client.get_experiment(run.info.experiment_id)
    expect(experiment.name == "module-03-checks",
           f"The run is in experiment {experiment.name!r}, not 'module-03-checks': call "
           "mlflow.set_experiment(experiment) before starting the run.")
    expect(run.info.status == "FINISHED",
           f"The run's status is {run.info.status}: end it (use `with mlflow.start_run():`).")
    expect(mlflow.active_run() is None,
           "log_run left a run open; the next log_run would nest inside it.")


@pytest.mark.exercise("log_run")
@pytest.mark.time_limit(60)
def test_logged_params_and_metrics_match(ex, store, fitted):
    run = _run(store, _logged(ex, store, fitted))
    expect_equal(run.data.params, {k: str(v) for k, v in RUN_PARAMS.items()},
                 what="the logged params", why="Log every entry of `params` with log_params.")
    expect_equal(run.data.metrics, RUN_METRICS, what="the logged metrics",
                 why="Log every entry of `metrics` with log_metrics, and nothing else.")


@pytest.mark.exercise("log_run")
@pytest.mark.time_limit(60)
def test_logged_model_loads_and_predicts(ex, store, fitted):
    run_id = _logged(ex, store, fitted)
    model, example = fitted
    try:
        loaded = _mlflow(store)[0].sklearn.load_model(f"runs:/{run_id}/model")
    except Exception as error:
        expect(False, f"Loading runs:/{run_id}/model failed ({type(error).__name__}: "
                      f"{str(error)[:300]}). Log it with mlflow.sklearn.log_model(model, "
                      "name='model', ...); for skops, pass the model's types as trusted.")
    expect(bool(np.allclose(loaded.predict(example), model.predict(example))),
           "The model loaded from the store predicts differently from the one you logged.")


@pytest.mark.exercise("log_run")
@pytest.mark.time_limit(60)
def test_logged_model_has_a_signature(ex, store, fitted):
    run_id = _logged(ex, store, fitted)
    info = _mlflow(store)[0].models.get_model_info(f"runs:/{run_id}/model")
    expect(info.signature is not None,
           "The logged model has no signature: pass signature=infer_signature(X_example, "
           "model.predict(X_example)) to log_model.")
    names = [spec.name for spec in info.signature.inputs.inputs]
    expect_equal(names, list(fitted[1].columns), what="the signature's input columns",
                 why="Infer the signature from X_example itself.")
    expect(info.signature.outputs is not None, "The signature has no output schema: infer it "
                                               "from the model's predictions too.")


@pytest.mark.exercise("log_run")
@pytest.mark.time_limit(60)
def test_logged_model_lists_explicit_requirements(ex, store, fitted):
    run_id = _logged(ex, store, fitted)
    mlflow = _mlflow(store)[0]
    folder = store["folder"] / f"requirements-{run_id}"
    folder.mkdir(exist_ok=True)
    path = mlflow.artifacts.download_artifacts(
        artifact_uri=f"runs:/{run_id}/model/requirements.txt", dst_path=str(folder))
    lines = {line.strip() for line in Path(path).read_text().splitlines() if line.strip()}
    from importlib.metadata import version

    expected = {f"mlflow=={mlflow.__version__}", f"scikit-learn=={version('scikit-learn')}",
                f"skops=={version('skops')}"}
    expect(lines == expected,
           f"requirements.txt lists {sorted(lines)}; expected exactly {sorted(expected)} "
           "(MLflow adds itself). Pass pip_requirements=PIP_REQUIREMENTS: without it MLflow "
           "guesses the list, which takes seconds and pins packages the model never uses.")


@pytest.mark.exercise("log_run")
@pytest.mark.time_limit(60)
def test_log_run_adds_runs_to_an_existing_experiment(ex, store, fitted):
    first = _logged(ex, store, fitted)
    model, example = fitted
    second = ex.log_run(store["uri"], "module-03-checks", {"round": 2}, {"test_mae": 0.4}, model,
                        example)
    client = _mlflow(store)[1]
    experiment = client.get_experiment_by_name("module-03-checks")
    expect(experiment is not None, "No experiment 'module-03-checks' in the store.")
    found = {run.info.run_id for run in client.search_runs([experiment.experiment_id])}
    expect(first != second and {first, second} <= found,
           "A second call with the same experiment name should add a second run to that "
           f"experiment; it holds {len(found)} run(s). Use mlflow.set_experiment (it reuses an "
           "existing experiment) rather than create_experiment.")
