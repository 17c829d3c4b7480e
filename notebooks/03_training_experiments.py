import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")

with app.setup:
    import os

    import marimo as mo
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    from sklearn.model_selection import GroupKFold, KFold, TimeSeriesSplit, cross_val_score
    from sklearn.tree import DecisionTreeRegressor
    from threadpoolctl import threadpool_limits

    from mlcourse.checks import attempt, check_panel, exercise_module, watch_exercises
    from mlcourse.data import load_cards
    from mlcourse.loading import current_target
    from mlcourse.models import card_features, price_pipeline
    from mlcourse.paths import project_root
    from mlcourse.splits import group_split

    SEED = 42  # feeds every random_state and random draw in this notebook
    TEST_SIZE = 0.2  # share of cards held out as the final test
    CV_FOLDS = 4  # folds of the strategy comparison
    TUNING_FOLDS = 3  # group folds behind each evaluation of the live search
    GRID = {"max_depth": [4, 8, 12, 16], "log2_min_leaf": [0.0, 2.0, 4.0]}  # 12 evaluations
    SPACE = {"max_depth": (2.0, 20.0), "log2_min_leaf": (0.0, 7.0)}  # leaf size 1 to 128
    EXPERIMENT = "module-03-training"  # MLflow experiment the button logs to
    # The course store, unless MLFLOW_TRACKING_URI points at a tracking server.
    COURSE_STORE = f"sqlite:///{project_root() / 'mlflow.db'}"  # git-ignored, in the course folder
    TRACKING_URI = os.environ.get("MLFLOW_TRACKING_URI", COURSE_STORE)
    # One thread per model: on a busy machine OpenMP's threads can make a fit 100x slower.
    _threads = threadpool_limits(limits=1)


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    # Model training and experimentation

    Module 02 built features that do not leak. Now PokeMarket needs a model, and a claim like
    "gradient boosting prices cards within 45%" needs evidence: better than what, measured
    how, tuned on what, reproducible by whom? This module builds that evidence.

    **What you will be able to do**

    - set up five baselines before any real model, and say what each one proves;
    - compare model families (Ridge, random forest, gradient boosting) on one fixed split;
    - choose the cross-validation strategy (k-fold, group, time) that matches how the model
      will be used, and see how much the choice moves the score;
    - tune with grid, random and Bayesian-style search within a fixed budget;
    - diagnose overfitting from learning curves, and fix it;
    - record runs in MLflow (params, metrics, a model with a signature) and compare them.

    **Time:** about 5 hours: 1.5 for this notebook, 3.5 for the exercises in
    `exercises/exercises_03.py`.
    """)
    return


@app.cell
def _():
    exercise_file = watch_exercises("03")
    return (exercise_file,)


@app.cell
def _(exercise_file):
    ex = exercise_module("03", exercise_file)  # re-loads whenever you save the file
    mo.md(f"Your exercise module, `{current_target()}/exercises_03.py`, is loaded. Cells that "
          "call your functions re-run whenever you save it.")
    return (ex,)


@app.cell
def _():
    train, test = group_split(load_cards(), test_size=TEST_SIZE, seed=SEED)
    mo.md(f"""
    ## One split, fixed before anything is trained

    Every test score below uses one split: 20% of the *cards* held out (all finishes of a card
    on one side), **{len(train):,}** training rows and **{len(test):,}** test rows. The target
    is the log market price, the inputs `mlcourse.models.card_features`, the score the mean
    absolute error (MAE) in log price: 0.35 means prices off by a factor of e^0.35, ~42%.
    """)
    return test, train


@app.function
def score_chart(scores: dict[str, float], title: str) -> plt.Axes:
    """Horizontal bars of MAE in log price, each labelled with its typical relative error."""
    _fig, ax = plt.subplots(figsize=(7, 0.4 * len(scores) + 0.8))
    bars = ax.barh(list(scores), list(scores.values()), color="#5b8bd0")
    ax.bar_label(bars, labels=[f"{v:.3f} (~{np.expm1(v):.0%})" for v in scores.values()],
                 padding=3)
    ax.invert_yaxis()
    ax.set_xlim(0, max(scores.values()) * 1.35)
    ax.set_xlabel("test MAE, log price (typical error in brackets)")
    ax.set_title(title)
    return ax


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Baselines first

    A score means nothing alone. Five baselines show what the data gives away for free: the
    **global median** (the best constant for MAE; the mean is dragged up by $1,000 cards), the
    **median by rarity** (a collector's rule of thumb), a **linear** model, **k nearest
    neighbours** and a **shallow tree** (depth 4: at most 16 prices). Your `baseline_scores`
    (exercise 1) should give about 1.38, 0.77, 0.50, 0.46 and 0.57.
    """)
    return


