import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")

with app.setup:
    import subprocess
    import sys

    import marimo as mo
    import numpy as np
    import pandas as pd

    from mlcourse import rubric_checks, rubric_docs
    from mlcourse.checks import attempt, check_panel, exercise_module, watch_exercises
    from mlcourse.data import load_cards
    from mlcourse.loading import current_target
    from mlcourse.paths import project_root
    from mlcourse.production import BATCH_NAMES, drift_batch
    from mlcourse.quality import load_cards_raw
    from mlcourse.serving import EDGE_CASES, EXAMPLE_CARD

    SEED = 42  # the seed of your split, as in exercises_08.py
    QUICK_FIT_ROWS = 3_000  # training rows for the quick fit (a few seconds)
    TRACKING_URI = f"sqlite:///{project_root() / 'mlflow.db'}"  # the course store, git-ignored
    ARTIFACTS = project_root() / "mlruns"  # where the store keeps models, beside the database
    DOCUMENTS = (
        "business_analysis.md",
        "model_card.md",
        "runbook_drift.md",
        "runbook_incident.md",
        "pr_description.md",
        "README.md",
        "review_checklist.md",
    )
    FLOOR_MEAN = 0.106  # mean |log change| of a price between the two weekly snapshots
    JSON_HEADERS = {"content-type": "application/json"}  # what a JSON client sends


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    # Capstone: PokeMarket card price prediction

    PokeMarket wants a suggested price on every new listing. In this capstone you build the
    whole system, from the raw export to a monitored API, in your own
    `exercises/exercises_08.py`, and explain it in the documents of `exercises/capstone/`.
    This notebook walks through it stage by stage, on *your* code: every cell below calls your
    functions, and shows "not attempted yet" for the ones you have not written.

    **What you will be able to do**

    - turn a business question into success metrics, an ROI and a pitch;
    - build a validated, reproducible data pipeline and a split that cannot leak;
    - engineer features a listing really has, and prove none of them leaks the price;
    - compare four model families fairly, tune one, and track every run in MLflow;
    - evaluate honestly against a baseline and the market's own noise floor, by segment;
    - serve the model behind an API that refuses bad input, and plan the A/B test;
    - monitor drift, write runbooks, and decide when to retrain.

    **Time:** about 10 hours: this notebook is the map, the work is in the exercise file and
    the documents. **Score:** `uv run mlcourse rubric` grades the capstone out of 100 against
    `CAPSTONE_RUBRIC.md`, every point with its objective check (last section).
    """)
    return


@app.cell
def _():
    exercise_file = watch_exercises("08")
    return (exercise_file,)


@app.cell
def _(exercise_file):
    ex = exercise_module("08", exercise_file)  # re-loads whenever you save the file
    mo.md(
        f"Your capstone, `{current_target()}/exercises_08.py`, is loaded. Cells that call "
        "your functions re-run whenever you save it."
    )
    return (ex,)


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## 1. The business case and your documents

    Start where the team starts: the problem, the metrics that decide success, what it is
    worth. The templates in `exercises/capstone/` hold the headings the rubric reads and, in
    HTML comments, what belongs under each; the comments count for nothing. The reference
    documents are in `solutions/capstone/`.

    | document | what it answers |
    | --- | --- |
    | `business_analysis.md` | problem, success metrics (model, business, user), ROI, pitch |
    | `model_card.md` | intended use, data, features (a table), evaluation, limitations, impact |
    | `runbook_drift.md`, `runbook_incident.md` | what the person on call does, step by step |
    | `pr_description.md`, `README.md`, `review_checklist.md` | how the work is reviewed and run |

    The table below reads your documents the way the rubric does: how many words each
    section really has once the guidance comments are gone.
    """)
    return


@app.function
def document_status(folder_name: str) -> pd.DataFrame:
    """Words per section of each capstone document, guidance comments left out."""
    folder = project_root() / folder_name / "capstone"
    rows = []
    for name in DOCUMENTS:
        path = folder / name
        doc = rubric_docs.parse(name, path.read_text("utf-8") if path.is_file() else "")
        for heading, body in doc.sections.items():
            rows.append(
                {
                    "document": name,
                    "section": heading,
                    "words": rubric_docs.words(body),
                    "numbers": len(rubric_docs.numbers(body)),
                }
            )
    return pd.DataFrame(rows, columns=["document", "section", "words", "numbers"])


