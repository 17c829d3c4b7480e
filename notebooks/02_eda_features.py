import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")

with app.setup:
    import marimo as mo
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    from sklearn.ensemble import HistGradientBoostingRegressor
    from sklearn.inspection import permutation_importance
    from threadpoolctl import threadpool_limits

    from mlcourse.checks import attempt, check_panel, exercise_module, watch_exercises
    from mlcourse.data import load_cards
    from mlcourse.splits import group_split

    SEED = 42  # feeds every random_state in this notebook
    VALID_SIZE = 0.2  # share of cards held out to validate on
    SNAPSHOT_DATE = pd.Timestamp("2025-03-01")  # the day the market prices were taken
    CHALLENGE_MARGIN = 0.35  # the challenge: an MAE at least 35% below the baseline's
    ATTRIBUTES = [  # printed on the card or known when its set is released
        "rarity", "finish", "set_age_years", "hp", "supertype", "types", "series", "retreat_cost",
    ]
    MANY_VALUED = ["set_id", "artist"]  # attributes with dozens to hundreds of categories
    LEAKY = ["log_low_price", "log_high_price", "log_prev_price"]  # exist only after listing
    # One thread per model: on a busy machine OpenMP's threads can make a fit 100x slower.
    _threads = threadpool_limits(limits=1)


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    # EDA and feature engineering

    Before training anything (module 03), look at the data, turn what you see into
    features, and make sure none of them cheats. The last part sinks real projects.

    **What you will be able to do**

    - explore a heavy-tailed price systematically, on the right scale;
    - turn domain knowledge (rarity, secret rares, popular Pokémon, artists) into features;
    - recognise **data leakage**: why a leaky model looks brilliant and fails in production;
    - build a `ColumnTransformer` that learns from training rows only and survives
      categories it has never seen;
    - rank features by permutation importance and pick a set that beats a baseline.

    **Time:** about 4 hours: 1.5 for this notebook, 2.5 for the exercises in
    `exercises/exercises_02.py`, the feature challenge included.
    """)
    return


@app.cell
def _():
    exercise_file = watch_exercises("02")
    return (exercise_file,)


@app.cell
def _(exercise_file):
    ex = exercise_module("02", exercise_file)
    return (ex,)


@app.function
def yours(*results: tuple[str, object]) -> object:
    """The learner's results side by side, each under a caption naming the call."""
    return mo.hstack(
        [mo.vstack([mo.md(f"**Your `{call}`**"), shown]) for call, shown in results],
        justify="start", gap=4,
    )


@app.function
def log_price(cards: pd.DataFrame) -> pd.Series:
    """The target on the scale we model: natural log of the market price in USD."""
    return np.log(cards["market_price"])


@app.function
def candidate_features(cards: pd.DataFrame) -> pd.DataFrame:
    """The notebook's own feature table: card attributes plus three columns that leak."""
    table = cards[["rarity", "finish", "supertype", "types", "series", *MANY_VALUED]]
    return table.astype("category").assign(  # text as categories, which the model splits on
        set_age_years=(SNAPSHOT_DATE - cards["set_release_date"]).dt.days / 365.25,
        hp=cards["hp"].astype("float64"),
        retreat_cost=cards["retreat_cost"].astype("float64"),
        log_low_price=np.log(cards["low_price"]),
        log_high_price=np.log(cards["high_price"]),
        log_prev_price=np.log(cards["prev_market_price"]),
    )


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Split first, then look

    The finishes of one card share every attribute, so the split keeps each card on one side
    (`mlcourse.splits.group_split`, the reference version of your module 01 split). Models
    below train on `train` and are judged on `valid`, cards they have never seen.
    """)
    return


@app.cell
def _():
    cards = load_cards()
    train, valid = group_split(cards, test_size=VALID_SIZE, seed=SEED)
    features = candidate_features(cards)
    mo.md(
        f"**{len(cards):,}** rows, **{cards['card_id'].nunique():,}** cards. Train: "
        f"{len(train):,} rows; validation: {len(valid):,} rows; cards on both sides: "
        f"{len(set(train['card_id']) & set(valid['card_id']))}."
    )
    return cards, features, train, valid


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Step 1: what is in the table

    Start every EDA with types and gaps. Missing values here are not noise: `hp` and `types`
    are missing because Trainer and Energy cards have none, `artist` for whole recent sets.
    """)
    return


