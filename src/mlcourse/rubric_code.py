"""Rubric items that run the capstone's code: data, features, training, evaluation,
deployment and monitoring. Every item's `rule` is the objective check that awards it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlcourse import rubric_checks as checks
from mlcourse import rubric_runs as runs
from mlcourse.data import load_cards
from mlcourse.production import drift_batch
from mlcourse.quality import load_cards_raw
from mlcourse.rubric_context import TRAIN_LIMIT, Context, Item, RubricError, Verdict, scaled
from mlcourse.rubric_context import verdict as judged
from mlcourse.schemas import CARDS_SCHEMA
from mlcourse.serving import MAX_BATCH
from mlcourse.splits import hidden_split

BASELINE_GAIN = 0.20  # the model must cut the naive baseline's MAE by at least this share
MAE_TARGET = 0.36  # MAE (log) of an untuned gradient boosting on attributes, roughly

# --- shared steps, each run once -------------------------------------------------------------


def cards(ctx: Context) -> pd.DataFrame:
    """The course's clean cards table."""
    return ctx.memo("cards", load_cards)


def held_out(ctx: Context) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The split the capstone is scored on: grouped by card, a seed no exercise tunes on."""
    return ctx.memo("held_out", lambda: hidden_split(cards(ctx)))


def training(ctx: Context) -> dict:
    """`train_models` on the held-out split's training side, into a fresh store."""

    def train() -> dict:
        result = ctx.call(
            "train_models", held_out(ctx)[0].copy(), ctx.tracking_uri, limit=TRAIN_LIMIT
        )
        if not isinstance(result, dict) or not hasattr(result.get("model"), "predict"):
            raise RubricError("train_models should return a dict whose 'model' has .predict")
        return result

    return ctx.memo("training", train)


def test_features(ctx: Context) -> pd.DataFrame:
    """The learner's features of the held-out rows."""
    return ctx.memo("test_features", lambda: ctx.call("build_features", held_out(ctx)[1]))


def predictions(ctx: Context) -> np.ndarray:
    """The trained model's log-price predictions for the held-out rows."""

    def predict() -> np.ndarray:
        values = np.asarray(training(ctx)["model"].predict(test_features(ctx)), dtype=float)
        if values.shape != (len(held_out(ctx)[1]),) or not np.isfinite(values).all():
            raise RubricError("the model's predictions are not one finite log price per row")
        return values

    return ctx.memo("predictions", predict)


def measured(ctx: Context) -> dict[str, float]:
    """The model's and the naive baseline's scores on the held-out rows, as the rubric sees."""

    def measure() -> dict[str, float]:
        train, test = held_out(ctx)
        scores = checks.price_metrics(predictions(ctx), test)
        baseline = checks.price_metrics(checks.expected_baseline(train, test), test)
        scores |= {f"baseline_{k}": v for k, v in baseline.items()}
        ctx.measurements.update(scores)
        return scores

    return ctx.memo("measured", measure)


# --- data engineering ------------------------------------------------------------------------


def schema_accepts(ctx: Context) -> Verdict:
    try:
        ctx.call("cards_schema").validate(cards(ctx), lazy=True)
    except (AttributeError, TypeError) as error:
        return Verdict(0, f"cards_schema() should return a pandera schema ({error})")
    except Exception as error:
        return Verdict(0, f"the schema rejects the clean table: {str(error)[:200]}")
    return Verdict(1)


def schema_rejects(ctx: Context) -> Verdict:
    rejected = checks.schema_rejections(ctx.call("cards_schema"), cards(ctx))
    missed = [f"accepts a {problem}" for problem, ok in rejected.items() if not ok]
    return scaled(3, sum(rejected.values()), len(rejected), missed, floor=3)


def quality_counts(ctx: Context) -> Verdict:
    wrong = checks.quality_count_problems(ctx.call("quality_report", load_cards_raw()))
    return scaled(3, 5 - len(wrong), 5, list(wrong.values()), floor=3)