@app.cell
def _(exercise_file):
    _ = exercise_file  # re-read the documents whenever the exercise file is saved, too
    document_status(current_target())
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## 2. Data engineering

    The raw export (`load_cards_raw()`) carries five planted problems (module 01). Your
    `quality_report` should find each of them from the data alone; the answer key says how
    many rows each one has.
    """)
    return


@app.cell
def _(ex):
    raw = load_cards_raw()
    _found = attempt(ex.quality_report, raw)
    _expected = rubric_checks.expected_quality_counts()
    _found.view(
        lambda found: pd.DataFrame(
            {"your count": pd.Series(found), "answer key": pd.Series(_expected)}
        )
    )
    return (raw,)


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    `load_clean_data` turns that export into the modelling table and validates it with your
    `cards_schema`. The check below compares it with the course's clean `load_cards()`: the
    rows it keeps and the prices it reads.
    """)
    return


@app.cell
def _(ex, raw):
    clean = attempt(ex.load_clean_data, raw)
    _problems = rubric_checks.clean_table_problems(clean.value) if clean.ok else []
    mo.vstack(
        [
            clean.view(
                lambda table: mo.md(
                    f"Your clean table: **{len(table):,} rows**, {table.shape[1]} columns."
                )
            ),
            *(mo.callout(mo.md(p), kind="warn") for p in _problems),
        ]
    )
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    Your schema against five rows it must refuse. A schema that accepts any of them lets
    that problem through to the model.
    """)
    return


@app.cell
def _(ex):
    cards = load_cards()
    _schema = attempt(ex.cards_schema)
    _schema.view(
        lambda schema: pd.Series(
            rubric_checks.schema_rejections(schema, cards), name="rejected"
        ).to_frame()
    )
    return (cards,)


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    **Try it:** move the slider to change the share of cards in your test side. Watch the
    two numbers that must not move: cards on both sides (always 0) and rows lost (always 0).
    """)
    return


@app.cell
def _():
    test_share = mo.ui.slider(0.1, 0.35, step=0.05, value=0.2, label="test share of cards")
    test_share
    return (test_share,)


@app.cell
def _(cards, ex, test_share):
    split_attempt = attempt(ex.split, cards, test_share.value, SEED)

    def _summary(parts: tuple[pd.DataFrame, pd.DataFrame]) -> pd.DataFrame:
        train_, test_ = parts
        return pd.DataFrame(
            {
                "rows": [len(train_), len(test_)],
                "cards": [train_["card_id"].nunique(), test_["card_id"].nunique()],
                "cards on both sides": [len(set(train_["card_id"]) & set(test_["card_id"]))] * 2,
                "rows lost": [len(cards) - len(train_) - len(test_)] * 2,
            },
            index=["train", "test"],
        )

    split_attempt.view(_summary)
    return (split_attempt,)


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## 3. Feature engineering

    `build_features` may use only what a listing carries. The first rows of your feature
    table, then the leakage check: three leaking columns are planted next to your features
    (a renamed `low_price`, the log of last week's price, `high_price`), and your
    `leakage_checks` should name exactly those.
    """)
    return


@app.cell
def _(cards, ex):
    sample = cards.sample(400, random_state=SEED)
    features = attempt(ex.build_features, sample)
    features.view(lambda table: table.head(8))
    return features, sample


@app.cell
def _(ex, features, sample):
    mo.stop(not features.ok, mo.md("*Write `build_features` first.*"))
    _planted = rubric_checks.with_planted_leaks(features.value, sample)
    attempt(ex.leakage_checks, _planted, sample).view(
        lambda found: mo.md(f"Flagged: `{found}`; planted: `{list(rubric_checks.PLANTED_LEAKS)}`")
    )
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## 4. Baseline and a first model

    The naive baseline predicts the median log price of a card's rarity and finish. Your
    pipeline has to beat it clearly on cards it has never seen. A full training (four
    families, tuning, MLflow) takes a minute or two, so both fits here wait for a click. The
    quick fit trains `build_pipeline()` on a sample of your training side.
    """)
    return


