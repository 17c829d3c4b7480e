import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")

with app.setup:
    from collections.abc import Callable

    import marimo as mo
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    from matplotlib.patches import Polygon
    from scipy import stats
    from sklearn.linear_model import LinearRegression
    from sklearn.metrics import mean_squared_error
    from sklearn.preprocessing import StandardScaler

    from mlcourse.checks import Attempt, attempt, check_panel, exercise_module, watch_exercises
    from mlcourse.data import load_cards
    from mlcourse.loading import current_target

    SEED = 0  # feeds every random draw in this notebook
    FEATURES = ["hp", "retreat_cost", "set_age_years", "holo"]  # numeric card features
    DESCENT_FEATURE = "hp"  # one feature, so that the loss over (weight, bias) can be drawn
    SQUARE = np.array([[0.0, 1.0, 1.0, 0.0], [0.0, 0.0, 1.0, 1.0]])  # unit square's corners
    PACK_SLOTS = 10  # cards in a booster pack
    CHASE_RARITIES = ["Special Illustration Rare", "Hyper Rare"]  # the cards collectors chase
    ERROR_REPEATS = 200  # independent estimates per sample size in the error plot
    RATES = [1e-5, 3e-5, 5e-5, 6e-5, 1e-3, 0.01, 0.1, 0.3, 0.5, 0.8, 0.9, 1.0, 1.1]  # lr choices
    PACK_COUNTS = [10, 30, 100, 300, 1_000, 3_000, 10_000, 30_000, 100_000]  # packs to open
    FAKE_SHARES = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5]  # base rates of fakes
    LISTINGS = 10_000  # listings in the fake-detector example


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    # Foundations: math for ML

    Every model in this course rests on a little mathematics: a prediction is a dot product,
    training walks downhill on a loss, an estimate comes with an error bar, and an alert is a
    conditional probability. This module makes each one visible on PokeMarket's card data,
    and has you write each one in a few lines of NumPy.

    **What you will be able to do**

    - read a 2x2 matrix as a map of the plane, and its determinant as the change of area;
    - take a derivative numerically, and choose the step so the answer is accurate;
    - fit a linear regression by gradient descent, choose a learning rate, explain why feature
      scaling matters, and check the result against the normal equation and scikit-learn;
    - estimate a probability by simulation, with an error that shrinks like 1 / sqrt(n);
    - use Bayes' rule to say what a fake-card alert is worth, given how rare fakes are.

    **Time:** about 4 hours: 1.5 hours for this notebook, 2.5 hours for the twelve exercises
    in `exercises/exercises_11.py`.
    """)
    return


@app.cell
def _():
    exercise_file = watch_exercises("11")
    return (exercise_file,)


@app.function
def card_table() -> pd.DataFrame:
    """Pokemon cards with hit points: four numeric features and the log price."""
    cards = load_cards().dropna(subset=["hp", "retreat_cost"])
    return pd.DataFrame(
        {
            "hp": cards["hp"].astype(float),
            "retreat_cost": cards["retreat_cost"].astype(float),
            "set_age_years": (cards["price_date"] - cards["set_release_date"]).dt.days / 365.25,
            "holo": (cards["finish"] != "normal").astype(float),  # holofoil or reverse holofoil
            "log_price": np.log(cards["market_price"]),
        }
    )


@app.function
def yours(title: str, result: Attempt, text: Callable[[object], str]) -> object:
    """A learner's result under a bold title: as text, or why there is none yet."""
    return mo.vstack([mo.md(f"**Your {title}**"), result.view(lambda v: mo.md(text(v)))])


