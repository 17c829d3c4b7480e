"""Graders for module 04, model evaluation and validation.

Run them with `uv run pytest exercises/test_exercises_04.py`. Expected values come from
scikit-learn, from independent numpy and pandas computations written here, or from small
cases worked out by hand; never from the solution's code.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    mean_absolute_error,
    mean_absolute_percentage_error,
    precision_score,
    r2_score,
    recall_score,
    roc_auc_score,
    root_mean_squared_error,
)
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from mlcourse.data import load_cards
from mlcourse.grading import expect, expect_close, expect_type

# Shared data: a screening classifier and a table of priced cards ----------------------------


@pytest.fixture(scope="module")
def cancer() -> dict[str, np.ndarray]:
    """Test-set labels (1 = malignant), probabilities and decision scores of a fixed model."""
    data = load_breast_cancer()
    y = 1 - data.target  # scikit-learn codes malignant as 0; screening looks for malignant
    X_train, X_test, y_train, y_test = train_test_split(
        data.data, y, test_size=0.4, stratify=y, random_state=0
    )
    model = make_pipeline(StandardScaler(), LogisticRegression(C=0.05, max_iter=1000))
    model.fit(X_train, y_train)
    return {
        "y": y_test,
        "proba": model.predict_proba(X_test)[:, 1],
        "decision": model.decision_function(X_test),
    }


@pytest.fixture(scope="module")
def priced() -> pd.DataFrame:
    """Real market prices with simulated predictions whose error depends on the rarity."""
    cards = load_cards()
    rng = np.random.default_rng(4)
    noisy = cards["rarity"].isin(["Promo", "Rare Ultra", "Special Illustration Rare"])
    spread = np.where(noisy, 0.8, 0.3)
    predicted = cards["market_price"] * np.exp(rng.normal(0.03, spread))
    year = cards["set_release_date"].dt.year
    era = np.select([year <= 2003, year <= 2021, year <= 2023], ["1999-2003", "2019-2021",
                                                                 "2022-2023"], "2024-2025")
    return pd.DataFrame({
        "card_id": cards["card_id"],
        "rarity": cards["rarity"],
        "series": cards["series"],
        "finish": cards["finish"],
        "era": pd.Series(era, index=cards.index, dtype="str"),
        "market_price": cards["market_price"],
        "predicted_price": predicted,
    })


# Exercise 1: metric choice --------------------------------------------------------------------

CLASSIFICATION = ("accuracy", "precision", "recall", "f1", "roc_auc", "average_precision")
RANKING = ("precision_at_k",)
REGRESSION = ("mae", "rmse", "mape", "mae_log", "r2")
METRICS = CLASSIFICATION + RANKING + REGRESSION
REASONS = (
    "false_positive_costly",
    "false_negative_costly",
    "rare_positive_class",
    "only_top_ranked_seen",
    "relative_errors_heavy_tail",
    "large_errors_worst",
    "balanced_costs",
    "explained_variance",
)
METRIC_ANSWERS: dict[str, tuple[str, str]] = {
    "spam_filter": ("precision", "false_positive_costly"),
    "cancer_screening": ("recall", "false_negative_costly"),
    "card_pricing": ("mae_log", "relative_errors_heavy_tail"),
    "fraud": ("average_precision", "rare_positive_class"),
    "recommendations": ("precision_at_k", "only_top_ranked_seen"),
}
# Why a wrong pick is wrong, without naming the right one.
WRONG_METRIC: dict[str, dict[str, str]] = {
    "spam_filter": {
        "recall": "Recall counts how much spam gets caught. It never notices the real "
        "messages thrown away with it, and those are the costly mistake here.",
        "accuracy": "Accuracy counts a lost buyer's message and a spam that gets through as "
        "one error each, but one costs a sale and the other a second of someone's time.",
        "f1": "F1 weighs both kinds of error equally; here a false flag costs far more than "
        "a miss.",
        "roc_auc": "ROC-AUC judges the ranking over every threshold. The filter runs at one "
        "threshold, and what matters there is what it throws away.",
        "average_precision": "Average precision averages over every threshold; the filter "
        "runs at one, and a person never sees what it flags.",
    },
    "cancer_screening": {
        "precision": "Precision keeps false alarms down, but a false alarm costs a biopsy; "
        "a missed cancer costs far more, and precision doesn't see it.",
        "accuracy": "Most screened patients are healthy: a model that misses many cancers can "
        "still be highly accurate.",
        "f1": "F1 weighs a missed cancer the same as a false alarm; they don't cost the same.",
        "roc_auc": "ROC-AUC judges the ranking over all thresholds; screening runs at one "
        "threshold, chosen so that few cancers are missed.",
    },
    "card_pricing": {
        "mape": "MAPE isn't symmetric: suggesting double counts 100%, suggesting half only "
        "50%, and a too-low price can never be more than 100% off. A model tuned on it learns "
        "to suggest low prices.",
        "mae": "An error in dollars is decided by the expensive cards: $30 off on a $300 card "
        "outweighs being wrong by 5x on a hundred 20-cent cards.",
        "rmse": "Squared dollar errors are decided even more by the few expensive cards "
        "than absolute dollar errors are.",
        "r2": "R2 tells you how much variance is explained, not how far a suggestion is from "
        "the price; in dollars it too is decided by a few expensive cards.",
    },
    "fraud": {
        "accuracy": "Calling every payment honest is 99.8% accurate and catches no fraud.",
        "roc_auc": "With 499 honest payments per fraud, ROC-AUC can be 0.99 while the "
        "analysts' queue holds many false alarms per real fraud. It counts the huge number of "
        "easy negatives.",
        "precision": "Precision is measured at one threshold, but the number of payments "
        "reviewed changes with staffing; the comparison must hold at every threshold.",
        "recall": "Recall at one threshold ignores how many honest payments fill the queue, "
        "and the threshold changes with staffing.",
        "f1": "F1 is measured at one threshold, and the review capacity (the threshold) "
        "keeps changing.",
    },
    "recommendations": {
        "roc_auc": "ROC-AUC counts the order of all 10,000 cards: swapping the cards at "
        "positions 5,000 and 5,001 counts as much as getting the first 5 right.",
        "average_precision": "Average precision rewards a good order far down the list, "
        "which buyers never reach.",
        "accuracy": "Nearly every card is 'not clicked', so accuracy is high for any list.",
        "recall": "Recall asks for every card a buyer might like, but only 5 are shown.",
    },
}
KIND_CLUE = {
    "regression": "`{metric}` measures the error of a number; this problem is a decision or "
    "a ranking, not a number to predict.",
    "classification": "`{metric}` judges yes/no decisions; this problem predicts a number.",
    "ranking": "`{metric}` judges a ranked list shown to a user; this problem isn't a list.",
}
REASON_CLUE: dict[str, str] = {
    "spam_filter": "Compare what each kind of mistake costs.",
    "cancer_screening": "Compare what each kind of mistake costs.",
    "card_pricing": "Think about prices from $0.03 to $1,700, and about x2 versus /2.",
    "fraud": "Think about what 1 payment in 500 does to metrics that count true negatives.",
    "recommendations": "Think about what buyers actually see.",
}


def _metric_choices(ex) -> dict:
    answers = ex.choose_metrics()
    expect_type(answers, dict, "choose_metrics()")
    return answers


def _choice(ex, problem: str) -> tuple[str, str]:
    pair = _metric_choices(ex).get(problem)
    expect(isinstance(pair, tuple) and len(pair) == 2,
           f"The answer for `{problem}` should be a (metric, reason) tuple, not {pair!r}.")
    return pair


def _kind(metric: str) -> str:
    if metric in REGRESSION:
        return "regression"
    return "ranking" if metric in RANKING else "classification"


def test_metric_choice_covers_every_problem_with_known_codes(ex):
    answers = _metric_choices(ex)
    missing = sorted(set(METRIC_ANSWERS) - set(answers))
    extra = sorted(map(str, set(answers) - set(METRIC_ANSWERS)))
    expect(not missing, f"choose_metrics() has no answer for {missing}.")
    expect(not extra, f"choose_metrics() has unknown problem ids {extra}; use the keys of "
                      "PROBLEMS as they are.")
    for problem in METRIC_ANSWERS:
        metric, reason = _choice(ex, problem)
        expect(metric in METRICS, f"`{problem}`: {metric!r} is not a metric; use a key of "
                                  "METRICS.")
        expect(reason in REASONS, f"`{problem}`: {reason!r} is not a reason code; use a key "
                                  "of METRIC_REASONS.")


@pytest.mark.parametrize("problem", list(METRIC_ANSWERS))
def test_problem_gets_the_right_metric(ex, problem):
    metric, _ = _choice(ex, problem)
    expect(metric in METRICS, f"`{problem}`: {metric!r} is not a metric; use one of "
                              f"{', '.join(METRICS)}.")
    right = METRIC_ANSWERS[problem][0]
    why = WRONG_METRIC[problem].get(metric, "")
    if not why and _kind(metric) != _kind(right):
        why = KIND_CLUE[_kind(metric)].format(metric=metric)
    expect(metric == right, f"`{problem}`: {metric!r} is not the best metric. {why}")


@pytest.mark.parametrize("problem", list(METRIC_ANSWERS))
def test_problem_gets_the_deciding_reason(ex, problem):
    _, reason = _choice(ex, problem)
    expect(reason in REASONS, f"`{problem}`: {reason!r} is not a reason code; use one of "
                              f"{', '.join(REASONS)}.")
    expect(reason == METRIC_ANSWERS[problem][1],
           f"`{problem}`: {reason!r} is not what decides this case. {REASON_CLUE[problem]}")


# Exercise 2: classification metrics ----------------------------------------------------------

COUNT_KEYS = ("tp", "fp", "fn", "tn")
CLASSIFICATION_KEYS = ("precision", "recall", "f1", "specificity", "accuracy")
# (y_true, y_pred) -> counts, smallest first.
COUNT_CASES = [
    ([1], [1], {"tp": 1, "fp": 0, "fn": 0, "tn": 0}),
    ([0], [1], {"tp": 0, "fp": 1, "fn": 0, "tn": 0}),
    ([1], [0], {"tp": 0, "fp": 0, "fn": 1, "tn": 0}),
    ([0, 0], [0, 0], {"tp": 0, "fp": 0, "fn": 0, "tn": 2}),
    ([1, 1, 0, 0, 0], [1, 0, 1, 0, 0], {"tp": 1, "fp": 1, "fn": 1, "tn": 2}),
    ([1, 1, 1, 0, 0, 0, 0], [1, 1, 0, 1, 1, 1, 0], {"tp": 2, "fp": 3, "fn": 1, "tn": 1}),
]


def _counts(ex, y_true: np.ndarray, y_pred: np.ndarray) -> dict:
    got = ex.confusion_counts(y_true, y_pred)
    expect_type(got, dict, "confusion_counts's result")
    expect(set(got) == set(COUNT_KEYS), f"The keys should be {list(COUNT_KEYS)}, not "
                                        f"{sorted(map(str, got))}.")
    return got


def _expect_counts(got: dict, expected: dict) -> None:
    if got["fp"] == expected["fn"] and got["fn"] == expected["fp"] != expected["fn"]:
        expect(False, f"False positives and false negatives are swapped: got {got}, expected "
                      f"{expected}. A false positive is predicted 1 but really 0.")
    if got["tp"] == expected["tn"] and got["tn"] == expected["tp"] != expected["tn"]:
        expect(False, f"You counted class 0 as the positive one: got {got}, expected "
                      f"{expected}. 1 is the positive class.")
    for key in COUNT_KEYS:
        expect(got[key] == expected[key], f"{key!r} is {got[key]!r}, expected "
                                          f"{expected[key]}. All counts: expected {expected}.")


@pytest.mark.parametrize(("y_true", "y_pred", "expected"), COUNT_CASES)
def test_confusion_counts_small_cases(ex, y_true, y_pred, expected):
    _expect_counts(_counts(ex, np.array(y_true), np.array(y_pred)), expected)


@pytest.mark.parametrize("threshold", [0.5, 0.2, 0.8])
def test_confusion_counts_match_sklearn_on_breast_cancer(ex, cancer, threshold):
    y_pred = (cancer["proba"] >= threshold).astype(int)
    tn, fp, fn, tp = confusion_matrix(cancer["y"], y_pred, labels=[0, 1]).ravel()
    expected = {"tp": int(tp), "fp": int(fp), "fn": int(fn), "tn": int(tn)}
    _expect_counts(_counts(ex, cancer["y"], y_pred), expected)


def _labels(counts: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Label arrays with exactly these confusion-matrix counts, for scikit-learn to score."""
    pairs = [(1, 1)] * counts["tp"] + [(0, 1)] * counts["fp"] + [(1, 0)] * counts["fn"] + [
        (0, 0)] * counts["tn"]
    y_true, y_pred = np.array(pairs).T
    return y_true, y_pred