@app.cell
def _(ex, split_attempt):
    train, test = split_attempt.value if split_attempt.ok else (None, None)
    if train is None:
        _shown = mo.md("*Write `split` first: the baseline and the models need its two sides.*")
    else:
        _shown = attempt(ex.baseline_predictions, train, test).view(
            lambda predicted: mo.md(
                "Naive baseline on your test side: MAE "
                f"**{rubric_checks.price_metrics(predicted, test)['mae_log']:.3f}** in log price."
            )
        )
    _shown
    return test, train


@app.cell
def _():
    quick_fit = mo.ui.run_button(label=f"Quick fit: build_pipeline() on {QUICK_FIT_ROWS:,} rows")
    full_training = mo.ui.run_button(label="Full training: train_models (logs to mlflow.db)")
    mo.hstack([quick_fit, full_training], justify="start")
    return full_training, quick_fit


@app.function
def fit_quickly(ex: object, rows: pd.DataFrame) -> object:
    """Your `build_pipeline()` fitted on `rows` with your features, against log price."""
    return ex.build_pipeline().fit(ex.build_features(rows), np.log(rows["market_price"]))


@app.function
def train_into_course_store(ex: object, train: pd.DataFrame) -> object:
    """Your `train_models` on `train`, logging into the course's MLflow store."""
    import mlflow  # imported on demand: it takes a few seconds

    experiment = getattr(ex, "EXPERIMENT", "pokemarket-capstone")
    client = mlflow.MlflowClient(tracking_uri=TRACKING_URI)
    if client.get_experiment_by_name(experiment) is None:
        client.create_experiment(experiment, ARTIFACTS.as_uri())  # models beside the database
    return ex.train_models(train, TRACKING_URI)["model"]


@app.cell
def _(ex, full_training, quick_fit, train):
    if train is None:
        trained = None
    elif full_training.value:
        trained = attempt(train_into_course_store, ex, train)
    elif quick_fit.value:
        trained = attempt(fit_quickly, ex, train.sample(QUICK_FIT_ROWS, random_state=SEED))
    else:
        trained = None
    model = trained.value if trained is not None and trained.ok else None
    if trained is None:
        _shown = mo.md("*No model yet: click a button above. Sections 5 and 6 use it.*")
    else:
        _shown = trained.view(lambda fitted: mo.md(f"Model ready: `{type(fitted).__name__}`."))
    _shown
    return (model,)


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## 5. Evaluation

    Your `evaluate` on your test side, next to the two yardsticks: the naive baseline and the
    week-over-week floor (mean |log change| of a price between two weekly snapshots, about
    0.106). No attribute model reaches the floor: it has no price history of the card.
    """)
    return


@app.cell
def _(ex, model, test):
    evaluation = None if model is None else attempt(ex.evaluate, model, test)

    def _headline(scores: dict) -> object:
        table = pd.Series({k: v for k, v in scores.items() if isinstance(v, float)}).round(3)
        ratio = scores["mae_log"] / FLOOR_MEAN
        return mo.vstack(
            [
                table.to_frame("your model"),
                mo.md(f"Floor: {FLOOR_MEAN}. Your MAE is {ratio:.1f} times the floor."),
            ]
        )

    if evaluation is None:
        _shown = mo.md("*Train a model in section 4 to evaluate it.*")
    else:
        _shown = evaluation.view(_headline)
    _shown
    return (evaluation,)


@app.cell
def _(evaluation):
    mo.stop(evaluation is None or not evaluation.ok)
    evaluation.value["segments"].sort_values("mae_log", ascending=False).head(12)
    return


@app.cell
def _(ex, model, test):
    mo.stop(model is None)
    attempt(ex.plot_errors, model, test).view()
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## 6. Deployment

    Your app, in-process through FastAPI's `TestClient` (no server, no port): the example
    card, then the ten named edge cases of module 05. **Try it:** pick an edge case and read
    the answer; every bad request should get a 4xx with a message naming the field, never a
    500.
    """)
    return