@app.cell
def _(cards):
    pd.DataFrame({"dtype": cards.dtypes.astype(str), "missing": cards.isna().sum(),
                  "distinct": cards.nunique(), "first row": cards.iloc[0].astype(str)})
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Step 2: the target's distribution, raw and log

    In dollars, one bar and a long invisible tail; in log, a shape a model can work with.
    Below the plots: your share of rows under $1 and your skewness (dollars, log).
    """)
    return


@app.cell
def _(cards):
    _fig, (_raw, _log) = plt.subplots(1, 2, figsize=(9, 3))
    _raw.hist(cards["market_price"], bins=60, color="#999")
    _raw.set(xlabel="market price (USD)", ylabel="rows", title="dollars")
    _log.hist(log_price(cards), bins=60, color="#36c")
    _log.set(xlabel="log market price", title="natural log")
    _fig.tight_layout()
    _fig
    return


@app.cell
def _(cards, ex):
    _share = attempt(ex.share_under_one_dollar, cards).view(lambda s: mo.md(f"{s:.1%}"))
    _skew = attempt(ex.price_skewness, cards).view(lambda s: mo.md(f"{s[0]:.1f}, {s[1]:.2f}"))
    yours(("share_under_one_dollar(cards)", _share), ("price_skewness(cards)", _skew))
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    Three rows in four sell for under a dollar; the skewness drops from about 23 to 1.2 in
    log. So the course models `log(market_price)` and reports MAE in log price: an error of
    0.1 means "about 10% off" on a $0.10 card and on a $100 one alike.

    ## Step 3: price by group

    Pick a column; the boxes show the log price of each of its groups, sorted by median.
    """)
    return


@app.cell
def _():
    group_by = mo.ui.dropdown(options=["finish", "rarity", "series", "supertype"],
                              value="finish", label="Compare the log price by")
    group_by
    return (group_by,)


@app.cell
def _(cards, group_by):
    _groups = log_price(cards).groupby(cards[group_by.value])
    _order = _groups.median().sort_values().index
    _fig, _ax = plt.subplots(figsize=(9, 0.3 * len(_order) + 1.2))
    _ax.boxplot([_groups.get_group(g) for g in _order], orientation="horizontal", showfliers=False)
    _ax.set_yticks(range(1, len(_order) + 1), _order)
    _ax.set_xlabel("log market price (boxes: middle half of the rows, line: median)")
    _fig.tight_layout()
    _fig
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - Pick **rarity**: the medians climb from Common to Special Illustration Rare by about
      six log units, a factor of 300. Which rarities overlap so much that a model could not
      tell them apart by rarity alone?
    - Pick **series**: old Base and Gym cards are dearer than recent ones. Is that age, or
      the fact that only some vintage sets are in the data (see `data/README.md`)?
    ///
    """)
    return


@app.cell
def _(cards, ex):
    _medians = attempt(ex.median_price_by_finish, cards).view()
    _rarity = attempt(ex.priciest_rarity, cards).view(lambda r: mo.md(f"`{r}`"))
    yours(("median_price_by_finish(cards)", _medians), ("priciest_rarity(cards)", _rarity))
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Step 4: price against age

    Each dot is a row; each black dash is the median of one set. The data holds two eras,
    the last five years and a few sets from 1999-2002, with nothing in between.
    """)
    return


@app.cell
def _(cards, features):
    _fig, _ax = plt.subplots(figsize=(9, 3.2))
    for _finish, _color in [("normal", "#999"), ("reverse_holofoil", "#3a7"), ("holofoil", "#c63")]:
        _rows = cards["finish"] == _finish
        _ax.scatter(features.loc[_rows, "set_age_years"], log_price(cards)[_rows], s=3,
                    alpha=0.3, color=_color, label=_finish)
    _by_set = log_price(cards).groupby(features["set_age_years"]).median()
    _ax.scatter(_by_set.index, _by_set.to_numpy(), marker="_", s=150, color="black",
                label="median per set")
    _ax.set(xlabel="set age at the snapshot (years)", ylabel="log market price")
    _ax.legend(markerscale=2, fontsize=8)
    _fig
    return


