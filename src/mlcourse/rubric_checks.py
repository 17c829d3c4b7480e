"""Objective checks of a capstone's code, shared by the rubric and the module 08 graders.

Each check takes what the learner's code returned (and, where it must call the learner's
code again, the function itself) and returns what is wrong with it: an empty list means the
check passes. Expected values are computed here from the data, scikit-learn or pandas,
never by the reference solution.

>>> split_problems(cards, *learner.split(cards))  # doctest: +SKIP
['12 cards are on both sides, e.g. base1-4: split by card_id, not by row.']
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import norm

from mlcourse.data import load_cards
from mlcourse.quality import load_problems

LEAKY_COLUMNS = ("market_price", "low_price", "high_price", "prev_market_price")
Problems = list[str]


def _frame_or_problem(value: Any, what: str) -> Problems:
    if isinstance(value, pd.DataFrame):
        return []
    return [f"{what} should be a pandas DataFrame, not {type(value).__name__}."]


# --- data engineering ------------------------------------------------------------------------


def planted_schema_cases(cards: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Small copies of the clean table, each with one problem a schema must reject."""
    base = cards.iloc[:200].reset_index(drop=True)

    def changed(row: int, column: str, value: Any) -> pd.DataFrame:
        copy = base.copy()
        copy.loc[row, column] = value
        return copy

    return {
        "negative market price": changed(0, "market_price", -1.0),
        "unknown finish": changed(1, "finish", "glitter"),
        "duplicated card x finish": pd.concat([base, base.iloc[[2]]], ignore_index=True),
        "blank name": changed(3, "name", "   "),
        "release date in 2099": changed(4, "set_release_date", pd.Timestamp("2099-12-31")),
    }


def schema_rejections(schema: Any, cards: pd.DataFrame) -> dict[str, bool]:
    """For each planted problem, whether `schema.validate(..., lazy=True)` raises."""
    rejected = {}
    for problem, frame in planted_schema_cases(cards).items():
        try:
            schema.validate(frame, lazy=True)
        except Exception:  # pandera's SchemaError(s), or anything else that refuses the rows
            rejected[problem] = True
        else:
            rejected[problem] = False
    return rejected


def expected_quality_counts() -> dict[str, int]:
    """Rows of `cards_raw.csv` per planted problem, from the answer key."""
    key = load_problems()
    return key.groupby("problem")["row_id"].nunique().astype(int).to_dict()


def quality_count_problems(report: Any, tolerance: float = 0.10) -> dict[str, str]:
    """Problem kind -> what is wrong with its count (only the wrong ones)."""
    if not isinstance(report, dict):
        return {"all": f"quality_report should return a dict, not {type(report).__name__}."}
    wrong = {}
    for problem, expected in expected_quality_counts().items():
        got = report.get(problem)
        if not isinstance(got, int | np.integer) or abs(got - expected) > tolerance * expected:
            wrong[problem] = f"`{problem}`: {got!r} rows, expected about {expected}"
    return wrong


def clean_table_problems(clean: Any) -> Problems:
    """Compare a cleaned table with the course's clean `load_cards()`."""
    if problems := _frame_or_problem(clean, "load_clean_data()"):
        return problems
    missing = [c for c in ("card_id", "finish", "market_price") if c not in clean.columns]
    if missing:
        return [f"The clean table has no column {missing}."]
    problems = []
    if clean.duplicated(["card_id", "finish"]).any():
        problems.append("Some card x finish appears twice: drop the later duplicates.")
    truth = load_cards().set_index(["card_id", "finish"])["market_price"]
    got = clean.drop_duplicates(["card_id", "finish"]).set_index(["card_id", "finish"])
    shared = truth.index.intersection(got.index)
    if len(shared) < 0.98 * len(truth):
        problems.append(
            f"Only {len(shared):,} of the {len(truth):,} clean card x finish rows "
            "are kept (expected at least 98%)."
        )
    prices = pd.to_numeric(got.loc[shared, "market_price"], errors="coerce")
    off = (prices - truth.loc[shared]).abs().gt(0.01).mean() if len(shared) else 1.0
    if off > 0.005:
        problems.append(
            f"{off:.1%} of the kept rows have another market price than the clean "
            "data: are all price formats parsed ($, USD, 1.234,50 $)?"
        )
    return problems


