import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")

with app.setup:
    import marimo as mo
    import matplotlib.pyplot as plt
    import numpy as np

    from mlcourse.checks import attempt, check_panel, exercise_module, watch_exercises
    from mlcourse.loading import current_target

    SEED = 0  # feeds every random draw in this notebook
    LISTINGS_PER_MONTH = 40_000  # PokeMarket's listings per month (a planning figure)
    PRICED_ROWS = 10_442  # card x finish rows with a real market price, 2025-03-01
    MEDIAN_PRICE = 0.37  # USD, median card at its most valuable finish
    P99_PRICE = 163.0  # USD, 99th percentile card at its most valuable finish
    LOG_PRICE_SD = 1.9  # standard deviation of log market price over card x finish rows
    TOP_1PCT_VALUE_SHARE = 0.51  # share of all market value held by the priciest 1% of rows
    WEEKLY_MEDIAN_CHANGE_LOG = 0.069  # median |log change| of a price, 2025-02-22 -> 03-01
    WEEKLY_MAE_LOG = 0.106  # mean |log change|: the MAE of "price = last week's price"
    RULE_MAE_LOG = 0.61  # MAE in log price of the median by rarity and finish
    MODEL_MAE_LOG = 0.35  # MAE in log price of an untuned gradient-boosting model
    RULE_WITHIN_25 = 0.42  # share of rows the median rule prices within 25% (in-sample)
    RECOVERED_SHARE = 0.5  # assumed share of today's mispricing loss the assistant removes
    PAYBACK_SEARCH_MONTHS = 600  # how far ahead the notebook looks for a payback month
    ERROR_LEVELS = {  # MAE in log price of each way to price a card
        "median rule": RULE_MAE_LOG,
        "untuned model": MODEL_MAE_LOG,
        "last week's price": WEEKLY_MAE_LOG,
    }


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    # ML in business context

    PokeMarket, a marketplace for Pokemon trading cards, lets sellers list cards at whatever
    price they guess. The product team proposes a **pricing assistant**: when a seller lists a
    card, suggest a price. Before anyone trains a model, someone has to decide whether to build
    it, what it would earn, and what to promise. This module is that someone's toolkit.

    **What you will be able to do**

    - decide when ML beats a hand-written rule, and when to build nothing at all;
    - compute the ROI and payback month of an ML project, and see which assumptions move them;
    - translate a model metric (MAE in log price) into dollars and into what a seller sees;
    - find the accuracy a model must reach to pay for its own running cost;
    - set honest expectations and name the ways a pricing model fails.

    **Time:** about 2 hours: 1 hour for this notebook, 1 hour for the five exercises in
    `exercises/exercises_00.py`.
    """)
    return


@app.cell(hide_code=True)
def _():
    mo.md(rf"""
    ## The numbers we start from

    All from the course data (real TCGplayer prices, 2025-03-01), except where marked:

    - **{PRICED_ROWS:,}** card x finish combinations have a market price.
    - Prices are heavy-tailed: half the cards sell for under **${MEDIAN_PRICE:.2f}**, 1% for
      over **${P99_PRICE:.0f}**. The priciest 1% of rows hold **{TOP_1PCT_VALUE_SHARE:.0%}**
      of all market value.
    - A card's price moves by a median **{np.expm1(WEEKLY_MEDIAN_CHANGE_LOG):.0%}** from one
      week to the next on its own; even last week's price, used as a prediction, has an MAE of
      **{WEEKLY_MAE_LOG}** in log price. That noise is the floor for any model without price
      history.
    - A simple rule, "the median price of cards with the same rarity and finish", has a mean
      absolute error (MAE) of **{RULE_MAE_LOG}** in log price. An untuned model on card
      attributes reaches **{MODEL_MAE_LOG}**.
    - PokeMarket handles about **{LISTINGS_PER_MONTH:,}** listings a month (a planning
      figure, not measured).

    Errors are measured in log price because prices span four orders of magnitude: a 30-cent
    error is nothing on a $100 card and everything on a 20-cent one.
    """)
    return


@app.cell
def _():
    exercise_file = watch_exercises("00")
    return (exercise_file,)


@app.cell
def _(exercise_file):
    ex = exercise_module("00", exercise_file)  # re-loads whenever you save the file
    mo.md(f"Your exercise module, `{current_target()}/exercises_00.py`, is loaded. Cells that "
          "call your functions re-run whenever you save it.")
    return (ex,)


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## When ML beats a heuristic, and when it doesn't

    A model is worth building only when **all** of these hold. The first one that fails
    usually decides the case.

    | Ask | ML is worth it when | Pricing assistant |
    | --- | --- | --- |
    | How complex is the pattern? | nobody can write the rule | rarity x finish x age x Pokemon |
    | How many decisions? | thousands a month | ~40,000 listings a month |
    | Labelled examples? | known answers to learn and test on | 10,442 real prices |
    | Cost of one error? | small, or a person reviews it | the seller sees and edits it |
    | How fast does it change? | slower than you can retrain | prices drift ~7% a week |

    Three decisions come out of this: **`ml`** (build a model), **`heuristic`** (write a rule,
    formula or table) and **`no_build`** (keep it manual or drop it). A heuristic is also the
    first thing to ship even when ML wins: it is cheap, useful now, and it is the baseline the
    model has to beat.

    Exercise 1, `classify_scenarios`, gives you five PokeMarket proposals. The next cell shows
    them and your current answers.
    """)
    return


