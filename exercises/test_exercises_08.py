"""Graders for module 08, the capstone: one check per behaviour of each piece.

Run them with `uv run pytest exercises/test_exercises_08.py`. They use the same objective
checks as the capstone rubric (`mlcourse.rubric_checks`, `mlcourse.rubric_runs`), which
compute every expected value from the data, pandas, scipy or scikit-learn. Training is
checked on a sample of 1,500 rows in a temporary MLflow store: nothing is written into the
course folder. Score the whole capstone, documents included, with `uv run mlcourse rubric`.
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from mlcourse import rubric_checks as checks
from mlcourse import rubric_runs as runs
from mlcourse.data import load_cards
from mlcourse.grading import expect, expect_type
from mlcourse.production import drift_batch
from mlcourse.quality import load_cards_raw
from mlcourse.schemas import CARDS_SCHEMA
from mlcourse.serving import EDGE_CASES
from mlcourse.splits import group_split

SEED = 7  # the graders' own split; your code uses its own seed
TRAIN_ROWS = 600  # training rows for the train_models checks: enough to see the behaviour
# Learner results reused by several checks, kept per graded module.
_CACHE: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


@pytest.fixture(scope="module", autouse=True)
def _one_thread() -> Iterator[None]:
    import sklearn.ensemble  # noqa: F401 (loads OpenMP so the limit applies to it)

    with threadpool_limits(limits=1):  # OpenMP threads fight on a busy machine
        yield


@pytest.fixture(scope="module")
def cards() -> pd.DataFrame:
    return load_cards()


@pytest.fixture(scope="module")
def split(cards) -> tuple[pd.DataFrame, pd.DataFrame]:
    return group_split(cards, test_size=0.2, seed=SEED)


def _once(ex: Any, key: str, call: Any) -> Any:
    """Call the learner once per graded module; later checks reuse the result."""
    cache = _CACHE.setdefault(ex, {})
    if key not in cache:
        cache[key] = call()
    return cache[key]


def _no_problems(problems: list[str] | dict[str, str]) -> None:
    listed = list(problems.values()) if isinstance(problems, dict) else problems
    expect(not listed, " ".join(listed))


# --- 1. Data engineering ---------------------------------------------------------------------


def test_schema_accepts_the_clean_table(ex, cards):
    schema = ex.cards_schema()
    expect(hasattr(schema, "validate"), "cards_schema() should return a pandera DataFrameSchema.")
    try:
        schema.validate(cards, lazy=True)
    except Exception as error:
        expect(False, f"The schema rejects load_cards(), which is clean: {str(error)[:300]}")


@pytest.mark.exercise("cards_schema")
@pytest.mark.parametrize("problem", list(checks.planted_schema_cases(load_cards().iloc[:200])))
def test_schema_rejects_each_planted_problem(ex, cards, problem):
    rejected = _once(ex, "schema", lambda: checks.schema_rejections(ex.cards_schema(), cards))
    expect(
        rejected[problem],
        f"The schema accepts a table with a {problem}. Add the check "
        "that refuses it (a range, `isin`, `unique=[...]`, a pattern).",
    )


def test_quality_report_counts_every_problem(ex):
    _no_problems(checks.quality_count_problems(ex.quality_report(load_cards_raw())))


@pytest.mark.time_limit(60)
def test_clean_data_matches_the_course_table(ex):
    clean = _once(ex, "clean", lambda: ex.load_clean_data(load_cards_raw()))
    _no_problems(checks.clean_table_problems(clean))
    try:
        CARDS_SCHEMA.validate(clean, lazy=True)
    except Exception as error:
        expect(False, f"mlcourse.schemas.CARDS_SCHEMA rejects your clean table: {str(error)[:300]}")


@pytest.mark.time_limit(60)
def test_clean_data_does_not_depend_on_row_order(ex):
    clean = _once(ex, "clean", lambda: ex.load_clean_data(load_cards_raw()))
    shuffled = ex.load_clean_data(load_cards_raw().sample(frac=1.0, random_state=0))
    expect(
        isinstance(shuffled, pd.DataFrame)
        and shuffled.shape == clean.shape
        and pd.util.hash_pandas_object(shuffled).equals(pd.util.hash_pandas_object(clean)),
        "Shuffled raw rows give another clean table. Sort by the raw index (`row_id`) "
        "before keeping the first duplicate, and sort the result by card_id and finish.",
    )


def test_split_keeps_each_card_on_one_side(ex, cards):
    found = checks.split_problems(cards, *ex.split(cards))
    _no_problems(found["groups"] + found["rows"] + found["share"])


def test_split_is_reproducible_with_its_seed(ex, cards):
    first, again = ex.split(cards, 0.2, 3), ex.split(cards, 0.2, 3)
    other = ex.split(cards, 0.2, 4)
    expect(first[1].index.equals(again[1].index), "The same seed gave two different splits.")
    expect(
        not first[1].index.equals(other[1].index),
        "Seeds 3 and 4 gave the same split: pass the seed to the random generator.",
    )


# --- 2. Feature engineering ------------------------------------------------------------------


def test_features_have_one_row_per_card_and_five_columns(ex, split):
    test = split[1]
    features = ex.build_features(test)
    found = checks.feature_table_problems(test, features)
    _no_problems(found["rows"] + found["columns"] + found["leaky"])


@pytest.mark.time_limit(60)
def test_features_ignore_every_price_column(ex, split):
    _no_problems(checks.price_invariance_problems(ex.build_features, split[1].iloc[:400]))


def test_leakage_checks_find_planted_leaks(ex, split):
    test = split[1]
    planted = checks.with_planted_leaks(ex.build_features(test), test)
    found = ex.leakage_checks(planted, test)
    expect_type(found, list, "leakage_checks(...)")
    missed = [name for name in checks.PLANTED_LEAKS if name not in found]
    expect(
        not missed,
        f"leakage_checks missed {missed}: a renamed copy of a price, or a log of "
        "it, leaks as much as the price itself. Check correlations, not names.",
    )


def test_leakage_checks_pass_clean_features(ex, split):
    test = split[1]
    found = ex.leakage_checks(ex.build_features(test), test)
    expect(
        list(found) == [],
        f"leakage_checks flags {list(found)[:5]} among your own features. "
        "Only a near-copy of a price (|Spearman| >= 0.95) leaks.",
    )


def test_pipeline_is_unfitted_with_a_column_transformer(ex):
    pipeline = ex.build_pipeline()
    expect_type(pipeline, Pipeline, "build_pipeline()")
    expect(
        checks.contains_column_transformer(pipeline),
        "The pipeline has no ColumnTransformer: encode numbers and categories in one.",
    )
    with pytest.raises(NotFittedError):
        check_is_fitted(pipeline)


@pytest.mark.time_limit(60)
def test_pipeline_handles_unseen_categories(ex, split):
    train, test = split
    rows = train.iloc[:1500]
    fitted = clone(ex.build_pipeline()).fit(
        ex.build_features(rows), np.log(rows["market_price"].to_numpy())
    )
    predicted = np.asarray(fitted.predict(ex.build_features(checks.unseen_cards(test.iloc[:30]))))
    expect(
        np.isfinite(predicted).all(),
        "Cards of an unseen set and rarity got no finite price: "
        "use handle_unknown in the encoders.",
    )


# --- 3. Model training -----------------------------------------------------------------------


def test_baseline_matches_group_medians(ex, split):
    train, test = split
    got = np.asarray(ex.baseline_predictions(train, test), dtype=float)
    expected = checks.expected_baseline(train, test)
    expect(
        got.shape == expected.shape and np.allclose(got, expected, atol=1e-6),
        "Not the median log price of the training rows of the same rarity and finish (a "
        "missing rarity is its own group; an unseen pair gets the median of all rows).",
    )


_EXPERIMENTS = itertools.count(1)  # one experiment per graded module, in one shared store


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Iterator[dict[str, Any]]:
    """A temporary working folder and SQLite store for train_models."""
    folder = tmp_path_factory.mktemp("mlflow")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLFLOW_DISABLE_TELEMETRY", "true")
        patch.chdir(folder)
        yield {"uri": f"sqlite:///{folder / 'mlflow.db'}"}


def _trained(ex, split, store) -> tuple[dict, list]:
    """Train once per graded module; return the result and the runs of its experiment."""
    rows = split[0].sample(TRAIN_ROWS, random_state=SEED).sort_index()
    experiment = _once(ex, "experiment", lambda: f"graders-{next(_EXPERIMENTS)}")
    result = _once(ex, "train", lambda: ex.train_models(rows, store["uri"], experiment))
    expect_type(result, dict, "train_models(...)")
    expect(
        hasattr(result.get("model"), "predict"),
        "train_models should return the fitted model under 'model'.",
    )
    return result, runs.store_runs(store["uri"], experiment)


@pytest.mark.time_limit(300)
def test_training_logs_four_algorithms_with_metrics(ex, split, store):
    logged = _trained(ex, split, store)[1]
    found = runs.algorithms(logged)
    expect(
        len(found) >= 4,
        f"{len(found)} model families logged ({sorted(found)}); log each "
        "candidate as a run with the param `algorithm`, 4 families at least.",
    )
    _no_problems(runs.run_content_problems(logged))


@pytest.mark.exercise("train_models")
@pytest.mark.time_limit(300)
def test_training_logs_a_tuning_search(ex, split, store):
    _no_problems(runs.tuning_problems(_trained(ex, split, store)[1]))


@pytest.mark.exercise("train_models")
@pytest.mark.time_limit(300)
def test_training_logs_a_loadable_model_with_signature(ex, split, store):
    result = _trained(ex, split, store)[0]
    features = ex.build_features(split[1].iloc[:20])
    _no_problems(
        runs.logged_model_problems(
            store["uri"], result.get("run_id"), [str(c) for c in features.columns]
        )
    )
    _no_problems(runs.reload_problems(store["uri"], result["run_id"], result["model"], features))


# --- 4. Evaluation ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fitted(ex, split) -> Any:
    """A model built with the learner's own pipeline and features (no MLflow needed)."""
    rows = split[0].iloc[:1000]
    return clone(ex.build_pipeline()).fit(
        ex.build_features(rows), np.log(rows["market_price"].to_numpy())
    )