def split_problems(cards: pd.DataFrame, train: Any, test: Any) -> dict[str, Problems]:
    """{"groups": ..., "rows": ..., "share": ...}: every card on one side, every row once,
    10-35% of the cards in test."""
    frames = _frame_or_problem(train, "train") + _frame_or_problem(test, "test")
    if frames:
        return {"groups": frames, "rows": frames, "share": frames}
    found: dict[str, Problems] = {"groups": [], "rows": [], "share": []}
    shared = sorted(set(train["card_id"]) & set(test["card_id"]))
    if shared:
        found["groups"].append(
            f"{len(shared)} cards are on both sides, e.g. {shared[0]}: "
            "split by card_id, not by row."
        )
    both = train.index.append(test.index)
    if both.duplicated().any() or not both.sort_values().equals(cards.index.sort_values()):
        found["rows"].append("Every row must be on exactly one side, with its original index.")
    share = test["card_id"].nunique() / max(cards["card_id"].nunique(), 1)
    if not 0.10 <= share <= 0.35:
        found["share"].append(f"The test side holds {share:.0%} of the cards; expected 10-35%.")
    return found


# --- feature engineering ---------------------------------------------------------------------


def feature_table_problems(cards: pd.DataFrame, features: Any) -> dict[str, Problems]:
    """{"rows": ..., "columns": ..., "leaky": ...}: one row per input row with its index,
    at least five columns, none of them a price column."""
    if problems := _frame_or_problem(features, "build_features(cards)"):
        return {"rows": problems, "columns": problems, "leaky": problems}
    found: dict[str, Problems] = {"rows": [], "columns": [], "leaky": []}
    if len(features) != len(cards) or not features.index.equals(cards.index):
        found["rows"].append(
            f"{len(features):,} rows for {len(cards):,} input rows, or "
            "another index: one row per input row, index kept."
        )
    if features.shape[1] < 5:
        found["columns"].append(f"Only {features.shape[1]} feature columns; 5+ needed.")
    leaky = [c for c in features.columns if c in LEAKY_COLUMNS]
    if leaky:
        found["leaky"].append(f"{leaky} are the price or copies of it: never a model input.")
    return found


def price_invariance_problems(
    build_features: Callable[[pd.DataFrame], pd.DataFrame], cards: pd.DataFrame
) -> Problems:
    """Features must not change when prices are shuffled or absent (a new listing)."""
    rng = np.random.default_rng(0)
    shuffled = cards.copy()
    for column in LEAKY_COLUMNS:
        shuffled[column] = rng.permutation(shuffled[column].to_numpy())
    reference = build_features(cards)
    problems = []
    try:
        pd.testing.assert_frame_equal(reference, build_features(shuffled), check_dtype=False)
    except AssertionError:
        problems.append(
            "The features change when the price columns are shuffled: a feature "
            "is computed from a price."
        )
    try:
        no_prices = build_features(cards.drop(columns=list(LEAKY_COLUMNS)))
        pd.testing.assert_frame_equal(reference, no_prices, check_dtype=False)
    except AssertionError:
        problems.append("Without the price columns (a new listing has none) the features differ.")
    except Exception as error:
        problems.append(
            f"Without the price columns build_features raised "
            f"{type(error).__name__}: {error} (a new listing has no price)."
        )
    return problems


PLANTED_LEAKS = ("listing_floor", "last_week_log_price", "high_price")


def with_planted_leaks(features: pd.DataFrame, cards: pd.DataFrame) -> pd.DataFrame:
    """`features` plus three leaking columns named in `PLANTED_LEAKS`."""
    return features.assign(
        listing_floor=cards["low_price"].to_numpy(),
        last_week_log_price=np.log(cards["prev_market_price"].to_numpy()),
        high_price=cards["high_price"].to_numpy(),
    )


def contains_column_transformer(pipeline: Any) -> bool:
    """Whether a ColumnTransformer is a step of `pipeline` (at any depth)."""
    from sklearn.compose import ColumnTransformer

    if isinstance(pipeline, ColumnTransformer):
        return True
    steps = getattr(pipeline, "steps", None) or []
    return any(contains_column_transformer(step) for _, step in steps)


