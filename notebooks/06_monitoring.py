import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")

with app.setup:
    from collections.abc import Callable

    import marimo as mo
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    from scipy import stats

    from mlcourse.checks import attempt, check_panel, exercise_module, watch_exercises
    from mlcourse.production import (
        BATCH_NAMES,
        INCIDENT_CAUSES,
        MISSING_COLUMN,
        drift_batch,
        hourly_summary,
        incident,
    )

    SEED = 6  # feeds every random draw in this notebook
    N_BINS = 10  # PSI bins, cut at the reference's deciles
    EPSILON = 1e-4  # floor for the share of an empty PSI bin
    PSI_LARGE = 0.25  # PSI above this is a large shift
    ALPHA = 0.01  # significance level for the drift tests
    WINDOW = pd.Timedelta(hours=6)  # log compared on each side of a suspect event
    SHIFT_GRID = np.linspace(-1.0, 1.0, 41)  # shifts (in standard deviations) for the curves
    INCIDENT_PLOTS = {  # incident -> (hourly column, y label, log scale)
        "accuracy": ("accuracy", "hourly accuracy", False),
        "latency": ("latency_p50_ms", "median latency (ms)", True),
        "single_class": ("top_tier_share", "share of the top predicted tier", False),
    }


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    # Production ML and monitoring

    A model that passed every offline test can still fail the day after launch: the data
    changes, an upstream team changes a format, a deploy makes it slow. This module is about
    watching for that, and about what to do when the watch fires.

    **What you will be able to do**

    - follow a debugging runbook from "a number looks wrong" to a root cause and a fix;
    - detect drift with KS, PSI and chi-square tests, and know which one to trust when;
    - tell real drift from noise on PokeMarket's real weekly price change;
    - diagnose three incidents from prediction and deploy logs, and write the report;
    - decide who gets alerted (page, ticket or log) and when to retrain.

    **Time:** about 4 hours: 1.5 for this notebook, 2.5 for the exercises in
    `exercises/exercises_06.py`.
    """)
    return


@app.cell
def _():
    exercise_file = watch_exercises("06")
    return (exercise_file,)


@app.cell
def _(exercise_file):
    ex = exercise_module("06", exercise_file)
    return (ex,)


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## A debugging runbook

    When a monitoring number looks wrong, take the same steps every time. Most incidents are
    data, deploy or capacity problems that show up in the model's numbers.

    | step | question | where to look |
    | --- | --- | --- |
    | 1. Confirm | Is it real, or a broken dashboard / too few samples? | raw log, sample size |
    | 2. Scope | Since when? For whom? How bad? | hourly metric, by segment |
    | 3. Correlate | What changed just before? | deploy log, config, upstream, calendar |
    | 4. Inputs or model? | Did the inputs change, or only the outputs? | feature stats, drift |
    | 5. Mitigate | Stop the harm first | roll back, switch off, fall back to a rule |
    | 6. Fix and learn | Remove the cause; stop it happening again | incident report, new checks |

    Mitigate before you understand everything: a rollback takes minutes, a diagnosis a day.

    ## Drift detection

    Drift: the data the model sees no longer looks like the data it learned from.

    - **KS** (Kolmogorov-Smirnov), numeric features: the largest gap between the two
      empirical CDFs. Gives a p-value, so its verdict depends on the sample size.
    - **PSI** (population stability index), numeric features: cut the reference into
      deciles, see how the current data spreads over those same bins,
      PSI = Σ (c − r) · ln(c / r). An effect size: below 0.1 no real change, 0.1 to 0.25
      moderate, above 0.25 large, whatever the sample size.
    - **Chi-square**, categorical features: a 2 x k table of counts, reference vs current
      per category (new categories included).
    - **ANOVA** (`scipy.stats.f_oneway`): compares the *means* of one numeric feature
      across several groups at once, e.g. the days of a week, to find the day that moved.
      It assumes roughly normal values of similar spread, so use log prices.

    Below, these run on PokeMarket's batches: the **real** 2025-02-22 prices as the
    reference, the **real** 2025-03-01 prices, and three **simulated** broken batches.
    """)
    return