@app.cell
def _(exercise_file):
    ex = exercise_module("11", exercise_file)  # re-loads whenever you save the file
    cards = load_cards()
    table = card_table()
    mo.md(
        f"Your exercise module, `{current_target()}/exercises_11.py`, is loaded; cells that "
        f"call your functions re-run whenever you save it. Regression data: **{len(table):,}** "
        "card x finish rows with hit points."
    )
    return cards, ex, table


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Vectors and matrices

    A card is a **vector**: its hit points, retreat cost, set age and finish, in a fixed
    order. A linear model's prediction is the **dot product** of that vector with a vector of
    weights, `w[0] * x[0] + w[1] * x[1] + ...`, plus a bias. Stack the cards as the rows of a
    **matrix** `X`, and `X @ w` makes every prediction at once: each entry of a matrix product
    is one dot product, a row of the left matrix with a column of the right one.

    A 2x2 matrix `[[a, b], [c, d]]` is also a map of the plane: it sends `(1, 0)` to its first
    column `(a, c)` (red), `(0, 1)` to its second column `(b, d)` (green), and the unit square
    to the parallelogram they span. Its **determinant** `ad - bc` is that parallelogram's
    area, negative when the map mirrors the plane.
    """)
    return


@app.cell
def _():
    matrix_entries = mo.ui.dictionary(
        {
            name: mo.ui.slider(-2.0, 2.0, step=0.1, value=v, show_value=True, label=name)
            for name, v in [("a", 1.0), ("b", 0.5), ("c", 0.2), ("d", 1.0)]
        },
        label="Matrix [[a, b], [c, d]]",
    )
    matrix_entries.hstack()
    return (matrix_entries,)


@app.function
def draw_map(ax: plt.Axes, A: np.ndarray) -> None:
    """The grid and the unit square before (grey) and after (coloured) the map A."""
    for t in range(-3, 4):
        for line in (np.array([[t, t], [-3, 3]]), np.array([[-3, 3], [t, t]])):
            ax.plot(*line, color="#ddd", lw=0.8)
            ax.plot(*(A @ line), color="#9bd", lw=0.8)
    det = A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]
    ax.add_patch(Polygon(SQUARE.T, fill=False, ls="--", ec="grey"))
    ax.add_patch(Polygon((A @ SQUARE).T, alpha=0.5, color="#36c" if det >= 0 else "#c63"))
    for column, color in ((A[:, 0], "#c00"), (A[:, 1], "#090")):
        ax.annotate("", xy=column, xytext=(0, 0), arrowprops={"color": color, "width": 2})
    mirrored = " (mirrored)" if det < 0 else ""
    ax.set(xlim=(-3, 3), ylim=(-3, 3), aspect="equal", title=f"area x {det:.2f}{mirrored}")


@app.cell
def _(ex, matrix_entries):
    _A = np.array(list(matrix_entries.value.values())).reshape(2, 2)  # a, b, c, d in order
    _fig, _ax = plt.subplots(figsize=(4.2, 4.2))
    draw_map(_ax, _A)
    _numpy = mo.md(
        f"numpy: `det = {np.linalg.det(_A):.3f}`, image of the square's corners "
        f"`{np.round(_A @ SQUARE, 2).tolist()}`"
    )
    _det = yours("`det_2x2`:", attempt(ex.det_2x2, _A), lambda v: f"`{v:.3f}`")
    _corners = attempt(ex.matmul, _A.tolist(), SQUARE.tolist())
    _image = yours("`matmul(A, corners)`:", _corners, lambda v: f"`{np.round(v, 2).tolist()}`")
    mo.hstack([_fig, mo.vstack([_numpy, _det, _image])], widths=[1, 1])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - Set **b = c = 0**: the map only stretches, and the area factor is `a * d`.
    - Set **a = 1, b = 2, c = 0.5, d = 1**: the columns point the same way, the square
      flattens onto a line, and the determinant is 0. Nothing can undo that map: the matrix
      has no inverse. Two duplicated features do the same to the normal equation below.
    - Set **a = 0, b = 1, c = 1, d = 0**: a mirror. The area is unchanged, the determinant -1.
    ///

    ## Derivatives, numerically

    Training needs the slope of the loss. A computer can estimate a derivative from two values
    of the function. The **forward difference** `(f(x + h) - f(x)) / h` is off by about
    `h f''(x) / 2`; the **central difference** `(f(x + h) - f(x - h)) / 2h` by about
    `h² f'''(x) / 6`, far less. But a tiny `h` has its own problem: `f(x + h)` and `f(x)`
    share almost all their digits, and their difference is rounding noise of about
    `1e-16 / h`. The chart shows both errors for `sin` at `x = 1`, whose derivative is `cos(1)`.
    """)
    return


