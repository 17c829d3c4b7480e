import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")

with app.setup:
    import marimo as mo
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    from sklearn.calibration import calibration_curve
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import train_test_split
    from sklearn.naive_bayes import GaussianNB
    from sklearn.pipeline import Pipeline, make_pipeline
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    from mlcourse.checks import attempt, check_panel, exercise_module, watch_exercises
    from mlcourse.data import load_cards
    from mlcourse.loading import current_target
    from mlcourse.models import fit_price_model, predict_price
    from mlcourse.splits import group_split

    SEED = 42  # feeds every random_state and random draw in this notebook
    PATIENT_TEST_SIZE = 0.4  # share of patients held out to evaluate the screening models
    CARD_TEST_SIZE = 0.2  # share of cards held out to evaluate the price model
    N_BINS = 10  # equal-width bins for calibration
    N_RESAMPLES = 1000  # bootstrap resamples
    CLOSE_ENOUGH = 0.25  # a suggested price within 25% of the market price counts as close
    MIN_SEGMENT_ROWS = 20  # smaller segments are too noisy to call the "worst"
    ERA_EDGES = [1998, 2003, 2021, 2023, 2025]  # release years: vintage, then three modern eras


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    # Model evaluation and validation

    A single score ("accuracy 94%") hides the questions that decide whether a model ships:
    which mistakes it makes, for whom, how sure we are of the number, and what it costs.
    This module answers them for two models: a screening classifier on scikit-learn's
    breast-cancer data, and PokeMarket's card price model.

    **What you will be able to do**

    - pick the metric that matches the mistake that hurts, and defend the choice;
    - compute precision, recall, F1, specificity, ROC-AUC, MAE, RMSE, MAPE and R2 yourself;
    - choose a decision threshold from the cost of each kind of error;
    - find where a model fails with error analysis by segment;
    - measure calibration and put a confidence interval on any metric with the bootstrap;
    - write a model card and a summary in dollars, honest about the accuracy the data allows.

    **Time:** about 4 hours: 1.5 hours for this notebook, 2.5 hours for the exercises in
    `exercises/exercises_04.py`.
    """)
    return


@app.cell
def _():
    exercise_file = watch_exercises("04")
    return (exercise_file,)


@app.cell
def _(exercise_file):
    ex = exercise_module("04", exercise_file)  # re-loads whenever you save the file
    mo.md(f"Loaded `{current_target()}/exercises_04.py`; cells using it re-run on save.")
    return (ex,)


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## The metric follows the mistake that hurts

    | Metric | Question it answers | Use it when |
    | --- | --- | --- |
    | precision | of what I flagged, how much is right? | false alarms are costly |
    | recall | of what is really there, how much did I find? | misses are costly |
    | ROC-AUC | do positives score above negatives? | ranking, classes not too rare |
    | average precision | how clean are the flags at every recall? | rare positives |
    | MAE in log price | how far off, as a ratio? | targets from cents to thousands |

    Exercise 1, `choose_metrics`, gives you five problems. Your answers:
    """)
    return


@app.cell
def _(ex):
    _problems = getattr(ex, "PROBLEMS", None)
    _listing = (mo.md("\n".join(f"- **`{k}`**: {v}" for k, v in _problems.items()))
                if isinstance(_problems, dict) else mo.md("See `exercises/exercises_04.py`."))
    mo.vstack([mo.accordion({"The five problems": _listing}),
               attempt(ex.choose_metrics).view()])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## A screening model and its confusion matrix

    scikit-learn's breast-cancer data: 569 tumours, 30 measurements each. **Malignant is
    the positive class (1)**, what screening looks for (scikit-learn codes it 0). A logistic
    regression scores the held-out patients; 0.5 or more means "send for biopsy". In the
    confusion matrix rows are the truth, columns the prediction: bottom left are the missed
    cancers (false negatives), top right the false alarms (false positives). After it, your
    `confusion_counts` of the same predictions and `classification_metrics` of the counts.
    """)
    return


@app.cell
def _():
    _data = load_breast_cancer()
    _X_train, _X_test, _y_train, y_test = train_test_split(
        _data.data, 1 - _data.target, test_size=PATIENT_TEST_SIZE, stratify=1 - _data.target,
        random_state=SEED)
    _logistic = make_pipeline(StandardScaler(), LogisticRegression(C=0.05, max_iter=1000))
    proba = _logistic.fit(_X_train, _y_train).predict_proba(_X_test)[:, 1]
    nb_proba = GaussianNB().fit(_X_train, _y_train).predict_proba(_X_test)[:, 1]
    _table = pd.crosstab(pd.Series(y_test, name="true"), pd.Series(
        (proba >= 0.5).astype(int), name="predicted"))
    _table
    return nb_proba, proba, y_test


@app.cell
def _(ex, proba, y_test):
    _counts = attempt(ex.confusion_counts, y_test, (proba >= 0.5).astype(int))
    _metrics = attempt(ex.classification_metrics, _counts.value) if _counts.ok else _counts
    mo.hstack([_counts.view(), _metrics.view()])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Choosing the threshold from what mistakes cost

    0.5 is a default, not a decision. A lower threshold flags more patients: recall rises,
    precision falls. The best point depends on what each mistake costs (assumed, per patient).
    """)
    return