@app.function
def notebook_psi(reference: np.ndarray, current: np.ndarray, n_bins: int = N_BINS) -> float:
    """PSI with bins cut at the reference's quantiles (right-closed, as pandas.cut)."""
    edges = np.unique(np.quantile(reference, np.linspace(0, 1, n_bins + 1)))
    bins = [-np.inf, *edges[1:-1], np.inf]
    shares = [np.clip(pd.cut(pd.Series(x), bins).value_counts(sort=False, normalize=True)
                      .to_numpy(), EPSILON, None) for x in (reference, current)]  # fmt: skip
    r, c = shares
    return float(np.sum((c - r) * np.log(c / r)))


@app.function
def drift_row(reference: pd.DataFrame, batch: pd.DataFrame) -> dict[str, object]:
    """The drift tests of one batch against the reference: price (KS, PSI) and rarity."""
    prices = reference["market_price"].to_numpy()
    ks = stats.ks_2samp(prices, batch["market_price"])
    chi = "column missing"
    if MISSING_COLUMN in batch:
        sample = np.r_[np.zeros(len(reference)), np.ones(len(batch))]
        rarity = pd.concat([reference["rarity"], batch["rarity"]]).fillna("(missing)")
        chi = f"{stats.chi2_contingency(pd.crosstab(sample, rarity.to_numpy())).pvalue:.2g}"
    return {
        "median price ($)": batch["market_price"].median(),
        "KS statistic": round(float(ks.statistic), 4),
        "KS p-value": f"{ks.pvalue:.2g}",
        "PSI (price)": round(notebook_psi(prices, batch["market_price"].to_numpy()), 4),
        "chi-square p (rarity)": chi,
        "unseen set ids": len(set(batch["set_id"]) - set(reference["set_id"])),
    }


@app.cell
def _():
    batches = {name: drift_batch(name) for name in BATCH_NAMES}
    reference_prices = batches["reference"]["market_price"].to_numpy()
    drift_table = pd.DataFrame(
        {name: drift_row(batches["reference"], batches[name]) for name in BATCH_NAMES[1:]}
    ).T.infer_objects().rename_axis("batch (sim_ = simulated)")
    price_psi = drift_table["PSI (price)"].astype(float).to_dict()  # batch -> PSI
    drift_table
    return batches, drift_table, price_psi, reference_prices


@app.cell(hide_code=True)
def _(drift_table, price_psi):
    _real = drift_table.loc["current"]
    mo.md(rf"""
    **The real week, February 22 to March 1.** Most single prices moved (about 7% each, in
    both directions), yet the distribution barely did: KS statistic
    **{_real["KS statistic"]}** (p-value {_real["KS p-value"]}), PSI **{_real["PSI (price)"]}**.
    Up and down moves cancel out. That is what normal looks like: noise, and no reason to
    alert.

    The simulated batches are what broken looks like. Prices in cents give a PSI of about
    **{price_psi["sim_cents"]:.1f}**, far past anything the market does in a week. The
    missing column needs no statistics: a schema check (module 01) fails first, so check the
    schema before any test. The new set barely moves the price distribution (PSI
    {price_psi["sim_new_set"]:.3f}) but the set id and rarity tests catch it at once: watch
    every important feature, not only the price.

    Below, your drift functions on the same data: `ks_test` and `psi` on the real week, and
    `chi_square_drift` on the rarity of the reference against the new-set batch. They should
    match the table (PSI to 4 decimals).
    """)
    return