@app.cell
def _(cards, ex):
    _r = attempt(ex.log_price_age_correlation, cards).view(lambda r: mo.md(f"r = {r:.3f}"))
    yours(("log_price_age_correlation(cards)", _r))
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    A correlation of about 0.3 sounds like "older is dearer". The plot says something more
    precise: within the recent era age barely matters, and the correlation comes from the
    vintage cluster, a few hundred rows from sets collectors have kept for 25 years. One
    number summarises a shape only when the shape is simple: plot first.

    ## Step 5: features from domain knowledge

    Collectors pay for things the raw columns only hint at. Exercise `engineer_features`
    turns them into ten named columns; its docstring defines each one exactly:

    | feature | the collector's idea behind it |
    | --- | --- |
    | `set_age_years` | older sets are out of print |
    | `rarity_tier` | 23 rarity names collapse into 5 tiers a collector would recognise |
    | `is_secret_rare` | numbered past the set's main list ("205/198"): the chase cards |
    | `is_popular_pokemon` | Charizard, Pikachu, Umbreon... sell at any rarity |
    | `finish`, `stage` | holofoil and evolved Pokémon are scarcer |
    | `artist_fame` | prolific artists have followings |
    | `log_low_price`, `listing_spread`, `log_prev_price` | from the listings and last week |

    Your table, once `engineer_features` is written:
    """)
    return


@app.cell
def _(cards, ex):
    attempt(ex.engineer_features, cards).view(lambda f: f.head(8))
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Step 6: data leakage, the central lesson

    A feature **leaks** when it carries the answer and does not exist when the model is
    used. The assistant runs when a seller lists a card: nobody knows that card's lowest and
    highest listing today, and a new card has no price from last week. The table has those
    columns anyway (`low_price`, `high_price`, `prev_market_price`), recorded *with* the
    target. The switch adds them (as logs) to the eight card attributes; the model is then
    scored twice on the validation cards: as the notebook sees them, and as at listing time.
    """)
    return


@app.cell
def _():
    use_leaky = mo.ui.switch(value=True, label="Include listing prices and last week's price")
    use_leaky
    return (use_leaky,)


@app.function
@mo.cache
def fit_model(X: pd.DataFrame, y: pd.Series) -> HistGradientBoostingRegressor:
    """The course's untuned gradient-boosting model, fitted (and cached) for X and y."""
    model = HistGradientBoostingRegressor(max_iter=200, learning_rate=0.1, early_stopping=False,
                                          categorical_features="from_dtype", random_state=SEED)
    return model.fit(X, y)


@app.function
def mae(model: HistGradientBoostingRegressor, X: pd.DataFrame, y: pd.Series) -> float:
    """Mean absolute error in log price."""
    return float(np.mean(np.abs(model.predict(X) - y.to_numpy())))


@app.cell
def _(features, train, use_leaky, valid):
    _columns = ATTRIBUTES + (LEAKY if use_leaky.value else [])
    _model = fit_model(features.loc[train.index, _columns], log_price(train))
    _X = features.loc[valid.index, _columns]
    _at_listing = _X.assign(**{c: np.nan for c in LEAKY if c in _columns})
    leak_scores = {
        "validation (as the notebook sees it)": mae(_model, _X, log_price(valid)),
        "at listing time (no listings, no history)": mae(_model, _at_listing, log_price(valid)),
    }
    _fig, _ax = plt.subplots(figsize=(8, 1.8))
    _bars = _ax.barh(list(leak_scores), list(leak_scores.values()), color=["#3a7", "#c63"])
    _ax.bar_label(_bars, fmt="%.2f", padding=3)
    _ax.invert_yaxis()
    _ax.set(xlabel="MAE in log price (lower is better)", xlim=(0, 5))
    _fig
    return (leak_scores,)