@app.cell
def _():
    threshold = mo.ui.slider(0.01, 0.99, step=0.01, value=0.5, show_value=True,
                             label="Decision threshold (send for biopsy at or above)")
    threshold
    return (threshold,)


@app.cell
def _():
    false_alarm_cost = mo.ui.number(0, 100_000, step=100, value=1_000,
                                    label="Cost of a false alarm ($: an unneeded biopsy)")
    false_alarm_cost
    return (false_alarm_cost,)


@app.cell
def _():
    missed_cost = mo.ui.number(0, 500_000, step=1_000, value=20_000,
                               label="Cost of a missed cancer ($: later, harder treatment)")
    missed_cost
    return (missed_cost,)


@app.function
def threshold_table(y: np.ndarray, scores: np.ndarray, cost_fp: float,
                    cost_fn: float) -> pd.DataFrame:
    """Precision, recall and total cost of flagging every score >= t, for t on a grid."""
    rows = []
    for t in np.round(np.arange(0.01, 1.0, 0.01), 2):
        tp, fp = np.sum((scores >= t) & (y == 1)), np.sum((scores >= t) & (y == 0))
        fn = np.sum((scores < t) & (y == 1))
        rows.append({"threshold": t, "precision": tp / (tp + fp) if tp + fp else 1.0,
                     "recall": tp / (tp + fn), "fp": fp, "fn": fn,
                     "cost": fp * cost_fp + fn * cost_fn})
    return pd.DataFrame(rows)