@pytest.mark.exercise("evaluate")
@pytest.mark.time_limit(60)
def test_evaluate_matches_an_independent_computation(ex, split, fitted):
    test = split[1]
    evaluation = ex.evaluate(fitted, test)
    expected = checks.price_metrics(fitted.predict(ex.build_features(test)), test)
    _no_problems(checks.evaluation_problems(evaluation, expected))


@pytest.mark.exercise("evaluate")
@pytest.mark.time_limit(60)
def test_evaluate_reports_error_by_finish(ex, split, fitted):
    test = split[1]
    evaluation = ex.evaluate(fitted, test)
    _no_problems(checks.segment_problems(evaluation, fitted.predict(ex.build_features(test)), test))


@pytest.mark.exercise("plot_errors")
@pytest.mark.time_limit(60)
def test_plot_has_two_panels_with_data(ex, split, fitted):
    _no_problems(checks.figure_problems(ex.plot_errors(fitted, split[1].iloc[:300])))


# --- 5. Deployment ---------------------------------------------------------------------------


def _answers(ex, fitted) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    def probe() -> dict[str, Any]:
        expected = runs.model_prices(fitted, ex.build_features)
        with TestClient(ex.create_app(fitted), raise_server_exceptions=False) as client:
            return {
                "health": client.get("/health").status_code,
                "predict": runs.predict_problems(client, expected[0]),
                "batch": runs.batch_problems(client, expected),
                "edge": runs.edge_case_statuses(client),
            }

    return _once(ex, "api", probe)


