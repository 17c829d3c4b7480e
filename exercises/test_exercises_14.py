"""Graders for module 14, Foundations: responsible ML.

Run them with `uv run pytest exercises/test_exercises_14.py`. Fairness metrics are checked
group by group against scikit-learn's metrics on each group's rows; permutation importance
against scikit-learn's `permutation_importance` and the exact expectation for a linear model;
partial dependence against scikit-learn's `partial_dependence(method="brute")`; k-anonymity
against group sizes counted here; the Laplace mechanism by the spread of many draws, compared
with scipy's Laplace distribution.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.inspection import partial_dependence as sklearn_partial_dependence
from sklearn.inspection import permutation_importance as sklearn_permutation_importance
from sklearn.linear_model import LinearRegression
from sklearn.metrics import confusion_matrix, make_scorer, mean_squared_error, recall_score
from sklearn.tree import DecisionTreeRegressor

from mlcourse.grading import LearnerError, expect, expect_close, expect_type

SERIES = np.array(["Base", "Scarlet & Violet", "Sword & Shield"])  # the cards' three series
DRAWS = 10_000  # noisy releases drawn to measure the spread of the Laplace mechanism


def _mse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    return float(np.mean((np.asarray(y_true) - np.asarray(y_pred)) ** 2))


# Data: a "worth featuring" classifier on cards of three series ------------------------------


def featured_shelf(
    seed: int, n: int, tpr: tuple[float, ...], fpr: tuple[float, ...]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Random (y_true, y_pred, groups): groups of unequal size and base rate, with the given
    chance of predicting 1 for actual positives (tpr) and actual negatives (fpr) per group."""
    rng = np.random.default_rng(seed)
    index = rng.choice(len(SERIES), size=n, p=[0.15, 0.45, 0.40])
    y_true = (rng.random(n) < np.array([0.45, 0.10, 0.06])[index]).astype(int)
    chance = np.where(y_true == 1, np.array(tpr)[index], np.array(fpr)[index])
    return y_true, (rng.random(n) < chance).astype(int), SERIES[index]


TINY = {  # (y_pred, groups), from the smallest case up
    "one_group": ([1, 0], ["Base", "Base"]),
    "two_groups": ([1, 0, 1, 1], ["Base", "Base", "Sword & Shield", "Sword & Shield"]),
    "two_groups_reversed": ([1, 1, 1, 0], ["Sword & Shield", "Sword & Shield", "Base", "Base"]),
    "three_groups": ([1, 1, 0, 0, 1, 0, 0, 0, 1], ["a", "a", "a", "b", "b", "b", "c", "c", "c"]),
}
CASES = {name: tuple(np.array(v) for v in case) for name, case in TINY.items()}
CASES["random_cards"] = featured_shelf(1, 400, (0.9, 0.6, 0.7), (0.05, 0.02, 0.03))[1:]


def _expected_rates(y_pred: np.ndarray, groups: np.ndarray) -> dict[str, float]:
    return {
        g: np.count_nonzero(y_pred[groups == g]) / np.count_nonzero(groups == g)
        for g in np.unique(groups)
    }


# Exercise 1: selection rates, demographic parity, disparate impact ------------------------


@pytest.mark.parametrize("case", list(CASES))
def test_selection_rates_match_group_means(ex, case):
    y_pred, groups = CASES[case]
    got = ex.selection_rates(y_pred, groups)
    expect_type(got, pd.Series, "selection_rates(...)")
    expected = _expected_rates(y_pred, groups)
    expect(
        set(got.index) == set(expected),
        f"The index should be the group labels {sorted(expected)}, not {list(got.index)}.",
    )
    share_of_positives = {
        g: np.count_nonzero(y_pred[groups == g]) / max(y_pred.sum(), 1) for g in expected
    }
    for group, rate in expected.items():
        group = str(group)
        why = ""
        if np.isclose(got[group], share_of_positives[group]) and len(expected) > 1:
            why = (
                " That is the group's share of all positive predictions: divide by the "
                "group's own size instead."
            )
        expect_close(
            got[group],
            rate,
            rel=1e-9,
            what=f"the selection rate of {group!r}",
            why=why or "It is the share of the group's rows predicted 1.",
        )


@pytest.mark.parametrize("case", list(CASES))
def test_demographic_parity_difference_is_largest_minus_smallest(ex, case):
    y_pred, groups = CASES[case]
    rates = _expected_rates(y_pred, groups).values()
    expected = max(rates) - min(rates)
    got = ex.demographic_parity_difference(y_pred, groups)
    expect_close(
        got,
        expected,
        rel=1e-9,
        what="the demographic parity difference",
        why="It is max minus min of the selection rates: never negative, and the same "
        "whichever group comes first.",
    )