@app.cell
def _(false_alarm_cost, missed_cost, proba, threshold, y_test):
    _table = threshold_table(y_test, proba, false_alarm_cost.value or 0, missed_cost.value or 0)
    _now = _table.loc[(_table["threshold"] - threshold.value).abs().idxmin()]
    _best = _table.loc[_table["cost"].idxmin()]
    _fig, (_left, _right) = plt.subplots(1, 2, figsize=(10, 3.2))
    _left.plot(_table["threshold"], _table["precision"], label="precision")
    _left.plot(_table["threshold"], _table["recall"], label="recall")
    _right.plot(_table["threshold"], _table["cost"] / 1000, color="#c63")
    _right.axvline(_best["threshold"], color="#3a7", linestyle=":",
                   label=f"cheapest: {_best['threshold']:.2f}")
    for _ax in (_left, _right):
        _ax.axvline(threshold.value, color="black", linestyle="--")
        _ax.set_xlabel("threshold")
        _ax.legend()
    _right.set_ylabel(f"cost on {len(y_test)} patients (k$)")
    mo.vstack([_fig, mo.md(
        f"At **{threshold.value:.2f}**: precision {_now['precision']:.1%}, recall "
        f"{_now['recall']:.1%}, {int(_now['fp'])} false alarms, {int(_now['fn'])} missed "
        f"cancers, cost **${_now['cost']:,.0f}**. The cheapest threshold, "
        f"{_best['threshold']:.2f}, costs ${_best['cost']:,.0f}.")])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - Drag the **threshold** from 0.5 down to 0.1: recall climbs towards 100%, precision
      drops. Watch how many false alarms each extra cancer found costs.
    - Set the **cost of a missed cancer** to $1,000, the same as a false alarm: the cheapest
      threshold moves up towards 0.5. At $20,000 a miss it sits far lower.
    - Set the false-alarm cost to 0: the cheapest threshold falls to the bottom of the
      range. Free false alarms mean flagging nearly everyone; real ones are never free.
    ///

    /// attention | Prevalence
    37% of these tumours are malignant; in a screening population it is well under 1%, so
    at the same recall precision would be far lower. Evaluate at the prevalence you will meet.
    ///

    ## ROC-AUC needs scores, not labels

    ROC-AUC is the chance that a random malignant tumour scores above a random benign one.
    Cut the scores at 0.5 first and you measure one threshold, not the ranking. Your
    `roc_auc` should match scikit-learn on the scores:
    """)
    return


@app.cell
def _(ex, proba, y_test):
    mo.hstack([
        mo.stat(f"{roc_auc_score(y_test, proba):.4f}", label="ROC-AUC of the scores"),
        mo.stat(f"{roc_auc_score(y_test, proba >= 0.5):.4f}", label="of 0/1 labels (wrong)"),
        mo.vstack([mo.md("**Your `roc_auc`:**"), attempt(ex.roc_auc, y_test, proba).view()]),
    ])
    return


@app.cell(hide_code=True)
def _():
    mo.md(rf"""
    ## Calibration: does "70%" mean 70%?

    A model is calibrated when, among patients it gives 70%, about 70% are malignant. Put
    the scores in {N_BINS} equal-width bins and plot the share of positives against the mean
    score in each bin: a calibrated model follows the diagonal. The expected calibration
    error (ECE) is the gap, averaged over bins weighted by how many patients each holds.
    Beside our logistic regression: Gaussian naive Bayes on the same data.
    """)
    return


@app.cell
def _(ex, nb_proba, proba, y_test):
    _fig, _ax = plt.subplots(figsize=(5, 4))
    _ax.plot([0, 1], [0, 1], color="#999", linestyle="--", label="perfectly calibrated")
    _edges, _yours = np.linspace(0, 1, N_BINS + 1), []
    for _name, _scores in (("logistic regression", proba), ("naive Bayes", nb_proba)):
        _share, _mean = calibration_curve(y_test, _scores, n_bins=N_BINS)
        _positives = np.histogram(_scores, _edges, weights=y_test.astype(float))[0]
        _ece = np.abs(_positives - np.histogram(_scores, _edges, weights=_scores)[0]).sum()
        _ax.plot(_mean, _share, marker="o", label=f"{_name} (ECE {_ece / len(_scores):.3f})")
        _yours.append(attempt(ex.expected_calibration_error, y_test, _scores, N_BINS).view())
    _ax.set_xlabel("mean predicted probability in bin")
    _ax.set_ylabel("share malignant in bin")
    _ax.legend()
    mo.hstack([_fig, mo.vstack([mo.md("**Your ECE**, logistic regression then naive Bayes:"),
                                *_yours])])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    Similar ECEs, opposite failures. The strongly regularised (`C=0.05`) logistic regression
    is *under*confident: every patient it gives 45-90% is in fact malignant. Naive Bayes is
    *over*confident: almost all its scores are below 1% or above 99%. The ECE says how far
    off, the plot in which direction. It matters whenever a probability is used as a number
    (a cost calculation, "70% sure" told to a doctor); `CalibratedClassifierCV` fixes it.

    ## The price model, and the floor no model can beat

    PokeMarket's reference model (`mlcourse.models`: gradient boosting on log price, from
    attributes known at listing time) trains on 80% of the cards and is tested on the rest,
    all finishes of a card on one side. How good *could* it be? Using last week's price
    (`prev_market_price`) as the "prediction" measures how much prices move on their own; a
    model that sees only the card, not its recent sales, can't expect to beat that.
    """)
    return


@app.function
@mo.cache
def train_and_predict(cards: pd.DataFrame, seed: int) -> tuple[Pipeline, pd.DataFrame]:
    """Fit the reference price model on a grouped split; return it and the test rows priced."""
    train, test = group_split(cards, test_size=CARD_TEST_SIZE, seed=seed)
    with threadpool_limits(limits=1):  # one thread: OpenMP on a busy machine is far slower
        model = fit_price_model(train, seed=seed)
        priced = test.assign(predicted_price=predict_price(model, test))
    return model, priced


@app.cell
def _():
    cards = load_cards()
    _model, _priced = train_and_predict(cards, SEED)
    _years = _priced["set_release_date"].dt.year
    results = _priced.assign(era=pd.cut(_years, ERA_EDGES, labels=[
        "1999-2003", "2019-2021", "2022-2023", "2024-2025"]).astype("str"))
    train_rows = len(cards) - len(results)
    mo.md(f"Trained on **{train_rows:,}** rows, evaluated on **{len(results):,}** rows "
          f"({results['card_id'].nunique():,} cards the model never saw).")
    return cards, results, train_rows