def clean_table(ctx: Context) -> pd.DataFrame:
    return ctx.memo("clean", lambda: ctx.call("load_clean_data", load_cards_raw()))


def clean_matches(ctx: Context) -> Verdict:
    return judged(2, checks.clean_table_problems(clean_table(ctx)))


def clean_passes_schema(ctx: Context) -> Verdict:
    try:
        CARDS_SCHEMA.validate(clean_table(ctx), lazy=True)
    except Exception as error:
        return Verdict(0, f"mlcourse.schemas.CARDS_SCHEMA rejects it: {str(error)[:200]}")
    return Verdict(1)


def _same(a: object, b: object) -> bool:
    if not isinstance(a, pd.DataFrame) or not isinstance(b, pd.DataFrame):
        return False
    return a.shape == b.shape and pd.util.hash_pandas_object(a).equals(
        pd.util.hash_pandas_object(b)
    )


def clean_reproducible(ctx: Context) -> Verdict:
    again = ctx.call("load_clean_data", load_cards_raw())
    return Verdict(1) if _same(clean_table(ctx), again) else Verdict(0, "two runs differ")


def clean_order_free(ctx: Context) -> Verdict:
    shuffled = load_cards_raw().sample(frac=1.0, random_state=0)
    if _same(clean_table(ctx), ctx.call("load_clean_data", shuffled)):
        return Verdict(1)
    return Verdict(0, "shuffled raw rows give another table: order by row_id, not position")


def split_groups(ctx: Context) -> Verdict:
    found = checks.split_problems(cards(ctx), *ctx.call("split", cards(ctx)))
    return judged(2, found["groups"] + found["rows"])


def split_share(ctx: Context) -> Verdict:
    first, again = ctx.call("split", cards(ctx)), ctx.call("split", cards(ctx))
    problems = checks.split_problems(cards(ctx), *first)["share"]
    if not isinstance(again[1], pd.DataFrame) or not first[1].index.equals(again[1].index):
        problems.append("two calls with the same seed give different splits")
    return judged(1, problems)


# --- feature engineering ---------------------------------------------------------------------


def features_shape(ctx: Context) -> Verdict:
    features = test_features(ctx)
    found = checks.feature_table_problems(held_out(ctx)[1], features)
    if not isinstance(features, pd.DataFrame):
        return Verdict(0, found["rows"][0])
    problems = found["rows"] + found["columns"]
    if not set(features.columns) - set(cards(ctx).columns):
        problems.append("no engineered column: every feature is an input column as it is")
    return Verdict(3 - len(problems), "; ".join(problems))


def features_not_leaky(ctx: Context) -> Verdict:
    return judged(1, checks.feature_table_problems(held_out(ctx)[1], test_features(ctx))["leaky"])


def features_invariant(ctx: Context) -> Verdict:
    sample = held_out(ctx)[1].iloc[:500]
    return judged(2, checks.price_invariance_problems(ctx.function("build_features"), sample))


def leaks_found(ctx: Context) -> Verdict:
    test = held_out(ctx)[1]
    planted = checks.with_planted_leaks(test_features(ctx), test)
    found = set(ctx.call("leakage_checks", planted, test))
    missed = [name for name in checks.PLANTED_LEAKS if name not in found]
    problems = [f"misses the planted leak `{name}`" for name in missed]
    return scaled(2, 3 - len(missed), 3, problems, floor=2)


def clean_features_pass(ctx: Context) -> Verdict:
    test = held_out(ctx)[1]
    flagged = list(ctx.call("leakage_checks", test_features(ctx), test))
    return judged(1, [f"flags your own features {flagged[:5]}"] if flagged else [])


