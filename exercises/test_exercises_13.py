"""Graders for module 13, neural networks from scratch in NumPy.

Run them with `uv run pytest exercises/test_exercises_13.py`. Derivatives and gradients are
checked against finite differences of functions written independently here, the loss against
scikit-learn's `log_loss`, and the networks by what they do: solve XOR, read held-out digits.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np
import pytest
from sklearn.datasets import load_digits
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split
from threadpoolctl import threadpool_limits

from mlcourse.grading import LearnerError, expect, expect_type

STEP = 1e-5  # finite-difference step for numeric derivatives
GRAD_TOL = 1e-6  # allowed gap between an analytic and a numeric derivative
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])


@pytest.fixture(autouse=True, scope="module")
def _one_blas_thread():
    """Small matrix products run fastest on one thread, however busy the machine is."""
    with threadpool_limits(limits=1, user_api="blas"):
        yield


def _close(got: object, expected: np.ndarray, tol: float = 1e-9) -> bool:
    got = np.asarray(got, dtype=float)
    return got.shape == expected.shape and bool(np.allclose(got, expected, rtol=tol, atol=tol))


def numeric_gradient(f: Callable[[np.ndarray], float], x: np.ndarray) -> np.ndarray:
    """Central differences of the scalar function f at x, one entry at a time."""
    grad = np.zeros_like(x, dtype=float)
    for i in np.ndindex(x.shape):
        up, down = x.astype(float), x.astype(float)
        up[i] += STEP
        down[i] -= STEP
        grad[i] = (f(up) - f(down)) / (2 * STEP)
    return grad


# Exercise 1: the perceptron ----------------------------------------------------------------

GATES = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1], "NAND": [1, 1, 1, 0]}


def _train_perceptron(ex, X: np.ndarray, y: np.ndarray, epochs: int, lr: float):
    result = ex.perceptron_train(X, y, epochs, lr)
    expect(isinstance(result, tuple) and len(result) == 3,
           "perceptron_train should return a tuple (w, b, mistakes).")
    w, b, mistakes = result
    expect_type(w, np.ndarray, "w")
    expect(w.shape == (X.shape[1],), f"w should have shape {(X.shape[1],)}, not {w.shape}.")
    expect_type(b, (int, float, np.integer, np.floating), "b")
    mistakes = list(mistakes)
    expect(len(mistakes) == epochs,
           f"mistakes should have one count per epoch ({epochs}), not {len(mistakes)} entries. "
           "Train for exactly `epochs` epochs, even when there are no mistakes left.")
    return w, float(b), mistakes


def _perceptron_predictions(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return (X @ w + b > 0).astype(int)


@pytest.mark.parametrize("gate", list(GATES))
def test_perceptron_learns_linearly_separable_gates(ex, gate):
    y = np.array(GATES[gate])
    w, b, mistakes = _train_perceptron(ex, XOR_X, y, epochs=20, lr=0.1)
    predicted = _perceptron_predictions(XOR_X, w, b)
    why = (" Without a bias the line must pass through (0, 0), and no such line separates "
           f"{gate}: does `b` ever change?" if gate != "OR" else "")
    expect(np.array_equal(predicted, y),
           f"After 20 epochs your perceptron predicts {predicted.tolist()} for {gate}, "
           f"not {y.tolist()}.{why}")
    expect(mistakes[-1] == 0, f"The last epoch on {gate} should make no mistakes, "
                              f"your counts are {mistakes}.")


def test_perceptron_separates_two_clouds_of_points(ex):
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 3, size=(200, 2))
    margin = X[:, 0] + 2 * X[:, 1] - 4  # the true boundary does not pass through the origin
    X, y = X[np.abs(margin) > 0.5][:40], (margin[np.abs(margin) > 0.5][:40] > 0).astype(int)
    w, b, mistakes = _train_perceptron(ex, X, y, epochs=200, lr=0.5)
    accuracy = (_perceptron_predictions(X, w, b) == y).mean()
    expect(accuracy == 1.0, f"The points are separable by a line, so the perceptron must end "
                            f"with all right; yours gets {accuracy:.0%}.")
    expect(mistakes[-1] == 0, f"The last epoch should make no mistakes, not {mistakes[-1]}.")


@pytest.mark.time_limit(3)
def test_perceptron_cannot_learn_xor_and_still_stops(ex):
    w, b, mistakes = _train_perceptron(ex, XOR_X, XOR_Y, epochs=50, lr=1.0)
    accuracy = (_perceptron_predictions(XOR_X, w, b) == XOR_Y).mean()
    expect(accuracy <= 0.75, f"No line separates XOR, yet your w, b get {accuracy:.0%} right "
                             "with the documented rule `x @ w + b > 0`.")
    expect(min(mistakes) >= 1,
           f"Every epoch on XOR must contain at least one mistake (no line separates it), but "
           f"your counts are {mistakes}. Count a mistake before the update it causes.")


# Exercise 2: activations and softmax -------------------------------------------------------

REFERENCE = {  # written differently from the usual formulas on purpose
    "sigmoid": lambda z: 0.5 * (1.0 + np.tanh(z / 2.0)),
    "tanh": np.tanh,
    "relu": lambda z: np.where(z > 0, z, 0.0),
}
WRONG_DERIVATIVE = {
    "sigmoid": "The derivative is s * (1 - s) with s = sigmoid(z), not z * (1 - z).",
    "tanh": "The derivative is 1 - tanh(z)**2, written with the output, not 1 - z**2.",
    "relu": "The derivative is 1 where z > 0 and 0 elsewhere: a step, not relu itself.",
}


def _activate(ex, z: np.ndarray, kind: str) -> tuple[np.ndarray, np.ndarray]:
    result = ex.activate(z, kind)
    expect(isinstance(result, tuple) and len(result) == 2,
           f"activate(z, {kind!r}) should return a tuple (a, da_dz).")
    a, da = (np.asarray(part, dtype=float) for part in result)
    expect(a.shape == z.shape and da.shape == z.shape,
           f"Both outputs should have the shape of z, {z.shape}; got {a.shape} and {da.shape}.")
    return a, da


@pytest.mark.parametrize("kind", list(REFERENCE))
def test_activation_values_match_their_definition(ex, kind):
    z = np.array([[-3.0, -0.5, 0.0], [0.25, 1.0, 4.0]])
    a, _ = _activate(ex, z, kind)
    expected = REFERENCE[kind](z)
    expect(_close(a, expected), f"{kind}({z.tolist()}) should be {expected.round(4).tolist()}, "
                                f"yours is {a.round(4).tolist()}.")


@pytest.mark.parametrize("kind", list(REFERENCE))
def test_activation_derivative_matches_finite_differences(ex, kind):
    z = np.linspace(-3.0, 3.0, 12)  # 12 points: none lands on relu's kink at 0
    _, da = _activate(ex, z, kind)
    numeric = (REFERENCE[kind](z + STEP) - REFERENCE[kind](z - STEP)) / (2 * STEP)
    expect(_close(da, numeric, GRAD_TOL),
           f"The derivative of {kind} disagrees with finite differences: largest gap "
           f"{np.max(np.abs(da - numeric)):.3g}. {WRONG_DERIVATIVE[kind]}")


@pytest.mark.parametrize("kind", list(REFERENCE))
def test_activation_is_finite_on_huge_inputs(ex, kind):
    z = np.array([-1000.0, -100.0, 100.0, 1000.0])
    with np.errstate(all="ignore"):
        a, da = _activate(ex, z, kind)
    expect(bool(np.isfinite(a).all() and np.isfinite(da).all()),
           f"activate({z.tolist()}, {kind!r}) gave {a.tolist()} and {da.tolist()}: inf or nan. "
           "exp(1000) overflows; write the formula so exp only sees numbers <= 0.")
    expect(_close(a, REFERENCE[kind](z), 1e-12),
           f"{kind} of huge inputs should be {REFERENCE[kind](z).tolist()}, not {a.tolist()}.")


def test_activate_rejects_an_unknown_kind(ex):
    z = np.array([0.5])
    ex.activate(z, "tanh")  # a stub stops here as "not attempted"
    try:
        result = ex.activate(z, "swish")
    except LearnerError as error:
        expect(isinstance(error.original, ValueError),
               f"An unknown kind should raise ValueError, not {type(error.original).__name__}.")
        return
    expect(False, f"activate(z, 'swish') returned {result!r}; an unknown kind should raise "
                  "ValueError, not fall back to another function.")


def _reference_softmax(logits: np.ndarray) -> np.ndarray:
    log_norm = np.logaddexp.reduce(logits, axis=1, keepdims=True)
    return np.exp(logits - log_norm)


def test_softmax_rows_are_probabilities(ex):
    logits = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    probs = np.asarray(ex.softmax(logits), dtype=float)
    expect(probs.shape == logits.shape, f"softmax should keep the shape {logits.shape}, "
                                        f"not return {probs.shape}.")
    expect(bool((probs > 0).all()), "Every probability should be positive.")
    expect(_close(probs.sum(axis=1), np.ones(2)),
           f"Each row should sum to 1; yours sum to {probs.sum(axis=1).round(4).tolist()}. "
           "Normalise along axis=1 (the classes), not axis=0.")


@pytest.mark.parametrize("seed", [0, 1])
def test_softmax_matches_a_log_sum_exp_reference(ex, seed):
    logits = np.random.default_rng(seed).normal(0.0, 3.0, size=(4, 5))
    probs = ex.softmax(logits)
    expect(_close(probs, _reference_softmax(logits)),
           "softmax disagrees with exp(z) / sum(exp(z)) taken row by row.")


@pytest.mark.parametrize("logits", [
    [[1000.0, 1001.0, 1002.0]],
    [[-1000.0, -1001.0, -1002.0]],
    [[1000.0, 1001.0], [0.0, 1.0]],
], ids=["huge", "very_negative", "rows_of_different_scale"])
def test_softmax_is_stable_for_huge_logits(ex, logits):
    logits = np.array(logits)
    with np.errstate(all="ignore"):
        probs = np.asarray(ex.softmax(logits), dtype=float)
    expected = _reference_softmax(logits)
    expect(bool(np.isfinite(probs).all()) and _close(probs, expected),
           f"softmax({logits.tolist()}) gave {probs.round(4).tolist()}, expected "
           f"{expected.round(4).tolist()}. Subtract each row's own maximum before exp.")


# Exercise 3: the loss ----------------------------------------------------------------------


def _reference_loss(logits: np.ndarray, y: np.ndarray) -> float:
    log_probs = logits - np.logaddexp.reduce(logits, axis=1, keepdims=True)
    return float(-log_probs[np.arange(len(y)), y].mean())


def _cross_entropy(ex, logits: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    result = ex.cross_entropy(logits, y)
    expect(isinstance(result, tuple) and len(result) == 2,
           "cross_entropy should return a tuple (loss, grad).")
    loss, grad = result
    expect_type(loss, (float, np.floating), "the loss")
    grad = np.asarray(grad, dtype=float)
    expect(grad.shape == logits.shape,
           f"grad should have the shape of the logits, {logits.shape}, not {grad.shape}.")
    return float(loss), grad


CE_CASES = {
    "one_row": ([[0.0, 0.0]], [1]),
    "three_rows": ([[2.0, 0.5, -1.0], [0.1, 0.2, 0.3], [-2.0, 1.0, 3.0]], [0, 2, 1]),
    "five_rows": ([[1.0, -1.0], [3.0, 0.0], [0.0, 0.0], [-4.0, 4.0], [0.5, 0.25]],
                  [0, 1, 0, 1, 1]),
}


@pytest.mark.parametrize("case", list(CE_CASES))
def test_cross_entropy_loss_matches_sklearn_log_loss(ex, case):
    logits, y = (np.array(part) for part in CE_CASES[case])
    loss, _ = _cross_entropy(ex, logits, y)
    expected = log_loss(y, _reference_softmax(logits), labels=range(logits.shape[1]))
    why = " Take the mean over the rows, not the sum." if np.isclose(loss, expected * len(y)) \
        else ""
    expect(np.isclose(loss, expected, rtol=1e-9),
           f"The loss should be {expected:.6f} (scikit-learn's log_loss), yours is "
           f"{loss:.6f}.{why}")


@pytest.mark.parametrize("case", list(CE_CASES))
def test_cross_entropy_gradient_matches_finite_differences(ex, case):
    logits, y = (np.array(part, dtype=float) for part in CE_CASES[case])
    y = y.astype(int)
    _, grad = _cross_entropy(ex, logits, y)
    numeric = numeric_gradient(lambda z: _reference_loss(z, y), logits)
    hint = ""
    if _close(grad, -numeric, GRAD_TOL):
        hint = " It has the wrong sign: the gradient is p - one_hot, not one_hot - p."
    elif _close(grad, numeric * len(y), GRAD_TOL):
        hint = " It is n times too large: the loss is a mean, so divide by the number of rows."
    expect(_close(grad, numeric, GRAD_TOL),
           f"d loss / d logits disagrees with finite differences (largest gap "
           f"{np.max(np.abs(grad - numeric)):.3g}).{hint}")


def test_cross_entropy_is_finite_for_confident_mistakes(ex):
    logits, y = np.array([[1000.0, 0.0], [0.0, 0.0]]), np.array([1, 0])
    with np.errstate(all="ignore"):
        loss, grad = _cross_entropy(ex, logits, y)
    expect(bool(np.isfinite(loss)) and bool(np.isfinite(grad).all()),
           f"A confident wrong answer gave loss {loss} and grad {grad.tolist()}. The true "
           "class's probability underflows to 0 and log(0) = -inf: use log-softmax, "
           "z - max - log(sum(exp(z - max))), instead of log(softmax(z)).")
    expect(loss >= 10.0, f"A confident wrong answer should cost a lot; your loss is {loss:.3g}.")


# Exercise 4: a dense layer -----------------------------------------------------------------

LAYER_SHAPES = [(1, 1, 1), (2, 3, 4), (5, 4, 2), (4, 3, 3)]  # (n, d_in, d_out)


def _layer(seed: int, n: int, d_in: int, d_out: int):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(n, d_in)), rng.normal(size=(d_in, d_out)), rng.normal(size=d_out),
            rng.normal(size=(n, d_out)))


def _reference_dense(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (X[:, :, None] * W[None, :, :]).sum(axis=1) + b  # out[i, j] = sum_k X_ik W_kj + b_j


@pytest.mark.parametrize("shape", LAYER_SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_dense_forward_is_weighted_sum_plus_bias(ex, shape):
    X, W, b, _ = _layer(0, *shape)
    out = np.asarray(ex.dense_forward(X, W, b), dtype=float)
    expected = _reference_dense(X, W, b)
    expect(out.shape == expected.shape,
           f"The output should have shape (n, d_out) = {expected.shape}, not {out.shape}.")
    missing_bias = " Did you forget `+ b`?" if _close(out, expected - b) else ""
    expect(_close(out, expected), f"dense_forward disagrees with sum_k X[i, k] W[k, j] + b[j]."
                                  f"{missing_bias}")


@pytest.mark.parametrize("shape", LAYER_SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_dense_backward_passes_a_gradient_check(ex, shape):
    X, W, b, upstream = _layer(1, *shape)
    result = ex.dense_backward(X, W, upstream)
    expect(isinstance(result, tuple) and len(result) == 3,
           "dense_backward should return a tuple (grad_X, grad_W, grad_b).")
    # The loss sum(out * upstream) has d loss / d out = upstream, as the docstring promises.
    numeric = {
        "grad_X": numeric_gradient(lambda v: float((_reference_dense(v, W, b) * upstream).sum()),
                                   X),
        "grad_W": numeric_gradient(lambda v: float((_reference_dense(X, v, b) * upstream).sum()),
                                   W),
        "grad_b": numeric_gradient(lambda v: float((_reference_dense(X, W, v) * upstream).sum()),
                                   b),
    }
    for (name, expected), got in zip(numeric.items(), result, strict=True):
        got = np.asarray(got, dtype=float)
        expect(got.shape == expected.shape,
               f"{name} should have shape {expected.shape}, like the array it belongs to, not "
               f"{got.shape}. A transpose missing or in the wrong place?")
        why = {"grad_b": " b is added to every row: sum the upstream gradient over the batch.",
               "grad_W": " It is X.T @ grad_out.", "grad_X": " It is grad_out @ W.T."}[name]
        expect(_close(got, expected, GRAD_TOL),
               f"{name} disagrees with finite differences (largest gap "
               f"{np.max(np.abs(got - expected)):.3g}).{why}")


# Exercise 5: a multi-layer perceptron ------------------------------------------------------


def _reference_scores(params: dict[str, np.ndarray], X: np.ndarray) -> np.ndarray:
    return np.tanh(X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]


def test_mlp_predict_runs_a_hand_built_xor_network(ex):
    # Hidden unit 1 fires for "at least one input on", unit 2 for "both on";
    # class 1 wins when the first fires and the second doesn't.
    params = {"W1": np.array([[10.0, 10.0], [10.0, 10.0]]), "b1": np.array([-5.0, -15.0]),
              "W2": np.array([[0.0, 1.0], [0.0, -1.0]]), "b2": np.array([0.0, -1.0])}
    predicted = np.asarray(ex.mlp_predict(params, XOR_X))
    expect(predicted.shape == (4,), f"Predictions should have shape (4,), not {predicted.shape}.")
    expect(np.array_equal(predicted, XOR_Y),
           f"This network computes XOR, {XOR_Y.tolist()}, but mlp_predict gives "
           f"{predicted.tolist()}. The hidden layer uses tanh.")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_mlp_predict_matches_a_forward_pass_with_random_weights(ex, seed):
    rng = np.random.default_rng(seed)
    params = {"W1": rng.normal(size=(3, 4)), "b1": rng.normal(size=4),
              "W2": rng.normal(size=(4, 5)), "b2": rng.normal(size=5)}
    X = rng.normal(size=(10, 3))
    predicted = np.asarray(ex.mlp_predict(params, X))
    expected = _reference_scores(params, X).argmax(axis=1)
    expect(predicted.shape == expected.shape,
           f"One class per row: shape {expected.shape}, not {predicted.shape}. argmax(axis=1)?")
    expect(np.array_equal(predicted, expected),
           f"mlp_predict gives {predicted.tolist()}, a tanh network gives {expected.tolist()}.")


def _train_mlp(ex, X, y, hidden, epochs, lr, seed):
    result = ex.train_mlp(X, y, hidden, epochs, lr, seed)
    expect(isinstance(result, tuple) and len(result) == 2,
           "train_mlp should return a tuple (params, losses).")
    params, losses = result
    expect_type(params, dict, "params")
    missing = sorted({"W1", "b1", "W2", "b2"} - set(params))
    expect(not missing, f"params lacks {missing}.")
    losses = [float(v) for v in losses]
    expect(len(losses) == epochs, f"losses should have one value per epoch ({epochs}), not "
                                  f"{len(losses)}.")
    expected = {"W1": (X.shape[1], hidden), "W2": (hidden, int(y.max()) + 1)}
    got = {name: np.shape(params[name]) for name in expected}
    expect(got == expected, f"Weight shapes should be {expected}, yours are {got}. Weights are "
                            "(inputs, outputs), so that a layer computes X @ W + b.")
    return params, losses


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_train_mlp_learns_xor(ex, seed):
    params, losses = _train_mlp(ex, XOR_X, XOR_Y, hidden=8, epochs=1000, lr=1.0, seed=seed)
    predicted = _reference_scores(params, XOR_X).argmax(axis=1)
    if abs(losses[-1] - np.log(2)) < 0.01:
        why = ("The loss is stuck at log(2), a 50/50 guess for every input. If the weights "
               "start equal (or at 0, or tiny), every hidden unit learns the same thing.")
    elif not losses[-1] < losses[0]:
        why = "The loss did not go down: check the sign of each step, `param - lr * grad`."
    else:
        why = "Do your layer and loss functions pass their own checks? Then look at the step."
    expect(np.array_equal(predicted, XOR_Y),
           f"With seed {seed}, the trained network predicts {predicted.tolist()} for XOR, not "
           f"{XOR_Y.tolist()} (loss {losses[0]:.3f} -> {losses[-1]:.3f}). {why}")


def test_train_mlp_loss_goes_down_on_xor(ex):
    _, losses = _train_mlp(ex, XOR_X, XOR_Y, hidden=8, epochs=1000, lr=1.0, seed=0)
    expect(bool(np.isfinite(losses).all()), "Some losses are inf or nan.")
    expect(losses[-1] < losses[0],
           f"The loss went from {losses[0]:.3f} to {losses[-1]:.3f}; it should fall. Gradient "
           "descent steps against the gradient, `param - lr * grad`; a loss stuck at 0.693 "
           "means the hidden units started (and stayed) identical.")
    expect(losses[-1] < 0.05, f"After 1,000 epochs the XOR loss should be below 0.05, yours "
                              f"is {losses[-1]:.3f}.")


def test_train_mlp_parameters_have_the_documented_shapes(ex):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(6, 3)), np.array([0, 1, 2, 0, 1, 2])
    params, _ = _train_mlp(ex, X, y, hidden=5, epochs=3, lr=0.1, seed=0)
    expected = {"W1": (3, 5), "b1": (5,), "W2": (5, 3), "b2": (3,)}
    got = {name: np.shape(params[name]) for name in expected}
    expect(got == expected, f"Parameter shapes should be {expected}, yours are {got}. Weights "
                            "are (inputs, outputs), so that a layer computes X @ W + b.")


def test_train_mlp_same_seed_same_network(ex):
    args = (XOR_X, XOR_Y, 4, 5, 0.5)
    first, _ = _train_mlp(ex, *args, seed=7)
    again, _ = _train_mlp(ex, *args, seed=7)
    other, _ = _train_mlp(ex, *args, seed=8)
    expect(all(np.array_equal(first[k], again[k]) for k in first),
           "The same seed gave two different networks: draw every initial weight from "
           "np.random.default_rng(seed).")
    expect(not np.array_equal(first["W1"], other["W1"]),
           "Seeds 7 and 8 gave the same W1: the initial weights should be random.")


# Exercise 6: reading digits ----------------------------------------------------------------


@cache
def digits_split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Three quarters of scikit-learn's 1,797 digits to train on, a quarter held out."""
    digits = load_digits()
    return tuple(train_test_split(digits.data / 16.0, digits.target, test_size=0.25,
                                  stratify=digits.target, random_state=0))


@pytest.mark.time_limit(20)
def test_digits_network_reads_90_percent_of_held_out_digits(ex):
    X_train, X_test, y_train, y_test = digits_split()
    params = ex.train_digits(X_train, y_train, 0)
    expect_type(params, dict, "train_digits(...)")
    expect(np.shape(params.get("W1"))[:1] == (64,) and np.shape(params.get("W2"))[-1:] == (10,),
           "W1 should take the 64 pixels in and W2 give 10 scores out.")
    accuracy = float((np.asarray(ex.mlp_predict(params, X_test)) == y_test).mean())
    expect(accuracy >= 0.90,
           f"Your network reads {accuracy:.1%} of the {len(y_test)} held-out digits; 90% is "
           "needed. Train longer, use more hidden units, or raise the learning rate.")