@app.function
def mae_log(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean absolute error in log price, for prices in dollars."""
    return float(np.mean(np.abs(np.log(y_pred) - np.log(y_true))))


@app.cell
def _(cards, results):
    _weekly = cards.dropna(subset=["prev_market_price"])
    _guesses = {"last week's price (the floor)": (_weekly["market_price"],
                                                  _weekly["prev_market_price"]),
                "reference model": (results["market_price"], results["predicted_price"])}
    comparison = pd.DataFrame({name: {
        "MAE (log price)": mae_log(true, guess),
        "median |log error|": float(np.median(np.abs(np.log(guess / true)))),
        "within 25%": float(np.mean(np.abs(guess / true - 1) <= CLOSE_ENOUGH)),
    } for name, (true, guess) in _guesses.items()}).T
    _fig, _ax = plt.subplots(figsize=(7, 2.2))
    _bars = _ax.barh(comparison.index, comparison["MAE (log price)"], color=["#999", "#36c"])
    _ax.bar_label(_bars, fmt="%.3f", padding=3)
    _ax.set_xlabel("MAE in log price (lower is better)")
    mo.vstack([_fig, comparison.round(3)])
    return (comparison,)


@app.cell(hide_code=True)
def _(comparison):
    _floor = comparison.iloc[0]
    _model = comparison.iloc[1]
    mo.md(rf"""
    Week over week a price moves by a median of **{np.expm1(_floor.iloc[1]):.1%}**
    (|log change| {_floor.iloc[1]:.3f}; mean {_floor.iloc[0]:.3f}); even last week's price
    is within 25% only {_floor.iloc[2]:.0%} of the time. The model's MAE,
    **{_model.iloc[0]:.3f}**, is {_model.iloc[0] / _floor.iloc[0]:.1f} times that floor,
    with {_model.iloc[2]:.0%} within 25%. Features and tuning can close part of the gap; the
    rest is price history the model can't have at listing time. Never promise below the
    floor. Your `regression_metrics` on the test cards, in dollars:
    """)
    return


@app.cell
def _(ex, results):
    attempt(ex.regression_metrics, results["market_price"].to_numpy(),
            results["predicted_price"].to_numpy()).view()
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    In dollars, MAE, RMSE and R2 are set by the few expensive cards, and MAPE punishes
    overpricing more than underpricing: hence the log error and the share within 25%.

    ## Error analysis: where does the model fail?

    One average hides segments the model gets badly wrong. Break the error down by:
    """)
    return


@app.cell
def _():
    segment = mo.ui.dropdown(["rarity", "era", "series", "finish"], value="rarity",
                             label="Break the error down by")
    segment
    return (segment,)


@app.function
def segment_table(results: pd.DataFrame, by: str) -> pd.DataFrame:
    """Rows and MAE in log price per segment (missing values as their own segment)."""
    gap = np.abs(np.log(results["predicted_price"] / results["market_price"]))
    frame = pd.DataFrame({by: results[by].astype("object").fillna("missing"), "gap": gap})
    return (frame.groupby(by)["gap"].agg(n="size", mae_log="mean")
            .sort_values("mae_log", ascending=False))


@app.cell
def _(ex, results, segment):
    _table = segment_table(results, segment.value)
    _overall = mae_log(results["market_price"], results["predicted_price"])
    _fig, _ax = plt.subplots(figsize=(8, 0.25 * len(_table) + 1))
    _colors = ["#36c" if n >= MIN_SEGMENT_ROWS else "#bbb" for n in _table["n"]]
    _ax.barh([f"{k} ({n})" for k, n in _table["n"].items()], _table["mae_log"], color=_colors)
    _ax.axvline(_overall, color="black", linestyle="--", label=f"all cards {_overall:.3f}")
    _ax.invert_yaxis()
    _ax.set_xlabel(f"MAE in log price (grey: fewer than {MIN_SEGMENT_ROWS} rows)")
    _ax.legend()
    _yours = attempt(ex.error_by_segment, results[["market_price", "predicted_price",
                                                    segment.value]], segment.value)
    mo.hstack([_fig, mo.vstack([mo.md("**Your `error_by_segment`:**"), _yours.view()])])
    return


@app.cell(hide_code=True)
def _():
    mo.md(rf"""
    /// tip | Try it
    Switch between **rarity**, **era** and **finish**. Promos and "Rare Ultra" cards are
    priced worst among the large segments: their price depends on the exact Pokemon and
    print run, which the features barely see. A grey segment of 3 cards can top the chart by
    chance: check a segment's size (and its bootstrap interval, next) before acting on it.
    ///

    ## How sure are we of the number? The bootstrap

    The MAE comes from one sample of test cards; another sample gives another number. The
    bootstrap estimates that spread from the data we have: draw the rows again *with
    replacement*, recompute the metric, repeat {N_RESAMPLES:,} times, and keep the middle
    95% of the results. How many test cards to evaluate on:
    """)
    return