def pipeline_shape(ctx: Context) -> Verdict:
    from sklearn.exceptions import NotFittedError
    from sklearn.pipeline import Pipeline
    from sklearn.utils.validation import check_is_fitted

    pipeline = ctx.call("build_pipeline")
    if not isinstance(pipeline, Pipeline):
        return Verdict(0, f"build_pipeline() returned a {type(pipeline).__name__}, not a Pipeline")
    problems = [] if checks.contains_column_transformer(pipeline) else ["no ColumnTransformer"]
    try:
        check_is_fitted(pipeline)
        problems.append("it is already fitted: fit on training rows only, later")
    except NotFittedError:
        pass
    return judged(2, problems)


def pipeline_unseen(ctx: Context) -> Verdict:
    from sklearn.base import clone

    train, test = held_out(ctx)
    rows = train.iloc[:3000]
    fitted = clone(ctx.call("build_pipeline"))
    fitted.fit(ctx.call("build_features", rows), np.log(rows["market_price"].to_numpy()))
    unseen = ctx.call("build_features", checks.unseen_cards(test.iloc[:50]))
    predicted = np.asarray(fitted.predict(unseen), dtype=float)
    return judged(2, [] if np.isfinite(predicted).all() else ["non-finite predictions"])


# --- training ----------------------------------------------------------------------------------


def baseline_matches(ctx: Context) -> Verdict:
    train, test = held_out(ctx)
    got = np.asarray(ctx.call("baseline_predictions", train, test), dtype=float)
    expected = checks.expected_baseline(train, test)
    if got.shape != expected.shape or not np.allclose(got, expected, atol=1e-6):
        return Verdict(0, "not the median log price of train by rarity and finish")
    return Verdict(2)


def store(ctx: Context) -> list:
    training(ctx)
    return ctx.memo("runs", lambda: runs.store_runs(ctx.tracking_uri))


def four_algorithms(ctx: Context) -> Verdict:
    found = runs.algorithms(store(ctx))
    reason = f"{len(found)} model families logged ({sorted(found)}); 4 needed"
    return Verdict(min(3, max(len(found) - 1, 0)), "" if len(found) >= 4 else reason)


def run_content(ctx: Context) -> Verdict:
    return judged(2, runs.run_content_problems(store(ctx)))


def tuning(ctx: Context) -> Verdict:
    return judged(2, runs.tuning_problems(store(ctx)))


def logged_model(ctx: Context) -> Verdict:
    columns = [str(c) for c in test_features(ctx).columns]
    return judged(
        2, runs.logged_model_problems(ctx.tracking_uri, training(ctx).get("run_id"), columns)
    )


def model_reloads(ctx: Context) -> Verdict:
    result = training(ctx)
    problems = runs.reload_problems(
        ctx.tracking_uri, result.get("run_id"), result["model"], test_features(ctx).iloc[:20]
    )
    return judged(1, problems)


def leak_at_prediction(ctx: Context) -> str:
    """Why the held-out score cannot be trusted ("" if it can): predictions that change when
    the test rows' price columns are shuffled use the price."""

    def check() -> str:
        test = held_out(ctx)[1].copy()
        rng = np.random.default_rng(0)
        for column in checks.LEAKY_COLUMNS:
            test[column] = rng.permutation(test[column].to_numpy())
        shuffled = training(ctx)["model"].predict(ctx.call("build_features", test))
        if np.allclose(np.asarray(shuffled, dtype=float), predictions(ctx)):
            return ""
        return "not credited: the predictions change when the test rows' prices are shuffled"

    return ctx.memo("leak", check)


def beats_baseline(ctx: Context) -> Verdict:
    scores = measured(ctx)
    limit = (1 - BASELINE_GAIN) * scores["baseline_mae_log"]
    if leak := leak_at_prediction(ctx):
        return Verdict(0, leak)
    reason = f"MAE (log) {scores['mae_log']:.3f}, needs <= {limit:.3f}"
    return Verdict(2) if scores["mae_log"] <= limit else Verdict(0, reason)