@app.cell(hide_code=True)
def _(leak_scores):
    _seen, _listing = leak_scores.values()
    mo.md(rf"""
    /// tip | Try it
    - Switch **on** (now: {_seen:.2f} and {_listing:.2f}): an MAE near 0.11 on validation looks
      like a triumph, as close as last week's price itself. At listing time the same model
      is off by over 4 log units, a factor of about 70: it learned to copy the listing price
      and has nothing to copy.
    - Switch **off**: both bars show the same, honest number (about 0.43). That is the model
      you can ship; every gain from here has to come from features that exist at listing.
    ///

    /// attention | Correlation is not leakage
    Rarity correlates strongly with price, and it is fine: it is printed on the card. The
    test is *when* a value becomes known, not how well it predicts. A target-derived
    feature can also hide behind an innocent name: "the artist's average price" is the
    target, averaged.
    ///
    """)
    return


@app.cell
def _(ex):
    _names = attempt(ex.leaky_features).view(lambda s: mo.md(", ".join(map(str, sorted(s)))))
    yours(("leaky_features()", _names))
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Step 7: preprocessing that learns from the training rows only

    Linear models and kNN (module 03) need complete numbers on comparable scales. A
    `ColumnTransformer` imputes and scales numeric columns and one-hot encodes text ones;
    a `Pipeline` chains the steps. Each step *learns* (a median, a mean, a list of
    categories): learned from all rows, validation cards seep into training, a quieter leak.
    So `fit` on train, `transform` the rest. A set released after deployment is a category
    the encoder never saw: `handle_unknown="ignore"` makes it a row of zeros, not an error
    at 3 a.m. Below: your preprocessor, then your `fit_transform_split` on validation rows
    whose rarity training never saw.
    """)
    return


@app.cell
def _(ex):
    preprocessor = attempt(ex.build_preprocessor, ["set_age_years", "hp"], ["finish", "rarity"])
    yours(("build_preprocessor(...)", preprocessor.view()))
    return (preprocessor,)


@app.cell
def _(ex, features, preprocessor, train, valid):
    _unseen = features.loc[valid.index].assign(rarity="Mega Hyper Rare")
    _split = (
        attempt(ex.fit_transform_split, preprocessor.value, features.loc[train.index], _unseen)
        if preprocessor.ok
        else preprocessor
    )
    _shapes = _split.view(lambda p: mo.md(f"X_train: {p[0].shape}, X_valid: {p[1].shape}"))
    yours(("fit_transform_split(...)", _shapes))
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Step 8: which features matter?

    **Permutation importance** shuffles one column of the validation rows at a time and
    measures how much worse the model gets: a column whose shuffling costs nothing adds
    nothing. Use validation rows; on training rows a model "needs" what it memorised.
    """)
    return


@app.function
@mo.cache
def importances(X_train: pd.DataFrame, y_train: pd.Series, X_valid: pd.DataFrame,
                y_valid: pd.Series) -> pd.Series:
    """Increase of the validation MAE when each column is shuffled (mean of 3 shuffles)."""
    model = fit_model(X_train, y_train)
    result = permutation_importance(model, X_valid, y_valid, n_repeats=3, random_state=SEED,
                                    scoring="neg_mean_absolute_error")
    return pd.Series(result.importances_mean, index=X_valid.columns).sort_values()


