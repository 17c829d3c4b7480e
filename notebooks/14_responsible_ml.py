import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")

with app.setup:
    import contextlib
    from collections.abc import Callable

    import marimo as mo
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    from sklearn.inspection import partial_dependence as sklearn_partial_dependence
    from sklearn.inspection import permutation_importance as sklearn_permutation_importance
    from sklearn.metrics import mean_absolute_error
    from sklearn.pipeline import Pipeline
    from threadpoolctl import threadpool_limits

    from mlcourse.checks import Attempt, attempt, check_panel, exercise_module, watch_exercises
    from mlcourse.data import load_cards
    from mlcourse.loading import current_target
    from mlcourse.models import NUMERIC_FEATURES, card_features, fit_price_model, predict_price
    from mlcourse.splits import group_split

    SEED = 0  # feeds every split, model and random draw in this notebook
    TEST_SIZE = 0.25  # share of cards held out; all finishes of a card on one side
    SERIES_ORDER = ["Base", "Sword & Shield", "Scarlet & Violet"]  # 1999-2002, 2020-22, 2023-25
    AUDIT_THRESHOLD = 0.15  # |gap| in mean log error (about 16%) that flags a segment
    AUDIT_MIN_N = 20  # segments with fewer test rows are listed but never flagged
    EXPLAIN_ROWS = 400  # test rows the explanations use, to keep them fast
    N_REPEATS = 3  # shuffles per feature for permutation importance
    PD_GRID = 15  # most grid points of a partial dependence curve
    LISTINGS = 400  # rows of the simulated listings table
    ZIP_CODES = [10001, 10002, 10025, 10128, 11201, 11215, 60601, 60614, 60625, 94107, 94110]
    ZIP_WIDTHS = [1, 10, 100, 1000]  # bucket widths offered for zip codes
    AGE_WIDTHS = [1, 2, 5, 10, 25, 50]  # bucket widths offered for ages (years)
    LADDERS = {"seller_zip": [1, 10, 100, 1000], "seller_age": [1, 2, 5, 10]}  # widths by level
    K_TARGET = 5  # the k the released table must reach
    PRICE_CAP = 100.0  # asking prices are clipped to [0, PRICE_CAP] dollars for a private mean
    RELEASES = 2000  # noisy releases drawn to show the spread of the Laplace mechanism


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    # Responsible ML

    PokeMarket's price model does more than predict: it decides which cards go on the
    "worth featuring" shelf, and tells sellers what to ask. Module 04 found *where* it errs;
    this module asks *who is harmed*, *why* the model decides as it does, and how to publish
    data about sellers without exposing any of them.

    **What you will be able to do**

    - compute selection rates, demographic parity, the disparate impact ratio (four-fifths
      rule), equal opportunity, equalized odds and per-group signed error, and say which one
      fits a decision;
    - write a bias audit that flags segments the model treats worse than the rest;
    - explain a model with permutation importance and partial dependence, and say where
      correlated features make both misleading;
    - measure a table's k-anonymity, generalize it to reach k, and release counts and means
      with the Laplace mechanism.

    **Time:** about 4 hours: 1.5 hours for this notebook, 2.5 hours for the eight exercises
    in `exercises/exercises_14.py`.
    """)
    return


@app.cell
def _():
    exercise_file = watch_exercises("14")
    return (exercise_file,)


@app.cell
def _(exercise_file):
    ex = exercise_module("14", exercise_file)  # re-loads whenever you save the file
    mo.md(f"Loaded `{current_target()}/exercises_14.py`; cells using it re-run on save.")
    return (ex,)


@app.function
def yours(result: Attempt, note: str = "", show: Callable | None = None) -> object:
    """A learner's result under a heading that names their function."""
    return mo.vstack([mo.md(f"**Your `{result.name}`**{note}"), result.view(show)])


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## The setting: a shelf of featured cards

    The reference model (`mlcourse.models`) is trained on 75% of the cards and prices the
    rest. The groups are the three **series** in the data: *Base* (1999-2002, "vintage"),
    *Sword & Shield* and *Scarlet & Violet* (modern). A card goes on the featured shelf when
    its **predicted** price reaches a threshold; it *deserves* to when its market price does.

    ## Who gets featured?

    Per series: the **base rate** (share of cards that deserve the shelf), the **selection
    rate** (share put on it), the **TPR** (share of deserving cards put on it) and the
    **FPR** (share of the others put on it anyway).
    """)
    return


@app.function
@mo.cache
def priced_test_cards(seed: int, blind_to_set: bool = False) -> tuple[Pipeline, pd.DataFrame]:
    """Fit the reference model on a grouped split; return it and the test rows, priced.

    With `blind_to_set`, `set_id` and `series` hold one constant value, so the model cannot
    use them and must learn what they carry from the other columns.
    """
    cards = load_cards()
    if blind_to_set:
        cards = cards.assign(set_id="any", series="any")
    train, test = group_split(cards, test_size=TEST_SIZE, seed=seed)
    with threadpool_limits(limits=1):  # one thread: OpenMP on a busy machine is far slower
        model = fit_price_model(train, seed=seed)
        return model, test.assign(predicted_price=predict_price(model, test))


@app.cell
def _():
    _, results = priced_test_cards(SEED)
    _prices = results.groupby("series")[["market_price", "predicted_price"]]
    _prices.agg(["size", "median", "mean"]).loc[SERIES_ORDER].round(2)
    return (results,)


@app.cell
def _():
    featured_price = mo.ui.slider(
        steps=[2, 5, 10, 20, 50, 100], value=10, show_value=True, label="Featured from ($)"
    )
    featured_price
    return (featured_price,)


@app.function
def shelf_rates(results: pd.DataFrame, price: float) -> pd.DataFrame:
    """The notebook's own per-series rates for a shelf that starts at `price` dollars."""
    deserves, featured = results["market_price"] >= price, results["predicted_price"] >= price
    rows = {}
    for series, index in results.groupby("series").groups.items():
        d, f = deserves[index], featured[index]
        rows[series] = {
            "deserving": d.sum(),
            "base rate": d.mean(),
            "selection rate": f.mean(),
            "TPR": f[d].mean(),
            "FPR": f[~d].mean(),
        }
    return pd.DataFrame.from_dict(rows, orient="index").loc[SERIES_ORDER]