def mae_target(ctx: Context) -> Verdict:
    mae = measured(ctx)["mae_log"]
    if leak := leak_at_prediction(ctx):
        return Verdict(0, leak)
    return Verdict(1) if mae <= MAE_TARGET else Verdict(0, f"MAE (log) {mae:.3f} > {MAE_TARGET}")


# --- evaluation ----------------------------------------------------------------------------


def evaluation(ctx: Context) -> dict:
    return ctx.memo(
        "evaluation", lambda: ctx.call("evaluate", training(ctx)["model"], held_out(ctx)[1])
    )


def metrics_match(ctx: Context) -> Verdict:
    expected = checks.price_metrics(predictions(ctx), held_out(ctx)[1])
    wrong = checks.evaluation_problems(evaluation(ctx), expected)
    return Verdict(3 - len(wrong), "; ".join(wrong.values()))


def segments_match(ctx: Context) -> Verdict:
    return judged(2, checks.segment_problems(evaluation(ctx), predictions(ctx), held_out(ctx)[1]))


def plot(ctx: Context) -> Verdict:
    figure = ctx.call("plot_errors", training(ctx)["model"], held_out(ctx)[1].iloc[:600])
    return judged(2, checks.figure_problems(figure))


# --- deployment ----------------------------------------------------------------------------


def api(ctx: Context) -> dict:
    """Every answer of the learner's app, collected in one TestClient session."""

    def probe() -> dict:
        from fastapi.testclient import TestClient

        model = training(ctx)["model"]
        expected = runs.model_prices(model, ctx.function("build_features"))
        app = ctx.call("create_app", model)
        with TestClient(app, raise_server_exceptions=False) as client:
            return {
                "health": client.get("/health").status_code,
                "predict": runs.predict_problems(client, expected[0]),
                "batch": runs.batch_problems(client, expected),
                "edge": runs.edge_case_statuses(client),
                "oversized": runs.oversized_problems(client),
                "docs": runs.docs_problems(client),
                "speed": runs.speed_problems(client),
            }

    return ctx.memo("api", probe)


def answered(key: str, points: int):  # noqa: ANN201 (returns a check)
    def check(ctx: Context) -> Verdict:
        return judged(points, api(ctx)[key])

    return check


def health(ctx: Context) -> Verdict:
    status = api(ctx)["health"]
    return Verdict(1) if status == 200 else Verdict(0, f"GET /health answered {status}")


def validation(ctx: Context) -> Verdict:
    statuses = api(ctx)["edge"]
    wrong = [
        f"`{n}` answered {statuses[n]}, expected 422"
        for n in runs.VALIDATION_CASES
        if statuses[n] != 422
    ]
    return scaled(2, 3 - len(wrong), 3, wrong, floor=2)


def edge_cases(ctx: Context) -> Verdict:
    wrong = runs.edge_case_problems(api(ctx)["edge"])
    n = len(api(ctx)["edge"])
    points = 3 if not wrong else 2 if len(wrong) <= 2 else 1 if len(wrong) <= 4 else 0
    return Verdict(
        points, "; ".join(wrong.values()) + (f" ({n - len(wrong)}/{n} right)" if wrong else "")
    )


def ab_sample_size(ctx: Context) -> Verdict:
    return judged(1, checks.ab_plan_problems(ctx.call("ab_test_plan"))["sample_size"])


def ab_design(ctx: Context) -> Verdict:
    return judged(1, checks.ab_plan_problems(ctx.call("ab_test_plan"))["design"])


# --- monitoring ----------------------------------------------------------------------------


def flagged(ctx: Context, batch: str) -> set[str]:
    return ctx.memo(
        f"drift {batch}",
        lambda: checks.drifted_columns(
            ctx.call("drift_report", drift_batch("reference"), drift_batch(batch))
        ),
    )


def drift_quiet(ctx: Context) -> Verdict:
    found = flagged(ctx, "reference")
    return Verdict(1) if not found else Verdict(0, f"flags {sorted(found)} on identical data")