def _sklearn_metrics(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    return {
        "precision": precision_score(y_true, y_pred, zero_division=0.0),
        "recall": recall_score(y_true, y_pred, zero_division=0.0),
        "f1": f1_score(y_true, y_pred, zero_division=0.0),
        "specificity": recall_score(y_true, y_pred, pos_label=0, zero_division=0.0),
        "accuracy": accuracy_score(y_true, y_pred),
    }


def _expect_classification(got: dict, expected: dict[str, float]) -> None:
    expect_type(got, dict, "classification_metrics's result")
    expect(set(got) == set(CLASSIFICATION_KEYS),
           f"The keys should be {list(CLASSIFICATION_KEYS)}, not {sorted(map(str, got))}.")
    mistakes = {
        "precision": [("recall", "Precision and recall are swapped: precision is TP / (TP + "
                                 "FP), of everything flagged; recall is TP / (TP + FN).")],
        "recall": [("precision", "Precision and recall are swapped: recall is TP / (TP + FN), "
                                 "of every real positive.")],
        "specificity": [("recall", "Specificity is the recall of the negative class: "
                                   "TN / (TN + FP).")],
        "f1": [("accuracy", "That is accuracy; F1 is 2PR / (P + R).")],
    }
    for key in CLASSIFICATION_KEYS:
        value = got[key]
        expect_type(value, (float, int, np.floating, np.integer), f"result[{key!r}]")
        why = next((text for other, text in mistakes.get(key, [])
                    if not math.isclose(expected[other], expected[key])
                    and math.isclose(value, expected[other], abs_tol=1e-12)), "")
        if not why and key == "f1" and math.isclose(
                value, (expected["precision"] + expected["recall"]) / 2):
            why = "That is the arithmetic mean; F1 is the harmonic mean 2PR / (P + R)."
        expect_close(value, expected[key], rel=1e-9, abs_tol=1e-12, what=f"result[{key!r}]",
                     why=why or "Compare with the formula in the notebook.")


CLASSIFICATION_CASES = [
    {"tp": 1, "fp": 0, "fn": 0, "tn": 1},  # perfect
    {"tp": 0, "fp": 0, "fn": 5, "tn": 5},  # flags nothing: precision's denominator is 0
    {"tp": 0, "fp": 3, "fn": 0, "tn": 0},  # no positives at all: recall's denominator is 0
    {"tp": 8, "fp": 2, "fn": 4, "tn": 86},
    {"tp": 30, "fp": 45, "fn": 5, "tn": 920},
]


@pytest.mark.parametrize("counts", CLASSIFICATION_CASES, ids=lambda c: "-".join(map(str,
                                                                                   c.values())))
def test_classification_metrics_match_sklearn(ex, counts):
    got = ex.classification_metrics(dict(counts))
    _expect_classification(got, _sklearn_metrics(*_labels(counts)))


@pytest.mark.parametrize("threshold", [0.5, 0.1])
def test_classification_metrics_match_sklearn_on_breast_cancer(ex, cancer, threshold):
    y_pred = (cancer["proba"] >= threshold).astype(int)
    tn, fp, fn, tp = confusion_matrix(cancer["y"], y_pred, labels=[0, 1]).ravel()
    counts = {"tp": int(tp), "fp": int(fp), "fn": int(fn), "tn": int(tn)}
    _expect_classification(ex.classification_metrics(counts),
                           _sklearn_metrics(cancer["y"], y_pred))


def _score_cases() -> list:
    rng = np.random.default_rng(7)
    y = rng.integers(0, 2, 300)
    tied = np.round(np.clip(0.3 * y + rng.normal(0.35, 0.2, 300), 0, 1), 1)  # many ties
    return [
        ("hand_example", np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8])),
        ("all_ties", np.array([0, 1, 0, 1]), np.array([0.5, 0.5, 0.5, 0.5])),
        ("reversed", np.array([1, 1, 0]), np.array([0.1, 0.2, 0.9])),
        ("rounded_scores_with_ties", y, tied),
    ]