@app.cell
def _(batches, ex, reference_prices):
    _current = batches["current"]["market_price"].to_numpy()
    mo.vstack([
        mo.md("**`ks_test(reference, current)`**"), attempt(ex.ks_test, reference_prices,
                                                            _current).view(),
        mo.md("**`psi(reference, current)`**"), attempt(ex.psi, reference_prices, _current).view(),
        mo.md("**`chi_square_drift(reference rarity, new-set rarity)`**"),
        attempt(ex.chi_square_drift, batches["reference"]["rarity"],
                batches["sim_new_set"]["rarity"]).view(),
    ])  # fmt: skip
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## How big a shift can a detector see?

    A reference sample against a current sample shifted by the amount you choose (a smooth,
    simulated feature, so ties in real prices don't blur the picture). Left: both
    distributions. Right: KS p-value and PSI for every shift at this sample size.
    """)
    return


@app.cell
def _():
    shift = mo.ui.slider(-1.0, 1.0, step=0.01, value=0.05, show_value=True,
                         label="Shift of the current sample (standard deviations)")
    shift
    return (shift,)


@app.cell
def _():
    sample_size = mo.ui.slider(100, 20_000, step=100, value=10_000, show_value=True,
                               label="Rows per sample")
    sample_size
    return (sample_size,)


@app.cell
def _(sample_size):
    _rng = np.random.default_rng(SEED)
    widget_reference = _rng.normal(0.0, 1.0, sample_size.value)
    widget_noise = _rng.normal(0.0, 1.0, sample_size.value)  # the current sample before shifting
    shift_curves = pd.DataFrame({
        "ks_p": [stats.ks_2samp(widget_reference, widget_noise + s, method="asymp").pvalue
                 for s in SHIFT_GRID],
        "psi": [notebook_psi(widget_reference, widget_noise + s) for s in SHIFT_GRID],
    }, index=SHIFT_GRID)  # fmt: skip
    return shift_curves, widget_noise, widget_reference


@app.cell
def _(shift, shift_curves, widget_noise, widget_reference):
    _current = widget_noise + shift.value
    _p = stats.ks_2samp(widget_reference, _current, method="asymp").pvalue
    _psi = notebook_psi(widget_reference, _current)
    _fig, (_left, _right) = plt.subplots(1, 2, figsize=(10, 3.2))
    _left.hist([widget_reference, _current], bins=60, histtype="step", label=["reference",
                                                                               "current"])
    _left.set_title(f"KS p = {_p:.2g}, PSI = {_psi:.3f}")
    _left.legend()
    _right.plot(shift_curves.index, shift_curves["ks_p"], color="#36c", label="KS p-value")
    _right.plot(shift_curves.index, shift_curves["psi"], color="#c63", label="PSI")
    _right.axhline(ALPHA, color="#36c", linestyle=":", linewidth=0.8)
    _right.axhline(PSI_LARGE, color="#c63", linestyle=":", linewidth=0.8)
    _right.axvline(shift.value, color="black", linewidth=0.8)
    _right.set_ylim(0, 1)
    _right.set_xlabel("shift (standard deviations)")
    _right.legend(loc="upper right")
    _fig.tight_layout()
    _fig
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - At 10,000 rows, a shift of **0.05** standard deviations already gives a p-value below
      0.01, while PSI stays near 0.003. Statistically significant, practically nothing. With
      big batches, a p-value alone pages someone every day.
    - Drop the rows to **500**. The same shift is no longer significant, and PSI shows its
      own noise floor (about 0.05 with 50 rows per bin): never compute PSI on a handful of rows.
    - Find the shift where PSI crosses 0.25 (the dotted red line): about half a standard
      deviation either way. By then the p-value at 10,000 rows is below 1e-100.
    ///

    Alert on effect sizes (PSI, the KS statistic), and use p-values to confirm, not trigger.

    ## Performance monitoring

    Drift says the inputs moved, not that the model got worse. Watch both kinds of numbers:
    - **without labels, in real time:** request and error rates, latency, the distribution
      of inputs (drift) and of predictions (a sudden single class is visible in minutes);
    - **with labels, delayed:** accuracy or error, once the truth arrives (for the triage
      model, when the card sells: days later). Compute it per segment, not only overall.

    ## Three incidents

    PokeMarket's **listing triage** model puts each new listing in a price tier (`bulk`
    under $1, `mid` under $20, `premium` above). Three (simulated) incidents, each with four
    days of requests and every deploy, config change, upstream release and set launch. Pick
    an incident and an event: the table compares the six hours before and after it, per
    client. The event where the numbers change is your suspect.
    """)
    return


@app.cell
def _():
    incidents = {kind: incident(kind) for kind in INCIDENT_CAUSES}  # the three simulated logs
    return (incidents,)