def drift_catches(column: str, batch: str):  # noqa: ANN201 (returns a check)
    def check(ctx: Context) -> Verdict:
        found = flagged(ctx, batch)
        return Verdict(1) if column in found else Verdict(0, f"`{column}` not flagged ({batch})")

    return check


def thresholds(ctx: Context) -> Verdict:
    return judged(1, checks.thresholds_problems(ctx.call("drift_thresholds")))


def schedule(ctx: Context) -> Verdict:
    problems = checks.schedule_problems(ctx.call("retraining_schedule"))
    lost = problems["cadence"] + problems["triggers"]
    return Verdict(2 - bool(problems["cadence"]) - bool(problems["triggers"]), "; ".join(lost))


DATA, FEATURES, TRAINING, EVALUATION = (
    "Data engineering",
    "Feature engineering",
    "Model training",
    "Evaluation",
)
DEPLOYMENT, MONITORING = "Deployment", "Monitoring"

ITEMS: list[Item] = [
    Item(DATA, 1, "cards_schema() accepts load_cards() (lazy validation passes)", schema_accepts),
    Item(
        DATA,
        3,
        "the schema rejects each of 5 planted rows: negative price, unknown finish, "
        "duplicated card x finish, blank name, release in 2099 (3 for 5, 2 for 4, 1 for 3)",
        schema_rejects,
    ),
    Item(
        DATA,
        3,
        "quality_report(load_cards_raw()) counts each of the 5 problems within 10% of "
        "the answer key (3 for 5, 2 for 4, 1 for 3)",
        quality_counts,
    ),
    Item(
        DATA,
        2,
        "load_clean_data(raw) keeps >= 98% of the clean card x finish rows, prices "
        "equal to the cent for >= 99.5%, no duplicate",
        clean_matches,
    ),
    Item(DATA, 1, "load_clean_data(raw) passes mlcourse.schemas.CARDS_SCHEMA", clean_passes_schema),
    Item(DATA, 1, "load_clean_data(raw) twice gives identical tables", clean_reproducible),
    Item(DATA, 1, "shuffled raw rows give the same clean table", clean_order_free),
    Item(
        DATA, 2, "split(cards): no card on both sides, every row on exactly one side", split_groups
    ),
    Item(DATA, 1, "split: 10-35% of cards in test, same seed -> same split", split_share),
    Item(
        FEATURES,
        3,
        "build_features: one row per input row with its index (1), >= 5 columns "
        "(1), at least one engineered column (1)",
        features_shape,
    ),
    Item(
        FEATURES,
        1,
        "no feature column is named market_price, low_price, high_price or prev_market_price",
        features_not_leaky,
    ),
    Item(
        FEATURES,
        2,
        "features unchanged when the 4 price columns are shuffled or dropped",
        features_invariant,
    ),
    Item(
        FEATURES,
        2,
        "leakage_checks names 3 planted leaks (a renamed low_price, "
        "log(prev_market_price), high_price); 1 point for 2",
        leaks_found,
    ),
    Item(FEATURES, 1, "leakage_checks flags none of your own features", clean_features_pass),
    Item(
        FEATURES,
        2,
        "build_pipeline() is an unfitted sklearn Pipeline with a ColumnTransformer",
        pipeline_shape,
    ),
    Item(
        FEATURES,
        2,
        "the pipeline fits on 3,000 training rows and predicts finite values for "
        "cards of an unseen set and rarity",
        pipeline_unseen,
    ),
    Item(
        TRAINING,
        2,
        "baseline_predictions = median log price by rarity and finish (1e-6)",
        baseline_matches,
    ),
    Item(
        TRAINING,
        3,
        "train_models logs >= 4 model families (param `algorithm`, baselines not "
        "counted; 2 for 3, 1 for 2)",
        four_algorithms,
    ),
    Item(TRAINING, 2, "every run has params and metrics; some metric is an MAE", run_content),
    Item(
        TRAINING, 2, "tuning: one run has >= 5 child runs with distinct params and a metric", tuning
    ),
    Item(
        TRAINING,
        2,
        "the final run's model has a signature over the features and pins "
        "scikit-learn in requirements.txt",
        logged_model,
    ),
    Item(
        TRAINING,
        1,
        "runs:/<run_id>/model loads and predicts like the returned model",
        model_reloads,
    ),
    Item(
        TRAINING,
        2,
        f"held-out MAE (log) <= {1 - BASELINE_GAIN:.0%} of the naive baseline's, with "
        "predictions unchanged when the test rows' prices are shuffled (no leak)",
        beats_baseline,
    ),
    Item(
        TRAINING,
        1,
        f"held-out MAE (log) <= {MAE_TARGET}, with the same no-leak condition",
        mae_target,
    ),
    Item(
        EVALUATION,
        3,
        "evaluate() reports mae_log, rmse_log, within_25 as the rubric computes them (1 each)",
        metrics_match,
    ),
    Item(EVALUATION, 2, "evaluate()['segments'] has the MAE (log) of every finish", segments_match),
    Item(EVALUATION, 2, "plot_errors() returns a Figure with >= 2 panels of data", plot),
    Item(DEPLOYMENT, 1, "GET /health answers 200", health),
    Item(
        DEPLOYMENT,
        2,
        "POST /predict prices the example card: 200, 'price' within 2% of the model's",
        answered("predict", 2),
    ),
    Item(
        DEPLOYMENT,
        2,
        "POST /predict/batch prices 3 cards in order, each within 2% of the model's",
        answered("batch", 2),
    ),
    Item(
        DEPLOYMENT,
        2,
        "extra field, missing field, wrong type each answered 422 (1 for 2)",
        validation,
    ),
    Item(
        DEPLOYMENT,
        3,
        "the 10 named edge cases: 4xx for bad input, 200 for a Unicode name, "
        "never 5xx (3 for 10, 2 for 8, 1 for 6)",
        edge_cases,
    ),
    Item(
        DEPLOYMENT,
        1,
        f"a batch of {MAX_BATCH + 1} cards gets 413 naming the limit",
        answered("oversized", 1),
    ),
    Item(DEPLOYMENT, 1, "/openapi.json documents /predict and /predict/batch", answered("docs", 1)),
    Item(
        DEPLOYMENT,
        1,
        f"{runs.SPEED_REQUESTS} /predict calls take under "
        f"{runs.SPEED_SECONDS:g} s in total (the model is not loaded per request)",
        answered("speed", 1),
    ),
    Item(
        DEPLOYMENT,
        1,
        "ab_test_plan(): sample size >= 95% of the two-proportion formula, "
        "alpha <= 0.05, power >= 0.8",
        ab_sample_size,
    ),
    Item(
        DEPLOYMENT,
        1,
        "ab_test_plan(): a unit, a guardrail, >= 7 days and enough traffic",
        ab_design,
    ),
    Item(MONITORING, 1, "drift_report(reference, reference) flags nothing", drift_quiet),
    Item(
        MONITORING,
        1,
        "drift_report flags market_price for prices sent in cents",
        drift_catches("market_price", "sim_cents"),
    ),
    Item(
        MONITORING,
        1,
        "drift_report flags set_id when a new set arrives",
        drift_catches("set_id", "sim_new_set"),
    ),
    Item(
        MONITORING,
        1,
        "drift_report flags rarity when the column goes missing",
        drift_catches("rarity", "sim_missing_column"),
    ),
    Item(
        MONITORING, 1, "drift_thresholds(): positive numbers with a drift level 0.1-0.5", thresholds
    ),
    Item(
        MONITORING,
        2,
        "retraining_schedule(): cadence 1-30 days (1); >= 2 triggers and a "
        "max_mae_increase gate (1)",
        schedule,
    ),
]