def unseen_cards(cards: pd.DataFrame) -> pd.DataFrame:
    """Rows of `cards` moved to a set and a rarity no model has seen."""
    return cards.assign(set_id="zz9new", rarity="Mythical Rare", set_name="Unknown Set")


# --- training and evaluation -----------------------------------------------------------------


def expected_baseline(train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
    """Median log price per (rarity, finish) of `train`, in plain Python; unseen -> global."""
    groups: dict[tuple[str, str], list[float]] = {}
    log_price = np.log(train["market_price"].to_numpy(dtype=float))
    for rarity, finish, value in zip(train["rarity"], train["finish"], log_price, strict=True):
        key = ("<missing>" if pd.isna(rarity) else rarity, finish)
        groups.setdefault(key, []).append(float(value))
    medians = {key: float(np.median(values)) for key, values in groups.items()}
    fallback = float(np.median(log_price))
    keys = [
        ("<missing>" if pd.isna(r) else r, f)
        for r, f in zip(test["rarity"], test["finish"], strict=True)
    ]
    return np.array([medians.get(key, fallback) for key in keys])


def price_metrics(log_predicted: np.ndarray, test: pd.DataFrame) -> dict[str, float]:
    """MAE and RMSE in log price, and the share within 25% of the price, of predictions."""
    truth = test["market_price"].to_numpy(dtype=float)
    error = np.asarray(log_predicted, dtype=float) - np.log(truth)
    within = np.abs(np.exp(log_predicted) - truth) <= 0.25 * truth
    return {
        "mae_log": float(np.mean(np.abs(error))),
        "rmse_log": float(np.sqrt(np.mean(error**2))),
        "within_25": float(np.mean(within)),
    }


def evaluation_problems(evaluation: Any, expected: dict[str, float]) -> dict[str, str]:
    """Metric -> what is wrong with the value `evaluate` reported (only wrong ones)."""
    if not isinstance(evaluation, dict):
        return {
            m: f"evaluate should return a dict, not {type(evaluation).__name__}" for m in expected
        }
    wrong = {}
    for metric, value in expected.items():
        got = evaluation.get(metric)
        if not isinstance(got, int | float) or not math.isclose(
            got, value, rel_tol=1e-4, abs_tol=1e-6
        ):
            wrong[metric] = f"`{metric}` is {got!r}, expected {value:.4f}"
    return wrong


def segment_problems(evaluation: Any, log_predicted: np.ndarray, test: pd.DataFrame) -> Problems:
    """The per-finish MAE in `evaluation["segments"]` against an independent groupby."""
    segments = evaluation.get("segments") if isinstance(evaluation, dict) else None
    if not isinstance(segments, pd.DataFrame):
        return ["evaluate(...)['segments'] should be a DataFrame."]
    needed = {"column", "value", "mae_log"}
    if not needed <= set(segments.columns):
        return [f"The segments table needs the columns {sorted(needed)}."]
    error = np.abs(np.asarray(log_predicted) - np.log(test["market_price"].to_numpy()))
    expected = pd.Series(error, index=test.index).groupby(test["finish"]).mean()
    finish = segments[segments["column"] == "finish"].set_index("value")["mae_log"]
    problems = []
    for value, mae in expected.items():
        got = finish.get(value)
        if got is None or not math.isclose(float(got), mae, rel_tol=1e-4, abs_tol=1e-6):
            problems.append(f"MAE (log) of finish {value!r} is {got!r}, expected {mae:.4f}.")
    return problems


def figure_problems(figure: Any) -> Problems:
    """A matplotlib Figure with at least two axes that each show data."""
    from matplotlib.figure import Figure

    if not isinstance(figure, Figure):
        return [f"plot_errors should return a matplotlib Figure, not {type(figure).__name__}."]
    drawn = [ax for ax in figure.axes if ax.lines or ax.collections or ax.patches or ax.images]
    if len(drawn) < 2:
        return [f"The figure has {len(drawn)} panel(s) with data; the error analysis needs 2."]
    return []


# --- deployment and monitoring ---------------------------------------------------------------


def ab_plan_problems(plan: Any) -> dict[str, Problems]:
    """{"sample_size": [...], "design": [...]}: what is wrong with an A/B test plan."""
    if not isinstance(plan, dict):
        return {"sample_size": ["ab_test_plan should return a dict."], "design": ["no plan"]}
    size: Problems = []
    try:
        p1, effect = float(plan["baseline_rate"]), float(plan["minimum_detectable_effect"])
        alpha, power = float(plan["alpha"]), float(plan["power"])
        p2, pooled = p1 + effect, p1 + effect / 2
        z_alpha = norm.ppf(1 - alpha / 2) * math.sqrt(2 * pooled * (1 - pooled))
        z_power = norm.ppf(power) * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
        needed = (z_alpha + z_power) ** 2 / effect**2
        if alpha > 0.05 or power < 0.8:
            size.append(f"alpha {alpha} and power {power}: use alpha <= 0.05 and power >= 0.8.")
        if float(plan["sample_size_per_arm"]) < 0.95 * needed:
            size.append(
                f"{plan['sample_size_per_arm']} per arm is too few: a two-sided "
                f"two-proportion test needs {math.ceil(needed)}."
            )
    except (KeyError, TypeError, ValueError, ZeroDivisionError) as error:
        size.append(f"The plan lacks a usable {error!s}.")
    design: Problems = []
    if not str(plan.get("unit", "")).strip():
        design.append("Name the randomisation unit (`unit`).")
    if not plan.get("guardrails"):
        design.append("List at least one guardrail metric (`guardrails`).")
    days, daily = plan.get("duration_days"), plan.get("daily_units_per_arm")
    try:
        if int(days) < 7 or int(days) * float(daily) < float(plan["sample_size_per_arm"]):
            design.append("Run whole weeks (>= 7 days), long enough to reach the sample size.")
    except (KeyError, TypeError, ValueError):
        design.append("Give `duration_days` and `daily_units_per_arm` as numbers.")
    return {"sample_size": size, "design": design}


def drifted_columns(report: Any) -> set[str]:
    """The columns a drift report flags (its `drifted` column is true)."""
    if not isinstance(report, pd.DataFrame) or not {"column", "drifted"} <= set(report.columns):
        raise TypeError(
            "drift_report should return a DataFrame with columns 'column' and 'drifted'."
        )
    return set(report.loc[report["drifted"].astype(bool), "column"].astype(str))


def thresholds_problems(thresholds: Any) -> Problems:
    """Drift thresholds: a dict of positive numbers with a PSI-style drift level 0.1-0.5."""
    if not isinstance(thresholds, dict) or len(thresholds) < 2:
        return ["drift_thresholds should return a dict with at least two thresholds."]
    if not all(isinstance(v, int | float) and v > 0 for v in thresholds.values()):
        return ["Every threshold should be a positive number."]
    drift = [v for k, v in thresholds.items() if "drift" in k]
    if not any(0.1 <= v <= 0.5 for v in drift):
        return ["Name a drift threshold (a key with 'drift') between 0.1 and 0.5 (PSI)."]
    return []


def schedule_problems(schedule: Any) -> dict[str, Problems]:
    """{"cadence": [...], "triggers": [...]}: what is wrong with a retraining schedule."""
    if not isinstance(schedule, dict):
        return {"cadence": ["retraining_schedule should return a dict."], "triggers": ["none"]}
    cadence: Problems = []
    days = schedule.get("cadence_days")
    if not isinstance(days, int) or not 1 <= days <= 30:
        cadence.append(f"cadence_days is {days!r}: prices move weekly, retrain within 1-30 days.")
    triggers: Problems = []
    listed = schedule.get("triggers")
    if not isinstance(listed, list) or len([t for t in listed if str(t).strip()]) < 2:
        triggers.append("List at least two triggers that start a retrain early.")
    gate = schedule.get("max_mae_increase")
    if not isinstance(gate, int | float) or not 0 <= gate <= 0.2:
        triggers.append("Give the promotion gate `max_mae_increase` (MAE log, 0 to 0.2).")
    return {"cadence": cadence, "triggers": triggers}