@app.cell
def _(incidents):
    incident_choice = mo.ui.dropdown(list(incidents), value="accuracy", label="Incident")
    incident_choice
    return (incident_choice,)


@app.cell
def _(incident_choice, incidents):
    _events = incidents[incident_choice.value].events
    _labels = {f"{e.timestamp:%m-%d %H:%M} {e.event_type}": e.timestamp
               for e in _events.itertuples()}  # fmt: skip
    event_choice = mo.ui.dropdown(_labels, value=next(iter(_labels)), label="Split at event")
    event_choice
    return (event_choice,)


@app.function
def before_after(log: pd.DataFrame, when: pd.Timestamp) -> pd.DataFrame:
    """Monitoring numbers per client in the WINDOW before and the WINDOW after `when`."""
    seen = set(log.loc[log["timestamp"] < when, "set_id"])
    rows = log[log["timestamp"].between(when - WINDOW, when + WINDOW, inclusive="left")]
    rows = rows.assign(period=np.where(rows["timestamp"] < when, "1 before", "2 after"),
                       correct=rows["predicted_tier"] == rows["actual_tier"],
                       unseen_set=~rows["set_id"].isin(seen))  # fmt: skip
    return rows.groupby(["period", "client"]).agg(
        requests=("request_id", "size"), accuracy=("correct", "mean"),
        latency_p50_ms=("latency_ms", "median"), cache_hit_rate=("cache_hit", "mean"),
        asking_price_median=("asking_price", "median"), asking_price_std=("asking_price", "std"),
        predicted_tiers=("predicted_tier", "nunique"), unseen_set_share=("unseen_set", "mean"),
        model_version=("model_version", lambda s: ", ".join(sorted(set(s)))),
    ).round(3)  # fmt: skip


@app.cell
def _(event_choice, incident_choice, incidents):
    _made = incidents[incident_choice.value]
    _column, _label, _log_scale = INCIDENT_PLOTS[incident_choice.value]
    _hours = hourly_summary(_made.log)
    _fig, _ax = plt.subplots(figsize=(10, 2.8))
    _ax.plot(_hours.index, _hours[_column], marker=".", color="#36c")
    for _event in _made.events.itertuples():
        _chosen = _event.timestamp == event_choice.value
        _ax.axvline(_event.timestamp, color="black" if _chosen else "#c63",
                    linewidth=2 if _chosen else 0.8, linestyle="-" if _chosen else "--")
        _ax.annotate(_event.event_type, (_event.timestamp, 0.97), xycoords=("data",
                     "axes fraction"), rotation=90, va="top", ha="right", fontsize=8)  # fmt: skip
    _ax.set_yscale("log" if _log_scale else "linear")
    _ax.set_ylabel(_label)
    mo.vstack([_fig, before_after(_made.log, event_choice.value)])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - **accuracy**: step through the events. At one of them accuracy falls for a single
      client only. What happened to that client's asking prices, and by what factor?
    - **latency**: where does the median jump? Is the cache still hitting, did the model
      version change? Latency = feature lookup + model: one of the two got slow.
    - **single_class**: after the collapse, does the asking price still vary? A constant input
      and a broken model look the same in the predictions, not in the inputs.
    ///

    Your diagnoses of the same three logs. The graders also run them on logs with a different
    cause planted at a different time, so read the answer from the data, not from this page.
    """)
    return


@app.cell
def _(ex, incidents):
    _functions = {"accuracy": ex.diagnose_accuracy_drop, "latency": ex.diagnose_latency_spike,
                  "single_class": ex.diagnose_single_class}  # fmt: skip
    mo.vstack([
        mo.vstack([mo.md(f"**{kind}**"),
                   attempt(fn, incidents[kind].log, incidents[kind].events).view()])
        for kind, fn in _functions.items()
    ])  # fmt: skip
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## The incident report

    After the fix, write it down: blameless, factual, with numbers. **Summary**, **Impact**
    (who, how many, how bad, how long), **Timeline**, **Root cause**, **Fix**, **Follow-ups**
    (what stops it recurring). Your `incident_report` on the latency incident's logs:
    """)
    return