@app.cell
def _(ex):
    _texts = getattr(ex, "SCENARIOS", None)
    _listing = (mo.md("\n".join(f"- **`{k}`**: {v}" for k, v in _texts.items()))
                if isinstance(_texts, dict) else mo.md("See `exercises/exercises_00.py`."))
    mo.vstack([
        mo.accordion({"The five scenarios": _listing}),
        mo.md("**Your `classify_scenarios()`:**"),
        attempt(ex.classify_scenarios).view(),
    ])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## What the rule gets, what a model adds, and what nobody can get

    The chart turns the three errors into the typical relative error a seller would see:
    a log error of *d* means a price off by a factor of exp(*d*), so the error is exp(*d*) - 1.
    """)
    return


@app.cell
def _():
    _relative = np.expm1(list(ERROR_LEVELS.values()))
    _fig, _ax = plt.subplots(figsize=(7, 2.4))
    _bars = _ax.barh(list(ERROR_LEVELS), _relative, color=["#999", "#3a7", "#c63"])
    _ax.bar_label(_bars, labels=[f"{r:.0%}" for r in _relative], padding=3)
    _ax.invert_yaxis()
    _ax.set_xlabel("typical relative error of a suggested price")
    _ax.set_xlim(0, 1.0)
    _ax
    return


@app.cell(hide_code=True)
def _():
    mo.md(rf"""
    The model halves the rule's typical error, from about 84% to 42%. The gap down to 11%
    (what even last week's price gets wrong) is what better features and tuning (modules 02
    and 03) can still win; below that, no model that sees only the card can go. Promise
    accordingly.

    ## Return on investment: is the assistant worth building?

    **ROI** = (total benefit - total cost) / total cost over a horizon; the build cost is paid
    once, the running cost every month. The **payback month** is the first month by whose end
    the cumulative net benefit covers the build cost.

    The benefit here is an assumption you should be able to defend: today every listing loses
    some money to a bad price (an underpriced card loses the seller money and PokeMarket fee;
    an overpriced one doesn't sell). The assistant removes **{RECOVERED_SHARE:.0%}** of that
    loss, because it halves the typical error. Set the other numbers with the sliders below;
    after them come the notebook's own ROI and payback month beside what your `project_roi`
    and `payback_month` return for the same inputs, then the project's balance month by month
    (below zero, it still owes part of its build cost).
    """)
    return


@app.cell
def _():
    build_cost = mo.ui.slider(5_000, 150_000, step=5_000, value=40_000, show_value=True,
                              label="Build cost ($, one-off)")
    build_cost
    return (build_cost,)


@app.cell
def _():
    run_cost = mo.ui.slider(0, 10_000, step=250, value=2_000, show_value=True,
                            label="Running cost ($ per month: hosting, monitoring, retraining)")
    run_cost
    return (run_cost,)


@app.cell
def _():
    listings = mo.ui.slider(5_000, 200_000, step=5_000, value=LISTINGS_PER_MONTH,
                            show_value=True, label="Listings per month")
    listings
    return (listings,)


@app.cell
def _():
    loss_per_listing = mo.ui.slider(0.05, 2.0, step=0.05, value=0.30, show_value=True,
                                    label="Mispricing loss today ($ per listing)")
    loss_per_listing
    return (loss_per_listing,)


@app.cell
def _():
    horizon = mo.ui.slider(6, 60, step=6, value=24, show_value=True, label="Horizon (months)")
    horizon
    return (horizon,)


@app.function
def cumulative_balance(build: float, run: float, benefit: float, months: int) -> np.ndarray:
    """The project's balance at the end of months 0..months: -build, then +(benefit - run)."""
    return -build + (benefit - run) * np.arange(months + 1)


@app.function
def compare(name: str, got: object, expected: float | None, tol: float = 1e-6) -> mo.Html:
    """Show what a learner's function returned and whether it agrees with the notebook."""
    try:
        same = got is None if expected is None else abs(float(got) - expected) <= tol * max(
            1.0, abs(expected))
    except (TypeError, ValueError):
        same = False
    verdict = "agrees with the notebook" if same else "**differs from the notebook**"
    return mo.md(f"`{name}` returned `{got!r}`: {verdict}.")


@app.cell
def _(build_cost, horizon, listings, loss_per_listing, run_cost):
    monthly_benefit = listings.value * loss_per_listing.value * RECOVERED_SHARE
    balance = cumulative_balance(build_cost.value, run_cost.value, monthly_benefit,
                                 horizon.value)
    total_cost = build_cost.value + run_cost.value * horizon.value
    notebook_roi = float(balance[-1] / total_cost)  # the final balance is the net gain
    _ahead = cumulative_balance(build_cost.value, run_cost.value, monthly_benefit,
                                PAYBACK_SEARCH_MONTHS)
    _paid = np.flatnonzero(_ahead[1:] >= 0)
    notebook_payback = int(_paid[0]) + 1 if _paid.size else None
    return balance, monthly_benefit, notebook_payback, notebook_roi


@app.cell
def _(build_cost, ex, horizon, monthly_benefit, notebook_payback, notebook_roi, run_cost):
    _args = (build_cost.value, run_cost.value, monthly_benefit)
    _payback = "never" if notebook_payback is None else f"month {notebook_payback}"
    mo.hstack([
        mo.stat(f"{notebook_roi:.0%}", label=f"ROI over {horizon.value} months",
                caption=f"benefit ${monthly_benefit:,.0f} a month"),
        mo.stat(_payback, label="Payback"),
        mo.vstack([
            attempt(ex.project_roi, *_args, horizon.value).view(
                lambda v: compare("project_roi", v, notebook_roi)),
            attempt(ex.payback_month, *_args).view(
                lambda v: compare("payback_month", v, notebook_payback)),
        ]),
    ], widths=[1, 1, 3])
    return


@app.cell
def _(balance, notebook_payback):
    _fig, _ax = plt.subplots(figsize=(7, 3))
    _months = np.arange(len(balance))
    _ax.plot(_months, balance / 1000, marker=".", color="#36c")
    _ax.axhline(0, color="black", linewidth=0.8)
    _ax.fill_between(_months, balance / 1000, 0, where=balance < 0, color="#c63", alpha=0.2,
                     interpolate=True)
    if notebook_payback is not None and notebook_payback < len(balance):
        _ax.axvline(notebook_payback, color="#3a7", linestyle="--", label="payback")
        _ax.legend()
    _ax.set_xlabel("month")
    _ax.set_ylabel("cumulative balance (k$)")
    _ax
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - Drag **listings per month** down to 10,000 and watch the payback become *never*: the
      benefit ($1,500 a month) no longer covers the running cost ($2,000). Small marketplaces
      rarely pay for a model; the rule is the right answer there.
    - Put listings back to 40,000 and double the **build cost** to $80,000. Payback moves from
      month 10 to month 20, yet the 24-month ROI stays positive (about 12%). A longer horizon
      forgives build cost; nothing forgives a running cost that eats the benefit.
    - Set **mispricing loss** to $0.10 and payback becomes *never*. Is your estimate of that
      number good enough to bet $40,000 on? Measure it before building, e.g. from how long
      overpriced listings sit unsold.
    ///
    """)
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## From a metric to money

    "MAE 0.35 in log price" means nothing to a seller. Exercise 3, `mae_to_business`, turns it
    into a relative error, dollars per card and dollars per month. The table shows each error
    level on a typical ($0.37) and a rare ($163) card; below it, your `mae_to_business` for
    the untuned model on a typical card, at the listings per month set above.
    """)
    return