@pytest.mark.exercise("create_app")
@pytest.mark.time_limit(60)
def test_api_answers_health_and_predict(ex, fitted):
    answers = _answers(ex, fitted)
    expect(answers["health"] == 200, f"GET /health answered {answers['health']}, not 200.")
    _no_problems(answers["predict"])


@pytest.mark.exercise("create_app")
@pytest.mark.time_limit(60)
def test_api_prices_a_batch_in_order(ex, fitted):
    _no_problems(_answers(ex, fitted)["batch"])


@pytest.mark.exercise("create_app")
@pytest.mark.parametrize("case", list(EDGE_CASES))
@pytest.mark.time_limit(60)
def test_api_answers_each_edge_case_without_a_500(ex, fitted, case):
    statuses = _answers(ex, fitted)["edge"]
    _no_problems(runs.edge_case_problems({case: statuses[case]}))


def test_ab_plan_sample_size_matches_the_formula(ex):
    problems = checks.ab_plan_problems(ex.ab_test_plan())
    _no_problems(problems["sample_size"] + problems["design"])


# --- 6. Monitoring ---------------------------------------------------------------------------


def _flagged(ex, batch: str) -> set[str]:
    return _once(
        ex,
        f"drift {batch}",
        lambda: checks.drifted_columns(
            ex.drift_report(drift_batch("reference"), drift_batch(batch))
        ),
    )


@pytest.mark.exercise("drift_report")
def test_drift_report_is_quiet_on_identical_data(ex):
    found = _flagged(ex, "reference")
    expect(not found, f"On identical batches the report flags {sorted(found)}.")


@pytest.mark.exercise("drift_report")
@pytest.mark.parametrize(
    ("batch", "column"),
    [("sim_cents", "market_price"), ("sim_new_set", "set_id"), ("sim_missing_column", "rarity")],
)
def test_drift_report_flags_each_simulated_incident(ex, batch, column):
    found = _flagged(ex, batch)
    expect(
        column in found,
        f"On `{batch}` the report does not flag `{column}` (it flags "
        f"{sorted(found)}). A new category and a missing column are drift.",
    )


def test_drift_thresholds_are_sensible(ex):
    _no_problems(checks.thresholds_problems(ex.drift_thresholds()))


def test_retraining_schedule_is_complete(ex):
    problems = checks.schedule_problems(ex.retraining_schedule())
    _no_problems(problems["cadence"] + problems["triggers"])