@app.cell
def _():
    step_exponent = mo.ui.slider(
        -15.0, 0.0, step=0.5, value=-5.0, show_value=True, label="Step h = 10^k; choose k"
    )
    step_exponent
    return (step_exponent,)


@app.function
def difference_errors(steps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Errors of the forward and central differences of sin at x = 1, for each step."""
    forward = (np.sin(1 + steps) - np.sin(1)) / steps
    central = (np.sin(1 + steps) - np.sin(1 - steps)) / (2 * steps)
    return np.abs(forward - np.cos(1)), np.abs(central - np.cos(1))


@app.cell
def _(ex, step_exponent):
    _steps, _h = np.logspace(-15, 0, 151), 10.0**step_exponent.value
    _fig, _ax = plt.subplots(figsize=(7, 3.2))
    for _errors, _name, _color in zip(
        difference_errors(_steps), ["forward", "central"], ["#c63", "#36c"], strict=True
    ):
        _ax.loglog(_steps, _errors + 1e-18, color=_color, label=f"{_name} difference")
    _ax.axvline(_h, color="black", ls=":", label=f"h = 1e{step_exponent.value:g}")
    _sine = attempt(ex.numeric_gradient, lambda v: float(np.sin(v[0])), np.array([1.0]), _h)
    if _sine.ok:
        _error = abs(float(np.ravel(_sine.value)[0]) - np.cos(1)) + 1e-18
        _ax.scatter([_h], [_error], color="black", zorder=3, label="your numeric_gradient")
    _ax.set(xlabel="step h", ylabel="|error|", ylim=(1e-13, 1), title="Error of sin'(1)")
    _ax.legend(fontsize=8)
    _text = f"cos(1) = `{np.cos(1):.12f}`, yours `{{:.12f}}`"
    mo.vstack([_fig, yours("`numeric_gradient` here:", _sine, lambda v: _text.format(*v))])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - Slide **k from 0 down to -5**: the central error falls 100-fold per step of 1 in k (it
      goes like h²), the forward error only 10-fold (like h).
    - Go on **below -5**: the central error *grows* again, and the forward one below about -8.
      Rounding noise has taken over. The best step for central differences is near 1e-5:
      the default of your `numeric_gradient`.
    ///

    Module 13 uses this function as a **gradient check**: derive a gradient by hand, code it,
    and compare it with finite differences before trusting it.

    ## Linear regression: a loss, its gradient, the exact answer

    Predict a card's log price as `X @ w + b`. The **mean squared error**
    `mean((X @ w + b - y)²)` scores a choice of `w` and `b`; its gradient, `(2/n) X.T @ r` for
    the weights and `(2/n) sum(r)` for the bias, with residuals `r = X @ w + b - y`, points
    uphill. For this loss there is also an exact answer: add a column of ones to `X` for the
    bias and solve the **normal equation** `(A.T @ A) θ = A.T @ y`, as scikit-learn's
    `LinearRegression` does. Its answer and yours, on four features of the real cards:
    """)
    return