@app.cell
def _(ex, test, train):
    baselines = attempt(ex.baseline_scores, train, test)
    baselines.view(lambda s: score_chart(s, "Your baselines"))
    return (baselines,)


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    The rarity rule halves the constant's error; plain models halve it again. A real model
    must beat **kNN at about 0.46**, not the constant, to be worth its cost.

    ## A model zoo

    Your `model_zoo` (exercise 2) fits `Ridge` (linear, shrunk), `RandomForestRegressor` (deep
    trees, averaged) and `HistGradientBoostingRegressor` (shallow trees, each correcting the
    last) on the same split, shown next to your baselines.
    """)
    return


@app.cell
def _(baselines, ex, test, train):
    zoo = attempt(ex.model_zoo, train, test, SEED)
    _both = (baselines.value if baselines.ok else {}) | (
        {name: mae for name, (_, mae) in zoo.value.items()} if zoo.ok else {})
    zoo.view(lambda _: score_chart(_both, "Baselines and the model zoo"))
    return (zoo,)


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    Tree ensembles win because price depends on *combinations* (an old holofoil is not a new
    one) that a linear model cannot represent without hand-made interaction features.

    /// details | XGBoost and LightGBM are drop-ins
    Both follow scikit-learn's `fit`/`predict` interface: after `uv add xgboost`,
    `price_pipeline(SEED).set_params(model=XGBRegressor(n_estimators=300))` is the whole
    change (`LGBMRegressor` likewise). On 10,000 rows they land close to
    `HistGradientBoostingRegressor`, which borrowed LightGBM's histograms; they earn their
    place on millions of rows, on GPUs, or for extras such as monotonic constraints.
    ///

    ## Cross-validation: the folds must ask your question

    Cross-validation repeats the fit on several splits; *how* it splits decides which
    question the score answers:

    | strategy | validation rows are | answers |
    | --- | --- | --- |
    | k-fold | random rows | "a card we have seen, in another finish" |
    | group (by `card_id`) | cards never trained on | "a new card from a known set" |
    | time (by release date) | sets released later | "the next set, when it comes out" |

    Each strategy below scores the same quick gradient-boosting model on the training rows
    (computed once, then cached).
    """)
    return


@app.function
def notebook_folds(rows: pd.DataFrame, strategy: str, n_splits: int) -> list:
    """The notebook's own folds for each strategy (exercise 3 asks you for yours)."""
    if strategy == "kfold":
        return list(KFold(n_splits, shuffle=True, random_state=SEED).split(rows))
    if strategy == "group":
        return list(GroupKFold(n_splits).split(rows, groups=rows["card_id"]))
    dates = np.sort(rows["set_release_date"].unique())
    row_dates = rows["set_release_date"].to_numpy()
    return [(np.flatnonzero(np.isin(row_dates, dates[a])),
             np.flatnonzero(np.isin(row_dates, dates[b])))
            for a, b in TimeSeriesSplit(n_splits).split(dates)]


@app.function
@mo.cache
def cv_by_strategy(strategy: str) -> np.ndarray:
    """Validation MAE per fold of a quick gradient-boosting model on the training rows."""
    rows = group_split(load_cards(), test_size=TEST_SIZE, seed=SEED)[0]
    model = price_pipeline(SEED, max_iter=60, learning_rate=0.25)
    folds = notebook_folds(rows, strategy, CV_FOLDS)
    return -cross_val_score(model, card_features(rows), np.log(rows["market_price"]), cv=folds,
                            scoring="neg_mean_absolute_error")


@app.cell
def _():
    cv_scores = {strategy: cv_by_strategy(strategy) for strategy in ("kfold", "group", "time")}
    _fig, _ax = plt.subplots(figsize=(7, 2.6))
    for _i, (_name, _scores) in enumerate(cv_scores.items()):
        _ax.scatter(_scores, [_i] * len(_scores), color="#5b8bd0")
        _ax.plot([_scores.mean()] * 2, [_i - 0.3, _i + 0.3], color="black")
    _ax.set_yticks(range(3), [f"{k}\nmean {v.mean():.3f}" for k, v in cv_scores.items()])
    _ax.set_xlabel("validation MAE per fold (bar: mean)")
    _ax
    return


