import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")

with app.setup:
    import time
    from collections.abc import Callable

    import marimo as mo
    import matplotlib.pyplot as plt
    import numpy as np
    from sklearn.datasets import load_digits
    from sklearn.metrics import ConfusionMatrixDisplay
    from sklearn.model_selection import train_test_split
    from threadpoolctl import threadpool_limits

    from mlcourse.checks import attempt, check_panel, exercise_module, watch_exercises
    from mlcourse.loading import current_target

    # Small matrix products run fastest on one thread; several threads fight on a busy machine.
    threadpool_limits(limits=1, user_api="blas")

    SEED = 0  # feeds every random draw in this notebook
    XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])  # two binary inputs
    GATES = {  # target of each logic gate for the four rows of XOR_X
        "AND": np.array([0, 0, 0, 1]), "OR": np.array([0, 1, 1, 1]),
        "NAND": np.array([1, 1, 1, 0]), "XOR": np.array([0, 1, 1, 0]),
    }
    PERCEPTRON_EPOCHS = 12  # passes over the four rows
    GRID_STEPS = 101  # points per axis of a decision-boundary picture
    TEST_SHARE = 0.25  # share of the digits held out for testing
    DIGITS_HIDDEN = 32  # hidden units of the digits network
    DIGITS_LR = 0.5  # learning rate of the digits network


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    # Neural networks from scratch in NumPy

    Libraries hide a neural network behind one `fit` call. This module opens it up: you write
    every piece yourself in NumPy, check each one numerically, and watch a network learn.

    **What you will be able to do**

    - train a perceptron and explain why it can never learn XOR;
    - implement sigmoid, tanh, ReLU and softmax with their derivatives, without overflow;
    - derive and code the backward pass of a dense layer, and prove it right with a
      gradient check;
    - train a one-hidden-layer network that solves XOR, and one that reads handwritten digits;
    - read a loss curve and a decision boundary to tell a good run from a bad one.

    **Time:** about 4 hours: 1.5 hours for this notebook, 2.5 hours for the six exercises in
    `exercises/exercises_13.py`.
    """)
    return


@app.cell
def _():
    exercise_file = watch_exercises("13")
    return (exercise_file,)


@app.cell
def _(exercise_file):
    ex = exercise_module("13", exercise_file)  # re-loads whenever you save the file
    mo.md(f"Your exercise module, `{current_target()}/exercises_13.py`, is loaded. Cells that "
          "call your functions re-run whenever you save it.")
    return (ex,)


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## The perceptron

    A perceptron is one artificial neuron: a weighted sum of the inputs plus a bias, then a
    threshold. It predicts 1 when `x @ w + b > 0`, so it splits the plane with a straight line.
    Rosenblatt's rule (1958) trains it: after every wrong prediction, move the line towards the
    misclassified point, `w += lr * (target - prediction) * x`, and the same for `b`.

    Pick a logic gate. The picture shows the four inputs, the line the notebook's own
    perceptron ends with, and how many mistakes it made in each epoch.
    """)
    return


@app.cell
def _():
    gate = mo.ui.dropdown(list(GATES), value="AND", label="Logic gate to learn")
    gate
    return (gate,)


@app.function
def demo_perceptron(X: np.ndarray, y: np.ndarray, epochs: int) -> tuple[np.ndarray, float, list]:
    """The notebook's own perceptron (learning rate 1), for the pictures; yours is exercise 1."""
    w, b, mistakes = np.zeros(X.shape[1]), 0.0, []
    for _ in range(epochs):
        wrong = 0
        for x, target in zip(X, y, strict=True):
            error = target - int(x @ w + b > 0)
            w, b, wrong = w + error * x, b + error, wrong + (error != 0)
        mistakes.append(wrong)
    return w, b, mistakes


@app.function
def draw_gate(ax: plt.Axes, y: np.ndarray, title: str,
              proba: Callable[[np.ndarray], np.ndarray]) -> None:
    """The four inputs of a gate, coloured by target, over a model's P(class 1) map."""
    g1, g2 = np.meshgrid(np.linspace(-0.5, 1.5, GRID_STEPS), np.linspace(-0.5, 1.5, GRID_STEPS))
    p1 = proba(np.column_stack([g1.ravel(), g2.ravel()])).reshape(g1.shape)
    ax.contourf(g1, g2, p1, levels=np.linspace(0, 1, 21), cmap="coolwarm", alpha=0.6)
    ax.scatter(XOR_X[:, 0], XOR_X[:, 1], c=y, cmap="coolwarm", s=160, edgecolor="black",
               vmin=0, vmax=1)
    ax.set(xlabel="x1", ylabel="x2", title=title)