@pytest.mark.parametrize("case", list(CASES))
def test_disparate_impact_ratio_is_smallest_over_largest(ex, case):
    y_pred, groups = CASES[case]
    rates = _expected_rates(y_pred, groups).values()
    expected = min(rates) / max(rates)
    got = ex.disparate_impact_ratio(y_pred, groups)
    inverted = (
        " It is above 1: you divided the largest by the smallest."
        if (isinstance(got, float | np.floating) and got > 1)
        else ""
    )
    expect_close(
        got,
        expected,
        rel=1e-9,
        what="the disparate impact ratio",
        why=f"It is min / max of the selection rates, between 0 and 1, so that 0.8 is "
        f"the four-fifths line.{inverted}",
    )


# Exercise 2: error rates per group and equalized odds ---------------------------------------


def _sklearn_rates(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[float, float]:
    """(TPR, FPR) of one group from scikit-learn; NaN where the group lacks a class."""
    tpr = recall_score(y_true, y_pred, zero_division=np.nan)
    tn, fp, _, _ = confusion_matrix(y_true, y_pred, labels=[0, 1]).ravel()
    return float(tpr), fp / (fp + tn) if fp + tn else float("nan")


def _error_rates(ex, y_true, y_pred, groups) -> pd.DataFrame:
    got = ex.group_error_rates(y_true, y_pred, groups)
    expect_type(got, pd.DataFrame, "group_error_rates(...)")
    missing = sorted({"n", "tpr", "fpr"} - set(got.columns))
    expect(not missing, f"The table lacks the columns {missing}; it has {list(got.columns)}.")
    expect(
        set(got.index) == set(np.unique(groups)),
        f"The index should be the groups {sorted(set(groups))}, not {list(got.index)}.",
    )
    return got


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_group_error_rates_match_sklearn_per_group(ex, seed):
    y_true, y_pred, groups = featured_shelf(seed, 500, (0.9, 0.6, 0.7), (0.2, 0.05, 0.1))
    got = _error_rates(ex, y_true, y_pred, groups)
    for group in map(str, np.unique(groups)):
        rows = groups == group
        tpr, fpr = _sklearn_rates(y_true[rows], y_pred[rows])
        expect(
            int(got.loc[group, "n"]) == rows.sum(),
            f"n of {group!r} should be {rows.sum()}, not {got.loc[group, 'n']}.",
        )
        share_hit = np.mean((y_true[rows] == 1) & (y_pred[rows] == 1))
        why = (
            " That is TP / (all rows of the group): divide by the actual positives, TP + FN."
            if np.isclose(got.loc[group, "tpr"], share_hit)
            else ""
        )
        expect_close(
            got.loc[group, "tpr"],
            tpr,
            rel=1e-9,
            what=f"the TPR of {group!r}",
            why=f"TPR = TP / (TP + FN), scikit-learn's recall on the group.{why}",
        )
        expect_close(
            got.loc[group, "fpr"],
            fpr,
            rel=1e-9,
            what=f"the FPR of {group!r}",
            why="FPR = FP / (FP + TN): the share of the group's actual negatives "
            "predicted 1 (not FP / (FP + TP), the false discovery rate).",
        )


def test_group_error_rates_are_nan_without_positives(ex):
    y_true = np.array([1, 0, 1, 0, 0, 0])
    y_pred = np.array([1, 1, 0, 0, 1, 0])
    groups = np.array(["Base", "Base", "Base", "Base", "Promo", "Promo"])
    got = _error_rates(ex, y_true, y_pred, groups)
    expect(
        bool(np.isnan(got.loc["Promo", "tpr"])),
        f"'Promo' has no actual positives, so its TPR is undefined (NaN), not "
        f"{got.loc['Promo', 'tpr']!r}. A 0 would claim the model misses all of them.",
    )
    expect_close(
        got.loc["Base", "tpr"],
        0.5,
        what="the TPR of 'Base'",
        why="Base has 2 actual positives, 1 of them predicted 1.",
    )
    expect_close(
        got.loc["Promo", "fpr"],
        0.5,
        what="the FPR of 'Promo'",
        why="Promo has 2 actual negatives, 1 of them predicted 1: FP / (FP + TN).",
    )


@pytest.mark.parametrize(
    ("tpr", "fpr"),
    [
        ((0.9, 0.5, 0.7), (0.05, 0.04, 0.05)),  # the TPR gap is the larger one
        ((0.8, 0.8, 0.8), (0.6, 0.02, 0.1)),  # the FPR gap is the larger one
    ],
    ids=["tpr_gap_larger", "fpr_gap_larger"],
)
def test_equalized_odds_gaps_take_the_worse_of_tpr_and_fpr(ex, tpr, fpr):
    y_true, y_pred, groups = featured_shelf(3, 2000, tpr, fpr)
    rates = [_sklearn_rates(y_true[groups == g], y_pred[groups == g]) for g in SERIES]
    tpr_gap = max(r[0] for r in rates) - min(r[0] for r in rates)
    fpr_gap = max(r[1] for r in rates) - min(r[1] for r in rates)
    got = ex.equalized_odds_gaps(y_true, y_pred, groups)
    expect_type(got, dict, "equalized_odds_gaps(...)")
    keys = {"equal_opportunity", "fpr_gap", "equalized_odds"}
    expect(set(got) == keys, f"The keys should be {sorted(keys)}, not {sorted(got)}.")
    expect_close(
        got["equal_opportunity"],
        tpr_gap,
        rel=1e-9,
        what="equal_opportunity",
        why="It is max - min of the groups' TPRs.",
    )
    expect_close(
        got["fpr_gap"],
        fpr_gap,
        rel=1e-9,
        what="fpr_gap",
        why="It is max - min of the groups' FPRs.",
    )
    expect_close(
        got["equalized_odds"],
        max(tpr_gap, fpr_gap),
        rel=1e-9,
        what="equalized_odds",
        why="Equalized odds needs both rates equal, so its gap is the larger of the TPR "
        "gap and the FPR gap, not the TPR gap alone.",
    )


def test_equalized_odds_gaps_skip_groups_without_positives(ex):
    y_true = np.array([1, 1, 0, 1, 0, 0, 0])
    y_pred = np.array([1, 1, 0, 0, 0, 1, 0])
    groups = np.array(["a", "a", "a", "b", "b", "c", "c"])  # "c" has no actual positives
    got = ex.equalized_odds_gaps(y_true, y_pred, groups)
    expect_type(got, dict, "equalized_odds_gaps(...)")
    expect_close(
        got.get("equal_opportunity"),
        1.0,
        what="equal_opportunity",
        why="Group 'c' has no positives, so it has no TPR and is left out: the gap is "
        "between a (1.0) and b (0.0). np.max of an array with NaN is NaN; "
        "pandas' max, or np.nanmax, skips it.",
    )
    expect_close(got.get("fpr_gap"), 0.5, what="fpr_gap")


# Exercise 3: mean signed error in dollars ---------------------------------------------------

PRICES = {  # (true, predicted, groups)
    "one_group": ([2.0, 4.0], [1.0, 7.0], ["Base", "Base"]),
    "two_groups": (
        [40.0, 60.0, 1.0, 2.0],
        [30.0, 50.0, 1.5, 2.5],
        ["Base", "Base", "Sword & Shield", "Sword & Shield"],
    ),
}


def _price_case(case: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if case in PRICES:
        return tuple(np.array(v) for v in PRICES[case])
    rng = np.random.default_rng(4)
    groups = SERIES[rng.choice(3, size=300, p=[0.2, 0.4, 0.4])]
    true = np.exp(rng.normal(np.where(groups == "Base", 3.0, 0.5), 1.0))
    return true, true * np.exp(rng.normal(np.where(groups == "Base", -0.3, 0.05), 0.3)), groups


@pytest.mark.parametrize("case", [*PRICES, "random_cards"])
def test_mean_signed_error_by_group_in_dollars(ex, case):
    true, predicted, groups = _price_case(case)
    got = ex.mean_signed_error_by_group(true, predicted, groups)
    expect_type(got, pd.Series, "mean_signed_error_by_group(...)")
    expect(
        set(got.index) == set(groups),
        f"The index should be the groups {sorted(set(groups))}, not {list(got.index)}.",
    )
    for group in map(str, np.unique(groups)):
        rows = groups == group
        expected = float(np.sum(predicted[rows] - true[rows]) / rows.sum())
        absolute = float(np.mean(np.abs(predicted[rows] - true[rows])))
        why = "It is the mean of predicted - true: negative when the model undervalues."
        if np.isclose(got[group], -expected) and expected != 0:
            why += " Yours has the opposite sign: true - predicted."
        elif np.isclose(got[group], absolute) and not np.isclose(absolute, expected):
            why += " Yours is the mean absolute error, which hides who is undervalued."
        expect_close(
            got[group],
            expected,
            rel=1e-9,
            abs_tol=1e-9,
            what=f"the mean signed error of {group!r}",
            why=why,
        )


# Exercise 4: the bias audit -----------------------------------------------------------------


def audit_rows() -> pd.DataFrame:
    """104 modern cards overvalued by $1, 16 vintage ones undervalued by $10, 8 promos
    overvalued by $4: 128 rows, so every mean and gap below is exact in floating point."""
    errors = {"modern": (104, 1.0), "vintage": (16, -10.0), "promo": (8, 4.0)}
    frames = [
        pd.DataFrame({"era": era, "true": 10.0, "predicted": 10.0 + error}, index=range(n))
        for era, (n, error) in errors.items()
    ]
    return pd.concat(frames, ignore_index=True)


def mean_signed(rows: pd.DataFrame) -> float:
    return float((rows["predicted"] - rows["true"]).mean())


def _audit(ex, threshold: float = 2.0, min_n: int = 10) -> pd.DataFrame:
    got = ex.bias_audit(audit_rows(), "era", mean_signed, threshold, min_n)
    expect_type(got, pd.DataFrame, "bias_audit(...)")
    missing = sorted({"n", "metric", "gap", "flagged"} - set(got.columns))
    expect(not missing, f"The audit lacks the columns {missing}; it has {list(got.columns)}.")
    expect(
        set(got.index) == {"modern", "vintage", "promo"},
        f"The index should be the eras, not {list(got.index)}.",
    )
    return got


def test_bias_audit_reports_n_metric_and_signed_gap_per_group(ex):
    got = _audit(ex)
    rows = audit_rows()
    overall = mean_signed(rows)  # (104 - 160 + 32) / 128 = -0.1875
    mean_of_groups = np.mean([mean_signed(rows[rows["era"] == e]) for e in got.index])
    for era in ("modern", "vintage", "promo"):
        part = rows[rows["era"] == era]
        expect(
            int(got.loc[era, "n"]) == len(part),
            f"n of {era!r} should be {len(part)}, not {got.loc[era, 'n']}.",
        )
        expect_close(
            got.loc[era, "metric"],
            mean_signed(part),
            what=f"the metric of {era!r}",
            why="Call `metric` on the group's rows.",
        )
        why = "The gap is the group's metric minus the metric of all rows, with its sign."
        if np.isclose(got.loc[era, "gap"], mean_signed(part) - mean_of_groups):
            why += (
                " Yours compares with the average of the group metrics, which weighs 8 "
                "promos as much as 104 modern cards: call `metric` on all rows instead."
            )
        elif np.isclose(got.loc[era, "gap"], abs(mean_signed(part) - overall)):
            why += " Keep the sign: negative means undervalued, positive overvalued."
        expect_close(
            got.loc[era, "gap"], mean_signed(part) - overall, what=f"the gap of {era!r}", why=why
        )


def test_bias_audit_flags_only_large_gaps_in_big_enough_groups(ex):
    got = _audit(ex, threshold=2.0, min_n=10)
    flags = {era: bool(got.loc[era, "flagged"]) for era in got.index}
    # Gaps: modern +1.1875 (within 2), vintage -9.8125 (beyond), promo +4.1875 (beyond, but
    # its 8 rows are fewer than min_n = 10).
    expected = {"modern": False, "vintage": True, "promo": False}
    why = ""
    if flags["promo"]:
        why = " 'promo' has 8 rows, fewer than min_n = 10: report it, but never flag it."
    elif not flags["vintage"]:
        why = " 'vintage' is $9.81 below the overall mean: flag |gap| > threshold, both signs."
    expect(flags == expected, f"The flags should be {expected}, yours are {flags}.{why}")
    strict = _audit(ex, threshold=9.8125, min_n=1)
    flagged = list(strict.index[strict["flagged"].astype(bool)])
    expect(
        not flagged,
        f"With threshold 9.8125 no gap is strictly beyond it (vintage's is exactly -9.8125), "
        f"but yours flags {flagged}. Flag |gap| > threshold, not >=.",
    )


def test_bias_audit_sorts_worst_gap_first(ex):
    got = _audit(ex)
    expect(
        list(got.index) == ["vintage", "promo", "modern"],
        f"Rows should be sorted by |gap|, largest first: ['vintage', 'promo', 'modern'], "
        f"not {list(got.index)}. A large negative gap (undervalued) is as bad as a large "
        "positive one: sort by the absolute gap.",
    )


# Exercise 5: permutation importance ---------------------------------------------------------


class FixedLinearModel:
    """A fitted linear model with known weights; refitting it is an error."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return sum(w * X[c].to_numpy(dtype=float) for c, w in self.weights.items())

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> FixedLinearModel:
        raise RuntimeError("this model is already fitted: permutation importance never refits")


def independent_features(seed: int, n: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "set_age_years": rng.uniform(0, 26, n),
            "hp": rng.normal(120, 40, n),
            "number_value": rng.integers(1, 250, n).astype(float),
            "retreat_cost": rng.integers(0, 5, n).astype(float),
        }
    )


def _importance(ex, model, X, y, n_repeats: int, seed: int) -> pd.DataFrame:
    got = ex.permutation_importance(model, X, y, _mse, n_repeats, seed)
    expect_type(got, pd.DataFrame, "permutation_importance(...)")
    missing = sorted({"importance_mean", "importance_std"} - set(got.columns))
    expect(not missing, f"The table lacks the columns {missing}; it has {list(got.columns)}.")
    expect(
        list(got.index) == list(X.columns),
        f"The index should be X's columns in order, {list(X.columns)}, not {list(got.index)}.",
    )
    return got


@pytest.mark.time_limit(20)
def test_permutation_importance_matches_sklearn(ex):
    X = independent_features(5, 600)
    rng = np.random.default_rng(6)
    y = (
        0.1 * X["set_age_years"]
        + 0.01 * X["hp"]
        + 0.004 * X["number_value"]
        + rng.normal(0, 0.5, len(X))
    )
    model = LinearRegression().fit(X, y)
    got = _importance(ex, model, X, y.to_numpy(), n_repeats=20, seed=0)
    reference = sklearn_permutation_importance(
        model,
        X,
        y,
        scoring=make_scorer(mean_squared_error, greater_is_better=False),
        n_repeats=20,
        random_state=0,
    )
    for i, column in enumerate(X.columns):
        expected = reference.importances_mean[i]
        spread = np.hypot(reference.importances_std[i], got.loc[column, "importance_std"])
        tolerance = 0.1 * abs(expected) + 4 * spread / np.sqrt(20) + 1e-6
        expect(
            abs(got.loc[column, "importance_mean"] - expected) <= tolerance,
            f"The importance of {column!r} is {got.loc[column, 'importance_mean']:.4f}; "
            f"scikit-learn's permutation_importance gives {expected:.4f} (± {tolerance:.4f}). "
            "Shuffle one column at a time, keep the fitted model as it is (no refit), and "
            "record metric(shuffled) - metric(original).",
        )


def test_permutation_importance_is_twice_weight_squared_times_variance(ex):
    X = independent_features(7, 2000)
    weights = {"set_age_years": 0.12, "hp": 0.01, "number_value": 0.005, "retreat_cost": 0.3}
    model = FixedLinearModel(weights)
    y = model.predict(X)  # a perfect model: every error comes from the shuffle
    got = _importance(ex, model, X, y, n_repeats=10, seed=1)
    for column, weight in weights.items():
        # Shuffling x_j adds w * (x_j' - x_j) to each prediction, whose mean square is
        # 2 * w**2 * var(x_j) on average over the permutations.
        expected = 2 * weight**2 * X[column].var(ddof=0)
        got_value = got.loc[column, "importance_mean"]
        why = (
            " It is negative: subtract the original error from the shuffled one."
            if (got_value < 0)
            else ""
        )
        expect_close(
            got_value,
            expected,
            rel=0.06,
            what=f"the importance of {column!r}",
            why=f"For a linear model, shuffling x raises the MSE by 2 w^2 var(x) on average.{why}",
        )


def test_permutation_importance_of_an_unused_feature_is_zero(ex):
    X = independent_features(8, 300)
    model = FixedLinearModel({"set_age_years": 0.1, "hp": 0.02})
    got = _importance(ex, model, X, model.predict(X) + 0.1, n_repeats=3, seed=2)
    for column in ("number_value", "retreat_cost"):
        expect(
            abs(got.loc[column, "importance_mean"]) < 1e-12,
            f"The model never reads {column!r}, so shuffling it changes no prediction, yet "
            f"its importance is {got.loc[column, 'importance_mean']:.4g}. Shuffle only the "
            "column being measured, not all of them at once.",
        )
    expect(got.loc["set_age_years", "importance_mean"] > 0, "A used feature should matter.")


def test_permutation_importance_same_seed_same_result(ex):
    X = independent_features(9, 200)
    model = FixedLinearModel({"set_age_years": 0.1, "hp": 0.02, "number_value": 0.01})
    y = model.predict(X)
    first = _importance(ex, model, X, y, n_repeats=3, seed=11)
    again = _importance(ex, model, X, y, n_repeats=3, seed=11)
    other = _importance(ex, model, X, y, n_repeats=3, seed=12)
    expect(
        first.equals(again),
        "The same seed gave two different results: draw every "
        "permutation from np.random.default_rng(seed).",
    )
    expect(
        not first["importance_mean"].equals(other["importance_mean"]),
        "Seeds 11 and 12 gave identical importances: the shuffles should depend on the seed.",
    )


def test_permutation_importance_single_repeat_has_zero_spread(ex):
    X = independent_features(10, 100)
    model = FixedLinearModel({"set_age_years": 0.1, "hp": 0.02})
    got = _importance(ex, model, X, model.predict(X), n_repeats=1, seed=0)
    std = got["importance_std"].to_numpy(dtype=float)
    expect(
        bool(np.all(std == 0)),
        f"With one repeat there is no spread: importance_std should be 0, not {std}. Use "
        "numpy's std (ddof=0), as scikit-learn does; pandas' .std() divides by n - 1.",
    )


# Exercise 6: partial dependence -------------------------------------------------------------


@pytest.fixture(scope="module")
def tree_and_cards() -> tuple[DecisionTreeRegressor, pd.DataFrame]:
    """A tree on correlated features: old sets have low rarity tiers, with an interaction."""
    rng = np.random.default_rng(12)
    age = rng.uniform(0, 26, 400)
    tier = np.clip(np.round(3 - age / 8 + rng.normal(0, 0.7, 400)), 0, 3)
    X = pd.DataFrame({"set_age_years": age, "rarity_tier": tier, "hp": rng.normal(120, 40, 400)})
    y = 0.1 * age + tier * (1 + 0.2 * age) + 0.005 * X["hp"] + rng.normal(0, 0.2, 400)
    return DecisionTreeRegressor(max_depth=6, random_state=0).fit(X, y), X


def _expect_pd(got: object, expected: np.ndarray, feature: str) -> None:
    got = np.asarray(got, dtype=float)
    expect(
        got.shape == expected.shape,
        f"One average per grid value: shape {expected.shape}, not {got.shape}.",
    )
    expect(
        bool(np.allclose(got, expected, rtol=1e-9, atol=1e-12)),
        f"The partial dependence on {feature!r} is {np.round(got, 4).tolist()}; scikit-learn "
        f"(method='brute') gives {np.round(expected, 4).tolist()}. Set the feature to each "
        "grid value in *every* row, predict, and average all the predictions; averaging "
        "only rows that already have the value measures the data, not the model.",
    )


@pytest.mark.parametrize("feature", ["rarity_tier", "set_age_years"])
def test_partial_dependence_matches_sklearn_brute(ex, tree_and_cards, feature):
    model, X = tree_and_cards
    reference = sklearn_partial_dependence(
        model, X, [feature], method="brute", grid_resolution=8, kind="average"
    )
    grid = reference["grid_values"][0]
    _expect_pd(ex.partial_dependence(model, X, feature, grid), reference["average"][0], feature)


def test_partial_dependence_on_values_no_row_has(ex, tree_and_cards):
    model, X = tree_and_cards
    grid = np.array([-5.0, 0.5, 12.25, 40.0])
    reference = sklearn_partial_dependence(
        model, X, ["set_age_years"], method="brute", custom_values={"set_age_years": grid}
    )
    got = ex.partial_dependence(model, X, "set_age_years", grid)
    _expect_pd(got, reference["average"][0], "set_age_years")


# Exercise 7: k-anonymity and generalization -------------------------------------------------

K_CASES = {  # (zip codes, ages, k of (zip, age))
    "one_row": ([94107], [37], 1),
    "two_identical": ([94107, 94107], [37, 37], 2),
    "sizes_3_and_2": ([1, 1, 1, 2, 2], [30, 30, 30, 40, 40], 2),
    "sizes_3_1_2": ([1, 1, 1, 2, 3, 3], [30, 30, 30, 40, 50, 50], 1),
    "same_zip_other_age": ([1, 1, 1, 1], [30, 30, 30, 31], 1),
}


@pytest.mark.parametrize("case", list(K_CASES))
def test_k_anonymity_is_the_smallest_group_size(ex, case):
    zips, ages, expected = K_CASES[case]
    # card_id and price differ on every row but are not quasi-identifiers: they are ignored.
    table = pd.DataFrame(
        {
            "seller_zip": zips,
            "seller_age": ages,
            "card_id": [f"card-{i}" for i in range(len(zips))],
            "price": np.arange(len(zips), dtype=float),
        }
    )
    got = ex.k_anonymity(table, ["seller_zip", "seller_age"])
    expect_type(got, (int, np.integer), "k_anonymity(...)")
    expect(
        got == expected,
        f"Zip codes {zips} with ages {ages} give groups of sizes "
        f"{sorted(Counter(zip(zips, ages, strict=True)).values())}, so k = {expected}, "
        f"not {got}. Group by the quasi-identifiers only (card and price differ on every "
        "row), and return the size of the smallest group, not the number of groups.",
    )


def listings(seed: int, n: int) -> pd.DataFrame:
    """A simulated table of sellers' listings: zip code, age, card and asking price."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "seller_zip": rng.choice([10001, 10002, 10025, 94107, 94110, 60601], size=n),
            "seller_age": rng.integers(18, 70, size=n),
            "card_id": [f"sv3-{i}" for i in rng.integers(1, 230, size=n)],
            "price": rng.lognormal(0, 1.5, size=n).round(2),
        }
    )