def _strict_wins(y: np.ndarray, scores: np.ndarray) -> float:
    """The share of (positive, negative) pairs the positive wins outright, ties counting 0."""
    return float(np.mean(scores[y == 1][:, None] > scores[y == 0][None, :]))


def _expect_auc(got: object, y: np.ndarray, scores: np.ndarray) -> None:
    expected = roc_auc_score(y, scores)
    mistakes = {
        roc_auc_score(y, scores >= 0.5): "That is the AUC of hard 0/1 predictions (scores cut "
        "at 0.5). ROC-AUC needs the scores themselves: it measures how well they rank "
        "positives above negatives at every threshold.",
        _strict_wins(y, scores): "Tied scores must count one half, not zero.",
    }
    why = next((text for value, text in mistakes.items()
                if isinstance(got, int | float | np.floating) and not math.isclose(
                    value, expected) and math.isclose(got, value)), "")
    expect_close(got, expected, rel=1e-9, abs_tol=1e-12, what="The ROC-AUC", why=why)


@pytest.mark.parametrize("case", _score_cases(), ids=lambda c: c[0])
def test_roc_auc_matches_sklearn_on_small_cases(ex, case):
    _, y, scores = case
    _expect_auc(ex.roc_auc(y, scores), y, scores)


@pytest.mark.parametrize("scores", ["proba", "decision"])
def test_roc_auc_matches_sklearn_on_scores(ex, cancer, scores):
    _expect_auc(ex.roc_auc(cancer["y"], cancer[scores]), cancer["y"], cancer[scores])