@app.cell
def _(gate):
    _y = GATES[gate.value]
    _w, _b, _mistakes = demo_perceptron(XOR_X, _y, PERCEPTRON_EPOCHS)
    _fig, (_left, _right) = plt.subplots(1, 2, figsize=(9, 3.4))
    draw_gate(_left, _y, f"{gate.value}: prediction after {PERCEPTRON_EPOCHS} epochs",
              lambda points: (points @ _w + _b > 0).astype(float))
    _right.bar(range(1, PERCEPTRON_EPOCHS + 1), _mistakes, color="#c63")
    _right.set(xlabel="epoch", ylabel="mistakes", ylim=(0, 4), title="Mistakes per epoch")
    _fig.tight_layout()
    _fig
    return


@app.cell
def _(ex, gate):
    _got = attempt(ex.perceptron_train, XOR_X, GATES[gate.value], PERCEPTRON_EPOCHS, 1.0)
    mo.vstack([
        mo.md(f"**Your `perceptron_train` on {gate.value}** (mistakes per epoch):"),
        _got.view(lambda v: mo.md(f"`w = {np.round(v[0], 3)}`, `b = {v[1]:.3g}`, "
                                  f"mistakes `{list(v[2])}`")),
    ])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - Go through **AND**, **OR** and **NAND**: the mistakes drop to 0 within a few epochs and
      stay there, and the edge between the shaded halves separates blue points from red.
    - Pick **XOR**. The mistakes never reach 0, and the line ends up somewhere useless. No
      straight line puts (0, 1) and (1, 0) on one side and (0, 0) and (1, 1) on the other, so
      no amount of training helps. Minsky and Papert's 1969 book made this famous, and it is
      why networks need hidden layers.
    ///

    ## Activation functions

    Stack two dense layers with nothing in between and you get `(X @ W1) @ W2 = X @ (W1 @ W2)`:
    still one straight line. A non-linear **activation** after each hidden layer is what lets
    a network bend its boundary. Training needs its derivative too, since backpropagation
    multiplies by it at every layer.
    """)
    return


@app.cell
def _():
    activation_kind = mo.ui.dropdown(["sigmoid", "tanh", "relu"], value="sigmoid",
                                     label="Activation function")
    activation_kind
    return (activation_kind,)


@app.cell
def _(activation_kind, ex):
    _z = np.linspace(-6, 6, 241)
    _demo = {"sigmoid": 1 / (1 + np.exp(-_z)), "tanh": np.tanh(_z), "relu": np.maximum(_z, 0)}
    _a = _demo[activation_kind.value]
    _fig, _ax = plt.subplots(figsize=(7, 3))
    _ax.plot(_z, _a, color="#36c", label="activation (notebook)")
    _ax.plot(_z, np.gradient(_a, _z), color="#c63", label="derivative (numeric, notebook)")
    _zs = np.linspace(-5.5, 5.5, 12)
    _yours = attempt(ex.activate, _zs, activation_kind.value)
    if _yours.ok:
        _ax.scatter(_zs, _yours.value[1], color="black", zorder=3, label="your derivative")
    _ax.set(xlabel="z", ylim=(-1.2, 2.0), title=activation_kind.value)
    _ax.legend(loc="upper left")
    mo.vstack([_fig, mo.md("**Your `activate`:**"), _yours.view(lambda v: mo.md(
        "Black dots: your derivative. They should sit on the orange curve."))])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - **sigmoid**: the derivative never exceeds 0.25. Ten sigmoid layers multiply the gradient
      by at most 0.25 ten times, about one millionth: the *vanishing gradient* that kept deep
      networks untrainable until ReLU.
    - **tanh**: the same S shape, centred on 0, with a derivative of 1 in the middle. It is the
      hidden activation of every network in this module.
    - **relu**: the derivative is exactly 1 or 0. Gradients pass through unchanged, but a unit
      whose input is always negative never learns again (a "dead" unit).
    ///

    ## Softmax and the cross-entropy loss

    A classifier ends with one score (logit) per class. **Softmax** turns a row of scores into
    probabilities, `exp(z) / sum(exp(z))`, and the **cross-entropy** loss is the mean of
    `-log(probability of the true class)`. Both break on large numbers if written naively:
    `exp(1000)` is infinite. The next cell shows NumPy overflowing, then your `softmax` on the
    same logits and your `cross_entropy` for a network that is very sure of the wrong class.
    """)
    return