@app.cell
def _():
    sample_size = mo.ui.slider(100, 2000, step=100, value=400, show_value=True,
                               label="Test cards evaluated (rows drawn from the test set)")
    sample_size
    return (sample_size,)


@app.cell
def _(results, sample_size):
    _rng = np.random.default_rng(SEED)
    _gap = np.abs(np.log(results["predicted_price"] / results["market_price"])).to_numpy()
    _sample = _rng.choice(_gap, size=min(sample_size.value, len(_gap)), replace=False)
    _rows = _rng.integers(0, len(_sample), size=(N_RESAMPLES, len(_sample)))
    _maes = _sample[_rows].mean(axis=1)  # one MAE per resample
    _low, _high = np.quantile(_maes, [0.025, 0.975])
    _fig, _ax = plt.subplots(figsize=(7, 2.6))
    _ax.hist(_maes, bins=40, color="#36c", alpha=0.7)
    for _edge in (_low, _high):
        _ax.axvline(_edge, color="black", linestyle="--")
    _ax.set_xlim(0.2, 0.6)
    _ax.set_xlabel(f"MAE in log price of {N_RESAMPLES:,} resamples")
    mo.vstack([_fig, mo.md(f"95% interval: **{_low:.3f} to {_high:.3f}** "
                           f"(width {_high - _low:.3f}) on {len(_sample):,} cards.")])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    Move the slider from 400 to 1,600 cards: the interval narrows by about half, since its
    width shrinks like 1/sqrt(n). At 100 cards two models 0.05 apart in MAE can't be told
    apart; compare intervals (or bootstrap the *difference*) before declaring a winner.
    ///

    Your `bootstrap_ci` of the MAE in log price on all test cards:
    """)
    return


@app.cell
def _(ex, results):
    attempt(ex.bootstrap_ci, results["market_price"].to_numpy(),
            results["predicted_price"].to_numpy(), mae_log, N_RESAMPLES, 0.95, SEED).view()
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Writing it up: a model card, and a summary in dollars

    A model card is the model's label: what it is, what it is for, what it was trained and
    tested on, how well it does, where it fails and who could be hurt. Exercise 7,
    `model_card`, writes one from the facts measured above; next, the facts and your card.

    Then the business. "MAE 0.37 in log price" means nothing to a seller. Exercise 8,
    `stakeholder_summary`, puts the test errors in dollars: a typical card and its typical
    error, the share within 25%, and the error on cards worth $20 or more, where sellers lose
    real money. Your summary comes after your card.
    """)
    return


@app.cell
def _(comparison, ex, results, train_rows):
    _rarities = segment_table(results, "rarity")
    _worst = _rarities[_rarities["n"] >= MIN_SEGMENT_ROWS].iloc[0]
    evaluation = {
        "model": "Gradient boosting (scikit-learn HistGradientBoostingRegressor) on log price",
        "train_rows": train_rows,
        "test_rows": len(results),
        "mae_log": float(comparison.iloc[1, 0]),
        "within_25": float(comparison.iloc[1, 2]),
        "floor_mae_log": float(comparison.iloc[0, 0]),
        "worst_segment": str(_worst.name),
        "worst_segment_mae_log": float(_worst["mae_log"]),
    }
    _card = attempt(ex.model_card, evaluation)
    mo.vstack([evaluation, _card.view(lambda card: mo.callout(mo.md(card)))])
    return


@app.cell
def _(ex, results):
    _summary = attempt(ex.stakeholder_summary, results["market_price"].to_numpy(),
                       results["predicted_price"].to_numpy())
    _summary.view(lambda s: mo.vstack([mo.callout(mo.md(str(s.get("message", ""))),
                                                  kind="info"), s]))
    return


@app.cell
def _(ex):
    mo.vstack([mo.md("## Exercises\n\nWrite the ten functions in `exercises/exercises_04.py`, "
                     "in any order. This panel runs the same checks as `uv run pytest "
                     "exercises/test_exercises_04.py` and re-runs whenever you save."),
               check_panel(ex)])  # re-runs whenever `ex` is re-loaded, i.e. when you save
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Reflection

    1. The cheapest threshold rests on two assumed costs. Who should set them, and what
       would you show them?
    2. Name two things that would narrow the gap between the model and the weekly floor,
       and one reason the gap can never close.
    3. Promos are priced worst. Fix the model, hide their suggestions, or show a warning?
       What would you measure to decide?
    4. Two models differ by 0.02 in MAE and their bootstrap intervals overlap. What do you
       tell the team that wants to ship the "better" one?
    5. Which section of someone else's model card do you read first, and why?
    """)
    return


if __name__ == "__main__":
    app.run()
