"""The reference price model: how long it takes to fit, and how good it is against what it replaces.

All errors are mean absolute errors in log price on the test side of `group_split(cards, 0.2,
seed=42)`, the split the course uses, compared with:
- the global median price of the training cards;
- the median by rarity and finish (the "median rule" of module 00);
- the week-over-week floor: mean |log(market_price / prev_market_price)|, the error of "the
  price is last week's price", which no model without price history can be expected to beat.
Fit and predict are timed twice: with scikit-learn's default OpenMP threads (one per core)
and with one thread, because gradient boosting's threads wait on each other badly when other
processes share the cores (graders, notebooks, a web server).
The capstone's own pipeline is timed once `solutions/exercises_08.py` defines it:
`load_clean_data()`, then `train_models(train, tracking_uri)` (model families compared by
grouped cross-validation, the best tuned, every run logged to a temporary MLflow store),
scored with its `evaluate(model, test)`.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from contextlib import chdir
from typing import Any

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from benchmarks.harness import ROOT, NotAvailable, Row, repeat, seconds_row, skipped

NAME = "reference price model"
CAPSTONE = "capstone train + tune"
# What the capstone solution defines: data pipeline, split, training with tuning, scoring.
CAPSTONE_STEPS = ("load_clean_data", "split", "train_models", "evaluate")
THREADS = {"default threads": None, "1 thread": 1}  # OpenMP thread limits to compare


def mae(predicted_log: np.ndarray, actual_log: np.ndarray) -> float:
    """Mean absolute error of two arrays of log prices."""
    return float(np.mean(np.abs(predicted_log - actual_log)))


def rule_key(cards: pd.DataFrame) -> pd.Series:
    """The group of the median rule: rarity (missing counts as its own value) and finish."""
    return cards["rarity"].astype("string").fillna("(none)") + " | " + cards["finish"]


def baselines(train: pd.DataFrame, test: pd.DataFrame) -> dict[str, float]:
    """MAE in log price of the global median, the median rule and last week's price."""
    actual = np.log(test["market_price"].to_numpy())
    train_log = np.log(train["market_price"])
    overall = float(train_log.median())
    by_group = train_log.groupby(rule_key(train)).median()
    rule = rule_key(test).map(by_group).fillna(overall).to_numpy(dtype=float)
    previous = test["prev_market_price"]
    known = previous.notna() & (previous > 0)
    weekly = np.log(test.loc[known, "market_price"] / previous[known])
    return {
        "global median": mae(np.full_like(actual, overall), actual),
        "median by rarity and finish": mae(rule, actual),
        "week-over-week floor": float(np.mean(np.abs(weekly))),
    }


def run(times: int) -> list[Row]:
    try:
        from mlcourse.data import load_cards
        from mlcourse.models import card_features, fit_price_model
        from mlcourse.splits import group_split
    except ImportError as error:
        raise NotAvailable(f"mlcourse.models / mlcourse.splits ({error})") from error
    train, test = group_split(load_cards(), test_size=0.2, seed=42)
    features, one_card = card_features(test), card_features(test.iloc[[0]])
    models, rows = [], []
    for threads, limit in THREADS.items():
        with threadpool_limits(limits=limit, user_api="openmp"):
            fits = repeat(lambda: models.append(fit_price_model(train)), times)
            batch = repeat(lambda: models[-1].predict(features), times * 3)
            single = repeat(lambda: models[-1].predict(one_card), times * 30)
        rows += [
            seconds_row(NAME, f"fit on {len(train):,} rows, {threads}", fits),
            seconds_row(NAME, f"predict {len(test):,} rows, {threads}", batch),
            seconds_row(NAME, f"predict 1 row, {threads}", single),
        ]
    model_mae = mae(models[-1].predict(features), np.log(test["market_price"].to_numpy()))
    rows.append(Row(NAME, "test MAE (log price)", model_mae, "", note=f"{len(test):,} test rows"))
    for name, value in baselines(train, test).items():
        rows.append(Row(NAME, f"{name} MAE (log price)", value, ""))
        rows.append(Row(NAME, f"ratio model / {name}", model_mae / value, "x"))
    return rows


def capstone_rows(times: int) -> list[Row]:
    path = ROOT / "solutions" / "exercises_08.py"
    if not path.is_file():
        return [skipped(CAPSTONE, "no solutions/exercises_08.py")]
    from mlcourse.loading import load_exercises

    solution = load_exercises("08", target="solutions")
    missing = [name for name in CAPSTONE_STEPS if not hasattr(solution, name)]
    if missing:
        return [skipped(CAPSTONE, f"solutions/exercises_08.py defines no {', '.join(missing)}")]
    cleaning = repeat(solution.load_clean_data, times)
    train, test = solution.split(solution.load_clean_data())
    results = []
    for _ in range(max(1, times // 3)):  # minutes per run: a third of the repetitions
        with tempfile.TemporaryDirectory(prefix="mlcourse-mlflow-") as tmp, chdir(tmp):
            uri = f"sqlite:///{tmp}/mlflow.db"  # never the project's store; artifacts in tmp
            results.append(_timed(lambda u=uri: solution.train_models(train, u)))
    scores = solution.evaluate(results[-1][1]["model"], test)
    chosen = results[-1][1]["algorithm"]
    rows = [
        seconds_row(CAPSTONE, "load_clean_data()", cleaning),
        seconds_row(CAPSTONE, f"train_models() on {len(train):,} rows (MLflow, CV, tuning)",
                    [seconds for seconds, _ in results], note=f"chose {chosen}"),
        Row(CAPSTONE, "test MAE (log price)", scores["mae_log"], "",
            note=f"{len(test):,} test rows of the capstone's own split"),
        Row(CAPSTONE, "test share within 25% of the price", scores["within_25"], ""),
    ]  # fmt: skip
    for name, value in baselines(train, test).items():
        rows.append(Row(CAPSTONE, f"{name} MAE (log price)", value, ""))
        rows.append(Row(CAPSTONE, f"ratio capstone / {name}", scores["mae_log"] / value, "x"))
    return rows


def _timed(function: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result