@app.cell
def _(ex, listings):
    _table = mo.ui.table([
        {"error level": name, "MAE (log price)": mae, "typical error": f"{np.expm1(mae):.0%}",
         f"on a ${MEDIAN_PRICE:.2f} card": f"${np.expm1(mae) * MEDIAN_PRICE:.2f}",
         f"on a ${P99_PRICE:.0f} card": f"${np.expm1(mae) * P99_PRICE:.2f}"}
        for name, mae in ERROR_LEVELS.items()
    ], selection=None)
    _yours = attempt(ex.mae_to_business, MODEL_MAE_LOG, MEDIAN_PRICE, listings.value)
    mo.vstack([_table, mo.md("**Your `mae_to_business`:**"), _yours.view()])
    return


@app.cell(hide_code=True)
def _():
    mo.md(rf"""
    Dollars per month at the *typical* price understate the risk. The same relative error is
    cents on a $0.37 card and $68 on a $163 card, and the priciest 1% of rows hold
    {TOP_1PCT_VALUE_SHARE:.0%} of all market value, so roughly half of the mispriced dollars
    sit on 1% of the rows. Report the error for high-value cards separately.

    ## What a seller sees

    The table below draws eight listings with prices spread like the real ones and gives each
    a suggestion; together their errors in log price have exactly the MAE you choose
    (simulated, fixed by `SEED`).
    """)
    return