@app.cell
def _(featured_price, results):
    shelf = shelf_rates(results, featured_price.value)
    _ax = shelf.drop(columns="deserving").plot.bar(figsize=(8, 3), rot=0)
    _ax.set(ylim=(0, 1.05), ylabel="share", title=f"Shelf from ${featured_price.value}")
    _ax.legend(ncol=4, loc="upper right", fontsize=8)
    mo.vstack([_ax, shelf.round(3)])
    return


@app.cell
def _(ex, featured_price, results):
    truth = (results["market_price"] >= featured_price.value).astype(int).to_numpy()
    featured = (results["predicted_price"] >= featured_price.value).astype(int).to_numpy()
    series = results["series"].to_numpy()
    mo.hstack(
        [
            yours(attempt(ex.selection_rates, featured, series)),
            yours(attempt(ex.demographic_parity_difference, featured, series)),
            yours(attempt(ex.disparate_impact_ratio, featured, series), " (four-fifths line: 0.8)"),
        ],
        widths=[1, 1, 1],
    )
    return featured, series, truth


@app.cell
def _(ex, featured, series, truth):
    mo.hstack(
        [
            yours(attempt(ex.group_error_rates, truth, featured, series)),
            yours(attempt(ex.equalized_odds_gaps, truth, featured, series)),
        ],
        widths=[3, 2],
    )
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - At **$10** about 44% of Base cards are featured and 3-6% of modern ones: a disparate
      impact ratio under 0.1, far below the four-fifths line. The base rates say why: Base
      cards really are worth more. **Demographic parity** ignores merit, so reaching it here
      would mean featuring cheap modern cards. It fits decisions where merit is spread
      evenly or cannot be measured, not this one.
    - Now the TPRs: **equal opportunity** asks whether *deserving* cards are featured alike.
      At $10 the model features 95% of deserving Base cards and under half of deserving
      Sword & Shield cards: those sellers lose the shelf they earned.
    - Slide to **$100**: the TPR gap reaches 1.0, but check the `deserving` column: a
      handful of modern cards, so one card flips the rate. Always show counts beside rates.
    ///

    ## In dollars: who is undervalued?

    The shelf is one decision; the suggested price is another. The **mean signed error**
    (predicted - true, in dollars) per group is a calibration check: negative means sellers
    who follow the suggestion ask less than their cards are worth.
    """)
    return


@app.cell
def _(ex, results, series):
    _error = (results["predicted_price"] - results["market_price"]).groupby(series).mean()
    _fig, _ax = plt.subplots(figsize=(6, 2.2))
    _ax.barh(SERIES_ORDER, _error.loc[SERIES_ORDER], color="#c63")
    _ax.set(xlabel="mean of predicted - true ($)", title="Mean signed error (notebook)")
    _prices = results["market_price"].to_numpy(), results["predicted_price"].to_numpy()
    mo.hstack([_fig, yours(attempt(ex.mean_signed_error_by_group, *_prices, series))])
    return


@app.cell(hide_code=True)
def _():
    mo.md(rf"""
    Base cards are undervalued by about $9 each on average, modern ones by $0.35 to $1.30: the
    model learned mostly from modern cards (Base is about 5% of the rows). In log price, the
    scale the model is trained and scored on, the Base gap is small: a metric on the log
    scale hides a harm counted in dollars. Report both.

    ## A bias audit

    An audit repeats one check for every segment and flags the outliers. Here the metric is
    the **mean log error** `mean(log(predicted / true))`: -0.15 means priced about 14% too
    low. A segment is flagged when its gap to all rows is beyond ±{AUDIT_THRESHOLD} and it
    has at least {AUDIT_MIN_N} test rows.
    """)
    return


@app.cell
def _():
    audit_segment = mo.ui.dropdown(
        ["series", "rarity", "finish", "set_name"], value="rarity", label="Audit segments by"
    )
    audit_segment
    return (audit_segment,)


@app.function
def mean_log_error(rows: pd.DataFrame) -> float:
    """Mean of log(predicted / true): below 0, the rows are priced too low on average."""
    return float(np.mean(np.log(rows["predicted_price"] / rows["market_price"])))


@app.cell
def _(audit_segment, ex, results):
    _rows = results.assign(rarity=results["rarity"].fillna("(none)"))
    _args = (_rows, audit_segment.value, mean_log_error, AUDIT_THRESHOLD, AUDIT_MIN_N)
    _groups = _rows.groupby(audit_segment.value)
    _gaps = _groups.apply(mean_log_error) - mean_log_error(_rows)
    _gaps = _gaps[_groups.size() >= AUDIT_MIN_N].sort_values()
    _fig, _ax = plt.subplots(figsize=(6, 0.22 * len(_gaps) + 1))
    _ax.barh(_gaps.index, _gaps, color=np.where(_gaps.abs() > AUDIT_THRESHOLD, "#c63", "#999"))
    for _edge in (-AUDIT_THRESHOLD, AUDIT_THRESHOLD):
        _ax.axvline(_edge, color="black", ls="--", lw=0.8)
    _ax.set(xlabel="gap in mean log error", title=f"Segments with >= {AUDIT_MIN_N} rows")
    _ax.tick_params(axis="y", labelsize=7)
    mo.hstack([_fig, yours(attempt(ex.bias_audit, *_args))])
    return


@app.cell(hide_code=True)
def _():
    mo.md(rf"""
    /// tip | Try it
    - **rarity**: promos are priced about 20% above their market price. The rarest tiers
      (Amazing, Radiant, ACE SPEC) have too few rows to judge: your audit lists them,
      unflagged. A flag starts an investigation (more data? a missing feature?); it is not
      a verdict.
    - **series**: no flag in log terms, though Base cards lose the most dollars: the choice
      of metric decides who counts as harmed.
    - **set_name**: 45 segments. The Scarlet & Violet promo set is clearly off; with this
      many segments some flags will also be chance. More segments, more false alarms.
    ///

    ## What does the model rely on? Permutation importance

    Shuffle one column of the test rows, so its values no longer belong to their cards, and
    measure how much worse the **same fitted model** gets (MAE in log price). Bars:
    scikit-learn's `permutation_importance`; dots: yours, on the same {EXPLAIN_ROWS} rows.
    """)
    return


@app.cell
def _():
    blind_to_set = mo.ui.checkbox(label="Refit without set_id and series (hide the set)")
    blind_to_set
    return (blind_to_set,)


@app.cell
def _(blind_to_set):
    explained_model, _priced = priced_test_cards(SEED, blind_to_set.value)
    _rows = _priced.sample(EXPLAIN_ROWS, random_state=SEED)
    explain_X = card_features(_rows)
    explain_y = np.log(_rows["market_price"].to_numpy())
    return explain_X, explain_y, explained_model


@app.cell
def _(ex, explain_X, explain_y, explained_model):
    _data = (explained_model, explain_X, explain_y)
    with threadpool_limits(limits=1):
        _ref = sklearn_permutation_importance(
            *_data, scoring="neg_mean_absolute_error", n_repeats=N_REPEATS, random_state=SEED
        )
        _yours = attempt(ex.permutation_importance, *_data, mean_absolute_error, N_REPEATS, SEED)
    _names = explain_X.columns[np.argsort(_ref.importances_mean)]
    _fig, _ax = plt.subplots(figsize=(7, 3.4))
    _ax.barh(_names, np.sort(_ref.importances_mean), color="#36c")
    with contextlib.suppress(Exception):  # a result of another shape is only shown below
        _ax.scatter(_yours.value["importance_mean"][_names], _names, color="black", zorder=3)
    _ax.set(xlabel="rise in MAE (log price) when shuffled", title="Permutation importance")
    mo.hstack([_fig, yours(_yours, show=lambda v: v.round(4))], widths=[3, 2])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    Tick **Refit without set_id and series**. `set_age_years` was near the bottom: the model
    reads the set from `set_id` and `series`, so shuffling the age alone cost little. Without
    them the age carries the set, and its importance jumps to second place. Correlated
    features *share* importance: a low score means "the model can do without it, given the
    others", not "it doesn't matter". And importance describes the model, not the world: it
    says nothing about what *causes* a price.
    ///

    ## Partial dependence: how does the prediction move with one feature?

    Set the feature to one value in **every** row, predict, average; repeat along a grid.
    Line: scikit-learn's `partial_dependence(method="brute")`; dots: yours. The model
    predicts log price, so the axis shows exp(average): a typical price in dollars.
    """)
    return