@app.cell
def _():
    edge_case = mo.ui.dropdown(list(EDGE_CASES), value="extra_field", label="edge case")
    edge_case
    return (edge_case,)


@app.cell
def _(edge_case, ex, model):
    from fastapi.testclient import TestClient

    def _answers(app) -> pd.DataFrame:
        case = EDGE_CASES[edge_case.value]
        with TestClient(app, raise_server_exceptions=False) as client:
            good = client.post("/predict", json=EXAMPLE_CARD)
            bad = client.post(case.path, content=case.body.encode("utf-8"), headers=JSON_HEADERS)
        return pd.DataFrame(
            {
                "status": [good.status_code, bad.status_code],
                "expected": [200, case.status],
                "answer": [good.text[:200], bad.text[:200]],
            },
            index=["example card", edge_case.value],
        )

    mo.stop(model is None, mo.md("*Train a model in section 4 to serve it.*"))
    attempt(ex.create_app, model).view(_answers)
    return


@app.cell
def _(ex):
    attempt(ex.ab_test_plan).view(lambda plan: pd.Series(plan, dtype=object).to_frame("plan"))
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## 7. Monitoring

    Your `drift_report` on the course's batches: the **real** 2025-03-01 prices against the
    2025-02-22 reference, and three **simulated** incidents (prices in cents, a missing
    column, a new set). **Try it:** pick a batch and check that the right column is flagged,
    and that the real week is not.
    """)
    return


@app.cell
def _():
    batch_name = mo.ui.dropdown(list(BATCH_NAMES), value="sim_cents", label="batch")
    batch_name
    return (batch_name,)


@app.cell
def _(batch_name, ex):
    attempt(ex.drift_report, drift_batch("reference"), drift_batch(batch_name.value)).view()
    return


@app.cell
def _(ex):
    mo.hstack([attempt(ex.drift_thresholds).view(), attempt(ex.retraining_schedule).view()])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Your checks

    The panel runs the same checks as `uv run pytest exercises/test_exercises_08.py`: each
    function on its own, training on a small sample into a temporary MLflow store (so it takes
    half a minute once everything is written). It re-runs whenever you save.
    """)
    return


@app.cell
def _(ex):
    check_panel(ex)  # re-runs whenever `ex` is re-loaded, i.e. when you save
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Run the rubric

    The graders check each function; the rubric scores the whole capstone out of 100: it
    trains your model into a fresh temporary MLflow store, measures it on a held-out split
    grouped by card, probes your API, runs your drift report on the incident batches, and
    reads your documents. Every lost point comes with its reason. From the course folder:

    ```bash
    uv run mlcourse rubric              # your capstone; writes capstone_report.json
    uv run mlcourse rubric --solutions  # the reference, for comparison
    ```

    Bands: 90+ hire-ready, 80-89 ready for a junior role, 70-79 needs practice, 60-69
    review weak areas, below 60 redo the modules it points to. Or run it from here (a minute
    or two):
    """)
    return


@app.cell
def _():
    run_rubric = mo.ui.run_button(label="Run the rubric on this capstone")
    run_rubric
    return (run_rubric,)


@app.cell
def _(run_rubric):
    mo.stop(not run_rubric.value, mo.md("*The rubric runs when you click.*"))
    _target = ["--solutions"] if current_target() == "solutions" else []
    _done = subprocess.run(
        [sys.executable, "-m", "mlcourse.cli", "rubric", *_target],
        cwd=project_root(),
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    mo.md(f"```\n{_done.stdout[-6000:] or _done.stderr[-3000:]}\n```")
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Reflection

    1. Your model is several times the week-over-week floor. Which single piece of
       information, available at listing time on a real marketplace, would close most of
       that gap, and what would it cost PokeMarket to collect it?
    2. The rubric measures on a split you never tuned on. Where in your own process did you
       look at test numbers before deciding something, and how much could that have flattered
       your result?
    3. Which segment has your largest error, and what would you tell a seller listing a card
       of that segment?
    4. Your drift report flags a new set on release day. Should the API still answer for
       those cards? Argue both sides, then decide.
    5. If the A/B test shows no effect on sell-through, which of your documents changes, and
       what do you recommend?
    """)
    return


if __name__ == "__main__":
    app.run()