@app.cell
def _():
    example_mae = mo.ui.slider(0.05, 0.80, step=0.01, value=MODEL_MAE_LOG, show_value=True,
                               label="MAE of the suggestions (log price)")
    example_mae
    return (example_mae,)


@app.cell
def _(example_mae):
    _rng = np.random.default_rng(SEED)
    _market = np.maximum(np.exp(_rng.normal(np.log(MEDIAN_PRICE), LOG_PRICE_SD, size=8)), 0.01)
    _unit = _rng.laplace(0.0, 1.0, size=8)
    _unit = _unit / np.abs(_unit).mean()  # rescaled so these eight have exactly the chosen MAE
    _suggested = _market * np.exp(_unit * example_mae.value)
    mo.ui.table([
        {"market price": f"${m:,.2f}", "suggested": f"${s:,.2f}", "off by": f"{s / m - 1:+.0%}"}
        for m, s in zip(_market, _suggested, strict=True)
    ], selection=None)
    return


@app.cell(hide_code=True)
def _():
    mo.md(rf"""
    /// tip | Try it
    Move the slider to 0.61 (the rule), then to 0.11 (the floor). The same eight cards
    keep their draws; only the size of the errors changes. Notice that "off by" is not
    symmetric: a log error of +0.35 is +42%, but -0.35 is only -30%. At 0.61 some suggestions
    are off by a factor of two or more, which a seller notices at once and stops trusting.
    ///

    ## How good must the model be? Heuristic vs model

    Call a suggestion an **error** when it is more than 25% away from the market price; each
    one costs PokeMarket something (a slow sale, a lost fee, a support ticket). The rule gets
    {RULE_WITHIN_25:.0%} of rows within 25%. The model costs money every month, so it must
    make enough *fewer* errors to pay for itself. Exercise 4, `break_even_accuracy`, finds
    that point.
    """)
    return


@app.cell
def _():
    heuristic_accuracy = mo.ui.slider(0.20, 0.95, step=0.01, value=RULE_WITHIN_25,
                                      show_value=True, label="Heuristic accuracy (within 25%)")
    heuristic_accuracy
    return (heuristic_accuracy,)


@app.cell
def _():
    decisions = mo.ui.number(1_000, 500_000, step=1_000, value=LISTINGS_PER_MONTH,
                             label="Pricing decisions per month")
    decisions
    return (decisions,)


@app.cell
def _():
    cost_per_error = mo.ui.number(0.05, 10.0, step=0.05, value=0.50, label="Cost per error ($)")
    cost_per_error
    return (cost_per_error,)


@app.cell
def _():
    model_cost = mo.ui.slider(0, 20_000, step=500, value=3_000, show_value=True,
                              label="Model's running cost ($ per month)")
    model_cost
    return (model_cost,)


@app.function
def monthly_cost(accuracy: np.ndarray | float, decisions: float, per_error: float,
                 fixed: float = 0.0) -> np.ndarray | float:
    """Dollars per month: the errors made times their cost, plus a fixed running cost."""
    return (1 - accuracy) * decisions * per_error + fixed