@app.cell
def _(ex):
    _logits = np.array([[1000.0, 1001.0, 1002.0]])
    with np.errstate(all="ignore"):
        _naive = np.exp(_logits) / np.exp(_logits).sum()
    _loss = attempt(ex.cross_entropy, np.array([[1000.0, 0.0]]), np.array([1]))
    mo.vstack([
        mo.md(f"Naive `exp(z) / sum(exp(z))` of `{_logits.tolist()}`: `{_naive.tolist()}`"),
        mo.md("**Your `softmax`** (should be about `[0.09, 0.245, 0.665]`):"),
        attempt(ex.softmax, _logits).view(),
        mo.md("**Your `cross_entropy`** for logits `[1000, 0]`, true class 1 (a huge but "
              "finite loss, and a gradient of about `[1, -1]`):"),
        _loss.view(lambda v: mo.md(f"loss `{v[0]:.6g}`, gradient `{np.round(v[1], 3)}`")),
    ])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Backpropagation, one layer at a time

    A dense layer computes `out = X @ W + b`. Given `grad_out`, how the loss changes with each
    output, the chain rule gives how it changes with everything the layer used:

    | gradient | formula | shape |
    | --- | --- | --- |
    | `grad_X` | `grad_out @ W.T` | like `X`, (n, d_in) |
    | `grad_W` | `X.T @ grad_out` | like `W`, (d_in, d_out) |
    | `grad_b` | `grad_out.sum(axis=0)` | like `b`, (d_out,) |

    Apply this table layer by layer, from the loss back to the input, multiplying by the
    activation's derivative in between: that is all backpropagation is.

    How do you know your formulas are right? A **gradient check**: nudge one number by a tiny
    `h`, see how much the loss moves, `(L(x + h) - L(x - h)) / 2h`, and compare. The next cell
    does that for your `dense_backward` on a random layer; every gap should be below 1e-6.
    """)
    return


@app.function
def numeric_gradient(loss: Callable[[np.ndarray], float], x: np.ndarray,
                     step: float = 1e-5) -> np.ndarray:
    """Central differences of a scalar function at x, one entry at a time."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[i], down[i] = x[i] + step, x[i] - step
        grad[i] = (loss(up) - loss(down)) / (2 * step)
    return grad


@app.cell
def _(ex):
    _rng = np.random.default_rng(SEED)
    _X, _W, _b, _G = (_rng.normal(size=s) for s in [(4, 3), (3, 2), (2,), (4, 2)])
    _numeric = {  # the loss sum(out * G) has d loss / d out = G
        "grad_X": numeric_gradient(lambda v: float(((v @ _W + _b) * _G).sum()), _X),
        "grad_W": numeric_gradient(lambda v: float(((_X @ v + _b) * _G).sum()), _W),
        "grad_b": numeric_gradient(lambda v: float(((_X @ _W + v) * _G).sum()), _b),
    }

    _gaps = attempt(ex.dense_backward, _X, _W, _G).view(lambda grads: mo.md(", ".join(
        f"`{name}`: {np.max(np.abs(np.asarray(got) - expected)):.1e}"
        for (name, expected), got in zip(_numeric.items(), grads, strict=True))))
    mo.vstack([mo.md("**Your `dense_backward`: largest gap to finite differences**"), _gaps])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## A network that learns XOR

    One hidden layer is enough for XOR: `dense -> tanh -> dense -> softmax`, trained by
    gradient descent on the cross-entropy. Each hidden unit draws its own line; the output
    layer combines them. The notebook's own small network re-trains on every change and
    shows P(class 1) over the plane and the loss per epoch; your `train_mlp`, with the same
    settings, is the dashed curve.
    """)
    return


@app.cell
def _():
    hidden_units = mo.ui.slider(1, 16, value=3, show_value=True, label="Hidden units")
    hidden_units
    return (hidden_units,)


@app.cell
def _():
    learning_rate = mo.ui.slider(0.05, 6.0, step=0.05, value=0.5, show_value=True,
                                 label="Learning rate")
    learning_rate
    return (learning_rate,)


@app.cell
def _():
    xor_epochs = mo.ui.slider(0, 3000, step=50, value=1000, show_value=True,
                              label="Epochs (drag to watch the boundary form)")
    xor_epochs
    return (xor_epochs,)


@app.cell
def _():
    init_seed = mo.ui.number(0, 99, value=SEED, label="Seed of the initial weights")
    init_seed
    return (init_seed,)


@app.function
def demo_forward(params: dict, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Hidden activations and class probabilities of the notebook's own network."""
    hidden = np.tanh(X @ params["W1"] + params["b1"])
    scores = hidden @ params["W2"] + params["b2"]
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return hidden, e / e.sum(axis=1, keepdims=True)