def test_k_anonymity_on_a_listing_table(ex):
    table = listings(13, 400)
    expected = min(Counter(zip(table["seller_zip"], table["seller_age"], strict=True)).values())
    got = ex.k_anonymity(table, ["seller_zip", "seller_age"])
    expect(
        got == expected,
        f"The smallest (zip, age) group has {expected} row(s), not {got}: "
        "k is a group size, not a count of groups.",
    )
    zip_only = min(Counter(table["seller_zip"]).values())
    got = ex.k_anonymity(table, ["seller_zip"])
    expect(
        got == zip_only, f"By zip code alone the smallest group has {zip_only} rows; you say {got}."
    )


@pytest.mark.parametrize(
    ("values", "width", "expected"),
    [
        ([37], 1, [37]),
        ([37, 31, 45, 30, 29], 10, [30, 30, 40, 30, 20]),
        ([94107, 94110, 10025, 60699], 100, [94100, 94100, 10000, 60600]),
        ([18, 22, 24, 69], 5, [15, 20, 20, 65]),
    ],
)
def test_generalize_floors_to_the_bucket_start(ex, values, width, expected):
    table = pd.DataFrame({"seller_age": values, "card_id": [f"c{i}" for i in range(len(values))]})
    got = ex.generalize(table, {"seller_age": width})
    expect_type(got, pd.DataFrame, "generalize(...)")
    column = [int(v) for v in got["seller_age"]]
    expect(
        column == expected,
        f"{values} in buckets of width {width} start at {expected}, not {column}. Use "
        "value // width * width: 37 goes to 30, never to 40 (no rounding to the nearest).",
    )
    expect(
        list(got["card_id"]) == list(table["card_id"]),
        "Columns not listed in `widths` must stay as they are.",
    )