@app.cell
def _(ex, table):
    card_X, card_y = table[FEATURES].to_numpy(), table["log_price"].to_numpy()
    _fit = LinearRegression().fit(card_X, card_y)
    _w, _b = _fit.coef_, float(_fit.intercept_)
    _solved = attempt(ex.normal_equation, card_X, card_y)
    _rows = {"LinearRegression": [*_w, _b]}
    if _solved.ok:
        _rows["your normal_equation"] = [*np.ravel(_solved.value[0]), _solved.value[1]]
    _mse = mean_squared_error(card_y, _fit.predict(card_X))
    _pred = _fit.predict(card_X[:1])[0]
    _dot = attempt(ex.dot, card_X[0].tolist(), _w.tolist())
    _loss = attempt(ex.mse_loss, card_X, card_y, _w, _b)
    _grad = attempt(ex.mse_gradient, card_X, card_y, _w, _b)
    _checks = mo.hstack(
        [
            yours("`normal_equation`:", _solved, lambda v: "the second row above"),
            yours(
                "`dot`, first card, + b:", _dot, lambda v: f"`{v + _b:.4f}`, sklearn {_pred:.4f}"
            ),
            yours("`mse_loss` at this fit:", _loss, lambda v: f"`{v:.4f}`, sklearn {_mse:.4f}"),
            yours("`mse_gradient` there:", _grad, lambda v: f"`{np.round(v[0], 8)}`, `{v[1]:.1g}`"),
        ]
    )
    mo.vstack([pd.DataFrame(_rows, index=[*FEATURES, "bias"]).T.round(4), _checks])
    return card_X, card_y


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    The mean log price is about -1.1 ($0.33), far from 0, so the bias matters. The fit explains
    about half the variance (R² 0.55): a baseline, not a price guide.

    ## Gradient descent, and why scaling matters

    Gradient descent reaches the same answer without solving a system: start at `w = 0, b = 0`
    and repeat `w -= lr * grad_w`, `b -= lr * grad_b`. Neural networks train this way, since
    no exact answer exists for them. The **learning rate** `lr` sets the step size. Here with
    one feature, hit points, so that the loss of every (weight, bias) pair can be drawn: on
    the left as a map, with the path of the steps and the best point (star); on the right,
    the loss per step, with your `gradient_descent` dashed.
    """)
    return


@app.cell
def _():
    learning_rate = mo.ui.slider(steps=RATES, value=0.1, show_value=True, label="Learning rate")
    learning_rate
    return (learning_rate,)


@app.cell
def _():
    scaling = mo.ui.dropdown(["standardized", "raw"], value="standardized", label="Features")
    scaling
    return (scaling,)


@app.cell
def _():
    descent_steps = mo.ui.slider(10, 500, step=10, value=100, show_value=True, label="Steps")
    descent_steps
    return (descent_steps,)


@app.function
@mo.cache
def demo_descent(x: np.ndarray, y: np.ndarray, lr: float, steps: int) -> tuple[np.ndarray, list]:
    """The notebook's own descent on one feature: (weight, bias) after every step, losses."""
    w, b, path, losses = 0.0, 0.0, [(0.0, 0.0)], []
    with np.errstate(all="ignore"):
        for _ in range(steps):
            r = w * x + b - y
            losses.append(float(np.mean(r**2)))
            w, b = w - lr * 2 * np.mean(r * x), b - lr * 2 * np.mean(r)
            path.append((w, b))
    return np.array(path), losses