@app.function
@mo.cache
def demo_mlp(X: np.ndarray, y: np.ndarray, hidden: int, epochs: int, lr: float,
             seed: int) -> tuple[dict, list]:
    """The notebook's own one-hidden-layer network, trained by full-batch gradient descent.

    A demo for the pictures, written compactly; `train_mlp` in the exercises is yours.
    """
    rng = np.random.default_rng(seed)
    d, k = X.shape[1], int(y.max()) + 1
    params = {"W1": rng.normal(0, 1 / np.sqrt(d), (d, hidden)), "b1": np.zeros(hidden),
              "W2": rng.normal(0, 1 / np.sqrt(hidden), (hidden, k)), "b2": np.zeros(k)}
    one_hot, losses = np.eye(k)[y], []
    for _ in range(epochs):
        h, p = demo_forward(params, X)
        losses.append(float(-np.log(p[one_hot == 1] + 1e-300).mean()))
        g2 = (p - one_hot) / len(X)  # d loss / d scores
        g1 = g2 @ params["W2"].T * (1 - h**2)  # back through W2, then through tanh
        grads = {"W1": X.T @ g1, "b1": g1.sum(0), "W2": h.T @ g2, "b2": g2.sum(0)}
        params = {name: value - lr * grads[name] for name, value in params.items()}
    return params, losses