@app.cell
def _():
    pd_feature = mo.ui.dropdown(NUMERIC_FEATURES, value="pokedex_number", label="Feature")
    pd_feature
    return (pd_feature,)


@app.function
def feature_grid(values: pd.Series) -> np.ndarray:
    """Every observed value when there are few, else PD_GRID points from min to max."""
    observed = np.unique(values.dropna())
    if len(observed) <= PD_GRID:
        return observed
    return np.linspace(observed[0], observed[-1], PD_GRID)


@app.cell
def _(ex, explain_X, explained_model, pd_feature):
    _name = pd_feature.value
    _grid = feature_grid(explain_X[_name])
    with threadpool_limits(limits=1):
        _ref = sklearn_partial_dependence(
            explained_model, explain_X, [_name], method="brute", custom_values={_name: _grid}
        )
        _yours = attempt(ex.partial_dependence, explained_model, explain_X, _name, _grid)
    _fig, _ax = plt.subplots(figsize=(7, 2.8))
    _ax.plot(_grid, np.exp(_ref["average"][0]), color="#36c", label="scikit-learn")
    with contextlib.suppress(Exception):  # a result of another shape is only shown below
        _ax.scatter(_grid, np.exp(np.asarray(_yours.value, float)), color="k", label="yours")
    _ax.plot(explain_X[_name], np.full(len(explain_X), _ax.get_ylim()[0]), "|", color="#999")
    _ax.set(xlabel=f"{_name} (grey ticks: the data)", ylabel="typical price ($)")
    _ax.legend()
    mo.vstack([_fig, yours(_yours, show=lambda v: np.round(v, 3))])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - **pokedex_number**: the first Pokémon (Pokédex 1-151, the 1996 games) are priced
      about twice as high as the rest, all else equal. That is what the model learned, not
      why buyers pay it (nostalgia is a guess the curve cannot confirm).
    - **set_age_years**: flat, because the model reads the set from `set_id`. Tick the box
      above: now a step of about 20 times appears after 5 years. The grey ticks show no
      card aged 6-22 years, so the flat middle of the curve is the model guessing.
    - Partial dependence changes one feature and keeps the others: "a Scarlet & Violet card
      from 1999" is a card that cannot exist. With correlated features, trust the curve
      only where the data are.
    ///

    ## Privacy: releasing a listings table

    PokeMarket wants to publish its listings for researchers. Names are removed, but each
    row keeps the seller's zip code and age. The table is **simulated** (real cards and
    prices, invented sellers). Anyone who knows a neighbour's zip code and age can look them
    up: those columns are **quasi-identifiers**, and the table's **k** is the size of the
    smallest crowd sharing them. k = 1 means someone is unique.
    """)
    return


@app.function
def simulated_listings(n: int, seed: int) -> pd.DataFrame:
    """A simulated listings table: real cards and prices, invented sellers' zip and age."""
    rng = np.random.default_rng(seed)
    cards = load_cards().sample(n, random_state=seed)
    return pd.DataFrame(
        {
            "seller_zip": rng.choice(ZIP_CODES, size=n),
            "seller_age": rng.integers(20, 70, size=n),
            "card": cards["name"].to_numpy(),
            "series": cards["series"].to_numpy(),
            "asking_price": cards["market_price"].to_numpy(),
        }
    )