@app.cell
def _(features, train, valid):
    _ranking = importances(features.loc[train.index, ATTRIBUTES], log_price(train),
                           features.loc[valid.index, ATTRIBUTES], log_price(valid))
    _fig, _ax = plt.subplots(figsize=(8, 2.8))
    _ax.barh(_ranking.index, _ranking.to_numpy(), color="#36c")
    _ax.set_xlabel("increase of validation MAE when the column is shuffled")
    _fig
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    Rarity dominates, then series and finish. Correlated columns (`series`, `set_age_years`)
    share importance, so drop one at a time and re-measure. `mutual_info_regression` ranks
    columns without a model, a quicker first look. Now choose; the line below compares your
    choice with the baseline, the training median of cards with the same rarity and finish.
    """)
    return


@app.cell
def _():
    chosen = mo.ui.multiselect(options=ATTRIBUTES + MANY_VALUED, value=["rarity", "finish"],
                               label="Features the model may use")
    chosen
    return (chosen,)


@app.function
def score_against_baseline(table: pd.DataFrame, train: pd.DataFrame, valid: pd.DataFrame) -> str:
    """The fixed model's MAE on `table` beside the baseline's: the median log price of the
    training rows with the same rarity and finish."""
    medians = log_price(train).groupby([train["rarity"], train["finish"]], dropna=False).median()
    keys = pd.MultiIndex.from_frame(valid[["rarity", "finish"]])
    predicted = medians.reindex(keys).fillna(log_price(train).median()).to_numpy()
    baseline = float(np.mean(np.abs(log_price(valid).to_numpy() - predicted)))
    model_mae = mae(fit_model(table.loc[train.index], log_price(train)),
                    table.loc[valid.index], log_price(valid))
    side = "below" if model_mae < baseline else "above"
    return (f"baseline **{baseline:.3f}**, model **{model_mae:.3f}**: "
            f"{abs(1 - model_mae / baseline):.1%} {side} the baseline")


@app.cell
def _(chosen, features, train, valid):
    _text = (score_against_baseline(features[chosen.value], train, valid) if chosen.value
             else "choose at least one feature")
    mo.md(f"MAE in log price on the validation cards: {_text}.")
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - Start from **rarity, finish**: about 0.70, *worse* than the baseline's 0.66 from the
      same two columns. The model minimises squared error, which chases each group's mean;
      MAE rewards the median, and in a skewed group the two differ. A loss that disagrees
      with the metric costs accuracy (module 03 returns to this).
    - Add **set_age_years** (about 0.45), then **series**: series adds nothing once age is
      in, because every series is a range of ages.
    - Select all eight card attributes (about 0.43), then add **set_id** and **artist**
      (about 0.40). Many-valued categories help here, but a set or an artist that appears
      after training gets nothing from them.
    ///

    ## Step 9: the feature challenge

    Write `challenge_features(cards)`: any columns known when a card is listed. The grader
    fits the **fixed model** above (`HistGradientBoostingRegressor(max_iter=200,
    learning_rate=0.1, early_stopping=False, categorical_features="from_dtype")`) on log
    price, on a **hidden split** grouped by card. To pass, its MAE must be **at least 35%
    below the baseline's** (0.607 there: 0.394 or less). It shuffles every price column
    first: features that change leak, and are rejected whatever their score. Below: your
    features on *this* split; a pass here is a good sign, not a guarantee.
    """)
    return


@app.cell
def _(cards, ex, train, valid):
    _features = attempt(ex.challenge_features, cards)
    if _features.ok:
        _table = _features.value.apply(
            lambda c: c.astype(float if pd.api.types.is_numeric_dtype(c) else "category")
        )
        _verdict = mo.md(f"{_table.shape[1]} features: "
                         f"{score_against_baseline(_table, train, valid)} "
                         f"(the bar: {CHALLENGE_MARGIN:.0%} below).")
    else:
        _verdict = _features.view()
    yours(("challenge_features(cards)", _verdict))
    return


@app.cell
def _(ex):
    mo.vstack([
        mo.md("## Exercises\n\nAll in `exercises/exercises_02.py`. The panel runs the same "
              "checks as `uv run pytest exercises/test_exercises_02.py`, re-runs when you save "
              "the file, and shows hints for failed checks."),
        check_panel(ex),
    ])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Reflection

    1. Your colleague's model has MAE 0.11 on validation and she wants to ship it Friday.
       Which three questions do you ask before anything else?
    2. `artist_fame` counts cards in the whole table, validation cards included. Is that a
       leak? What changes if you count a card's *price* instead of its existence?
    3. A new set releases next month. Which of your challenge features will be missing or
       unseen for its cards, and what will the model do with them?
    4. Rarity explains most of the price. Why build a model at all, instead of shipping the
       median by rarity and finish? Answer with numbers from this notebook.
    5. The preprocessor ignores unseen categories silently. When is silence the wrong
       behaviour, and how would you notice it happening in production (module 06)?
    """)
    return


if __name__ == "__main__":
    app.run()