def test_roc_auc_depends_only_on_the_order_of_scores(ex, cancer):
    y, proba = cancer["y"], cancer["proba"]
    base = ex.roc_auc(y, proba)
    for name, rescaled in [("proba / 10", proba / 10), ("proba * 10", proba * 10),
                           ("log(proba)", np.log(proba))]:
        got = ex.roc_auc(y, rescaled)
        expect_close(got, float(base), rel=1e-9, abs_tol=1e-12,
                     what=f"The ROC-AUC of {name}",
                     why="Rescaling scores without changing their order can't change how well "
                         "they rank. Did you cut the scores at a fixed threshold such as 0.5?")


# Exercise 3: regression metrics --------------------------------------------------------------

REGRESSION_KEYS = ("mae", "rmse", "mape", "r2", "within_10")


def _regression(ex, y_true: np.ndarray, y_pred: np.ndarray) -> dict:
    got = ex.regression_metrics(y_true, y_pred)
    expect_type(got, dict, "regression_metrics's result")
    expect(set(got) == set(REGRESSION_KEYS), f"The keys should be {list(REGRESSION_KEYS)}, "
                                             f"not {sorted(map(str, got))}.")
    return got


def _reference_regression(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    ratio = y_pred / y_true
    return {
        "mae": mean_absolute_error(y_true, y_pred),
        "rmse": root_mean_squared_error(y_true, y_pred),
        "mape": mean_absolute_percentage_error(y_true, y_pred),
        "r2": r2_score(y_true, y_pred),
        "within_10": float(np.mean((ratio >= 0.9) & (ratio <= 1.1))),
    }


def _regression_mistake(key: str, got: float, expected: dict[str, float]) -> str:
    value = expected[key]
    if key in ("mape", "within_10") and math.isclose(got, 100 * value, rel_tol=1e-9):
        return "That is a percentage; return a fraction (0.25 for 25%), as scikit-learn does."
    if key == "rmse" and math.isclose(got, value**2, rel_tol=1e-9):
        return "That is the mean squared error; take its square root."
    if key == "rmse" and math.isclose(got, expected["mae"], rel_tol=1e-9):
        return "That is the MAE; RMSE squares the errors before averaging."
    return ""


def test_regression_metrics_small_case(ex):
    # Errors 0, +0.5, -1 on prices 1, 2, 4, worked out by hand.
    got = _regression(ex, np.array([1.0, 2.0, 4.0]), np.array([1.0, 2.5, 3.0]))
    by_hand = {"mae": 0.5, "rmse": math.sqrt(1.25 / 3), "mape": (0 + 0.25 + 0.25) / 3,
               "r2": 1 - 1.25 / (14 / 3), "within_10": 1 / 3}
    for key in REGRESSION_KEYS:
        expect_close(got[key], by_hand[key], rel=1e-9, what=f"result[{key!r}]",
                     why=_regression_mistake(key, got[key], by_hand))


@pytest.mark.parametrize("key", REGRESSION_KEYS)
def test_regression_metric_matches_reference_on_card_prices(ex, priced, key):
    y_true = priced["market_price"].to_numpy()
    y_pred = priced["predicted_price"].to_numpy()
    got = _regression(ex, y_true, y_pred)
    expected = _reference_regression(y_true, y_pred)
    expect_close(got[key], expected[key], rel=1e-6, abs_tol=1e-9, what=f"result[{key!r}]",
                 why=_regression_mistake(key, float(got[key]), expected))


# Exercise 4: error by segment ----------------------------------------------------------------

SEGMENT_COLUMNS = ["n", "mae_log", "within_25"]


def _expected_segments(results: pd.DataFrame, by: str) -> pd.DataFrame:
    """The table computed with pandas here: one row per segment, missing values labelled."""
    log_ratio = np.log(results["predicted_price"] / results["market_price"])
    ratio = results["predicted_price"] / results["market_price"]
    frame = pd.DataFrame({
        "segment": results[by].astype("object").fillna("missing"),
        "abs_log": log_ratio.abs(),
        "close": (ratio >= 0.75) & (ratio <= 1.25),
    })
    return frame.pivot_table(index="segment", values=["abs_log", "close"],
                             aggfunc={"abs_log": ["count", "mean"], "close": "mean"})


def _segments(ex, results: pd.DataFrame, by: str) -> pd.DataFrame:
    got = ex.error_by_segment(results, by)
    expect_type(got, pd.DataFrame, "error_by_segment's result")
    expect(list(got.columns) == [by, *SEGMENT_COLUMNS],
           f"The columns should be {[by, *SEGMENT_COLUMNS]}, not {list(got.columns)}. Did you "
           "leave the segment in the index? `.reset_index()` turns it into a column.")
    expect(list(got.index) == list(range(len(got))),
           "The index should run 0..k-1 (`reset_index(drop=True)` after sorting).")
    return got


def _small_results() -> pd.DataFrame:
    return pd.DataFrame({
        "rarity": ["Common", "Common", "Rare", None],
        "market_price": [1.0, 2.0, 10.0, 4.0],
        "predicted_price": [1.0, 2.0 * math.e, 12.0, 2.0],
    })


def test_error_by_segment_small_case(ex):
    got = _segments(ex, _small_results(), "rarity")
    # Common: |log| 0 and 1 -> 0.5, one of two within 25%; Rare: log(1.2), within;
    # the missing one: log(2), not within.
    expected = {"Common": (2, 0.5, 0.5), "Rare": (1, math.log(1.2), 1.0),
                "missing": (1, math.log(2.0), 0.0)}
    labels = [str(v) for v in got["rarity"]]
    expect(sorted(labels) == sorted(expected),
           f"The segments should be {sorted(expected)}, not {sorted(labels)}. A missing "
           "rarity is its own segment, labelled 'missing'.")
    for label, row in zip(labels, got.itertuples(index=False), strict=True):
        n, mae, within = expected[label]
        expect(row.n == n, f"Segment {label!r} has {n} rows, not {row.n}.")
        expect_close(row.mae_log, mae, rel=1e-9, what=f"mae_log of {label!r}",
                     why="It is the mean of |log(predicted) - log(true)| over the segment.")
        expect_close(row.within_25, within, rel=1e-9, abs_tol=1e-12,
                     what=f"within_25 of {label!r}",
                     why="It is the share (0 to 1) of rows within 25% of the true price.")
    expect(labels == ["missing", "Common", "Rare"],
           f"Sort the segments by mae_log, largest first: got the order {labels}.")


@pytest.mark.parametrize("by", ["finish", "series", "era", "rarity"])
def test_error_by_segment_matches_groupby(ex, priced, by):
    got = _segments(ex, priced, by)
    expected = _expected_segments(priced, by)
    labels = [str(v) for v in got[by]]
    expect(sorted(labels) == sorted(map(str, expected.index)),
           f"The {by} segments should be {sorted(map(str, expected.index))}, not "
           f"{sorted(labels)}.")
    for label, row in zip(labels, got.itertuples(index=False), strict=True):
        want = expected.loc[label]
        expect(row.n == want[("abs_log", "count")],
               f"Segment {label!r} should have {want[('abs_log', 'count')]:,} rows, not {row.n}.")
        expect_close(row.mae_log, want[("abs_log", "mean")], rel=1e-9,
                     what=f"mae_log of {label!r}",
                     why="Use the absolute log error, then average it within the segment.")
        expect_close(row.within_25, want[("close", "mean")], rel=1e-9, abs_tol=1e-12,
                     what=f"within_25 of {label!r}", why="A share, 0 to 1, with <= 25%.")


def test_error_by_segment_counts_every_row(ex, priced):
    got = _segments(ex, priced, "rarity")
    missing = int(priced["rarity"].isna().sum())
    expect(int(got["n"].sum()) == len(priced),
           f"The segments hold {int(got['n'].sum()):,} rows, but the table has "
           f"{len(priced):,}; {missing} rows have no rarity. groupby drops missing keys unless "
           "you label them first (or pass dropna=False).")


def test_error_by_segment_puts_worst_segment_first(ex, priced):
    got = _segments(ex, priced, "rarity")
    errors = got["mae_log"].to_numpy(dtype=float)
    expect(bool(np.all(np.diff(errors) <= 1e-12)),
           "Sort by mae_log, largest first, so the segments to fix come at the top: "
           f"the first rows have mae_log {[round(float(e), 3) for e in errors[:4]]}.")


# Exercise 5: expected calibration error ------------------------------------------------------


def _reference_ece(y: np.ndarray, probs: np.ndarray, n_bins: int) -> float:
    """ECE from histograms: (n_b / n) |mean y - mean p| is |sum y - sum p| / n in each bin."""
    edges = np.linspace(0.0, 1.0, n_bins + 1)  # np.histogram closes the last bin at 1.0
    positives, _ = np.histogram(probs, edges, weights=y.astype(float))
    confidence, _ = np.histogram(probs, edges, weights=probs)
    return float(np.sum(np.abs(positives - confidence)) / len(probs))


def _unweighted_ece(y: np.ndarray, probs: np.ndarray, n_bins: int) -> float:
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    count, _ = np.histogram(probs, edges)
    positives, _ = np.histogram(probs, edges, weights=y.astype(float))
    confidence, _ = np.histogram(probs, edges, weights=probs)
    full = count > 0
    return float(np.mean(np.abs(positives[full] - confidence[full]) / count[full]))


def _expect_ece(got: object, y: np.ndarray, probs: np.ndarray, n_bins: int, what: str) -> None:
    expected = _reference_ece(y, probs, n_bins)
    why = ""
    unweighted = _unweighted_ece(y, probs, n_bins)
    if isinstance(got, float | np.floating) and not math.isclose(unweighted, expected) and \
            math.isclose(got, unweighted, rel_tol=1e-9):
        why = ("That is the plain average of the bins' gaps. Weight each gap by the share of "
               "rows in its bin: a bin of 3 rows must count less than a bin of 300.")
    expect_close(got, expected, rel=1e-9, abs_tol=1e-12, what=what, why=why)


# (labels, probabilities, bins) -> ECE, worked out by hand.
ECE_CASES = [
    ("one_bin_calibrated", [0, 0, 0, 1], [0.25] * 4, 10, 0.0),
    ("two_bins_calibrated", [0, 0, 0, 1, 1, 1, 1, 0], [0.25] * 4 + [0.75] * 4, 10, 0.0),
    ("always_sure_always_wrong", [0, 0, 0], [1.0, 1.0, 1.0], 10, 1.0),
    ("zero_probability_for_positives", [1, 1], [0.0, 0.0], 10, 1.0),
    ("single_bin_overall_gap", [1, 0, 0, 0], [0.9, 0.1, 0.3, 0.5], 1, abs(0.25 - 0.45)),
    ("half_confident", [1, 1, 1, 1], [0.55, 0.55, 0.55, 0.55], 5, 0.45),
]


@pytest.mark.parametrize("case", ECE_CASES, ids=lambda c: c[0])
def test_ece_known_cases(ex, case):
    _, y, probs, n_bins, expected = case
    got = ex.expected_calibration_error(np.array(y), np.array(probs), n_bins)
    expect_close(got, expected, rel=1e-9, abs_tol=1e-12, what="The ECE",
                 why="Check with the formula: sum over bins of (n_b / n) * |share of positives "
                     "- mean probability|.")


def test_ece_weights_bins_by_size(ex):
    # 80 rows at 0.25 with 20 positives (gap 0), 20 rows at 0.95 with none (gap 0.95):
    # weighted 0.2 * 0.95 = 0.19; an unweighted mean of the two gaps would be 0.475.
    y = np.array([1] * 20 + [0] * 60 + [0] * 20)
    probs = np.array([0.25] * 80 + [0.95] * 20)
    _expect_ece(ex.expected_calibration_error(y, probs, 10), y, probs, 10,
                "The ECE of 80 calibrated rows and 20 overconfident ones")


@pytest.mark.parametrize("n_bins", [5, 10, 15])
def test_ece_matches_independent_implementation_on_breast_cancer(ex, cancer, n_bins):
    y, probs = cancer["y"], cancer["proba"]
    _expect_ece(ex.expected_calibration_error(y, probs, n_bins), y, probs, n_bins,
                f"The ECE with {n_bins} bins")


def test_ece_matches_independent_implementation_on_overconfident_model(ex):
    rng = np.random.default_rng(3)
    probs = rng.uniform(0, 1, 2000)
    y = (rng.uniform(0, 1, 2000) < 0.5 + 0.5 * (probs - 0.5)).astype(int)  # truth is milder
    _expect_ece(ex.expected_calibration_error(y, probs, 10), y, probs, 10,
                "The ECE of an overconfident model")


# Exercise 6: bootstrap confidence interval ---------------------------------------------------


def _mae(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    return float(np.mean(np.abs(y_pred - y_true)))


def _interval(ex, *args, **kwargs) -> tuple[float, float]:
    got = ex.bootstrap_ci(*args, **kwargs)
    expect(isinstance(got, tuple) and len(got) == 2,
           f"bootstrap_ci should return a (low, high) tuple, not {got!r}."
           + (" np.quantile returns an array: unpack it and return (float(low), float(high))."
              if isinstance(got, np.ndarray) else ""))
    low, high = got
    for name, value in (("low", low), ("high", high)):
        expect_type(value, (float, np.floating), f"`{name}`")
    expect(low <= high, f"low ({low:.4g}) is above high ({high:.4g}).")
    return float(low), float(high)


class MetricSpy:
    """A metric that records each resample: y_true holds row ids, y_pred is y_true + 1000."""

    def __init__(self, n: int) -> None:
        self.y_true = np.arange(n, dtype=float)
        self.y_pred = self.y_true + 1000.0
        self.samples: list[np.ndarray] = []
        self.values: list[float] = []
        self.paired = True

    def __call__(self, y_true: np.ndarray, y_pred: np.ndarray) -> float:
        y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
        value = float(np.mean(y_true))
        if np.array_equal(y_true, self.y_true):  # the full data, e.g. for a point estimate
            return value
        self.paired &= bool(np.array_equal(y_pred - y_true, np.full(len(y_true), 1000.0)))
        self.samples.append(y_true.astype(int))
        self.values.append(value)
        return value


def test_bootstrap_returns_an_ordered_pair(ex):
    rng = np.random.default_rng(0)
    _interval(ex, np.zeros(50), rng.normal(0, 1, 50), _mae, n_resamples=200, seed=0)


def test_bootstrap_resamples_rows_with_replacement(ex):
    spy = MetricSpy(50)
    _interval(ex, spy.y_true, spy.y_pred, spy, n_resamples=200, seed=1)
    expect(len(spy.samples) == 200,
           f"With n_resamples=200 the metric should be computed on 200 resamples, but it got "
           f"{len(spy.samples)}. Did you return the metric of the original data?")
    sizes = {len(s) for s in spy.samples}
    expect(sizes == {50}, f"Each resample should have as many rows as the data (50), not "
                          f"{sorted(sizes)}.")
    with_repeats = np.mean([len(np.unique(s)) < len(s) for s in spy.samples])
    expect(with_repeats > 0.9, "The resamples hold no repeated rows: draw the rows *with* "
                               "replacement (`rng.integers(0, n, size=n)`), not a shuffle.")
    distinct = len({s.tobytes() for s in spy.samples})
    expect(distinct > 190, f"Only {distinct} of 200 resamples differ; draw new rows for each "
                           "resample.")


def test_bootstrap_keeps_each_prediction_with_its_truth(ex):
    spy = MetricSpy(40)
    _interval(ex, spy.y_true, spy.y_pred, spy, n_resamples=100, seed=2)
    expect(spy.paired, "A resample mixed up rows: y_pred[i] no longer belongs to y_true[i]. "
                       "Draw one set of row positions and index both arrays with it.")


@pytest.mark.parametrize("confidence", [0.95, 0.8])
def test_bootstrap_interval_is_the_percentile_interval(ex, confidence):
    spy = MetricSpy(60)
    low, high = _interval(ex, spy.y_true, spy.y_pred, spy, n_resamples=400,
                          confidence=confidence, seed=3)
    expect(len(spy.values) > 0, "The metric was never computed on a resample.")
    tail = (1 - confidence) / 2
    for name, got, q in (("low", low, tail), ("high", high, 1 - tail)):
        below = float(np.quantile(spy.values, q, method="lower"))
        above = float(np.quantile(spy.values, q, method="higher"))
        expect(below - 1e-9 <= got <= above + 1e-9,
               f"`{name}` should be the {q:.1%} quantile of the {len(spy.values)} resampled "
               f"metric values, between {below:.4g} and {above:.4g}, but it is {got:.4g}. "
               f"With confidence={confidence}, cut {tail:.1%} off each end.")


def test_bootstrap_is_deterministic_for_a_seed(ex):
    rng = np.random.default_rng(5)
    y_pred = rng.normal(0, 1, 80)
    first = _interval(ex, np.zeros(80), y_pred, _mae, n_resamples=200, seed=11)
    again = _interval(ex, np.zeros(80), y_pred, _mae, n_resamples=200, seed=11)
    other = _interval(ex, np.zeros(80), y_pred, _mae, n_resamples=200, seed=12)
    expect(first == again, f"The same seed gave {first} and then {again}. Draw every random "
                           "number from np.random.default_rng(seed).")
    expect(first != other, "Seeds 11 and 12 gave the same interval: is `seed` used?")


@pytest.mark.time_limit(30)
def test_bootstrap_covers_the_true_value(ex):
    # MAE of standard normal errors is sqrt(2 / pi). A 90% interval should contain it in
    # about 90% of samples (the percentile bootstrap runs a little short on 100 rows).
    truth, trials, hits = math.sqrt(2 / math.pi), 150, 0
    rng = np.random.default_rng(2024)
    for trial in range(trials):
        errors = rng.normal(0, 1, 100)
        low, high = _interval(ex, np.zeros(100), errors, _mae, n_resamples=200,
                              confidence=0.9, seed=trial)
        hits += low <= truth <= high
    coverage = hits / trials
    expect(0.78 <= coverage <= 0.97,
           f"90% intervals contained the true MAE in {coverage:.0%} of {trials} samples; "
           "expected about 90%. " + ("Too narrow: do you resample the rows?" if coverage < 0.78
                                     else "Too wide: take quantiles, not the min and max."))


def test_bootstrap_interval_narrows_with_more_rows(ex):
    rng = np.random.default_rng(8)
    widths = {}
    for n in (100, 1600):
        low, high = _interval(ex, np.zeros(n), rng.normal(0, 1, n), _mae, n_resamples=300,
                              seed=0)
        widths[n] = high - low
    expect(widths[100] > 0, "The interval has zero width: the resamples must differ.")
    ratio = widths[100] / max(widths[1600], 1e-12)
    expect(2.5 <= ratio <= 6.5,
           f"With 16x more rows the interval should be about 4x narrower (1/sqrt(n)); it is "
           f"{ratio:.2f}x (widths {widths[100]:.4f} and {widths[1600]:.4f}).")


# Exercises 7 and 8: numbers in text -----------------------------------------------------------

NUMBER = re.compile(r"(?P<dollar>\$\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                    r"\s?(?P<percent>%)?")


def numbers_in(text: str) -> list[tuple[float, str]]:
    """Every number in `text` as (value, unit): unit "$", "%" (value as a fraction) or ""."""
    found = []
    for match in NUMBER.finditer(text):
        value = float(match["num"].replace(",", ""))
        if match["percent"]:
            found.append((value / 100, "%"))
        else:
            found.append((value, "$" if match["dollar"] else ""))
    return found


def mentions(text: str, value: float, units: tuple[str, ...] = ("", "%", "$")) -> bool:
    """Whether `text` quotes `value`, rounded to two decimals (or a whole percent)."""
    tolerance = max(0.006, 0.002 * abs(value))
    return any(abs(found - value) <= tolerance for found, unit in numbers_in(text)
               if unit in units)


# Exercise 7: model card -----------------------------------------------------------------------

SECTIONS = ("Model details", "Intended use", "Data", "Metrics", "Limitations",
            "Ethical considerations")
EVALUATIONS = [
    {"model": "Gradient boosting on log price", "train_rows": 8345, "test_rows": 2097,
     "mae_log": 0.3711, "within_25": 0.505, "floor_mae_log": 0.1059,
     "worst_segment": "Promo", "worst_segment_mae_log": 1.0331},
    {"model": "Ridge regression on log price", "train_rows": 7420, "test_rows": 3022,
     "mae_log": 0.5237, "within_25": 0.382, "floor_mae_log": 0.0874,
     "worst_segment": "Rare Ultra", "worst_segment_mae_log": 0.9142},
]
QUOTED = [
    ("Data", "train_rows"),
    ("Data", "test_rows"),
    ("Metrics", "mae_log"),
    ("Metrics", "within_25"),
    ("Metrics", "floor_mae_log"),
    ("Limitations", "worst_segment_mae_log"),
]


def _card_sections(ex, evaluation: dict) -> dict[str, str]:
    """Call model_card and split its markdown into heading -> text under it."""
    card = ex.model_card(dict(evaluation))
    expect_type(card, str, "model_card's result")
    sections: dict[str, str] = {}
    current = None
    for line in card.splitlines():
        heading = re.match(r"^#{1,6}\s+(.*)$", line.strip())
        if heading:
            title = heading[1].strip().lower()
            current = next((s for s in SECTIONS if title.startswith(s.lower())), None)
            if current is not None:
                sections.setdefault(current, "")
        elif current is not None:
            sections[current] += line + "\n"
    return sections


@pytest.mark.parametrize("section", SECTIONS)
def test_model_card_has_every_section(ex, section):
    sections = _card_sections(ex, EVALUATIONS[0])
    expect(section in sections,
           f"The model card has no `## {section}` section; found {list(sections)}. Every "
           f"section of MODEL_CARD_SECTIONS needs its own heading.")
    words = len(re.findall(r"[A-Za-z]{2,}", sections[section]))
    expect(words >= 8, f"The `{section}` section has only {words} words; write at least a "
                       "full sentence a reader can act on.")


def test_model_card_sections_come_in_order(ex):
    order = list(_card_sections(ex, EVALUATIONS[0]))
    wanted = [s for s in SECTIONS if s in order]
    expect(order == wanted, f"Put the sections in the order of MODEL_CARD_SECTIONS: {wanted}, "
                            f"not {order}.")


@pytest.mark.parametrize(("section", "key"), QUOTED, ids=[k for _, k in QUOTED])
@pytest.mark.parametrize("which", [0, 1], ids=["evaluation_a", "evaluation_b"])
def test_model_card_quotes_the_numbers(ex, section, key, which):
    evaluation = EVALUATIONS[which]
    text = _card_sections(ex, evaluation).get(section, "")
    value = float(evaluation[key])
    shown = [round(v, 4) for v, _ in numbers_in(text)][:10]
    expect(mentions(text, value),
           f"The `{section}` section should quote {key} = {value:g} (two decimals, or a "
           f"percentage for a share); its numbers are {shown}. Take the numbers from the "
           "`evaluation` argument, not from memory.")


@pytest.mark.parametrize("which", [0, 1], ids=["evaluation_a", "evaluation_b"])
def test_model_card_names_the_worst_segment_in_limitations(ex, which):
    evaluation = EVALUATIONS[which]
    text = _card_sections(ex, evaluation).get("Limitations", "")
    expect(str(evaluation["worst_segment"]).lower() in text.lower(),
           f"The `Limitations` section should name the worst segment, "
           f"{evaluation['worst_segment']!r}.")


# Exercise 8: stakeholder summary --------------------------------------------------------------

SUMMARY_NUMBERS = ("typical_price", "typical_error_dollars", "share_within_25",
                   "high_value_error_dollars")
HIGH_VALUE = 20.0


def _reference_summary(market: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    gap = np.abs(predicted - market)
    high = market >= HIGH_VALUE
    return {
        "typical_price": float(np.median(market)),
        "typical_error_dollars": float(np.median(gap)),
        "share_within_25": float(np.mean((predicted >= 0.75 * market)
                                         & (predicted <= 1.25 * market))),
        "high_value_error_dollars": float(np.median(gap[high])),
    }


def _summary(ex, priced: pd.DataFrame) -> tuple[dict, dict[str, float]]:
    market = priced["market_price"].to_numpy()
    predicted = priced["predicted_price"].to_numpy()
    got = ex.stakeholder_summary(market, predicted)
    expect_type(got, dict, "stakeholder_summary's result")
    keys = {*SUMMARY_NUMBERS, "message"}
    expect(set(got) == keys, f"The keys should be {sorted(keys)}, not {sorted(map(str, got))}.")
    return got, _reference_summary(market, predicted)


@pytest.mark.parametrize("key", SUMMARY_NUMBERS)
def test_stakeholder_number_matches_numpy(ex, priced, key):
    got, expected = _summary(ex, priced)
    market = priced["market_price"].to_numpy()
    gap = np.abs(priced["predicted_price"].to_numpy() - market)
    means = {"typical_price": market.mean(), "typical_error_dollars": gap.mean(),
             "high_value_error_dollars": gap[market >= HIGH_VALUE].mean()}
    why = ""
    if key in means and math.isclose(got[key], means[key], rel_tol=1e-9):
        why = ("That is the mean. A few very expensive cards decide a mean; a typical card "
               "is the median.")
    elif key == "share_within_25" and math.isclose(got[key], 100 * expected[key]):
        why = "That is a percentage; return a share between 0 and 1."
    expect_close(got[key], expected[key], rel=1e-9, abs_tol=1e-12, what=f"result[{key!r}]",
                 why=why)


@pytest.mark.parametrize("key", SUMMARY_NUMBERS)
def test_stakeholder_message_quotes_the_numbers(ex, priced, key):
    got, expected = _summary(ex, priced)
    message = got["message"]
    expect_type(message, str, 'result["message"]')
    unit, form = ("%", "a whole percentage, e.g. 51%") if key == "share_within_25" else (
        "$", "dollars with a $ and cents, e.g. $0.05")
    found = [round(v, 4) for v, u in numbers_in(message) if u == unit]
    expect(mentions(message, expected[key], (unit,)),
           f"The message should quote {key} = {expected[key]:.4g} as {form}; the "
           f"{'percentages' if unit == '%' else 'dollar amounts'} in it are {found}.")