@app.cell
def _(ex):
    listings = simulated_listings(LISTINGS, SEED)
    mo.vstack([listings.head(4), yours(attempt(ex.k_anonymity, listings, list(LADDERS)))])
    return (listings,)


@app.cell
def _():
    bucket_widths = mo.ui.dictionary(
        {
            "seller_zip": mo.ui.slider(steps=ZIP_WIDTHS, show_value=True, label="Zip code"),
            "seller_age": mo.ui.slider(steps=AGE_WIDTHS, show_value=True, label="Age (years)"),
        },
        label="Bucket widths",
    )
    bucket_widths
    return (bucket_widths,)


@app.cell
def _(bucket_widths, ex, listings):
    _widths = bucket_widths.value
    _coarse = listings.assign(**{c: listings[c] // w * w for c, w in _widths.items()})
    _sizes = _coarse.groupby(list(LADDERS)).size()
    _fig, _ax = plt.subplots(figsize=(6, 2.4))
    _ax.hist(_sizes, bins=np.arange(1, _sizes.max() + 2) - 0.5, color="#36c")
    _ax.set(
        xlabel="rows sharing one (zip, age) bucket",
        ylabel="buckets",
        title=f"k = {_sizes.min()} (notebook), {len(_sizes)} buckets",
    )
    mo.hstack([_fig, yours(attempt(ex.generalize, listings, _widths), show=lambda v: v.head(4))])
    return


@app.cell
def _(ex, listings):
    _found = attempt(ex.generalize_to_k, listings, LADDERS, K_TARGET)
    yours(_found, show=lambda v: mo.vstack([v[0].head(4), mo.md(f"level `{v[1]}`")]))
    return


@app.cell(hide_code=True)
def _():
    mo.md(rf"""
    /// tip | Try it
    - Zip width **1000** (10025 becomes 10000, "10xxx") and age width **10**: k reaches 11,
      while each row says less.
    - Age width **25** is *worse* than 10: buckets start at 0, 25, 50, so ages 20-24 form a
      thin bucket of their own. Coarser is not automatically safer; check k.
    - k-anonymity has limits: if everyone in a bucket sold only Base cards, the bucket still
      tells what they sold. `generalize_to_k` (above) searches for the least coarse level of
      `LADDERS` that reaches k = 5.
    ///

    ## Differential privacy: answers with calibrated noise

    Instead of rows, release answers with noise. The **Laplace mechanism** adds noise of
    scale `sensitivity / epsilon`: the sensitivity is the most one seller can change the
    answer (1 for a count), epsilon is the privacy budget. Below, the count of Base
    listings and the mean asking price (clipped to 0-{PRICE_CAP:.0f} dollars, so one seller
    moves it by at most {PRICE_CAP:.0f} / n dollars), each released {RELEASES:,} times to
    show the spread.
    """)
    return


@app.cell
def _():
    epsilon = mo.ui.slider(
        steps=[0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0],
        value=0.5,
        show_value=True,
        label="Privacy budget epsilon",
    )
    epsilon
    return (epsilon,)


@app.cell
def _(epsilon, listings):
    true_count = float((listings["series"] == "Base").sum())
    true_mean = float(listings["asking_price"].clip(0, PRICE_CAP).mean())
    _rng = np.random.default_rng(SEED)
    _scales = {
        "count of Base listings": (true_count, 1 / epsilon.value),
        "mean asking price ($)": (true_mean, PRICE_CAP / LISTINGS / epsilon.value),
    }
    _fig, _axes = plt.subplots(1, 2, figsize=(9, 2.6))
    for _ax, (_name, (_truth, _scale)) in zip(_axes, _scales.items(), strict=True):
        _draws = _truth + _rng.laplace(0, _scale, RELEASES)
        _ax.hist(_draws, bins=40, color="#36c")
        _ax.axvline(_truth, color="black")
        _ax.set(title=f"{_name}: typical error {np.mean(np.abs(_draws - _truth)):.3g}")
    _fig
    return true_count, true_mean


@app.cell
def _(epsilon, ex, listings, true_count, true_mean):
    _count = attempt(
        ex.laplace_mechanism, true_count, 1.0, epsilon.value, np.random.default_rng(SEED)
    )
    _prices = listings["asking_price"].to_numpy()
    _mean = attempt(
        ex.private_mean, _prices, 0.0, PRICE_CAP, epsilon.value, np.random.default_rng(SEED)
    )
    mo.hstack(
        [
            yours(_count, f" (true count {true_count:.0f})", lambda v: mo.md(f"`{v:.2f}`")),
            yours(_mean, f" (true clipped mean ${true_mean:.2f})", lambda v: mo.md(f"`${v:.2f}`")),
        ],
        widths=[1, 1],
    )
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - At **epsilon = 0.01** a count of 17 comes back off by about 100: private, and useless.
      At **5** the error is a fraction of one listing.
    - The mean's sensitivity is $100 / 400 = $0.25: more listings, less noise for the same
      privacy. A lower cap cuts the noise further but clips more real prices, and biases
      the mean: the cap trades noise for bias.
    - Every release spends budget: asking the same question 100 times and averaging would
      cancel the noise, so the epsilons of all answers add up.
    ///

    ## Exercises

    Write the functions in `exercises/exercises_14.py` in order: `selection_rates`,
    `demographic_parity_difference`, `disparate_impact_ratio`; `group_error_rates`,
    `equalized_odds_gaps`; `mean_signed_error_by_group`; `bias_audit`;
    `permutation_importance`; `partial_dependence`; `k_anonymity`, `generalize`,
    `generalize_to_k`; `laplace_mechanism`, `private_mean`. The panel runs the same checks
    as `uv run pytest exercises/test_exercises_14.py` whenever you save the file.
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

    1. The featured shelf fails the four-fifths rule by a wide margin. Is it unfair? Which
       metric would you report to a seller of Sword & Shield cards, and why that one?
    2. Base cards lose dollars but raise no flag in log error. Who should choose an audit's
       metric, and where would you write that choice down?
    3. `set_age_years` looked unimportant until the set columns were removed. What do you
       tell a stakeholder who wants to drop the "unimportant" features?
    4. The listings table reaches k = 5. Name an attack k-anonymity does not stop, and what
       you would add against it.
    5. Epsilon 0.1 or 1 for a public dashboard of weekly sales counts per series? Argue from
       the typical error you saw and from how often the dashboard is refreshed.
    """)
    return


if __name__ == "__main__":
    app.run()