@app.cell
def _():
    fold_strategy = mo.ui.dropdown(["kfold", "group", "time"], value="time",
                                   label="Strategy of your folds")
    mo.vstack([mo.md("""
    k-fold and group agree to about 0.01: a card's finishes differ enough in price that one
    tells the model little about another. Time folds are twice as bad, and honest for a **new
    set**, whose `set_id` the model never saw: if PokeMarket prices cards on release day,
    quote the time score. Inspect **your** `make_folds` (exercise 3) on the training rows:
    """), fold_strategy])
    return (fold_strategy,)


@app.function
def describe_folds(rows: pd.DataFrame, folds: list) -> pd.DataFrame:
    """One line per fold: sizes, cards on both sides, and the release dates at the border."""
    ids, dates = rows["card_id"].to_numpy(), rows["set_release_date"].to_numpy()
    return pd.DataFrame([
        {"fold": i, "train rows": len(a), "validation rows": len(b),
         "cards on both sides": len(set(ids[a]) & set(ids[b])),
         "latest training release": str(dates[a].max())[:10],
         "earliest validation release": str(dates[b].min())[:10]}
        for i, (a, b) in enumerate(folds, start=1)
    ])


@app.cell
def _(ex, fold_strategy, train):
    attempt(ex.make_folds, train, fold_strategy.value, CV_FOLDS).view(
        lambda folds: describe_folds(train, folds))
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    Switch strategies. With **time**, each latest training release must come before the
    earliest validation release. With **kfold**, count the cards on both sides: each one is
    validated after training on its twin. With **group** that column must be all zeros.
    ///

    ## Tuning within a budget

    Each evaluation is a 3-fold group CV of a decision tree on the training rows, for a
    `max_depth` and a minimum leaf size (searched as its log2: 1 to 128 rows). Grid search
    tries 12 fixed points, random search draws points, and Bayesian-style search fits a
    Gaussian process to the losses so far and picks the largest expected improvement. All
    three are yours (exercise 4); the progress bar counts evaluations live.
    """)
    return


@app.function
@mo.cache
def tree_cv_mae(max_depth: int, min_leaf: int) -> float:
    """Mean group-CV MAE of a decision tree on the training rows (cached per setting)."""
    rows = group_split(load_cards(), test_size=TEST_SIZE, seed=SEED)[0]
    tree = DecisionTreeRegressor(max_depth=max_depth, min_samples_leaf=min_leaf,
                                 random_state=SEED)
    folds = notebook_folds(rows, "group", TUNING_FOLDS)
    scores = cross_val_score(price_pipeline(SEED).set_params(model=tree), card_features(rows),
                             np.log(rows["market_price"]), cv=folds,
                             scoring="neg_mean_absolute_error")
    return float(-scores.mean())


@app.function
def tree_settings(params: dict[str, float]) -> tuple[int, int]:
    """A search point -> (max_depth, min_samples_leaf) as the tree takes them."""
    return int(round(params["max_depth"])), int(round(2 ** params["log2_min_leaf"]))


@app.cell
def _():
    search_method = mo.ui.dropdown(["grid", "random", "bayes"], value="bayes",
                                   label="Search method")
    search_method
    return (search_method,)


@app.cell
def _():
    search_budget = mo.ui.slider(6, 30, value=12, show_value=True,
                                 label="Budget: evaluations (random and bayes)")
    search_budget
    return (search_budget,)


@app.cell
def _(ex, search_budget, search_method):
    _total = 12 if search_method.value == "grid" else search_budget.value
    with mo.status.progress_bar(total=_total, title=f"{search_method.value} search",
                                remove_on_exit=True) as _bar:
        def _objective(params: dict[str, float]) -> float:
            _bar.update()
            return tree_cv_mae(*tree_settings(params))

        if search_method.value == "grid":
            search = attempt(ex.grid_search, _objective, GRID)
        else:
            _search = getattr(ex, f"{search_method.value}_search")
            search = attempt(_search, _objective, SPACE, search_budget.value, seed=SEED)
    search.view(search_chart)
    return (search,)


@app.function
def search_chart(trials: list) -> plt.Figure:
    """Best loss so far per evaluation, and where in the space the search looked."""
    losses = np.array([loss for _, loss in trials])
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3))
    left.plot(range(1, len(losses) + 1), np.minimum.accumulate(losses), marker="o")
    left.set_xlabel("evaluation")
    left.set_ylabel("best CV MAE so far")
    points = np.array([tree_settings(p) for p, _ in trials])
    shown = right.scatter(points[:, 0], points[:, 1], c=losses, cmap="viridis_r")
    right.set_yscale("log", base=2)
    right.set_xlabel("max_depth")
    right.set_ylabel("min_samples_leaf")
    fig.colorbar(shown, ax=right, label="CV MAE")
    fig.tight_layout()
    return fig


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    At a budget of 12, which method reaches the lowest CV MAE, and after how many
    evaluations? Cut the budget to 6: Bayesian search spends its first 5 at random, so it
    is random search. It pays off when each evaluation is expensive and the budget is a few
    dozen. Settings seen before come from the cache, so re-runs are instant.
    ///

    ## Overfitting: read the curves, then fix the cause

    A learning curve shows training and validation error as one thing changes: flexibility,
    rows, or the number of tries. Exercise 5 gives three scenarios a team brought you:
    diagnose each (`diagnose_overfitting`) and fix it (`fix_overfitting`).
    """)
    return