@app.function
def loss_map(x: np.ndarray, y: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """MSE of w * x + b over grids of weights and biases, from the means of x, y and products."""
    m = {
        name: float(np.mean(v))
        for name, v in {"x": x, "y": y, "xx": x * x, "xy": x * y, "yy": y * y}.items()
    }
    return w**2 * m["xx"] + b**2 + m["yy"] + 2 * w * b * m["x"] - 2 * w * m["xy"] - 2 * b * m["y"]


@app.cell
def _(descent_steps, ex, learning_rate, scaling, table):
    _X, _y = table[[DESCENT_FEATURE]].to_numpy(), table["log_price"].to_numpy()
    _X = StandardScaler().fit_transform(_X) if scaling.value == "standardized" else _X
    _best = LinearRegression().fit(_X, _y)
    _star = (_best.coef_[0], _best.intercept_)
    _path, _losses = demo_descent(_X[:, 0], _y, learning_rate.value, descent_steps.value)
    _fig, (_map, _curve) = plt.subplots(1, 2, figsize=(10, 3.8))
    _lims = [(min(0, c) - 0.6 * abs(c), max(0, c) + 0.6 * abs(c)) for c in _star]
    _gw, _gb = np.meshgrid(np.linspace(*_lims[0], 150), np.linspace(*_lims[1], 150))
    _map.contour(_gw, _gb, np.log(loss_map(_X[:, 0], _y, _gw, _gb)), levels=30, cmap="viridis")
    _map.plot(_path[:, 0], _path[:, 1], ".-", color="#c63", ms=3)
    _map.plot(*_star, "k*", ms=12)
    _map.set(xlim=_lims[0], ylim=_lims[1], xlabel="weight of hp", ylabel="bias")
    _map.set_title(f"Loss map, {scaling.value} hit points")
    _floor = mean_squared_error(_y, _best.predict(_X))
    _curve.plot(_losses, color="#36c", label="notebook")
    _curve.axhline(_floor, color="black", ls=":", label=f"normal equation {_floor:.3f}")
    with np.errstate(all="ignore"):
        _run = attempt(ex.gradient_descent, _X, _y, learning_rate.value, descent_steps.value)
    if _run.ok:
        _curve.plot(np.asarray(_run.value[2], dtype=float), "k--", label="your gradient_descent")
    _curve.set(xlabel="step", ylabel="MSE", yscale="log", ylim=(_floor * 0.9, _losses[0] * 3))
    _curve.set_title(f"Loss per step, lr = {learning_rate.value:g}")
    _curve.legend(fontsize=8)
    _fig.tight_layout()
    _fig
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - **Standardized, lr 0.1**: the path runs straight to the star, and the loss reaches the
      best, 2.88, in about 30 steps. At **0.5** one step lands on it: the bowl is perfectly
      round. At **0.8-0.9** each step overshoots the star and the next comes back, yet they
      close in. At **1.0** the path jumps between two points forever; at **1.1** each
      overshoot is larger than the last and the loss climbs off the chart. Too large a
      learning rate does not slow training down; it diverges.
    - Switch to **raw**. Hit points run in the hundreds, and a larger weight with a lower bias
      predicts almost the same, so the bowl becomes a long, narrow, diagonal trough. Only a
      tiny step is safe across it, and that step barely moves along it: at **5e-5** the loss
      creeps from 4.85 to 4.53 in 500 steps; at **6e-5** it diverges. No rate works well.
    - So standardize features before gradient descent (and before k-NN, regularised models,
      neural networks): subtract each column's mean and divide by its standard deviation,
      your `standardize`. Then one learning rate suits every direction.
    ///
    """)
    return


@app.cell(hide_code=True)
def _():
    mo.md(rf"""
    ## Probability by simulation

    How likely is a pack of {PACK_SLOTS} cards to hold at least one chase card (a
    {" or ".join(CHASE_RARITIES)})? In a toy model each card of a pack is drawn at random from
    the set's card list, so it is a chase card with probability p, their share of the set,
    and the exact answer is `1 - (1 - p)**{PACK_SLOTS}`. (Real packs fill each slot from its
    own rarity tier, so real odds are much lower: you would put the published pull rates into
    the same simulation.)

    Most questions have no formula, but all can be **simulated**: open many packs at random
    and count. The estimate is a share of n trials; its standard error is `sqrt(p(1 - p)/n)`.
    """)
    return


@app.cell
def _(cards):
    _sets = cards[(cards["series"] == "Scarlet & Violet") & (cards["rarity"] != "Promo")]
    pack_set = mo.ui.dropdown(sorted(_sets["set_name"].unique()), value="151", label="Set")
    pack_set
    return (pack_set,)


@app.cell
def _():
    packs_opened = mo.ui.slider(steps=PACK_COUNTS, value=1_000, show_value=True, label="Packs")
    packs_opened
    return (packs_opened,)


@app.cell
def _(cards, pack_set):
    _set_cards = cards[cards["set_name"] == pack_set.value].drop_duplicates("card_id")
    p_chase = float(_set_cards["rarity"].isin(CHASE_RARITIES).mean())
    p_pack = 1 - (1 - p_chase) ** PACK_SLOTS
    mo.md(
        f"{pack_set.value}: {len(_set_cards)} cards, p = **{p_chase:.3f}** per card; exact "
        f"chance of at least one chase card in a pack: **{p_pack:.3f}**"
    )
    return p_chase, p_pack


@app.function
def open_packs(rng: np.random.Generator, n: int, p_chase: float) -> np.ndarray:
    """The notebook's own packs: True where a pack holds at least one chase card."""
    return rng.binomial(PACK_SLOTS, p_chase, size=n) >= 1


@app.cell
def _(p_chase, p_pack, packs_opened):
    _rng = np.random.default_rng(SEED)
    _n = np.arange(1, packs_opened.value + 1)
    _running = np.cumsum(open_packs(_rng, packs_opened.value, p_chase)) / _n
    _band = 1.96 * np.sqrt(p_pack * (1 - p_pack) / _n)
    _sizes = np.unique(np.logspace(1, 5, 25).astype(int))
    _estimates = [_rng.binomial(n, p_pack, ERROR_REPEATS) / n for n in _sizes]  # shares
    _spread = [np.sqrt(np.mean((e - p_pack) ** 2)) for e in _estimates]  # their typical error
    _fig, (_left, _right) = plt.subplots(1, 2, figsize=(10, 3.4))
    _left.fill_between(_n, p_pack - _band, p_pack + _band, color="#9bd", label="exact ± 1.96 SE")
    _left.plot(_n, _running, color="#c63", label="running estimate")
    _left.axhline(p_pack, color="black", lw=0.8)
    _left.set(xscale="log", xlabel="packs opened", ylabel="share with a chase card")
    _left.set_ylim(max(0, p_pack - 0.3), min(1, p_pack + 0.3))
    _right.loglog(_sizes, _spread, "o", color="#36c", label=f"error of {ERROR_REPEATS} runs")
    _right.loglog(_sizes, np.sqrt(p_pack * (1 - p_pack) / _sizes), "k:", label="sqrt(p(1-p)/n)")
    _right.set(xlabel="packs per estimate (n)", ylabel="typical error")
    for _ax in (_left, _right):
        _ax.legend(fontsize=8)
    _fig.tight_layout()
    _fig
    return


@app.cell
def _(ex, p_chase, p_pack, packs_opened):
    _n = packs_opened.value
    _estimate = attempt(ex.monte_carlo_estimate, lambda r, n: open_packs(r, n, p_chase), _n, SEED)
    _packs = attempt(ex.simulate_packs, np.random.default_rng(SEED), _n, PACK_SLOTS, p_chase)
    _expected = np.round(stats.binom.pmf(range(4), PACK_SLOTS, p_chase) * _n).astype(int)
    _title = f"`monte_carlo_estimate`, {_n:,} packs (exact {p_pack:.4f}):"
    _counts = "`simulate_packs`: packs with 0, 1, 2, 3 chase cards (binomial: {})"
    mo.hstack(
        [
            yours(_title, _estimate, lambda v: f"`{v[0]:.4f} ± {v[1]:.4f}` (one standard error)"),
            yours(_counts.format(_expected.tolist()), _packs, lambda v: f"`{np.bincount(v)[:4]}`"),
        ]
    )
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - At **10 or 30 packs** the running estimate swings by tens of points. At **100,000** it
      sits on the exact value.
    - The right plot falls with slope -1/2 on log-log axes: **100 times more packs buy 10
      times less error**. Every extra digit of precision costs 100 times the work; the same
      law governs A/B tests and the bootstrap in module 4.
    - Try **Prismatic Evolutions**: a fifth of its cards are chase cards, so nine toy packs in
      ten "hit", a reminder of how far this toy model is from real pull rates.
    ///

    ## Bayes' rule: what a flag is worth

    PokeMarket runs a detector over new listings. It flags most fakes (its **sensitivity**)
    and, wrongly, a few genuine listings (its **false-positive rate**). When a listing is
    flagged, how likely is it to be fake? **Bayes' rule**:
    `P(fake | flag) = P(flag | fake) P(fake) / P(flag)`, and the answer hangs on `P(fake)`,
    the **base rate**. Counting shows it best: follow 10,000 listings.
    """)
    return


@app.cell
def _():
    fake_share = mo.ui.slider(steps=FAKE_SHARES, value=0.01, show_value=True, label="Fake share")
    fake_share
    return (fake_share,)


@app.cell
def _():
    sensitivity = mo.ui.slider(
        0.5, 1.0, step=0.01, value=0.95, show_value=True, label="Sensitivity: fakes flagged"
    )
    sensitivity
    return (sensitivity,)


@app.cell
def _():
    false_positive_rate = mo.ui.slider(
        0.0, 0.2, step=0.005, value=0.02, show_value=True, label="False-positive rate"
    )
    false_positive_rate
    return (false_positive_rate,)


@app.cell
def _(ex, fake_share, false_positive_rate, sensitivity):
    _fakes = LISTINGS * fake_share.value
    _caught = _fakes * sensitivity.value
    _false_alarms = (LISTINGS - _fakes) * false_positive_rate.value
    _posterior = _caught / (_caught + _false_alarms)
    _priors = np.logspace(-3, np.log10(0.5), 60)
    _flagged = sensitivity.value * _priors + false_positive_rate.value * (1 - _priors)
    _fig, _ax = plt.subplots(figsize=(5, 3))
    _ax.semilogx(_priors, sensitivity.value * _priors / _flagged, color="#36c")
    _ax.plot(fake_share.value, _posterior, "o", color="#c63", ms=9)
    _ax.set(xlabel="base rate: share of fakes", ylabel="P(fake | flag)", ylim=(0, 1.02))
    _args = (fake_share.value, sensitivity.value, false_positive_rate.value)
    _counts = mo.md(
        f"Of {LISTINGS:,} listings, **{_fakes:,.0f}** are fake and **{_caught:,.1f}** of them "
        f"are flagged; of the {LISTINGS - _fakes:,.0f} genuine ones, **{_false_alarms:,.1f}** "
        "are flagged too."
    )
    _stat = mo.stat(f"{_posterior:.1%}", label="of flagged listings are fake")
    _yours = yours("`bayes_posterior`:", attempt(ex.bayes_posterior, *_args), "`{:.4f}`".format)
    mo.hstack([mo.vstack([_counts, _stat, _yours]), _fig], widths=[1, 1])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - At the defaults (1% fakes, 95% sensitivity, 2% false positives) only about **a third**
      of flags are fakes: 2% of 9,900 genuine listings outnumber 95% of 100 fakes.
    - Lower the base rate to **0.1%**: under 5% of flags are right. A "95% accurate" detector
      for a rare problem mostly raises false alarms, so a flag should send a listing to a
      person, not ban a seller.
    - At 1% fakes, cut the false-positive rate to **0.5%**: the posterior rises to about two
      thirds. For rare events the false-positive rate matters far more than sensitivity.
    ///

    ## Exercises

    Write the functions in `exercises/exercises_11.py` in order: `dot`, `matmul`, `det_2x2`;
    `numeric_gradient`; `mse_loss`, `mse_gradient`; `gradient_descent`, `standardize`;
    `normal_equation`; `simulate_packs`, `monte_carlo_estimate`; `bayes_posterior`. The panel
    runs the same checks as `uv run pytest exercises/test_exercises_11.py` whenever you save.
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

    1. Two features that copy each other (a price in dollars and in cents) make `A.T @ A`
       singular. What does that look like in the matrix picture, and what do
       `np.linalg.solve`, `lstsq` and gradient descent each do with it?
    2. A numeric gradient costs two evaluations of the loss per weight. For a network with a
       million weights, why is backpropagation used to train and finite differences only to
       check?
    3. Gradient descent and the normal equation found the same weights. When would you still
       pick gradient descent for a linear model?
    4. How many simulated packs do you need to state a 40% chance within ±0.5 points at 95%
       confidence? What does that say about a claim based on 200 packs?
    5. The detector's false-positive rate was measured on a test set that was half fakes.
       What must you know before telling support staff what a flag means on the live site?
    """)
    return


if __name__ == "__main__":
    app.run()