LADDERS = {"seller_zip": [1, 10, 100, 1000, 100000], "seller_age": [1, 5, 10, 20, 100]}


def _k_at_level(table: pd.DataFrame, level: int) -> int:
    coarse = {c: (table[c] // w[level] * w[level]).tolist() for c, w in LADDERS.items()}
    return min(Counter(zip(*coarse.values(), strict=True)).values())


@pytest.mark.parametrize("k", [1, 2, 5, 20])
def test_generalize_to_k_returns_the_finest_level_that_reaches_k(ex, k):
    table = listings(14, 300)
    expected = next(level for level in range(5) if _k_at_level(table, level) >= k)
    result = ex.generalize_to_k(table, LADDERS, k)
    expect(
        isinstance(result, tuple) and len(result) == 2,
        "generalize_to_k should return a tuple (table, level).",
    )
    coarse, level = result
    expect(
        level == expected,
        f"For k = {k} the finest level that works is {expected} (k at each level: "
        f"{[_k_at_level(table, lv) for lv in range(5)]}), not {level}. Try the levels "
        "in order and stop at the first that reaches k: each step up loses information.",
    )
    got_k = min(Counter(zip(coarse["seller_zip"], coarse["seller_age"], strict=True)).values())
    expect(got_k >= k, f"The table you return is only {got_k}-anonymous, not {k}-anonymous.")


def test_generalize_to_k_raises_when_no_level_is_enough(ex):
    table = listings(15, 50)
    try:
        result = ex.generalize_to_k(table, LADDERS, 51)
    except LearnerError as error:
        expect(
            isinstance(error.original, ValueError),
            f"Expected ValueError, got {type(error.original).__name__}.",
        )
        return
    expect(
        False,
        f"No generalization makes 50 rows 51-anonymous, but you returned level "
        f"{result[1] if isinstance(result, tuple) else result!r}. Raise ValueError "
        "rather than release a table that is not protected.",
    )


# Exercise 8: the Laplace mechanism ----------------------------------------------------------


@pytest.mark.time_limit(20)
@pytest.mark.parametrize(
    ("sensitivity", "epsilon"), [(1.0, 1.0), (1.0, 0.25), (2.0, 0.5), (10.0, 4.0)]
)
def test_laplace_noise_has_scale_sensitivity_over_epsilon(ex, sensitivity, epsilon):
    rng = np.random.default_rng(16)
    noise = (
        np.array([ex.laplace_mechanism(100.0, sensitivity, epsilon, rng) for _ in range(DRAWS)])
        - 100.0
    )
    scale = sensitivity / epsilon
    # For Laplace(0, b) noise, the mean of |noise| is exactly b.
    spread = float(np.mean(np.abs(noise)))
    why = ""
    if np.isclose(spread, epsilon / sensitivity, rtol=0.06):
        why = " That is epsilon / sensitivity: the scale is sensitivity / epsilon."
    elif spread == 0:
        why = " No noise at all: the exact answer is released."
    expect_close(
        spread,
        scale,
        rel=0.05,
        what=f"the mean |noise| over {DRAWS:,} releases",
        why=f"The scale should be sensitivity / epsilon = {scale:g}.{why}",
    )
    distance = stats.kstest(noise, stats.laplace(scale=scale).cdf).statistic
    expect(
        distance < 0.03,
        f"The noise is {distance:.3f} away (KS distance) from Laplace(0, {scale:g}); use "
        "rng.laplace(0, scale), not a normal or uniform distribution.",
    )


def test_laplace_mechanism_draws_from_the_given_generator(ex):
    first = ex.laplace_mechanism(50.0, 1.0, 1.0, np.random.default_rng(17))
    again = ex.laplace_mechanism(50.0, 1.0, 1.0, np.random.default_rng(17))
    expect(
        first == again,
        f"Two generators with seed 17 gave {first} and {again}: draw the "
        "noise from `rng`, not from np.random or a new generator.",
    )
    shared = np.random.default_rng(18)
    one, two = (ex.laplace_mechanism(50.0, 1.0, 1.0, shared) for _ in range(2))
    expect(
        one != two,
        "Two calls on the same generator gave the same value: each release "
        "must draw fresh noise, or averaging releases would undo it.",
    )


@pytest.mark.parametrize("epsilon", [0.0, -1.0])
def test_laplace_mechanism_rejects_a_non_positive_epsilon(ex, epsilon):
    try:
        result = ex.laplace_mechanism(10.0, 1.0, epsilon, np.random.default_rng(0))
    except LearnerError as error:
        expect(
            isinstance(error.original, ValueError),
            f"epsilon = {epsilon} should raise ValueError, not "
            f"{type(error.original).__name__}. Check the arguments first.",
        )
        return
    expect(
        False,
        f"epsilon = {epsilon} is no privacy budget, yet you returned {result!r}; raise ValueError.",
    )


def test_private_mean_clips_before_averaging(ex):
    values = np.array([0.5, 2.0, 3.5, 250.0, -4.0])  # one $250 card, one impossible price
    got = ex.private_mean(values, 0.0, 10.0, 1e12, np.random.default_rng(19))
    expected = float(np.mean([0.5, 2.0, 3.5, 10.0, 0.0]))
    expect_close(
        got,
        expected,
        rel=1e-6,
        what="private_mean with a huge epsilon (almost no noise)",
        why="Clip every value into [lower, upper] before averaging: without "
        "the clip one card can move the mean without limit.",
    )


@pytest.mark.time_limit(20)
@pytest.mark.parametrize(("n", "epsilon"), [(5, 1.0), (40, 0.5)])
def test_private_mean_noise_scale_is_range_over_n_epsilon(ex, n, epsilon):
    values = np.random.default_rng(20).uniform(0, 10, n)
    rng = np.random.default_rng(21)
    noise = (
        np.array([ex.private_mean(values, 0.0, 10.0, epsilon, rng) for _ in range(DRAWS // 2)])
        - values.mean()
    )
    scale = 10.0 / (n * epsilon)
    spread = float(np.mean(np.abs(noise)))
    why = (
        " Yours matches (upper - lower) / epsilon: one person changes a mean of n values by "
        "at most (upper - lower) / n."
        if np.isclose(spread, 10.0 / epsilon, rtol=0.1)
        else ""
    )
    expect_close(
        spread,
        scale,
        rel=0.07,
        what="the mean |noise| of private_mean",
        why=f"The sensitivity of the mean is (upper - lower) / n, so the noise scale is "
        f"(upper - lower) / (n * epsilon) = {scale:g}.{why}",
    )