@app.function
def curve_charts(curves: dict) -> plt.Figure:
    """One panel per scenario: each recorded series against the scenario's x axis."""
    fig, axes = plt.subplots(1, len(curves), figsize=(11, 3))
    for ax, (name, curve) in zip(np.atleast_1d(axes), curves.items(), strict=True):
        known = [v for v in curve["x"] if v is not None]
        x = [max(known) + 4 if v is None else v for v in curve["x"]]  # None: no depth limit
        for series in ("train", "validation", "new cards"):
            if series in curve:
                ax.plot(x, curve[series], marker=".", label=series)
        if curve["x_label"] == "training rows":  # 60 to 7,297: a log axis shows both ends
            ax.set_xscale("log")
        ax.set_title(f"Scenario {name}")
        ax.set_xlabel(curve["x_label"])
        ax.set_ylabel("MAE, log price")
        ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


@app.cell
def _(ex):
    _scenarios = getattr(ex, "SCENARIOS", None)
    _curves = getattr(ex, "LEARNING_CURVES", None)
    if isinstance(_scenarios, dict) and isinstance(_curves, dict):
        _shown = mo.vstack([mo.md("\n".join(f"- **{k}**: {v}" for k, v in _scenarios.items())),
                            curve_charts(_curves)])
    else:
        _shown = mo.md("The scenarios live in `exercises/exercises_03.py`, which did not load.")
    mo.vstack([_shown, mo.md("**Your `diagnose_overfitting()`:**"),
               attempt(ex.diagnose_overfitting).view()])
    return


@app.cell
def _():
    tree_depth = mo.ui.slider(1, 24, value=20, show_value=True, label="max_depth of scenario A")
    mo.vstack([mo.md("Scenario A's tree, live (the curve's last point, at 28, is no limit):"),
               tree_depth])
    return (tree_depth,)


@app.function
def fitted_mae(model: object, train: pd.DataFrame, valid: pd.DataFrame) -> dict[str, float]:
    """Fit on `train` (log price) and return its training and validation MAE."""
    model.fit(card_features(train), np.log(train["market_price"]))
    return {part: float(np.mean(np.abs(model.predict(card_features(rows))
                                       - np.log(rows["market_price"]))))
            for part, rows in (("train MAE", train), ("validation MAE", valid))}


@app.cell
def _(ex, tree_depth):
    _rows = attempt(ex.scenario_rows, "A")
    _tree = DecisionTreeRegressor(max_depth=tree_depth.value, random_state=SEED)
    _rows.view(lambda rows: mo.hstack([
        mo.stat(f"{v:.3f}", label=k) for k, v in
        fitted_mae(price_pipeline(SEED).set_params(model=_tree), *rows).items()]))
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    Slide the depth from 2 to 24. Training error falls all the way; validation error bottoms
    out near depth 8, then rises as extra splits describe single cards, not patterns. Cap the
    tree at that turn. Below, your fixes fitted on each scenario's training rows:
    ///
    """)
    return


@app.cell
def _(ex):
    def _row(scenario: str) -> dict:
        rows = attempt(ex.scenario_rows, scenario)
        fix = attempt(ex.fix_overfitting, scenario, *rows.value) if rows.ok else rows
        if not fix.ok:
            return {"scenario": scenario, "your fix": fix.status}
        scores = fitted_mae(fix.value, *rows.value)
        return {"scenario": scenario, "your fix": type(fix.value).__name__, **scores,
                "gap": scores["validation MAE"] - scores["train MAE"]}

    mo.ui.table([_row(s) for s in ("A", "B", "C")], selection=None)
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Tracking runs with MLflow

    Ten experiments in, nobody remembers which settings gave 0.37. MLflow records each
    **run**: params, metrics, and the model with a **signature** (the input columns and types)
    and **pip requirements** (what loading it needs). Your `log_run` (exercise 6) logs one run.
    The runs below are the zoo and your search's best tree, scored once on the test set: for
    the record, not for choosing (scenario C shows why).
    """)
    return