@app.cell
def _(ex, incidents):
    _made = incidents["latency"]
    attempt(ex.incident_report, _made.log, _made.events).view(
        lambda text: mo.callout(mo.md(text), kind="neutral"))
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Alerting: page, ticket or log

    Alert on too much and people learn to ignore the pager; that is how outages get missed.

    | level | when | who hears | example |
    | --- | --- | --- | --- |
    | **page** | users hurt now: severe *and* sustained | on-call, now | p95 10x normal for 10 min |
    | **ticket** | needs work, not tonight | the team, office hours | PSI above 0.25 |
    | **log** | noise, or worth a look later | dashboards | a two-minute spike; PSI 0.1 |

    Durations matter as much as thresholds: accuracy from 30 minutes of labels is a handful of
    sales, and one slow burst is not an outage. The exact policy is `ALERT_POLICY` in the
    exercise file. Your `alert_level` on readings from this module:
    """)
    return


@app.function
def answers_table(function: Callable[..., str], cases: dict[str, tuple], column: str) -> object:
    """The learner's answer for every case, or the first reason there is none."""
    attempts = {case: attempt(function, *args) for case, args in cases.items()}
    missing = [a for a in attempts.values() if not a.ok]
    if missing:
        return missing[0].view()
    return mo.ui.table([{"case": k, column: a.value} for k, a in attempts.items()],
                       selection=None)


@app.cell
def _(ex, price_psi):
    _readings = {  # description -> (metric, value, baseline, minutes)
        "latency incident, 3 hours in": ("latency_p95_ms", 2800.0, 70.0, 180),
        "latency burst, 2 minutes": ("latency_p95_ms", 2800.0, 70.0, 2),
        "accuracy incident, 3 hours in": ("accuracy", 0.65, 0.87, 180),
        "real week of prices (PSI)": ("psi", price_psi["current"], 0.0, 1_440),
        "prices in cents (PSI)": ("psi", price_psi["sim_cents"], 0.0, 1_440),
    }  # fmt: skip
    answers_table(ex.alert_level, _readings, "your level")
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Retraining triggers

    Retrain on a **schedule** (cheap insurance against slow drift) and on **triggers** (large
    drift, lost accuracy). Two things stop a retrain:

    - **too little new labelled data**: a model retrained on 300 rows learns noise;
    - **a shift that smells like a bug**: a PSI of 7 after a week is not the market, it is
      prices in cents. Retraining would teach the model the bug. So would retraining after
      an accuracy drop with quiet inputs: something else broke, and a person must look.

    Your `retraining_decision` on four situations:
    """)
    return


@app.cell
def _(ex, price_psi):
    _situations = {  # description -> (psi, accuracy drop, days since training, new rows)
        "the real week": (price_psi["current"], 0.0, 7, 10_441),
        "prices in cents": (price_psi["sim_cents"], 0.22, 7, 10_441),
        "a quiet month later": (0.04, 0.01, 35, 40_000),
        "drift, few labels": (0.31, 0.04, 12, 600),
    }  # fmt: skip
    answers_table(ex.retraining_decision, _situations, "your decision")
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Exercises

    Write the nine functions in `exercises/exercises_06.py`. The panel below runs the same
    checks as `uv run pytest exercises/test_exercises_06.py`, re-runs whenever you save the
    file, and shows hints for failed checks.
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

    1. 76% of prices changed between the two weeks, yet PSI was near zero. Name a change in
       the card market that would move individual prices a lot *and* leave PSI near zero,
       and say how you would still catch it.
    2. The new set hardly moved the price distribution but ruined accuracy for its cards.
       Which monitors would have caught it on release day, before any card sold?
    3. In the latency incident the new model was 1 point more accurate offline and 40 times
       slower. What check belongs in the release process so that this never reaches users?
    4. Your team gets 30 tickets a week from drift alerts and ignores most of them. What do
       you change: thresholds, durations, features monitored, or something else?
    5. Which of the three incidents would you have caught first with labels only, and which
       only with unlabelled monitoring? What does that say about waiting for accuracy?
    """)
    return


if __name__ == "__main__":
    app.run()