@app.cell
def _(ex, hidden_units, init_seed, learning_rate, xor_epochs):
    _args = (hidden_units.value, xor_epochs.value, learning_rate.value, int(init_seed.value))
    _params, _losses = demo_mlp(XOR_X, GATES["XOR"], *_args)
    _yours = attempt(ex.train_mlp, XOR_X, GATES["XOR"], *_args)
    _right = (demo_forward(_params, XOR_X)[1].argmax(axis=1) == GATES["XOR"]).sum()
    _fig, (_left, _curve) = plt.subplots(1, 2, figsize=(9, 3.6))
    draw_gate(_left, GATES["XOR"], f"Notebook's network: {_right}/4 right",
              lambda points: demo_forward(_params, points)[1][:, 1])
    _curve.plot(_losses, color="#36c", label="notebook")
    if _yours.ok:  # your network, read by your mlp_predict
        _read = attempt(ex.mlp_predict, _yours.value[0], XOR_X)
        _score = f"{(np.asarray(_read.value) == GATES['XOR']).sum()}/4 right" if _read.ok else ""
        _curve.plot(list(_yours.value[1]), "k--", label=f"your train_mlp {_score}")
    _curve.set(xlabel="epoch", ylabel="cross-entropy", yscale="log", title="Loss")
    _curve.legend()
    _fig.tight_layout()
    _fig
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - **Hidden units = 1**: one tanh unit draws one line, and XOR stays unsolved, just like the
      perceptron. With **2**, about 6 seeds in 10 work: change the seed and watch some runs
      flatten at a bad loss (a poor local minimum). With **4 or more**, nearly every seed
      works. Extra units are cheap insurance.
    - **Epochs**: drag from 0 up. The boundary starts as whatever the random weights draw,
      then bends into a band along the diagonal.
    - **Learning rate**: at 0.05 the loss sits near 0.69 (a coin flip) for hundreds of epochs
      before it drops; at 2 it falls fast with a few wobbles; at 5 or more it jumps around and
      never settles. Too small wastes time, too large never converges.
    ///
    """)
    return


@app.cell(hide_code=True)
def _():
    mo.md(rf"""
    ## Reading handwritten digits

    The same network reads digits. scikit-learn ships 1,797 handwritten digits as 8x8
    images; each becomes a row of 64 pixels scaled to [0, 1], and the network gets 64 inputs,
    {DIGITS_HIDDEN} hidden units and 10 outputs. A quarter of the images is held out and
    never used for training: accuracy on them is what counts.
    """)
    return


@app.cell
def _():
    _digits = load_digits()
    digits_train_X, digits_test_X, digits_train_y, digits_test_y = train_test_split(
        _digits.data / 16.0, _digits.target, test_size=TEST_SHARE, stratify=_digits.target,
        random_state=SEED)
    mo.md(f"{len(digits_train_y):,} training images, {len(digits_test_y):,} held out.")
    return digits_test_X, digits_test_y, digits_train_X, digits_train_y


@app.cell
def _():
    digits_epochs = mo.ui.slider(10, 400, step=10, value=200, show_value=True,
                                 label="Training epochs for the digits network")
    digits_epochs
    return (digits_epochs,)


@app.cell
def _(digits_epochs, digits_test_X, digits_test_y, digits_train_X, digits_train_y):
    _started = time.perf_counter()
    _params, _ = demo_mlp(digits_train_X, digits_train_y, DIGITS_HIDDEN, digits_epochs.value,
                          DIGITS_LR, SEED)
    _seconds = time.perf_counter() - _started
    _, _proba = demo_forward(_params, digits_test_X)
    digits_predicted = _proba.argmax(axis=1)
    _accuracy = (digits_predicted == digits_test_y).mean()
    mo.stat(f"{_accuracy:.1%}", label="held-out accuracy (notebook)",
            caption=f"{digits_epochs.value} epochs, trained in {_seconds:.2f} s (cached after)")
    return (digits_predicted,)


@app.cell
def _(digits_predicted, digits_test_X, digits_test_y):
    _wrong = np.flatnonzero(digits_predicted != digits_test_y)[:8]
    _fig = plt.figure(figsize=(10, 4))
    _cm_ax = _fig.add_axes((0.0, 0.05, 0.45, 0.9))
    ConfusionMatrixDisplay.from_predictions(digits_test_y, digits_predicted, ax=_cm_ax,
                                            colorbar=False)
    _cm_ax.set_title("Confusion matrix (rows: true digit)")
    for _slot, _i in enumerate(_wrong):
        _ax = _fig.add_axes((0.5 + 0.12 * (_slot % 4), 0.5 - 0.45 * (_slot // 4), 0.1, 0.38))
        _ax.imshow(digits_test_X[_i].reshape(8, 8), cmap="gray_r")
        _ax.set_title(f"{digits_test_y[_i]} read as {digits_predicted[_i]}", fontsize=9)
        _ax.axis("off")
    _fig
    return


@app.cell
def _(digits_test_X, digits_test_y, digits_train_X, digits_train_y, ex):
    _started = time.perf_counter()
    _params = attempt(ex.train_digits, digits_train_X, digits_train_y, SEED)
    _seconds = time.perf_counter() - _started
    _read = attempt(ex.mlp_predict, _params.value, digits_test_X) if _params.ok else _params
    mo.vstack([mo.md("**Your `train_digits` + `mlp_predict`** (90% needed):"), _read.view(
        lambda v: mo.stat(f"{(np.asarray(v) == digits_test_y).mean():.1%}",
                          label="held-out accuracy (yours)", caption=f"{_seconds:.2f} s"))])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - Drag the **epochs** down to 10: accuracy falls to about 79%, and the confusion matrix
      spreads off its diagonal. At 200 it is about 96%; doubling that buys under one point.
    - Look at the misread digits: many are ones a person would hesitate over too, at 8x8
      pixels. The confusion matrix says which pairs to collect more examples of.
    ///

    ## Exercises

    Write the functions in `exercises/exercises_13.py` in order, since each builds on the
    last: `perceptron_train`; `activate`, `softmax`; `cross_entropy`; `dense_forward`,
    `dense_backward`; `mlp_predict`, `train_mlp`; `train_digits`. The panel runs the same
    checks as `uv run pytest exercises/test_exercises_13.py` whenever you save the file.
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

    1. The perceptron fails on XOR however long it trains, while a network with 2 hidden
       units fails only for some seeds. Why are these two different kinds of failure?
    2. Your `train_mlp` is graded by a gradient check on each layer plus "solves XOR". Which
       bugs would a network still learn through, and which checks catch them?
    3. Starting every weight at zero makes the hidden units identical forever. Explain why
       from the formula for `grad_W`.
    4. The digits network reads about 96% of held-out images. What would you need to know
       before promising that accuracy on digits from another source, such as phone photos?
    5. When would you write a network yourself like this, and when reach for a library?
    """)
    return


if __name__ == "__main__":
    app.run()