@app.cell
def _(search, test, train, zoo):
    candidate_runs = []
    if zoo.ok:
        for _name, (_model, _mae) in zoo.value.items():
            candidate_runs.append({"name": _name, "params": {"family": _name},
                                   "metrics": {"test_mae": _mae}, "model": _model})
    if search.ok and search.value:
        _depth, _leaf = tree_settings(min(search.value, key=lambda t: t[1])[0])
        _tree = price_pipeline(SEED).set_params(model=DecisionTreeRegressor(
            max_depth=_depth, min_samples_leaf=_leaf, random_state=SEED))
        _scores = fitted_mae(_tree, train, test)
        candidate_runs.append({"name": "tuned_tree",
                               "params": {"max_depth": _depth, "min_samples_leaf": _leaf},
                               "metrics": {"test_mae": _scores["validation MAE"]},
                               "model": _tree})
    log_button = mo.ui.run_button(label="Log these runs to the MLflow store")
    mo.vstack([score_chart({r["name"]: r["metrics"]["test_mae"] for r in candidate_runs},
                           "Runs to compare") if candidate_runs else
               mo.md("No runs yet: write `model_zoo` and a search function first."), log_button])
    return candidate_runs, log_button


@app.cell
def _(candidate_runs, ex, log_button, train):
    mo.stop(not log_button.value, mo.md(f"Nothing is logged until you click. Runs go to "
                                        f"`{TRACKING_URI}`, experiment `{EXPERIMENT}`."))
    import mlflow  # imported on demand: it takes a few seconds

    _client = mlflow.MlflowClient(tracking_uri=TRACKING_URI)
    if TRACKING_URI == COURSE_STORE and _client.get_experiment_by_name(EXPERIMENT) is None:
        _client.create_experiment(EXPERIMENT, str(project_root() / "mlruns"))  # beside the db
    _logged = [attempt(ex.log_run, TRACKING_URI, EXPERIMENT, r["params"] | {"run": r["name"]},
                       r["metrics"], r["model"], card_features(train.head(5)))
               for r in candidate_runs]
    _failed = [a for a in _logged if not a.ok]
    mlflow.set_tracking_uri(TRACKING_URI)  # query the store itself, whatever log_run did
    _stored = mlflow.search_runs(experiment_names=[EXPERIMENT], max_results=50)
    _latest = _stored.reindex(columns=["params.run", "metrics.test_mae"]).dropna()
    _latest = _latest.drop_duplicates("params.run")  # newest first
    mo.vstack([*(a.view() for a in _failed[:1]),
               mo.md(f"Logged {len(_logged) - len(_failed)} runs; read back from the store:"),
               score_chart(dict(zip(_latest["params.run"], _latest["metrics.test_mae"],
                                    strict=True)), "Latest run of each name")
               if len(_latest) else _stored])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    **Open the MLflow UI** on the course store: from the course folder, run
    `uv run mlflow ui --backend-store-uri sqlite:///mlflow.db`, open http://127.0.0.1:5000,
    select runs and press *Compare* to plot metrics against params. Stop it with Ctrl+C. The
    store and its `mlruns/` artifacts are git-ignored.

    **Beyond one laptop:** `log_run` takes its store as an argument. Point it (or
    `MLFLOW_TRACKING_URI`, which this notebook reads) at a team tracking server such as
    `http://mlflow.internal:5000` and the same code logs there.

    ## Exercises

    Write the functions in `exercises/exercises_03.py`: `baseline_scores`, `model_zoo`,
    `make_folds`, `cross_validate_mae`, `grid_search`, `random_search`, `bayes_search`,
    `diagnose_overfitting`, `fix_overfitting` and `log_run`. The panel runs the same checks as
    `uv run pytest exercises/test_exercises_03.py` (about a minute: the MLflow checks build a
    temporary store) and re-runs whenever you save the file.
    """)
    return


@app.cell
def _(ex):
    check_panel(ex)  # re-runs whenever `ex` is re-loaded, i.e. when you save
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Reflection

    1. kNN beats the shallow tree among the baselines. What does that tell you about how
       similar cards are priced, and why might it not survive a new set?
    2. Your group-CV score and your time-CV score differ by almost a factor of two. Which one
       goes into the launch memo, and what sentence explains the other?
    3. With a budget of 20 evaluations of a model that takes an hour to fit, which search
       would you use, and what would you do with the first five hours?
    4. Scenario C's team tuned honestly, just too often. What rule would you put in the team's
       checklist so the test set stays a test set?
    5. Six months from now someone asks why the deployed model uses `max_depth=8`. What must
       the MLflow run hold so the answer takes one minute?
    """)
    return


if __name__ == "__main__":
    app.run()