@app.cell
def _(cost_per_error, decisions, heuristic_accuracy, model_cost):
    accuracy_grid = np.linspace(0.0, 1.0, 1001)
    model_bill = monthly_cost(accuracy_grid, decisions.value, cost_per_error.value,
                              model_cost.value)
    heuristic_bill = monthly_cost(heuristic_accuracy.value, decisions.value,
                                  cost_per_error.value)
    _cheaper = accuracy_grid[model_bill <= heuristic_bill + 1e-9]  # read off the curve
    notebook_break_even = float(_cheaper[0]) if _cheaper.size else None
    return accuracy_grid, heuristic_bill, model_bill, notebook_break_even


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    Monthly cost of each option against the model's accuracy. Where the green line drops
    below the grey one, the model pays for itself. The notebook reads the break-even off the
    curve (to 0.1%); the cell after the chart shows whether your `break_even_accuracy` agrees.
    """)
    return


@app.cell
def _(accuracy_grid, heuristic_bill, model_bill, notebook_break_even):
    _fig, _ax = plt.subplots(figsize=(7, 3))
    _ax.plot(accuracy_grid, model_bill / 1000, color="#3a7", label="model: errors + running")
    _ax.axhline(heuristic_bill / 1000, color="#999", label="heuristic: errors only")
    if notebook_break_even is not None:
        _ax.axvline(notebook_break_even, color="black", linestyle="--",
                    label=f"break-even {notebook_break_even:.1%}")
    _ax.set_xlabel("model accuracy (share within 25%)")
    _ax.set_ylabel("cost per month (k$)")
    _ax.legend(loc="upper right")
    _ax
    return


@app.cell
def _(cost_per_error, decisions, ex, heuristic_accuracy, model_cost, notebook_break_even):
    _got = attempt(ex.break_even_accuracy, heuristic_accuracy.value, decisions.value,
                   cost_per_error.value, model_cost.value)
    _got.view(lambda v: compare("break_even_accuracy", v, notebook_break_even, tol=2e-3))
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - Raise the **heuristic accuracy** to 0.90. The break-even line disappears: a model would
      need over 100% accuracy, so it can never pay off. A good rule leaves no room for a model.
    - Set the **cost per error** to $0.10. The model would need 75 points more than the
      rule, past 100%. Cheap mistakes make expensive models hard to justify.
    - Compare with the capstone's bar (at least 65% within 25%): at the default settings, does
      that model pay for itself?
    ///
    """)
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Expectations and failure modes

    What to promise: a typical error, stated in the seller's terms ("about 40% high or 30%
    low"), measured on cards the model has not seen, reported monthly, with a separate number
    for expensive cards. Never "exact prices": the week-to-week noise alone is ~7%.

    What goes wrong, and what to do about it:

    - **New sets (cold start):** unseen cards whose prices swing while the market settles.
      Flag their suggestions as low-confidence and watch that set's error.
    - **Drift:** taste, reprints and tournaments move prices; a March model is wrong in a new
      way by June. Monitor the error and retrain (module 06).
    - **Feedback loops:** if sellers accept suggestions, market prices start to echo the model
      and it learns from its own output. Keep some listings without suggestions.
    - **Silent failures:** a broken feature pipeline still returns *a* price. Validate inputs
      (module 01) and alert on the distribution of suggestions, not only on crashes.
    - **Outages:** fall back to the rule rather than showing nothing.
    """)
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Exercises

    Write the functions in `exercises/exercises_00.py`, in any order: `classify_scenarios`,
    `project_roi` and `payback_month`, `mae_to_business`, `break_even_accuracy`, and
    `stakeholder_answers` (six questions you will be asked about the assistant; the answers
    draw on every section above). The panel below runs the same checks as
    `uv run pytest exercises/test_exercises_00.py` and re-runs whenever you save the file.
    Failed checks come with hints.
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

    1. The ROI calculator's benefit rests on one assumed number, the mispricing loss per
       listing. How would you measure it at PokeMarket before building anything?
    2. Which of the five scenarios would change its answer if PokeMarket were ten times
       bigger? Which would not change at any size, and why?
    3. A model halves the typical error but costs $3,000 a month. Write the two sentences you
       would say to the CEO, with numbers.
    4. Half the mispriced dollars sit on 1% of the cards. Would you rather improve the model
       everywhere or route expensive cards to a person? What would you need to know?
    5. Which failure mode above would you find last without monitoring, and what single
       metric would catch it first?
    """)
    return


if __name__ == "__main__":
    app.run()
